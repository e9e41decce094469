"""Figures of no incident: a situation or a war's total, and a toll summed over places."""

from __future__ import annotations

import functools
from bisect import bisect_right
from collections.abc import Sequence

from tollwatch.extract.incidents.cues import (
    DISPLACEMENT_CAUSE,
    DISPLACEMENT_EVENT_FIGURES,
    SITUATION,
    SUMMED,
    SUMMED_HANDOFF,
)
from tollwatch.extract.pipeline import Context
from tollwatch.model import Claim

__all__ = [
    "CASUALTY_FIGURES",
    "is_displacement_event",
    "is_situation",
    "is_summed",
    "place_totals",
    "sentence_of",
]

# Figures that count the victims of one event; the others describe a situation.
CASUALTY_FIGURES = frozenset({"killed", "injured", "missing", "kidnapped", "detained"})

_PLACE_TOTAL_REACH = 30  # later whole claims searched for the places' own tolls


def sentence_of(context: Context, pos: int) -> int:
    """The index of the sentence that holds offset ``pos``."""
    starts = [s.start for s in context.sentences]
    return max(0, bisect_right(starts, pos) - 1)


def gap(a0: int, a1: int, b0: int, b1: int) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(0, b0 - a1, a0 - b1)


def is_situation(context: Context, claim: Claim, sentence: int) -> bool:
    """True when a claim's figure describes a situation, not one event's victims.

    Displacement, returns, people at risk or affected are situations. A casualty figure is
    one when words of a war's or a period's total stand nearer to it than any event word of
    its sentence ("the war has killed more than 300,000" but not "30 were killed in rocket
    fire in Aleppo, the scene of the fiercest fighting of the war").
    """
    if claim.figure not in CASUALTY_FIGURES:
        return True
    sent = context.sentences[sentence]
    count = claim.count_span or claim.evidence
    cues = [(m.start() + sent.start, m.end() + sent.start) for m in SITUATION.finditer(sent.text)]
    if not cues:
        return False
    nearest = min(gap(count.start, count.end, a, b) for a, b in cues)
    events = [
        m.span
        for m in context.events
        if m.sentence == sentence and not m.weak and m.sub_event_type != "Armed clash"
    ]
    if not events:
        return True
    return nearest < min(gap(count.start, count.end, e.start, e.end) for e in events)


_CAUSE_REACH = 60  # characters after a displacement count where its cause is looked for


def is_displacement_event(context: Context, claim: Claim, sentence: int) -> bool:
    """True when a displacement figure is an event's: its sentence says what moved the
    people or when (event words, a date, "displaced by floods", "evacuated before the
    typhoon"), and it is no war's or period's total ("displaced since the war began")."""
    if claim.figure not in DISPLACEMENT_EVENT_FIGURES:
        return False
    sent = context.sentences[sentence]
    if SITUATION.search(sent.text):
        return False
    # a date of the event, not the start of a running tally ("fled since Monday")
    if any(m.sentence == sentence for m in context.events) or any(
        m.sentence == sentence and m.role == "event" and not m.span.text.lower().startswith("since")
        for m in context.dates
    ):
        return True
    count = claim.count_span or claim.evidence
    return (
        DISPLACEMENT_CAUSE.search(context.text, count.end, min(sent.end, count.end + _CAUSE_REACH))
        is not None
    )


_SUMMED_REACH = 100  # characters between a count and the words that make it a sum
_SUMMED_GATE = (" past ", " last ", " previous ", " of ", " several ", " multiple ", " various ",
                " across ", " since ", "hospitals", "villages", "towns")  # fmt: skip


def is_summed(context: Context, claim: Claim, sentence: int) -> bool:
    """True when a casualty figure is a sum over several attacks or a period: words of such
    a sum ("in the past 24 hours", "seven days of air strikes", "strikes on two hospitals",
    "across the province", "since the truce collapsed") stand within a short reach of its
    count in its sentence, with no word that hands them to another count ("bringing the
    number killed in 24 hours to 45") between them."""
    if claim.figure not in CASUALTY_FIGURES:
        return False
    text = context.sentences[sentence].text
    if not any(w in text for w in _SUMMED_GATE):  # a cheap test before the regular expression
        return False
    base = context.sentences[sentence].start
    count = claim.count_span or claim.evidence
    for m in SUMMED.finditer(text):
        a, b = m.start() + base, m.end() + base
        if gap(count.start, count.end, a, b) > _SUMMED_REACH:
            continue
        lo, hi = (count.end, a) if a >= count.end else (b, count.start)
        if not SUMMED_HANDOFF.search(context.text, lo, hi):
            return True
    return False


def place_totals(context: Context, claims: Sequence[Claim]) -> set[str]:
    """Ids of the claims that total several places' tolls, each of which the report then
    gives: "10 civilians killed in rocket attacks on Aleppo and Deir Ezzor ... 6 civilians
    were killed in Aleppo ... four civilians were killed in Deir Ezzor". Each place's attack
    is an incident of its own (ACLED codes an event per place), so the total belongs to none
    of them: it is told of no incident, as a war's total is not. Only an exact sum counts:
    the first later count of the figure told of each named place (and of it alone) must add
    up to the total."""
    whole = sorted(
        (c for c in claims if c.figure in CASUALTY_FIGURES and c.part_of is None),
        key=lambda c: (c.count_span or c.evidence).start,
    )
    if len(whole) < 3 or not context.places:
        return set()
    from tollwatch.extract.gazetteer import fold

    at = [(c.count_span or c.evidence).start for c in whole]
    sentence = [sentence_of(context, pos) for pos in at]
    places_in: dict[int, list] = {}
    for m in context.places:
        if m.eventlike:
            places_in.setdefault(m.sentence, []).append(m)

    @functools.cache
    def named(k: int, *, wider: bool) -> frozenset[str]:
        """The places told of between this count and the next of its figure (or its
        sentence's end);
        ``wider`` adds their first-order admin units ("Athamiyeh" is in Aleppo)."""
        s = sentence[k]
        end = context.sentences[s].end
        for j in range(k + 1, len(whole)):
            if sentence[j] != s:
                break
            if whole[j].figure == whole[k].figure:  # not "10 killed, 15 injured in A and B"
                end = at[j]
                break
        out: set[str] = set()
        for m in places_in.get(s, ()):
            if at[k] <= m.span.start < end:
                out.add(fold(m.place.name))
                if wider and m.place.admin1:
                    out.add(fold(m.place.admin1))
        return frozenset(out)

    totals: set[str] = set()
    for k, c in enumerate(whole):
        places = named(k, wider=False)
        if len(places) < 2:
            continue
        found: dict[str, int] = {}
        # the places' own tolls follow the total closely: a bounded look ahead keeps
        # figure-dense text linear
        for j in range(k + 1, min(len(whole), k + 1 + _PLACE_TOTAL_REACH)):
            d = whole[j]
            if d.figure != c.figure or d.value >= c.value:
                continue
            mine = named(j, wider=True) & places
            if len(mine) == 1:
                found.setdefault(next(iter(mine)), d.value)
        if len(found) == len(places) and sum(found.values()) == c.value:
            totals.add(c.id)
    return totals
