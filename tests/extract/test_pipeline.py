"""Building the pipeline: stages in an order that gives each what it needs, or a clear refusal."""

from __future__ import annotations

import pytest

from tollwatch.errors import PipelineError
from tollwatch.extract import (
    STAGE_ORDER,
    Context,
    Stage,
    build_pipeline,
    default_pipeline,
    default_stages,
    extract_text,
)
from tollwatch.model import ReportRecord


def _noop(context: Context) -> None:
    return None


def stage(name: str, requires: tuple[str, ...], provides: tuple[str, ...]) -> Stage:
    return Stage(name=name, requires=requires, provides=provides, run=_noop)


def test_refuses_a_stage_before_its_needs():
    stages = [
        stage("sentences", ("report",), ("sentences",)),
        stage("figures", ("numbers", "parsed"), ("figures",)),
        stage("numbers", ("sentences",), ("numbers",)),
    ]
    with pytest.raises(PipelineError) as err:
        build_pipeline(stages)
    assert err.value.message == (
        "stage 'figures' needs numbers, parsed, which no earlier stage provides"
    )


def test_refuses_a_stage_twice():
    s = stage("sentences", ("report",), ("sentences",))
    with pytest.raises(PipelineError) as err:
        build_pipeline([s, s])
    assert err.value.message == "stage 'sentences' appears twice in the pipeline"


def test_default_stages_reordered_are_refused():
    stages = default_stages()
    swapped = [stages[1], stages[0], *stages[2:]]  # numbers before sentences
    with pytest.raises(PipelineError) as err:
        build_pipeline(swapped)
    assert err.value.message == ("stage 'numbers' needs sentences, which no earlier stage provides")


def test_default_pipeline_builds_in_stage_order():
    pipeline = default_pipeline()
    assert pipeline.names == STAGE_ORDER


def test_default_pipeline_runs(nlp):
    record = extract_text(
        "Government shelling killed 6 civilians in the town of Kafr Batna on Thursday, "
        "rescue workers said."
    )
    assert isinstance(record, ReportRecord)
    ids = {i.id for i in record.incidents}
    for claim in record.claims:
        assert claim.incident is None or claim.incident in ids
    assert record.main_incident is None or record.main_incident in ids
