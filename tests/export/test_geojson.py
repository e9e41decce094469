"""GeoJSON export: a valid FeatureCollection; unplaced incidents with null geometry."""

from __future__ import annotations

import io
import json

from tollwatch.export import export


def test_feature_collection_structure(ledger):
    out = io.StringIO()
    assert export("geojson", *ledger, rule="conservative", out=out) == 2
    data = json.loads(out.getvalue())
    assert data["type"] == "FeatureCollection" and data["rule"] == "conservative"
    first, second = data["features"]
    assert first["type"] == "Feature"
    assert first["geometry"] == {"type": "Point", "coordinates": [36.61, 35.81]}
    props = first["properties"]
    assert (props["killed_low"], props["killed_best"], props["killed_high"]) == (12, 12, 19)
    assert props["rule"] == "conservative" and props["number_of_sources"] == 2
    assert second["geometry"] is None
    assert second["properties"]["displaced_best"] == 3


def test_impossible_coordinates_give_null_geometry(ledger):
    from dataclasses import replace

    incidents, claims = ledger
    bad = replace(incidents[0], place=replace(incidents[0].place, lat=123.0))
    data = json.loads(_export([bad], claims))
    assert data["features"][0]["geometry"] is None


def _export(incidents, claims) -> str:
    out = io.StringIO()
    export("geojson", incidents, claims, rule="ucdp", out=out)
    return out.getvalue()
