"""Extracting many reports at once: same records as one at a time, one failure isolated."""

from __future__ import annotations

from datetime import date

from tollwatch.errors import ExtractionError
from tollwatch.extract import (
    default_stages,
    extract_report,
    extract_reports,
    make_report,
)
from tollwatch.extract.pipeline import Stage, build_pipeline

TEXTS = [
    "At least 14 civilians were killed when warplanes struck a market in Ariha on Monday, "
    "the Syrian Observatory for Human Rights said. Rescuers said 30 people were wounded.",
    "Shelling on the town of Douma killed seven people, including three children, local "
    "medics said on Tuesday. The death toll later rose to nine.",
    "Some 2,500 families have fled their homes in the north of the province since Friday, "
    "the United Nations said.",
    "The council met for two hours on Wednesday and adopted Resolution 2254 by 15 votes.",
]


def reports():
    return [make_report(t, published=date(2018, 3, 7), doc_id=str(i)) for i, t in enumerate(TEXTS)]


def test_batched_records_equal_one_at_a_time(nlp):
    one = [extract_report(r).to_dict() for r in reports()]
    many = [r.to_dict() for r in extract_reports(reports(), batch_size=3)]
    assert many == one
    assert [len(r["claims"]) > 0 for r in many] == [True, True, True, False]


def test_a_failing_report_is_named_and_the_others_kept(nlp):
    def explode(context):
        if "Douma" in context.text:
            raise ValueError("boom")

    pipeline = build_pipeline(
        [*default_stages(), Stage(name="explode", requires=(), provides=(), run=explode)]
    )
    out = list(extract_reports(reports(), pipeline=pipeline))
    assert [type(r).__name__ for r in out] == [
        "ReportRecord",
        "ExtractionError",
        "ReportRecord",
        "ReportRecord",
    ]
    failed = out[1]
    assert isinstance(failed, ExtractionError)
    assert failed.message == "extraction failed: ValueError: boom"
    assert failed.report_id == reports()[1].id
