"""The store boundary: rows fitted to what every store holds; records no store holds are
discarded with their reason, and the records around them stored (SQLite and PostgreSQL)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from sqlalchemy import select

from tests.ledger.conftest import make_record
from tollwatch.ledger import schema as s
from tollwatch.ledger.summary import IngestSummary
from tollwatch.ledger.validate import RowError, fit_row
from tollwatch.ledger.write import store_items

DAY = date(2017, 4, 4)


def test_text_is_cleaned_and_long_strings_cut_with_a_note() -> None:
    notes: list[str] = []
    row = fit_row(
        s.reports,
        {"id": "sha256:x", "title": "a\x00b\ud800", "outlet": "o" * 250, "doc_id": "d" * 200},
        notes=notes,
    )
    assert row["title"] == "a\ufffdb\ufffd"
    assert row["outlet"] == "o" * 199 + "…"
    assert row["doc_id"] == "d" * 200
    assert notes == ["reports.outlet cut to 200 characters from 250"]


def test_json_values_are_cleaned() -> None:
    row = fit_row(s.report_incidents, {"perpetrators": [{"actor": "x\x00", "alleged_by": None}]})
    assert row["perpetrators"] == [{"actor": "x\ufffd", "alleged_by": None}]


def test_keys_are_never_cut() -> None:
    with pytest.raises(RowError, match=r"^claims\.report_id is longer than 80 characters \(81\)$"):
        fit_row(s.claims, {"report_id": "r" * 81})


@pytest.mark.parametrize("value", [2_147_483_648, -2_147_483_649, 10**12])
def test_integers_beyond_32_bits_are_refused(value: int) -> None:
    with pytest.raises(RowError) as caught:
        fit_row(s.claims, {"value": value})
    assert caught.value.message == (
        f"claims.value is {value}, beyond what a store holds (at most 2,147,483,647): "
        "an implausible number"
    )


def test_the_limits_are_kept() -> None:
    row = {"value": 2_147_483_647, "low": -2_147_483_648, "count_text": "x" * 10_000}
    assert fit_row(s.claims, row) == row


def _stored(store) -> dict[str, tuple[str, str | None]]:
    r = s.reports
    with store.read() as conn:
        rows = conn.execute(select(r.c.doc_id, r.c.status, r.c.discard_reason)).all()
    return {doc: (status, reason) for doc, status, reason in rows}


def test_a_record_no_store_holds_is_discarded_and_the_run_goes_on(store) -> None:
    good = make_record(
        "Rescuers said 4 killed in Ariha.", killed=4, place="Ariha", day=DAY, doc_id="good"
    )
    huge = make_record(
        "Rescuers said 3000000000 killed in Saraqib.",
        killed=3_000_000_000,
        place="Saraqib",
        day=DAY,
        doc_id="huge",
    )
    place = dataclasses.replace(
        huge.incidents[0].place, name="P" * 400, admin1="A" * 300, gazetteer_id="g" * 150
    )
    long_names = make_record(
        "Rescuers said 5 killed in a place with a very long name.",
        killed=5,
        place="Douma",
        day=DAY,
        doc_id="long",
    )
    long_names = dataclasses.replace(
        long_names, incidents=(dataclasses.replace(long_names.incidents[0], place=place),)
    )
    after = make_record(
        "Medics said 6 killed in Manbij.", killed=6, place="Manbij", day=DAY, doc_id="after"
    )
    summary = store_items([good, huge, long_names, after], store=store)
    assert isinstance(summary, IngestSummary)
    assert (summary.reports_new, summary.discarded, summary.refused) == (3, 1, 1)
    assert _stored(store) == {
        "good": ("ok", None),
        "huge": (
            "discarded",
            "cannot be stored: claims.value is 3000000000, beyond what a store holds "
            "(at most 2,147,483,647): an implausible number",
        ),
        "long": ("ok", None),
        "after": ("ok", None),
    }
    with store.read() as conn:
        ri = conn.execute(
            select(s.report_incidents.c.place_name, s.report_incidents.c.gazetteer_id)
        ).all()
        notes = conn.execute(
            select(s.reports.c.notes).where(s.reports.c.doc_id == "long")
        ).scalar_one()
    assert ("P" * 299 + "…", "g" * 99 + "…") in ri
    assert notes == [
        "report_incidents.place_name cut to 300 characters from 400",
        "report_incidents.admin1 cut to 200 characters from 300",
        "report_incidents.gazetteer_id cut to 100 characters from 150",
    ]


def test_a_fault_while_storing_one_record_discards_it(store, monkeypatch) -> None:
    from tollwatch.ledger import linking_store

    real = linking_store.link_report

    def flaky(conn, record, *args, **kwargs):
        if record.report.doc_id == "bad":
            raise OverflowError("date value out of range")
        return real(conn, record, *args, **kwargs)

    monkeypatch.setattr(linking_store, "link_report", flaky)
    records = [
        make_record(
            f"Rescuers said {n} killed in Ariha.", killed=n, place="Ariha", day=DAY, doc_id=d
        )
        for n, d in ((4, "first"), (5, "bad"), (6, "last"))
    ]
    summary = store_items(records, store=store)
    assert (summary.reports_new, summary.discarded) == (2, 1)
    assert _stored(store)["bad"] == (
        "discarded",
        "cannot be stored: OverflowError: date value out of range",
    )
    # Nothing of the failed record was half written.
    with store.read() as conn:
        assert conn.execute(
            select(s.claims.c.value).order_by(s.claims.c.value)
        ).scalars().all() == [
            4,
            6,
        ]
