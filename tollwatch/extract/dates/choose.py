"""The date of an event: which of a report's date mentions dates the sentences that tell it.

Each way of choosing is a registered rule; the incident's ``DateRef.rule`` names it first,
then the rules of the words it took ("dates.in_sentence+dates.weekday").
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from datetime import date

from tollwatch.extract.dates.expressions import rule_of
from tollwatch.extract.dates.patterns import SAME_TIME
from tollwatch.extract.dates.resolve import precision_for
from tollwatch.extract.dates.stage import DateMention, reference_date
from tollwatch.extract.pipeline import Context
from tollwatch.extract.rules import Example, register
from tollwatch.model import DateRef

__all__ = ["date_for", "story_day"]

IN_SENTENCE = register(
    "dates.in_sentence",
    fact="date",
    summary="an event date in the incident's own sentences, the one nearest the words that "
    "tell the event; a framing period ('since 2015') only when the sentence has no other",
    examples=[
        Example(
            "Shelling killed four people in Idlib on Monday, activists said.",
            expect={"start": date(2016, 11, 28), "text": "Monday"},
        ),
        Example(
            "Air strikes killed 20 people in Douma on Tuesday, the deadliest day there "
            "since 2015, the monitor said.",
            expect={"start": date(2016, 11, 29)},
        ),
    ],
)
LEAD = register(
    "dates.lead",
    fact="date",
    summary="the incident a report leads with, when its own sentences give no date: the "
    "first event date of the rest of the lead",
    examples=[
        Example(
            "Coalition jets kill 9 militants near Manbij\nTurkish artillery also shelled "
            "the militants' positions on Saturday as they prepared to fire across the "
            "border, the army said.",
            expect={"start": date(2016, 11, 26), "text": "Saturday"},
        )
    ],
)
PARAGRAPH = register(
    "dates.paragraph_context",
    fact="date",
    summary="an event date earlier in the paragraph of the incident's first sentence: the "
    "narrative carries on",
    examples=[
        Example(
            "The market in Saraqeb reopened on Monday after weeks of calm. Hours later at "
            "least 14 people were killed by a car bomb there, rescuers said.",
            expect={"start": date(2016, 11, 28)},
        )
    ],
)
STORY_DAY = register(
    "dates.story_day",
    fact="date",
    summary="a sentence opening with 'Meanwhile' is set on the report's story day: the exact "
    "day its dates name most often",
    examples=[
        Example(
            "A car bomb killed 12 people in Azaz on Monday, police said. The blast on Monday "
            "hit a market.\nMeanwhile, shelling killed three children in Douma.",
            expect={"start": date(2016, 11, 28), "precision": 1},
        )
    ],
)
SPEECH_DATE = register(
    "dates.speech_date",
    fact="date",
    summary="with no event date, the day somebody spoke of it ('a monitor said on Sunday'): "
    "the news of that day",
    examples=[
        Example(
            "At least nine people were killed in air strikes on the town of Atareb, the "
            "monitor said on Sunday.",
            expect={"start": date(2016, 11, 27), "end": date(2016, 11, 27), "precision": 1},
        )
    ],
)
PUBLICATION = register(
    "dates.publication",
    fact="date",
    summary="no date words for the event: the publication date stands in, marked as such "
    "(basis 'publication', precision 2)",
    examples=[
        Example(
            "Shelling killed four people in the town of Kafr Nabl, activists said.",
            expect={"basis": "publication", "precision": 2},
        )
    ],
)


def date_for(
    context: Context, sentences: Sequence[int], *, lead: Sequence[int] = ()
) -> DateRef | None:
    """The date of an event told in ``sentences`` (indices into context.sentences), or None.

    In order of preference (the chosen rule is named first in ``DateRef.rule``):

    1. an event date in those sentences, the one nearest the words that tell the event
       (figure cues and event words), in the first sentence that has one, taking the
       sentences in the order given (put the event's own sentences first); a framing period
       ("since 2015", "in 2013") only when the sentence has no other date;
    2. an event date earlier in the paragraph of the first sentence given (the narrative
       carries on);
    3. when the first sentence opens with "Meanwhile" (or "at the same time"), the report's
       story day: the day most of its exact dates name (precision 1);
    4. a speech date in those sentences ("a monitor said on Sunday"): the event is on or just
       before it (the day before to that day, precision 2);
    5. no date words for it: the publication date, marked as such (basis "publication",
       precision 2: within a few days; linking treats it as no date of the text's).

    ``lead``: for the incident a report leads with, the lead's other sentences (no incident's
    own): after rule 2, the first event date among them dates it ("Air strikes kill 8
    militants" in the title, "... fired on them on Saturday" in the lead).

    None only when the report has no publication date either (the stage notes it).
    """
    if not sentences or not context.sentences:
        return None
    # In the caller's order (its most telling sentences first), each once.
    wanted = list(dict.fromkeys(i for i in sentences if 0 <= i < len(context.sentences)))
    if not wanted:
        return None
    by_sentence: dict[int, list[DateMention]] = {}
    for m in context.dates:
        by_sentence.setdefault(m.sentence, []).append(m)

    anchors = _anchors(context, set(wanted))
    for i in wanted:
        events = [m for m in by_sentence.get(i, ()) if m.role == "event"]
        if events:
            best = min(events, key=lambda m: (_distance(m, anchors.get(i, [])), m.span.start))
            if _background(best):
                # "killed 20 on Tuesday, the worst toll since 2015": a period that frames the
                # event gives way to a day that dates it, in the same sentence.
                dated = [m for m in events if not _background(m)]
                if dated:
                    best = min(
                        dated, key=lambda m: (_distance(m, anchors.get(i, [])), m.span.start)
                    )
            return _chosen(best, IN_SENTENCE.name)
    first = wanted[0]
    for j in range(first - 1, -1, -1):
        if not _joined(context, j):
            break  # a line break: the paragraph starts after sentence j
        events = [m for m in by_sentence.get(j, ()) if m.role == "event"]
        if events:
            return _chosen(events[-1], PARAGRAPH.name)

    for i in lead:
        events = [m for m in by_sentence.get(i, ()) if m.role == "event" and not _background(m)]
        if events and i not in wanted:
            return _chosen(events[0], LEAD.name)

    pub = reference_date(context)
    story = story_day(context)
    if SAME_TIME.match(context.sentences[first].text) and story is not None:
        return DateRef(
            start=story,
            end=story,
            precision=1,
            text="",
            rule=STORY_DAY.name,
            basis=_basis_of_day(context, story),
        )

    for i in wanted:
        speech = [
            m for m in by_sentence.get(i, ()) if m.role == "speech" and m.date.start is not None
        ]
        if speech:
            said = speech[0].date
            assert said.start is not None
            end = said.end or said.start
            return DateRef(
                start=said.start,
                end=end,
                precision=precision_for(said.start, end),
                text=said.text,
                span=said.span,
                rule=f"{SPEECH_DATE.name}+{rule_of(speech[0].kind)}",
                basis=said.basis,
            )

    if pub is not None:
        return DateRef(
            start=pub, end=pub, precision=2, text="", rule=PUBLICATION.name, basis="publication"
        )
    return None


def story_day(context: Context) -> date | None:
    """The day a report's narrative is set on: the exact day its event and speech dates name
    most often (the later on a tie), or None when it names no exact day."""
    counts: Counter[date] = Counter(
        m.date.start
        for m in context.dates
        if m.role in ("event", "speech") and m.date.precision == 1 and m.date.start is not None
    )
    if not counts:
        return None
    return max(counts, key=lambda d: (counts[d], d))


def _basis_of_day(context: Context, day: date) -> str:
    """How the report's mentions of ``day`` found it (stated wins over relative)."""
    bases = {m.date.basis for m in context.dates if m.date.start == day and m.date.precision == 1}
    return "stated" if "stated" in bases or not bases else "relative"


def _chosen(m: DateMention, how: str) -> DateRef:
    """The mention's date, its rule naming how it was chosen before the words it took."""
    return dataclasses.replace(m.date, rule=f"{how}+{rule_of(m.kind)}")


def _background(m: DateMention) -> bool:
    """A period that frames events rather than dates one ("since 2015", "in 2013")."""
    return m.kind.startswith("since_") or m.kind in ("year", "part_of_year")


def _anchors(context: Context, wanted: set[int]) -> dict[int, list[int]]:
    """Offsets of the words that tell an event in each wanted sentence: figure cues, event words."""
    out: dict[int, list[int]] = {}
    for item in list(context.figures) + list(context.events):
        sentence = getattr(item, "sentence", None)
        if sentence not in wanted:
            continue
        span = getattr(item, "cue", None) or getattr(item, "span", None)
        if span is not None:
            out.setdefault(sentence, []).append((span.start + span.end) // 2)
    return out


def _distance(m: DateMention, anchors: list[int]) -> int:
    if not anchors:
        return 0
    mid = (m.span.start + m.span.end) // 2
    return min(abs(mid - a) for a in anchors)


def _joined(context: Context, j: int) -> bool:
    """Whether sentence j runs on into sentence j + 1 within one paragraph (no line break)."""
    return "\n" not in context.text[context.sentences[j].end : context.sentences[j + 1].start]
