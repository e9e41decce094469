"""The word tokens the number scanner reads: digits (with separators and a glued scale,
"3.5m"), words and single other characters, with their offsets."""

from __future__ import annotations

import re
from typing import NamedTuple

from tollwatch.extract.numbers.lexicon import SCALE_ABBREV, TENS, UNITS

# Digits beyond this many before the point are some other kind of number; their exact value
# does not matter (and a float of them would overflow).
MAX_DIGITS = 15

_NUM_RE = (
    r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[\u00a0\u2009\u202f]\d{3})+"
    r"|\d{1,3}(?: \d{3})+(?![\d,])|\d+)(?:\.\d+)?(?![\d])"
)
_TOKEN = re.compile(
    rf"(?P<num>{_NUM_RE})(?:(?P<suf>mln|mn|bn|m|k)(?![A-Za-z]))?"
    r"|(?P<word>[A-Za-z]+(?:['’][A-Za-z]+)?)"
    r"|(?P<other>\S)"
)
# Tens and units run together, as telex and OCR write them: "THIRTYTHREE", "fortyfive".
GLUED_TENS = re.compile(
    "({})({})".format(
        "|".join(sorted(TENS, key=len, reverse=True)),
        "|".join(sorted((w for w, v in UNITS.items() if 1 <= v <= 9), key=len, reverse=True)),
    ),
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"[,\u00a0\u2009\u202f ]")
_YEAR = re.compile(r"(1[89]\d\d|20\d\d)")


class Tok(NamedTuple):
    """One token of the scanner (a named tuple: the scanner makes one a word of every sentence,
    and a tuple is made several times faster than a frozen dataclass)."""

    text: str
    low: str
    start: int
    end: int
    kind: str  # num | word | other
    suffix: str | None = None  # "m" of "3.5m"


def tokens(text: str, start: int, end: int) -> list[Tok]:
    """The tokens of ``text[start:end]`` (offsets into ``text``)."""
    out: list[Tok] = []
    for m in _TOKEN.finditer(text, start, end):
        if m.group("num") is not None:
            out.append(
                Tok(m.group("num"), m.group("num"), m.start(), m.end(), "num", m.group("suf"))
            )
        elif m.group("word") is not None:
            w = m.group("word")
            glued = GLUED_TENS.fullmatch(w) if len(w) >= 7 else None
            if glued is not None:  # "THIRTYTHREE": thirty, three
                cut = m.start() + glued.end(1)
                out.append(Tok(glued.group(1), glued.group(1).lower(), m.start(), cut, "word"))
                out.append(Tok(glued.group(2), glued.group(2).lower(), cut, m.end(), "word"))
                continue
            out.append(Tok(w, w.lower(), m.start(), m.end(), "word"))
        else:
            out.append(Tok(m.group(), m.group(), m.start(), m.end(), "other"))
    return out


def digits_value(tok: Tok) -> tuple[float, bool]:
    """Value of a digit token and whether it had a decimal part."""
    raw = _SEPARATORS.sub("", tok.text)
    if len(raw.split(".")[0]) > MAX_DIGITS:
        return float(10**MAX_DIGITS), "." in raw
    val = float(raw)
    has_decimal = "." in raw
    if tok.suffix:
        val *= SCALE_ABBREV[tok.suffix.lower()]
    return val, has_decimal


def is_year(t: Tok) -> bool:
    """Four digits that may be a year (1800-2099)."""
    return _YEAR.fullmatch(t.text) is not None
