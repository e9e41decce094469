"""The extraction pipeline: an ordered list of named stages, checked when it is built.

Each stage module in ``tollwatch.extract`` exposes ``STAGE``: a :class:`Stage` that names what
it needs from the :class:`Context` and what it adds to it. ``build_pipeline`` refuses an order in
which a stage runs before what it needs has been provided.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tollwatch.errors import PipelineError
from tollwatch.model import Report

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@dataclass
class Sentence:
    """One sentence of the report; ``doc`` is its spaCy parse when the parse stage chose it."""

    index: int
    start: int
    end: int
    text: str
    candidate: bool = False  # may hold a figure or the context of one: worth a full parse
    doc: Doc | None = None  # parse of ``text``: token.idx + start is the offset in the report


@dataclass(kw_only=True)
class Context:
    """The working state one report passes through the stages with.

    Stages add to it; the finished record is built from it. It is mutable on purpose (it is
    a workbench, not a record); what leaves the pipeline are the frozen records of ``model``.
    """

    report: Report
    nlp: Language | None = None
    gazetteer: Any = None  # tollwatch.extract.places.Gazetteer, when places are resolved
    sentences: list[Sentence] = field(default_factory=list)
    numbers: list[Any] = field(default_factory=list)  # numbers.NumberMention
    figures: list[Any] = field(default_factory=list)  # figures.FigureMention
    claims: list[Any] = field(default_factory=list)  # model.Claim
    places: list[Any] = field(default_factory=list)  # places.PlaceMention
    dates: list[Any] = field(default_factory=list)  # dates.DateMention
    events: list[Any] = field(default_factory=list)  # events.EventMention
    incidents: list[Any] = field(default_factory=list)  # model.Incident
    main_incident: str | None = None
    notes: list[str] = field(default_factory=list)  # what stages want a reviewer to know
    # Derived data stages compute once per report and reuse (keyed by what it derives from).
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.report.text


@dataclass(frozen=True, kw_only=True)
class Stage:
    """A named step of the pipeline."""

    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    run: Callable[[Context], None]
    # Optional: the same work over many reports at once (the parse stage batches the parser
    # over every report's candidate sentences). Must leave each context as ``run`` would.
    run_batch: Callable[[Sequence[Context]], None] | None = None


@dataclass(frozen=True, kw_only=True)
class Pipeline:
    """An ordered, checked list of stages."""

    stages: tuple[Stage, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.stages)

    def __call__(self, context: Context, *, timings: dict[str, float] | None = None) -> Context:
        """Run every stage over ``context``.

        With ``timings``, each stage's wall time in seconds is added to ``timings[name]``
        (summed over calls, so one dict can gather a whole corpus); benchmarks use it.
        """
        if timings is None:
            for stage in self.stages:
                stage.run(context)
            return context
        from time import perf_counter

        for stage in self.stages:
            t0 = perf_counter()
            stage.run(context)
            timings[stage.name] = timings.get(stage.name, 0.0) + perf_counter() - t0
        return context

    def run_many(
        self, contexts: Sequence[Context], *, timings: dict[str, float] | None = None
    ) -> Sequence[Context]:
        """Run every stage over all ``contexts``, stage by stage, batching where a stage can.

        Gives each context what ``__call__`` would give it; faster over many reports.
        """
        from time import perf_counter

        for stage in self.stages:
            t0 = perf_counter()
            if stage.run_batch is not None:
                stage.run_batch(contexts)
            else:
                for context in contexts:
                    stage.run(context)
            if timings is not None:
                timings[stage.name] = timings.get(stage.name, 0.0) + perf_counter() - t0
        return contexts


def build_pipeline(stages: Sequence[Stage]) -> Pipeline:
    """Check that every stage's needs are provided by an earlier stage, and build the pipeline."""
    provided: set[str] = {"report"}
    seen: set[str] = set()
    for stage in stages:
        if stage.name in seen:
            raise PipelineError(f"stage {stage.name!r} appears twice in the pipeline")
        seen.add(stage.name)
        missing = [r for r in stage.requires if r not in provided]
        if missing:
            raise PipelineError(
                f"stage {stage.name!r} needs {', '.join(missing)}, which no earlier stage provides"
            )
        provided.update(stage.provides)
    return Pipeline(stages=tuple(stages))
