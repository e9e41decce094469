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
from datetime import date, timedelta

from tollwatch.extract.casing import is_shouted
from tollwatch.extract.events import EventMention
from tollwatch.extract.gazetteer import fold
from tollwatch.extract.incidents import cues
from tollwatch.extract.incidents.situation import (
    CASUALTY_FIGURES,
    is_displacement_event,
    is_situation,
    is_summed,
    place_totals,
    sentence_of,
)
from tollwatch.extract.pipeline import Context
from tollwatch.extract.places.stage import report_country
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
    # With no day of its own: the days it is set on by the words around it (:func:`around`)
    around: tuple[date, date] | None = None
    closed: bool = False  # a sum over several attacks or a period: no other figure joins it
    units: set = field(default_factory=set)  # the stretches of its sentences it holds (Unit)

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
    cuts: dict[int, int] = field(default_factory=dict)  # sentence -> where "Meanwhile" splits it


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
    cache = context.cache.setdefault("incidents.days", {})
    if sentence not in cache:
        cache[sentence] = _day_of(context, sentence)
    return cache[sentence]


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


def around(context: Context, sentence: int) -> tuple[date, date] | None:
    """The days an incident first told in ``sentence`` with no day of its own is set on
    (``incidents.implied_day``): the day the sentence just before it names (the narrative
    carries on: "... accused the army of a chemical attack on March 25. The strike on the
    hospital killed two"); else, when the sentence tells the event anew and says when
    somebody spoke of it ("23 were killed in air strikes, activists said Sunday"), the few
    days up to then (a toll told on Saturday may be of an assault launched on Thursday).
    None when the words give no day."""
    if sentence > 0:
        before = day_of(context, sentence - 1)
        if isinstance(before, date):
            return before, before
    said = next(
        (
            m.date.start
            for m in context.dates
            if m.sentence == sentence
            and m.role == "speech"
            and m.date.start is not None
            and m.date.precision == 1
        ),
        None,
    )
    if said is not None and any(m.sentence == sentence and not m.anaphoric for m in context.events):
        # told anew that day, not "the murder of the six priests" a speaker comes back to
        return said - timedelta(days=_SAID_REACH), said
    return None


_SAID_REACH = 3  # days before a toll's telling its events may lie ("said on Saturday")


def _since(context: Context, sentence: int) -> bool:
    """Does the sentence start a period at a day ("killed since Wednesday afternoon")?"""
    return any(m.sentence == sentence and m.kind.startswith("since") for m in context.dates)


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
    part: int  # 1 when words in it open another story; 2 when they do so mid-sentence
    start: int
    end: int


_SPLIT_AFTER = 25  # characters into a sentence before which a cue opens the whole of it


def units_of(context: Context) -> list[list[Unit]]:
    """Each sentence as one unit, marked when words in it open another story; a run-on
    sentence with "Meanwhile" or "Elsewhere" in its middle, two units (:func:`_split_at`)."""
    out: list[list[Unit]] = []
    for i, sent in enumerate(context.sentences):
        if not cues.NEW_STORY.search(sent.text):
            out.append([Unit(sentence=i, part=0, start=sent.start, end=sent.end)])
            continue
        cut = _split_at(context, i)
        if cut is None:
            out.append([Unit(sentence=i, part=1, start=sent.start, end=sent.end)])
        else:
            out.append(
                [
                    Unit(sentence=i, part=0, start=sent.start, end=cut),
                    Unit(sentence=i, part=2, start=cut, end=sent.end),
                ]
            )
    return out


def _split_at(context: Context, i: int) -> int | None:
    """Where a mid-sentence "Meanwhile"/"Elsewhere" starts another story in sentence ``i``
    (None: it opens the whole sentence, or nothing): a cue well into the sentence, when the
    words after it name a place of their own, one the words before it do not name (a
    run-in headline restated after "Meanwhile" is one story), and not in text all in
    capitals (where sentences run on for other reasons and any word may look like a name)."""
    sent = context.sentences[i]
    m = cues.SPLIT.search(sent.text, _SPLIT_AFTER)
    if m is None or cues.NEW_STORY.search(sent.text, 0, m.start()):
        return None
    shouted = context.cache.get(_SHOUTED)
    if shouted is None:
        shouted = context.cache[_SHOUTED] = is_shouted(context.text)
    if shouted:
        return None
    cut = sent.start + m.start()
    here = [p for p in context.places if p.sentence == i and p.eventlike]
    before = {fold(p.place.name) for p in here if p.span.start < cut}
    if any(p.span.start >= cut and fold(p.place.name) not in before for p in here):
        return cut
    return None


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
    seen: set[tuple[str, int]] = set()
    told_twice: set[tuple[str, int]] = set()
    for c in claims:
        key = (c.figure, c.value)
        (told_twice if key in seen else seen).add(key)
    current_day: object = None  # the last exact event day the report's figures were set on
    # A report of displacement (no casualty figure but beside one) tells of the events that
    # moved people; in a report of deaths a displacement figure is the war's background.
    casualty_sentences = {
        sentence_of(context, (c.count_span or c.evidence).start)
        for c in claims
        if c.figure in CASUALTY_FIGURES
    }
    for c in claims:
        at = (c.count_span or c.evidence).start
        s = sentence_of(context, at)
        unit = (
            _unit_at(sentence_units[s], at)
            if s < len(sentence_units)
            else Unit(sentence=s, part=0, start=at, end=at)
        )
        parent = by_id.get(c.part_of) if c.part_of else None
        displacement_report = not (casualty_sentences - {s})
        if c.total and c.figure in CASUALTY_FIGURES:
            continue  # placed with its parts, below
        if parent is not None and parent.id in of_claim and not parent.total:
            inc = incs[of_claim[parent.id]]
            why[c.id] = cues.PART.name
        elif parent is not None and parent.figure not in CASUALTY_FIGURES:
            why[c.id] = cues.SITUATION_RULE.name
            continue
        elif c.id in totals:
            why[c.id] = cues.PLACE_TOTAL.name
            continue
        elif is_situation(context, c, s) and not (
            displacement_report and is_displacement_event(context, c, s)
        ):
            why[c.id] = cues.SITUATION_RULE.name
            continue
        elif (
            unit not in unit_inc
            and (c.figure, c.value) not in told_twice
            and is_summed(context, c, s)
            and not cues.OTHER_PLACES.search(context.text, unit.start, unit.end)
        ):
            # "killed in the past 24 hours", "strikes on two hospitals left 10 dead"; not a
            # count beside one of an incident's ("120 militants and 60 mercenaries"), nor a
            # toll the report tells again (then it is the toll of the event it tells); "in
            # other towns" opens another story (incidents.new_story), it sums nothing
            inc = Inc(key=len(incs), closed=True)
            incs.append(inc)
            why[c.id] = cues.SUMMED_RULE.name
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
            inc, rule = _continue_or_new(context, incs, unit, unit_mentions(unit), c)
            why[c.id] = rule
            if inc is None:
                inc = Inc(key=len(incs))
                # the day the story has reached, when the sentence names none ("On
                # Thursday ... 19 killed across the province. Six were killed in X")
                inc.day = day_of(context, s) or current_day
                if inc.day is None:
                    inc.around = around(context, s)
                incs.append(inc)
        if c.figure not in CASUALTY_FIGURES and why[c.id] != cues.PART.name:
            why[c.id] = cues.DISPLACEMENT_EVENT.name  # a situation figure but for its cause
        inc.claims.append(c)
        inc.units.add(unit)
        sentence_day = day_of(context, s)
        if sentence_day is not None:
            current_day = sentence_day
            if inc.day is None and not inc.closed:
                inc.day = sentence_day
        if s not in inc.sentences:
            inc.sentences.add(s)
            inc.mentions.extend(mentions_by_sentence.get(s, []))
        if not inc.closed:
            unit_inc.setdefault(unit, inc.key)
        of_claim[c.id] = inc.key
    _place_added_totals(claims, incs, of_claim, why)
    cuts = {us[0].sentence: us[1].start for us in sentence_units if len(us) > 1}
    return Grouping(incs=incs, of_claim=of_claim, update_of=update_of, why=why, cuts=cuts)


def _place_added_totals(
    claims: Sequence[Claim], incs: list[Inc], of_claim: dict[str, int], why: dict[str, str]
) -> None:
    """A total the report's words make of counts it gives ("five women and a child were
    killed", "Five of them died in air strikes ... Another three were killed in shelling")
    is in the incident of its parts when they share one, else in none."""
    order = {c.id: n for n, c in enumerate(claims)}
    for c in claims:
        if not (c.total and c.figure in CASUALTY_FIGURES) or c.id in of_claim:
            continue
        homes = {of_claim[x.id] for x in claims if x.part_of == c.id and x.id in of_claim}
        if len(homes) == 1:
            inc = incs[homes.pop()]
            inc.claims.append(c)
            inc.claims.sort(key=lambda x: order[x.id])
            of_claim[c.id] = inc.key
            why[c.id] = cues.PART.name
        elif homes:
            why[c.id] = cues.PLACE_TOTAL.name  # summed over several incidents: of none


_SHOUTED = "incidents.shouted"  # context.cache key: is the text all in capitals
_SETTLEMENTS = frozenset({"neighbourhood", "village", "town", "city", "place"})


def _local(context: Context, sentences: Set[int], start: int = 0, end: int = 10**12) -> list:
    """The event-like settlements (towns, villages, neighbourhoods) named in ``sentences``
    between ``start`` and ``end``: those of the gazetteer in the report's country (a town of
    the same name abroad is a misreading, not another incident), and names it does not hold
    (a village as the report writes it), but not in text all in capitals, where any word
    may look like a name."""
    country = report_country(context)
    shouted = context.cache.get(_SHOUTED)
    if shouted is None:
        shouted = context.cache[_SHOUTED] = is_shouted(context.text)
    return [
        m
        for m in context.places
        if m.sentence in sentences
        and m.eventlike
        and start <= m.span.start < end
        and (
            (m.kind in _SETTLEMENTS and (country is None or m.place.country == country))
            or (m.kind is None and not shouted)
        )
    ]


def _same_place(a, b) -> bool:  # noqa: ANN001 - places.PlaceMention
    """One settlement, or a neighbourhood and its city (the gazetteer gives no parent city:
    a city and a neighbourhood of the same province are taken to be one place)."""
    if fold(a.place.name) == fold(b.place.name):
        return True
    kinds = {a.kind, b.kind}
    return kinds == {"neighbourhood", "city"} and a.place.admin1 == b.place.admin1


def _title_line(context: Context) -> bool:
    """Whether the report's first sentence is a title: a line of its own without a full stop
    ("Jets kill 14 in Idlib market"), or the title the report was given."""
    if not context.sentences:
        return False
    first = context.sentences[0]
    title = (context.report.title or "").strip()
    if title and first.text.strip().startswith(title[: max(1, len(title) // 2)]):
        return True
    # the title after a dateline in the first sentence ("12-03-2016 Jets kill 14 ...")
    if title and title[: max(1, len(title) // 2)].lower() in first.text[: len(title) + 40].lower():
        return True
    after = context.text[first.end : first.end + 3]
    return "\n" in after and not first.text.rstrip().endswith((".", "!", "?", '"', "”"))


def _new_place(context: Context, last: Inc, unit: Unit, claim: Claim) -> bool:
    """The unit tells of a town or village the last incident does not name, where that
    incident names one: another place is another incident ("... killed nine in Sarmin.
    Air strikes also killed four in Binnish")."""
    if last.sentences == {0} and unit.sentence <= 2 and _title_line(context):
        return False  # the lead tells what the title sums up, in its own words
    shouted = context.cache.get(_SHOUTED)
    if shouted is None:
        shouted = context.cache[_SHOUTED] = is_shouted(context.text)
    if shouted:
        return False  # in text all in capitals any word may look like a place name
    if any(x.figure == claim.figure and x.value == claim.value for x in last.claims):
        return False  # the same toll told again, with the place in other words
    here = _local(context, {unit.sentence}, unit.start, unit.end)
    # a place the words set things near ("south of X", "outside X") or a river or valley
    # named as a landmark tells where the event was only roughly
    here = [
        m
        for m in here
        if m.vague is None
        and not cues.NEAR.search(context.text, max(0, m.span.start - 30), m.span.start)
        and not cues.FEATURE.match(context.text, m.span.end)
    ]
    if not here:
        return False
    # A city named like its province ("Idlib", "Aleppo") may be the province: it sets no
    # town the next place must match.
    before = [m for m in _local(context, last.sentences) if m.span.start < unit.start]
    if not before:
        return False
    return not any(_same_place(a, b) for a in here for b in before)


def _told_in_the_one_before(mentions: list[EventMention], claim: Claim) -> bool:
    """The claim's own words put it in the event told before ("was killed in the strike,
    while her husband was hit by shrapnel from a missile"): its sentence names no event of
    its own before the count, and the first event words after the count refer back."""
    count = claim.count_span.start if claim.count_span else claim.evidence.start
    if any(
        claim.evidence.start <= m.span.start < count and not m.weak and not m.anaphoric
        for m in mentions
    ):
        return False  # "rebel shelling of the X neighbourhood killed three ... the attack"
    after = [
        m
        for m in mentions
        if count < m.span.start < claim.evidence.end and (m.anaphoric or not m.weak)
    ]
    return bool(after) and min(after, key=lambda m: m.span.start).anaphoric


def _continue_or_new(
    context: Context, incs: list[Inc], unit: Unit, mentions: list[EventMention], claim: Claim
) -> tuple[Inc | None, str]:
    """The incident a new claim unit goes on with (None: a new one), and the rule why."""
    last = next((i for i in reversed(incs) if not i.closed), None)
    if last is None:
        return None, cues.FIRST.name
    if unit.part > 0:
        return None, (cues.NEW_STORY_WITHIN if unit.part == 2 else cues.NEW_STORY_RULE).name
    if cues.OTHER_PLACES.search(context.text, unit.start, unit.end):
        return None, cues.NEW_STORY_RULE.name
    day = day_of(context, unit.sentence)
    if day is not None and last.day is not None and day != last.day:
        return None, cues.NEW_DAY.name
    if (
        isinstance(day, date)
        and last.day is None
        and last.around is not None
        and not last.around[0] <= day <= last.around[1]
        and not any(m.anaphoric for m in mentions)  # "the attack on August 21": the same
        and not _since(context, unit.sentence)  # "since Wednesday": a period, not its day
    ):
        return None, cues.IMPLIED_DAY.name
    # another place opens another incident only with event words of its own ("air strikes
    # also killed four in X"), not in a narrative of one event ("his three children were
    # also killed", "another 30 were injured in the home near X")
    if (
        any(not m.weak and not m.anaphoric for m in mentions)
        and not any(m.anaphoric for m in mentions)
        and _new_place(context, last, unit, claim)
    ):
        return None, cues.NEW_PLACE.name
    specific = [m for m in mentions if not m.weak and not m.anaphoric]
    if not specific or _told_in_the_one_before(mentions, claim):
        # "the death toll rose", "the strike also wounded ...", "among the dead"
        return last, cues.CONTINUES.name
    best = last.best()
    if best is None or best.weak:
        return last, cues.CONTINUES.name
    kinds = {m.sub_event_type for m in specific}
    if best.sub_event_type in kinds:
        return last, cues.CONTINUES.name
    return None, cues.NEW_EVENT.name
