"""ACLED export: ACLED's column names, one row per incident, the rule in tags."""

from __future__ import annotations

import csv
import io

from tollwatch.export import acled, export


def read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_header_is_exact(ledger):
    out = io.StringIO()
    assert export("acled", *ledger, rule="ucdp", out=out) == 2
    assert out.getvalue().splitlines()[0] == (
        "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
        "actor1,assoc_actor_1,civilian_targeting,iso,country,admin1,admin2,admin3,location,"
        "latitude,longitude,geo_precision,source,notes,fatalities,tags"
    )


def test_rows_under_each_rule(ledger):
    out = io.StringIO()
    export("acled", *ledger, rule="conservative", out=out)
    first, second = read(out.getvalue())
    assert first["fatalities"] == "12"  # lowest credible; the copy and the subset count not
    assert first["tags"] == "rule=conservative; grade=fair"
    assert (first["event_date"], first["year"], first["time_precision"]) == (
        "2017-04-04",
        "2017",
        "1",
    )
    assert (first["country"], first["iso"], first["geo_precision"]) == ("Syria", "760", "1")
    assert first["source"] == "North Wire; Levant Daily"
    assert first["actor1"] == "government forces"
    assert first["disorder_type"] == "Political violence"
    assert "12 killed (rule conservative)" in first["notes"]
    assert second["fatalities"] == "0" and second["event_date"] == ""
    out = io.StringIO()
    export("acled", *ledger, rule="max", out=out)
    assert read(out.getvalue())[0]["fatalities"] == "19"


def test_precision_maps():
    assert [acled.time_precision(p) for p in (1, 2, 3, 4, 5, None)] == [1, 2, 2, 3, 3, None]
    assert [acled.geo_precision(p) for p in (1, 2, 3, 4, 6, None)] == [1, 2, 3, 3, 3, None]


def test_non_finite_coordinates_are_empty_cells(ledger):
    from dataclasses import replace

    incidents, claims = ledger
    out = io.StringIO()
    export(
        "acled",
        [replace(incidents[0], place=replace(incidents[0].place, lat=float("nan")))],
        claims,
        rule="ucdp",
        out=out,
    )
    row = read(out.getvalue())[0]
    assert (row["latitude"], row["longitude"]) == ("", "36.61")
