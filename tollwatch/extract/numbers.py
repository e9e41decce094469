"""Stage ``numbers``: PLACEHOLDER to be written by its owner; the record type is fixed."""

from __future__ import annotations

from dataclasses import dataclass

from tollwatch.extract.pipeline import Context, Stage
from tollwatch.model import Span


@dataclass(frozen=True, kw_only=True, slots=True)
class NumberMention:
    """A number in the text, parsed, with its qualifier (see the spec's Qualifiers table)."""

    value: int
    low: int | None
    high: int | None
    qualifier: str  # exact | at_least | at_most | about | range | vague
    span: Span  # the count_text: qualifier and number words ("At least 21", "dozens of")
    number_span: Span  # just the number words ("21")
    sentence: int  # index into context.sentences


def run(context: Context) -> None:
    """Placeholder: adds nothing yet."""


STAGE = Stage(name="numbers", requires=("sentences",), provides=("numbers",), run=run)
