"""ACLED's precedence between event types, applied to the event words of a sentence.

The event words of a sentence each imply a sub-event type (``lexicons.EVENT_CUES``); an
incident takes the most specific (highest priority) of them. ACLED's definitions decide
between them where words alone do not (each a registered rule, :mod:`.rules`):

- ``events.combatant_victims``: "violence against civilians" is violence against
  unarmed people; an attack whose victims are all fighters, soldiers or police is a battle
  (armed clash);
- ``events.clash_precedence``: fighting between two armed sides is an armed clash even when
  it is fought with shelling or air strikes ("clashes between the army and rebels, backed
  by artillery fire"); chemical weapons and suicide bombs keep their own types;
- ``events.territory``: words of ground taken ("overran", "recaptured the town") are a
  battle: "Government regains territory" when the state (or a state fighting beside it)
  takes it, "Non-state actor overtakes territory" when a non-state group does. They type an
  incident only when its words say nothing more specific (the weapons it was fought with).

:func:`merge_perpetrators` keeps one perpetrator per actor (``events.one_per_actor``), and
only the named ones when some are named (``events.unnamed_yields``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from tollwatch.extract import actors
from tollwatch.extract.events import rules as R
from tollwatch.extract.events.blame import report_country
from tollwatch.extract.pipeline import Context
from tollwatch.model import SUB_EVENT_TO_EVENT, Perpetrator

if TYPE_CHECKING:
    from tollwatch.extract.events.mentions import EventMention

__all__ = ["apply", "merge_perpetrators"]

_COMBATANTS = frozenset({"fighters", "soldiers", "police"})
_CLASH = "Armed clash"
_REMOTE = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})
# Cues of attacks that become battles when their victims are armed: not executions, which
# kill people held and unarmed.
_ATTACK_CUES = frozenset({"events.attack", "events.massacre", "events.shooting", "events.killing"})
# Fighting between two named sides ("clashes between X and Y", "fighting with X").
_CLASH_BETWEEN = re.compile(
    r"(?<![\w-])(?:clash(?:es|ed)?|fighting|battles?|fought|gun ?battles?|firefights?)"
    r"(?:\s+[\w-]+){0,3}?\s+(?:between|with|against|pitting)(?![\w-])",
    re.IGNORECASE,
)
# Words that make shelling or air strikes the means of a fight told before them.
_MEANS_OF = re.compile(
    r"(?:backed|supported|accompanied|covered|preceded)\s+by(?:\s+[\w-]+){0,3}\s*$"
    r"|(?:amid|with|using|under cover of|and)(?:\s+[\w-]+){0,3}\s*$",
    re.IGNORECASE,
)
# Words before event words that make them another, earlier event the report dates its
# own by ("hours after a chemical attack", "the site of a deadly April chemical attack",
# "since the massacre"); not a bare "after", which as often gives a cause ("killed after
# an air strike hit the market").
_EARLIER_BEFORE = re.compile(
    r"(?<![\w-])(?:(?:(?:hours|days|weeks|months|a day|a week|a month|shortly|just|only|soon"
    r"|moments|minutes|a year|years)\s+(?:after|before))|since|(?:site|scene|anniversary|aftermath"
    r"|wake)\s+of)\s+(?:a|an|the|last|this|that|its|their)\s+"
    r"(?:(?!(?:of|in|on|at|by|and|or|as|to|from|with|for|killed|left|hit)\b)[\w'’-]+\s+){0,4}$",
    re.IGNORECASE,
)
# ... or after them ("a chemical attack earlier this week", "last month's bombing").
_EARLIER_AFTER = re.compile(
    r"^\s+(?:[\w-]+\s+){0,2}?(?:earlier (?:this|that|in the) (?:week|month|year)|last (?:week|month|year)"
    r"|(?:a|one|two|three|several) (?:days|weeks|months|years) (?:ago|earlier|before))\b",
    re.IGNORECASE,
)
# Words before event words that make them what people fled ("hit as they were fleeing
# fighting", "escaping the clashes"): the cause of their flight, not what killed them.
_FLED_FROM = re.compile(
    r"(?<![\w-])(?:flee|flees|fleeing|fled|escape|escapes|escaping|escaped)\s+(?:from\s+)?"
    r"(?:the\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
# Kinds of actor on the state's side when it takes ground.
_STATE_SIDE = frozenset({"state", "foreign_state", "coalition", "militia"})


def _retype(m: EventMention, sub: str, rule: str, *, priority: int | None = None) -> EventMention:
    return replace(
        m,
        event_type=SUB_EVENT_TO_EVENT[sub],
        sub_event_type=sub,
        priority=m.priority if priority is None else priority,
        rule=f"{m.rule}+{rule}" if m.rule else rule,
    )


def _sentence_victims(context: Context, sentence: int) -> list[tuple[str, ...]]:
    """The victims of the killed and injured claims of a sentence (claims indexed by sentence
    once per report: a report of thousands of figures stays linear)."""
    key = "events.victims_by_sentence"
    index = context.cache.get(key)
    if index is None:
        index = {}
        starts = [s.start for s in context.sentences]
        for c in context.claims:
            if c.figure in {"killed", "injured"}:
                at = (c.count_span or c.evidence).start
                index.setdefault(bisect_right(starts, at) - 1, []).append(tuple(c.victims))
        context.cache[key] = index
    return index.get(sentence, [])


def apply(context: Context, sentence: int, mentions: list[EventMention]) -> list[EventMention]:
    """The sentence's event mentions with ACLED's precedence applied."""
    if not mentions:
        return mentions
    text = context.sentences[sentence].text
    victims = _sentence_victims(context, sentence)
    # Victims all armed: an attack on them is a battle.
    if victims and all(v and set(v) <= _COMBATANTS for v in victims):
        mentions = [
            _retype(m, _CLASH, R.COMBATANT_VICTIMS)
            if m.sub_event_type == "Attack" and m.rule in _ATTACK_CUES
            else m
            for m in mentions
        ]
    # Fighting between two sides: the shelling and air strikes it is fought with ("clashes
    # between X and Y, backed by artillery fire") are the battle's, not events of their own.
    clash = [m for m in mentions if m.sub_event_type == _CLASH and not m.weak]
    if clash and _two_sides(context, sentence, text):
        mentions = [
            _retype(m, _CLASH, R.CLASH_PRECEDENCE)
            if m.sub_event_type in _REMOTE and not m.weak and _fought_with(context, m)
            else m
            for m in mentions
        ]
    # Another, earlier event the sentence dates its own by: it refers back to an event (told
    # or known), and types an incident only when nothing else does.
    earlier = [not m.anaphoric and _earlier(context, sentence, m) for m in mentions]
    if any(earlier):
        # The rule types the sentence's other events too: they won over the earlier one.
        mentions = [
            replace(m, anaphoric=True, rule=f"{m.rule}+{R.EARLIER_EVENT}")
            if was
            else replace(m, rule=f"{m.rule}+{R.EARLIER_EVENT}")
            if not m.anaphoric and not m.weak
            else m
            for m, was in zip(mentions, earlier, strict=True)
        ]
    # What people fled ("hit as they were fleeing fighting"): named only as the cause of
    # their flight, it types an incident only when nothing else does, even a weak word.
    low = text.lower()
    if "fle" in low or "escap" in low:
        fled = [_fled_from(context, sentence, m) for m in mentions]
        if any(fled):
            # The rule types the sentence's other events too: they won over what was fled.
            mentions = [
                replace(m, weak=True, priority=0, rule=f"{m.rule}+{R.FLED_FROM}")
                if was
                else replace(m, rule=f"{m.rule}+{R.FLED_FROM}")
                for m, was in zip(mentions, fled, strict=True)
            ]
    # Ground taken: who took it decides the sub-event type.
    out = []
    for m in mentions:
        if m.rule and m.rule.split("+")[0] == R.TERRITORY_WORDS:
            taker = _taker(context, sentence, m)
            if taker is not None:
                sub = (
                    "Government regains territory"
                    if taker.kind in _STATE_SIDE
                    else "Non-state actor overtakes territory"
                )
                m = _retype(m, sub, R.TERRITORY)
        out.append(m)
    return out


def _earlier(context: Context, sentence: int, m: EventMention) -> bool:
    """Do the words around an event mention make it an earlier event the sentence dates
    another by ("just hours after a suspected chemical attack")?"""
    lo = max(context.sentences[sentence].start, m.span.start - 80)
    return (
        _EARLIER_BEFORE.search(context.text, lo, m.span.start) is not None
        or _EARLIER_AFTER.match(context.text[m.span.end : m.span.end + 60]) is not None
    )


def _fled_from(context: Context, sentence: int, m: EventMention) -> bool:
    """Are the event words what people fled ("as they were fleeing fighting")?"""
    lo = max(context.sentences[sentence].start, m.span.start - 50)
    return _FLED_FROM.search(context.text, lo, m.span.start) is not None


def _fought_with(context: Context, m: EventMention) -> bool:
    """Are the remote-violence words the means of the fighting before them ("backed by
    artillery fire", "amid heavy shelling", "using mortars")?"""
    before = context.text[max(0, m.span.start - 40) : m.span.start]
    return _MEANS_OF.search(before) is not None


def _two_sides(context: Context, sentence: int, text: str) -> bool:
    """Does the sentence tell of fighting between two sides ("clashes between X and Y",
    "fighting with X")?"""
    m = _CLASH_BETWEEN.search(text)
    return m is not None and bool(actors.find(text[m.end() :], country=report_country(context)))


def _taker(context: Context, sentence: int, m: EventMention) -> actors.Actor | None:
    """The actor that took ground: the last actor named before the words in their clause
    ("government forces recaptured the town"), else the actor that is the passive's agent
    ("the town was recaptured by rebels")."""
    sent = context.sentences[sentence]
    country = report_country(context)
    before = context.text[sent.start : m.span.start]
    clause = re.split(r"[;:]|,\s+(?:while|as|but|and)\b", before)[-1]
    found = [a for a in actors.find(clause, country=country) if not a.patron]
    if found:
        return found[-1].actor
    after = context.text[m.span.end : sent.end]
    by = re.match(r"\s*(?:[\w'-]+\s+){0,6}?by\s+(.{1,60})", after)
    if by:
        agents = actors.find(by.group(1), country=country)
        if agents:
            return agents[0].actor
    return None


def merge_perpetrators(
    perps: Sequence[Perpetrator], *, title_end: int = 0
) -> tuple[Perpetrator, ...]:
    """One perpetrator per actor, in order of first mention: of an actor's mentions, the
    first, which says who blames it ("Regime jets struck the town, activists said. ... The
    Observatory said regime aircraft carried out the raid": the activists), unless a later
    one is an accusation or a claim of responsibility ("... The Observatory accused the
    regime"). A title's words (before ``title_end``) count only when the report names the
    actor nowhere else: the lead that restates the title says who it has it from."""
    best: dict[str, Perpetrator] = {}
    merged: set[str] = set()
    for p in perps:
        have = best.get(p.actor)
        if have is None:
            best[p.actor] = p
            continue
        merged.add(p.actor)
        if (_in_title(have, title_end) and not _in_title(p, title_end)) or (
            _accuses(p) and not _accuses(have)
        ):
            best[p.actor] = p
    out = [
        replace(p, rule=_join(p.rule, R.ONE_PER_ACTOR)) if p.actor in merged else p
        for p in best.values()
    ]
    # "terrorist rocket attacks ... ISIL terrorists fired the shells": the words that blame
    # without a name are the named actor's (events.unnamed_yields).
    named = [p for p in out if p.actor_kind != "unnamed"]
    if named and len(named) < len(out):
        out = [replace(p, rule=_join(p.rule, R.UNNAMED_YIELDS)) for p in named]
    return tuple(out)


def _accuses(p: Perpetrator) -> bool:
    """An accusation or a claim of responsibility: who blames is the point of the words."""
    return (p.rule or "").split("+")[0] in {R.BLAMED, R.CLAIMED}


def _in_title(p: Perpetrator, title_end: int) -> bool:
    return p.evidence is not None and p.evidence.start < title_end


def _join(a: str | None, b: str) -> str:
    return "+".join(x for x in dict.fromkeys([*(a or "").split("+"), b]) if x)
