"""Stage ``dates``: PLACEHOLDER to be written by its owner; the record type is fixed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tollwatch.extract.pipeline import Context, Stage
from tollwatch.model import DateRef, Span


@dataclass(frozen=True, kw_only=True, slots=True)
class DateMention:
    """A date expression in the text, resolved against the publication date."""

    date: DateRef
    span: Span
    sentence: int


def date_for(context: Context, sentences: Sequence[int]) -> DateRef | None:
    """The date of an event told in ``sentences`` (indices into context.sentences), or None."""
    return None


def run(context: Context) -> None:
    """Placeholder: adds nothing yet."""


STAGE = Stage(name="dates", requires=("sentences",), provides=("dates",), run=run)
