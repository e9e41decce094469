"""The catalogue of sources (``tollwatch/data/sources.toml``): who gives figures, and their names.

A :class:`Source` is a named body with one canonical name ("Syrian Observatory for Human
Rights", "Syrian Civil Defence (White Helmets)"), its claimant kind, and the ways reports name
it. A *generic* entry names a kind of source, not one body ("a monitor", "activists", "state
media"). :func:`find_sources` gives every source named in a text; :func:`role_kind` the kind a
person's role words imply ("a nurse" → witness); :func:`find_people` the known spokespeople
named in a text ("Rami Abdulrahman" speaks for the Observatory).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from tollwatch.extract.names import (
    first_chars,
    load_data,
    name_regex,
    phrase_pattern,
    trie_pattern,
)
from tollwatch.model import CLAIMANT_KINDS

__all__ = [
    "Person",
    "Source",
    "SourceMatch",
    "by_name",
    "catalogue",
    "find_people",
    "find_sources",
    "role_kind",
]


@dataclass(frozen=True, kw_only=True, slots=True)
class Source:
    """A body that gives figures (``generic``: a kind of source, not one body)."""

    name: str  # canonical name; for a generic entry, its kind
    kind: str  # model.CLAIMANT_KINDS
    generic: bool = False
    refers: bool = False  # generic: "the monitor" may stand for a body named in the report


@dataclass(frozen=True, kw_only=True, slots=True)
class Person:
    """A known spokesperson of a source."""

    name: str
    source: Source
    role: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class SourceMatch:
    """A source named in a stretch of text."""

    start: int
    end: int
    text: str
    source: Source

    @property
    def kind(self) -> str:
        return self.source.kind

    @property
    def generic(self) -> bool:
        return self.source.generic


@dataclass(frozen=True)
class _Catalogue:
    sources: tuple[Source, ...]
    regexes: tuple[tuple[re.Pattern[str], Source], ...]
    any_regex: re.Pattern[str]
    # the lower-cased ASCII characters each of ``regexes`` may start with (None: any)
    firsts: tuple[frozenset[str] | None, ...]
    by_name: Mapping[str, Source]
    people: tuple[tuple[re.Pattern[str], Person], ...]
    roles: tuple[tuple[re.Pattern[str], str], ...]


def _kind(entry: Mapping[str, Any], where: str) -> str:
    kind = str(entry["kind"])
    if kind not in CLAIMANT_KINDS:
        raise ValueError(f"sources.toml: {where} has unknown kind {kind!r}")
    return kind


def _parts(entry: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    # a canonical name is also a name the body goes by
    own = (str(entry["name"]),) if "name" in entry else ()
    return {
        "aliases": own + tuple(entry.get("aliases", ())) + tuple(entry.get("descriptions", ())),
        "acronyms": tuple(entry.get("acronyms", ())),
        "patterns": tuple(entry.get("patterns", ())),
    }


@lru_cache(maxsize=1)
def _load() -> _Catalogue:
    data = load_data("sources.toml")
    sources: list[Source] = []
    regexes: list[tuple[re.Pattern[str], Source]] = []
    # where a name may start: the aliases as one trie, the acronyms as another, the patterns
    insensitive: list[str] = []
    exact: list[str] = []
    pieces: list[str] = []
    people: list[tuple[re.Pattern[str], Person]] = []
    for entry in data["source"]:
        src = Source(name=str(entry["name"]), kind=_kind(entry, entry["name"]))
        sources.append(src)
        parts = _parts(entry)
        rx = name_regex(**parts)
        if rx is None:
            raise ValueError(f"sources.toml: {src.name!r} has no name to match")
        regexes.append((rx, src))
        insensitive.extend(parts["aliases"])
        exact.extend(parts["acronyms"])
        pieces.extend(parts["patterns"])
        for p in entry.get("people", ()):
            person = Person(name=str(p["name"]), source=src, role=str(p.get("role", "")))
            prx = name_regex(acronyms=(p["name"], *p.get("aliases", ())))
            assert prx is not None
            people.append((prx, person))
    for entry in data["generic"]:
        kind = _kind(entry, "a generic entry")
        src = Source(name=kind, kind=kind, generic=True, refers=bool(entry.get("refers")))
        parts = _parts(entry)
        rx = name_regex(**parts)
        if rx is None:
            raise ValueError(f"sources.toml: a generic {kind} entry has nothing to match")
        regexes.append((rx, src))
        insensitive.extend(parts["aliases"])
        exact.extend(parts["acronyms"])
        pieces.extend(parts["patterns"])
    roles: list[tuple[re.Pattern[str], str]] = []
    for entry in data["role"]:
        kind = _kind(entry, "a role")
        alts = [f"(?i:{p})" for p in entry.get("patterns", ())]
        alts += [phrase_pattern(a) for a in entry.get("acronyms", ())]
        # role words match at a word's start only: "doctor" in "doctors", not in "paradoctor"
        roles.append((re.compile(r"(?<![\w-])(?:" + "|".join(alts) + ")"), kind))
    names = [s.name for s in sources]
    if len(set(names)) != len(names):
        raise ValueError("sources.toml: a source's name appears twice")
    return _Catalogue(
        sources=tuple(sources),
        regexes=tuple(regexes),
        any_regex=_any_regex(insensitive, exact, pieces),
        firsts=tuple(first_chars(rx) for rx, _ in regexes),
        by_name={s.name.casefold(): s for s in sources},
        people=tuple(people),
        roles=tuple(roles),
    )


def _any_regex(insensitive: list[str], exact: list[str], patterns: list[str]) -> re.Pattern[str]:
    """Where any name of the catalogue may start (its own pattern then decides)."""
    alts = []
    low = trie_pattern(insensitive, lower=True)
    if low:
        alts.append(f"(?i:{low})")
    cs = trie_pattern(exact)
    if cs:
        alts.append(cs)
    alts.extend(f"(?i:{p})" for p in patterns)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + ")")


def catalogue() -> tuple[Source, ...]:
    """Every named source of the catalogue (not the generic entries)."""
    return _load().sources


def by_name(name: str) -> Source | None:
    """The named source whose canonical name is ``name`` (any case), or None."""
    return _load().by_name.get(name.strip().casefold())


@lru_cache(maxsize=8192)
def find_sources(text: str) -> tuple[SourceMatch, ...]:
    """Every source named in ``text``, in text order, not overlapping: at each place the
    longest name wins, a named body over a generic description of the same length.

    One pass of a combined pattern finds where names start; only there are the single
    patterns tried, and only those that may start with the character there. Cached: speaker
    phrases recur within and across reports."""
    cat = _load()
    found: list[SourceMatch] = []
    pos = 0
    while True:
        hit = cat.any_regex.search(text, pos)
        if hit is None:
            break
        start = hit.start()
        best: SourceMatch | None = None
        for regex, src in _starting_with(text[start]):
            m = regex.match(text, start)
            if m is None:
                continue
            if best is None or (m.end(), not src.generic) > (best.end, not best.generic):
                best = SourceMatch(start=start, end=m.end(), text=m.group(), source=src)
        if best is None:  # the combined pattern and the single ones disagree: move on
            pos = hit.end()
            continue
        found.append(best)
        pos = best.end
    return tuple(found)


@lru_cache(maxsize=512)
def _starting_with(char: str) -> tuple[tuple[re.Pattern[str], Source], ...]:
    """The catalogue's expressions that may match at a ``char`` (in catalogue order): all
    of them for a character outside ASCII (its case may fold to an ASCII letter's)."""
    cat = _load()
    if not char.isascii():
        return cat.regexes
    key = char.lower()
    return tuple(
        pair
        for pair, first in zip(cat.regexes, cat.firsts, strict=True)
        if first is None or key in first
    )


@lru_cache(maxsize=8192)
def find_people(text: str) -> tuple[tuple[int, int, Person], ...]:
    """The catalogue's known spokespeople named in ``text``: (start, end, person)."""
    out = []
    for regex, person in _load().people:
        for m in regex.finditer(text):
            out.append((m.start(), m.end(), person))
    return tuple(sorted(out, key=lambda x: x[0]))


@lru_cache(maxsize=8192)
def role_kind(text: str) -> str | None:
    """The claimant kind implied by the role words in ``text`` ("a nurse" → witness), or None."""
    for regex, kind in _load().roles:
        if regex.search(text):
            return kind
    return None
