"""The work one report may take is bounded: figure-dense text past the limit is cut, noted."""

from __future__ import annotations

from tollwatch.extract import limits, make_report, numbers, sentences
from tollwatch.extract.limits import MAX_CANDIDATE_CHARS
from tollwatch.extract.pipeline import Context

SENTENCE = "Shelling killed {n} people in Idlib on Monday, a rescuer said. "


def _context(text: str) -> Context:
    context = Context(report=make_report(text))
    sentences.run(context)
    numbers.run(context)
    return context


def test_a_report_under_the_limit_is_untouched() -> None:
    context = _context("".join(SENTENCE.format(n=n) for n in range(1, 200)))
    before = (list(context.sentences), list(context.numbers))
    limits.run(context)
    assert (context.sentences, context.numbers) == before
    assert context.notes == []


def test_figure_dense_text_past_the_limit_is_cut_and_noted() -> None:
    count = MAX_CANDIDATE_CHARS // len(SENTENCE.format(n=10)) + 50
    text = "".join(SENTENCE.format(n=n % 90 + 10) for n in range(count))
    context = _context(text)
    limits.run(context)
    kept = sum(len(s.text) for s in context.sentences)
    assert MAX_CANDIDATE_CHARS - len(SENTENCE) < kept <= MAX_CANDIDATE_CHARS
    last = context.sentences[-1]
    cut_at = text.index("Shelling", last.end)
    assert context.notes == [
        f"report cut at character {cut_at} of {len(context.text)}: its sentences with figures "
        f"run past {MAX_CANDIDATE_CHARS:,} characters, the most one report is given; the rest "
        "was not read"
    ]
    assert max(n.span.end for n in context.numbers) <= last.end
    assert context.report.text == text.strip()  # the text itself is kept whole


def test_prose_without_figures_is_never_cut() -> None:
    prose = "Residents said the market had reopened and schools would follow this week. "
    context = _context(prose * (2 * MAX_CANDIDATE_CHARS // len(prose)))
    n = len(context.sentences)
    limits.run(context)
    assert len(context.sentences) == n and context.notes == []
