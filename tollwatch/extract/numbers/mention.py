"""What the numbers stage gives: a number in the text with its qualifier and kind."""

from __future__ import annotations

from dataclasses import dataclass

from tollwatch.model import Span

# No count of people in a report is above this (the largest displacement figures are in the
# tens of millions): a bigger number is read, so that "nine hundred quintillion" is not 900,
# and kept from being a count (kind "implausible"), with a note saying so.
MAX_COUNT = 1_000_000_000


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
    # count | year | date | time | percent | money | measure | age | ordinal | decimal |
    # label | negative ("-5") | implausible (more than MAX_COUNT)
    kind: str = "count"


@dataclass(frozen=True, kw_only=True, slots=True)
class ParsedNumber:
    """The meaning of a number expression on its own: what ``parse_number`` returns."""

    value: int
    low: int | None
    high: int | None
    qualifier: str
    kind: str = "count"
