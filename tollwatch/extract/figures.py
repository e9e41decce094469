"""Stage ``figures``: PLACEHOLDER to be written by its owner; the record type is fixed."""

from __future__ import annotations

from dataclasses import dataclass

from tollwatch.extract.numbers import NumberMention
from tollwatch.extract.pipeline import Context, Stage
from tollwatch.model import Span


@dataclass(frozen=True, kw_only=True, slots=True)
class FigureMention:
    """A number that counts people (or households) with a figure: killed, displaced, ..."""

    figure: str  # one of model.FIGURES
    number: NumberMention
    victims: tuple[str, ...]  # model.VICTIMS
    unit: str  # people | households
    evidence: Span  # the clause or sentence that states it; contains number.span
    sentence: int
    cue: Span  # the words that made it this figure ("were killed", "death toll")
    part_of: int | None = None  # index in context.figures of the figure this is a subset of
    is_update: bool = False  # "the toll rose to 45": supersedes an earlier figure


def run(context: Context) -> None:
    """Placeholder: adds nothing yet."""


STAGE = Stage(name="figures", requires=("numbers", "parsed"), provides=("figures",), run=run)
