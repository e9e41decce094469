"""GeoJSON export: the geojson package reads it as valid, shaped as a FeatureCollection
written for these tests; unplaced items have null geometry; situations are features."""

from __future__ import annotations

import io
import json
from dataclasses import replace

import geojson

from tollwatch.export import export


def _export(incidents, claims, rule="ucdp") -> str:
    out = io.StringIO()
    export("geojson", incidents, claims, rule=rule, out=out)
    return out.getvalue()


def test_valid_feature_collection(ledger, situations, standards):
    incidents, claims = ledger
    text = _export(incidents, claims + situations, rule="conservative")
    ours = geojson.loads(text)
    assert ours.is_valid, ours.errors()
    theirs = geojson.loads((standards / "features.geojson").read_text(encoding="utf-8"))
    assert theirs.is_valid
    assert isinstance(ours, geojson.FeatureCollection)
    for feature in ours["features"]:
        assert set(feature) >= set(theirs["features"][0])
        assert set(feature["properties"]) >= {"id", "kind", "date_start", "country", "location"}
    data = json.loads(text)
    first, second, *rest = data["features"]
    assert data["rule"] == "conservative"
    assert first["geometry"] == {"type": "Point", "coordinates": [36.61, 35.81]}
    props = first["properties"]
    assert (props["killed_low"], props["killed_best"], props["killed_high"]) == (12, 12, 19)
    assert props["rule"] == "conservative" and props["number_of_sources"] == 2
    assert second["geometry"] is None
    assert second["properties"]["displaced_best"] == 3
    kinds = {(f["properties"]["location"], f["properties"]["kind"]) for f in rest}
    assert kinds == {("Mosul", "situation"), ("Nineveh", "situation")}
    families = [f for f in rest if f["properties"].get("displaced_best") == 1800]
    assert families[0]["geometry"] == {"type": "Point", "coordinates": [43.1189, 36.335]}
    assert families[0]["properties"]["unit"] == "households"


def test_impossible_coordinates_give_null_geometry(ledger):
    incidents, claims = ledger
    bad = replace(incidents[0], place=replace(incidents[0].place, lat=123.0))
    data = geojson.loads(_export([bad], claims))
    assert data.is_valid and data["features"][0]["geometry"] is None
