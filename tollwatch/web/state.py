"""What every request of the desk shares: the store, the settings, sessions, the login limiter."""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.requests import Request

from tollwatch.ledger.store import Store
from tollwatch.web.areas import Places
from tollwatch.web.auth import Caller, LoginLimiter, Sessions, caller
from tollwatch.web.settings import DeskSettings


@dataclass(frozen=True, kw_only=True)
class Desk:
    store: Store
    settings: DeskSettings
    sessions: Sessions
    limiter: LoginLimiter
    places: Places = field(default_factory=Places)  # the filters' country and province words


def desk_of(request: Request) -> Desk:
    """The desk the app was made for."""
    return request.app.state.desk


def caller_of(request: Request) -> Caller:
    """Who made the request (read once per request)."""
    found = getattr(request.state, "caller", None)
    if found is None:
        desk = desk_of(request)
        found = caller(request, desk.store, desk.sessions)
        request.state.caller = found
    return found
