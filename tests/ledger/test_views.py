"""Tests of the ledger view records and their bridge to reconcile."""

from __future__ import annotations

from datetime import date

from tollwatch import model
from tollwatch.ledger import views


def lc(cid: str, report: str, local: str, value: int, **kw) -> views.LedgerClaim:
    qualifier = kw.pop("qualifier", "exact")
    return views.LedgerClaim(
        id=cid,
        report_id=report,
        local_id=local,
        figure=kw.pop("figure", "killed"),
        value=value,
        low=value,
        high=value if qualifier == "exact" else None,
        qualifier=qualifier,
        count_text=str(value),
        quote=f"{value} people were killed in the strike.",
        incident_id="L1",
        **kw,
    )


def test_update_of_resolves_within_its_report_for_latest():
    claims = [
        lc("g1", "R1", "c1", 9, claimant="rescuers", published=date(2016, 3, 1)),
        lc("g2", "R1", "c2", 14, claimant="rescuers", update_of="c1", published=date(2016, 3, 1)),
        lc("g3", "R2", "c1", 17, claimant="rescuers", published=date(2016, 3, 2)),
    ]
    inputs = views.reconcile_inputs(claims)
    assert inputs.claims[1].update_of == "g1"
    est = views.incident_estimates(claims, rule="latest")["killed"]
    assert (est.best, est.claims) == (17, ("g3",))


def test_copy_reports_count_once_and_subsets_stay_subsets():
    claims = [
        lc("g1", "R1", "c1", 12),
        lc("g2", "R1", "c2", 3, part_of="c1"),
        lc("g3", "R2", "c1", 12, copy_of="R1"),
        lc("g4", "R3", "c1", 20),
    ]
    inputs = views.reconcile_inputs(claims)
    assert inputs.copies == {"R2": "R1"}
    assert inputs.claims[1].part_of == "g1"
    est = views.incident_estimates(claims, rule="ucdp")["killed"]
    assert est.claims == ("g1", "g4")
    assert (est.low, est.best, est.high) == (12, 12, 20)


def test_incident_grade_counts_independent_reports():
    claims = [lc("g1", "R1", "c1", 12), lc("g2", "R2", "c1", 13)]
    sources = [
        views.LedgerSource(report_id="R1"),
        views.LedgerSource(report_id="R2"),
        views.LedgerSource(report_id="R3", copy_of="R1"),
    ]
    assert views.incident_grade(claims, sources=sources) == "fair"
    blame = [
        model.Perpetrator(actor="ISIS", actor_kind="jihadist", alleged_by="Kurdish officials"),
        model.Perpetrator(actor="coalition jets", actor_kind="coalition", alleged_by="SANA"),
    ]
    assert views.incident_grade(claims, perpetrators=blame, sources=sources) == "contested"


def test_incident_to_dict_is_json_shaped():
    inc = views.LedgerIncident(
        id="L1",
        rule="ucdp",
        date_start=date(2016, 11, 30),
        estimates={"killed": model.Estimate(low=1, best=2, high=3, rule="ucdp")},
        sources=(views.LedgerSource(report_id="R1", published=date(2016, 12, 1)),),
    )
    d = inc.to_dict()
    assert d["date_start"] == "2016-11-30"
    assert d["estimates"]["killed"]["best"] == 2
    assert d["sources"][0]["published"] == "2016-12-01"
    assert inc.best("killed") == 2 and inc.best("injured") is None
