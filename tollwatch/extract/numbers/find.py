"""The numbers stage's public functions: the numbers of a text, one number expression parsed,
and the stage's run over a report."""

from __future__ import annotations

from tollwatch.extract.numbers.mention import MAX_COUNT, NumberMention, ParsedNumber
from tollwatch.extract.numbers.scan import scan
from tollwatch.extract.numbers.tokens import tokens
from tollwatch.extract.pipeline import Context
from tollwatch.model import Span


def parse_number(text: str) -> ParsedNumber | None:
    """Parse ``text`` as one number expression ("at least 21", "twenty-five", "dozens").

    Returns None when ``text`` is not exactly one number with its qualifier (leading and
    trailing whitespace and a trailing "of" aside).
    """
    if not isinstance(text, str):
        return None
    stripped = text.strip()
    if not stripped:
        return None
    toks = tokens(stripped, 0, len(stripped))
    found = scan(toks)
    if len(found) != 1:
        return None
    f = found[0]
    if f.first != 0 or f.last != len(toks) - 1:
        return None
    return ParsedNumber(value=f.value, low=f.low, high=f.high, qualifier=f.qualifier, kind=f.kind)


def find_numbers(
    text: str, *, start: int = 0, end: int | None = None, sentence: int = 0
) -> list[NumberMention]:
    """Find the numbers in ``text[start:end]``; spans are offsets into ``text`` itself."""
    if end is None:
        end = len(text)
    start = max(0, start)
    end = min(len(text), end)
    if start >= end:
        return []
    toks = tokens(text, start, end)
    out: list[NumberMention] = []
    for f in scan(toks):
        s, e = toks[f.first].start, toks[f.last].end
        ns, ne = toks[f.num_first].start, toks[f.num_last].end
        out.append(
            NumberMention(
                value=f.value,
                low=f.low,
                high=f.high,
                qualifier=f.qualifier,
                span=Span(start=s, end=e, text=text[s:e]),
                number_span=Span(start=ns, end=ne, text=text[ns:ne]),
                sentence=sentence,
                kind=f.kind,
            )
        )
    return out


def run(context: Context) -> None:
    """Find the numbers of every sentence; fills ``context.numbers`` in text order.

    A number too big to count people is noted in ``context.notes``."""
    text = context.text
    numbers: list[NumberMention] = []
    for sent in context.sentences:
        numbers.extend(find_numbers(text, start=sent.start, end=sent.end, sentence=sent.index))
    context.numbers = numbers
    for n in numbers:
        if n.kind == "implausible":
            context.notes.append(
                f"implausible number not read as a count (more than {MAX_COUNT:,}): "
                f"{n.span.text[:80]!r} at {n.span.start}"
            )
