"""The words of reported speech (``tollwatch/data/speech.toml``), loaded once.

Verbs of saying, "according to" and its kin, pronouns, and the word lists that bound a
speaker's noun phrase (stop words, place words, role words ...).
"""

from __future__ import annotations

import re

from tollwatch.extract.names import load_data

_DATA = load_data("speech.toml")


def _set(name: str) -> frozenset[str]:
    """A word list: a TOML list, or words in one string separated by blanks."""
    value = _DATA["words"][name]
    return frozenset(value.split() if isinstance(value, str) else value)


SAY_RE = re.compile(r"(?<![\w-])(?:" + "|".join(_DATA["say"]) + r")(?![\w-])(?! responsibility)")
ACCORDING_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(_DATA["according"]) + r")(?![\w-])", re.IGNORECASE
)
ACCORDING_SENTENCE = frozenset(_DATA["according_sentence"])
# What may stand between "according to" and the source ("according to a statement by X").
SOURCE_PREFIX = re.compile(
    r"^(?:(?:a|the|an|its|their)\s+)?(?:[\w'’-]+\s+){0,3}?"
    r"(?:" + "|".join(_DATA["source_documents"]) + r")"
    r"\s+(?:by|from|of|issued by|released by)\s+",
    re.IGNORECASE,
)
PRONOUNS: dict[str, str] = dict(_DATA["pronouns"])
DETERMINERS = _set("determiners")
CONNECTORS = _set("connectors")
STOP = _set("stop")
MONTHS = _set("months")
WEEKDAYS = _set("weekdays")
PLACE_WORDS = _set("place")
LOCATIVE = _set("locative")
NAME_WORDS = _set("name_words")
SKIP_BEFORE_VERB = _set("skip_before_verb")
ROLE_HEADS = _set("role_heads")
SOURCE_NOUNS = _set("source_nouns")
NOUN_LIKE = _set("noun_like")
ANAPHORIC_NOUNS = _set("anaphoric")
GENERIC_TAIL = _set("generic_tail")
COUNTRY_GOVERNMENTS = re.compile(
    "^(?:" + "|".join(re.escape(c) for c in _DATA["words"]["countries"]) + ")$"
)
ANAPHORIC_KINDS: dict[str, frozenset[str]] = {
    noun: frozenset(kinds) for noun, kinds in _DATA["anaphoric_kinds"].items()
}
CONTINUATION = re.compile("|".join(_DATA["continuation"]), re.IGNORECASE)
