"""Properties of the whole pipeline over arbitrary and report-like text.

Whatever the text, extraction never crashes (an empty text is refused with InputError), and
every span it hands out is the report text at its offsets; a claim's evidence holds its
count_text.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tollwatch.errors import InputError
from tollwatch.extract import extract_report, make_report
from tollwatch.model import ReportRecord, Span, normalise_text

SETTINGS = settings(
    max_examples=60,
    deadline=None,  # the first example pays for warming spaCy up
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

NUMBERS = st.sampled_from(
    [
        "21",
        "1,300",
        "1 300",
        "250,000",
        "1.2 million",
        "eight",
        "twenty-five",
        "two hundred",
        "dozens of",
        "hundreds of",
        "scores of",
        "0",
        "-3",
        "99999999999999999999",
        "3.5",
        "½",
        "١٢",
    ]
)
QUALIFIERS = st.sampled_from(
    ["", "at least ", "more than ", "up to ", "about ", "some ", "nearly ", "between 3 and "]
)
VICTIMS = st.sampled_from(
    ["civilians", "people", "children", "women", "fighters", "soldiers", "families", "bombs", "%"]
)
VERBS = st.sampled_from(
    [
        "were killed",
        "died",
        "were wounded",
        "were injured",
        "are missing",
        "were abducted",
        "were arrested",
        "fled their homes",
        "were displaced",
        "were evacuated",
        "remain trapped",
        "lost their lives",
        "",
    ]
)
PLACES = st.sampled_from(
    ["in Aleppo", "in eastern Ghouta", "near Mosul", "in Taiz province", "in Deir ez-Zor", ""]
)
WHEN = st.sampled_from(["on Tuesday", "yesterday", "on 31 February", "in 2015", "overnight", ""])
CLAIMANTS = st.sampled_from(
    [
        ", the Syrian Observatory for Human Rights said",
        ", according to state media",
        ", activists said",
        ", medics told Reuters",
        ", said a UN spokesman",
        "",
    ]
)


@st.composite
def report_sentences(draw) -> str:
    parts = [
        draw(QUALIFIERS),
        draw(NUMBERS),
        " ",
        draw(VICTIMS),
        " ",
        draw(VERBS),
        " ",
        draw(PLACES),
        " ",
        draw(WHEN),
        draw(CLAIMANTS),
        draw(st.sampled_from([".", "!", "", ".\n", ";"])),
    ]
    sentence = "".join(parts)
    return sentence[:1].upper() + sentence[1:]


REPORT_TEXT = st.lists(report_sentences(), min_size=1, max_size=6).map(" ".join)
# Arbitrary text, with the characters real reports trip on mixed in.
ARBITRARY_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",))
    | st.sampled_from(list("0123456789 ,.-\n\u00a0\u202fـ‘’“”")),
    max_size=300,
)


def _check_span(text: str, span: Span | None, what: str) -> None:
    if span is None:
        return
    assert 0 <= span.start <= span.end <= len(text), what
    assert text[span.start : span.end] == span.text, what


def check_record(record: ReportRecord) -> None:
    text = record.report.text
    for claim in record.claims:
        _check_span(text, claim.evidence, f"evidence of {claim.id}")
        _check_span(text, claim.count_span, f"count_span of {claim.id}")
        assert claim.count_text in claim.evidence.text, claim
        if claim.count_span is not None:
            assert claim.count_span.text == claim.count_text
            assert claim.evidence.start <= claim.count_span.start
            assert claim.count_span.end <= claim.evidence.end
    incident_ids = {i.id for i in record.incidents}
    for incident in record.incidents:
        _check_span(text, incident.evidence, f"evidence of {incident.id}")
        if incident.date is not None:
            _check_span(text, incident.date.span, f"date of {incident.id}")
        if incident.place is not None:
            _check_span(text, incident.place.span, f"place of {incident.id}")
        for perp in incident.perpetrators:
            _check_span(text, perp.evidence, f"perpetrator of {incident.id}")
        for claim_id in incident.headline.values():
            assert claim_id in {c.id for c in record.claims}
    for claim in record.claims:
        assert claim.incident is None or claim.incident in incident_ids
    assert record.main_incident is None or record.main_incident in incident_ids


def _extract(text: str) -> ReportRecord | None:
    try:
        report = make_report(text)
    except InputError:
        assert not normalise_text(text)  # refused only when nothing is left of it
        return None
    return extract_report(report)


@pytest.mark.slow
@SETTINGS
@given(text=REPORT_TEXT)
def test_report_like_text(nlp, text):
    record = _extract(text)
    assert record is not None
    check_record(record)


@pytest.mark.slow
@SETTINGS
@given(text=ARBITRARY_TEXT)
@example(text="\xad")  # found by hypothesis in CI: a lone soft hyphen normalises to nothing
def test_arbitrary_text(nlp, text):
    record = _extract(text)
    if record is not None:
        check_record(record)


@pytest.mark.parametrize(
    "text",
    [
        "In 2015, 31 of 34 provinces reported 3 bombs; Resolution 2254 passed 15-0 on 18 December.",
        "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20",
        "Casualties: 12. " * 200,
        "killed " * 500,
        "At least" + " at least" * 100 + " 5 people died.",
    ],
)
def test_hostile_text(nlp, text):
    record = _extract(text)
    assert record is not None
    check_record(record)
