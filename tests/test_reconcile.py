"""Tests of the reconcile rules: one table of scenarios each rule is read over, then copies,
subsets, grades and invariants."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tollwatch import errors, model, reconcile

SPAN = model.Span(start=0, end=4, text="toll")


def claim(
    cid: str,
    value: int,
    qualifier: str = "exact",
    *,
    figure: str = "killed",
    claimant: str | None = None,
    kind: str | None = None,
    part_of: str | None = None,
    update_of: str | None = None,
    unit: str = "people",
    low: int | None = None,
    high: int | None = None,
    at: int = 0,
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
        claimant_kind=kind,
        part_of=part_of,
        update_of=update_of,
        unit=unit,
        evidence=model.Span(start=at, end=at + 4, text="toll"),
    )


# Scenarios every rule is read over: (claims, the ledger's mappings). Tolls told in the way
# wire copy tells them; the expected figures per rule are in the tables below.
SCENARIOS: dict[str, tuple[list[model.Claim], dict]] = {
    # "Strike kills 9" over a lead where the monitor says 9, then "the toll rose to 16";
    # rescuers say 20. The headline is the monitor's 9, and the rise supersedes both.
    "rising toll": (
        [
            claim("c1", 9, at=0),
            claim("c2", 9, "at_least", claimant="the Observatory", kind="monitor", at=40),
            claim("c3", 16, claimant="the Observatory", kind="monitor", update_of="c2", at=200),
            claim("c4", 20, claimant="rescue workers", kind="rescue", at=300),
        ],
        {},
    ),
    # Two voices in one report disagree.
    "two sources": (
        [
            claim("c1", 12, claimant="medics", kind="medical", at=10),
            claim("c2", 19, claimant="civil defence", kind="rescue", at=90),
        ],
        {},
    ),
    # The monitor's figure of a later report replaces its figure of an earlier one.
    "a later report": (
        [
            claim("a1", 12, claimant="monitor", kind="monitor"),
            claim("a2", 15, claimant="residents", kind="witness", at=50),
            claim("b1", 17, claimant="Monitor", kind="monitor"),
        ],
        {
            "sources": {"a1": "A", "a2": "A", "b1": "B"},
            "order": {"a1": "2017-04-04", "a2": "2017-04-04", "b1": "2017-04-05"},
        },
    ),
    # The attacked side gives a lower toll of its own losses than the monitor does.
    "a party to the conflict": (
        [
            claim("c1", 18, claimant="war monitor", kind="monitor"),
            claim("c2", 11, claimant="an SDF spokesman", kind="armed_group", at=80),
        ],
        {},
    ),
    # Report B is a syndicated copy of A: its voice is A's, its statements A's.
    "a copy": (
        [
            claim("a1", 15, "at_least"),
            claim("a2", 12, claimant="hospital", kind="medical", at=60),
            claim("b1", 15, "at_least"),
            claim("b2", 12, claimant="hospital", kind="medical", at=70),
            claim("c1", 20),
        ],
        {"sources": {"a1": "A", "a2": "A", "b1": "B", "b2": "B", "c1": "C"}, "copies": {"B": "A"}},
    ),
    # "between 20 and 35" against "about 30".
    "a range": (
        [
            claim("c1", 20, "range", high=35, claimant="officials", kind="local_official"),
            claim("c2", 30, "about", claimant="activists", kind="activists", at=50),
        ],
        {},
    ),
    # "hundreds" is an order of magnitude, not a count: a stated count wins the best figure.
    "a vague word": (
        [
            claim("c1", 100, "vague", claimant="residents", kind="witness"),
            claim("c2", 15, "at_least", claimant="doctors", kind="medical", at=50),
        ],
        {},
    ),
}

# (low, best, high) per scenario, one table per rule.
EXPECTED: dict[str, dict[str, tuple[int, int, int]]] = {
    "conservative": {
        "rising toll": (16, 16, 20),
        "two sources": (12, 12, 19),
        "a later report": (15, 15, 17),
        "a party to the conflict": (11, 11, 18),  # the lowest credible toll, whoever gives it
        "a copy": (12, 12, 20),
        "a range": (20, 20, 35),
        "a vague word": (15, 15, 100),
    },
    "ucdp": {
        "rising toll": (16, 16, 20),  # lower median of the monitor's 16 and the rescuers' 20
        "two sources": (12, 12, 19),
        "a later report": (15, 15, 17),
        "a party to the conflict": (11, 18, 18),  # the party's figure stays in the range only
        "a copy": (12, 15, 20),  # three voices (A's own, the hospital, C's own): their median
        "a range": (20, 20, 35),
        "a vague word": (15, 15, 100),
    },
    "latest": {
        "rising toll": (16, 20, 20),  # one report: its voices tie, the highest wins
        "two sources": (12, 19, 19),
        "a later report": (15, 17, 17),
        "a party to the conflict": (11, 18, 18),
        "a copy": (12, 20, 20),
        "a range": (20, 30, 35),
        "a vague word": (15, 15, 100),
    },
    "max": {
        "rising toll": (16, 20, 20),
        "two sources": (12, 19, 19),
        "a later report": (15, 17, 17),
        "a party to the conflict": (11, 18, 18),
        "a copy": (12, 20, 20),
        "a range": (20, 35, 35),
        "a vague word": (15, 100, 100),
    },
}


def _read(rule: str, scenario: str) -> tuple[int | None, int | None, int | None]:
    claims, mappings = SCENARIOS[scenario]
    est = reconcile.estimate(claims, rule=rule, **mappings)
    assert est.rule == rule
    return (est.low, est.best, est.high)


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_conservative_rule(scenario):
    assert _read("conservative", scenario) == EXPECTED["conservative"][scenario]


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_ucdp_rule(scenario):
    assert _read("ucdp", scenario) == EXPECTED["ucdp"][scenario]


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_latest_rule(scenario):
    assert _read("latest", scenario) == EXPECTED["latest"][scenario]


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_max_rule(scenario):
    assert _read("max", scenario) == EXPECTED["max"][scenario]


def test_every_rule_has_a_table_over_every_scenario():
    assert set(EXPECTED) == set(reconcile.RULES)
    assert all(set(table) == set(SCENARIOS) for table in EXPECTED.values())


def test_a_headline_restating_a_source_is_that_source():
    claims, _ = SCENARIOS["rising toll"]
    stmts = reconcile.statements(claims)
    headline = next(s for s in stmts if "c1" in s.members)
    assert headline.members == ("c1", "c2") and headline.voice == "the observatory"
    assert headline.superseded
    # Without the named claim, the headline is the report's own voice.
    alone = reconcile.statements([claims[0], claims[3]])
    assert [s.members for s in alone] == [("c1",), ("c4",)]


def test_a_copy_changes_no_rule():
    claims, mappings = SCENARIOS["a copy"]
    without = [c for c in claims if not c.id.startswith("b")]
    for rule in reconcile.RULES:
        assert reconcile.estimate(claims, rule=rule, **mappings) == reconcile.estimate(
            without, rule=rule, sources=mappings["sources"]
        )


def test_a_party_alone_still_gives_the_figure():
    only = [claim("c1", 30, claimant="the army", kind="government")]
    for rule in reconcile.RULES:
        assert _triple(reconcile.estimate(only, rule=rule)) == (30, 30, 30)


def test_a_headline_restating_a_part_of_a_running_total_is_a_part():
    # "Car bomb kills 18": the monitor's 18, then two more died: the running total is 20.
    claims = [
        claim("c1", 18, at=0),
        claim("c2", 20, at=60),
        claim("c3", 18, claimant="war monitor", kind="monitor", part_of="c2", at=60),
        claim("c4", 2, claimant="medics", kind="medical", part_of="c2", at=140),
    ]
    for rule in reconcile.RULES:
        est = reconcile.estimate(claims, rule=rule)
        assert (_triple(est), est.claims) == ((20, 20, 20), ("c2",))


def test_a_source_giving_its_number_twice_once_as_a_part_says_it_once():
    # The title names the monitor too ("kills 18", the monitor's): still a part of the 20.
    claims = [
        claim("c1", 18, claimant="war monitor", kind="monitor", at=0),
        claim("c2", 20, at=60),
        claim("c3", 18, claimant="war monitor", kind="monitor", part_of="c2", at=60),
        claim("c4", 11, claimant="an SDF spokesman", kind="armed_group", at=200),
    ]
    assert _triple(reconcile.estimate(claims, rule="ucdp")) == (11, 20, 20)
    # Two reports: the same monitor's 18 in the second is its own whole figure there.
    sources = {"c1": "B", "c2": "A", "c3": "A", "c4": "A"}
    assert reconcile.estimate(claims, rule="ucdp", sources=sources).claims == ("c1", "c2", "c4")


def _triple(est: model.Estimate) -> tuple[int | None, int | None, int | None]:
    return (est.low, est.best, est.high)


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


def test_max_rule_takes_the_highest():
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


def test_more_than_leaves_its_number_out():
    # "at least 12 were killed ... residents said more than 70 died": 12 to 71
    est = reconcile.estimate(
        [claim("c1", 12, "at_least"), claim("c2", 70, "at_least", low=71, claimant="residents")],
        rule="ucdp",
    )
    assert (est.low, est.high) == (12, 71)
    # alone, "more than 70" is 71 at the least
    est = reconcile.estimate([claim("c1", 70, "at_least", low=71)], rule="ucdp")
    assert (est.low, est.best, est.high) == (71, 71, 71)


def test_a_voice_giving_a_range_up_to_its_figure_says_the_range_s_low():
    # "between 30 and 42 people were killed ... 42 bodies were recovered": 30 to 42
    est = reconcile.estimate(
        [claim("c1", 30, "range", low=30, high=42), claim("c2", 42, at=40)], rule="ucdp"
    )
    assert (est.low, est.best, est.high) == (30, 42, 42)
    # a range below the voice's figure is an earlier count, not its low
    est = reconcile.estimate(
        [claim("c1", 3, "range", low=3, high=4), claim("c2", 9, at=40)], rule="ucdp"
    )
    assert (est.low, est.high) == (9, 9)


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


def test_a_copy_of_a_total_does_not_restate_its_own_part():
    # a source's part of a total, and a copy of that total: the copy is the total once more,
    # not the report's voice restating the part (hypothesis found this)
    span = model.Span(start=0, end=4, text="toll")
    total = model.Claim(
        id="c1",
        figure="killed",
        value=0,
        low=0,
        high=0,
        qualifier="exact",
        count_text="0",
        victims=(),
        unit="people",
        evidence=span,
    )
    part = dataclasses.replace(total, id="c2", part_of="c1", claimant="monitor")
    copy = dataclasses.replace(total, id="copy1")
    for rule in reconcile.RULES:
        est = reconcile.estimate([total, part], rule=rule)
        assert reconcile.estimate([total, part, copy], rule=rule, copies={"copy1": "c1"}) == est
