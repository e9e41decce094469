"""A record's rows, made before storing: what no ledger state decides.

A record's report, report-incident and claim rows (fitted to what every store holds), and its
near-duplicate signature (MinHash and LSH band keys) depend on the record alone, so they are
made where the record was extracted (:func:`prepare`: on a Dask worker, in a local process),
and the one process that stores (in input order) only decides what does depend on the
ledger: copies, links, estimates. A record given unprepared is prepared when it is stored:
the same rows either way. So is what the refresh of each incident the report would found
derives (:func:`tollwatch.ledger.state.founded`): it depends on the report alone unless the
report is a copy, which only the store can tell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tollwatch import model
from tollwatch.ledger import dedupe, linking, state
from tollwatch.ledger import schema as s
from tollwatch.ledger.ids import claim_gid, incident_gid, report_incident_gid
from tollwatch.ledger.state import Derived
from tollwatch.ledger.store import now
from tollwatch.ledger.validate import RowError, fit_row


@dataclass(frozen=True, kw_only=True)
class Prepared:
    """A record with its fitted rows and signature, ready to store.

    ``refused``: why it cannot be stored as it is (a value no store holds; the rows are then
    empty): storing it raises :class:`~tollwatch.ledger.validate.RowError` with that reason.
    The report row's ``copy_of``, ``similarity``, ``main_incident`` and ``ingested_at`` are
    set when it is stored.
    """

    record: model.ReportRecord
    signature: dedupe.Signature | None
    report_row: dict[str, Any] | None
    incident_rows: tuple[dict[str, Any], ...] = ()
    claim_rows: tuple[dict[str, Any], ...] = ()
    refused: str | None = None
    # What refreshing each incident the report would found derives (report incident id ->
    # Derived), if the report is no copy (a copy's incidents count it as one): the store
    # then writes it instead of deriving it again.
    founded: dict[str, Derived] | None = None


def prepare(record: model.ReportRecord) -> Prepared:
    """``record``'s rows, fitted (notes of what was cut kept on the report row), and its
    near-duplicate signature."""
    report = record.report
    sig = dedupe.signature(report.text)
    # Every row fitted first: a record refused for a value no store holds writes nothing.
    notes: list[str] = list(record.notes)
    try:
        ri_rows = tuple(
            fit_row(s.report_incidents, report_incident_row(report, inc, record), notes=notes)
            for inc in record.incidents
        )
        known_incidents = {inc.id for inc in record.incidents}
        headline_ids = {cid for inc in record.incidents for cid in inc.headline.values()}
        claim_rows = tuple(
            fit_row(s.claims, claim_row(report, claim, known_incidents, headline_ids), notes=notes)
            for claim in record.claims
        )
        row = fit_row(s.reports, report_row(report, status="ok", reason=None), notes=notes)
    except RowError as exc:
        return Prepared(record=record, signature=sig, report_row=None, refused=exc.message)
    row["notes"] = notes or None
    founded = {
        ri["id"]: state.founded(
            incident_gid(ri["id"]), member=ri, report_row=row, claim_rows=claim_rows
        )
        for ri in ri_rows
    }
    return Prepared(
        record=record,
        signature=sig,
        report_row=row,
        incident_rows=ri_rows,
        claim_rows=claim_rows,
        founded=founded,
    )


def report_row(
    report: model.Report, *, status: str, reason: str | None, notes: Sequence[str] = ()
) -> dict[str, Any]:
    """The ``reports`` row of ``report`` (not yet fitted)."""
    return {
        "id": report.id,
        "doc_id": report.doc_id,
        "title": report.title,
        "published": report.published,
        "outlet": report.outlet,
        "url": report.url,
        "language": report.language,
        "source": getattr(report, "source", None),
        "syndicated_from": report.syndicated_from,
        "text": report.text,
        "status": status,
        "discard_reason": reason,
        "copy_of": None,
        "similarity": None,
        "main_incident": None,
        "ingested_at": now(),
        "notes": list(notes) or None,
    }


def report_incident_row(
    report: model.Report, inc: model.Incident, record: model.ReportRecord
) -> dict[str, Any]:
    """The ``report_incidents`` row of ``inc`` (not yet fitted)."""
    # stored as linking reads it: a publication date standing in is no date of the text's
    place, when = inc.place, linking.text_date(inc)
    return {
        "id": report_incident_gid(report.id, inc.id),
        "report_id": report.id,
        "local_id": inc.id,
        "is_main": inc.id == record.main_incident,
        "event_type": inc.event_type,
        "sub_event_type": inc.sub_event_type,
        "date_start": when.start if when else None,
        "date_end": when.end if when else None,
        "date_precision": when.precision if when else None,
        "date_text": when.text if when else None,
        **place_columns(place),
        "perpetrators": [p.to_dict() for p in inc.perpetrators],
        "headline": dict(inc.headline),
        "figures": {f: e.best for f, e in inc.estimates.items() if e.best is not None},
        "incident_id": None,
    }


def place_columns(place: model.PlaceRef | None) -> dict[str, Any]:
    """The place columns of an incident's or a claim's row (all None for no place)."""
    return {
        "place_name": place.name if place else None,
        "place_text": place.text if place else None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "country": place.country if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "place_precision": place.precision if place else None,
        "gazetteer_id": place.gazetteer_id if place else None,
    }


def claim_row(
    report: model.Report, claim: model.Claim, known_incidents: set[str], headline_ids: set[str]
) -> dict[str, Any]:
    """The ``claims`` row of ``claim`` (not yet fitted); its place when it has no incident."""
    incident = claim.incident if claim.incident in known_incidents else None
    place = claim.place if incident is None else None  # an incident's claims have its place
    return {
        "id": claim_gid(report.id, claim.id),
        "report_id": report.id,
        "local_id": claim.id,
        "figure": claim.figure,
        "value": claim.value,
        "low": claim.low,
        "high": claim.high,
        "qualifier": claim.qualifier,
        "count_text": claim.count_text,
        "victims": list(claim.victims),
        "unit": claim.unit,
        "part_of": claim.part_of,
        "update_of": claim.update_of,
        "claimant": claim.claimant,
        "claimant_kind": claim.claimant_kind,
        "incident_local": claim.incident,
        "report_incident_id": report_incident_gid(report.id, incident) if incident else None,
        "is_headline": claim.id in headline_ids,
        "evidence_start": claim.evidence.start,
        "evidence_end": claim.evidence.end,
        "evidence_text": claim.evidence.text,
        **place_columns(place),
    }


__all__ = ["Prepared", "claim_row", "prepare", "report_incident_row", "report_row"]
