"""The desk's JSON API (``/api/…``): a thin shell over the ledger's library functions.

Every page of the desk has its twin here; lists are paginated (``page``, ``per_page``; the
answer gives ``total`` and ``pages``); every error is ``{"error": {"type", "message",
"status"}}``. Reads need an account unless the desk is public; writes need a reviewer or an
admin (``Authorization: Bearer <API token>``, or a session with its ``X-CSRF-Token``).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from tollwatch.ledger import accounts, browse, overview, queue, review, review_checks
from tollwatch.reconcile import GRADES, RULES
from tollwatch.web import areas
from tollwatch.web.auth import (
    AuthError,
    Caller,
    check_csrf,
    require_admin,
    require_read,
    require_write,
)
from tollwatch.web.state import Desk, caller_of, desk_of

Rule = Literal["conservative", "ucdp", "latest", "max"]
Grade = Literal["confirmed", "fair", "weak", "contested"]
assert set(Rule.__args__) == set(RULES) and set(Grade.__args__) == set(GRADES)  # type: ignore[attr-defined]


class ErrorDetail(BaseModel):
    type: str
    message: str
    status: int


class ErrorBody(BaseModel):
    error: ErrorDetail


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": text}
    for status, text in (
        (400, "the request cannot be carried out as asked"),
        (401, "no valid credentials"),
        (403, "the credentials do not allow this, or the CSRF token is missing"),
        (404, "no such record"),
        (422, "a parameter or body field is not valid"),
    )
}

router = APIRouter(prefix="/api", responses=ERRORS)

# -- request bodies (the trust boundary) ---------------------------------------------------------

Short = Annotated[str, Field(max_length=500)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PlaceChange(_Body):
    name: Short
    admin1: Short | None = None
    admin2: Short | None = None
    country: Annotated[str, Field(min_length=2, max_length=2)] | None = None
    latitude: Annotated[float, Field(ge=-90, le=90)] | None = None
    longitude: Annotated[float, Field(ge=-180, le=180)] | None = None
    precision: Annotated[int, Field(ge=1, le=7)] | None = None


class DateChange(_Body):
    start: Annotated[str, Field(max_length=10)]
    end: Annotated[str, Field(max_length=10)] | None = None


class TypeChange(_Body):
    sub_event_type: Short


class PerpetratorChange(_Body):
    actor: Short
    actor_kind: Short | None = None
    alleged_by: Short | None = None


class IncidentChanges(_Body):
    place: PlaceChange | None = None
    date: DateChange | None = None
    type: TypeChange | None = None
    perpetrators: Annotated[list[PerpetratorChange], Field(max_length=20)] | None = None


class ClaimChanges(IncidentChanges):
    figure: Short | None = None
    value: Annotated[int, Field(ge=0, le=review_checks.MAX_VALUE)] | None = None
    low: Annotated[int, Field(ge=0, le=review_checks.MAX_VALUE)] | None = None
    high: Annotated[int, Field(ge=0, le=review_checks.MAX_VALUE)] | None = None
    qualifier: Short | None = None
    unit: Short | None = None
    claimant: Short | None = None
    claimant_kind: Short | None = None
    incident: Short | None = None


class ClaimReview(_Body):
    action: Literal["accept", "correct", "reject"]
    note: Short | None = None
    changes: ClaimChanges | None = None


class IncidentReview(_Body):
    action: Literal["accept", "correct"]
    note: Short | None = None
    changes: IncidentChanges | None = None


class Merge(_Body):
    other: Short
    note: Short | None = None


class Split(_Body):
    reports: Annotated[list[Short], Field(min_length=1, max_length=500)]
    note: Short | None = None


class Note(_Body):
    note: Short | None = None


class NewUser(_Body):
    name: Annotated[str, Field(min_length=1, max_length=100)]
    role: Literal["viewer", "reviewer", "admin"]
    password: Annotated[
        str, Field(min_length=accounts.MIN_PASSWORD, max_length=accounts.MAX_PASSWORD)
    ]


class NewToken(_Body):
    name: Short | None = None


def _changes(body: IncidentChanges | None) -> dict[str, Any]:
    return body.model_dump(exclude_unset=True) if body is not None else {}


# -- dependencies -------------------------------------------------------------------------------

CsrfHeader = Annotated[str | None, Header(alias="X-CSRF-Token", include_in_schema=True)]


def reader(request: Request) -> Caller:
    who = caller_of(request)
    require_read(who, desk_of(request).settings)
    return who


Reader = Annotated[Caller, Depends(reader)]
DeskDep = Annotated[Desk, Depends(desk_of)]
CallerDep = Annotated[Caller, Depends(caller_of)]


def filter_params(
    desk: Annotated[Desk, Depends(desk_of)],
    since: Annotated[date | None, Query(description="on or after this day")] = None,
    until: Annotated[date | None, Query(description="on or before this day")] = None,
    country: Annotated[
        str | None,
        Query(description="ISO 3166-1 code (SY, SYR) or name (Syria)", max_length=100),
    ] = None,
    admin1: Annotated[
        str | None, Query(description="province, any spelling (Idleb, Idlib)", max_length=200)
    ] = None,
    type: Annotated[str | None, Query(description="ACLED (sub-)event type", max_length=100)] = None,  # noqa: A002
    grade: Grade | None = None,
    reviewed: Literal["yes", "no"] | None = None,
) -> browse.IncidentFilter:
    code, province = areas.filter_areas(desk.store, desk.places, country, admin1)
    return browse.parse_filter(
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        country=code,
        admin1=province,
        type=type,
        grade=grade,
        reviewed=reviewed,
    )


Filter = Annotated[browse.IncidentFilter, Depends(filter_params)]
PageNo = Annotated[int, Query(ge=1, le=1_000_000)]
PerPage = Annotated[int, Query(ge=1, le=browse.MAX_PER_PAGE)]

# -- reading ------------------------------------------------------------------------------------


@router.get("/me", summary="who is asking")
def me(who: Reader) -> dict[str, Any]:
    return {"user": who.user.to_dict() if who.user else None, "via": who.via}


@router.get("/incidents", summary="the incidents, filtered and paginated, newest first")
def incidents(
    desk: DeskDep,
    _who: Reader,
    f: Filter,
    rule: Rule = "ucdp",
    page: PageNo = 1,
    per_page: PerPage = 50,
) -> dict[str, Any]:
    with desk.store.read() as conn:
        found = browse.page_incidents(conn, filter=f, rule=rule, page=page, per_page=per_page)
    return {**found.to_dict(), "rule": rule, "filter": f.to_dict()}


@router.get(
    "/incidents/{incident_id}",
    summary="one incident: claims, estimates under every rule, decisions, reviews",
)
def incident(desk: DeskDep, _who: Reader, incident_id: str, rule: Rule = "ucdp") -> dict[str, Any]:
    with desk.store.read() as conn:
        return browse.incident_detail(conn, incident_id, rule=rule).to_dict()


@router.get("/reports/{report_id}", summary="a report's text cut at its claims' evidence")
def report(desk: DeskDep, _who: Reader, report_id: str) -> dict[str, Any]:
    with desk.store.read() as conn:
        return browse.report_view(conn, report_id).to_dict()


@router.get("/map", summary="the filtered incidents as GeoJSON marks that keep their precision")
def map_marks(
    desk: DeskDep,
    _who: Reader,
    f: Filter,
    rule: Rule = "ucdp",
    figure: Annotated[str, Query(max_length=20)] = "killed",
    limit: Annotated[int, Query(ge=1, le=overview.MAX_MARKS)] = 5000,
) -> dict[str, Any]:
    with desk.store.read() as conn:
        return overview.map_marks(conn, filter=f, rule=rule, figure=figure, limit=limit).to_dict()


@router.get("/timeline", summary="figures per day or week of the filtered incidents")
def timeline(
    desk: DeskDep,
    _who: Reader,
    f: Filter,
    rule: Rule = "ucdp",
    by: Literal["day", "week", "auto"] = "auto",
) -> dict[str, Any]:
    with desk.store.read() as conn:
        return overview.timeline(conn, filter=f, rule=rule, by=by).to_dict()


@router.get("/queue", summary="the review queue, neediest first")
def review_queue(
    desk: DeskDep, _who: Reader, rule: Rule = "ucdp", page: PageNo = 1, per_page: PerPage = 20
) -> dict[str, Any]:
    with desk.store.read() as conn:
        found = queue.review_queue(conn, rule=rule, page=page, per_page=per_page)
    return {**found.to_dict(), "rule": rule}


# -- writing ------------------------------------------------------------------------------------


@router.post("/claims/{claim_id}/review", summary="accept, correct or reject a claim")
def claim_review(
    desk: DeskDep, who: CallerDep, claim_id: str, body: ClaimReview, x_csrf_token: CsrfHeader = None
) -> dict[str, Any]:
    user = require_write(who, csrf=x_csrf_token)
    return review.review_claim(
        desk.store,
        claim_id,
        action=body.action,
        by=user.name,
        note=body.note,
        changes=_changes(body.changes),
    ).to_dict()


@router.post(
    "/incidents/{incident_id}/review",
    summary="accept an incident, or correct its place, date, type or perpetrators",
)
def incident_review(
    desk: DeskDep,
    who: CallerDep,
    incident_id: str,
    body: IncidentReview,
    x_csrf_token: CsrfHeader = None,
) -> dict[str, Any]:
    user = require_write(who, csrf=x_csrf_token)
    return review.review_incident(
        desk.store,
        incident_id,
        action=body.action,
        by=user.name,
        note=body.note,
        changes=_changes(body.changes),
    ).to_dict()


@router.post("/incidents/{incident_id}/merge", summary="merge incident `other` into this one")
def merge(
    desk: DeskDep, who: CallerDep, incident_id: str, body: Merge, x_csrf_token: CsrfHeader = None
) -> dict[str, Any]:
    user = require_write(who, csrf=x_csrf_token)
    return review.merge(desk.store, incident_id, body.other, by=user.name, note=body.note).to_dict()


@router.post(
    "/incidents/{incident_id}/split", summary="split reports off this incident into a new one"
)
def split(
    desk: DeskDep, who: CallerDep, incident_id: str, body: Split, x_csrf_token: CsrfHeader = None
) -> dict[str, Any]:
    user = require_write(who, csrf=x_csrf_token)
    return review.split(
        desk.store, incident_id, body.reports, by=user.name, note=body.note
    ).to_dict()


@router.post("/decisions/{decision_id}/undo", summary="undo a merge or split")
def undo(
    desk: DeskDep,
    who: CallerDep,
    decision_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    body: Note,
    x_csrf_token: CsrfHeader = None,
) -> dict[str, Any]:
    user = require_write(who, csrf=x_csrf_token)
    return review.undo(desk.store, decision_id, by=user.name, note=body.note).to_dict()


@router.post("/tokens", summary="a new API token for the caller (shown once)")
def new_token(
    desk: DeskDep, who: CallerDep, body: NewToken, x_csrf_token: CsrfHeader = None
) -> dict[str, Any]:
    if who.user is None:
        raise AuthError("log in to make an API token")
    check_csrf(who, x_csrf_token)
    token, record = accounts.create_token(desk.store, who.user.name, label=body.name)
    return {"token": token, **record}


@router.get("/users", summary="every account (admins)")
def users(desk: DeskDep, who: CallerDep) -> dict[str, Any]:
    require_admin(who, csrf=None, write=False)
    with desk.store.read() as conn:
        found = accounts.list_users(conn)
    return {
        "items": [u.to_dict() for u in found],
        "page": 1,
        "per_page": len(found),
        "total": len(found),
        "pages": 1,
    }


@router.post("/users", summary="create an account (admins)")
def add_user(
    desk: DeskDep, who: CallerDep, body: NewUser, x_csrf_token: CsrfHeader = None
) -> dict[str, Any]:
    admin = require_admin(who, csrf=x_csrf_token)
    return accounts.add_user(
        desk.store, body.name, role=body.role, password=body.password, by=admin.name
    ).to_dict()
