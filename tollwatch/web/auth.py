"""Who is asking: signed session cookies, CSRF tokens, API tokens, login limits, roles.

- A session is a cookie signed with the desk's secret (itsdangerous) holding the user id and
  a CSRF token; it expires after ``session_hours``. The user is read from the ledger on each
  request, so switching an account off ends its sessions.
- Writes made with a session cookie must carry its CSRF token (the form's ``csrf_token`` field
  or the ``X-CSRF-Token`` header). The login form itself is protected by a double-submit
  cookie. Scripts use ``Authorization: Bearer <API token>`` instead (no CSRF: a browser never
  sends that header on its own).
- Failed logins are limited per user name and per client address: after ``login_attempts``
  failures in ``login_window_s`` seconds, logins answer 429 until the window passes.
- Roles: viewers read; reviewers and admins write; admins manage accounts. Without
  credentials, writes answer 401, and so do reads unless ``public_read`` is on.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import Request

from tollwatch.errors import TollwatchError
from tollwatch.ledger import accounts
from tollwatch.ledger.accounts import User
from tollwatch.ledger.store import Store
from tollwatch.web.settings import DeskSettings

SESSION_COOKIE = "tollwatch_session"
LOGIN_COOKIE = "tollwatch_login"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"


class AuthError(TollwatchError):
    """No credentials, or credentials that are not valid: 401."""

    http_status = 401


class ForbiddenError(TollwatchError):
    """Credentials that do not allow this: 403."""

    http_status = 403


class TooManyAttempts(TollwatchError):
    """Too many failed logins: 429."""

    http_status = 429

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True, kw_only=True, slots=True)
class Caller:
    """The user behind a request (None: anonymous), and how they proved it."""

    user: User | None
    via: str  # session | token | anonymous
    csrf: str | None = None  # the session's CSRF token


class Sessions:
    """Signing and reading session cookies."""

    def __init__(self, secret: str, *, max_age_s: int) -> None:
        self._signer = URLSafeTimedSerializer(secret, salt="tollwatch-session")
        self.max_age_s = max_age_s

    def make(self, user: User) -> tuple[str, str]:
        """(cookie value, CSRF token) of a new session for ``user``."""
        csrf = secrets.token_urlsafe(32)
        return self._signer.dumps({"uid": user.id, "csrf": csrf}), csrf

    def read(self, value: str) -> tuple[int, str] | None:
        """(user id, CSRF token) of a valid, unexpired cookie, else None."""
        try:
            data = self._signer.loads(value, max_age=self.max_age_s)
        except BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("uid"), int):
            return None
        csrf = data.get("csrf")
        return (data["uid"], csrf) if isinstance(csrf, str) else None


class LoginLimiter:
    """Failed logins per key (a user name, a client address) in a sliding window."""

    def __init__(self, *, attempts: int, window_s: int) -> None:
        self.attempts = attempts
        self.window_s = window_s
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _prune(self, key: str, now: float) -> deque[float]:
        q = self._failures[key]
        while q and q[0] <= now - self.window_s:
            q.popleft()
        return q

    def check(self, *keys: str) -> None:
        """Raise TooManyAttempts when any key has used up its failures."""
        now = time.monotonic()
        with self._lock:
            for key in keys:
                q = self._prune(key, now)
                if len(q) >= self.attempts:
                    wait = int(q[0] + self.window_s - now) + 1
                    raise TooManyAttempts(
                        f"too many failed logins; try again in {wait} seconds", retry_after=wait
                    )

    def failed(self, *keys: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key in keys:
                self._prune(key, now).append(now)

    def succeeded(self, name_key: str) -> None:
        with self._lock:
            self._failures.pop(name_key, None)


def caller(request: Request, store: Store, sessions: Sessions) -> Caller:
    """Who made ``request``: an API token, else a session cookie, else anonymous."""
    header = request.headers.get("authorization")
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthError("the Authorization header must be 'Bearer <API token>'")
        with store.read() as conn:
            user = accounts.user_for_token(conn, token.strip())
        if user is None:
            raise AuthError("the API token is not valid")
        return Caller(user=user, via="token")
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        found = sessions.read(cookie)
        if found is not None:
            with store.read() as conn:
                user = accounts.get_user(conn, found[0])
            if user is not None and user.active:
                return Caller(user=user, via="session", csrf=found[1])
    return Caller(user=None, via="anonymous")


def require_read(who: Caller, settings: DeskSettings) -> None:
    """Reading: any account, or anyone when the desk is public."""
    if who.user is None and not settings.public_read:
        raise AuthError("log in to read the desk")


def require_write(who: Caller, *, csrf: str | None) -> User:
    """Writing: reviewers and admins; a session must send its CSRF token."""
    if who.user is None:
        raise AuthError("log in as a reviewer to change the ledger")
    if not who.user.can_write:
        raise ForbiddenError(f"{who.user.name} is a {who.user.role}; reviewers and admins write")
    check_csrf(who, csrf)
    return who.user


def require_admin(who: Caller, *, csrf: str | None, write: bool = True) -> User:
    """Managing accounts: admins only (a write with a session needs its CSRF token)."""
    if who.user is None:
        raise AuthError("log in as an admin to manage accounts")
    if not who.user.is_admin:
        raise ForbiddenError(f"{who.user.name} is a {who.user.role}; only admins manage accounts")
    if write:
        check_csrf(who, csrf)
    return who.user


def check_csrf(who: Caller, sent: str | None) -> None:
    if who.via != "session":
        return
    if not sent or not who.csrf or not hmac.compare_digest(sent, who.csrf):
        raise ForbiddenError("the form's CSRF token is missing or out of date; reload the page")
