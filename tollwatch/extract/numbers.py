"""Stage ``numbers``: find every number in the report and parse it, with its qualifier.

Numbers are found with a small hand-written scanner over word tokens, not with the parser: it
is fast, runs on every sentence, and its output decides which sentences get a full parse.

What it reads (see the spec's Qualifiers table):

- digits with separators: ``250,000``, ``1 300``, ``230000``, ``1.2 million``, ``3.5m``;
- words: ``eight``, ``twenty-five``, ``two hundred and fifty``, ``a dozen``, ``a hundred``,
  ``half a million``; and ``a``/``an`` before a singular noun of a person (``a woman was
  killed``, ``including a child``), which counts one;
- qualifiers before (``at least``, ``more than``, ``up to``, ``as many as``, ``about`` ...) and
  after (``or more``, ``or so``, ``+``) the number;
- ranges: ``between 320 and 500``, ``320 to 500``, ``320-500``, ``two or three``;
- vague words with ACLED's values: tens 10, dozens 12, scores 20, hundreds 100, thousands
  1000, millions 1,000,000. Their compounds take the lowest value they can mean:
  ``tens of thousands`` 10,000, ``hundreds of thousands`` 100,000, ``thousands of
  thousands`` is not a thing; ``several``/``a few`` N take 3 x N (``several hundred`` 300,
  the least "several" means in careful use), ``several dozen`` 36.

Every mention also gets a ``kind``: ``count`` for a number that may count something, or what
else it is (``year``, ``date``, ``time``, ``percent``, ``money``, ``measure``, ``age``,
``ordinal``, ``decimal``, ``label``). Only counts can be figures; the figures stage decides
what they count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tollwatch.extract.lexicons import TOLL_RISE_VERBS
from tollwatch.extract.pipeline import Context, Stage
from tollwatch.extract.words import person_nouns
from tollwatch.model import Span

__all__ = ["NumberMention", "ParsedNumber", "find_numbers", "parse_number", "STAGE"]


@dataclass(frozen=True, kw_only=True, slots=True)
class NumberMention:
    """A number in the text, parsed, with its qualifier (see the spec's Qualifiers table)."""

    value: int
    low: int | None
    high: int | None
    qualifier: str  # exact | at_least | at_most | about | range | vague
    span: Span  # the count_text: qualifier and number words ("At least 21", "dozens of")
    number_span: Span  # just the number words ("21")
    sentence: int  # index into context.sentences
    # count | year | date | time | percent | money | measure | age | ordinal | decimal |
    # label | negative ("-5") | implausible (more than MAX_COUNT)
    kind: str = "count"


@dataclass(frozen=True, kw_only=True, slots=True)
class ParsedNumber:
    """The meaning of a number expression on its own: what :func:`parse_number` returns."""

    value: int
    low: int | None
    high: int | None
    qualifier: str
    kind: str = "count"


# --- lexicon -------------------------------------------------------------------------------

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 10**12, "quadrillion": 10**15, "quintillion": 10**18, "sextillion": 10**21,
    "septillion": 10**24, "octillion": 10**27, "nonillion": 10**30, "decillion": 10**33,
}  # fmt: skip
# No count of people in a report is above this (the largest displacement figures are in the
# tens of millions): a bigger number is read, so that "nine hundred quintillion" is not 900,
# and kept from being a count (kind "implausible"), with a note saying so.
MAX_COUNT = 1_000_000_000
# Digits beyond this many before the point are some other kind of number; their exact value
# does not matter (and a float of them would overflow).
_MAX_DIGITS = 15
_SCALE_ABBREV = {"m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000, "bn": 1_000_000_000, "k": 1_000}
# ACLED's values for vague plurals; "scores" and "tens" only count when "of" follows or a figure
# word is near, which the figures stage checks.
_VAGUE = {
    "tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1_000,
    "millions": 1_000_000,
}  # fmt: skip
_FEW = {"several": 3, "few": 3}  # "several hundred" = 300, "a few thousand" = 3000

# Qualifier phrases before the number, longest first within each group (lower-case tokens).
_PRE_QUALIFIERS: list[tuple[tuple[str, ...], str]] = sorted(
    [
        (("at", "least"), "at_least"),
        (("at", "the", "very", "least"), "at_least"),
        (("more", "than"), "at_least"),
        (("over",), "at_least"),
        (("upwards", "of"), "at_least"),
        (("upward", "of"), "at_least"),
        (("in", "excess", "of"), "at_least"),
        (("no", "fewer", "than"), "at_least"),
        (("no", "less", "than"), "at_least"),
        (("not", "less", "than"), "at_least"),
        (("just", "over"), "at_least"),
        (("well", "over"), "at_least"),
        (("a", "minimum", "of"), "at_least"),
        (("up", "to"), "at_most"),
        (("fewer", "than"), "at_most"),
        (("less", "than"), "at_most"),
        (("no", "more", "than"), "at_most"),
        (("not", "more", "than"), "at_most"),
        (("as", "many", "as"), "at_most"),
        (("a", "maximum", "of"), "at_most"),
        (("just", "under"), "at_most"),
        (("under",), "at_most"),
        (("about",), "about"),
        (("around",), "about"),
        (("some",), "about"),
        (("nearly",), "about"),
        (("almost",), "about"),
        (("roughly",), "about"),
        (("approximately",), "about"),
        (("approx",), "about"),
        (("an", "estimated"), "about"),
        (("estimated",), "about"),
        (("close", "to"), "about"),
        (("nearly", "all"), "about"),
        (("circa",), "about"),
        (("an", "approximate"), "about"),
        (("a", "total", "of"), "exact"),
    ],
    key=lambda item: -len(item[0]),
)
_MONTHS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
_WEEKDAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun".split()
)
_YEAR_PREPS = frozenset(
    "in since of until till by from during before after early late mid end year the summer winter spring autumn fall".split()
)
_MEASURE_UNITS = frozenset(
    """km kms kilometre kilometres kilometer kilometers mile miles metre metres meter meters
    m cm mm millimetres millimeters ft feet foot inch inches kg kilogram kilograms kilos tonne
    tonnes ton tons pound pounds lb lbs litre litres liter liters gallons hectare hectares
    acre acres sq square degree degrees hour hours hr hrs minute minutes min mins second seconds
    sec secs day days night nights week weeks month months year years decade decades century
    centuries kmh mph knots mw kw gb mb""".split()
)
_MONEY_WORDS = frozenset(
    """dollars dollar usd us$ euros euro eur pounds sterling gbp pound syp lira liras lire
    pence cents riyals rials dinars dirhams yuan rupees rubles roubles""".split()
)
# Words that text with lost spaces glues to a number ("least140", "of2,000"): still a count.
_GLUE_OK = frozenset("least than about around some nearly almost over of to and with".split())
_CURRENCY_SIGNS = frozenset("$€£¥₹")
_TIME_WORDS = frozenset("am pm a.m p.m gmt utc hrs o'clock local".split())
_AGE_WORDS = frozenset("aged age ages".split())
# Words before a number that make it a name or an ordinal label, not a count.
_LABEL_WORDS = frozenset(
    """resolution resolutions article articles no nos number route highway phase chapter
    section flight room unit regiment battalion brigade division grade category class
    paragraph page pages item items code version stage platform gate sector zone
    checkpoint apartment floor precinct ward squad model type mark covid level""".split()
)
# Singular nouns of people after "a"/"an": "a child was among the dead", "a corporal and a
# guerrilla were killed" count one each (tollwatch/data/person_nouns.txt), less the ones that
# are adjectives as often as people ("a major attack", "a general strike", "a local man").
_ONE_PERSON = person_nouns() - frozenset(
    """major general private national local official chief minor deputy individual relative
    captive youth marine contra secretary agent escort guard national""".split()
)
# Words between "a" and a person that make the phrase something else: "a few soldiers",
# "a number of civilians", "a lot of people".
_NOT_A_MODIFIER = frozenset("few couple number lot dozen hundred thousand score handful".split())
# Count nouns that make a 4-digit number a count rather than a year ("2000 people").
_COUNT_NOUNS = frozenset(
    """people persons civilians residents families households homes houses children women men
    refugees idps migrants fighters soldiers troops militants rebels members dead bodies
    deaths casualties victims villagers displaced others more""".split()
)

_NUM_RE = (
    r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[\u00a0\u2009\u202f]\d{3})+"
    r"|\d{1,3}(?: \d{3})+(?![\d,])|\d+)(?:\.\d+)?(?![\d])"
)
_TOKEN = re.compile(
    rf"(?P<num>{_NUM_RE})(?:(?P<suf>mln|mn|bn|m|k)(?![A-Za-z]))?"
    r"|(?P<word>[A-Za-z]+(?:['’][A-Za-z]+)?)"
    r"|(?P<other>\S)"
)


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    low: str
    start: int
    end: int
    kind: str  # num | word | other
    suffix: str | None = None  # "m" of "3.5m"


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    out: list[_Tok] = []
    for m in _TOKEN.finditer(text, start, end):
        if m.group("num") is not None:
            out.append(
                _Tok(m.group("num"), m.group("num"), m.start(), m.end(), "num", m.group("suf"))
            )
        elif m.group("word") is not None:
            w = m.group("word")
            out.append(_Tok(w, w.lower(), m.start(), m.end(), "word"))
        else:
            out.append(_Tok(m.group(), m.group(), m.start(), m.end(), "other"))
    return out


def _digits_value(tok: _Tok) -> tuple[float, bool]:
    """Value of a digit token and whether it had a decimal part."""
    raw = re.sub(r"[,\u00a0\u2009\u202f ]", "", tok.text)
    if len(raw.split(".")[0]) > _MAX_DIGITS:
        return float(10**_MAX_DIGITS), "." in raw
    val = float(raw)
    has_decimal = "." in raw
    if tok.suffix:
        val *= _SCALE_ABBREV[tok.suffix.lower()]
    return val, has_decimal


@dataclass(slots=True)
class _Core:
    value: int
    first: int  # index of first token
    last: int  # index of last token (inclusive)
    vague: bool = False
    decimal: bool = False  # a fraction with no scale ("2.5")
    scaled: bool = False  # carries a scale word ("million")
    of_end: int | None = None  # index of a trailing "of" that belongs to the count text


def _word_core(toks: list[_Tok], i: int) -> _Core | None:
    """Parse number words starting at token i ("twenty-five", "two hundred and fifty")."""
    n = len(toks)
    if toks[i].low in ("a", "an", "one") and i + 1 < n and toks[i + 1].low == "dozen":
        return _Core(12, i, i + 1)
    if (
        toks[i].low == "half"
        and i + 2 < n
        and toks[i + 1].low == "a"
        and toks[i + 2].low in _SCALES
    ):
        scale = _SCALES[toks[i + 2].low]
        return _Core(scale // 2, i, i + 2, scaled=True) if scale >= 1000 else None
    total = 0
    current = 0
    last_type: str | None = None  # unit | teen | ten | hundred | scale | and | hyphen
    last_scale = 10**40
    last = -1
    j = i
    if toks[i].low in ("a", "an"):
        if not (i + 1 < n and toks[i + 1].low in _SCALES):
            return None
        current, last_type, last, j = 1, "unit", i, i + 1
    while j < n:
        t = toks[j]
        low = t.low if t.kind == "word" or t.kind == "other" else ""
        if low in _UNITS and low != "zero" and _UNITS[low] < 10:
            if last_type not in (None, "ten", "hundred", "scale", "and", "hyphen"):
                break
            current += _UNITS[low]
            last_type = "unit"
        elif low in _UNITS:  # ten .. nineteen, zero
            if last_type not in (None, "hundred", "scale", "and"):
                break
            if low == "zero" and last_type is not None:
                break
            current += _UNITS[low]
            last_type = "teen"
        elif low in _TENS:
            if last_type not in (None, "hundred", "scale", "and"):
                break
            current += _TENS[low]
            last_type = "ten"
        elif low == "hundred":
            if last_type not in ("unit", "teen") or current >= 100:
                break
            current *= 100
            last_type = "hundred"
        elif low in _SCALES:
            scale = _SCALES[low]
            if last_type not in ("unit", "teen", "ten", "hundred") or scale >= last_scale:
                break
            total += current * scale
            current = 0
            last_scale = scale
            last_type = "scale"
        elif low == "dozen" and last_type in ("unit", "teen") and current < 100 and total == 0:
            current *= 12
            last = j
            break
        elif (
            low == "and"
            and last_type in ("hundred", "scale")
            and j + 1 < n
            and (toks[j + 1].low in _UNITS or toks[j + 1].low in _TENS)
        ):
            last_type = "and"
            j += 1
            continue
        elif (
            low in ("-", "‐")
            and last_type == "ten"
            and j + 1 < n
            and (toks[j + 1].low in _UNITS and _UNITS[toks[j + 1].low] < 10)
            and toks[j - 1].end == t.start
            and t.end == toks[j + 1].start
        ):
            last_type = "hyphen"
            j += 1
            continue
        else:
            break
        last = j
        j += 1
    if last < i:
        return None
    value = total + current
    scaled = any(toks[k].low in _SCALES for k in range(i, last + 1))
    return _Core(value, i, last, scaled=scaled)


def _core(toks: list[_Tok], i: int) -> _Core | None:
    """Parse the number that starts at token i, without qualifiers."""
    n = len(toks)
    t = toks[i]
    if t.kind == "num":
        val, dec = _digits_value(t)
        last = i
        scaled = t.suffix is not None
        j = i + 1
        if (
            j < n
            and toks[j].low in _SCALES
            and toks[j].low != "hundred"
            or (j < n and toks[j].low == "hundred" and val < 100 and not dec)
        ):
            val *= _SCALES[toks[j].low]
            last = j
            scaled = True
        return _Core(int(round(val)), i, last, decimal=dec and not scaled, scaled=scaled)
    if t.kind != "word":
        return None
    low = t.low
    if low in _VAGUE:
        value = _VAGUE[low]
        last = i
        of_end = None
        # "tens of thousands", "hundreds of thousands"
        if i + 2 < n and toks[i + 1].low == "of" and toks[i + 2].low in ("thousands", "millions"):
            value *= _VAGUE[toks[i + 2].low]
            last = i + 2
        if last + 1 < n and toks[last + 1].low == "of":
            of_end = last + 1
        return _Core(value, i, last, vague=True, of_end=of_end)
    if low in _FEW or (low == "a" and i + 1 < n and toks[i + 1].low == "few"):
        k = i + 1 if low == "a" else i
        mult = _FEW[toks[k].low] if toks[k].low in _FEW else 0
        if mult and k + 1 < n and toks[k + 1].low in ("hundred", "thousand", "million", "dozen"):
            base = 12 if toks[k + 1].low == "dozen" else _SCALES[toks[k + 1].low]
            last = k + 1
            of_end = last + 1 if last + 1 < n and toks[last + 1].low == "of" else None
            return _Core(mult * base, i, last, vague=True, of_end=of_end)
        return None
    if low in ("a", "an") and i + 1 < n and toks[i + 1].low in _ONE_PERSON:
        return _Core(1, i, i)  # "a woman was killed": one person, counted
    if low in ("a", "an"):
        # "a young girl", "a terrorist commander", "a national police officer": one person
        for k in (i + 2, i + 3):
            if k >= n or not all(
                toks[m].kind == "word" and toks[m].low not in _NOT_A_MODIFIER
                for m in range(i + 1, k)
            ):
                break
            if toks[k].low in _ONE_PERSON:
                return _Core(1, i, i)
    if low in _UNITS or low in _TENS or low in ("a", "an", "half"):
        return _word_core(toks, i)
    return None


def _pre_qualifier(toks: list[_Tok], i: int) -> tuple[str, int] | None:
    """Qualifier phrase that ends just before token i: (qualifier, index of its first token)."""
    for words, qual in _PRE_QUALIFIERS:
        k = len(words)
        if i - k < 0:
            continue
        if all(toks[i - k + m].low == words[m] for m in range(k)):
            first = i - k
            # "at at least 70": a doubled preposition from the sentence, not the qualifier.
            return qual, first
    return None


@dataclass(slots=True)
class _Found:
    value: int
    low: int | None
    high: int | None
    qualifier: str
    first: int
    last: int
    num_first: int
    num_last: int
    kind: str


def _numeric_dates(toks: list[_Tok]) -> dict[int, int]:
    """Digit groups joined by - / . with no spaces ("29-06-2016", "2016/06/29", "06-2016"):
    {first token index: last token index} of each such date."""
    out: dict[int, int] = {}
    n = len(toks)
    i = 0
    while i < n:
        if toks[i].kind != "num" or "," in toks[i].text or " " in toks[i].text:
            i += 1
            continue
        j = i
        groups = [toks[i].text]
        seps = set()
        while (
            j + 2 < n
            and toks[j + 1].text in ("-", "/", ".")
            and toks[j + 1].start == toks[j].end
            and toks[j + 2].kind == "num"
            and toks[j + 2].start == toks[j + 1].end
        ):
            seps.add(toks[j + 1].text)
            groups.append(toks[j + 2].text)
            j += 2
        if len(seps) == 1 and (
            (len(groups) == 3 and all(g.isdigit() for g in groups))
            or (
                len(groups) == 2
                and len(groups[0]) == 2
                and len(groups[1]) == 4
                and groups[0].isdigit()
                and 1 <= int(groups[0]) <= 12
                and _is_year(toks[j])
            )
        ):
            out[i] = j
            i = j + 1
        else:
            i += 1
    return out


# Words before "from X to Y" that make it a change of one number, not a range of two.
_CHANGE_WORDS = TOLL_RISE_VERBS | frozenset(
    """fall falls fell fallen drop drops dropped decline declined lower lowered cut up down
    toll tally figure number count""".split()
)


_UPPER_QUALIFIERS = frozenset("well over more than nearly almost about around some".split())


def _scan(toks: list[_Tok]) -> list[_Found]:
    out: list[_Found] = []
    n = len(toks)
    dates = _numeric_dates(toks)
    i = 0
    while i < n:
        if i in dates:  # "29-06-2016": one date, not a range or three counts
            last = dates[i]
            for k in range(i, last + 1, 2):
                v = int(toks[k].text) if toks[k].text.isdigit() else 0
                out.append(_Found(v, v, v, "exact", k, k, k, k, "date"))
            i = last + 1
            continue
        core = _core(toks, i)
        if core is None:
            i += 1
            continue
        first, last = core.first, core.last
        num_first, num_last = core.first, core.last
        value = core.value
        low: int | None = value
        high: int | None = value
        qualifier = "vague" if core.vague else "exact"
        if core.vague:
            high = None
        # ranges: "between X and Y", "X to Y", "X-Y", "X or Y"
        j = core.last + 1
        if j + 1 < n and toks[j].low in ("to", "-", "–", "—", "or", "and") and not core.vague:
            second = _core(toks, j + 1)
            open_top = False
            if second is None and toks[j].low == "to":
                # "from 500 to well over 1,000": the upper end has its own qualifier
                k = j + 1
                while k < n and k <= j + 3 and toks[k].low in _UPPER_QUALIFIERS:
                    k += 1
                if j + 1 < k < n:
                    second = _core(toks, k)
                    open_top = any(toks[m].low in ("over", "more") for m in range(j + 1, k))
            is_between = i > 0 and toks[i - 1].low == "between"
            # "rose from 31 to 45" is a change of a toll, not a range; "killed from 500 to
            # 1,000 people" is a range
            is_from = i > 1 and toks[i - 1].low == "from" and toks[i - 2].low in _CHANGE_WORDS
            ok_sep = toks[j].low != "and" or is_between
            if (
                second is not None
                and not second.vague
                and ok_sep
                and not is_from
                and (toks[j].low in ("to", "or", "and") or toks[j].end == toks[j + 1].start)
            ):
                v1 = value
                v2 = second.value
                if second.scaled and not core.scaled and v1 < 1000 and v2 >= 1000:
                    scale = v2 // max(1, _leading(v2))
                    v1 = v1 * scale if scale > 1 else v1
                if v1 < v2 and not _both_years(toks, core, second):
                    value, low, high = v1, v1, (None if open_top else v2)
                    qualifier = "range"
                    last = num_last = second.last
                    if is_between or (i > 0 and toks[i - 1].low == "from"):
                        first = i - 1
        if core.vague and core.of_end is not None:
            last = core.of_end
        # qualifiers before
        if qualifier != "range" or first == num_first:
            pre = _pre_qualifier(toks, first)
            if pre is not None:
                q, qfirst = pre
                if q != "exact" and qualifier == "exact":
                    qualifier = q
                    first = qfirst
                elif q == "exact" or (qualifier == "vague" and q in ("about",)):
                    first = qfirst
                elif qualifier == "vague":
                    first = qfirst  # "more than a thousand" stays vague? no: see below
        # qualifiers after: "or more", "+", "-plus", "or so"
        k = last + 1
        if qualifier == "exact" and k < n:
            if k + 1 < n and toks[k].low == "or" and toks[k + 1].low in ("more", "so"):
                qualifier = "at_least" if toks[k + 1].low == "more" else "about"
                last = k + 1
            elif toks[k].text == "+" and toks[k].start == toks[k - 1].end:
                qualifier = "at_least"
                last = k
            elif k + 1 < n and toks[k].text == "-" and toks[k + 1].low == "plus":
                qualifier = "at_least"
                last = k + 1
        if qualifier == "at_least":
            low, high = value, None
        elif qualifier == "at_most":
            low, high = None, value
        elif qualifier == "about":
            low, high = None, None
        kind = _kind(toks, num_first, num_last, first, core)
        if kind == "count" and _signed(toks, num_first, first):
            kind = "negative"  # "-5 killed" is no count of 5
        elif kind == "count" and max(value, high or 0) > MAX_COUNT:
            kind = "implausible"
        out.append(_Found(value, low, high, qualifier, first, last, num_first, num_last, kind))
        i = max(num_last, last) + 1
    return out


def _signed(toks: list[_Tok], num_first: int, first: int) -> bool:
    """A minus sign glued to the digits and standing free before them ("-5", "−5"); not the
    hyphen of "COVID-19" or of a range "3-5"."""
    if first != num_first or num_first == 0 or toks[num_first].kind != "num":
        return False
    sign = toks[num_first - 1]
    if sign.text not in ("-", "\u2212") or sign.end != toks[num_first].start:
        return False
    return num_first == 1 or toks[num_first - 2].end < sign.start


def _leading(v: int) -> int:
    """The significant digits of a scaled number: 2 for 2,000,000."""
    while v and v % 10 == 0:
        v //= 10
    return v


def _both_years(toks: list[_Tok], a: _Core, b: _Core) -> bool:
    def year(c: _Core) -> bool:
        t = toks[c.first]
        return t.kind == "num" and re.fullmatch(r"(1[89]|20)\d\d", t.text) is not None

    return year(a) and year(b)


def _kind(toks: list[_Tok], nf: int, nl: int, first: int, core: _Core) -> str:
    """What the number is, from the words around it (see the module docstring)."""
    n = len(toks)
    t = toks[nf]
    prev = toks[first - 1] if first > 0 else None
    prev2 = toks[first - 2] if first > 1 else None
    nxt = toks[nl + 1] if nl + 1 < n else None
    nxt2 = toks[nl + 2] if nl + 2 < n else None
    adjacent_next = nxt is not None and nxt.start == toks[nl].end
    if t.kind == "num":
        if prev is not None and prev.kind == "word" and prev.end == t.start:
            # "A320", "F16", "COVID19" are names; "with14,593" is text whose spaces were lost
            # ("killed12", "displacing1,200": a verb form glued on is lost space too)
            glued_verb = len(prev.low) > 4 and prev.low.endswith(("ed", "ing"))
            if (
                not re.search(r"[,\u00a0\u2009\u202f ]", t.text)
                and prev.low not in _GLUE_OK
                and not glued_verb
            ):
                return "label"
        if nxt is not None and adjacent_next and nxt.low in ("st", "nd", "rd", "th"):
            return "ordinal"
        if nxt is not None and nxt.text in (":", ".") and adjacent_next and nxt2 is not None:
            if nxt2.kind == "num" and nxt2.start == nxt.end and len(nxt2.text) == 2:
                return "time"
        if nxt is not None and nxt.text == "%":
            return "percent"
        if prev is not None and prev.text in _CURRENCY_SIGNS:
            return "money"
        if (
            prev is not None
            and prev.kind == "word"
            and prev.low in ("us", "usd", "eur")
            and prev2 is not None
        ):
            return "money"
        if (
            prev is not None
            and prev.text in ("#", "/")
            or (nxt is not None and nxt.text == "/" and adjacent_next)
        ):
            return "label"
        if prev is not None and prev.text in (":", ".") and prev.end == t.start and first >= 2:
            if toks[first - 2].kind == "num" and toks[first - 2].end == prev.start:
                return "time"  # the "30" of "6:30"
    if nxt is not None:
        if nxt.low in ("per", "percent", "pc", "pct") and (
            nxt.low != "per" or (nxt2 is not None and nxt2.low in ("cent", "centum"))
        ):
            return "percent"
        if nxt.low in _TIME_WORDS and t.kind == "num":
            return "time"
        if nxt.low in _MONEY_WORDS:
            return "money"
        if nxt.low in _MEASURE_UNITS and not (nxt.low == "m" and not adjacent_next):
            # "12-year-old", "three days", "20 km"; "a 12-year-old girl" is still an age
            if nxt.low in ("year", "years") and nxt2 is not None and nxt2.low in ("old",):
                return "age"
            return "measure"
        if nxt.text in ("-", "‐") and nxt2 is not None and nxt2.low in _MEASURE_UNITS:
            if nxt2.low in ("year", "years"):
                return "age"
            return "measure"
        if nxt.low in _MONTHS and t.kind == "num" and core.value <= 31:
            return "date"
    if prev is not None:
        if prev.low in _AGE_WORDS:
            return "age"
        if prev.low in _MONTHS and t.kind == "num":
            return "date" if core.value <= 31 or _is_year(t) else "count"
        if prev.low in _LABEL_WORDS and prev.kind == "word" and first == nf:
            return "label"
        if prev.low in _WEEKDAYS and t.kind == "num" and core.value <= 31:
            # "Tuesday 25 October" is a date; "On Tuesday 25 people were killed" is not
            if nxt is not None and (nxt.low in _MONTHS or nxt.low == "of"):
                return "date"
        if prev.text in _CURRENCY_SIGNS:
            return "money"
    if t.kind == "num" and _is_year(t) and first == nf:
        following = nxt.low if nxt is not None else ""
        if following not in _COUNT_NOUNS:
            return "year"
    if (
        t.kind == "num"
        and prev is not None
        and prev.text == "("
        and nxt is not None
        and nxt.text == ")"
    ):
        if _is_year(t):
            return "year"
    if core.decimal:
        return "decimal"  # "2.5" counts no people
    return "count"


def _is_year(t: _Tok) -> bool:
    return re.fullmatch(r"(1[89]\d\d|20\d\d)", t.text) is not None


# --- public API -----------------------------------------------------------------------------


def parse_number(text: str) -> ParsedNumber | None:
    """Parse ``text`` as one number expression ("at least 21", "twenty-five", "dozens").

    Returns None when ``text`` is not exactly one number with its qualifier (leading and
    trailing whitespace and a trailing "of" aside).
    """
    if not isinstance(text, str):
        return None
    stripped = text.strip()
    if not stripped:
        return None
    toks = _tokens(stripped, 0, len(stripped))
    found = _scan(toks)
    if len(found) != 1:
        return None
    f = found[0]
    if f.first != 0 or f.last != len(toks) - 1:
        return None
    return ParsedNumber(value=f.value, low=f.low, high=f.high, qualifier=f.qualifier, kind=f.kind)


def find_numbers(
    text: str, *, start: int = 0, end: int | None = None, sentence: int = 0
) -> list[NumberMention]:
    """Find the numbers in ``text[start:end]``; spans are offsets into ``text`` itself."""
    if end is None:
        end = len(text)
    start = max(0, start)
    end = min(len(text), end)
    if start >= end:
        return []
    toks = _tokens(text, start, end)
    out: list[NumberMention] = []
    for f in _scan(toks):
        s, e = toks[f.first].start, toks[f.last].end
        ns, ne = toks[f.num_first].start, toks[f.num_last].end
        out.append(
            NumberMention(
                value=f.value,
                low=f.low,
                high=f.high,
                qualifier=f.qualifier,
                span=Span(start=s, end=e, text=text[s:e]),
                number_span=Span(start=ns, end=ne, text=text[ns:ne]),
                sentence=sentence,
                kind=f.kind,
            )
        )
    return out


def run(context: Context) -> None:
    """Find the numbers of every sentence; fills ``context.numbers`` in text order.

    A number too big to count people is noted in ``context.notes``."""
    text = context.text
    numbers: list[NumberMention] = []
    for sent in context.sentences:
        numbers.extend(find_numbers(text, start=sent.start, end=sent.end, sentence=sent.index))
    context.numbers = numbers
    for n in numbers:
        if n.kind == "implausible":
            context.notes.append(
                f"implausible number not read as a count (more than {MAX_COUNT:,}): "
                f"{n.span.text[:80]!r} at {n.span.start}"
            )


STAGE = Stage(name="numbers", requires=("sentences",), provides=("numbers",), run=run)
