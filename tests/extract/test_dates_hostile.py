"""Dates at the calendar's ends and tokens that look like dates: never a crash."""

from __future__ import annotations

from datetime import date

import pytest

from tollwatch.extract import make_report, sentences
from tollwatch.extract.dates import run
from tollwatch.extract.pipeline import Context


def _context(text: str, published: date | None) -> Context:
    ctx = Context(report=make_report(text, published=published))
    sentences.run(ctx)
    run(ctx)
    return ctx


@pytest.mark.parametrize("published", [None, date(2017, 5, 14)])
def test_a_report_opening_with_a_dd_mm_yy_token_is_read(published: date | None) -> None:
    ctx = _context("12-05-17 Shelling killed four people in Idlib on Friday.", published)
    assert ctx.report.published == published  # "12-05-17" is no dateline


@pytest.mark.parametrize("published", [date(9999, 12, 31), date(1, 1, 1)])
def test_relative_dates_at_the_calendar_ends(published: date) -> None:
    text = (
        "Shelling killed four people yesterday and two more on Friday, between late "
        "November and mid-March, activists said."
    )
    ctx = _context(text, published)
    for mention in ctx.dates:
        start = mention.date.start
        assert start is None or date.min <= start <= date.max
