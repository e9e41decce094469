"""UCDP GED export: GED's 49 columns in its order, read back with pandas beside a file in
GED's shape; dyads, deaths that add up to best, PRIO-GRID cells."""

from __future__ import annotations

import io
from dataclasses import replace

import pandas as pd

from tollwatch import model
from tollwatch.export import _common as common
from tollwatch.export import export, ucdp


def _export(incidents, claims, **kw) -> list[dict]:
    out = io.StringIO()
    export("ucdp", incidents, claims, out=out, **kw)
    frame = pd.read_csv(io.StringIO(out.getvalue()), keep_default_na=False, na_values=[""])
    return frame.to_dict("records")


def test_every_ged_column_in_ged_order(ledger, standards):
    out = io.StringIO()
    export("ucdp", *ledger, out=out)
    ours = pd.read_csv(io.StringIO(out.getvalue()))
    theirs = pd.read_csv(standards / "ucdp-ged.csv")
    assert list(ours.columns) == list(theirs.columns) == list(ucdp.HEADER)
    for column in ("id", "year", "best", "low", "high", "latitude", "priogrid_gid"):
        assert pd.api.types.is_numeric_dtype(theirs[column]), column
        assert pd.api.types.is_numeric_dtype(ours[column].dropna()), column


def test_state_based_row(ledger):
    row = _export(*ledger)[0]
    assert (row["low"], row["best"], row["high"]) == (12, 12, 19)
    assert (row["type_of_violence"], row["side_a"]) == (1, "Government of Syria")
    assert (row["conflict_name"], row["gwnoa"], row["country_id"]) == (
        "Syria: Government",
        652,
        652,
    )
    assert (row["country"], row["region"], row["relid"]) == ("Syria", "Middle East", "L1")
    assert row["number_of_sources"] == 2
    assert row["source_office"] == "North Wire; Levant Daily"
    assert row["source_original"] == "Civil Defence; monitor"
    assert row["geom_wkt"] == "POINT (36.61 35.81)"
    assert row["priogrid_gid"] == 181154
    # Deaths are a partition of best, never a subset beside it.
    parts = [row[k] for k in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")]
    assert sum(parts) == row["best"] and row["deaths_civilians"] == 12
    assert row["event_clarity"] == 1 and pd.isna(row["active_year"])


def test_violence_types(ledger):
    incidents, claims = ledger
    clash = replace(
        incidents[0],
        event_type="Battles",
        sub_event_type="Armed clash",
        perpetrators=(
            model.Perpetrator(actor="Islamic State (ISIS)", actor_kind="jihadist"),
            model.Perpetrator(actor="SDF/YPG Kurdish-led forces", actor_kind="kurdish"),
        ),
    )
    row = _export([clash], claims)[0]
    assert (row["type_of_violence"], row["side_a"], row["side_b"]) == (2, "IS", "SDF")
    assert row["dyad_name"] == "IS - SDF"
    attack = replace(
        incidents[0],
        event_type="Violence against civilians",
        sub_event_type="Attack",
        perpetrators=(model.Perpetrator(actor="Islamic State (ISIS)", actor_kind="jihadist"),),
    )
    row = _export([attack], claims)[0]
    assert (row["type_of_violence"], row["side_b"]) == (3, "Civilians")
    assert row["deaths_civilians"] == row["best"]
    nobody = replace(incidents[0], perpetrators=())
    assert pd.isna(_export([nobody], claims)[0]["type_of_violence"])


def test_priogrid_cells():
    assert common.priogrid_gid(-90, -180) == 1
    assert common.priogrid_gid(-89.9, -179.4) == 2
    assert common.priogrid_gid(-89.4, -180) == 721
    assert common.priogrid_gid(89.99, 179.99) == 259200
    assert common.priogrid_gid(None, 36.6) is None and common.priogrid_gid(95, 1) is None


def test_latest_rule_recomputed_from_claims(ledger):
    row = _export(*ledger, rule="latest")[0]
    assert row["best"] == 19  # the later report is the most recent voice
