"""Tests of the ledger view records and their bridge to reconcile."""

from __future__ import annotations

from datetime import date

from tollwatch import model, reconcile
from tollwatch.ledger import views


def lc(cid: str, report: str, local: str, value: int, **kw) -> views.LedgerClaim:
    qualifier = kw.pop("qualifier", "exact")
    source = views.LedgerSource(
        report_id=report, published=kw.pop("published", None), copy_of=kw.pop("copy_of", None)
    )
    quote = f"{value} people were killed in the strike."
    return views.LedgerClaim(
        id=cid,
        report=source,
        local_id=local,
        figure=kw.pop("figure", "killed"),
        value=value,
        low=value,
        high=value if qualifier == "exact" else None,
        qualifier=qualifier,
        count_text=str(value),
        evidence=model.Span(start=int(local[1:]) * 100, end=int(local[1:]) * 100 + 9, text=quote),
        incident="L1",
        **kw,
    )


def test_a_ledger_claim_is_a_claim_reconcile_takes_as_it_is():
    claims = [
        lc("g1", "R1", "c1", 9, claimant="rescuers", published=date(2016, 3, 1)),
        lc("g2", "R1", "c2", 14, claimant="rescuers", update_of="g1", published=date(2016, 3, 1)),
        lc("g3", "R2", "c1", 17, claimant="rescuers", published=date(2016, 3, 2)),
    ]
    assert all(isinstance(c, model.Claim) for c in claims)
    inputs = views.reconcile_inputs(claims)
    assert inputs.sources == {"g1": "R1", "g2": "R1", "g3": "R2"}
    assert inputs.order == {"g1": "2016-03-01", "g2": "2016-03-01", "g3": "2016-03-02"}
    # The rescuers' figure of the later report replaces theirs of the earlier, in every rule.
    for rule in reconcile.RULES:
        est = views.incident_estimates(claims, rule=rule)["killed"]
        assert (est.low, est.best, est.high, est.claims) == (17, 17, 17, ("g3",)), rule


def test_copy_reports_count_once_and_subsets_stay_subsets():
    claims = [
        lc("g1", "R1", "c1", 12),
        lc("g2", "R1", "c2", 3, part_of="g1"),
        lc("g3", "R2", "c1", 12, copy_of="R1"),
        lc("g4", "R3", "c1", 20),
    ]
    inputs = views.reconcile_inputs(claims)
    assert inputs.copies == {"R2": "R1"}
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


def test_records_are_the_model_records_with_the_ledger_fields_added():
    day = date(2016, 11, 30)
    inc = views.LedgerIncident(
        id="L1",
        rule="ucdp",
        date=model.DateRef(start=day, end=day, precision=1, text=""),
        estimates={"killed": model.Estimate(low=1, best=2, high=3, rule="ucdp")},
        sources=(views.LedgerSource(report_id="R1", published=date(2016, 12, 1)),),
    )
    assert isinstance(inc, model.Incident)
    d = inc.to_dict()
    assert d["date"]["start"] == "2016-11-30"
    assert d["estimates"]["killed"]["best"] == 2
    assert d["sources"][0]["published"] == "2016-12-01"
    assert inc.report_ids == ("R1",)
    assert inc.best("killed") == 2 and inc.best("injured") is None
    claim = lc("g1", "R1", "c1", 4, claimant="medics")
    out = claim.to_dict()
    assert {k: out[k] for k in ("id", "local_id", "incident", "claimant")} == {
        "id": "g1",
        "local_id": "c1",
        "incident": "L1",
        "claimant": "medics",
    }
    assert out["report"]["report_id"] == "R1" and claim.report_id == "R1"


def test_label_names_a_report_by_its_title_before_its_hash():
    assert views.LedgerSource(report_id="sha256:ab", title="Strikes hit Idlib").label == (
        "Strikes hit Idlib"
    )
    assert views.LedgerSource(report_id="sha256:ab", source="news/a.txt").label == "news/a.txt"
    assert views.LedgerSource(report_id="sha256:abcdef").label == "sha256:abcdef"


def test_place_label_names_the_province_once_and_leaves_out_the_unknown():
    assert views.place_label("Ariha", "Idlib", "SY") == "Ariha, Idlib, SY"
    assert views.place_label("Idlib", "Idlib", "SY") == "Idlib, SY"
    assert views.place_label(None, None, "YE") == "YE"
    assert views.place_label(None, None, None) == ""


def test_estimate_text_is_best_then_low_to_high():
    def est(low, best, high):
        return model.Estimate(low=low, best=best, high=high, rule="ucdp")

    assert views.estimate_text(est(12, 12, 15)) == "12 (12–15)"
    assert views.estimate_text(est(7, 7, 7)) == "7"
    assert views.estimate_text(est(None, 9, None)) == "9 (–)"
    assert views.estimate_text(est(3, None, 5)) == ""
    assert views.estimate_text(None) == ""
