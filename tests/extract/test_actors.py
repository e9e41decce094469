"""The actors catalogue (tollwatch/data/actors.toml) and how phrases resolve to it."""

from __future__ import annotations

import pytest

from tollwatch.extract import actors
from tollwatch.extract.actors import ACLED_INTER, ACTOR_KINDS, by_name, catalogue, find, resolve


def test_catalogue_entries_are_well_formed():
    entries = catalogue()
    assert len(entries) > 30
    names = [a.name for a in entries]
    assert len(set(names)) == len(names)  # one canonical name per actor
    for a in entries:
        assert a.kind in ACTOR_KINDS
        assert a.inter in ACLED_INTER
        assert a.aliases or a.acronyms or a.patterns, a.name
        if a.kind in {"state", "foreign_state"}:
            assert a.country and len(a.country) == 2, a.name


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("Russian warplanes", "Russia"),
        ("Moscow's jets", "Russia"),
        ("regime forces", "Syrian government forces"),
        ("the Syrian Arab Army", "Syrian government forces"),
        ("Syrian air strikes", "Syrian government forces"),
        ("the US-led coalition", "US-led coalition"),
        ("American drones", "US-led coalition"),
        ("IS militants", "Islamic State (ISIS)"),
        ("Daesh", "Islamic State (ISIS)"),
        ("Hay'at Tahrir al-Sham", "Nusra Front (al-Qaeda affiliate)"),
        ("Kurdish-led fighters", "SDF/YPG Kurdish-led forces"),
        ("the Army of Islam", "Jaish al-Islam (Army of Islam)"),
        ("Jaish al Islam", "Jaish al-Islam (Army of Islam)"),
        ("Hizbollah fighters", "Hezbollah (pro-government)"),
        ("Houthi rebels", "Houthi movement (Ansar Allah)"),
        ("Saudi-led coalition aircraft", "Saudi-led coalition"),
        ("Shining Path guerrillas", "Shining Path"),
        ("militiamen of the NDF", "Syrian pro-government militias"),
        # words that blame without a name keep them, and give way to a name beside them
        ("terrorist groups", "terrorists"),
        ("the terrorist organizations", "terrorists"),
        ("masked gunmen", "gunmen"),
        ("ISIL terrorists", "Islamic State (ISIS)"),
        ("Daesh terrorists", "Islamic State (ISIS)"),
        ("terrorists from the Nusra Front", "Nusra Front (al-Qaeda affiliate)"),
    ],
)
def test_phrases_resolve_to_one_canonical_actor(phrase: str, name: str):
    actor = resolve(phrase)
    assert actor is not None and actor.name == name


def test_a_canonical_name_resolves_to_itself():
    for a in catalogue():
        assert resolve(a.name) is a
        assert by_name(a.name.upper()) is a


@pytest.mark.parametrize(
    "phrase",
    [
        "rebel-held areas",
        "government-controlled districts",
        "the Britain-based monitor",
        "the town",
        "this is what happened",  # "is" the verb, not IS the group
        "anti-IS",
        "",
        "   ",
    ],
)
def test_phrases_that_name_no_actor(phrase: str):
    assert resolve(phrase) is None


def test_state_words_name_the_state_of_the_reports_country():
    assert resolve("the army").name == "Syrian government forces"  # the default country
    assert resolve("government troops", country="IQ").name == "Iraqi government forces"
    other = resolve("security forces", country="NG")
    assert other is not None and other.kind == "state" and other.country == "NG"
    assert other.inter_code("NG") == 1


def test_local_words_need_their_country():
    assert resolve("coalition warplanes").name == "US-led coalition"
    assert resolve("coalition warplanes", country="YE").name == "Saudi-led coalition"
    assert resolve("the rebels", country="ye").name == "Houthi movement (Ansar Allah)"
    assert resolve("the rebels", country="SY").name == "opposition rebels"


def test_a_patron_gives_way_to_the_actor_it_backs():
    assert resolve("Russian-backed government forces").name == "Syrian government forces"
    assert resolve("Turkish-backed rebels").name == "Syrian National Army (Turkish-backed rebels)"
    # alone, the patron is still who is named
    assert resolve("Russian-backed").name == "Russia"


def test_inter_codes_and_ucdp_sides():
    syria = by_name("Syrian government forces")
    russia = by_name("Russia")
    rebels = by_name("opposition rebels")
    assert syria.inter_code("SY") == 1 and syria.ucdp_side_in("SY") == "Government of Syria"
    assert russia.inter_code("RU") == 1 and russia.inter_code("SY") == 8
    assert russia.inter_code(None) == 1
    assert by_name("Islamic State (ISIS)").inter_code("IQ") == 2
    assert by_name("Syrian pro-government militias").inter_code("SY") == 3
    assert rebels.ucdp_side_in("SY") == "Syrian insurgents" and rebels.ucdp_side_in("CO") is None
    assert syria.to_dict()["inter"] == 1


def test_find_gives_every_actor_with_its_words():
    text = "Russian jets and Syrian army helicopters struck IS positions near the SDF front."
    found = find(text)
    assert [(m.actor.name, m.text) for m in found] == [
        ("Russia", "Russian"),
        ("Syrian government forces", "Syrian army"),
        ("Islamic State (ISIS)", "IS"),
        ("SDF/YPG Kurdish-led forces", "SDF"),
    ]
    assert all(text[m.start : m.end] == m.text for m in found)


def test_spelling_variants_of_aliases():
    # a hyphen may be a space or nothing; either apostrophe
    assert resolve("Kurdish led forces").name == "SDF/YPG Kurdish-led forces"
    assert resolve("People’s Protection Units").name == "SDF/YPG Kurdish-led forces"
    assert actors.resolve("Ansarallah").name == "Houthi movement (Ansar Allah)"


@pytest.mark.parametrize(
    ("phrase", "names"),
    [
        ("Syrian government or Russian war planes", ["Syrian government forces", "Russia"]),
        ("Russian and Syrian jets", ["Russia", "Syrian government forces"]),
        (
            "IS, Nusra Front and the army",
            [
                "Islamic State (ISIS)",
                "Nusra Front (al-Qaeda affiliate)",
                "Syrian government forces",
            ],
        ),
        # a patron is not a second actor
        ("Russian-backed government forces", ["Syrian government forces"]),
        # two actors not joined: the phrase's actor, not the one it hit
        ("the Islamic State attack on Kurdish forces", ["Islamic State (ISIS)"]),
        ("the town", []),
    ],
)
def test_resolve_all_gives_each_joined_actor(phrase: str, names: list[str]):
    assert [a.name for a in actors.resolve_all(phrase)] == names


def test_a_name_and_the_unnamed_words_after_it_are_one_actor():
    found = find("that ISIL terrorists fired rockets as gunmen attacked the checkpoint")
    assert [(m.text, m.actor.name) for m in found] == [
        ("ISIL terrorists", "Islamic State (ISIS)"),
        ("gunmen", "gunmen"),
    ]
    assert {m.actor.kind for m in found} == {"jihadist", "unnamed"}
    # "unnamed" actors are the catalogue's last entries: any name wins over them
    kinds = [a.kind for a in catalogue()]
    first_unnamed = kinds.index("unnamed")
    assert set(kinds[first_unnamed:]) == {"unnamed"}
