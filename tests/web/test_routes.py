"""Every endpoint of the desk for every role: anonymous, viewer, reviewer, admin.

Reads: anonymous 401 (a page sends the browser to the login form instead), every account 200.
Writes: anonymous 401, viewer 403 (and nothing recorded), reviewer and admin succeed.
Account management: admins only. A test checks that the table covers every route the app has.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.web.conftest import Client, DeskLedger, make_clients
from tollwatch.ledger import review
from tollwatch.ledger import schema as s
from tollwatch.web import create_app


@dataclass(frozen=True)
class Case:
    method: str
    path: str  # the route's template
    kind: str  # read | write | admin | self
    html: bool = False
    # (ledger, role) -> (concrete path, JSON body or form fields); prepares what it needs
    make: Callable[[DeskLedger, str], tuple[str, dict[str, Any] | None]] | None = None


def _get(path: str) -> Callable[[DeskLedger, str], tuple[str, None]]:
    return lambda desk, role: (path.format(**_ids(desk)), None)


def _ids(desk: DeskLedger) -> dict[str, str]:
    with desk.store.read() as conn:
        report = conn.execute(select(s.reports.c.id).where(s.reports.c.doc_id == "d1")).scalar()
    return {"incident": desk.incidents["d1"], "report": report, "claim": desk.claims["d1"]}


def _claim_review(desk: DeskLedger, role: str) -> tuple[str, dict[str, Any]]:
    return f"/api/claims/{desk.claims['d1']}/review", {"action": "accept", "note": role}


def _incident_review(desk: DeskLedger, role: str) -> tuple[str, dict[str, Any]]:
    return f"/api/incidents/{desk.incidents['d1']}/review", {"action": "accept"}


# The reviewer and the admin each get a merge, a split and an undo of their own.
MERGES = {"viewer": ("d1", "m1"), "reviewer": ("d1", "m1"), "admin": ("d1", "evil")}
SPLITS = {"viewer": "a2", "reviewer": "a2", "admin": "a3"}


def _merge(desk: DeskLedger, role: str) -> tuple[str, dict[str, Any]]:
    keep, other = MERGES.get(role, MERGES["viewer"])
    return f"/api/incidents/{desk.incidents[keep]}/merge", {"other": desk.incidents[other]}


def _split(desk: DeskLedger, role: str) -> tuple[str, dict[str, Any]]:
    if role == "admin" and desk.incidents["a3"] != desk.incidents["a1"]:
        # the third Ariha report founded an incident of its own: merge it in to split it off
        review.merge(desk.store, desk.incidents["a1"], desk.incidents["a3"], by="t")
        desk.incidents["a3"] = desk.incidents["a1"]
    return f"/api/incidents/{desk.incidents['a1']}/split", {"reports": [SPLITS.get(role, "a2")]}


def _undo(desk: DeskLedger, role: str) -> tuple[str, dict[str, Any]]:
    keep, other = MERGES["reviewer"]
    if role != "admin":  # the viewer's try and the reviewer's undo share one decision
        existing = desk.__dict__.setdefault("undo_target", None)
        if existing is None:
            existing = review.merge(
                desk.store, desk.incidents[keep], desk.incidents[other], by="t"
            ).id
            desk.__dict__["undo_target"] = existing
        return f"/api/decisions/{existing}/undo", {}
    decision = review.merge(desk.store, desk.incidents["d1"], desk.incidents["evil"], by="t")
    return f"/api/decisions/{decision.id}/undo", {"note": "admin"}


def _new_user(desk: DeskLedger, role: str) -> tuple[str, dict[str, Any]]:
    return "/api/users", {"name": f"new-{role}", "role": "viewer", "password": "another password"}


def _form(api: Callable[[DeskLedger, str], tuple[str, dict[str, Any] | None]]):
    def make(desk: DeskLedger, role: str) -> tuple[str, dict[str, Any]]:
        path, body = api(desk, role)
        fields: dict[str, Any] = {}
        for key, value in (body or {}).items():
            fields[key] = value
        return path.removeprefix("/api"), fields

    return make


CASES: tuple[Case, ...] = (
    Case("GET", "/api/me", "read", make=_get("/api/me")),
    Case("GET", "/api/incidents", "read", make=_get("/api/incidents?country=SY&per_page=2")),
    Case("GET", "/api/incidents/{incident_id}", "read", make=_get("/api/incidents/{incident}")),
    Case("GET", "/api/reports/{report_id}", "read", make=_get("/api/reports/{report}")),
    Case("GET", "/api/map", "read", make=_get("/api/map")),
    Case("GET", "/api/timeline", "read", make=_get("/api/timeline?by=week")),
    Case("GET", "/api/queue", "read", make=_get("/api/queue")),
    Case("POST", "/api/claims/{claim_id}/review", "write", make=_claim_review),
    Case("POST", "/api/incidents/{incident_id}/review", "write", make=_incident_review),
    Case("POST", "/api/incidents/{incident_id}/merge", "write", make=_merge),
    Case("POST", "/api/incidents/{incident_id}/split", "write", make=_split),
    Case("POST", "/api/decisions/{decision_id}/undo", "write", make=_undo),
    Case("POST", "/api/tokens", "self", make=lambda desk, role: ("/api/tokens", {"name": "ci"})),
    Case("GET", "/api/users", "admin", make=_get("/api/users")),
    Case("POST", "/api/users", "admin", make=_new_user),
    Case("GET", "/incidents", "read", html=True, make=_get("/incidents?reviewed=no")),
    Case("GET", "/incidents/{incident_id}", "read", html=True, make=_get("/incidents/{incident}")),
    Case("GET", "/reports/{report_id}", "read", html=True, make=_get("/reports/{report}")),
    Case("GET", "/queue", "read", html=True, make=_get("/queue")),
    Case("GET", "/users", "admin", html=True, make=_get("/users")),
    Case("POST", "/claims/{claim_id}/review", "write", html=True, make=_form(_claim_review)),
    Case(
        "POST", "/incidents/{incident_id}/review", "write", html=True, make=_form(_incident_review)
    ),
    Case("POST", "/incidents/{incident_id}/merge", "write", html=True, make=_form(_merge)),
    Case("POST", "/incidents/{incident_id}/split", "write", html=True, make=_form(_split)),
    Case("POST", "/decisions/{decision_id}/undo", "write", html=True, make=_form(_undo)),
    Case("POST", "/users", "admin", html=True, make=_form(_new_user)),
)
# Routes every role (and nobody) may use: the login form, logging out, the home redirect,
# the OpenAPI document, static files. They have tests of their own in test_api.py.
OPEN = {
    ("GET", "/"),
    ("GET", "/login"),
    ("POST", "/login"),
    ("POST", "/logout"),
    ("GET", "/openapi.json"),
}


def _walk(routes: Any, prefix: str) -> Any:
    """Every route, through included routers (FastAPI keeps them apart)."""
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from _walk(inner.routes, prefix + route.include_context.prefix)
        elif hasattr(route, "path"):
            yield route, prefix


def test_the_table_covers_every_route(sqlite_desk):
    app = create_app(store=sqlite_desk.store, settings=None)
    routes = set()
    for route, prefix in _walk(app.routes, ""):
        for method in getattr(route, "methods", None) or ():
            if method not in ("HEAD", "OPTIONS"):
                routes.add((method, prefix + route.path))
    covered = {(c.method, c.path) for c in CASES} | OPEN
    assert routes - covered == set()
    assert covered - routes == set()


def _count(desk: DeskLedger, table: Any) -> int:
    with desk.store.read() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def _send(client: Client, case: Case, path: str, body: dict[str, Any] | None):
    if case.method == "GET":
        return client.http.get(path, follow_redirects=False)
    if case.html:
        fields = {k: v for k, v in (body or {}).items() if k != "reports"}
        fields["csrf_token"] = client.csrf
        fields["next"] = "/incidents"
        if body and "reports" in body:
            fields["reports"] = list(body["reports"])
        return client.http.post(path, data=fields, follow_redirects=False)
    return client.http.post(
        path, json=body or {}, headers={"X-CSRF-Token": client.csrf}, follow_redirects=False
    )


def _writes(desk: DeskLedger) -> tuple[int, int, int, int]:
    return (
        _count(desk, s.reviews),
        _count(desk, s.decisions),
        _count(desk, s.users),
        _count(desk, s.api_tokens),
    )


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.method} {c.path}")
def test_each_role_gets_what_its_role_allows(desk_ledger, case: Case):
    clients = make_clients(desk_ledger)
    allowed = {
        "read": {"viewer", "reviewer", "admin"},
        "write": {"reviewer", "admin"},
        "admin": {"admin"},
        "self": {"viewer", "reviewer", "admin"},
    }[case.kind]
    for role in ("anonymous", "viewer", "reviewer", "admin"):
        assert case.make is not None
        path, body = case.make(desk_ledger, role)  # may record what the request needs
        before = _writes(desk_ledger)
        answer = _send(clients[role], case, path, body)
        where = f"{role} {case.method} {case.path}"
        if role in allowed:
            if case.html and case.method == "POST":
                assert answer.status_code == 303, where
                assert "err=" not in answer.headers["location"], (where, answer.headers["location"])
            else:
                assert answer.status_code == 200, (where, answer.text[:300])
            if case.method == "POST":
                assert _writes(desk_ledger) != before, where
            continue
        if role == "anonymous" and case.html and case.method == "GET":
            assert answer.status_code == 303, where
            assert answer.headers["location"].startswith("/login?next="), where
        elif role == "anonymous":
            assert answer.status_code == 401, where
        else:
            assert answer.status_code == 403, where
        assert _writes(desk_ledger) == before, where
        if not case.html:
            error = answer.json()["error"]
            assert error["status"] == answer.status_code and error["message"], where
