"""Lexicons: word lists and catalogues shared by the extraction stages, loaded from data files.

Small loaders over ``tollwatch/data/``; the lists are about how conflicts are reported in
general, never about particular reports.

- :data:`TOLL_RISE_VERBS` (``lexicon.toml``): verbs of a toll's rise or revision.
- :data:`EVENT_CUES` and :func:`find_event_cues` (``event_cues.toml``): words naming a
  violent event, typed with ACLED's sub-event types, each the registered rule
  ``events.<name>`` that types an incident.
- :data:`ACTORS` and :func:`actor_for` (``actors.toml``): armed actors, one canonical name
  each (:mod:`tollwatch.extract.actors`).

The sources catalogue (organisations, generic kinds of source, role words) lives in
:mod:`tollwatch.extract.sources.catalogue` (``sources.toml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tollwatch.extract import actors
from tollwatch.extract.actors import ACTOR_KINDS as ACTOR_KINDS  # re-exported
from tollwatch.extract.actors import Actor
from tollwatch.extract.names import first_chars, load_data
from tollwatch.model import SUB_EVENT_TO_EVENT

__all__ = [
    "ACTORS",
    "ACTOR_KINDS",
    "EVENT_CUES",
    "TOLL_RISE_VERBS",
    "EventCue",
    "actor_for",
    "find_event_cues",
]

TOLL_RISE_VERBS: frozenset[str] = frozenset(load_data("lexicon.toml")["toll_rise_verbs"].split())


# ---------------------------------------------------------------------------------------------
# Armed actors: the catalogue in tollwatch/data/actors.toml (tollwatch.extract.actors).

ACTORS: tuple[Actor, ...] = actors.catalogue()


def actor_for(phrase: str) -> Actor | None:
    """The actor ``phrase`` names ("Russian warplanes" → Russia), or None
    (:func:`tollwatch.extract.actors.resolve`)."""
    return actors.resolve(phrase)


# ---------------------------------------------------------------------------------------------
# Event words.


@dataclass(frozen=True, kw_only=True, slots=True)
class EventCue:
    """Words naming a violent event, and the ACLED sub-event type they imply."""

    name: str  # the registered rule: "events.<name>"
    pattern: str
    sub_event_type: str
    priority: int  # higher: more specific; the most specific cue types an incident
    weak: bool = False  # "attack", "strike": types an incident only when nothing better is said
    kill_verb: bool = False  # "killed": types nothing; only its active subject is an actor

    @property
    def event_type(self) -> str:
        return SUB_EVENT_TO_EVENT[self.sub_event_type]

    @property
    def rule(self) -> str:
        return f"events.{self.name}"


def _cue(entry: dict) -> EventCue:
    sub = str(entry["sub"])
    if sub not in SUB_EVENT_TO_EVENT:
        raise ValueError(f"event_cues.toml: {entry['name']!r} has unknown sub-event type {sub!r}")
    return EventCue(
        name=str(entry["name"]),
        pattern="|".join(entry["patterns"]),
        sub_event_type=sub,
        priority=int(entry["priority"]),
        weak=bool(entry.get("weak", False)),
        kill_verb=bool(entry.get("kill_verb", False)),
    )


EVENT_CUES: tuple[EventCue, ...] = tuple(_cue(e) for e in load_data("event_cues.toml")["cue"])


@lru_cache(maxsize=1)
def _event_regexes() -> tuple[tuple[re.Pattern[str], EventCue], ...]:
    return tuple(
        (re.compile(rf"(?<![\w-])(?:{cue.pattern})(?![\w-])", re.IGNORECASE), cue)
        for cue in EVENT_CUES
    )


@lru_cache(maxsize=1)
def _event_any() -> re.Pattern[str]:
    return re.compile(
        r"(?<![\w-])(?:" + "|".join(f"(?:{c.pattern})" for c in EVENT_CUES) + r")(?![\w-])",
        re.IGNORECASE,
    )


def find_event_cues(text: str) -> list[tuple[int, int, EventCue]]:
    """Every event word in ``text``: (start, end, cue), in text order, not overlapping.

    At each place the longest words win ("suicide car bomb" over "car bomb", "air strike"
    over "strike"), then the more specific cue. Memoised on the text: the events stage asks
    for the cues of each sentence twice (its events, its perpetrators' agents).
    """
    return list(_find_event_cues(text))


@lru_cache(maxsize=1)
def _cues_by_first() -> tuple[
    dict[str, tuple[tuple[re.Pattern[str], EventCue], ...]],
    tuple[tuple[re.Pattern[str], EventCue], ...],
]:
    """The cue expressions that may match at a place starting with each (lower-cased ASCII)
    character, in catalogue order; and all of them, for any other character."""
    regexes = _event_regexes()
    firsts = [first_chars(regex) for regex, _ in regexes]
    chars = set().union(*(f for f in firsts if f is not None))
    index = {
        ch: tuple(rc for rc, f in zip(regexes, firsts, strict=True) if f is None or ch in f)
        for ch in chars
    }
    return index, regexes


@lru_cache(maxsize=4096)
def _find_event_cues(text: str) -> tuple[tuple[int, int, EventCue], ...]:
    index, regexes = _cues_by_first()
    out: list[tuple[int, int, EventCue]] = []
    pos = 0
    any_cue = _event_any()
    while True:
        hit = any_cue.search(text, pos)
        if hit is None:
            break
        start = hit.start()
        first = text[start]
        # a non-ASCII letter may match an ASCII one in any case (the Kelvin sign): try all
        tried = index.get(first.lower(), ()) if first.isascii() else regexes
        best: tuple[int, int, EventCue] | None = None
        for regex, cue in tried:
            m = regex.match(text, start)
            if m is not None and (
                best is None or (m.end(), cue.priority) > (best[1], best[2].priority)
            ):
                best = (start, m.end(), cue)
        if best is None:
            pos = hit.end()
            continue
        out.append(best)
        pos = best[1]
    return tuple(out)
