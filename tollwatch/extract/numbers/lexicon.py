"""The numbers stage's word lists, read once from ``tollwatch/data/number_words.toml`` (data,
not code: see the comments in that file)."""

from __future__ import annotations

import tomllib
from importlib.resources import files

from tollwatch.extract.lexicons import TOLL_RISE_VERBS
from tollwatch.extract.words import person_nouns

_RAW = tomllib.loads(
    (files("tollwatch") / "data" / "number_words.toml").read_text(encoding="utf-8")
)


def _words(key: str) -> frozenset[str]:
    return frozenset(_RAW["words"][key].split())


UNITS: dict[str, int] = dict(_RAW["units"])
TENS: dict[str, int] = dict(_RAW["tens"])
SCALES: dict[str, int] = {w: 10**e for w, e in _RAW["scales"].items()}
SCALE_ABBREV: dict[str, int] = {w: 10**e for w, e in _RAW["scale_abbrev"].items()}
VAGUE: dict[str, int] = dict(_RAW["vague"])
FEW: dict[str, int] = dict(_RAW["few"])
# Qualifier phrases before the number as (words, qualifier), longest first: "just under"
# is tried before "under".
PRE_QUALIFIERS: list[tuple[tuple[str, ...], str]] = sorted(
    (
        (tuple(phrase.split("_")), qualifier)
        for qualifier, phrases in _RAW["pre_qualifiers"].items()
        for phrase in phrases.split()
    ),
    key=lambda item: -len(item[0]),
)
UPPER_QUALIFIERS = _words("upper_qualifiers")
# at_least phrases whose low is the number after theirs: "more than 70" (low 71).
STRICT_LOWER: frozenset[tuple[str, ...]] = frozenset(
    tuple(phrase.split("_")) for phrase in _words("strict_lower")
)
MONTHS = _words("months")
WEEKDAYS = _words("weekdays")
MEASURE_UNITS = _words("measure_units")
MONEY_WORDS = _words("money_words")
GLUE_OK = _words("glue_ok")
TIME_WORDS = _words("time_words")
AGE_WORDS = _words("age_words")
LABEL_WORDS = _words("label_words")
# Singular nouns of people after "a"/"an": "a child was among the dead", "a corporal and a
# guerrilla were killed" count one each (tollwatch/data/person_nouns.txt), less the ones that
# are adjectives as often as people ("a major attack", "a general strike", "a local man").
ONE_PERSON = person_nouns() - _words("not_one_person")
NOT_A_MODIFIER = _words("not_a_modifier")
PEOPLES = _words("peoples")
AFTER_PEOPLE = _words("after_people")
COUNT_NOUNS = _words("count_nouns")
# Words before "from X to Y" that make it a change of one number, not a range of two.
CHANGE_WORDS = TOLL_RISE_VERBS | _words("change_words")
CURRENCY_SIGNS = frozenset("$€£¥₹")
