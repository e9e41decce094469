"""Extraction: one report in, one :class:`~tollwatch.model.ReportRecord` out.

The stages run in this order (each a module of this package):
``sentences → numbers → parse → figures → sources → places → dates → events → incidents``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from tollwatch.errors import InputError
from tollwatch.extract.pipeline import Context, Pipeline, Stage, build_pipeline
from tollwatch.model import Report, ReportRecord, content_id, normalise_text

STAGE_ORDER: tuple[str, ...] = (
    "sentences",
    "numbers",
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
        title=title,
        published=published,
        outlet=outlet,
        url=url,
        doc_id=doc_id,
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
    return ReportRecord(
        # A stage may complete the report (the dates stage fills a missing publication date
        # from a dateline in the text), so the record carries the context's report.
        report=context.report,
        claims=tuple(context.claims),
        incidents=tuple(context.incidents),
        main_incident=context.main_incident,
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
    "extract_text",
    "make_report",
)
