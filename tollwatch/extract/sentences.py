"""Stage ``sentences``: split the report into sentences with exact character offsets.

A fast rule-based splitter, not the parser: the parser only runs later on the sentences
that can hold a figure or its context (see ``parse``).
"""

from __future__ import annotations

import re

from tollwatch.extract.pipeline import Context, Sentence, Stage

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt sgt st jr sr no vs etc inc ltd co corp
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.n u.k e.g i.e approx est
    gov sen rep rev fr mt ft""".split()
)
# A sentence ends at . ! ? (possibly followed by closing quotes/brackets) before whitespace and
# an opening capital, digit or quote; or at a line break.
# A "sentence" longer than this is no sentence but text without punctuation (a table, a
# scrape, hostile input); it is cut at whitespace into pieces of at most this many characters,
# so the parser, whose memory grows with the length of what it reads, never gets a huge one.
MAX_SENTENCE_CHARS = 1500

_BOUNDARY = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])|\n+""")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences of ``text``, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if match.group().startswith((".",)) and "\n" not in match.group():
            # "U.S. forces", "Gen. Smith", "No. 5": not the end of a sentence.
            word = re.search(r"([A-Za-z.]+)\.$", text[start : match.start() + 1])
            if word and word.group(1).lower().rstrip(".") in _ABBREVIATIONS:
                continue
            if word and len(word.group(1)) == 1 and word.group(1).isupper():  # an initial
                continue
        _add(text, start, end, spans)
        start = end
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = start + MAX_SENTENCE_CHARS
        space = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, cut)
        cut = space if space > start else cut
        _add(text, start, cut, spans)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        spans.append((start, end))


def run(context: Context) -> None:
    text = context.text
    context.sentences = [
        Sentence(index=i, start=s, end=e, text=text[s:e])
        for i, (s, e) in enumerate(split_sentences(text))
    ]


STAGE = Stage(name="sentences", requires=("report",), provides=("sentences",), run=run)
