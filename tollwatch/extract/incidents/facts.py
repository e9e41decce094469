"""What an incident says beyond its claims: its type, its perpetrators, the sentences that
say more of it, its headline figures and estimates, and the report's main incident."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence, Set
from dataclasses import replace

from tollwatch import reconcile
from tollwatch.extract import events as events_stage
from tollwatch.extract import sources
from tollwatch.extract.events import EventMention
from tollwatch.extract.incidents.cues import (
    ALSO_ACTOR,
    BLAME_WORDS,
    BOMBING_MEANS,
    MOTIVE,
    NEW_PLACE,
    NEW_STORY,
)
from tollwatch.extract.incidents.grouping import Inc, best_mention
from tollwatch.extract.incidents.grouping import _title_line as title_line
from tollwatch.extract.pipeline import Context
from tollwatch.model import FIGURES, Claim, Estimate, Incident, Perpetrator

__all__ = [
    "also_actor",
    "also_new_place",
    "claimless_lead",
    "context_sentences",
    "estimates",
    "headline",
    "main",
    "perpetrators_of",
    "told_within",
    "report_perpetrators",
    "type_mention",
]


def context_sentences(context: Context, inc: Inc, taken: set[int], limit: int) -> list[int]:
    """Sentences next to an incident that say more of it: those that refer back to it
    ("blamed the government for the strike"), and an event sentence just before its first
    claim ("Warplanes pounded the town. At least 20 people were killed")."""
    out: list[int] = []
    by_sentence: dict[int, list[EventMention]] = {}
    for m in context.events:
        by_sentence.setdefault(m.sentence, []).append(m)
    last = max(inc.sentences)
    own = inc.best()
    for j in range(last + 1, min(limit, last + 3)):
        if j in taken:
            break
        ms = by_sentence.get(j, [])
        if NEW_STORY.search(context.sentences[j].text):
            break
        other = [
            m
            for m in ms
            if not m.anaphoric
            and not m.weak
            and (own is None or m.sub_event_type != own.sub_event_type)
        ]
        if other:
            break
        if any(m.anaphoric for m in ms) or BLAME_WORDS.search(context.sentences[j].text):
            out.append(j)
    first = inc.first_sentence
    # A sentence between two of the incident's own that refers back to it or blames someone
    # ("A car bomb killed 18 ... IS claimed responsibility for the blast. A spokesman put the
    # toll at 11") tells of the same incident: the story has not moved on.
    for j in range(first + 1, last):
        if j in inc.sentences or j in taken or NEW_STORY.search(context.sentences[j].text):
            continue
        ms = by_sentence.get(j, [])
        if any(
            not m.anaphoric
            and not m.weak
            and (own is None or m.sub_event_type != own.sub_event_type)
            for m in ms
        ):
            continue
        if any(m.anaphoric for m in ms) or BLAME_WORDS.search(context.sentences[j].text):
            out.append(j)
    j = first - 1
    if j >= 0 and j not in taken:
        ms = by_sentence.get(j, [])
        if ms and (
            own is None or own.weak or any(m.sub_event_type == own.sub_event_type for m in ms)
        ):
            out.append(j)
    return out


def told_within(inc: Inc, sentences: Sequence[int], taken: Set[int]) -> list[int]:
    """The sentences between two of an incident's own close by that no incident holds and
    that are not among ``sentences`` already: their blame is the incident's ("Two were killed in
    rocket attacks on the city. A source said IS militants fired the rockets at dawn. The
    attacks, the source said, also wounded three"): the story has not moved on
    (``events.told_within``)."""
    have = set(sentences)
    own = sorted(inc.sentences)
    return [
        j
        for a, b in zip(own, own[1:], strict=False)
        if b - a <= _WITHIN  # close by: not the whole report between a lead and a late figure
        for j in range(a + 1, b)
        if j not in taken and j not in have
    ]


_WITHIN = 3  # at most two sentences between two of an incident's own


def perpetrators_of(
    context: Context,
    sentences: Sequence[int],
    table: dict[int, list[sources.Attribution]],
    *,
    within: Sequence[int] = (),
) -> tuple[Perpetrator, ...]:
    """Whom an incident's sentences blame, or name as doing it, and the sentences told
    ``within`` it (:func:`told_within`); not an actor the words set as the doer of an earlier
    event this one answers ("in revenge for an IS attack")."""
    extra = set(within)
    found = [
        replace(p, rule=f"{p.rule}+{events_stage.rules.TOLD_WITHIN}") if s in extra else p
        for s in sorted({*sentences, *extra})
        for _, p in events_stage.find_perpetrators(context, s, table=table)
        if not _motive(context, p)
    ]
    return _dedupe(context, found)


_ALSO = re.compile(r"(?<![\w-])also(?![\w-])", re.IGNORECASE)


def also_new_place(context: Context, inc: Inc, why: dict[str, str]) -> bool:
    """The incident was opened by another place in a sentence that says "also" ("air
    strikes also killed four civilians in X"): the same hands as the incident before."""
    first = inc.claims[0] if inc.claims else None
    if first is None or why.get(first.id) != NEW_PLACE.name:
        return False
    at = (first.count_span or first.evidence).start
    sent = next((s for s in context.sentences if s.start <= at < s.end), None)
    return sent is not None and _ALSO.search(sent.text) is not None


def also_actor(perps: Sequence[Perpetrator]) -> tuple[Perpetrator, ...]:
    """The incident before's perpetrators, marked as carried over by ``incidents.also_actor``."""
    return tuple(
        replace(p, rule=f"{p.rule}+{ALSO_ACTOR.name}" if p.rule else ALSO_ACTOR.name) for p in perps
    )


_MOTIVE_REACH = 40  # characters before an actor's words where a motive's words are looked for


def _motive(context: Context, p: Perpetrator) -> bool:
    if p.evidence is None:
        return False
    start = p.evidence.start
    window = context.text[max(0, start - _MOTIVE_REACH) : start]
    return any(w in window for w in ("revenge", "retaliation", "reprisal", "response")) and (
        MOTIVE.search(window) is not None
    )


def merge(perps: Sequence[Perpetrator]) -> tuple[Perpetrator, ...]:
    """One perpetrator per actor (the events stage's rule), of perpetrators merged already."""
    return events_stage.merge_perpetrators(perps)


def _dedupe(context: Context, perps: Sequence[Perpetrator]) -> tuple[Perpetrator, ...]:
    # One perpetrator per actor, its first mention past the title (the events stage's rule).
    title_end = context.sentences[0].end if title_line(context) else 0
    return events_stage.merge_perpetrators(perps, title_end=title_end)


def _within(spans: Sequence[tuple[int, int]]) -> Callable[[int], bool]:
    """A test of whether an offset lies in any of ``spans``: the spans merged once, each test
    a binary search (an incident of a huge report may hold thousands of claims)."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    starts = [m[0] for m in merged]

    def test(at: int) -> bool:
        i = bisect_right(starts, at) - 1
        return i >= 0 and at < merged[i][1]

    return test


def type_mention(
    context: Context, inc: Inc, mentions: list[EventMention], taken: set[int], *, lead: bool
) -> EventMention | None:
    """The words that give an incident its type: the most specific event words of its own
    sentences; when those only say "attack" or "massacre", the sentences that go on with it,
    then the sentences next to it (and the lead, for the report's first incident)."""
    # Event words inside a claim's own clause first ("killed in an air strike"), then the rest
    # of its sentences ("... the site of a chemical attack earlier this week").
    within = _within([(c.evidence.start, c.evidence.end) for c in inc.claims])
    inside = [m for m in inc.mentions if within(m.span.start)]
    own = best_mention(inside)
    if own is not None and not own.weak:
        return _bomb_of(context, inc, own, taken)
    best = best_mention(inc.mentions)
    if best is not None and not best.weak:
        return _bomb_of(context, inc, best, taken)
    wider = best_mention(mentions)
    if wider is not None and not wider.weak:
        return wider
    near_sentences = {inc.first_sentence - 1, max(inc.sentences) + 1} - taken
    if lead:
        near_sentences |= set(range(min(3, inc.first_sentence))) - taken
    near = [m for m in context.events if m.sentence in near_sentences]
    nearest = best_mention(near)
    if nearest is not None and not nearest.weak:
        return nearest
    return best or wider or nearest


BOMBING_CUE = "events.bombing"  # the rule of the word "bombing" (event_cues.toml)
_BOMBS = frozenset({"Suicide bomb", "Remote explosive/landmine/IED"})


def _bomb_of(context: Context, inc: Inc, chosen: EventMention, taken: set[int]) -> EventMention:
    """'Bombing' says that bombs fell or went off, not how: a suicide bomber or a planted
    bomb the incident's sentences, those between them or the one after name is the bombing
    (``incidents.bombing_means``: "the double bombing at the school killed 39. One suicide
    attacker carried out both")."""
    if not (chosen.rule or "").startswith(BOMBING_CUE):
        return chosen
    last = max(inc.sentences)
    near = set(range(inc.first_sentence, last + 2)) - (taken - inc.sentences)
    means = [
        m
        for m in context.events
        if m.sentence in near
        and m.sub_event_type in _BOMBS
        and not m.weak
        and not m.anaphoric
        and BOMBING_MEANS.name not in (m.rule or "")
    ]
    if not means:
        return chosen
    m = means[0]
    return replace(m, rule=f"{m.rule}+{BOMBING_MEANS.name}")


def report_perpetrators(
    context: Context, best: EventMention, others: set[int]
) -> tuple[Perpetrator, ...]:
    """When an incident's own sentences name nobody, the actor the report names for events
    of the same kind elsewhere ("an air strike killed 15 ... Russian and Syrian jets have
    pounded the province"): the nearest such mention wins."""
    same = [
        m
        for m in context.events
        if m.sub_event_type == best.sub_event_type
        and m.perpetrators
        and not m.weak
        and m.sentence not in others  # another incident's blame is not this one's
        and not NEW_STORY.search(context.sentences[m.sentence].text)
    ]
    if not same:
        return ()
    nearest = min(same, key=lambda m: abs(m.span.start - best.span.start))
    return _dedupe(context, list(nearest.perpetrators))


def estimates(claims: Sequence[Claim]) -> dict[str, Estimate]:
    """One incident's estimates under the default rule, as the ledger makes them."""
    return reconcile.estimates(claims, rule=reconcile.DEFAULT_RULE)


def headline(
    claims: Sequence[Claim], update_of: dict[str, str], *, subsets: Set[str] = frozenset()
) -> dict[str, str]:
    """Per figure, the report's own headline claim: of the whole figures (not "including two
    children", not "six children were among the dead": ``subsets``) that no update
    superseded, the first the report gives, a stated number before a vague word ("dozens
    killed ... the toll reached 160")."""
    out: dict[str, str] = {}
    for fig in FIGURES:
        whole = [c for c in claims if c.figure == fig and c.part_of is None and c.id not in subsets]
        if not whole:
            whole = [c for c in claims if c.figure == fig and c.part_of is None]
        if not whole:
            whole = [c for c in claims if c.figure == fig]
        if not whole:
            continue
        # A rising toll supersedes every lower figure told before it, not only the one it
        # names ("12 killed" in the title and the lead, then "the toll rose to 45").
        superseded = {
            c.id
            for u in whole
            if u.id in update_of
            for c in whole
            if c is not u and whole.index(c) < whole.index(u) and c.value <= u.value
        }
        current = [c for c in whole if c.id not in superseded] or whole
        stated = [c for c in current if c.qualifier != "vague"] or current
        out[fig] = _refined(stated).id
    return out


# "more than 30": words of a bound the count is strictly above, not a count of 30 confirmed
# ("at least 30" is one).
_STRICT_BOUND = re.compile(r"(?i)^(?:well |just )?(?:more than|over|upwards? of|in excess of)\b")


def _refined(stated: Sequence[Claim]) -> Claim:
    """The first stated claim, unless it is a round bound ("more than 30 people were killed")
    that a later claim fills in ("At least 31 people have been killed", "45 were killed" after
    "more than 40"): a figure a little above the bound is the count the bound rounds down.
    A later figure far above it (more than half as much again) is another count, and a claim
    that states a count ("at least 30", "30") is never replaced."""
    first = stated[0]
    if (
        first.qualifier != "at_least"
        or first.value < 10
        or first.value % 10
        or not _STRICT_BOUND.match(first.count_text)
    ):
        return first
    for c in stated[1:]:
        if first.value < c.value <= first.value * 1.5 and c.qualifier != "range":
            return c
    return first


def main(
    incidents: list[Incident], first_claim: dict[str, int], killed: dict[str, int]
) -> str | None:
    """The incident the report is chiefly about: the one its first death toll belongs to
    (a report leads with its story, in the title or first paragraph); without deaths, the
    one its first casualty figure belongs to; without figures, the first."""
    if not incidents:
        return None
    with_killed = [i for i in incidents if i.id in killed]
    pool = with_killed or incidents
    return min(pool, key=lambda i: (first_claim.get(i.id, 10**9), i.id)).id


def claimless_lead(context: Context) -> Inc | None:
    """A report that gives no casualty figure may still lead with an event ("Warplanes struck
    Idlib"): it becomes the one incident, with no claims."""
    lead = min(len(context.sentences), 3)  # the title line and the first paragraph
    mentions = [m for m in context.events if m.sentence < lead and not m.weak]
    if not mentions:
        return None
    best = best_mention(mentions)
    assert best is not None
    inc = Inc(key=0)
    inc.sentences.add(best.sentence)
    inc.mentions.extend(m for m in context.events if m.sentence == best.sentence)
    return inc
