"""Every rule name an extracted fact carries is a registered rule (tollwatch/extract/rules.py).

Facts name the rules behind them: ``Claim.rule``, ``claimant_rule``, ``incident_rule``, a
situation claim's ``PlaceRef.rule``, ``Incident.type_rule``, the incident's ``PlaceRef.rule``
and ``DateRef.rule``, ``Perpetrator.rule`` (several names joined by ``+`` where rules refined
one another). A name that is not registered is a fact nobody can look up, test or count
(``tollwatch eval --rules``). The reports are the project's examples and sentences written
here in the style of wire reports.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tollwatch.extract import extract_reports, make_report
from tollwatch.extract.rules import facts_by_rule, load_all
from tollwatch.ingest.readers import read_inputs
from tollwatch.model import Report, ReportRecord

# (title, text, publication date): written for this test.
OWN: tuple[tuple[str | None, str, date], ...] = (
    (
        None,
        "Government helicopters dropped barrel bombs on the village of Kafr Zita in Hama "
        "province on Thursday, killing 16 people including five children, according to local "
        "rescue workers.",
        date(2016, 2, 13),
    ),
    (
        None,
        "At least 3,400 families have fled their homes in southern Idlib over the past week, "
        "the UN refugee agency said on Monday.",
        date(2019, 5, 14),
    ),
    (
        None,
        "Gunmen stormed a wedding party near Baqubah late on Saturday, shooting dead 11 guests, "
        "police said. The Islamic State group claimed responsibility in a statement.",
        date(2015, 7, 26),
    ),
    (
        None,
        "The death toll from Friday's car bombing in Kirkuk rose to 23, a hospital official "
        "said, up from 15 reported earlier.",
        date(2016, 10, 23),
    ),
    (
        None,
        "Between 30 and 40 fighters were killed in clashes between rebels and government forces "
        "near Daraa on 3 June, the Syrian Observatory for Human Rights said.",
        date(2017, 6, 5),
    ),
    (
        "Dozens dead as shells hit Aden market",
        "Shells slammed into a crowded market in the port city of Aden on Tuesday morning, "
        "killing 27 civilians and wounding more than 60, medical sources said. The Saudi-led "
        "coalition blamed Houthi fighters for the attack.",
        date(2018, 3, 7),
    ),
    (
        None,
        "Some 12,000 people living in camps near Marib are at risk as the fighting draws closer, "
        "aid agencies warned on Sunday.",
        date(2021, 2, 21),
    ),
    (
        None,
        "A roadside bomb killed two soldiers and wounded four others near the town of Rafah on "
        "14 March 2017, the army said in a statement.",
        date(2017, 3, 15),
    ),
)


def _reports(repo_root: Path) -> list[Report]:
    examples = sorted(
        p for p in (repo_root / "examples").iterdir() if p.suffix in (".txt", ".jsonl")
    )
    found = [r for r in read_inputs(examples) if isinstance(r, Report)]
    assert len(found) >= 6  # the examples are read (a folder emptied would prove nothing)
    own = [
        make_report(text, title=title, published=day, doc_id=f"own-{n}")
        for n, (title, text, day) in enumerate(OWN)
    ]
    return found + own


@pytest.fixture(scope="module")
def records(repo_root: Path, nlp) -> list[ReportRecord]:
    out = []
    for rec in extract_reports(_reports(repo_root)):
        assert isinstance(rec, ReportRecord), rec  # no report fails extraction
        out.append(rec)
    return out


def _names(value: str | None) -> Iterator[str]:
    for part in (value or "").split("+"):
        if part.strip():
            yield part.strip()


def _named(records: list[ReportRecord]) -> dict[str, set[tuple[str, str]]]:
    """{rule name: {(the field that names it, the report)}}, read from the facts' fields."""
    out: dict[str, set[tuple[str, str]]] = {}

    def add(value: str | None, field: str, rec: ReportRecord) -> None:
        for name in _names(value):
            out.setdefault(name, set()).add((field, rec.report.doc_id or rec.report.id))

    for rec in records:
        for c in rec.claims:
            add(c.rule, "Claim.rule", rec)
            add(c.claimant_rule, "Claim.claimant_rule", rec)
            add(c.incident_rule, "Claim.incident_rule", rec)
            if c.place is not None:
                add(c.place.rule, "Claim.place.rule", rec)
        for inc in rec.incidents:
            add(inc.type_rule, "Incident.type_rule", rec)
            if inc.place is not None:
                add(inc.place.rule, "Incident.place.rule", rec)
            if inc.date is not None:
                add(inc.date.rule, "Incident.date.rule", rec)
            for p in inc.perpetrators:
                add(p.rule, "Perpetrator.rule", rec)
    return out


def test_every_rule_named_on_a_fact_is_registered(records):
    registered = load_all()
    named = _named(records)
    unknown = {name: sorted(where)[:3] for name, where in named.items() if name not in registered}
    assert unknown == {}


def test_the_reports_exercise_every_kind_of_fact(records):
    # Rules of each field are seen: the test above is not passing over empty fields.
    fields = {field for where in _named(records).values() for field, _ in where}
    assert fields >= {
        "Claim.rule",
        "Claim.claimant_rule",
        "Claim.place.rule",
        "Incident.type_rule",
        "Incident.place.rule",
        "Incident.date.rule",
        "Perpetrator.rule",
    }
    assert len(_named(records)) >= 30


def test_facts_by_rule_reads_every_field_that_names_a_rule(records):
    # ``eval --rules`` and the rule examples see a fact's rules through facts_by_rule.
    for rec in records:
        assert set(facts_by_rule(rec)) == set(_named([rec])), rec.report.doc_id
