"""Stage ``limits``: bound the work one report may take, and say where a report was cut.

The reader refuses reports over 1 MB, but a megabyte of figure-dense text (a scrape, a table
without punctuation, hostile input) still held tens of thousands of figures: minutes of
parsing and more than a gigabyte of parses kept for the later stages. Every later stage's
work grows with the sentences that can hold a figure (the parse stage's *candidates*: a
count and a figure word), so that is what is bounded: once the candidates read so far pass
:data:`MAX_CANDIDATE_CHARS` characters, the report is cut before the sentence that passed
it. The sentences and numbers after the cut are dropped from the context (the report's text
is kept whole), and a note in the record says where and why.

The limit is four and a half times the most any evaluation report holds (11 kB of candidate
sentences in a 29 kB Airwars report): a real report is not cut.
"""

from __future__ import annotations

from tollwatch.extract.parse import CANDIDATE_MARKS, is_candidate
from tollwatch.extract.pipeline import Context, Stage

MAX_CANDIDATE_CHARS = 50_000


def run(context: Context) -> None:
    """Cut the report's sentences and numbers at the limit, noting it; else leave them."""
    by_sentence: dict[int, list[object]] = {}
    for n in context.numbers:
        by_sentence.setdefault(n.sentence, []).append(n)
    total = 0
    # the parse stage reads these marks again instead of testing every sentence twice
    marks: dict[int, bool] = context.cache.setdefault(CANDIDATE_MARKS, {})
    for position, sent in enumerate(context.sentences):
        marks[sent.index] = is_candidate(sent, by_sentence.get(sent.index, ()))
        if not marks[sent.index]:
            continue
        total += len(sent.text)
        if total > MAX_CANDIDATE_CHARS:
            kept = {s.index for s in context.sentences[:position]}
            context.sentences = context.sentences[:position]
            context.numbers = [n for n in context.numbers if n.sentence in kept]
            context.notes.append(
                f"report cut at character {sent.start} of {len(context.text)}: its sentences "
                f"with figures run past {MAX_CANDIDATE_CHARS:,} characters, the most one "
                "report is given; the rest was not read"
            )
            return


STAGE = Stage(name="limits", requires=("sentences", "numbers"), provides=("limited",), run=run)
