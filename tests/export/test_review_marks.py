"""Every export says what people reviewed (and uses the reviewed figures it is given)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json

from tollwatch.export import export
from tollwatch.ledger import views


def _reviewed(ledger):
    incidents, claims = ledger
    claims = [
        dataclasses.replace(
            c, review="corrected", reviewed_by="rana", value=25, machine={"value": 19}
        )
        if c.id == "B1"
        else dataclasses.replace(c, review="rejected", reviewed_by="rana")
        if c.id == "A3"
        else dataclasses.replace(
            c, review="corrected", reviewed_by="ana", value=5, machine={"value": 3}
        )
        if c.id == "D1"
        else c
        for c in claims
    ]
    inc = dataclasses.replace(incidents[0], reviewed=True, reviewed_facts=("place",))
    inc = dataclasses.replace(
        inc,
        estimates=views.incident_estimates(
            [c for c in claims if c.incident_id == "L1"], rule="ucdp"
        ),
    )
    return [inc, incidents[1]], claims


def _run(fmt, incidents, claims) -> str:
    out = io.StringIO()
    export(fmt, incidents, claims, rule="ucdp", out=out)
    return out.getvalue()


def test_each_format_names_what_was_reviewed(ledger):
    incidents, claims = _reviewed(ledger)
    note = "reviewed: 2 of 5 claims, 1 corrected, 1 rejected; place set by a reviewer"
    rows = list(csv.DictReader(io.StringIO(_run("claims", incidents, claims))))
    by_id = {r["claim_id"]: r for r in rows}
    assert (by_id["B1"]["review"], by_id["B1"]["reviewed_by"], by_id["B1"]["value"]) == (
        "corrected",
        "rana",
        "25",
    )
    assert (by_id["A3"]["review"], by_id["A3"]["used"]) == (
        "rejected",
        "",
    )  # no injured estimate left
    assert by_id["A1"]["review"] == ""
    acled = list(csv.DictReader(io.StringIO(_run("acled", incidents, claims))))
    assert note[0].upper() + note[1:] + "." in acled[0]["notes"]
    assert acled[0]["tags"].endswith("; reviewed") and "reviewed" not in acled[1]["tags"]
    ucdp = list(csv.DictReader(io.StringIO(_run("ucdp", incidents, claims))))
    assert (ucdp[0]["code_status"], ucdp[1]["code_status"]) == (
        note,
        "reviewed: 1 of 1 claims, 1 corrected",
    )
    hxl = list(csv.reader(io.StringIO(_run("hxl", incidents, claims))))
    column = hxl[1].index("#status+reviewed")
    assert hxl[2][column] == note
    geo = json.loads(_run("geojson", incidents, claims))
    props = geo["features"][0]["properties"]
    assert (props["reviewed"], props["review"]) == (True, note)
    assert props["killed_best"] == 25 or props["killed_high"] == 25  # the reviewed figure counts

    (displaced,) = csv.DictReader(io.StringIO(_run("displacement", incidents, claims)))
    assert (displaced["figure"], displaced["review"], displaced["reviewed_by"]) == (
        "5",
        "corrected",
        "ana",
    )
