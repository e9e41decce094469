"""Browsing the ledger a page at a time: filtered incidents, one incident whole, a report's text.

What the review desk (and any other reader) shows, as frozen records: an
:class:`IncidentFilter` (every filter of the incidents list, shared with the map and the
timeline), a page of incidents with the total, an incident with its claims, its estimates
under every rule, its decisions and reviews, and a report's text cut into plain and
highlighted pieces at its claims' evidence.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import Connection, Select, and_, func, or_, select

from tollwatch import model
from tollwatch.errors import ConfigError, InputError, NotFoundError
from tollwatch.ledger import decisions, review, views
from tollwatch.ledger import schema as s
from tollwatch.ledger.linking import norm_place
from tollwatch.ledger.query import DEFAULT_RULE, _build, claims_for, get_incident, report_claims
from tollwatch.reconcile import GRADES, RULES, check_rule

MAX_PER_PAGE = 500


@dataclass(frozen=True, kw_only=True, slots=True)
class IncidentFilter:
    """Which incidents to show: every option is optional, all given ones must hold."""

    since: date | None = None
    until: date | None = None
    country: str | None = None
    admin1: str | None = None
    type: str | None = None  # ACLED event type or sub-event type
    grade: str | None = None
    reviewed: bool | None = None
    status: str | None = "active"

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise InputError(
                f"since {self.since.isoformat()} is after until {self.until.isoformat()}"
            )
        if self.grade is not None and self.grade not in GRADES:
            raise InputError(f"grade must be one of {', '.join(GRADES)}, not {self.grade!r}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "country": self.country,
            "admin1": self.admin1,
            "type": self.type,
            "grade": self.grade,
            "reviewed": self.reviewed,
        }


def conditions(f: IncidentFilter) -> list[Any]:
    """The SQL conditions on ``incidents`` of a filter."""
    i = s.incidents
    conds: list[Any] = []
    if f.status is not None:
        conds.append(i.c.status == f.status)
    if f.since is not None:
        conds.append(
            or_(i.c.date_end >= f.since, and_(i.c.date_end.is_(None), i.c.date_start >= f.since))
        )
    if f.until is not None:
        conds.append(i.c.date_start <= f.until)
    if f.country:
        conds.append(i.c.country == f.country.upper())
    if f.admin1:
        # admin1 in linking's compare form (case, accents, "Governorate" and "al-" aside),
        # which the list's index holds
        conds.append(i.c.admin1_key == norm_place(f.admin1))
    if f.type:
        conds.append(_type_condition(f.type))
    if f.grade:
        conds.append(i.c.grade == f.grade)
    if f.reviewed is not None:
        conds.append(i.c.reviewed == f.reviewed)
    return conds


_EVENT_TYPES = {t.casefold(): t for t in model.ACLED_EVENT_TYPES}
_SUB_EVENT_TYPES = {t.casefold(): t for t in model.SUB_EVENT_TO_EVENT}


def _type_condition(name: str) -> Any:
    """An ACLED event or sub-event type, in any case: equality on the stored spelling (which
    the list's index answers without a function call a row), else a case-blind comparison."""
    i = s.incidents
    key = name.strip().casefold()
    if key in _EVENT_TYPES:
        return i.c.event_type == _EVENT_TYPES[key]
    if key in _SUB_EVENT_TYPES:
        return i.c.sub_event_type == _SUB_EVENT_TYPES[key]
    return or_(func.lower(i.c.event_type) == key, func.lower(i.c.sub_event_type) == key)


def filtered(query: Select[Any], f: IncidentFilter) -> Select[Any]:
    """``query`` (over ``incidents``) restricted to the filter."""
    conds = conditions(f)
    return query.where(and_(*conds)) if conds else query


@dataclass(frozen=True, kw_only=True, slots=True)
class Page:
    """One page of a longer list."""

    items: tuple[Any, ...]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": [x.to_dict() for x in self.items],
            "page": self.page,
            "per_page": self.per_page,
            "total": self.total,
            "pages": self.pages,
        }


def check_page(page: int, per_page: int) -> tuple[int, int]:
    """Validate a page number (from 1) and a page size (1 to MAX_PER_PAGE)."""
    if page < 1:
        raise InputError(f"page must be 1 or more, not {page}")
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise InputError(f"per_page must be between 1 and {MAX_PER_PAGE}, not {per_page}")
    return page, per_page


# Counting the matches of a filter reads up to every incident's index entry; a desk asks for
# the same filters again and again (page after page), so counts are kept while the ledger's
# incidents are unchanged: the newest ``updated_at`` (indexed) says so, which every change to
# an incident sets, and a short lifetime bounds what a wrong clock could hide.
COUNT_TTL_S = 30.0
_COUNT_CACHE_SIZE = 256
_count_cache: OrderedDict[tuple[Any, ...], tuple[float, tuple[int, int]]] = OrderedDict()
_count_lock = threading.Lock()


def ledger_version(conn: Connection) -> Any:
    """When any incident last changed (cheap: the maximum of an index)."""
    return conn.execute(select(func.max(s.incidents.c.updated_at))).scalar()


def _counts(conn: Connection, f: IncidentFilter) -> tuple[int, int]:
    """(incidents the filter matches, of those undated), cached per ledger version."""
    key = (conn.engine.url.render_as_string(hide_password=True), f, ledger_version(conn))
    now = time.monotonic()
    with _count_lock:
        hit = _count_cache.get(key)
        if hit is not None and now - hit[0] < COUNT_TTL_S:
            _count_cache.move_to_end(key)
            return hit[1]
    total = conn.execute(count_select(f)).scalar_one()
    # Undated incidents are few: counting them is a short range of the (status, date) index.
    undated = conn.execute(count_select(f, undated=True)).scalar_one()
    with _count_lock:
        _count_cache[key] = (now, (total, undated))
        while len(_count_cache) > _COUNT_CACHE_SIZE:
            _count_cache.popitem(last=False)
    return total, undated


def count_select(f: IncidentFilter, *, undated: bool = False) -> Select[Any]:
    """The count of the incidents ``f`` matches (``undated``: of those without a date).

    Answered from one index on either store: (status, date) for no filter or dates, one that
    leads with the filter's column for a type, a grade or the reviewed flag (migration 0010).
    """
    i = s.incidents
    if f.reviewed is False:
        # Most incidents are not reviewed: counting them reads most of an index (PostgreSQL
        # reads the table); all matches less the reviewed ones are two short counts, taken in
        # one statement (one snapshot). The flag is never null.
        every = count_select(replace(f, reviewed=None), undated=undated).scalar_subquery()
        done = count_select(replace(f, reviewed=True), undated=undated).scalar_subquery()
        return select(every - done)
    query = select(func.count()).select_from(i)
    return filtered(query.where(i.c.date_start.is_(None)) if undated else query, f)


def ids_select(f: IncidentFilter, *, undated: bool = False) -> Select[Any]:
    """The ids of the incidents ``f`` matches, dated newest first (``undated``: the undated)."""
    i = s.incidents
    if undated:
        return filtered(select(i.c.id).where(i.c.date_start.is_(None)), f).order_by(i.c.id.desc())
    return filtered(select(i.c.id).where(i.c.date_start.is_not(None)), f).order_by(
        i.c.date_start.desc(), i.c.id.desc()
    )


def page_incidents(
    conn: Connection,
    *,
    filter: IncidentFilter | None = None,  # noqa: A002 - the name the desk's URLs use
    rule: str = DEFAULT_RULE,
    page: int = 1,
    per_page: int = 50,
) -> Page:
    """One page of incidents, newest first (undated last), with the number that match."""
    rule = check_rule(rule)
    page, per_page = check_page(page, per_page)
    f = filter or IncidentFilter()
    i = s.incidents
    total, undated = _counts(conn, f)
    # Newest first; an incident without a date comes after every dated one. Dated and undated
    # are two ordered selects of ids, each answered from the (status, date_start, id, …) index
    # (migration 0009) without reading incident rows; only the page's rows are read whole.
    # Undated incidents are few: counting them is a short range of that index.
    offset = (page - 1) * per_page
    dated = total - undated
    ids: list[str] = []
    if offset < dated:
        ids += conn.execute(ids_select(f).limit(per_page).offset(offset)).scalars()
    if len(ids) < per_page and undated:
        ids += conn.execute(
            ids_select(f, undated=True).limit(per_page - len(ids)).offset(max(0, offset - dated))
        ).scalars()
    found = {row["id"]: row for row in conn.execute(select(i).where(i.c.id.in_(ids))).mappings()}
    rows = [found[x] for x in ids if x in found]
    return Page(
        items=tuple(_build(conn, rows, rule, links=False)),
        page=page,
        per_page=per_page,
        total=total,
    )


@dataclass(frozen=True, kw_only=True, slots=True)
class IncidentDetail:
    """One incident whole: under every rule, with its claims, decisions and reviews."""

    incident: views.LedgerIncident
    by_rule: dict[str, dict[str, Any]]  # rule -> {figure: estimate}
    claims: tuple[views.LedgerClaim, ...]
    decisions: tuple[decisions.Decision, ...]
    reviews: tuple[review.Review, ...]
    merged_into: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = self.incident.to_dict()
        data["estimates_by_rule"] = {
            rule: {fig: est.to_dict() for fig, est in ests.items()}
            for rule, ests in self.by_rule.items()
        }
        data["claims"] = [c.to_dict() for c in self.claims]
        data["decisions"] = [d.to_dict() for d in self.decisions]
        data["reviews"] = [r.to_dict() for r in self.reviews]
        data["merged_into"] = self.merged_into
        return data


def incident_detail(
    conn: Connection, incident_id: str, *, rule: str = DEFAULT_RULE
) -> IncidentDetail:
    """An incident by id, with what the desk shows of it. Raises NotFoundError."""
    inc = get_incident(conn, incident_id, rule=check_rule(rule))
    by_rule = {
        r: (
            inc.estimates
            if r == rule
            else get_incident(conn, inc.id, rule=r, links=False).estimates
        )
        for r in RULES
    }
    claims = claims_for(conn, [inc.id])
    steps = decisions.history(conn, inc.id)
    merged_into = None
    if inc.status == "merged":
        merges = [d for d in steps if d.kind == "merge" and d.other_incident_id == inc.id]
        merged_into = merges[-1].incident_id if merges else None
    reviews = review.history(conn, claim_ids=[c.id for c in claims], incident_ids=[inc.id])
    return IncidentDetail(
        incident=inc,
        by_rule=by_rule,
        claims=tuple(claims),
        decisions=tuple(steps),
        reviews=tuple(reviews),
        merged_into=merged_into,
    )


@dataclass(frozen=True, kw_only=True, slots=True)
class Piece:
    """A stretch of a report's text: plain, or the evidence of some claims."""

    start: int
    end: int
    text: str
    claims: tuple[str, ...] = ()  # ids of the claims whose evidence covers it

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "claims": list(self.claims),
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class ReportView:
    """A report's text cut at its claims' evidence, with the claims."""

    report: dict[str, Any]
    pieces: tuple[Piece, ...]
    claims: tuple[views.LedgerClaim, ...]
    incidents: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "report": self.report,
            "pieces": [p.to_dict() for p in self.pieces],
            "claims": [c.to_dict() for c in self.claims],
            "incidents": list(self.incidents),
        }


def cut(text: str, spans: Sequence[tuple[int, int, str]]) -> list[Piece]:
    """``text`` cut into pieces at every span boundary; each piece names the spans over it.

    Spans outside the text are clipped to it; empty and inverted ones are ignored.
    """
    bounds = {0, len(text)}
    clean: list[tuple[int, int, str]] = []
    for start, end, name in spans:
        start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
        if end > start:
            clean.append((start, end, name))
            bounds |= {start, end}
    cuts = sorted(bounds)
    pieces = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        over = tuple(name for start, end, name in clean if start <= a and b <= end)
        pieces.append(Piece(start=a, end=b, text=text[a:b], claims=over))
    return pieces


def report_view(conn: Connection, report_id: str) -> ReportView:
    """A report with its claims' evidence marked. Raises NotFoundError."""
    r = s.reports
    row = conn.execute(select(r).where(r.c.id == report_id)).mappings().first()
    if row is None:
        rows = list(conn.execute(select(r).where(r.c.doc_id == report_id).limit(2)).mappings())
        if len(rows) != 1:
            raise NotFoundError(f"no report {report_id!r} in the ledger")
        row = rows[0]
    claims = report_claims(conn, row["id"])
    pieces = cut(
        row["text"],
        [(c.evidence_start or 0, c.evidence_end or 0, c.id) for c in claims],
    )
    report = {
        "id": row["id"],
        "doc_id": row["doc_id"],
        "title": row["title"],
        "published": row["published"].isoformat() if row["published"] else None,
        "outlet": row["outlet"],
        "url": row["url"],
        "status": row["status"],
        "discard_reason": row["discard_reason"],
        "copy_of": row["copy_of"],
        "text": row["text"],
    }
    incidents = tuple(dict.fromkeys(c.incident_id for c in claims if c.incident_id))
    return ReportView(
        report=report, pieces=tuple(pieces), claims=tuple(claims), incidents=incidents
    )


def parse_filter(
    *,
    since: str | None = None,
    until: str | None = None,
    country: str | None = None,
    admin1: str | None = None,
    type: str | None = None,  # noqa: A002
    grade: str | None = None,
    reviewed: str | None = None,
) -> IncidentFilter:
    """A filter from the text of a URL's query (empty values mean "any")."""

    def day(value: str | None, what: str) -> date | None:
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise InputError(f"{what} must be a date as YYYY-MM-DD, not {value!r}") from None

    flag: bool | None
    if reviewed in (None, "", "any"):
        flag = None
    elif reviewed in ("yes", "true", "1"):
        flag = True
    elif reviewed in ("no", "false", "0"):
        flag = False
    else:
        raise InputError(f"reviewed must be yes or no, not {reviewed!r}")
    if country and (len(country) != 2 or not country.isalpha()):
        raise InputError(f"country must be an ISO 3166-1 alpha-2 code, not {country!r}")
    try:
        return IncidentFilter(
            since=day(since, "since"),
            until=day(until, "until"),
            country=country or None,
            admin1=admin1 or None,
            type=type or None,
            grade=grade or None,
            reviewed=flag,
        )
    except ConfigError as exc:
        raise InputError(exc.message) from None
