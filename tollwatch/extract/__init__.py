"""Extraction: one report in, one :class:`~tollwatch.model.ReportRecord` out.

The stages run in this order (each a module of this package):
``sentences → numbers → limits → parse → figures → sources → places → dates → events → incidents``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any

from tollwatch.errors import ExtractionError, InputError
from tollwatch.extract.pipeline import Context, Pipeline, Stage, build_pipeline
from tollwatch.model import Report, ReportRecord, clean_field, content_id, normalise_text

STAGE_ORDER: tuple[str, ...] = (
    "sentences",
    "numbers",
    "limits",
    "parse",
    "figures",
    "sources",
    "places",
    "dates",
    "events",
    "incidents",
)


def default_stages() -> list[Stage]:
    """The stages of the default pipeline, in order."""
    from importlib import import_module

    return [import_module(f"tollwatch.extract.{name}").STAGE for name in STAGE_ORDER]


def default_pipeline() -> Pipeline:
    """The default pipeline, checked."""
    return build_pipeline(default_stages())


def make_report(
    text: str,
    *,
    title: str | None = None,
    published: date | None = None,
    outlet: str | None = None,
    url: str | None = None,
    doc_id: str | None = None,
) -> Report:
    """Build a :class:`Report` from raw text: normalised, with its content-hash id.

    Raises :class:`InputError` for text with nothing in it.
    """
    if not isinstance(text, str):
        raise InputError("report text must be a string")
    norm = normalise_text(text)
    if not norm:
        raise InputError("report is empty")
    return Report(
        id=content_id(norm),
        text=norm,
        title=clean_field(title),
        published=published,
        outlet=clean_field(outlet),
        url=clean_field(url),
        doc_id=clean_field(doc_id),
    )


def extract_report(
    report: Report,
    *,
    model: str | None = None,
    gazetteer: object | None = None,
    pipeline: Pipeline | None = None,
) -> ReportRecord:
    """Run the pipeline over one report and return its record."""
    from tollwatch.extract.nlp import load_nlp

    context = Context(report=report, nlp=load_nlp(model), gazetteer=gazetteer)
    (pipeline or _cached_default())(context)
    return _record(context)


def extract_reports(
    reports: Iterable[Report],
    *,
    model: str | None = None,
    gazetteer: object | None = None,
    pipeline: Pipeline | None = None,
    batch_size: int = 64,
) -> Iterator[ReportRecord | ExtractionError]:
    """Extract many reports, in input order, batching the parser across reports.

    Yields each report's record, or an :class:`ExtractionError` naming the report when a
    stage failed on it: one bad report never costs the others their records.
    """
    from tollwatch.extract.nlp import load_nlp

    nlp = load_nlp(model)
    pipe = pipeline or _cached_default()
    batch: list[Report] = []
    for report in reports:
        batch.append(report)
        if len(batch) >= batch_size:
            yield from _extract_batch(batch, nlp=nlp, gazetteer=gazetteer, pipeline=pipe)
            batch = []
    if batch:
        yield from _extract_batch(batch, nlp=nlp, gazetteer=gazetteer, pipeline=pipe)


def _extract_batch(
    reports: Sequence[Report], *, nlp: Any, gazetteer: object | None, pipeline: Pipeline
) -> Iterator[ReportRecord | ExtractionError]:
    contexts = [Context(report=r, nlp=nlp, gazetteer=gazetteer) for r in reports]
    try:
        pipeline.run_many(contexts)
    except Exception:  # noqa: BLE001 - find the report at fault, one at a time
        for report in reports:
            context = Context(report=report, nlp=nlp, gazetteer=gazetteer)
            try:
                pipeline(context)
            except Exception as exc:  # noqa: BLE001 - recorded, never lost
                yield ExtractionError(
                    f"extraction failed: {type(exc).__name__}: {exc}", report_id=report.id
                )
            else:
                yield _record(context)
        return
    for context in contexts:
        yield _record(context)


def _record(context: Context) -> ReportRecord:
    return ReportRecord(
        # A stage may complete the report (the dates stage fills a missing publication date
        # from a dateline in the text), so the record carries the context's report.
        report=context.report,
        claims=tuple(context.claims),
        incidents=tuple(context.incidents),
        main_incident=context.main_incident,
        notes=tuple(context.notes),
    )


def extract_text(
    text: str,
    *,
    title: str | None = None,
    published: date | None = None,
    model: str | None = None,
    gazetteer: object | None = None,
) -> ReportRecord:
    """Convenience: ``extract_report(make_report(text, ...))``."""
    return extract_report(
        make_report(text, title=title, published=published), model=model, gazetteer=gazetteer
    )


_DEFAULT: list[Pipeline] = []


def _cached_default() -> Pipeline:
    if not _DEFAULT:
        _DEFAULT.append(default_pipeline())
    return _DEFAULT[0]


__all__: Sequence[str] = (
    "Context",
    "Pipeline",
    "Stage",
    "build_pipeline",
    "default_pipeline",
    "default_stages",
    "extract_report",
    "extract_reports",
    "extract_text",
    "make_report",
)
