"""Stage ``places``: PLACEHOLDER to be written by its owner; the record type is fixed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tollwatch.extract.pipeline import Context, Stage
from tollwatch.model import PlaceRef, Span


@dataclass(frozen=True, kw_only=True, slots=True)
class PlaceMention:
    """A place named in the text, resolved against the gazetteer."""

    place: PlaceRef
    span: Span
    sentence: int
    eventlike: bool = True  # False for "speaking from Turkey", "a Paris meeting", "British-based"
    reason: str | None = None  # why it is not where an event happened


def place_for(context: Context, sentences: Sequence[int]) -> PlaceRef | None:
    """The place of an event told in ``sentences`` (indices into context.sentences), or None."""
    return None


def run(context: Context) -> None:
    """Placeholder: adds nothing yet."""


STAGE = Stage(name="places", requires=("sentences",), provides=("places",), run=run)
