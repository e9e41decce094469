"""The ``dates`` stage: every date expression of a report, resolved, tied to its sentence."""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from tollwatch.extract.dates.dateline import published_in_text
from tollwatch.extract.dates.scan import Found, find
from tollwatch.extract.pipeline import Context, Stage
from tollwatch.model import DateRef, Span

__all__ = [
    "REFERENCE",
    "ROLES",
    "STAGE",
    "DateMention",
    "find_dates",
    "find_impossible",
    "reference_date",
    "run",
]

ROLES: tuple[str, ...] = ("event", "speech", "future", "dateline")
_HEAD = 200  # characters at the head of a text where its own publication line stands
# ``context.cache`` key of the day relative dates count from: the publication date, or the
# text's own when it states another.
REFERENCE = "dates.reference"


def reference_date(context: Context) -> date | None:
    """The day the report's relative dates count from (see :data:`REFERENCE`)."""
    return context.cache.get(REFERENCE, context.report.published)


@dataclass(frozen=True, kw_only=True, slots=True)
class DateMention:
    """A date expression in the text, resolved against the publication date."""

    date: DateRef
    span: Span
    sentence: int
    role: str = "event"  # event | speech | future | dateline
    kind: str = ""  # what resolved it ("weekday", "since_year": see .expressions)


def find_dates(text: str, *, published: date | None = None) -> list[Found]:
    """Find and resolve every date expression of ``text`` against ``published``.

    Returns them in text order. Expressions that name no real day ("31 February") are left
    out; see :func:`find_impossible` for those.
    """
    got = published_in_text(text)
    return find(text, published, got[1] if got else None)[0]


def find_impossible(text: str) -> list[Span]:
    """The expressions of ``text`` that look like dates but name no real day."""
    return find(text, None)[1]


def run(context: Context) -> None:
    """Find every date expression of the report, resolved against its publication date.

    Fills ``context.dates``; a publication date found in the text fills a missing one.
    """
    text = context.text
    report = context.report
    dateline_span: Span | None = None
    got = published_in_text(text)
    if got is not None:
        dateline_span = got[1]
        if report.published is None:
            context.report = dataclasses.replace(report, published=got[0])
            context.notes.append(
                f"publication date {got[0].isoformat()} taken from the text: {got[1].text!r}"
            )
    pub = context.report.published
    if (
        report.published is not None
        and got is not None
        and got[0] != report.published
        and got[1].start < _HEAD  # not "a list released on 26 October" further down
    ):
        # The text says when it was published ("Date of publication 27 October 2016", "Wed
        # 05 Apr 2017" at its head): the date given beside it is then a crawl or an update
        # date, and "on Wednesday" counts from the text's own date.
        pub = got[0]
        context.notes.append(
            f"the text's own publication date {got[1].text!r} ({pub.isoformat()}) disagrees "
            f"with the publication date given ({report.published.isoformat()}); dates "
            "resolve against the text's"
        )
    context.cache[REFERENCE] = pub
    found, impossible = find(text, pub, dateline_span)
    if report.published is not None and pub == report.published:
        # The first dateline of the text (a stated one, or a full date at its head): when it
        # names another day, the publication date given may be a crawl or update date.
        line = next((f for f in found if f.role == "dateline" and f.precision == 1), None)
        if line is not None and line.resolved_start != report.published:
            assert line.resolved_start is not None
            context.notes.append(
                f"the text's dateline {line.text!r} ({line.resolved_start.isoformat()}) disagrees"
                f" with the publication date given ({report.published.isoformat()}); dates"
                " resolve against the one given"
            )
    for span in impossible:
        context.notes.append(f"not a date (no such day): {span.text!r} at {span.start}")
    starts = [s.start for s in context.sentences]
    mentions: list[DateMention] = []
    for f in found:
        span = Span(start=f.start, end=f.end, text=f.text)
        ref = DateRef(
            start=f.resolved_start,
            end=f.resolved_end,
            precision=f.precision,
            text=f.text,
            span=span,
            rule=f.rule,
            basis=f.basis,
        )
        sentence = max(bisect_right(starts, f.start) - 1, 0) if starts else 0
        mentions.append(
            DateMention(date=ref, span=span, sentence=sentence, role=f.role, kind=f.kind)
        )
    context.dates = mentions


STAGE = Stage(name="dates", requires=("sentences",), provides=("dates",), run=run)
