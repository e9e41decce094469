"""Name folding: spelling variants of one place name get one lookup key."""

from __future__ import annotations

import functools
import re
import unicodedata

# Apostrophes and ayn/hamza marks of transliterated Arabic: dropped, not turned into spaces.
_APOSTROPHES = dict.fromkeys(map(ord, "ʿʾ‘’'`´ʻʼ′ʹ"), None)


# Arabic articles as separate words ("al-Bab", "Deir ez-Zor", "Ras al Ain").
_ARTICLES = frozenset(
    "al el il ul ash esh ad ed as es an en ar er at et az ez adh edh ath eth".split()
)


# A sun-letter article fused to its word: "Ezzor", "Arrastan", "Assafira" (article + doubled
# consonant). Only taken off when enough of the word is left.
_FUSED_ARTICLE = re.compile(r"^[ae](sh|th|dh|[dnrstz])(?=\1)")

_SPLIT = re.compile(r"[\W_]+")

_DOUBLE = re.compile(r"(.)\1+")


def _fold_token(token: str) -> str:
    while True:
        new = token.replace("ou", "u").replace("o", "u").replace("ee", "i")
        new = _DOUBLE.sub(r"\1", new)
        if len(new) > 3 and new.endswith(("ah", "eh")):
            new = new[:-2] + "a"
        if new == token:
            return new
        token = new


# Pure and called for every run of capitalised words in every report: cached.
@functools.lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """The lookup key of a place name: spelling variants of one name get one key.

    Case, diacritics, apostrophes and ayn marks, hyphens and spaces, Arabic articles
    (al-/el-/ash-/ad-/as-/an-/ar-/at-/az-, also fused as in "Ezzor"), doubled letters, a final
    -ah/-eh, ou/o → u and ee → i are folded away: "Ma'arrat an-Nu'man" and "Maarat al-Numan"
    share a key, as do "Jubb al-Qubbah" and "Jub al-Quba". Names in other scripts are only
    case-folded and stripped of marks.
    """
    if name.isascii():
        text = name  # ASCII is its own NFKD form, without combining marks
    else:
        text = unicodedata.normalize("NFKD", name)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.translate(_APOSTROPHES).casefold()
    tokens = [t for t in _SPLIT.split(text) if t]
    if len(tokens) > 1:
        kept = [t for t in tokens if t not in _ARTICLES]
        tokens = kept or tokens[-1:]
    return "".join(map(_fold_word, tokens))


# One word of a name: the same words recur in many names ("al", "Deir", "Ras"), so cached.
@functools.lru_cache(maxsize=1 << 16)
def _fold_word(token: str) -> str:
    stripped = _FUSED_ARTICLE.sub("", token)
    # Long enough once doubled letters fold, or a doubled letter would decide whether
    # the article goes ("arrxx" and "arrx" must keep one key).
    if stripped != token and len(_DOUBLE.sub(r"\1", stripped)) >= 3:
        token = stripped
    return _fold_token(token)


def _latin(name: str) -> bool:
    for ch in name:
        o = ord(ch)
        if not (o < 0x250 or 0x1E00 <= o <= 0x1EFF or 0x2B0 <= o <= 0x2FF or 0x2000 <= o <= 0x206F):
            return False
    return True


def _ascii(name: str) -> str:
    """'Ta‘izz' → 'Taizz', 'Diyālá' → 'Diyala': admin names as English text writes them."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.translate(_APOSTROPHES) if _latin(text) else name


def _useful_alternate(name: str) -> bool:
    """Alternate names worth indexing for English text: Latin script, written as a name.

    GeoNames' alternate names hold codes ("ALP"), romanisations in lower case ("mnbj") and
    names in every script; English reports write names in Latin letters with a capital.
    """
    if len(name) < 3 or not _latin(name):
        return False
    if not any(c.isupper() for c in name):
        return False
    if name.isupper() and len(name) <= 4:
        return False
    return not any(c.isdigit() for c in name)


_VOWELS = re.compile(r"[aeiouy]")


def skeleton(key: str) -> str:
    """The consonant skeleton of a fold key: its first letter, then its consonants
    ("hamdaniya" and "hamadaniya" both give "hmdn"). Spelling variants a fold key does not
    join (a vowel written or not) share it; :func:`fuzzy_match` then checks they are close."""
    if not key:
        return ""
    return key[0] + _DOUBLE.sub(r"\1", _VOWELS.sub("", key[1:]))


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``limit + 1`` once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def fuzzy_match(a: str, b: str) -> bool:
    """Are fold keys ``a`` and ``b`` spelling variants of one name: the same first letter and
    skeleton, at most one edit apart (two for long names), neither of them short?"""
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or a[0] != b[0] or skeleton(a) != skeleton(b):
        return False
    return edit_distance(a, b, 2) <= (2 if min(len(a), len(b)) >= 10 else 1)
