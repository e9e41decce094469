"""HXL export: libhxl parses the file and finds the hashtags and values."""

from __future__ import annotations

import hxl

from tollwatch.export import export
from tollwatch.export import hxl as hxl_export


def test_libhxl_reads_the_tags_and_values(ledger, tmp_path):
    path = tmp_path / "ledger-hxl.csv"
    assert export("hxl", *ledger, rule="ucdp", out=path) == 2
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].split(",")[:3] == ["Incident", "Date", "Date end"]
    assert lines[1] == ",".join(hxl_export.HASHTAGS)
    source = hxl.data(str(path), hxl.InputOptions(allow_local=True))
    tags = {col.display_tag for col in source.columns}
    for tag in (
        "#date+start",
        "#adm1+name",
        "#geo+lat",
        "#geo+lon",
        "#affected+killed",
        "#affected+injured",
        "#affected+idps",
        "#meta+source",
        "#meta+rule",
        "#event+type",
    ):
        assert tag in tags
    rows = list(source)
    assert len(rows) == 2
    first = rows[0]
    assert first.get("#affected+killed") == "12"
    assert first.get("#affected+injured") == "30"
    assert first.get("#adm1+name") == "Idlib"
    assert first.get("#meta+rule") == "ucdp"
    assert rows[1].get("#affected+idps") == "3"


SCHEMA_ROWS = [
    ["#valid_tag", "#valid_required", "#valid_datatype"],
    ["#affected+killed", "", "number"],
    ["#geo+lat", "", "number"],
    ["#date+start", "", "date"],
    ["#meta+rule", "true", ""],
]


def _validate(path) -> list[str]:
    found: list = []
    schema = hxl.schema(SCHEMA_ROWS, callback=found.append)
    schema.validate(hxl.data(str(path), hxl.InputOptions(allow_local=True)))
    return [str(e) for e in found]


def test_libhxl_schema_validation_passes(ledger, tmp_path):
    path = tmp_path / "ledger-hxl.csv"
    export("hxl", *ledger, rule="max", out=path)
    assert _validate(path) == []
    # The same schema catches a broken figure, so the check above can fail.
    broken = tmp_path / "broken.csv"
    text = path.read_text(encoding="utf-8").splitlines()
    row = text[2].split(",")
    row[hxl_export.HASHTAGS.index("#affected+killed")] = "many"
    broken.write_text("\n".join([text[0], text[1], ",".join(row)]) + "\n", encoding="utf-8")
    assert _validate(broken) != []
