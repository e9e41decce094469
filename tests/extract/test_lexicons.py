"""The lexicons: organisations that report on conflicts, armed actors and event words."""

from __future__ import annotations

import pytest

from tollwatch.extract.lexicons import (
    ACTOR_KINDS,
    ACTORS,
    EVENT_CUES,
    ORGANISATIONS,
    actor_for,
    find_event_cues,
    find_organisations,
    role_kind,
)
from tollwatch.model import CLAIMANT_KINDS, SUB_EVENT_TO_EVENT


def test_lexicon_values_are_the_specs():
    assert {o.kind for o in ORGANISATIONS} <= set(CLAIMANT_KINDS)
    assert {a.kind for a in ACTORS} <= set(ACTOR_KINDS)
    assert {c.sub_event_type for c in EVENT_CUES} <= set(SUB_EVENT_TO_EVENT)


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "the Syrian Observatory for Human Rights",
            "Syrian Observatory for Human Rights",
            "monitor",
        ),
        ("SOHR", "SOHR", "monitor"),
        ("Syrian Civil Defense", "Syrian Civil Defense", "rescue"),
        ("Medecins Sans Frontieres", "Medecins Sans Frontieres", "medical"),
        (
            "the International Committee of the Red Cross",
            "International Committee of the Red Cross",
            "ngo",
        ),
        ("OCHA", "OCHA", "un_agency"),
        ("the World Food Programme", "World Food Programme", "un_agency"),
        ("Amnesty International", "Amnesty International", "ngo"),
        ("the official SANA news agency", "SANA", "state_media"),
        ("the Health Ministry", "Health Ministry", "government"),
        ("Airwars", "Airwars", "monitor"),
    ],
)
def test_organisations(text: str, name: str, kind: str):
    specific = [o for o in find_organisations(text) if not o.generic]
    assert specific and specific[0].text == name and specific[0].kind == kind


def test_acronyms_keep_their_case():
    # "who" the pronoun is not the World Health Organization.
    assert not [o for o in find_organisations("the man who saw it") if o.text.lower() == "who"]
    assert [o.kind for o in find_organisations("WHO warned") if o.text == "WHO"] == ["un_agency"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("a nurse", "witness"),
        ("the provincial governor", "local_official"),
        ("a surgeon", "medical"),
        ("a rebel commander", "armed_group"),
        ("the foreign minister", "government"),
        ("nothing of the kind", None),
    ],
)
def test_role_kind(text: str, kind: str | None):
    assert role_kind(text) == kind


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
