"""What the ledger store returns and the exports consume: frozen, keyword-only records.

No database code here (the store builds these from its rows); exports, the CLI and the web
app read them. Changes to this file are additive only: new fields get defaults.

Ids: ``LedgerClaim.id`` is the claim's global id (unique across the store) and ``local_id``
its id inside its report ("c3"); ``part_of`` / ``update_of`` keep the *local* ids the report
record gave (as the store's ``claims`` table holds them). :func:`reconcile_inputs` turns
ledger claims into what :func:`tollwatch.ledger.reconcile.estimate` takes, with those local
references resolved to global ids.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from tollwatch import model


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True, kw_only=True, slots=True)
class LedgerSource:
    """One report behind an incident (a copy names the report it copies)."""

    report_id: str
    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    doc_id: str | None = None
    copy_of: str | None = None  # report id this one is a near-duplicate of

    @property
    def independent(self) -> bool:
        """True when the report is not a copy of another."""
        return self.copy_of is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "report_id": self.report_id,
            "title": self.title,
            "published": _iso(self.published),
            "outlet": self.outlet,
            "url": self.url,
            "doc_id": self.doc_id,
            "copy_of": self.copy_of,
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class LedgerClaim:
    """One claim as the ledger holds it: the claim's fields and the report it came from."""

    id: str  # global claim id
    report_id: str
    figure: str
    value: int
    low: int | None
    high: int | None
    qualifier: str
    count_text: str
    quote: str  # the evidence sentence(s): evidence.text in the report record
    local_id: str | None = None  # "c3" inside the report
    victims: tuple[str, ...] = ()
    unit: str = "people"
    part_of: str | None = None  # LOCAL id (same report) of the claim this one is a subset of
    update_of: str | None = None  # LOCAL id (same report) of the claim this one supersedes
    claimant: str | None = None
    claimant_kind: str | None = None
    incident_id: str | None = None  # the ledger incident
    report_incident_id: str | None = None  # the report's own incident ("i1" stored globally)
    is_headline: bool = False
    evidence_start: int | None = None
    evidence_end: int | None = None
    report_title: str | None = None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    copy_of: str | None = None  # report id the claim's report is a near-duplicate of
    doc_id: str | None = None
    # The review desk (tollwatch.ledger.reviewed): the current review, if a person made one.
    review: str | None = None  # accepted | corrected | rejected
    review_id: int | None = None
    reviewed_by: str | None = None
    review_note: str | None = None
    machine: Mapping[str, Any] | None = None  # corrected fields as extraction gave them

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "report_id": self.report_id,
            "local_id": self.local_id,
            "figure": self.figure,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "qualifier": self.qualifier,
            "count_text": self.count_text,
            "victims": list(self.victims),
            "unit": self.unit,
            "part_of": self.part_of,
            "update_of": self.update_of,
            "claimant": self.claimant,
            "claimant_kind": self.claimant_kind,
            "incident_id": self.incident_id,
            "report_incident_id": self.report_incident_id,
            "is_headline": self.is_headline,
            "quote": self.quote,
            "evidence_start": self.evidence_start,
            "evidence_end": self.evidence_end,
            "report_title": self.report_title,
            "published": _iso(self.published),
            "outlet": self.outlet,
            "url": self.url,
            "copy_of": self.copy_of,
            "doc_id": self.doc_id,
            "review": self.review,
            "review_id": self.review_id,
            "reviewed_by": self.reviewed_by,
            "review_note": self.review_note,
            "machine": dict(self.machine) if self.machine else None,
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class LedgerLink:
    """Why a report's incident belongs to a ledger incident (linker or a person)."""

    report_incident_id: str
    incident_id: str
    score: float | None
    reason: str
    decided_by: str = "linker"
    created_at: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "report_incident_id": self.report_incident_id,
            "incident_id": self.incident_id,
            "score": self.score,
            "reason": self.reason,
            "decided_by": self.decided_by,
            "created_at": _iso(self.created_at),
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class LedgerIncident:
    """One incident of the ledger, with its estimates under one named rule."""

    id: str
    rule: str  # the reconcile rule that made ``estimates``
    event_type: str | None = None
    sub_event_type: str | None = None
    date_start: date | None = None
    date_end: date | None = None
    date_precision: int | None = None  # UCDP date_prec 1-5
    place_name: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    latitude: float | None = None
    longitude: float | None = None
    where_prec: int | None = None  # UCDP where_prec 1-7
    perpetrators: tuple[model.Perpetrator, ...] = ()
    estimates: dict[str, model.Estimate] = field(default_factory=dict)
    grade: str | None = None  # confirmed | fair | weak | contested
    sources: tuple[LedgerSource, ...] = ()
    report_ids: tuple[str, ...] = ()
    notes: str | None = None
    report_count: int = 0
    source_count: int = 0  # reports that are not copies
    status: str = "active"
    event_types: tuple[str, ...] = ()  # every sub_event_type its reports gave
    links: tuple[LedgerLink, ...] = ()
    reviewed: bool = False  # a person reviewed it, its claims, or merged / split it
    reviewed_facts: tuple[str, ...] = ()  # place | date | type | perpetrators set by a review

    def estimate(self, figure: str) -> model.Estimate | None:
        """The estimate of one figure, or None when no claim gives it."""
        return self.estimates.get(figure)

    def best(self, figure: str) -> int | None:
        """The best figure (None when unknown)."""
        est = self.estimates.get(figure)
        return est.best if est is not None else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "rule": self.rule,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "date_start": _iso(self.date_start),
            "date_end": _iso(self.date_end),
            "date_precision": self.date_precision,
            "place_name": self.place_name,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "admin3": self.admin3,
            "country": self.country,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "where_prec": self.where_prec,
            "perpetrators": [p.to_dict() for p in self.perpetrators],
            "estimates": {k: v.to_dict() for k, v in self.estimates.items()},
            "grade": self.grade,
            "sources": [s.to_dict() for s in self.sources],
            "report_ids": list(self.report_ids),
            "notes": self.notes,
            "report_count": self.report_count,
            "source_count": self.source_count,
            "status": self.status,
            "event_types": list(self.event_types),
            "links": [link.to_dict() for link in self.links],
            "reviewed": self.reviewed,
            "reviewed_facts": list(self.reviewed_facts),
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class ReconcileInputs:
    """Ledger claims in the form reconcile takes (see :func:`reconcile_inputs`)."""

    claims: tuple[model.Claim, ...]
    sources: dict[str, str]  # claim id -> report id
    copies: dict[str, str]  # copy report id -> the report it copies
    order: dict[str, tuple[str, str, tuple[object, ...]]]  # claim id -> publication order


def reconcile_inputs(claims: Sequence[LedgerClaim]) -> ReconcileInputs:
    """Ledger claims as reconcile inputs: global ids, sources, copies and publication order.

    ``part_of`` / ``update_of`` (local ids within a report) become the global ids of those
    claims; a reference to a claim not in ``claims`` is kept as a non-matching marker so a
    subset stays a subset. ``order`` is (published ISO date or "", report id, claim position).
    """
    from tollwatch.ledger.reconcile import natural_key

    # A claim a reviewer rejected is kept and shown, but no estimate or grade counts it.
    claims = [c for c in claims if c.review != "rejected"]
    by_local: dict[tuple[str, str], str] = {
        (c.report_id, c.local_id): c.id for c in claims if c.local_id is not None
    }

    def resolve(report_id: str, local: str | None) -> str | None:
        if local is None:
            return None
        return by_local.get((report_id, local), f"{report_id}:{local}")

    out: list[model.Claim] = []
    sources: dict[str, str] = {}
    copies: dict[str, str] = {}
    order: dict[str, tuple[str, str, tuple[object, ...]]] = {}
    for c in claims:
        start = c.evidence_start if c.evidence_start is not None else 0
        end = c.evidence_end if c.evidence_end is not None else start + len(c.quote)
        out.append(
            model.Claim(
                id=c.id,
                figure=c.figure,
                value=c.value,
                low=c.low,
                high=c.high,
                qualifier=c.qualifier,
                count_text=c.count_text,
                victims=tuple(c.victims),
                unit=c.unit,
                part_of=resolve(c.report_id, c.part_of),
                claimant=c.claimant,
                claimant_kind=c.claimant_kind,
                incident=c.incident_id,
                evidence=model.Span(start=start, end=end, text=c.quote),
                update_of=resolve(c.report_id, c.update_of),
            )
        )
        sources[c.id] = c.report_id
        if c.copy_of is not None:
            copies[c.report_id] = c.copy_of
        order[c.id] = (
            _iso(c.published) or "",
            c.report_id,
            natural_key(c.local_id or c.id),
        )
    return ReconcileInputs(claims=tuple(out), sources=sources, copies=copies, order=order)


def incident_estimates(
    claims: Sequence[LedgerClaim], *, rule: str = "ucdp"
) -> dict[str, model.Estimate]:
    """Estimates per figure of one ledger incident's claims under ``rule``."""
    from tollwatch.ledger import reconcile

    inputs = reconcile_inputs(claims)
    return reconcile.estimates(
        inputs.claims,
        rule=rule,
        copies=inputs.copies,
        sources=inputs.sources,
        order=inputs.order,
    )


def incident_grade(
    claims: Sequence[LedgerClaim],
    *,
    perpetrators: Sequence[model.Perpetrator] = (),
    sources: Sequence[LedgerSource] = (),
    perpetrators_by_report: Mapping[str, Sequence[model.Perpetrator]] | None = None,
) -> str:
    """The Airwars-style grade of one ledger incident (see reconcile.grade).

    ``perpetrators_by_report`` (report id -> the perpetrators its incident gives) lets two
    reports that blame different parties in their own voice grade as contested.
    """
    from tollwatch.ledger import reconcile

    inputs = reconcile_inputs(claims)
    independent = {s.report_id for s in sources if s.independent}
    return reconcile.grade(
        inputs.claims,
        perpetrators=perpetrators,
        copies=inputs.copies,
        sources=inputs.sources,
        n_sources=len(independent) or None,
        perpetrators_by_report=perpetrators_by_report,
    )


def by_incident(claims: Sequence[LedgerClaim]) -> Mapping[str | None, list[LedgerClaim]]:
    """Group ledger claims by their ledger incident id (in input order)."""
    out: dict[str | None, list[LedgerClaim]] = {}
    for c in claims:
        out.setdefault(c.incident_id, []).append(c)
    return out
