"""The word lists of the places stage, read from ``tollwatch/data/places/`` at import.

Each list is a data file (one entry a line, or a CSV table): what a word does is code, which
words do it is data.
"""

from __future__ import annotations

import re
import tomllib
from importlib.resources import files

from tollwatch.extract.gazetteer import COUNTRY_ALIASES, COUNTRY_NAMES, DEMONYMS, fold
from tollwatch.extract.gazetteer.data import table, word_list

# English words that GeoNames also knows as places somewhere ("Deal", "Police", "Many"): a
# capitalised one at a sentence start or in a name is a word, not a place. Countries and
# provinces are never stopped (see finding.may_be_place).
STOPWORDS = word_list("stopwords.txt")
# Words before a name that make it a person's, not a place's ("President Assad").
TITLES = word_list("titles.txt")
# Words after a name that make it part of an organisation's name ("Aleppo Media Center").
ORG_WORDS = word_list("org_words.txt")
# Words after a name that make it a street's or building's ("Jaffa Street", "Nada Towers").
STREET_WORDS = word_list("street_words.txt")
# Connectors that may stand lowercase inside a multi-word name ("Jub al-Quba", "Ras al Ain").
CONNECTORS = word_list("connectors.txt")
# Capitalised phrases that name no place ("Middle East", "Red Cross").
STOP_PHRASES = word_list("stop_phrases.txt")
# Generic words of Arabic place names, never a place alone ("Wadi", "Tal", "Jebel").
TOPO_WORDS = word_list("topo_words.txt")
# Peoples and faiths spaCy may tag as places.
PEOPLES = word_list("peoples.txt")
# Function words: capitalised, they start a sentence, not a name ("An Aleppo-based group").
FUNCTION_WORDS = word_list("function_words.txt")
# Lowercase words that may end a name the gazetteer knows ("Damascus countryside", "the Gaza
# strip").
NAME_TAILS = word_list("name_tails.txt")
# Words of direction or part before a name ("eastern Ghouta", "rural Idlib").
DIRECTION_WORDS = word_list("direction_words.txt")
# Given names and family names of people in the news that GeoNames also has as places.
PERSON_NAMES = word_list("person_names.txt")
# Words after a country's adjective that make it an actor ("Israeli forces").
ACTOR_WORDS = word_list("actor_words.txt")
# Words between a name and the one before it that do not make them one name.
VAGUE_WORDS = frozenset("near outside around province governorate".split())

DEMONYM_TO_COUNTRY: dict[str, str] = {
    d.casefold(): cc for cc, names in DEMONYMS.items() for d in names
}

_ADMIN_ROWS = table("admin_words.csv")
# Admin words after a name: what kind of entry they ask for, and the precision they give.
ADMIN_WORD_KIND: dict[str, tuple[str | None, int]] = {
    row["word"]: (row["kind"] or None, int(row["precision"]))
    for row in _ADMIN_ROWS
    if row["precision"]
}
# Unit words that make a name a place even when the gazetteer lacks it and no city is named
# ("Siphepha area", "Uror county"), with the UCDP precision of such a place.
UNITS_ALONE: dict[str, int] = {
    row["word"]: int(row["alone"]) for row in _ADMIN_ROWS if row["alone"]
}
# Parts of a city: placed in the last city named even when the text does not say which.
CITY_PARTS = frozenset("neighbourhood neighborhood district quarter".split())

ADMIN_AFTER = re.compile(
    r"^(?:'s|’s)?[\s-]+(?P<w>"
    + "|".join(re.escape(w) for w in sorted(ADMIN_WORD_KIND, key=lambda w: (-len(w), w)))
    + r")\b",
    re.IGNORECASE,
)

# An ambiguous name outside the context country needs this many people to be believed; when
# the report has a country, a foreign town must be a big one ("a Paris meeting", "Gaziantep").
MIN_FOREIGN_POPULATION = 15_000
MIN_FOREIGN_POPULATION_IN_CONTEXT = 100_000
FAR_KM = 150.0  # a small place this far from all the report's other places is doubtful
# The order of kinds from the most specific: the event's place is the most specific one.
KIND_RANK = {
    "neighbourhood": 0,
    "village": 1,
    "town": 1,
    "place": 1,
    "city": 2,
    "region": 3,
    "admin3": 3,
    "admin2": 4,
    "admin1": 5,
    "area": 6,
    "country": 7,
}

# The fold keys of the names of countries ("syria", "uk").
COUNTRY_KEYS = frozenset(
    fold(name) for names in (COUNTRY_NAMES.values(), *COUNTRY_ALIASES.values()) for name in names
)

# Place words of other languages (data/places/other_languages.toml), as alternations for the
# English patterns they extend: locatives before a country ("de Colombia"), settlement words
# before "de" ("la ciudad de La Paz").
_OTHER = tomllib.loads(
    (files("tollwatch") / "data" / "places" / "other_languages.toml").read_text(encoding="utf-8")
)
OTHER_LOCATIVES = "|".join(re.escape(w) for w in _OTHER["locatives"].split())
OTHER_SETTLEMENT_WORDS = "|".join(re.escape(w) for w in _OTHER["settlement_words"].split())
