"""UCDP GED export: GED's column names, low/best/high, sources, the rule column."""

from __future__ import annotations

import csv
import io

from tollwatch.export import export


def test_header_and_row(ledger):
    out = io.StringIO()
    export("ucdp", *ledger, rule="ucdp", out=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == (
        "id,year,type_of_violence,side_a,source_article,source_office,source_date,"
        "source_headline,source_original,where_prec,where_coordinates,where_description,"
        "adm_1,adm_2,latitude,longitude,geom_wkt,country,date_prec,date_start,date_end,"
        "deaths_civilians,best,high,low,number_of_sources,reconcile_rule"
    )
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert (row["low"], row["best"], row["high"]) == ("12", "12", "19")
    assert row["number_of_sources"] == "2"
    assert row["type_of_violence"] == "1"
    assert row["source_office"] == "North Wire; Levant Daily"
    assert row["source_original"] == "Civil Defence; monitor"
    assert row["source_headline"] == "Shells hit market in Ariha; Toll rises after Ariha shelling"
    assert row["geom_wkt"] == "POINT (36.61 35.81)"
    assert row["deaths_civilians"] == "12"
    assert row["reconcile_rule"] == "ucdp"


def test_latest_rule_recomputed_from_claims(ledger):
    out = io.StringIO()
    export("ucdp", *ledger, rule="latest", out=out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    # The later report (19) is the most recent voice.
    assert (row["best"], row["reconcile_rule"]) == ("19", "latest")
