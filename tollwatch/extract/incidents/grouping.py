"""Claims grouped into incidents by the report's discourse, in text order.

A casualty claim joins an incident when it is a part of, or an update to, a claim of that
incident, when it is in the same sentence as a claim of it, or when its sentence goes on
with the last incident. It opens a new incident when its sentence tells of a new event:
words that open another story, another day, event words of another kind. Each claim keeps
the registered rule that put it where it is (``Claim.incident_rule``).
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass, field

from tollwatch.extract.events import EventMention
from tollwatch.extract.incidents import cues
from tollwatch.extract.incidents.situation import (
    CASUALTY_FIGURES,
    is_situation,
    place_totals,
    sentence_of,
)
from tollwatch.extract.pipeline import Context
from tollwatch.model import Claim

__all__ = ["Grouping", "Inc", "best_mention", "group"]


@dataclass
class Inc:
    """An incident being built: its claims, sentences and event words."""

    key: int
    claims: list[Claim] = field(default_factory=list)
    sentences: set[int] = field(default_factory=set)
    mentions: list[EventMention] = field(default_factory=list)
    day: object = None  # the event date of its first sentence, when one is given

    @property
    def first_sentence(self) -> int:
        return min(self.sentences) if self.sentences else 10**9

    def best(self) -> EventMention | None:
        return best_mention(self.mentions)


@dataclass
class Grouping:
    """What :func:`group` found: the incidents, each claim's incident and why, the updates."""

    incs: list[Inc]
    of_claim: dict[str, int]  # claim id -> Inc.key
    update_of: dict[str, str]  # claim id -> id of the claim its rising toll supersedes
    why: dict[str, str]  # claim id -> the registered rule that placed it (or left it out)


def best_mention(mentions: Sequence[EventMention]) -> EventMention | None:
    """The mention that types an incident: the most specific words, then the first."""
    if not mentions:
        return None
    for pool in (
        [m for m in mentions if not m.weak and not m.anaphoric],
        [m for m in mentions if not m.weak],
        list(mentions),
    ):
        if pool:
            top = max(m.priority for m in pool)
            return next(m for m in pool if m.priority == top)
    return None


def day_of(context: Context, sentence: int) -> object:
    """The exact day an event date of the sentence names, or None."""
    days = [
        m.date.start
        for m in context.dates
        if m.sentence == sentence
        and getattr(m, "role", "event") == "event"
        and m.date.start is not None
        and m.date.precision == 1
    ]
    return days[0] if days else None


def _is_update(context: Context, claim: Claim) -> bool:
    if claim.is_update:
        return True
    span = claim.count_span or claim.evidence
    before = context.text[max(0, span.start - 40) : span.start]
    return cues.UPDATE.search(before) is not None


@dataclass(frozen=True)
class Unit:
    """A stretch of discourse the stage places claims by: a sentence."""

    sentence: int
    part: int  # 1 when words in it open another story
    start: int
    end: int


def units_of(context: Context) -> list[list[Unit]]:
    """Each sentence as one unit, marked when words in it open another story."""
    return [
        [
            Unit(
                sentence=i,
                part=1 if cues.NEW_STORY.search(sent.text) else 0,
                start=sent.start,
                end=sent.end,
            )
        ]
        for i, sent in enumerate(context.sentences)
    ]


def _unit_at(units: list[Unit], pos: int) -> Unit:
    for u in reversed(units):
        if u.start <= pos or u.part == 0:
            return u
    return units[0]


def group(context: Context, claims: list[Claim], *, subsets: Set[str] = frozenset()) -> Grouping:
    """Group ``claims`` (in text order) into incidents."""
    by_id = {c.id: c for c in claims}
    totals = place_totals(context, claims)
    mentions_by_sentence: dict[int, list[EventMention]] = {}
    for m in context.events:
        mentions_by_sentence.setdefault(m.sentence, []).append(m)
    sentence_units = units_of(context)

    def unit_mentions(u: Unit) -> list[EventMention]:
        ms = mentions_by_sentence.get(u.sentence, [])
        if len(sentence_units[u.sentence]) == 1:
            return ms
        return [m for m in ms if u.start <= m.span.start < u.end]

    incs: list[Inc] = []
    of_claim: dict[str, int] = {}
    update_of: dict[str, str] = {}
    why: dict[str, str] = {}
    unit_inc: dict[Unit, int] = {}
    for c in claims:
        at = (c.count_span or c.evidence).start
        s = sentence_of(context, at)
        unit = (
            _unit_at(sentence_units[s], at)
            if s < len(sentence_units)
            else Unit(sentence=s, part=0, start=at, end=at)
        )
        parent = by_id.get(c.part_of) if c.part_of else None
        if parent is not None and parent.id in of_claim:
            inc = incs[of_claim[parent.id]]
            why[c.id] = cues.PART.name
        elif parent is not None and parent.figure not in CASUALTY_FIGURES:
            why[c.id] = cues.SITUATION_RULE.name
            continue
        elif c.id in totals:
            why[c.id] = cues.PLACE_TOTAL.name
            continue
        elif is_situation(context, c, s):
            why[c.id] = cues.SITUATION_RULE.name
            continue
        elif _is_update(context, c) and any(x.figure == c.figure for i in incs for x in i.claims):
            # "the toll rose to 45": the latest incident with this figure.
            inc = next(i for i in reversed(incs) if any(x.figure == c.figure for x in i.claims))
            prev = [
                x
                for x in inc.claims
                if x.figure == c.figure and not x.part_of and x.id not in subsets
            ]
            # A rising toll rises: a smaller number is a part or another count, not an update.
            if prev and c.value >= prev[-1].value:
                update_of[c.id] = prev[-1].id
            why[c.id] = cues.UPDATE_RULE.name
        elif unit in unit_inc:
            inc = incs[unit_inc[unit]]
            why[c.id] = cues.SAME_SENTENCE.name
        else:
            inc, rule = _continue_or_new(context, incs, unit, unit_mentions(unit))
            why[c.id] = rule
            if inc is None:
                inc = Inc(key=len(incs))
                inc.day = day_of(context, s)
                incs.append(inc)
        inc.claims.append(c)
        if s not in inc.sentences:
            inc.sentences.add(s)
            inc.mentions.extend(mentions_by_sentence.get(s, []))
        unit_inc.setdefault(unit, inc.key)
        of_claim[c.id] = inc.key
    return Grouping(incs=incs, of_claim=of_claim, update_of=update_of, why=why)


def _continue_or_new(
    context: Context, incs: list[Inc], unit: Unit, mentions: list[EventMention]
) -> tuple[Inc | None, str]:
    """The incident a new claim unit goes on with (None: a new one), and the rule why."""
    if not incs:
        return None, cues.FIRST.name
    last = incs[-1]
    if unit.part > 0:
        return None, cues.NEW_STORY_RULE.name
    day = day_of(context, unit.sentence)
    if day is not None and last.day is not None and day != last.day:
        return None, cues.NEW_DAY.name
    specific = [m for m in mentions if not m.weak and not m.anaphoric]
    if not specific:
        # "the death toll rose", "the strike also wounded ...", "among the dead"
        return last, cues.CONTINUES.name
    best = last.best()
    if best is None or best.weak:
        return last, cues.CONTINUES.name
    kinds = {m.sub_event_type for m in specific}
    if best.sub_event_type in kinds:
        return last, cues.CONTINUES.name
    return None, cues.NEW_EVENT.name
