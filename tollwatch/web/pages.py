"""The desk's pages: server-rendered HTML over the same library calls as the JSON API.

Each page names its JSON twin (``/api`` + the same path and query). Forms post to the routes
below, which check the session's CSRF token, call :mod:`tollwatch.ledger.review`, and send the
browser back (303) to where it came from, with a message.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.templating import Jinja2Templates
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from tollwatch import model
from tollwatch.errors import InputError, TollwatchError
from tollwatch.ledger import accounts, browse, queue, review
from tollwatch.ledger.views import estimate_text, place_label
from tollwatch.reconcile import GRADES, RULES
from tollwatch.web.areas import filter_areas
from tollwatch.web.auth import (
    CSRF_FIELD,
    LOGIN_COOKIE,
    SESSION_COOKIE,
    AuthError,
    Caller,
    check_csrf,
    require_admin,
    require_read,
    require_write,
)
from tollwatch.web.state import caller_of, desk_of

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))
router = APIRouter(include_in_schema=False)
FILTER_KEYS = ("since", "until", "country", "admin1", "type", "grade", "reviewed")


def _place(inc: Any) -> str:
    return place_label(inc.place_name, inc.admin1, inc.country)


def _when(inc: Any) -> str:
    if inc.date_start is None:
        return ""
    if inc.date_end and inc.date_end != inc.date_start:
        return f"{inc.date_start.isoformat()} – {inc.date_end.isoformat()}"
    return inc.date_start.isoformat()


TEMPLATES.env.globals.update(
    est=estimate_text,
    place=_place,
    when=_when,
    RULES=RULES,
    GRADES=GRADES,
    FIGURES=model.FIGURES,
    QUALIFIERS=model.QUALIFIERS,
    CLAIMANT_KINDS=model.CLAIMANT_KINDS,
    SUB_EVENT_TYPES=tuple(model.SUB_EVENT_TO_EVENT),
    UNITS=model.UNITS,
)


def login_url(request: Request) -> str:
    """The login page, coming back to this page afterwards."""
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return "/login?" + urlencode({"next": target})


def _safe_next(value: str | None, default: str = "/incidents") -> str:
    """A local path to go back to (never another site)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return default
    return value


def render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    who: Caller = caller_of(request)
    desk = desk_of(request)
    context.update(
        request=request,
        user=who.user,
        csrf=who.csrf or "",
        settings=desk.settings,
        message=request.query_params.get("msg"),
        problem=request.query_params.get("err"),
    )
    return TEMPLATES.TemplateResponse(request, name, context, status_code=status)


def error_page(
    request: Request, *, kind: str, message: str, status: int, headers: dict[str, str] | None = None
) -> Response:
    """An error as a page (the JSON API gives the same as ``{"error": …}``)."""
    try:
        response = render(request, "error.html", status=status, kind=kind, text=message)
    except TollwatchError:  # the caller could not be read (a bad token): a bare page
        response = render_bare(kind, message, status)
    if headers:
        response.headers.update(headers)
    return response


def render_bare(kind: str, message: str, status: int) -> Response:
    html = TEMPLATES.env.get_template("bare_error.html").render(
        kind=kind, text=message, status=status
    )
    return Response(html, status_code=status, media_type="text/html")


def _back(target: str, **params: str) -> RedirectResponse:
    sep = "&" if "?" in target else "?"
    clean = {k: v for k, v in params.items() if v}
    return RedirectResponse(target + (sep + urlencode(clean) if clean else ""), status_code=303)


def _reader(request: Request) -> Caller:
    who = caller_of(request)
    require_read(who, desk_of(request).settings)
    return who


def _query(request: Request, **changes: Any) -> str:
    params = {k: v for k, v in request.query_params.items() if v}
    params.update({k: str(v) for k, v in changes.items() if v is not None})
    for k, v in changes.items():
        if v is None:
            params.pop(k, None)
    return urlencode(params)


# -- login --------------------------------------------------------------------------------------


@router.get("/")
def home() -> Response:
    return RedirectResponse("/incidents", status_code=303)


@router.get("/login")
def login_form(request: Request) -> Response:
    token = request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(24)
    response = render(
        request, "login.html", login_token=token, next=_safe_next(request.query_params.get("next"))
    )
    response.set_cookie(
        LOGIN_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=desk_of(request).settings.secure_cookies,
    )
    return response


@router.post("/login")
async def login(request: Request) -> Response:
    desk = desk_of(request)
    form = await request.form()
    name = str(form.get("name") or "").strip()
    password = str(form.get("password") or "")
    target = _safe_next(str(form.get("next") or ""))
    sent, cookie = str(form.get("login_token") or ""), request.cookies.get(LOGIN_COOKIE)
    if not cookie or not secrets.compare_digest(sent, cookie):
        return _back("/login", next=target, err="the login form expired; try again")
    address = request.client.host if request.client else "unknown"
    keys = (f"name:{name.casefold()}", f"addr:{address}")
    desk.limiter.check(*keys)
    with desk.store.read() as conn:
        user = accounts.authenticate(conn, name, password)
    if user is None:
        desk.limiter.failed(*keys)
        return _back("/login", next=target, err="wrong name or password")
    desk.limiter.succeeded(keys[0])
    value, _csrf = desk.sessions.make(user)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        value,
        max_age=desk.sessions.max_age_s,
        httponly=True,
        samesite="lax",
        secure=desk.settings.secure_cookies,
    )
    response.delete_cookie(LOGIN_COOKIE)
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    who = caller_of(request)
    form = await request.form()
    if who.user is not None:
        check_csrf(who, str(form.get(CSRF_FIELD) or ""))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


# -- reading ------------------------------------------------------------------------------------


def _filter_values(request: Request) -> dict[str, str]:
    return {k: request.query_params.get(k, "") for k in FILTER_KEYS}


def _int(value: str | None, default: int, what: str) -> int:
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError:
        raise InputError(f"{what} must be a whole number, not {value!r}") from None


@router.get("/incidents")
def incidents_page(request: Request) -> Response:
    _reader(request)
    desk = desk_of(request)
    values = _filter_values(request)
    country, admin1 = filter_areas(desk.store, desk.places, values["country"], values["admin1"])
    f = browse.parse_filter(**{**values, "country": country or "", "admin1": admin1 or ""})
    rule = request.query_params.get("rule") or "ucdp"
    page = _int(request.query_params.get("page"), 1, "page")
    per_page = _int(request.query_params.get("per_page"), desk.settings.per_page, "per_page")
    with desk.store.read() as conn:
        found = browse.page_incidents(conn, filter=f, rule=rule, page=page, per_page=per_page)
    data_query = _query(request, page=None, per_page=None)
    return render(
        request,
        "incidents.html",
        found=found,
        values=values,
        rule=rule,
        data_query=data_query,
        json_url="/api/incidents" + (f"?{request.url.query}" if request.url.query else ""),
        prev_url=f"/incidents?{_query(request, page=page - 1)}" if page > 1 else None,
        next_url=f"/incidents?{_query(request, page=page + 1)}" if page < found.pages else None,
    )


@router.get("/incidents/{incident_id}")
def incident_page(request: Request, incident_id: str) -> Response:
    who = _reader(request)
    desk = desk_of(request)
    rule = request.query_params.get("rule") or "ucdp"
    with desk.store.read() as conn:
        detail = browse.incident_detail(conn, incident_id, rule=rule)
    undone = {d.undoes for d in detail.decisions if d.undoes}
    return render(
        request,
        "incident.html",
        d=detail,
        inc=detail.incident,
        rule=rule,
        undone=undone,
        can_write=bool(who.user and who.user.can_write),
        here=request.url.path,
        json_url=f"/api/incidents/{detail.incident.id}",
    )


@router.get("/reports/{report_id}")
def report_page(request: Request, report_id: str) -> Response:
    who = _reader(request)
    desk = desk_of(request)
    with desk.store.read() as conn:
        view = browse.report_view(conn, report_id)
    return render(
        request,
        "report.html",
        view=view,
        r=view.report,
        can_write=bool(who.user and who.user.can_write),
        here=request.url.path,
        json_url=f"/api/reports/{view.report['id']}",
    )


@router.get("/queue")
def queue_page(request: Request) -> Response:
    who = _reader(request)
    desk = desk_of(request)
    rule = request.query_params.get("rule") or "ucdp"
    page = _int(request.query_params.get("page"), 1, "page")
    with desk.store.read() as conn:
        found = queue.review_queue(conn, rule=rule, page=page, per_page=20)
    return render(
        request,
        "queue.html",
        found=found,
        rule=rule,
        can_write=bool(who.user and who.user.can_write),
        here=request.url.path + (f"?{request.url.query}" if request.url.query else ""),
        json_url="/api/queue" + (f"?{request.url.query}" if request.url.query else ""),
        prev_url=f"/queue?{_query(request, page=page - 1)}" if page > 1 else None,
        next_url=f"/queue?{_query(request, page=page + 1)}" if page < found.pages else None,
    )


@router.get("/users")
def users_page(request: Request) -> Response:
    who = caller_of(request)
    require_admin(who, csrf=None, write=False)
    with desk_of(request).store.read() as conn:
        found = accounts.list_users(conn)
    return render(request, "users.html", users=found, json_url="/api/users")


# -- writing (forms) ----------------------------------------------------------------------------


def _text(form: FormData, key: str) -> str | None:
    value = form.get(key)
    value = value.strip() if isinstance(value, str) else None
    return value or None


def form_changes(form: FormData) -> dict[str, Any]:
    """The changes a correction form gives (empty fields change nothing)."""
    changes: dict[str, Any] = {}
    for key in ("figure", "value", "low", "high", "qualifier", "unit", "claimant_kind", "incident"):
        if _text(form, key) is not None:
            changes[key] = _text(form, key)
    if _text(form, "claimant") is not None:
        changes["claimant"] = _text(form, "claimant")
    if _text(form, "place_name") is not None:
        changes["place"] = {
            "name": _text(form, "place_name"),
            "admin1": _text(form, "place_admin1"),
            "country": _text(form, "place_country"),
            "latitude": _text(form, "place_lat"),
            "longitude": _text(form, "place_lon"),
            "precision": _text(form, "place_precision"),
        }
    if _text(form, "date_start") is not None:
        changes["date"] = {"start": _text(form, "date_start"), "end": _text(form, "date_end")}
    if _text(form, "sub_event_type") is not None:
        changes["type"] = {"sub_event_type": _text(form, "sub_event_type")}
    if _text(form, "perp_actor") is not None:
        changes["perpetrators"] = [
            {"actor": _text(form, "perp_actor"), "alleged_by": _text(form, "perp_alleged_by")}
        ]
    return changes


async def _write_form(request: Request) -> tuple[FormData, str, str]:
    """The form, the reviewer's name and where to go back to (after the role and CSRF checks)."""
    form = await request.form()
    user = require_write(caller_of(request), csrf=str(form.get(CSRF_FIELD) or ""))
    return form, user.name, _safe_next(_text(form, "next"))


def _done(target: str, action: Any, *, anchor: str = "") -> Response:
    try:
        text = action()
    except (InputError, TollwatchError) as exc:
        if isinstance(exc, AuthError) or exc.http_status >= 500:
            raise
        return _back(target, err=exc.message)
    response = _back(target, msg=text)
    if anchor:
        response.headers["location"] += anchor
    return response


@router.post("/claims/{claim_id}/review")
async def claim_review_form(request: Request, claim_id: str) -> Response:
    form, by, target = await _write_form(request)
    action = _text(form, "action") or ""
    changes = form_changes(form) if action == "correct" else {}

    def act() -> str:
        review.review_claim(
            desk_of(request).store,
            claim_id,
            action=action,
            by=by,
            note=_text(form, "note"),
            changes=changes,
        )
        return f"claim {action}ed" if action != "reject" else "claim rejected"

    return _done(target, act)


@router.post("/incidents/{incident_id}/review")
async def incident_review_form(request: Request, incident_id: str) -> Response:
    form, by, target = await _write_form(request)
    action = _text(form, "action") or ""
    changes = form_changes(form) if action == "correct" else {}

    def act() -> str:
        review.review_incident(
            desk_of(request).store,
            incident_id,
            action=action,
            by=by,
            note=_text(form, "note"),
            changes=changes,
        )
        return f"incident {action}ed"

    return _done(target, act)


@router.post("/incidents/{incident_id}/merge")
async def merge_form(request: Request, incident_id: str) -> Response:
    form, by, target = await _write_form(request)

    def act() -> str:
        other = _text(form, "other") or ""
        d = review.merge(
            desk_of(request).store, incident_id, other, by=by, note=_text(form, "note")
        )
        return f"merged {other} into this incident (decision {d.id})"

    return _done(target, act)


@router.post("/incidents/{incident_id}/split")
async def split_form(request: Request, incident_id: str) -> Response:
    form, by, target = await _write_form(request)
    members = [str(v) for v in form.getlist("reports") if str(v).strip()]

    def act() -> str:
        d = review.split(
            desk_of(request).store, incident_id, members, by=by, note=_text(form, "note")
        )
        return f"split {len(d.moves)} report(s) off into incident {d.other_incident_id} (decision {d.id})"

    return _done(target, act)


@router.post("/decisions/{decision_id}/undo")
async def undo_form(request: Request, decision_id: int) -> Response:
    form, by, target = await _write_form(request)

    def act() -> str:
        d = review.undo(desk_of(request).store, decision_id, by=by, note=_text(form, "note"))
        return f"decision {decision_id} undone (decision {d.id})"

    return _done(target, act)


@router.post("/users")
async def add_user_form(request: Request) -> Response:
    form = await request.form()
    admin = require_admin(caller_of(request), csrf=str(form.get(CSRF_FIELD) or ""))

    def act() -> str:
        user = accounts.add_user(
            desk_of(request).store,
            _text(form, "name") or "",
            role=_text(form, "role") or "",
            password=str(form.get("password") or ""),
            by=admin.name,
        )
        return f"account {user.name} ({user.role}) created"

    return _done("/users", act)


def context_filters(values: Mapping[str, str]) -> dict[str, str]:
    """The filter values that are set (for links that keep them)."""
    return {k: v for k, v in values.items() if v}
