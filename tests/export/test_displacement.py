"""Displacement export: IDMC-shaped rows for every displacement figure, read back with
pandas beside a file in that shape."""

from __future__ import annotations

import io

import pandas as pd

from tollwatch.export import displacement, export


def _rows(incidents, claims, **kw) -> list[dict]:
    out = io.StringIO()
    export("displacement", incidents, claims, out=out, **kw)
    frame = pd.read_csv(io.StringIO(out.getvalue()), keep_default_na=False, na_values=[""])
    return frame.to_dict("records")


def test_columns_are_the_event_data_shape(ledger, situations, standards):
    incidents, claims = ledger
    out = io.StringIO()
    assert export("displacement", incidents, claims + situations, out=out) == 3
    ours = pd.read_csv(io.StringIO(out.getvalue()))
    theirs = pd.read_csv(standards / "idmc-events.csv")
    assert list(ours.columns) == list(theirs.columns) == list(displacement.HEADER)
    for column in ("figure", "latitude", "year", "locations_accuracy"):
        assert pd.api.types.is_numeric_dtype(theirs[column]), column
        assert pd.api.types.is_numeric_dtype(ours[column].dropna()), column


def test_incident_and_situation_figures(ledger, situations):
    incidents, claims = ledger
    rows = _rows(incidents, claims + situations)
    incident, families, province = rows
    assert (incident["incident_id"], incident["figure"], incident["unit"]) == ("L2", 3, "Household")
    assert incident["role"] == "Recommended figure"
    # The syndicated copy adds no row: one figure a voice.
    assert (families["figure"], families["unit"], families["term"]) == (
        1800,
        "Household",
        "Forced to Flee",
    )
    assert (families["qualifier"], families["locations_name"], families["iso3"]) == (
        "more than",
        "Mosul, Nineveh",
        "IRQ",
    )
    assert families["displacement_date"] == "2017-03-14" and families["claim_id"] == "S1"
    assert families["sources"] == "International Organization for Migration; Tigris Newswire"
    assert (province["figure"], province["unit"], province["qualifier"]) == (
        97000,
        "Person",
        "approximately",
    )
    assert pd.isna(families["incident_id"])
