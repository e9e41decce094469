"""Stage ``incidents``: group a report's claims into the incidents they are about.

Claims are taken in text order. A casualty claim (killed, injured, missing, kidnapped,
detained) joins an incident when:

- it is a subset of, or an update to, a claim of that incident ("including two children",
  "the toll rose to 45");
- it is in the same sentence as a claim of that incident;
- its sentence goes on with the last incident: no new event words, or only words that refer
  back ("the death toll", "the strike", "the attack"), or event words of the same kind.

It starts a new incident when its sentence tells of a new event: event words of another kind
("an airstrike ..." after shelling), a new day, or words that open another story
("Meanwhile", "Elsewhere", "In a separate attack"). Figures about a situation, not an event
("50,000 displaced by the fighting", "400,000 killed since 2011") belong to no incident, nor
does a total of several places' tolls that the report then gives place by place ("10 killed
in attacks on Aleppo and Deir Ezzor": 6 in Aleppo, 4 in Deir Ezzor).

Each incident gets its ACLED type from the most specific event words of its sentences, its
perpetrators from the blame in them (and in the sentences that refer back to it), its date
and place from the dates and places stages, a ``headline`` claim per figure (the report's own
first whole figure, or the update that superseded it; not a part such as "including two
children" or "six children were among the dead"; a round bound such as "more than 40" gives
way to the count a little above it that the report goes on to give) and ``estimates`` under
the UCDP rule.
``main_incident`` is the incident the report leads with, with its biggest toll.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass, field, replace

from tollwatch import reconcile
from tollwatch.extract import dates as dates_stage
from tollwatch.extract import events as events_stage
from tollwatch.extract import places as places_stage
from tollwatch.extract import sources
from tollwatch.extract.events import EventMention
from tollwatch.extract.pipeline import Context, Stage
from tollwatch.model import FIGURES, Claim, Estimate, Incident, Perpetrator

__all__ = ["CASUALTY_FIGURES", "is_situation", "run", "STAGE"]

# Figures that count the victims of one event; the others describe a situation.
CASUALTY_FIGURES = frozenset({"killed", "injured", "missing", "kidnapped", "detained"})

# Words that open another story in the same report.
_NEW_STORY = re.compile(
    r"(?<![\w-])(?:meanwhile|elsewhere|separately|in a separate|in another|in other (?:news|violence|attacks?)"
    r"|a separate (?:attack|strike|air ?strike|raid|bombing|blast|explosion|incident|assault)"
    r"|another (?:attack|strike|air ?strike|raid|bombing|blast|explosion|incident|car bomb|suicide|massacre|assault)"
    r"|in a similar|in an earlier|a day (?:earlier|before|after)|the (?:previous|next) day|last (?:week|month)"
    r"|on the same day|at the same time)(?![\w-])",
    re.IGNORECASE,
)
# Words that make a casualty figure a total over a war or a period, not one event's toll:
# "the conflict has killed more than 280,000", "since the uprising erupted in 2011", "in
# five years of war", "now in its sixth year", "from March 2011 to June 2016".
# "war planes have killed 32" is an air strike, not a war's total
_WAR = r"(?:war(?![- ]?(?:planes?|jets?|craft|ships?|crimes?|monitor)(?![\w-]))|conflict|uprising|rebellion|revolt|revolution|crisis|turmoil|unrest|insurgency|crackdown)"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_SITUATION = re.compile(
    rf"(?<![\w-])(?:{_WAR}(?: [\w-]+){{0,8}}? (?:(?:that|which) )?(?:has|have|had) (?:since |so far |now |already )?(?:killed|left|claimed|cost|caused|taken)"
    rf"|{_WAR}(?: [\w-]+){{0,8}}? (?:began|started|erupted|broke out|flared|erupting|starting|beginning)"
    rf"|since (?:the )?(?:start|beginning|outbreak|onset|eruption) of"
    rf"|since (?:early |mid-|late )?(?:{_MONTH} )?(?:19|20)\d\d"
    rf"|from (?:{_MONTH} )?(?:19|20)\d\d to"
    rf"|(?:years?|months?|year-old|years-old)(?: [\w-]+)? (?:of )?(?:civil )?(?:{_WAR}|fighting|violence|bloodshed)"
    rf"|in (?:its|their) \w+ year"
    rf"|(?:in|of|during) (?:the|Syria'?s|Syrias|Iraq'?s|Yemen'?s|its|a) (?:(?:bloody|brutal|ongoing|long|devastating|civil|multi-front|multi-sided)[- ])*(?:war|conflict)(?! (?:monitor|observatory))"
    rf"|so far this (?:year|month)|since the (?:start|beginning) of the year"
    rf"|(?:total|overall|cumulative) (?:death )?toll)(?![\w-])",
    re.IGNORECASE,
)
_BLAME_WORDS = re.compile(
    r"(?<![\w-])(?:blamed|blames|accused|accuses|held responsible|claimed responsibility)(?![\w-])",
    re.IGNORECASE,
)
_UPDATE = re.compile(
    r"(?:rose|risen|rising|climbed|increased|jumped|reached|mounted|soared|grew|went up|raised)\s+"
    r"(?:\w+\s+){0,3}?(?:to|at)\s+$",
    re.IGNORECASE,
)


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
    cues = [(m.start() + sent.start, m.end() + sent.start) for m in _SITUATION.finditer(sent.text)]
    if not cues:
        return False
    gap = min(_gap(count.start, count.end, a, b) for a, b in cues)
    events = [
        m.span
        for m in context.events
        if m.sentence == sentence and not m.weak and m.sub_event_type != "Armed clash"
    ]
    if not events:
        return True
    return gap < min(_gap(count.start, count.end, e.start, e.end) for e in events)


_PLACE_TOTAL_REACH = 30  # later whole claims searched for the places' own tolls


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
    sentence_of = [_sentence_of(context, pos) for pos in at]
    places_in: dict[int, list] = {}
    for m in context.places:
        if m.eventlike:
            places_in.setdefault(m.sentence, []).append(m)

    @functools.cache
    def named(k: int, *, wider: bool) -> frozenset[str]:
        """The places told of between this count and the next of its figure (or its
        sentence's end);
        ``wider`` adds their first-order admin units ("Athamiyeh" is in Aleppo)."""
        s = sentence_of[k]
        end = context.sentences[s].end
        for j in range(k + 1, len(whole)):
            if sentence_of[j] != s:
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


def _gap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, b0 - a1, a0 - b1)


@dataclass
class _Inc:
    key: int
    claims: list[Claim] = field(default_factory=list)
    sentences: set[int] = field(default_factory=set)
    extra: set[int] = field(default_factory=set)  # sentences that refer back to it
    mentions: list[EventMention] = field(default_factory=list)
    day: object = None  # the event date of its first sentence, when one is given

    @property
    def first_sentence(self) -> int:
        return min(self.sentences) if self.sentences else 10**9

    def best(self) -> EventMention | None:
        return _best_mention(self.mentions)


def _best_mention(mentions: Sequence[EventMention]) -> EventMention | None:
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


def _sentence_of(context: Context, pos: int) -> int:
    starts = [s.start for s in context.sentences]
    return max(0, bisect_right(starts, pos) - 1)


def _day_of(context: Context, sentence: int) -> object:
    days = [
        m.date.start
        for m in context.dates
        if m.sentence == sentence
        and getattr(m, "role", "event") == "event"
        and m.date.start is not None
        and m.date.precision == 1
    ]
    return days[0] if days else None


def _is_update(context: Context, claim: Claim, fig_update: bool) -> bool:
    if fig_update:
        return True
    span = claim.count_span or claim.evidence
    before = context.text[max(0, span.start - 40) : span.start]
    return _UPDATE.search(before) is not None


def _group(
    context: Context,
    claims: list[Claim],
    updates: dict[str, bool],
    *,
    subsets: Set[str] = frozenset(),
) -> tuple[list[_Inc], dict[str, int], dict[str, str]]:
    by_id = {c.id: c for c in claims}
    totals = place_totals(context, claims)
    mentions_by_sentence: dict[int, list[EventMention]] = {}
    for m in context.events:
        mentions_by_sentence.setdefault(m.sentence, []).append(m)
    incs: list[_Inc] = []
    of_claim: dict[str, int] = {}
    update_of: dict[str, str] = {}
    sent_inc: dict[int, int] = {}
    for c in claims:
        s = _sentence_of(context, (c.count_span or c.evidence).start)
        if c.part_of and c.part_of in of_claim:
            inc = incs[of_claim[c.part_of]]
        elif c.part_of and c.part_of in by_id and by_id[c.part_of].figure not in CASUALTY_FIGURES:
            continue
        elif is_situation(context, c, s) or c.id in totals:
            continue
        elif _is_update(context, c, updates.get(c.id, False)) and any(
            x.figure == c.figure for i in incs for x in i.claims
        ):
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
        elif s in sent_inc:
            inc = incs[sent_inc[s]]
        else:
            inc = _continue_or_new(context, incs, s, mentions_by_sentence.get(s, []))
            if inc is None:
                inc = _Inc(key=len(incs))
                inc.day = _day_of(context, s)
                incs.append(inc)
        inc.claims.append(c)
        if s not in inc.sentences:
            inc.sentences.add(s)
            inc.mentions.extend(mentions_by_sentence.get(s, []))
        sent_inc.setdefault(s, inc.key)
        of_claim[c.id] = inc.key
    return incs, of_claim, update_of


def _continue_or_new(
    context: Context, incs: list[_Inc], s: int, mentions: list[EventMention]
) -> _Inc | None:
    """The incident a new claim sentence goes on with, or None for a new incident."""
    if not incs:
        return None
    last = incs[-1]
    text = context.sentences[s].text
    if _NEW_STORY.search(text):
        return None
    day = _day_of(context, s)
    if day is not None and last.day is not None and day != last.day:
        return None
    specific = [m for m in mentions if not m.weak and not m.anaphoric]
    if not specific:
        return last  # "the death toll rose", "the strike also wounded ...", "among the dead"
    best = last.best()
    if best is None or best.weak:
        return last
    kinds = {m.sub_event_type for m in specific}
    if best.sub_event_type in kinds:
        return last
    return None


def _context_sentences(context: Context, inc: _Inc, taken: set[int], limit: int) -> list[int]:
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
        if _NEW_STORY.search(context.sentences[j].text):
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
        if (
            any(m.anaphoric for m in ms)
            or (own is not None and any(m.sub_event_type == own.sub_event_type for m in ms))
            or _BLAME_WORDS.search(context.sentences[j].text)
        ):
            out.append(j)
    first = inc.first_sentence
    # A sentence between two of the incident's own that refers back to it or blames someone
    # ("A car bomb killed 18 ... IS claimed responsibility for the blast. A spokesman put the
    # toll at 11") tells of the same incident: the story has not moved on.
    for j in range(first + 1, last):
        if j in inc.sentences or j in taken or _NEW_STORY.search(context.sentences[j].text):
            continue
        ms = by_sentence.get(j, [])
        if any(
            not m.anaphoric
            and not m.weak
            and (own is None or m.sub_event_type != own.sub_event_type)
            for m in ms
        ):
            continue
        if any(m.anaphoric for m in ms) or _BLAME_WORDS.search(context.sentences[j].text):
            out.append(j)
    j = first - 1
    if j >= 0 and j not in taken:
        ms = by_sentence.get(j, [])
        if ms and (
            own is None or own.weak or any(m.sub_event_type == own.sub_event_type for m in ms)
        ):
            out.append(j)
    return out


def _perpetrators_of(
    context: Context, sentences: Sequence[int], table: dict[int, list[sources.Attribution]]
) -> tuple[Perpetrator, ...]:
    """Whom an incident's sentences blame, or name as doing it."""
    found = [
        p for s in sentences for _, p in events_stage.find_perpetrators(context, s, table=table)
    ]
    return _dedupe(found)


def _perpetrators(mentions: Sequence[EventMention]) -> tuple[Perpetrator, ...]:
    return _dedupe([p for m in mentions for p in m.perpetrators])


def _dedupe(perps: Sequence[Perpetrator]) -> tuple[Perpetrator, ...]:
    # One perpetrator per actor, the one that says who blames it (the events stage's rule).
    return events_stage.merge_perpetrators(perps)


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


def _type_mention(
    context: Context, inc: _Inc, mentions: list[EventMention], taken: set[int], *, lead: bool
) -> EventMention | None:
    """The words that give an incident its type: the most specific event words of its own
    sentences; when those only say "attack" or "massacre", the sentences that go on with it,
    then the sentences next to it (and the lead, for the report's first incident)."""
    # Event words inside a claim's own clause first ("killed in an air strike"), then the rest
    # of its sentences ("... the site of a chemical attack earlier this week").
    within = _within([(c.evidence.start, c.evidence.end) for c in inc.claims])
    inside = [m for m in inc.mentions if within(m.span.start)]
    own = _best_mention(inside)
    if own is not None and not own.weak:
        return own
    best = _best_mention(inc.mentions)
    if best is not None and not best.weak:
        return best
    wider = _best_mention(mentions)
    if wider is not None and not wider.weak:
        return wider
    near_sentences = {inc.first_sentence - 1, max(inc.sentences) + 1} - taken
    if lead:
        near_sentences |= set(range(min(3, inc.first_sentence))) - taken
    near = [m for m in context.events if m.sentence in near_sentences]
    nearest = _best_mention(near)
    if nearest is not None and not nearest.weak:
        return nearest
    return best or wider or nearest


def _report_perpetrators(
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
        and not _NEW_STORY.search(context.sentences[m.sentence].text)
    ]
    if not same:
        return ()
    nearest = min(same, key=lambda m: abs(m.span.start - best.span.start))
    return _perpetrators([nearest])


def _estimates(claims: Sequence[Claim]) -> dict[str, Estimate]:
    """One incident's estimates under the default rule, as the ledger makes them."""
    return reconcile.estimates(claims, rule=reconcile.DEFAULT_RULE)


def _headline(
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


def _lead_limit(context: Context) -> int:
    """Sentences of the lead: the title line and the first paragraph (at most 3 sentences)."""
    return min(len(context.sentences), 3)


def _main(
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


def run(context: Context) -> None:
    """Group the claims into incidents and fill their type, blame, date, place and figures."""
    claims: list[Claim] = list(context.claims)
    # The figures stage marks rising tolls and counts of some of the victims ("six children
    # were among the dead"), typed on the claims.
    updates = {c.id: True for c in claims if c.is_update}
    among = {c.id for c in claims if c.subset}
    incs, of_claim, update_of = _group(context, claims, updates, subsets=among)
    table = sources.attributions(context)

    taken = {s for inc in incs for s in inc.sentences}
    if not incs:
        lead_inc = _claimless_lead(context)
        if lead_inc is not None:
            incs = [lead_inc]
            taken = set(lead_inc.sentences)
    starts = sorted((inc.first_sentence, inc.key) for inc in incs)
    ids = {key: f"i{n + 1}" for n, (_, key) in enumerate(starts)}
    incidents: list[Incident] = []
    first_claim: dict[str, int] = {}
    killed: dict[str, int] = {}
    for n, (_, key) in enumerate(starts):
        inc = incs[key]
        limit = starts[n + 1][0] if n + 1 < len(starts) else len(context.sentences)
        extra = _context_sentences(context, inc, taken, limit)
        mentions = list(inc.mentions)
        for j in extra:
            mentions.extend(m for m in context.events if m.sentence == j)
        best = _type_mention(context, inc, mentions, taken, lead=n == 0)
        # The claims' own sentences first: they say when and where best.
        sentences = sorted(inc.sentences) + sorted(set(extra) - inc.sentences)
        final_claims = [
            replace(c, incident=ids[key], update_of=update_of.get(c.id, c.update_of))
            for c in inc.claims
        ]
        perps = _perpetrators_of(context, sorted(sentences), table)
        if not perps and best is not None:
            others = {s for other in incs if other is not inc for s in other.sentences}
            perps = _report_perpetrators(context, best, others)
        incident = Incident(
            id=ids[key],
            event_type=best.event_type if best else None,
            sub_event_type=best.sub_event_type if best else None,
            date=dates_stage.date_for(context, sentences),
            place=places_stage.place_for(context, sentences),
            perpetrators=perps,
            headline=_headline(final_claims, update_of, subsets=among),
            estimates=_estimates(final_claims),
            evidence=best.span if best else None,
            type_rule=best.rule if best else None,
        )
        incidents.append(incident)
        tolls = [c for c in final_claims if c.figure == "killed"]
        if tolls:
            killed[incident.id] = min((c.count_span or c.evidence).start for c in tolls)
        if final_claims:
            first_claim[incident.id] = min(
                (c.count_span or c.evidence).start for c in (tolls or final_claims)
            )
    # Put the claims back in text order with their incidents.
    new_claims: list[Claim] = []
    for c in claims:
        if c.id in of_claim:
            key = of_claim[c.id]
            new_claims.append(
                replace(c, incident=ids[key], update_of=update_of.get(c.id, c.update_of))
            )
        else:
            # A situation figure has no incident but may have a place ("displaced in Idlib").
            where = places_stage.place_for(
                context, [_sentence_of(context, (c.count_span or c.evidence).start)]
            )
            new_claims.append(replace(c, incident=None, place=where))
    context.claims = new_claims
    context.incidents = incidents
    if context.report.published is None:
        undated = [i.id for i in incidents if i.date is None]
        if undated:
            context.notes.append(
                f"no date for {', '.join(undated)}: the report gives no date words for "
                f"{'it' if len(undated) == 1 else 'them'} and has no publication date"
            )
    context.main_incident = _main(incidents, first_claim, killed)


def _claimless_lead(context: Context) -> _Inc | None:
    """A report that gives no casualty figure may still lead with an event ("Warplanes struck
    Idlib"): it becomes the one incident, with no claims."""
    lead = _lead_limit(context)
    mentions = [m for m in context.events if m.sentence < lead and not m.weak]
    if not mentions:
        return None
    best = _best_mention(mentions)
    assert best is not None
    inc = _Inc(key=0)
    inc.sentences.add(best.sentence)
    inc.mentions.extend(m for m in context.events if m.sentence == best.sentence)
    return inc


STAGE = Stage(
    name="incidents",
    requires=("claims", "places", "dates", "events"),
    provides=("incidents", "main_incident"),
    run=run,
)
