"""HXL export: libhxl reads it, its own schema finds no error, its tags are HXL's (as in a
file written in HXL's shape), and situation figures are in it."""

from __future__ import annotations

import hxl

from tollwatch.export import export
from tollwatch.export import hxl as hxl_export


def _data(path):
    return hxl.data(str(path), hxl.InputOptions(allow_local=True))


def test_libhxl_reads_the_tags_and_values(ledger, situations, tmp_path, standards):
    incidents, claims = ledger
    path = tmp_path / "ledger-hxl.csv"
    # two incidents, then the situations: Mosul's families (with its copy), the province's
    # displaced, people at risk in Mosul
    assert export("hxl", incidents, claims + situations, rule="ucdp", out=path) == 5
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].split(",")[:3] == ["Incident", "Kind", "Date"]
    assert lines[1] == ",".join(hxl_export.HASHTAGS)
    source = _data(path)
    ours = {col.display_tag for col in source.columns}
    theirs = {col.display_tag for col in _data(standards / "hxl.csv").columns}
    assert theirs <= ours
    rows = list(source)
    first = rows[0]
    assert first.get("#affected+killed") == "12"
    assert first.get("#affected+injured") == "30"
    assert first.get("#adm1+name") == "Idlib"
    assert first.get("#meta+rule") == "ucdp"
    assert rows[1].get("#affected+idps") == "3"
    by_place = {(r.get("#loc+name"), r.get("#meta+unit")): r for r in rows[2:]}
    families = by_place[("Mosul", "households")]
    assert (families.get("#affected+idps"), families.get("#event+kind")) == ("1800", "situation")
    assert families.get("#date+start") == "2017-03-14"
    assert by_place[("Nineveh", "people")].get("#affected+idps") == "97000"
    assert by_place[("Mosul", "people")].get("#affected+at_risk") == "400000"


def _problems(path) -> list[str]:
    report = hxl.validate(_data(path))
    return [
        f"{issue['description']} ({issue['rule']['severity']})"
        for issue in report["issues"]
        if issue["rule"]["severity"] == "error"
    ]


def test_libhxl_default_schema_passes(ledger, situations, tmp_path):
    incidents, claims = ledger
    path = tmp_path / "ledger-hxl.csv"
    export("hxl", incidents, claims + situations, rule="max", out=path)
    assert hxl.validate(_data(path))["is_valid"], _problems(path)
    # The same check catches a date that is no date, so the pass above can fail.
    broken = tmp_path / "broken.csv"
    text = path.read_text(encoding="utf-8").splitlines()
    row = text[2].split(",")
    row[hxl_export.HASHTAGS.index("#date+start")] = "7"
    broken.write_text("\n".join([text[0], text[1], ",".join(row)]) + "\n", encoding="utf-8")
    assert not hxl.validate(_data(broken))["is_valid"]
