"""Displacement figures of sentences written in another language than English ("Más de 3 000
familias ... pueden ser evacuadas", "1 200 personnes ont été évacuées"), read by their words:
the parser reads English only. The words of each language are data
(``tollwatch/data/displacement_languages.toml``, which says how they are read).

Cheap on English text: a sentence is looked at only when it holds a count and a word that starts
like a figure word of some language (one regex); its words are then counted against each
language's markers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from tollwatch.extract.figures.mention import FigureMention, in_sentence
from tollwatch.extract.names import load_data
from tollwatch.extract.numbers import NumberMention
from tollwatch.extract.pipeline import Context, Sentence
from tollwatch.model import Span

__all__ = ["foreign_figures", "language_of"]

RULE = "other-language"


@dataclass(frozen=True)
class _Language:
    name: str
    dot_thousands: bool
    markers: frozenset[str]
    linkers: frozenset[str]
    people: frozenset[str]
    households: frozenset[str]
    dwellings: frozenset[str]
    figures: tuple[tuple[str, str], ...]  # (stem, figure), longest stem first
    housing: tuple[tuple[str, str], ...]


def _stems(table: dict[str, str]) -> tuple[tuple[str, str], ...]:
    pairs = [(stem, fig) for fig, words in table.items() for stem in words.split()]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def _load() -> tuple[frozenset[str], tuple[_Language, ...]]:
    raw = load_data("displacement_languages.toml")
    english = frozenset(raw.pop("english")["markers"].split())
    langs = tuple(
        _Language(
            name=name,
            dot_thousands=bool(t.get("dot_thousands")),
            markers=frozenset(t["markers"].split()),
            linkers=frozenset(t.get("linkers", "").split()),
            people=frozenset(t["people"].split()),
            households=frozenset(t["households"].split()),
            dwellings=frozenset(t["dwellings"].split()),
            figures=_stems(t["figures"]),
            housing=_stems(t["housing"]),
        )
        for name, t in raw.items()
    )
    return english, langs


_ENGLISH, _LANGUAGES = _load()
# The gate: a word that starts like a figure word of some language (accents folded or not).
_ANY_STEM = re.compile(
    r"\b(?:"
    + "|".join(
        sorted(
            {re.escape(s) for lang in _LANGUAGES for s, _f in lang.figures + lang.housing},
            key=len,
            reverse=True,
        )
    )
    + ")",
    re.IGNORECASE,
)
# The first gate, cheaper still: a frequent short word of those languages, as a substring (a few
# are English words too: the gates after it tell).
_COMMON = tuple(
    f" {w} "
    for w in "el la los las del y en de que le les des et du est e os do da em na no dos das".split()
)
_WORD = re.compile(r"\w+")
# Words a count may stand between and still be the count of a figure word that far away.
_FAR = 30  # after a counted noun: "3 000 familias que habitan en ... pueden ser evacuadas"
_NEAR = 4  # with no counted noun: "2.000 mineros se han desplazado", "hay 1300 evacuados"
_BEFORE = 4  # a figure word before the count: "evacuaron a más de 500 personas"


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def language_of(words: list[str]) -> _Language | None:
    """The language with the most distinct markers among ``words`` (folded, lower case): None
    for English or when no language has three."""
    distinct = set(words)  # distinct: a name's "de la" said twice is no sentence of Spanish
    english = len(distinct & _ENGLISH)
    best, most = None, 2
    for lang in _LANGUAGES:
        n = len(distinct & lang.markers)
        if n > most and n > english:
            best, most = lang, n
    return best


def _stem_figure(word: str, stems: tuple[tuple[str, str], ...]) -> str | None:
    for stem, fig in stems:
        if word.startswith(stem):
            return fig
    return None


def foreign_figures(
    context: Context, sent: Sentence, numbers: list[NumberMention], out: list[FigureMention]
) -> None:
    """Add the figures of a sentence in another language than English to ``out``."""
    counts = [m for m in numbers if m.kind in ("count", "decimal")]
    if not counts or not any(w in sent.text for w in _COMMON):
        return
    gate = sent.text if sent.text.isascii() else _fold(sent.text)
    if _ANY_STEM.search(gate) is None:
        return
    spans = [(w.start(), w.end()) for w in _WORD.finditer(sent.text)]
    words = [_fold(sent.text[a:b]) for a, b in spans]
    lang = language_of(words)
    if lang is None:
        return
    taken = {id(f.number) for f in out}
    counts = [c for c in (_as_count(m, lang) for m in counts) if c is not None]
    # the word index of each count: (first word, last word)
    where: list[tuple[NumberMention, int, int]] = []
    for m in counts:
        a, b = m.number_span.start - sent.start, m.number_span.end - sent.start
        idx = [k for k, (s, e) in enumerate(spans) if s < b and e > a]
        if idx:
            where.append((m, idx[0], idx[-1]))
    number_words = {k for _m, i0, i1 in where for k in range(i0, i1 + 1)}
    for m, i0, i1 in where:
        if id(m) in taken:
            continue
        found = _read(lang, words, number_words, i0, i1)
        if found is None:
            continue
        figure, unit, cue = found
        a, b = spans[cue]
        out.append(
            in_sentence(
                sent,
                figure=figure,
                number=m,
                victims=(),
                unit=unit,
                cue=Span(start=sent.start + a, end=sent.start + b, text=sent.text[a:b]),
                rule=RULE,
            )
        )


_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")


def _as_count(m: NumberMention, lang: _Language) -> NumberMention | None:
    """A count of the sentence: "2.000" is two thousand in a language that groups thousands
    with a dot (the numbers stage, reading English, took it for a decimal)."""
    if m.kind == "count":
        return m
    if lang.dot_thousands and _DOT_THOUSANDS.fullmatch(m.number_span.text):
        value = int(m.number_span.text.replace(".", ""))
        return replace(m, value=value, low=value, high=value, kind="count")
    return None


def _read(
    lang: _Language, words: list[str], number_words: set[int], i0: int, i1: int
) -> tuple[str, str, int] | None:
    """(figure, unit, index of the figure word) of the count at words[i0..i1], or None."""
    j = i1 + 1
    if j < len(words) and words[j] in lang.linkers:
        j += 1
    noun = words[j] if j < len(words) else ""
    dwelling = noun in lang.dwellings
    counted = dwelling or noun in lang.people or noun in lang.households
    unit = "households" if dwelling or noun in lang.households else "people"
    if noun in lang.linkers or not (counted or j == i1 + 1):
        return None
    stems = lang.housing + lang.figures if dwelling else lang.figures
    before: tuple[str, int] | None = None
    if counted:  # "destruyó hoy 24 viviendas": a figure word just before the count
        for k in range(i0 - 1, max(-1, i0 - 1 - _BEFORE), -1):
            if k in number_words:
                break
            fig = _stem_figure(words[k], stems)
            if fig is not None:
                before = fig, k
                break
    reach = _FAR if counted else _NEAR
    for k in range(i1 + 1, min(len(words), i1 + 1 + reach)):
        if k in number_words:
            break  # another count: the words after it are its own
        if before is not None and k - j >= i0 - before[1]:
            break  # the word before is nearer (after the count, counted from its noun)
        fig = _stem_figure(words[k], stems)
        if fig is not None:
            return fig, unit, k
    return (before[0], unit, before[1]) if before is not None else None
