"""The catalogue of armed actors (``tollwatch/data/actors.toml``) and how phrases resolve to it.

Every actor has one canonical name (what :attr:`tollwatch.model.Perpetrator.actor` holds), a
kind, its ACLED inter code and, where known, its side as UCDP GED names it::

    >>> resolve("Russian warplanes").name
    'Russia'
    >>> resolve("regime forces").name
    'Syrian government forces'
    >>> resolve("government troops", country="IQ").name
    'Iraqi government forces'
    >>> resolve("Syrian government forces").inter_code("SY")
    1
    >>> resolve("Russia").inter_code("SY")   # state forces abroad are external forces
    8

:func:`resolve` takes a phrase of a report (or a canonical name) and returns the actor it
names, or None; :func:`catalogue` lists them all; :func:`find` gives every actor named in a
text with where it stands. Exports use :meth:`Actor.inter_code` and :meth:`Actor.ucdp_side_in`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from tollwatch.extract.names import load_data, name_regex, trie_pattern

__all__ = [
    "ACTOR_KINDS",
    "Actor",
    "ActorMatch",
    "by_name",
    "catalogue",
    "find",
    "resolve",
    "resolve_all",
    "state_actor",
]

ACTOR_KINDS: tuple[str, ...] = (
    "state",
    "foreign_state",
    "coalition",
    "rebel",
    "jihadist",
    "kurdish",
    "militia",
    "other",
    "unnamed",  # "terrorists", "gunmen": blamed without a name (the last entries)
)
ACLED_INTER: dict[int, str] = {
    1: "State Forces",
    2: "Rebel Groups",
    3: "Political Militias",
    4: "Identity Militias",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other Forces",
}
# A name followed by these names a place ("rebel-held", "government-controlled", "Hamas
# countryside" for Hama's in copy that drops apostrophes) or where a body sits ("UK based"),
# not who did something. A possessive "s" may follow without its apostrophe ("ISILs fighters").
_NOT_ACTOR_AFTER = (
    r"(?:['’]?s)?(?!\w)"
    r"(?![\s-](?:held|controlled|run|based)\b)"
    r"(?!\s+(?:(?:north|south|east|west|northern|southern|eastern|western|north-?eastern"
    r"|north-?western|south-?eastern|south-?western|rural)\s+)?(?:countryside|province|governorate)\b)"
)
# A name after these is who was hit, not who did it ("an attack on Kurdish forces").
_TARGET = re.compile(
    r"(?<![\w-])(?:on|against|targeting|at|near|toward|towards)\s+(?:the\s+|a\s+)?$", re.I
)
# A name followed by these is a patron, not the actor ("Russian-backed government forces").
_PATRON = re.compile(r"[- ](?:backed|allied|supported|sponsored|funded)\b", re.I)


@dataclass(frozen=True, kw_only=True, slots=True)
class Actor:
    """An armed actor of the catalogue."""

    name: str
    kind: str  # ACTOR_KINDS
    inter: int | None = None  # ACLED inter code at home (1..8)
    country: str | None = None  # ISO alpha-2 of a state's (or a local group's) own country
    ucdp_side: str | None = None
    ucdp_side_by_country: tuple[tuple[str, str], ...] = ()
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    local: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (country, aliases there)
    generic: bool = False  # made for the generic state words of a country not catalogued

    def inter_code(self, country: str | None = None) -> int | None:
        """ACLED's inter code for this actor in an event in ``country``: state forces
        outside their own country are external forces (8)."""
        if self.inter == 1 and country and self.country and country.upper() != self.country.upper():
            return 8
        return self.inter

    def ucdp_side_in(self, country: str | None = None) -> str | None:
        """UCDP GED's name of the side this actor is, in a conflict in ``country``."""
        if country:
            for cc, side in self.ucdp_side_by_country:
                if cc == country.upper():
                    return side
        return self.ucdp_side

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "inter": self.inter,
            "country": self.country,
            "ucdp_side": self.ucdp_side,
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class ActorMatch:
    """An actor named in a text: where, with which words."""

    start: int
    end: int
    text: str
    actor: Actor
    patron: bool = False  # "Russian-backed ...": names who backs the actor, not the actor


@dataclass(frozen=True)
class _Catalogue:
    actors: tuple[Actor, ...]
    regexes: tuple[tuple[re.Pattern[str], Actor], ...]
    local: Mapping[str, tuple[tuple[re.Pattern[str], Actor], ...]]
    state_words: re.Pattern[str]
    default_country: str
    any_regex: re.Pattern[str]  # where any actor's words may start (a quick first test)
    # Every place where any actor's words may start, as empty matches (so none is skipped):
    # an actor's own expression can only match at one of them (its words are among them).
    starts: re.Pattern[str] = re.compile("(?!)")
    by_name: Mapping[str, Actor] = field(default_factory=dict)


def _actor(entry: Mapping[str, Any]) -> Actor:
    kind = str(entry["kind"])
    if kind not in ACTOR_KINDS:
        raise ValueError(f"actors.toml: {entry.get('name')!r} has unknown kind {kind!r}")
    inter = entry.get("inter")
    if inter is not None and inter not in ACLED_INTER:
        raise ValueError(f"actors.toml: {entry['name']!r} has ACLED inter {inter!r}, not 1-8")
    return Actor(
        name=str(entry["name"]),
        kind=kind,
        inter=inter,
        country=entry.get("country"),
        ucdp_side=entry.get("ucdp_side"),
        ucdp_side_by_country=tuple(sorted(entry.get("ucdp_side_by_country", {}).items())),
        aliases=tuple(entry.get("aliases", ())),
        acronyms=tuple(entry.get("acronyms", ())),
        patterns=tuple(entry.get("patterns", ())),
        local=tuple((cc, tuple(words)) for cc, words in sorted(entry.get("local", {}).items())),
    )


@lru_cache(maxsize=1)
def _load() -> _Catalogue:
    data = load_data("actors.toml")
    actors = tuple(_actor(e) for e in data["actor"])
    names = [a.name for a in actors]
    if len(set(names)) != len(names):
        raise ValueError("actors.toml: an actor's name appears twice")
    regexes = []
    local: dict[str, list[tuple[re.Pattern[str], Actor]]] = {}
    for a in actors:
        rx = name_regex(
            aliases=a.aliases, acronyms=a.acronyms, patterns=a.patterns, after=_NOT_ACTOR_AFTER
        )
        if rx is not None:
            regexes.append((rx, a))
        for cc, words in a.local:
            lrx = name_regex(aliases=words, after=_NOT_ACTOR_AFTER)
            if lrx is not None:
                local.setdefault(cc.upper(), []).append((lrx, a))
    state = data["state_words"]
    words = name_regex(aliases=state["aliases"], after=_NOT_ACTOR_AFTER)
    assert words is not None
    low = [w for a in actors for w in (*a.aliases, *(x for _, ws in a.local for x in ws))]
    low += list(state["aliases"])
    alts = [f"(?i:{trie_pattern(low, lower=True)})"]
    exact = trie_pattern([w for a in actors for w in a.acronyms])
    if exact:
        alts.append(exact)
    alts.extend(f"(?i:{p})" for a in actors for p in a.patterns)
    return _Catalogue(
        actors=actors,
        regexes=tuple(regexes),
        local={cc: tuple(v) for cc, v in local.items()},
        state_words=words,
        default_country=str(state["default_country"]),
        any_regex=re.compile(r"(?<![\w-])(?:" + "|".join(alts) + ")"),
        starts=re.compile(r"(?<![\w-])(?=" + "|".join(alts) + ")"),
        by_name={a.name.casefold(): a for a in actors},
    )


def catalogue() -> tuple[Actor, ...]:
    """Every actor of the catalogue, in its order."""
    return _load().actors


def by_name(name: str) -> Actor | None:
    """The actor whose canonical name is ``name`` (any case), or None."""
    return _load().by_name.get(name.strip().casefold())


@lru_cache(maxsize=64)
def state_actor(country: str | None) -> Actor:
    """The state forces of ``country`` (the catalogue's, or a generic entry for a country it
    does not list); the default country's when ``country`` is None."""
    cat = _load()
    cc = (country or cat.default_country).upper()
    for a in cat.actors:
        if a.kind == "state" and a.country == cc:
            return a
    return Actor(name=f"government forces ({cc})", kind="state", inter=1, country=cc, generic=True)


def _at(rx: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)`` where ``rx`` can only match at one of ``starts`` (in order):
    tried there alone, not at every character (49 expressions over every sentence were
    most of the events stage's time)."""
    pos = 0
    for p in starts:
        if p < pos:
            continue
        m = rx.match(text, p)
        if m is not None:
            yield m
            pos = m.end() if m.end() > p else p + 1


@lru_cache(maxsize=8192)
def _matches(text: str, country: str | None) -> tuple[ActorMatch, ...]:
    """Every actor's words in ``text`` (overlapping), memoised: the events stage reads the
    same clauses and phrases again (a third of the calls on fakes-dev)."""
    cat = _load()
    if cat.any_regex.search(text) is None:
        return ()
    starts = [m.start() for m in cat.starts.finditer(text)]
    pools: list[tuple[re.Pattern[str], Actor]] = []
    if country:
        pools.extend(cat.local.get(country.upper(), ()))
    pools.extend(cat.regexes)
    out: list[ActorMatch] = []
    for rx, actor in pools:
        for m in _at(rx, text, starts):
            out.append(
                ActorMatch(
                    start=m.start(),
                    end=m.end(),
                    text=m.group(),
                    actor=actor,
                    patron=_PATRON.match(text, m.end()) is not None,
                )
            )
    state = state_actor(country)
    for m in _at(cat.state_words, text, starts):
        out.append(
            ActorMatch(
                start=m.start(),
                end=m.end(),
                text=m.group(),
                actor=state,
                patron=_PATRON.match(text, m.end()) is not None,
            )
        )
    return tuple(out)


@lru_cache(maxsize=8192)
def resolve(phrase: str, *, country: str | None = None) -> Actor | None:
    """The actor ``phrase`` names ("Russian warplanes" → Russia; a canonical name → itself),
    or None.

    When a phrase names several actors, the catalogue's order decides (a coalition or a
    foreign state before the state words it shares), except that a patron ("Russian-backed
    government forces") gives way to the actor it backs. Generic state words ("the army")
    name the state forces of ``country`` (the report's), of the default country without one.
    """
    if not phrase or not phrase.strip():
        return None
    exact = by_name(phrase)
    if exact is not None:
        return exact
    found = _matches(phrase, country)
    # Words inside a longer name are that name's ("coalition" in "the rebel coalition").
    found = [
        m
        for m in found
        if not any(
            o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start
            for o in found
        )
    ]
    if not found:
        return None
    cat = _load()
    rank = {id(a): i for i, a in enumerate(cat.actors)}
    local = {id(a) for _, a in cat.local.get((country or "").upper(), ())}

    def order(m: ActorMatch) -> tuple[bool, bool, int, int]:
        # not a patron, not a target ("an attack on Kurdish forces"), local words first,
        # then catalogue order, then the generic state words
        target = _TARGET.search(phrase[: m.start]) is not None
        first = 0 if id(m.actor) in local else 1
        return (m.patron, target, first, rank.get(id(m.actor), len(rank)))

    return min(found, key=order).actor


# What may join two actors of one phrase: "X or Y", "X and Y", "X, Y", "X as well as Y".
_COORDINATION = re.compile(
    r"^\s*(?:,\s*)?(?:and|or|and/or|as well as|,)\s+(?:(?:the|its|their|by)\s+)*$", re.IGNORECASE
)


@lru_cache(maxsize=8192)
def resolve_all(phrase: str, *, country: str | None = None) -> tuple[Actor, ...]:
    """The actors a phrase names: each of the actors it joins ("Syrian government or
    Russian war planes" → the government and Russia, "Russian and Syrian jets"), else the
    one :func:`resolve` gives; () when it names none."""
    found = [m for m in find(phrase, country=country) if not m.patron]
    if len(found) >= 2 and all(
        _COORDINATION.match(phrase[a.end : b.start]) for a, b in zip(found, found[1:], strict=False)
    ):
        return tuple(dict.fromkeys(m.actor for m in found))
    one = resolve(phrase, country=country)
    return (one,) if one is not None else ()


def find(text: str, *, country: str | None = None) -> list[ActorMatch]:
    """Every actor named in ``text``, in text order; where names overlap, the longest."""
    found = sorted(_matches(text, country), key=lambda m: (m.start, -(m.end - m.start)))
    out: list[ActorMatch] = []
    for m in found:
        if out and m.start < out[-1].end:
            continue
        if (
            out
            and m.actor.kind == "unnamed"
            and not text[out[-1].end : m.start].strip()
            and not out[-1].patron
        ):
            # "ISIL terrorists", "Nusra gunmen": one actor, named, and the words that blame it
            out[-1] = replace(out[-1], end=m.end, text=text[out[-1].start : m.end])
            continue
        out.append(m)
    return out
