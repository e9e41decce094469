"""The figures stage's word lists, read once from ``tollwatch/data/figure_words.toml`` and
``tollwatch/data/person_nouns.txt`` (data, not code: see the comments in those files)."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from importlib.resources import files

from tollwatch.extract.lexicons import TOLL_RISE_VERBS
from tollwatch.extract.words import person_nouns


def _data(name: str) -> str:
    return (files("tollwatch") / "data" / name).read_text(encoding="utf-8")


_RAW = tomllib.loads(_data("figure_words.toml"))


def _words(key: str) -> frozenset[str]:
    return frozenset(_RAW[key].split())


def _by_word(table: Mapping[str, str]) -> dict[str, str]:
    """A table {figure: words} as {word: figure}."""
    return {w: k for k, ws in table.items() for w in ws.split()}


# Verb forms -> (figure, transitive?). A transitive verb's victims are its object or passive
# subject; an intransitive one's are its subject.
VERBS: dict[str, tuple[str, bool]] = {
    **{w: (f, False) for w, f in _by_word(_RAW["verbs"]["intransitive"]).items()},
    **{w: (f, True) for w, f in _by_word(_RAW["verbs"]["transitive"]).items()},
}
ADJECTIVES = _by_word(_RAW["adjectives"])
FIGURE_NOUNS = _by_word(_RAW["figure_nouns"])
TOLL_COMPOUNDS = _by_word(_RAW["toll_compounds"])
VICTIM_NOUNS = _by_word(_RAW["victim_nouns"])
VICTIM_MODIFIERS = _by_word(_RAW["victim_modifiers"])
APART = {k: frozenset(v.split()) for k, v in _RAW["apart"].items()}
RISK_PHRASES: dict[tuple[str, str], str] = {
    tuple(phrase.split("_", 1)): fig  # type: ignore[misc]
    for phrase, fig in _by_word(_RAW["risk_phrases"]).items()
}
UPDATE_VERBS = TOLL_RISE_VERBS
# Singular nouns of one person ("a corporal", "the driver", "his bodyguard").
PERSON_NOUNS = person_nouns()

BROAD_VERBS = _words("broad_verbs")
DESTROY_VERBS = _words("destroy_verbs")
HOUSING_VERBS = _words("housing_verbs")
HOUSING_ACTS = _words("housing_acts")
TOLL_NOUNS = _words("toll_nouns")
ANAPHOR_NOUNS = _words("anaphor_nouns")
TOLL_PRONOUNS = _words("toll_pronouns")
LIFE_VERBS = _words("life_verbs")
LOSE_VERBS = _words("lose_verbs")
HARM_VERBS = _words("harm_verbs")
HARM_NOUNS = _words("harm_nouns")
HOUSEHOLD_NOUNS = _words("household_nouns")
# The household nouns that count buildings, not people: "150 houses" are never killed.
DWELLING_NOUNS = HOUSEHOLD_NOUNS - {"family", "families", "household", "households"}
NOT_PEOPLE = _words("not_people")
FACE_VERBS = _words("face_verbs")
THREAT_NOUNS = _words("threat_nouns")
COLLECTIVE_NOUNS = _words("collective_nouns")
SHELTER_PREPS = _words("shelter_preps")
MOVE_VERBS = _words("move_verbs")
SHELTER_OBJECTS = _words("shelter_objects")
SHELTER_PLACES = _words("shelter_places")
SHELTER_CENTRES = _words("shelter_centres")
SHELTER_MODIFIERS = _words("shelter_modifiers")
SHELTER_BUILDINGS = _words("shelter_buildings")
PROTECTION_MODIFIERS = _words("protection_modifiers")
ATTEMPT_VERBS = _words("attempt_verbs")
STATUS_NOUNS = _words("status_nouns")
AUX_WORDS = _words("aux_words")
ASIDE_OPENERS = _words("aside_openers")
TOLL_LINK_WORDS = _words("toll_link_words")
EXPEL_VERBS = _words("expel_verbs")
LEFT_IN_STATE = _words("left_in_state")
LEAVE_VERBS = _words("leave_verbs")
HOME_PLACES = _words("home_places")
TOLL_VERBS = _words("toll_verbs")
ESTIMATE_VERBS = _words("estimate_verbs")
LISTED_COUNTS = _words("listed_counts")
PARTITIVE_POINTERS = _words("partitive_pointers")
ADD_BEFORE = _words("add_before")
ADD_AFTER = _words("add_after")
ADD_ADVERBS = _words("add_adverbs")
NEAR_MISS_ADVERBS = _words("near_miss_adverbs")
# Phrases before a person that make them the one the victims escorted, not a victim, as
# tuples of words ("accompanying",), ("were", "with").
ESCORT_PHRASES: frozenset[tuple[str, ...]] = frozenset(
    tuple(line.split()) for line in _RAW["escort_phrases"].splitlines() if line.strip()
)
# The least a count written without a number means ("others", "several", "a number of",
# "many"), and the adjectives on "number" that size it ("a large number of").
VAGUE_COUNTS: dict[str, int] = {k: int(v) for k, v in _RAW["vague_counts"].items()}
VAGUE_FIGURE_NOUNS = _words("vague_figure_nouns")
VAGUE_SIZES: dict[str, int] = {k: int(v) for k, v in _RAW["vague_sizes"].items()}
# Plural nouns of people: the victim nouns and the plurals of PERSON_NOUNS ("relatives",
# "neighbours", "passers-by" aside): what a vague count may count ("several relatives").
PERSON_PLURALS: frozenset[str] = (
    frozenset(VICTIM_NOUNS)
    | frozenset(n + ("es" if n.endswith(("s", "sh", "ch")) else "s") for n in PERSON_NOUNS)
    | frozenset(n[:-3] + "men" for n in PERSON_NOUNS if n.endswith("man"))
)
