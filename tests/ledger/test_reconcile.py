"""Tests of the reconcile rules: named rules, copies, subsets, grades and invariants."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tollwatch import errors, model
from tollwatch.ledger import reconcile

SPAN = model.Span(start=0, end=4, text="toll")


def claim(
    cid: str,
    value: int,
    qualifier: str = "exact",
    *,
    figure: str = "killed",
    claimant: str | None = None,
    part_of: str | None = None,
    update_of: str | None = None,
    unit: str = "people",
    low: int | None = None,
    high: int | None = None,
) -> model.Claim:
    if qualifier in ("exact", "at_least", "range") and low is None:
        low = value
    if qualifier in ("exact", "at_most") and high is None:
        high = value
    return model.Claim(
        id=cid,
        figure=figure,
        value=value,
        low=low,
        high=high,
        qualifier=qualifier,
        count_text=str(value),
        claimant=claimant,
        part_of=part_of,
        update_of=update_of,
        unit=unit,
        evidence=SPAN,
    )


@pytest.fixture
def three_voices() -> list[model.Claim]:
    # A monitor says at least 21, rescuers say 45, activists about 30, plus a subset.
    return [
        claim("c1", 21, "at_least", claimant="Syrian Observatory for Human Rights"),
        claim("c2", 45, claimant="Civil Defence"),
        claim("c3", 7, part_of="c2", claimant="Civil Defence"),
        claim("c4", 30, "about", claimant="local activists"),
    ]


def test_conservative_takes_lowest_credible(three_voices):
    est = reconcile.estimate(three_voices, rule="conservative")
    assert (est.low, est.best, est.high) == (21, 21, 45)
    assert est.rule == "conservative"
    assert est.claims == ("c1", "c2", "c4")  # the subset c3 is left out


def test_ucdp_best_is_median_of_voices_when_no_majority(three_voices):
    est = reconcile.estimate(three_voices, rule="ucdp")
    assert (est.low, est.best, est.high) == (21, 30, 45)


def test_ucdp_best_is_the_figure_most_voices_give():
    claims = [
        claim("c1", 12, claimant="health ministry"),
        claim("c2", 12, claimant="hospital director"),
        claim("c3", 40, claimant="rebels"),
    ]
    est = reconcile.estimate(claims, rule="ucdp")
    assert (est.low, est.best, est.high) == (12, 12, 40)


def test_max_rule():
    est = reconcile.estimate([claim("c1", 3), claim("c2", 9, claimant="police")], rule="max")
    assert (est.low, est.best, est.high) == (3, 9, 9)


def test_latest_follows_update_of_for_rising_toll():
    claims = [
        claim("c1", 8, claimant="civil defence"),
        claim("c2", 19, claimant="civil defence", update_of="c1"),
        claim("c3", 11, claimant="state media"),
    ]
    est = reconcile.estimate(claims, rule="latest")
    assert est.claims == ("c2", "c3")
    assert (est.low, est.best, est.high) == (11, 19, 19)


def test_latest_uses_publication_order_per_voice():
    # The same monitor in two reports: the later report's figure replaces the earlier.
    claims = [
        claim("r1:c1", 30, claimant="monitor"),
        claim("r2:c1", 24, claimant="Monitor"),
        claim("r1:c2", 26, claimant="police"),
    ]
    order = {"r1:c1": 1, "r1:c2": 1, "r2:c1": 2}
    est = reconcile.estimate(claims, rule="latest", order=order)
    assert est.claims == ("r1:c2", "r2:c1")
    assert (est.low, est.best, est.high) == (24, 24, 26)


def test_vague_counts_only_when_nothing_firmer():
    vague = claim("c1", 12, "vague")
    assert reconcile.estimate([vague], rule="conservative").best == 12
    firm = claim("c2", 15, claimant="doctors")
    est = reconcile.estimate([vague, firm], rule="conservative")
    assert (est.low, est.best) == (15, 15)


def test_at_most_is_a_ceiling_not_a_floor():
    est = reconcile.estimate(
        [claim("c1", 40, "at_most"), claim("c2", 20, "at_least", claimant="mayor")], rule="ucdp"
    )
    assert (est.low, est.high) == (20, 40)


def test_range_gives_low_and_high():
    est = reconcile.estimate([claim("c1", 320, "range", low=320, high=500)], rule="ucdp")
    assert (est.low, est.best, est.high) == (320, 320, 500)


def test_copies_count_once():
    base = [claim("a:c1", 10, claimant="agency"), claim("b:c1", 14, claimant="governor")]
    copy = claim("z:c1", 10, claimant="agency")
    with_copy = reconcile.estimate(base + [copy], rule="ucdp", copies={"z:c1": "a:c1"})
    assert with_copy == reconcile.estimate(base, rule="ucdp")
    assert "z:c1" not in with_copy.claims


def test_report_level_copies_merge_the_reports_own_voice():
    claims = [claim("a:c1", 10), claim("b:c1", 10), claim("c:c1", 16)]
    sources = {"a:c1": "A", "b:c1": "B", "c:c1": "C"}
    est = reconcile.estimate(claims, rule="ucdp", sources=sources, copies={"B": "A"})
    assert est.claims == ("a:c1", "c:c1")
    # Without the copy mapping the two agencies would outvote C.
    assert reconcile.estimate(claims, rule="ucdp", sources=sources).best == 10


def test_households_do_not_mix_with_people():
    est = reconcile.estimate(
        [claim("c1", 500, unit="households"), claim("c2", 2000, claimant="UN")], rule="max"
    )
    assert (est.low, est.best, est.high) == (2000, 2000, 2000)


def test_only_subsets_give_a_floor():
    est = reconcile.estimate(
        [claim("c2", 4, part_of="c1"), claim("c3", 6, part_of="c1")], rule="conservative"
    )
    assert (est.low, est.best, est.high) == (6, 6, 6)


def test_empty_claims_give_empty_estimate():
    assert reconcile.estimate([], rule="max") == model.Estimate(
        low=None, best=None, high=None, rule="max", claims=()
    )


def test_unknown_rule_is_a_config_error():
    with pytest.raises(errors.ConfigError) as info:
        reconcile.estimate([claim("c1", 3)], rule="median")
    assert str(info.value) == (
        "unknown reconcile rule 'median': expected one of conservative, ucdp, latest, max"
    )


def test_mixed_figures_are_an_input_error():
    with pytest.raises(errors.InputError) as info:
        reconcile.estimate([claim("c1", 3), claim("c2", 5, figure="injured")])
    assert str(info.value) == "estimate() takes the claims of one figure; got injured, killed"


def test_estimates_per_figure_in_figure_order():
    out = reconcile.estimates([claim("c1", 5, figure="injured"), claim("c2", 3)], rule="max")
    assert list(out) == ["killed", "injured"]


def P(actor: str, kind: str | None, by: str | None) -> model.Perpetrator:  # noqa: N802
    return model.Perpetrator(actor=actor, actor_kind=kind, alleged_by=by)


def test_grades():
    one = [claim("c1", 10, claimant="monitor")]
    two = one + [claim("c2", 11, claimant="hospital")]
    three = two + [claim("c3", 10, claimant="mayor")]
    assert reconcile.grade(one) == "weak"
    assert reconcile.grade(two) == "fair"
    # Three voices quoted in one report are not yet confirmation; in two reports they are.
    assert reconcile.grade(three) == "fair"
    assert reconcile.grade(three, n_sources=2) == "confirmed"
    far = two + [claim("c3", 60, claimant="mayor")]
    assert reconcile.grade(far) == "fair"
    assert reconcile.grade([one[0], claim("c2", 60, claimant="mayor")]) == "weak"
    blame = [P("government forces", "state", "activists"), P("rebels", "rebel", "state media")]
    assert reconcile.grade(three, perpetrators=blame) == "contested"
    joint = [P("government forces", "state", None), P("Russian jets", "foreign_state", None)]
    assert reconcile.grade(three, perpetrators=joint, n_sources=2) == "confirmed"
    # Two reports blaming different parties in their own voice contest each other.
    own = {"R1": [P("government forces", "state", None)], "R2": [P("rebels", "rebel", None)]}
    assert reconcile.grade(three, perpetrators_by_report=own) == "contested"
    agreed = {"R1": [P("army", "state", None)], "R2": [P("regime forces", "state", None)]}
    assert reconcile.grade(three, perpetrators_by_report=agreed, n_sources=2) == "confirmed"


def test_grade_counts_copies_once():
    claims = [claim("a:c1", 10), claim("b:c1", 10), claim("c:c1", 10)]
    sources = {"a:c1": "A", "b:c1": "B", "c:c1": "C"}
    assert reconcile.grade(claims, sources=sources) == "confirmed"
    assert reconcile.grade(claims, sources=sources, copies={"B": "A"}) == "fair"


QUALS = ("exact", "at_least", "at_most", "about", "range", "vague")


@st.composite
def claim_sets(draw: st.DrawFn) -> list[model.Claim]:
    n = draw(st.integers(min_value=1, max_value=8))
    out = []
    for i in range(n):
        q = draw(st.sampled_from(QUALS))
        v = draw(st.integers(min_value=0, max_value=5000))
        hi = v + draw(st.integers(min_value=0, max_value=300)) if q == "range" else None
        out.append(
            claim(
                f"c{i + 1}",
                v,
                q,
                high=hi,
                claimant=draw(st.sampled_from([None, "monitor", "police", "medics"])),
                part_of=draw(st.sampled_from([None, None, None, "c1"])) if i else None,
                update_of=f"c{i}" if i and draw(st.booleans()) else None,
            )
        )
    return out


@settings(max_examples=150, deadline=None)
@given(claims=claim_sets(), rule=st.sampled_from(reconcile.RULES))
def test_low_best_high_ordered(claims, rule):
    est = reconcile.estimate(claims, rule=rule)
    assert est.low is not None and est.best is not None and est.high is not None
    assert est.low <= est.best <= est.high


@settings(max_examples=150, deadline=None)
@given(claims=claim_sets(), rule=st.sampled_from(reconcile.RULES), pick=st.integers(0, 7))
def test_adding_a_copy_changes_nothing(claims, rule, pick):
    original = claims[pick % len(claims)]
    copy = model.Claim(**{**_fields(original), "id": "copy1", "update_of": None})
    est = reconcile.estimate(claims, rule=rule)
    assert reconcile.estimate(claims + [copy], rule=rule, copies={"copy1": original.id}) == est


@settings(max_examples=150, deadline=None)
@given(
    claims=claim_sets(),
    rule=st.sampled_from(("ucdp", "conservative", "max")),
    data=st.data(),
)
def test_claim_order_does_not_matter(claims, rule, data):
    shuffled = data.draw(st.permutations(claims))
    assert reconcile.estimate(shuffled, rule=rule) == reconcile.estimate(claims, rule=rule)


def _fields(c: model.Claim) -> dict:
    return {name: getattr(c, name) for name in model.Claim.__slots__}
