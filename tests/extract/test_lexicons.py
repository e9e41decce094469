"""The lexicons: armed actors and event words (the sources catalogue: test_sources_catalogue)."""

from __future__ import annotations

import pytest

from tollwatch.extract.lexicons import (
    ACTOR_KINDS,
    ACTORS,
    EVENT_CUES,
    actor_for,
    find_event_cues,
)
from tollwatch.model import SUB_EVENT_TO_EVENT


def test_lexicon_values_are_the_specs():
    assert {a.kind for a in ACTORS} <= set(ACTOR_KINDS)
    assert {c.sub_event_type for c in EVENT_CUES} <= set(SUB_EVENT_TO_EVENT)


@pytest.mark.parametrize(
    ("phrase", "name", "kind"),
    [
        ("Russian warplanes", "Russia", "foreign_state"),
        ("regime forces", "Syrian government forces", "state"),
        ("Syrian air strikes", "Syrian government forces", "state"),
        ("the US-led coalition", "US-led coalition", "coalition"),
        ("Islamic State militants", "Islamic State (ISIS)", "jihadist"),
        ("Daesh", "Islamic State (ISIS)", "jihadist"),
        ("Syrian rebels", "opposition rebels", "rebel"),
        ("the Free Syrian Army", "Free Syrian Army (FSA)", "rebel"),
        ("Kurdish YPG fighters", "SDF/YPG Kurdish-led forces", "kurdish"),
        ("Hayat Tahrir al-Sham", "Nusra Front (al-Qaeda affiliate)", "jihadist"),
        ("Israeli jets", "Israel", "foreign_state"),
    ],
)
def test_actors(phrase: str, name: str, kind: str):
    actor = actor_for(phrase)
    assert actor is not None and (actor.name, actor.kind) == (name, kind)


@pytest.mark.parametrize(
    "phrase", ["rebel-held areas", "government-controlled Aleppo", "the town", ""]
)
def test_not_actors(phrase: str):
    assert actor_for(phrase) is None


def test_event_cues_prefer_the_longest_words():
    cues = find_event_cues("A suicide car bomb and an air strike")
    assert [(t.sub_event_type) for _, _, t in cues] == ["Suicide bomb", "Air/drone strike"]
    assert [e - s for s, e, _ in cues] == [len("suicide car bomb"), len("air strike")]
