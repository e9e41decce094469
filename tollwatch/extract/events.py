"""Stage ``events``: PLACEHOLDER to be written by its owner; the record type is fixed."""

from __future__ import annotations

from dataclasses import dataclass

from tollwatch.extract.pipeline import Context, Stage
from tollwatch.model import Perpetrator, Span


@dataclass(frozen=True, kw_only=True, slots=True)
class EventMention:
    """Words naming a violent event ("a wave of artillery fire"), typed in ACLED's terms."""

    event_type: str
    sub_event_type: str
    span: Span
    sentence: int
    perpetrators: tuple[Perpetrator, ...] = ()


def run(context: Context) -> None:
    """Placeholder: adds nothing yet."""


STAGE = Stage(name="events", requires=("parsed",), provides=("events",), run=run)
