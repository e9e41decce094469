"""Stage ``parse``: give a full spaCy parse to the sentences that can hold a figure, only those.

A full parse of every sentence is about three times too slow for the speed target, and most
sentences of a report carry no figure. A sentence is a *candidate* when it holds a number that
may count people (a ``count`` mention of the numbers stage) and a cue word of some figure
(killed, toll, wounded, fled, evacuated, homes, ...), cheap checks on the raw text. Only the
candidates are parsed, in one ``nlp.pipe`` batch; ``Sentence.doc`` holds each parse, whose
``token.idx + sentence.start`` is the offset in the report.

Stages that need the parse of another sentence (a claimant named in the next sentence, a
blame sentence) call :func:`parse_sentences`, which parses on demand and keeps the result.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tollwatch.extract.pipeline import Context, Sentence, Stage

__all__ = ["FIGURE_CUES", "is_candidate", "parse_sentences", "STAGE"]

# Stems of the words that can make a number a figure (see figures.py for what each means).
# Matched case-insensitively at a word start on the raw sentence text.
FIGURE_CUES = re.compile(
    r"\b(?:kill|dead\b|death|die[ds]?\b|dying|toll|bod(?:y|ies)\b|lives\b|casualt|fatalit"
    r"|victim|martyr|massacre|slain|slaughter|perish|execut|behead|murder"
    r"|injur|wound|hurt|maim|missing|disappear|unaccounted"
    r"|kidnap|abduct|hostage|captive|detain|detention|arrest|prisoner|jail|imprison"
    r"|displac|fled\b|flee|refuge|idps?\b|homeless|uproot|exodus"
    r"|evacuat|relocat|shelter|returne|trapped|besieg|siege|threat|at\s+risk|stranded"
    r"|affect|homes\b|houses\b|destroy|damag|collaps|flooded|need\b|camps?\b|tents?\b"
    r"|centres?\b|centers?\b|sites?\b|host\s+famil)",
    re.IGNORECASE,
)


def is_candidate(sentence: Sentence, numbers: Iterable[object]) -> bool:
    """A sentence worth parsing: it has a count-like number and a figure cue word."""
    has_count = any(
        getattr(n, "sentence", None) == sentence.index and getattr(n, "kind", "count") == "count"
        for n in numbers
    )
    return has_count and FIGURE_CUES.search(sentence.text) is not None


def _disabled(context: Context) -> list[str]:
    """Pipes nobody downstream reads: the lemmatizer (lemmas are not used; the figures stage
    matches word forms), kept only if a custom model has nothing else to tag with."""
    assert context.nlp is not None
    return [name for name in ("lemmatizer",) if name in context.nlp.pipe_names]


def parse_sentences(context: Context, sentences: Iterable[Sentence]) -> None:
    """Parse the given sentences that have no parse yet (in one batch); others are left alone."""
    if context.nlp is None:
        return
    todo = [s for s in sentences if s.doc is None]
    if not todo:
        return
    disable = _disabled(context)
    docs = context.nlp.pipe([s.text for s in todo], disable=disable)
    for sent, doc in zip(todo, docs, strict=True):
        sent.doc = doc


def run(context: Context) -> None:
    """Mark the candidate sentences and parse them."""
    by_sentence: dict[int, list[object]] = {}
    for n in context.numbers:
        by_sentence.setdefault(n.sentence, []).append(n)
    for sent in context.sentences:
        sent.candidate = is_candidate(sent, by_sentence.get(sent.index, ()))
    parse_sentences(context, [s for s in context.sentences if s.candidate])


STAGE = Stage(name="parse", requires=("sentences", "numbers"), provides=("parsed",), run=run)
