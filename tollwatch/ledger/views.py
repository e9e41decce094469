"""What the ledger store returns and the exports consume: frozen, keyword-only records.

No database code here (the store builds these from its rows); exports, the CLI and the web
app read them.

A ledger claim IS a :class:`tollwatch.model.Claim` (a subclass: the claim's fields are
defined once, in the model) in the ledger's terms: its ``id``, ``part_of`` and ``update_of``
are global claim ids (unique across the store), ``incident`` is the ledger incident, and
``place`` the situation figure's place (null for an incident's figures: they have their
incident's). It adds the claim's id inside its report (``local_id``), the report it came from
(``report``, a :class:`LedgerSource`) and whether it is its incident's headline.

A ledger incident IS a :class:`tollwatch.model.Incident` whose ``date`` and ``place`` are
merged from its reports (their ``text`` is empty: no one report's words), whose
``estimates`` were made under ``rule``, and which adds the grade, its sources, counts, status
and links.

Both pass straight to :mod:`tollwatch.reconcile`; :func:`reconcile_inputs` adds the
mappings the ledger knows (which report each claim came from, which reports are copies,
when each was published).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tollwatch import model, reconcile
from tollwatch.ledger.ids import short_hash


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def place_label(name: str | None, admin1: str | None, country: str | None) -> str:
    """A place as people read it: "Ariha, Idlib, SY" (the province once where the place is
    the province; what is unknown left out)."""
    parts = [name, admin1 if admin1 != name else None, country]
    return ", ".join(p for p in parts if p)


def estimate_text(est: model.Estimate | None) -> str:
    """An estimate as people read it: "12 (12–15)", best then low–high, or just "12" where
    the three agree; empty where there is no best."""
    if est is None or est.best is None:
        return ""
    if est.low == est.best == est.high:
        return str(est.best)
    low = "" if est.low is None else est.low
    high = "" if est.high is None else est.high
    return f"{est.best} ({low}–{high})"


# The read-only shorthands of the records below, also written flat by their to_dict (the
# shape the CLI's JSON and the web API have always had).
_CLAIM_SHORTHANDS = (
    "report_id",
    "incident_id",
    "quote",
    "evidence_start",
    "evidence_end",
    "report_title",
    "published",
    "outlet",
    "url",
    "copy_of",
    "doc_id",
)
_INCIDENT_SHORTHANDS = (
    "date_start",
    "date_end",
    "date_precision",
    "place_name",
    "admin1",
    "admin2",
    "country",
    "latitude",
    "longitude",
    "where_prec",
)


@dataclass(frozen=True, kw_only=True, slots=True)
class LedgerSource:
    """One report behind an incident or a claim (a copy names the report it copies)."""

    report_id: str
    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    doc_id: str | None = None
    copy_of: str | None = None  # report id this one is a near-duplicate of
    source: str | None = None  # where it was read from: a path, "path:line"

    @property
    def independent(self) -> bool:
        """True when the report is not a copy of another."""
        return self.copy_of is None

    @property
    def label(self) -> str:
        """How people name the report: its title, else its outlet, doc id or file, else id."""
        return self.title or self.outlet or self.doc_id or self.source or self.report_id[:23]

    def to_dict(self) -> dict[str, Any]:
        return {
            "report_id": self.report_id,
            "title": self.title,
            "published": _iso(self.published),
            "outlet": self.outlet,
            "url": self.url,
            "doc_id": self.doc_id,
            "copy_of": self.copy_of,
            "source": self.source,
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class LedgerClaim(model.Claim):
    """One claim as the ledger holds it (global ids; see the module doc) and its report."""

    report: LedgerSource
    local_id: str  # "c3" inside the report
    report_incident_id: str | None = None  # the report's own incident ("i1" stored globally)
    is_headline: bool = False
    # The review desk (tollwatch.ledger.reviewed): the current review, if a person made one.
    review: str | None = None  # accepted | corrected | rejected
    review_id: int | None = None
    reviewed_by: str | None = None
    review_note: str | None = None
    machine: Mapping[str, Any] | None = None  # corrected fields as extraction gave them

    # Read-only shorthands (the data is defined once, above and in model.Claim).
    @property
    def report_id(self) -> str:
        return self.report.report_id

    @property
    def incident_id(self) -> str | None:
        """The ledger incident (``incident``)."""
        return self.incident

    @property
    def quote(self) -> str:
        """The words the claim came from (``evidence.text``)."""
        return self.evidence.text

    @property
    def evidence_start(self) -> int:
        return self.evidence.start

    @property
    def evidence_end(self) -> int:
        return self.evidence.end

    @property
    def report_title(self) -> str | None:
        return self.report.title

    @property
    def published(self) -> date | None:
        return self.report.published

    @property
    def outlet(self) -> str | None:
        return self.report.outlet

    @property
    def url(self) -> str | None:
        return self.report.url

    @property
    def copy_of(self) -> str | None:
        return self.report.copy_of

    @property
    def doc_id(self) -> str | None:
        return self.report.doc_id

    def to_dict(self) -> dict[str, Any]:
        out = model.Claim.to_dict(self)
        out.update(
            local_id=self.local_id,
            report_incident_id=self.report_incident_id,
            is_headline=self.is_headline,
            report=self.report.to_dict(),
            review=self.review,
            review_id=self.review_id,
            reviewed_by=self.reviewed_by,
            review_note=self.review_note,
            machine=dict(self.machine) if self.machine else None,
        )
        out.update({name: _jsonable(getattr(self, name)) for name in _CLAIM_SHORTHANDS})
        return out


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
class LedgerIncident(model.Incident):
    """One incident of the ledger, with its estimates under one named rule."""

    rule: str  # the reconcile rule that made ``estimates``
    grade: str | None = None  # confirmed | fair | weak | contested
    sources: tuple[LedgerSource, ...] = ()
    notes: str | None = None
    report_count: int = 0
    source_count: int = 0  # reports that are not copies
    status: str = "active"
    event_types: tuple[str, ...] = ()  # every sub_event_type its reports gave
    links: tuple[LedgerLink, ...] = ()
    reviewed: bool = False  # a person reviewed it, its claims, or merged / split it
    reviewed_facts: tuple[str, ...] = ()  # place | date | type | perpetrators set by a review
    updated_at: datetime | None = None  # when the ledger last changed it

    @property
    def report_ids(self) -> tuple[str, ...]:
        """Its reports' ids, by publication."""
        return tuple(s.report_id for s in self.sources)

    # Read-only shorthands for the date and place (defined once, in model.Incident).
    @property
    def date_start(self) -> date | None:
        return self.date.start if self.date else None

    @property
    def date_end(self) -> date | None:
        return (self.date.end or self.date.start) if self.date else None

    @property
    def date_precision(self) -> int | None:
        return self.date.precision if self.date else None

    @property
    def place_name(self) -> str | None:
        return (self.place.name or None) if self.place else None

    @property
    def admin1(self) -> str | None:
        return self.place.admin1 if self.place else None

    @property
    def admin2(self) -> str | None:
        return self.place.admin2 if self.place else None

    @property
    def country(self) -> str | None:
        return self.place.country if self.place else None

    @property
    def latitude(self) -> float | None:
        return self.place.lat if self.place else None

    @property
    def longitude(self) -> float | None:
        return self.place.lon if self.place else None

    @property
    def where_prec(self) -> int | None:
        return self.place.precision if self.place else None

    def estimate(self, figure: str) -> model.Estimate | None:
        """The estimate of one figure, or None when no claim gives it."""
        return self.estimates.get(figure)

    def best(self, figure: str) -> int | None:
        """The best figure (None when unknown)."""
        est = self.estimates.get(figure)
        return est.best if est is not None else None

    def to_dict(self) -> dict[str, Any]:
        out = model.Incident.to_dict(self)
        out.update(
            rule=self.rule,
            grade=self.grade,
            sources=[s.to_dict() for s in self.sources],
            notes=self.notes,
            report_count=self.report_count,
            source_count=self.source_count,
            status=self.status,
            event_types=list(self.event_types),
            links=[link.to_dict() for link in self.links],
            reviewed=self.reviewed,
            reviewed_facts=list(self.reviewed_facts),
            updated_at=_iso(self.updated_at),
        )
        out.update({name: _jsonable(getattr(self, name)) for name in _INCIDENT_SHORTHANDS})
        return out


@dataclass(frozen=True, kw_only=True, slots=True)
class ReconcileInputs:
    """What :mod:`tollwatch.reconcile` takes besides the claims (see :func:`reconcile_inputs`)."""

    sources: dict[str, str]  # claim id -> report id
    copies: dict[str, str]  # copy report id -> the report it copies
    order: dict[str, str]  # claim id -> its report's publication date (ISO), when known


def reconcile_inputs(claims: Sequence[LedgerClaim]) -> ReconcileInputs:
    """The mappings reconcile needs for ledger claims: their reports, copies, publication."""
    sources: dict[str, str] = {}
    copies: dict[str, str] = {}
    order: dict[str, str] = {}
    for c in claims:
        sources[c.id] = c.report.report_id
        if c.report.copy_of is not None:
            copies[c.report.report_id] = c.report.copy_of
        if c.report.published is not None:
            order[c.id] = c.report.published.isoformat()
    return ReconcileInputs(sources=sources, copies=copies, order=order)


def counted(claims: Sequence[LedgerClaim]) -> list[LedgerClaim]:
    """The claims estimates and grades count: a claim a reviewer rejected is kept and shown,
    but not counted."""
    return [c for c in claims if c.review != "rejected"]


def incident_estimates(
    claims: Sequence[LedgerClaim], *, rule: str = "ucdp"
) -> dict[str, model.Estimate]:
    """Estimates per figure of one ledger incident's claims under ``rule``."""
    claims = counted(claims)
    inputs = reconcile_inputs(claims)
    return reconcile.estimates(
        claims, rule=rule, copies=inputs.copies, sources=inputs.sources, order=inputs.order
    )


def incident_grade(
    claims: Sequence[LedgerClaim],
    *,
    perpetrators: Sequence[model.Perpetrator] = (),
    sources: Sequence[LedgerSource] = (),
    perpetrators_by_report: Mapping[str, Sequence[model.Perpetrator]] | None = None,
) -> str:
    """The Airwars-style grade of one ledger incident (see :func:`reconcile.grade`).

    ``perpetrators_by_report`` (report id -> the perpetrators its incident gives) lets two
    reports that blame different parties in their own voice grade as contested.
    """
    claims = counted(claims)
    inputs = reconcile_inputs(claims)
    independent = {s.report_id for s in sources if s.independent}
    return reconcile.grade(
        claims,
        perpetrators=perpetrators,
        copies=inputs.copies,
        sources=inputs.sources,
        order=inputs.order,
        n_sources=len(independent) or None,
        perpetrators_by_report=perpetrators_by_report,
    )


def by_incident(claims: Sequence[LedgerClaim]) -> Mapping[str | None, list[LedgerClaim]]:
    """Group ledger claims by their ledger incident id (in input order)."""
    out: dict[str | None, list[LedgerClaim]] = {}
    for c in claims:
        out.setdefault(c.incident, []).append(c)
    return out


# Figures about a situation rather than one incident, and the ones of them that are
# displacement (IDMC's event data counts these).
SITUATION_FIGURES: tuple[str, ...] = ("displaced", "evacuated", "returned", "at_risk", "affected")
DISPLACEMENT_FIGURES: tuple[str, ...] = ("displaced", "evacuated", "returned")


@dataclass(frozen=True, kw_only=True, slots=True)
class LedgerSituation:
    """A figure about a situation, not one incident ("3,000 families have left the eastern
    districts of Taiz"): one figure, in one unit, at one place, as one report and its copies
    give it, estimated under ``rule`` from the claims of its voices."""

    id: str  # "sit-" + a hash of the original report, figure, unit and place
    figure: str
    unit: str  # people | households
    rule: str
    estimate: model.Estimate
    place: model.PlaceRef | None = None
    published: date | None = None  # its report's publication (the date it is known by)
    claims: tuple[LedgerClaim, ...] = ()
    sources: tuple[LedgerSource, ...] = ()

    @property
    def report_id(self) -> str:
        """The original report (a copy's claims join its original's situation)."""
        return self.sources[0].report_id if self.sources else ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": "situation",
            "figure": self.figure,
            "unit": self.unit,
            "rule": self.rule,
            "estimate": self.estimate.to_dict(),
            "place": self.place.to_dict() if self.place else None,
            "published": _iso(self.published),
            "claims": [c.id for c in self.claims],
            "sources": [s.to_dict() for s in self.sources],
        }


def _place_key(place: model.PlaceRef | None) -> str:
    if place is None:
        return ""
    return place.gazetteer_id or f"{place.name}|{place.admin1 or ''}|{place.country or ''}"


def situations(
    claims: Sequence[LedgerClaim],
    *,
    rule: str = reconcile.DEFAULT_RULE,
    figures: Sequence[str] = SITUATION_FIGURES,
) -> list[LedgerSituation]:
    """The situations of the claims that have no incident (figures in ``figures``), newest
    first: claims of one report (a copy's join its original's), figure, unit and place make
    one situation, estimated as an incident's figures are (voices, updates, copies)."""
    reconcile.check_rule(rule)
    groups: dict[tuple[str, str, str, str], list[LedgerClaim]] = {}
    for c in counted(claims):
        if c.incident is not None or c.figure not in figures:
            continue
        home = c.report.copy_of or c.report.report_id
        groups.setdefault((home, c.figure, c.unit, _place_key(c.place)), []).append(c)
    out: list[LedgerSituation] = []
    for (home, figure, unit, where), members in groups.items():
        inputs = reconcile_inputs(members)
        est = reconcile.estimate(
            members, rule=rule, copies=inputs.copies, sources=inputs.sources, order=inputs.order
        )
        reports: dict[str, LedgerSource] = {}
        for c in sorted(members, key=lambda c: (c.report.copy_of is not None, c.report_id)):
            reports.setdefault(c.report_id, c.report)
        first = next((c for c in members if c.place is not None), members[0])
        dates = [s.published for s in reports.values() if s.published is not None]
        out.append(
            LedgerSituation(
                id=short_hash(home, figure, unit, where, prefix="sit-"),
                figure=figure,
                unit=unit,
                rule=rule,
                estimate=est,
                place=first.place,
                published=min(dates) if dates else None,
                claims=tuple(members),
                sources=tuple(reports.values()),
            )
        )
    out.sort(key=lambda s: (s.published or date.min, s.id), reverse=True)
    return out
