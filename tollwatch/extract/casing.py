"""A view of the report in its usual case, for text written in capitals.

Wire archives, telex and radio transcripts are written ALL IN CAPITALS ("A CORPORAL AND A
GUERRILLA WERE KILLED IN SAN MIGUEL"). spaCy's small English model reads such text badly: its
features see every word shaped like an acronym or a name, so the parse is wrong and every
word may be an entity. :func:`view` gives the same text with the capitals put back as an
English writer would have them ("A corporal and a guerrilla were killed in San Miguel"):

- a common English word is lower-cased;
- a word usually written with a capital (a place, a person's name, a people, a month: the
  list in ``tollwatch/data/proper_words.txt``) is title-cased, and so is a word no one of the
  lists knows (a surname such as "Albujar" is more likely than a rare word);
- a short word without a vowel, or of three letters or fewer that no list knows ("FMLN",
  "ELN"), stays in capitals: it is an acronym;
- the first word of each sentence is capitalised, and so is "I";
- neighbours settle what the lists alone get wrong: a month after a day or before a year
  ("1 AUGUST", "MAY 1989"), a word that is no English word in lower case next to a name
  ("DANILO VARILLAS": ``tollwatch/data/english_words.txt``), and a word between two names
  ("SATURNINO PALOMINO TUNQUI") are title-cased.

Only the parts of a text that are written in capitals are changed: a report in mixed case,
or the mixed-case body under a headline in capitals, is left as it is.

The view has exactly the length of the text, character for character (a character whose
case mapping would change the length is left as it was), so every offset into the view is
the same offset into the report: a parse of the view laid over the report's words gives
evidence spans that index the report text exactly. The parse stage parses the view
(:mod:`tollwatch.extract.parse`); other stages that read the raw text with patterns that
depend on case (capitalised names) read :func:`context_view` instead.
"""

from __future__ import annotations

import functools
import re
from importlib.resources import files
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tollwatch.extract.pipeline import Context

__all__ = ["context_view", "is_shouted", "truecase", "view"]

# A stretch of text counts as written in capitals when at least this share of its cased
# letters are capitals, and it has at least this many of them (a word or two in capitals,
# "UN" or "ISIS", is not shouting).
SHOUTED_SHARE = 0.85
SHOUTED_MIN_LETTERS = 12

_WORD = re.compile(r"[^\W\d_]+")
# Where a sentence may start inside a stretch: after . ! ? (and closing quotes or brackets)
# and whitespace, or after a dateline's dash or a bracketed tag ("-- [TEXT] AUTHORITIES").
_SENTENCE_START = re.compile(r"""(?:^|[.!?]["'”’)\]]*\s+|--\s+|\]\s+|:\s+["“]?|\n\s*)(?=\W*\w)""")
# Stretches decided separately: lines, and sentences within them.
_STRETCH = re.compile(r"[^\n]+")
_SENTENCE = re.compile(r"[^\s.!?][^\n.!?]*(?:[.!?]+|$)")
_VOWELS = frozenset("aeiouy")


@functools.cache
def proper_words() -> frozenset[str]:
    """The lower-case forms of words usually written with a capital (the data file)."""
    text = (files("tollwatch") / "data" / "proper_words.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


@functools.cache
def common_words() -> frozenset[str]:
    """Lower-case English words: the string store the default spaCy model shipped with (read
    from its files, without loading it); empty when no default model is installed."""
    import importlib.util
    import json
    from pathlib import Path

    from tollwatch.settings import DEFAULT_MODELS

    for name in DEFAULT_MODELS:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            continue
        for root in (spec.submodule_search_locations or []) if spec else []:
            for strings in sorted(Path(root).glob("*/vocab/strings.json")):
                try:
                    words = json.loads(strings.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    continue
                return frozenset(
                    w for w in words if isinstance(w, str) and w.isalpha() and w.islower()
                )
    return frozenset()


_ASCII_UPPER = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ASCII_LOWER = b"abcdefghijklmnopqrstuvwxyz"
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def case_counts(text: str) -> tuple[int, int]:
    """(capitals, lower-case letters) of ``text``: the count of ``str.isupper`` and
    ``str.islower`` characters, the ASCII part counted in C (a loop over every character
    in Python was the slowest part of reading a report's case)."""
    ascii_part = text.encode("ascii", "ignore")
    n = len(ascii_part)
    upper = n - len(ascii_part.translate(None, _ASCII_UPPER))
    lower = n - len(ascii_part.translate(None, _ASCII_LOWER))
    if n != len(text):
        for run in _NON_ASCII.findall(text):
            for ch in run:
                if ch.isupper():
                    upper += 1
                elif ch.islower():
                    lower += 1
    return upper, lower


def is_shouted(text: str) -> bool:
    """Is ``text`` written in capitals (see :data:`SHOUTED_SHARE`)?"""
    upper, lower = case_counts(text)
    return upper >= SHOUTED_MIN_LETTERS and upper >= SHOUTED_SHARE * (upper + lower)


@functools.lru_cache(maxsize=65536)
def _word_case(word: str) -> str:
    """The usual case of one word written in capitals (not at a sentence start)."""
    low = word.lower()
    if len(low) != len(word):
        return word
    if low in proper_words():
        return _title(word, low)
    if low in common_words():
        return low
    if len(word) <= 3 or not any(ch in _VOWELS for ch in low):
        return word  # an acronym: "FMLN", "ELN"
    return _title(word, low)


def _title(word: str, low: str) -> str:
    title = word[0] + low[1:]
    return title if len(title) == len(word) else word


def truecase(text: str) -> str:
    """``text`` (written in capitals) in its usual case, with the same length."""
    chars = list(text)
    starts = {m.end() for m in _SENTENCE_START.finditer(text)}
    words = [m for m in _WORD.finditer(text) if any(ch.isupper() for ch in m.group())]
    cased = [_word_case(m.group()) for m in words]
    _names_in_context(text, words, cased)
    for m, new in zip(words, cased, strict=True):
        word = m.group()
        if word == "I" or (_starts_sentence(text, m.start(), starts) and not new.isupper()):
            new = word[0] + new[1:]
        if len(new) == len(word):
            chars[m.start() : m.end()] = new
    return "".join(chars)


_DAY_OR_YEAR = re.compile(r"\d{1,4}")


def _names_in_context(text: str, words: list[re.Match[str]], cased: list[str]) -> None:
    """Words the lists alone case wrongly, put right by their neighbours (in place):

    - a month after a day or before a day or year ("1 AUGUST", "MAY 1989") is a month;
    - a word no English dictionary knows in lower case ("DANILO"), next to a name, is part
      of the name ("Danilo Varillas");
    - a word between two names is part of them ("SATURNINO PALOMINO TUNQUI").
    """
    n = len(words)

    def joined(a: int, b: int) -> bool:  # words a and b are separated by spaces only
        return text[words[a].end() : words[b].start()].strip(" ") == ""

    def name(k: int) -> bool:
        w = cased[k]
        return len(w) > 1 and w[0].isupper() and w[1:].islower()

    for k in range(n):
        low = cased[k]
        if not low.islower():
            continue
        if low in _MONTHS:
            before = text[max(0, words[k].start() - 4) : words[k].start()].rstrip(" ")
            after = text[words[k].end() : words[k].end() + 5].lstrip(" ")
            if _DAY_OR_YEAR.search(before[-2:] if before else "") or _DAY_OR_YEAR.match(after):
                cased[k] = _title(words[k].group(), low)
            continue
        left = k > 0 and joined(k - 1, k) and name(k - 1)
        right = k + 1 < n and joined(k, k + 1) and name(k + 1)
        if (left and right and len(low) > 3 and low not in _FUNCTION_WORDS) or (
            (left or right) and low not in english_words()
        ):
            cased[k] = _title(words[k].group(), low)


_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)
_FUNCTION_WORDS = frozenset(
    """the and of for from with into onto over under after before during near this that these
    those than then when where which while about above below between among against""".split()
)


@functools.cache
def english_words() -> frozenset[str]:
    """Lower-case English words (the data file): a word of :func:`common_words` not here is
    more likely a name ("danilo", "gomez")."""
    text = (files("tollwatch") / "data" / "english_words.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def _starts_sentence(text: str, at: int, starts: set[int]) -> bool:
    """A word at ``at`` opens a sentence: a sentence start is at or just before it (past
    opening quotes and brackets)."""
    k = at
    while k > 0 and text[k - 1] in "\"'“‘([":
        k -= 1
    return k in starts


def view(text: str) -> str:
    """``text`` with every line (or sentence of a line) written in capitals truecased; the
    rest as it is. Same length as ``text``."""
    if not any(ch.isupper() for ch in text):
        return text
    out: list[str] | None = None
    for start, end in _shouted_stretches(text):
        if out is None:
            out = list(text)
        out[start:end] = truecase(text[start:end])
    return text if out is None else "".join(out)


def _shouted_stretches(text: str) -> list[tuple[int, int]]:
    """(start, end) of the lines written in capitals, and of the sentences written in
    capitals within mixed lines (a headline in capitals before the body: "SIX KILLED IN
    RAID. Six people were killed ...")."""
    out: list[tuple[int, int]] = []
    for line in _STRETCH.finditer(text):
        if is_shouted(line.group()):
            out.append(line.span())
            continue
        if case_counts(line.group())[0] < SHOUTED_MIN_LETTERS:
            continue
        for sent in _SENTENCE.finditer(text, line.start(), line.end()):
            if is_shouted(sent.group()):
                out.append(sent.span())
    return out


def context_view(context: Context) -> str:
    """The report text of ``context`` in its usual case (:func:`view`), computed once."""
    cached = context.cache.get("casing.view")
    if cached is None:
        cached = context.cache["casing.view"] = view(context.text)
    return cached
