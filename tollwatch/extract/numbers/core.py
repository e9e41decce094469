"""The number itself, without its qualifiers: digits ("250,000", "1.2 million", "3.5m"), words
("twenty-five", "two hundred and fifty", "a dozen", "half a million"), vague plurals ("dozens",
"tens of thousands", "several hundred") and "a"/"an" before a noun of one person ("a woman was
killed", "a terrorist commander")."""

from __future__ import annotations

from dataclasses import dataclass

from tollwatch.extract.numbers.lexicon import (
    AFTER_PEOPLE,
    FEW,
    NOT_A_MODIFIER,
    ONE_PERSON,
    PEOPLES,
    SCALES,
    TENS,
    UNITS,
    VAGUE,
)
from tollwatch.extract.numbers.tokens import Tok, digits_value


@dataclass(slots=True)
class Core:
    """A number's value and the tokens it spans."""

    value: int
    first: int  # index of first token
    last: int  # index of last token (inclusive)
    vague: bool = False
    decimal: bool = False  # a fraction with no scale ("2.5")
    scaled: bool = False  # carries a scale word ("million")
    of_end: int | None = None  # index of a trailing "of" that belongs to the count text


def word_core(toks: list[Tok], i: int) -> Core | None:
    """Parse number words starting at token i ("twenty-five", "two hundred and fifty")."""
    n = len(toks)
    if toks[i].low in ("a", "an", "one") and i + 1 < n and toks[i + 1].low == "dozen":
        return Core(12, i, i + 1)
    if toks[i].low == "half" and i + 2 < n and toks[i + 1].low == "a" and toks[i + 2].low in SCALES:
        scale = SCALES[toks[i + 2].low]
        return Core(scale // 2, i, i + 2, scaled=True) if scale >= 1000 else None
    total = 0
    current = 0
    last_type: str | None = None  # unit | teen | ten | hundred | scale | and | hyphen
    last_scale = 10**40
    last = -1
    j = i
    if toks[i].low in ("a", "an"):
        if not (i + 1 < n and toks[i + 1].low in SCALES):
            return None
        current, last_type, last, j = 1, "unit", i, i + 1
    while j < n:
        t = toks[j]
        low = t.low if t.kind == "word" or t.kind == "other" else ""
        if low in UNITS and low != "zero" and UNITS[low] < 10:
            if last_type not in (None, "ten", "hundred", "scale", "and", "hyphen"):
                break
            current += UNITS[low]
            last_type = "unit"
        elif low in UNITS:  # ten .. nineteen, zero
            if last_type not in (None, "hundred", "scale", "and"):
                break
            if low == "zero" and last_type is not None:
                break
            current += UNITS[low]
            last_type = "teen"
        elif low in TENS:
            if last_type not in (None, "hundred", "scale", "and"):
                break
            current += TENS[low]
            last_type = "ten"
        elif low == "hundred":
            if last_type not in ("unit", "teen") or current >= 100:
                break
            current *= 100
            last_type = "hundred"
        elif low in SCALES:
            scale = SCALES[low]
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
            and (toks[j + 1].low in UNITS or toks[j + 1].low in TENS)
        ):
            last_type = "and"
            j += 1
            continue
        elif (
            low in ("-", "‐")
            and last_type == "ten"
            and j + 1 < n
            and (toks[j + 1].low in UNITS and UNITS[toks[j + 1].low] < 10)
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
    scaled = any(toks[k].low in SCALES for k in range(i, last + 1))
    return Core(value, i, last, scaled=scaled)


def core(toks: list[Tok], i: int) -> Core | None:
    """Parse the number that starts at token i, without qualifiers."""
    n = len(toks)
    t = toks[i]
    if t.kind == "num":
        val, dec = digits_value(t)
        last = i
        scaled = t.suffix is not None
        j = i + 1
        if (
            j < n
            and toks[j].low in SCALES
            and toks[j].low != "hundred"
            or (j < n and toks[j].low == "hundred" and val < 100 and not dec)
        ):
            val *= SCALES[toks[j].low]
            last = j
            scaled = True
        return Core(int(round(val)), i, last, decimal=dec and not scaled, scaled=scaled)
    if t.kind != "word":
        return None
    low = t.low
    if low in VAGUE:
        value = VAGUE[low]
        last = i
        of_end = None
        # "tens of thousands", "hundreds of thousands"
        if i + 2 < n and toks[i + 1].low == "of" and toks[i + 2].low in ("thousands", "millions"):
            value *= VAGUE[toks[i + 2].low]
            last = i + 2
        if last + 1 < n and toks[last + 1].low == "of":
            of_end = last + 1
        return Core(value, i, last, vague=True, of_end=of_end)
    if low in FEW or (low == "a" and i + 1 < n and toks[i + 1].low == "few"):
        k = i + 1 if low == "a" else i
        mult = FEW[toks[k].low] if toks[k].low in FEW else 0
        if mult and k + 1 < n and toks[k + 1].low in ("hundred", "thousand", "million", "dozen"):
            base = 12 if toks[k + 1].low == "dozen" else SCALES[toks[k + 1].low]
            last = k + 1
            of_end = last + 1 if last + 1 < n and toks[last + 1].low == "of" else None
            return Core(mult * base, i, last, vague=True, of_end=of_end)
        return None
    if low in ("a", "an") and i + 1 < n and toks[i + 1].low in ONE_PERSON:
        return Core(1, i, i)  # "a woman was killed": one person, counted
    if low in ("a", "an") and i + 1 < n and toks[i + 1].low in PEOPLES:
        # "wounded an Ecuadorean.": one person of a people, where the word ends its phrase
        if i + 2 >= n or toks[i + 2].kind != "word" or toks[i + 2].low in AFTER_PEOPLE:
            return Core(1, i, i)
    if low in ("a", "an"):
        # "a young girl", "a terrorist commander", "a national police officer": one person
        for k in (i + 2, i + 3):
            if k >= n or not all(
                toks[m].kind == "word" and toks[m].low not in NOT_A_MODIFIER
                for m in range(i + 1, k)
            ):
                break
            if toks[k].low in ONE_PERSON:
                return Core(1, i, i)
    if low in UNITS or low in TENS or low in ("a", "an", "half"):
        return word_core(toks, i)
    return None
