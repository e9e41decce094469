"""Reading the ledger back: incidents, their claims, sources and links, as view records.

Functions take an open SQLAlchemy ``Connection`` (``with store.read() as conn``) and return
the frozen records of :mod:`tollwatch.ledger.views`, which the CLI, the exports and the web
app consume. Estimates are read from the ``estimates`` table (computed at ingest, per rule).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, and_, bindparam, func, or_, select

from tollwatch import model
from tollwatch.errors import ConfigError, NotFoundError
from tollwatch.ledger import reviewed, views
from tollwatch.ledger import schema as s
from tollwatch.reconcile import DEFAULT_RULE, RULES, check_rule, natural_key


def _perpetrators(rows: Iterable[Any]) -> tuple[model.Perpetrator, ...]:
    """The distinct perpetrators of several report incidents, in first-seen order."""
    seen: dict[tuple[str, str | None, str | None], model.Perpetrator] = {}
    for value in rows:
        for p in value or ():
            if not isinstance(p, dict) or not p.get("actor"):
                continue
            key = (p["actor"], p.get("actor_kind"), p.get("alleged_by"))
            if key not in seen:
                seen[key] = model.Perpetrator(
                    actor=p["actor"], actor_kind=p.get("actor_kind"), alleged_by=p.get("alleged_by")
                )
    return tuple(seen.values())


def _claim_query(incident_of: Any) -> Any:
    """Claims with their report, the report incident ``incident_of`` names (a column of the
    claim or of its review head ``h``), and the global ids of what they point at."""
    c, ri, r, h = s.claims, s.report_incidents, s.reports, s.claim_review_heads
    part, upd = s.claims.alias("part"), s.claims.alias("upd")
    return (
        select(
            c,
            ri.c.incident_id,
            r.c.title,
            r.c.published,
            r.c.outlet,
            r.c.url,
            r.c.copy_of,
            r.c.doc_id,
            r.c.source,
            part.c.id.label("part_gid"),
            upd.c.id.label("update_gid"),
        )
        .select_from(c)
        .outerjoin(h, h.c.claim_id == c.c.id)
        .outerjoin(ri, ri.c.id == incident_of)
        .join(r, r.c.id == c.c.report_id)
        .outerjoin(part, and_(part.c.report_id == c.c.report_id, part.c.local_id == c.c.part_of))
        .outerjoin(upd, and_(upd.c.report_id == c.c.report_id, upd.c.local_id == c.c.update_of))
    )


def claims_for(conn: Connection, incident_ids: Sequence[str]) -> list[views.LedgerClaim]:
    """Every claim now told of ``incident_ids``, with people's reviews laid over it, by
    publication, report and position in the report.

    A claim belongs to the incident its report incident is linked to, unless a reviewer
    moved it: then it follows the report incident the review names (see
    :mod:`tollwatch.ledger.reviewed`).
    """
    if not incident_ids:
        return []
    params = {"incident_ids": list(incident_ids)}
    rows = [
        row for query in _claims_for_queries() for row in conn.execute(query, params).mappings()
    ]
    return _sorted(reviewed.with_reviews(conn, [_ledger_claim(row) for row in rows]))


@lru_cache(maxsize=1)
def _claims_for_queries() -> tuple[Any, Any]:
    """:func:`claims_for`'s two selects, built once: building one costs more than running it
    (every store refreshes incidents with them), so the incident ids are a bound parameter."""
    c, ri, h = s.claims, s.report_incidents, s.claim_review_heads
    wanted = ri.c.incident_id.in_(bindparam("incident_ids", expanding=True))
    own = _claim_query(c.c.report_incident_id).where(wanted, h.c.report_incident_id.is_(None))
    moved = _claim_query(h.c.report_incident_id).where(wanted, h.c.report_incident_id.isnot(None))
    return own, moved


def ledger_claims(rows: Iterable[Any]) -> list[views.LedgerClaim]:
    """Claim rows with :func:`claims_for`'s columns as its claims, in its order, when none has
    a review (a caller that knows so: claims stored in the same transaction)."""
    return _sorted([_ledger_claim(row) for row in rows])


def report_claims(conn: Connection, report_id: str) -> list[views.LedgerClaim]:
    """Every claim of one report, in the report's order, with people's reviews laid over it."""
    c, h = s.claims, s.claim_review_heads
    query = _claim_query(func.coalesce(h.c.report_incident_id, c.c.report_incident_id))
    rows = conn.execute(query.where(c.c.report_id == report_id)).mappings()
    claims = reviewed.with_reviews(conn, [_ledger_claim(row) for row in rows])
    return sorted(claims, key=lambda x: natural_key(x.local_id))


def situation_claims(
    conn: Connection,
    *,
    since: date | None = None,
    until: date | None = None,
    country: str | Sequence[str] | None = None,
    admin1: str | Sequence[str] | None = None,
    figures: Sequence[str] = views.SITUATION_FIGURES,
) -> list[views.LedgerClaim]:
    """The claims about a situation, not one incident (no report incident, none a reviewer
    gave them), of ``figures``: their report published in [``since``, ``until``], their
    place in ``country`` (alpha-2 codes) and ``admin1`` (names, any case), with reviews laid
    over them."""
    c, r, h = s.claims, s.reports, s.claim_review_heads
    conds = [
        c.c.report_incident_id.is_(None),
        h.c.report_incident_id.is_(None),
        c.c.figure.in_(list(figures)),
        r.c.status == "ok",
    ]
    if since is not None:
        conds.append(r.c.published >= since)
    if until is not None:
        conds.append(r.c.published <= until)
    if country is not None:
        codes = [country] if isinstance(country, str) else list(country)
        conds.append(c.c.country.in_([code.upper() for code in codes]))
    if admin1 is not None:
        names = [admin1] if isinstance(admin1, str) else list(admin1)
        conds.append(func.lower(c.c.admin1).in_([n.lower() for n in names]))
    query = _claim_query(c.c.report_incident_id).where(and_(*conds))
    rows = conn.execute(query).mappings()
    return _sorted(reviewed.with_reviews(conn, [_ledger_claim(row) for row in rows]))


def list_situations(
    conn: Connection,
    *,
    rule: str = DEFAULT_RULE,
    figures: Sequence[str] = views.SITUATION_FIGURES,
    **filters: Any,
) -> list[views.LedgerSituation]:
    """The ledger's situations (see :func:`tollwatch.ledger.views.situations`), newest
    first; ``filters`` as :func:`situation_claims` takes them."""
    rule = check_rule(rule)
    claims = situation_claims(conn, figures=figures, **filters)
    return views.situations(claims, rule=rule, figures=figures)


def get_situation(
    conn: Connection, situation_id: str, *, rule: str = DEFAULT_RULE
) -> views.LedgerSituation:
    """One situation by id or a unique prefix of it (4 characters at least). Raises
    NotFoundError."""
    found = [
        x
        for x in list_situations(conn, rule=rule)
        if x.id == situation_id or (len(situation_id) >= 4 and x.id.startswith(situation_id))
    ]
    exact = [x for x in found if x.id == situation_id]
    if exact or len(found) == 1:
        return (exact or found)[0]
    if found:
        raise NotFoundError(f"situation id prefix {situation_id!r} is ambiguous")
    raise NotFoundError(f"no situation {situation_id!r} in the ledger")


def _sorted(claims: list[views.LedgerClaim]) -> list[views.LedgerClaim]:
    claims.sort(
        key=lambda x: (x.report.published or date.min, x.report_id, natural_key(x.local_id))
    )
    return claims


def _place(row: Any, name: str = "place_name") -> model.PlaceRef | None:
    if not row.get(name):
        return None
    return model.PlaceRef(
        name=row[name],
        text=row.get("place_text") or row[name],
        admin1=row["admin1"],
        admin2=row["admin2"],
        country=row["country"],
        lat=row["latitude"],
        lon=row["longitude"],
        precision=row["place_precision"],
        gazetteer_id=row["gazetteer_id"],
    )


def _date(row: Any) -> model.DateRef | None:
    if row["date_start"] is None and row["date_end"] is None:
        return None
    return model.DateRef(
        start=row["date_start"],
        end=row["date_end"] or row["date_start"],
        precision=row["date_precision"],
        text="",  # merged from its reports: no one report's words
    )


def _ledger_claim(row: Any) -> views.LedgerClaim:
    start, end, text = row["evidence_start"], row["evidence_end"], row["evidence_text"]
    return views.LedgerClaim(
        id=row["id"],
        figure=row["figure"],
        value=row["value"],
        low=row["low"],
        high=row["high"],
        qualifier=row["qualifier"],
        count_text=row["count_text"],
        victims=tuple(row["victims"] or ()),
        unit=row["unit"],
        # A reference the store cannot resolve stays a reference to no claim of the ledger.
        part_of=row["part_gid"] or _dangling(row, "part_of"),
        update_of=row["update_gid"] or _dangling(row, "update_of"),
        claimant=row["claimant"],
        claimant_kind=row["claimant_kind"],
        incident=row["incident_id"],
        evidence=model.Span(start=start, end=end, text=text),
        place=_place(row),
        report=_source(row, row["report_id"]),
        local_id=row["local_id"],
        report_incident_id=row["report_incident_id"],
        is_headline=bool(row["is_headline"]),
    )


def _source(row: Any, report_id: str) -> views.LedgerSource:
    return views.LedgerSource(
        report_id=report_id,
        title=row["title"],
        published=row["published"],
        outlet=row["outlet"],
        url=row["url"],
        doc_id=row["doc_id"],
        copy_of=row["copy_of"],
        source=row["source"],
    )


def _dangling(row: Any, column: str) -> str | None:
    local = row[column]
    return None if local is None else f"{row['report_id']}:{local}"


def _estimates_for(
    conn: Connection, incident_ids: Sequence[str], rule: str
) -> dict[str, dict[str, model.Estimate]]:
    out: dict[str, dict[str, model.Estimate]] = defaultdict(dict)
    if not incident_ids:
        return out
    e = s.estimates
    rows = conn.execute(
        select(e).where(e.c.incident_id.in_(list(incident_ids)), e.c.rule == rule)
    ).mappings()
    for row in rows:
        if row["best"] is None and row["low"] is None and row["high"] is None:
            continue  # a figure the incident no longer has (after a split)
        out[row["incident_id"]][row["figure"]] = model.Estimate(
            low=row["low"],
            best=row["best"],
            high=row["high"],
            rule=row["rule"],
            claims=tuple(row["claims"] or ()),
        )
    order = {f: i for i, f in enumerate(model.FIGURES)}
    return {k: dict(sorted(v.items(), key=lambda kv: order.get(kv[0], 99))) for k, v in out.items()}


def _sources_for(
    conn: Connection, incident_ids: Sequence[str]
) -> tuple[dict[str, list[views.LedgerSource]], dict[str, list[Any]]]:
    ri, r = s.report_incidents, s.reports
    sources: dict[str, dict[str, views.LedgerSource]] = defaultdict(dict)
    perps: dict[str, list[Any]] = defaultdict(list)
    if not incident_ids:
        return {}, {}
    rows = conn.execute(
        select(
            ri.c.incident_id,
            ri.c.perpetrators,
            r.c.id,
            r.c.title,
            r.c.published,
            r.c.outlet,
            r.c.url,
            r.c.doc_id,
            r.c.copy_of,
            r.c.source,
        )
        .join(r, r.c.id == ri.c.report_id)
        .where(ri.c.incident_id.in_(list(incident_ids)))
        .order_by(r.c.published, r.c.id, ri.c.local_id)
    ).mappings()
    for row in rows:
        perps[row["incident_id"]].append(row["perpetrators"])
        sources[row["incident_id"]].setdefault(row["id"], _source(row, row["id"]))
    return {k: list(v.values()) for k, v in sources.items()}, perps


def _links_for(conn: Connection, incident_ids: Sequence[str]) -> dict[str, list[views.LedgerLink]]:
    out: dict[str, list[views.LedgerLink]] = defaultdict(list)
    if not incident_ids:
        return out
    link = s.incident_links
    rows = conn.execute(
        select(link).where(link.c.incident_id.in_(list(incident_ids))).order_by(link.c.id)
    ).mappings()
    for row in rows:
        out[row["incident_id"]].append(
            views.LedgerLink(
                report_incident_id=row["report_incident_id"],
                incident_id=row["incident_id"],
                score=row["score"],
                reason=row["reason"],
                decided_by=row["decided_by"],
                created_at=row["created_at"],
            )
        )
    return out


def _build(
    conn: Connection, rows: Sequence[Any], rule: str, *, links: bool
) -> list[views.LedgerIncident]:
    ids = [row["id"] for row in rows]
    estimates = _estimates_for(conn, ids, rule)
    sources, perps = _sources_for(conn, ids)
    link_map = _links_for(conn, ids) if links else {}
    overlays = reviewed.incident_overlays(conn, ids)
    marked = reviewed.reviewed_incidents(conn, ids)
    out = []
    for row in rows:
        srcs = sources.get(row["id"], [])
        out.append(
            views.LedgerIncident(
                id=row["id"],
                rule=rule,
                event_type=row["event_type"],
                sub_event_type=row["sub_event_type"],
                date=_date(row),
                place=_place(row),
                perpetrators=_perpetrators(perps.get(row["id"], ())),
                estimates=estimates.get(row["id"], {}),
                grade=row["grade"],
                sources=tuple(srcs),
                report_count=row["report_count"],
                source_count=row["source_count"],
                status=row["status"],
                event_types=tuple(row["event_types"] or ()),
                links=tuple(link_map.get(row["id"], ())),
                updated_at=row["updated_at"],
            )
        )
    return [
        reviewed.overlay_incident(inc, overlays.get(inc.id), reviewed=inc.id in marked)
        for inc in out
    ]


def list_incidents(
    conn: Connection,
    *,
    since: date | None = None,
    until: date | None = None,
    country: str | Sequence[str] | None = None,
    admin1: str | Sequence[str] | None = None,
    type: str | None = None,  # noqa: A002 - the CLI option's name
    rule: str = DEFAULT_RULE,
    status: str | None = "active",
    limit: int | None = None,
) -> list[views.LedgerIncident]:
    """The ledger's incidents, newest first, filtered.

    ``since`` / ``until`` keep incidents whose date range meets the interval (undated ones
    are left out when either is given); ``country`` is an ISO 3166-1 alpha-2 code or a list
    of them (any matches); ``admin1`` a name or a list of names, compared case-insensitively
    (:mod:`tollwatch.extract.areas` turns what a user typed into these); ``type`` matches the ACLED event type or
    sub-event type (case-insensitively). ``rule`` chooses which stored estimates to show.
    ``status=None`` lists merged-away and emptied incidents too.
    """
    rule = check_rule(rule)
    if since and until and since > until:
        raise ConfigError(f"--since {since.isoformat()} is after --until {until.isoformat()}")
    i = s.incidents
    query = select(i)
    conds = []
    if status is not None:
        conds.append(i.c.status == status)
    if since is not None:
        conds.append(
            or_(i.c.date_end >= since, and_(i.c.date_end.is_(None), i.c.date_start >= since))
        )
    if until is not None:
        conds.append(i.c.date_start <= until)
    if country is not None:
        codes = [country] if isinstance(country, str) else list(country)
        conds.append(i.c.country.in_([c.upper() for c in codes]))
    if admin1 is not None:
        names = [admin1] if isinstance(admin1, str) else list(admin1)
        conds.append(func.lower(i.c.admin1).in_([n.lower() for n in names]))
    if type:
        conds.append(
            or_(
                func.lower(i.c.event_type) == type.lower(),
                func.lower(i.c.sub_event_type) == type.lower(),
            )
        )
    if conds:
        query = query.where(and_(*conds))
    query = query.order_by(i.c.date_start.desc().nulls_last(), i.c.id)
    if limit is not None:
        query = query.limit(limit)
    rows = list(conn.execute(query).mappings())
    return _build(conn, rows, rule, links=False)


@dataclass(frozen=True, kw_only=True)
class Facets:
    """What a ledger's incidents hold, to tell a user whose filter matched nothing."""

    incidents: int
    countries: dict[str, int]  # ISO2 (or "") -> incidents
    admin1: dict[str, int]  # "SY: Idlib" -> incidents
    types: dict[str, int]
    first: date | None
    last: date | None


def incident_facets(conn: Connection, *, status: str | None = "active") -> Facets:
    """Counts of the incidents by country, admin1 and type, and their date range."""
    i = s.incidents
    query = select(i.c.country, i.c.admin1, i.c.sub_event_type, i.c.date_start, i.c.date_end)
    if status is not None:
        query = query.where(i.c.status == status)
    rows = conn.execute(query).all()
    countries: Counter[str] = Counter()
    admin1: Counter[str] = Counter()
    types: Counter[str] = Counter()
    days: list[date] = []
    for country, a1, sub, start, end in rows:
        countries[country or ""] += 1
        if a1:
            admin1[f"{country or '?'}: {a1}"] += 1
        if sub:
            types[sub] += 1
        days += [d for d in (start, end) if d is not None]
    return Facets(
        incidents=len(rows),
        countries=dict(sorted(countries.items())),
        admin1=dict(sorted(admin1.items())),
        types=dict(sorted(types.items())),
        first=min(days, default=None),
        last=max(days, default=None),
    )


def admin1_names(conn: Connection) -> list[str]:
    """The distinct admin1 names of the ledger's incidents."""
    i = s.incidents
    return sorted(
        conn.execute(select(i.c.admin1).where(i.c.admin1.is_not(None)).distinct()).scalars()
    )


def shown_id(value: str, width: int = 40) -> str:
    """An id as an error message quotes it: cut when a user typed something huge."""
    return repr(value if len(value) <= width else value[: width - 1] + "…")


def resolve_incident_id(conn: Connection, given: str) -> str:
    """The id of the incident ``given`` names: its id, or a unique prefix of it (4 characters
    at least; ``_`` and ``%`` are characters, not wildcards). Raises NotFoundError."""
    i = s.incidents
    longest = i.c.id.type.length or 80
    if given and len(given) <= longest:
        if conn.execute(select(i.c.id).where(i.c.id == given)).first() is not None:
            return given
        if len(given) >= 4:
            found = (
                conn.execute(
                    select(i.c.id).where(i.c.id.startswith(given, autoescape=True)).limit(2)
                )
                .scalars()
                .all()
            )
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                raise NotFoundError(f"incident id prefix {shown_id(given)} is ambiguous")
    raise NotFoundError(f"no incident {shown_id(given)} in the ledger")


def get_incident(
    conn: Connection, incident_id: str, *, rule: str = DEFAULT_RULE, links: bool = True
) -> views.LedgerIncident:
    """One incident by id (or by a unique prefix of it). Raises NotFoundError."""
    rule = check_rule(rule)
    i = s.incidents
    found = resolve_incident_id(conn, incident_id)
    row = conn.execute(select(i).where(i.c.id == found)).mappings().one()
    return _build(conn, [row], rule, links=links)[0]


def all_rules() -> tuple[str, ...]:
    """The reconcile rules the ledger stores estimates for."""
    return RULES
