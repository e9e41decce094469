"""ACLED export: ACLED's 31 columns in its order, read back with pandas beside a file in
ACLED's shape; actors, inter codes, the conservative toll."""

from __future__ import annotations

import io
from dataclasses import replace

import pandas as pd

from tollwatch import model
from tollwatch.export import acled, export


def _frame(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), keep_default_na=False, na_values=[""])


def _export(incidents, claims, **kw) -> pd.DataFrame:
    out = io.StringIO()
    export("acled", incidents, claims, out=out, **kw)
    return _frame(out.getvalue())


def test_every_acled_column_in_acled_order(ledger, standards):
    ours = _export(*ledger)
    theirs = pd.read_csv(standards / "acled.csv")
    assert list(ours.columns) == list(theirs.columns) == list(acled.HEADER)
    assert len(acled.HEADER) == 31
    # The same kinds of values as ACLED's: numbers where ACLED has numbers.
    for column in ("year", "inter1", "iso", "latitude", "fatalities", "timestamp"):
        assert pd.api.types.is_numeric_dtype(theirs[column]), column
        assert pd.api.types.is_numeric_dtype(ours[column].dropna()), column
    assert pd.to_datetime(ours["event_date"].dropna(), format="%Y-%m-%d").notna().all()


def test_conservative_toll_by_default_and_the_rule_named(ledger):
    first, second = _export(*ledger).to_dict("records")
    assert first["fatalities"] == 12  # the lowest credible; the copy and the subset count not
    assert first["tags"] == "rule=conservative; grade=fair"
    assert (first["event_date"], first["year"], first["time_precision"]) == ("2017-04-04", 2017, 1)
    assert (first["country"], first["iso"], first["region"]) == ("Syria", 760, "Middle East")
    assert first["event_id_cnty"].startswith("SYR") and first["event_id_cnty"][3:].isdigit()
    assert first["source"] == "North Wire; Levant Daily"
    assert pd.isna(first["source_scale"])
    assert second["fatalities"] == 0 and pd.isna(second["event_date"])
    assert _export(*ledger, rule="max").to_dict("records")[0]["fatalities"] == 19


def test_actors_in_acled_terms(ledger):
    first = _export(*ledger).to_dict("records")[0]
    # Government forces in Syria; the dead are civilians: civilians are the other side.
    assert (first["actor1"], first["inter1"]) == ("Military Forces of Syria", 1)
    assert (first["actor2"], first["inter2"], first["interaction"]) == ("Civilians (Syria)", 7, 17)
    assert first["civilian_targeting"] == "Civilian targeting"
    incidents, claims = ledger
    joint = replace(
        incidents[0],
        perpetrators=(
            model.Perpetrator(actor="Syrian government forces", actor_kind="state"),
            model.Perpetrator(actor="Russia", actor_kind="foreign_state"),
        ),
    )
    row = _export([joint], claims).to_dict("records")[0]
    assert (row["actor1"], row["assoc_actor_1"]) == (
        "Military Forces of Syria",
        "Military Forces of Russia",
    )
    # Nobody blamed: ACLED's unidentified armed group, never a blank actor1.
    nobody = replace(incidents[0], perpetrators=())
    row = _export([nobody], claims).to_dict("records")[0]
    assert (row["actor1"], row["inter1"]) == ("Unidentified Armed Group (Syria)", 3)
    clash = replace(
        incidents[0],
        event_type="Battles",
        sub_event_type="Armed clash",
        perpetrators=(
            model.Perpetrator(actor="Islamic State (ISIS)", actor_kind="jihadist"),
            model.Perpetrator(actor="SDF/YPG Kurdish-led forces", actor_kind="kurdish"),
        ),
    )
    row = _export([clash], [], rule="ucdp").to_dict("records")[0]
    assert (row["actor1"], row["actor2"]) == (
        "Islamic State (Syria)",
        "SDF: Syrian Democratic Forces",
    )
    assert row["interaction"] == 22


def test_precision_maps():
    assert [acled.time_precision(p) for p in (1, 2, 3, 4, 5, None)] == [1, 2, 2, 3, 3, None]
    assert [acled.geo_precision(p) for p in (1, 2, 3, 4, 6, None)] == [1, 2, 3, 3, 3, None]


def test_non_finite_coordinates_are_empty_cells(ledger):
    incidents, claims = ledger
    bad = replace(incidents[0], place=replace(incidents[0].place, lat=float("nan")))
    row = _export([bad], claims).to_dict("records")[0]
    assert pd.isna(row["latitude"]) and row["longitude"] == 36.61
