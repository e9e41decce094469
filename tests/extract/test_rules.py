"""The rule registry, and every registered rule's own examples run through the pipeline."""

from __future__ import annotations

from datetime import date

import pytest

from tollwatch.extract import extract_report, make_report
from tollwatch.extract.rules import (
    REGISTRY,
    Example,
    check_example,
    facts_by_rule,
    iter_examples,
    load_all,
    matches,
    register,
)
from tollwatch.model import Claim, Incident, PlaceRef, ReportRecord, Span

load_all()


@pytest.fixture
def scratch_registry():
    """Rules registered by a test are forgotten after it."""
    before = dict(REGISTRY)
    yield
    REGISTRY.clear()
    REGISTRY.update(before)


# ------------------------------------------------------------------------------- registry


def test_register_refuses_bad_rules(scratch_registry):
    ok = register("demo.one", fact="claim", summary="s", examples=["Two were killed."])
    assert REGISTRY["demo.one"] is ok
    assert ok.stage == "demo"
    assert ok.examples == (Example("Two were killed."),)
    # the very same rule again (a module reloaded) is fine; another under its name is not
    register("demo.one", fact="claim", summary="s", examples=["Two were killed."])
    with pytest.raises(ValueError, match="registered twice"):
        register("demo.one", fact="claim", summary="other", examples=["Two were killed."])
    with pytest.raises(ValueError, match="must be '<stage>.<rule>'"):
        register("nostage", fact="claim", summary="s", examples=["x"])
    with pytest.raises(ValueError, match="unknown fact 'weather'"):
        register("demo.two", fact="weather", summary="s", examples=["x"])
    with pytest.raises(ValueError, match="has no example sentence"):
        register("demo.three", fact="claim", summary="s", examples=[])


@pytest.mark.parametrize(
    ("actual", "expected", "ok"),
    [
        ({"figure": "killed", "value": 8, "x": 1}, {"figure": "killed", "value": 8}, True),
        ({"figure": "killed", "value": 8}, {"value": 9}, False),
        ({"figure": "killed"}, {"value": 8}, False),  # a key the fact lacks
        ({"claims": [{"value": 5}, {"value": 3}]}, {"claims": [{"value": 3}]}, True),
        ({"claims": [{"value": 5}]}, {"claims": [{"value": 3}]}, False),
        ({"incidents": [{}, {}]}, {"incidents": 2}, True),
        ({"incidents": [{}]}, {"incidents": 2}, False),
        ({"start": "2016-11-30"}, {"start": date(2016, 11, 30)}, True),
        ({"place": None}, {"place": None}, True),
        ({"value": 1}, {"value": True}, False),  # equality, not truthiness
    ],
)
def test_matches(actual, expected, ok):
    assert matches(actual, expected) is ok


def _record() -> ReportRecord:
    report = make_report("Shelling killed 4 people in Idlib.")
    span = Span(start=0, end=8, text="Shelling")
    claim = Claim(
        id="c1",
        figure="killed",
        value=4,
        low=4,
        high=4,
        qualifier="exact",
        count_text="4",
        evidence=span,
        incident="i1",
        rule="figures.verb_object",
        incident_rule="incidents.same_sentence",
    )
    place = PlaceRef(name="Idlib", text="Idlib", rule="places.named+places.country_context")
    inc = Incident(id="i1", place=place, type_rule="events.cue")
    return ReportRecord(report=report, claims=(claim,), incidents=(inc,), main_incident="i1")


def test_facts_by_rule_names_every_rule_behind_a_fact():
    facts = facts_by_rule(_record())
    assert sorted(facts) == [
        "events.cue",
        "figures.verb_object",
        "incidents.same_sentence",
        "places.country_context",
        "places.named",
    ]
    assert facts["figures.verb_object"][0][0] == "claim"
    assert facts["places.named"] == [("place", _record().incidents[0].place.to_dict())]


def test_check_example_says_what_is_wrong(scratch_registry):
    REGISTRY.pop("figures.verb_object", None)
    rule = register("figures.verb_object", fact="claim", summary="s", examples=["x"])
    record = _record()
    assert check_example(rule, Example("x", expect={"value": 4}), record) is None
    assert "no claim it made matches" in check_example(rule, Example("x", {"value": 5}), record)
    other = register("figures.never", fact="claim", summary="s", examples=["x"])
    assert "made no claim" in check_example(other, Example("x"), record)


# ------------------------------------------------------------------------ every rule's examples

EXAMPLES = list(iter_examples())


@pytest.fixture(scope="session")
def gazetteer_with(tmp_path_factory):
    """A copy of the default gazetteer with a CSV list of places imported (one per list)."""
    import shutil

    from tollwatch.extract.gazetteer import Gazetteer, default_gazetteer

    made: dict[str, Gazetteer] = {}

    def get(csv_text: str) -> Gazetteer:
        if csv_text not in made:
            folder = tmp_path_factory.mktemp("gaz")
            shutil.copyfile(default_gazetteer().path, folder / "gazetteer.sqlite")
            (folder / "places.csv").write_text(csv_text, encoding="utf-8")
            gaz = Gazetteer.open(folder / "gazetteer.sqlite", build=False)
            gaz.import_csv(folder / "places.csv")
            made[csv_text] = gaz
        return made[csv_text]

    yield get
    for gaz in made.values():
        gaz.close()


@pytest.mark.parametrize(
    ("rule", "example"),
    EXAMPLES,
    ids=[f"{r.name}:{i}" for i, (r, _) in enumerate(EXAMPLES)],
)
def test_rule_example(nlp, gazetteer_with, rule, example):
    gazetteer = gazetteer_with(example.gazetteer_csv) if example.gazetteer_csv else None
    record = extract_report(
        make_report(example.text, title=example.title, published=example.published),
        gazetteer=gazetteer,
    )
    problem = check_example(rule, example, record)
    assert problem is None, problem
