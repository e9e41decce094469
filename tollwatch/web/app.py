"""The review desk's application: pages, the JSON API, static files, security headers, errors.

``create_app(store=…)`` or ``create_app(db_url=…)`` gives an ASGI app (FastAPI) over a
ledger; ``tollwatch serve`` runs it with uvicorn. Report text is untrusted: templates escape
everything, and every answer carries a strict Content-Security-Policy (scripts and styles
only from the desk itself, no inline code, images from the desk and the configured tile
server only), so no markup from a report ever runs.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.staticfiles import StaticFiles

from tollwatch import __version__
from tollwatch.errors import TollwatchError
from tollwatch.ledger import accounts
from tollwatch.ledger.store import Store, open_store
from tollwatch.web import api, pages
from tollwatch.web.auth import LoginLimiter, Sessions, TooManyAttempts
from tollwatch.web.settings import DeskSettings
from tollwatch.web.state import Desk

log = logging.getLogger(__name__)
STATIC = Path(__file__).with_name("static")


def content_security_policy(settings: DeskSettings) -> str:
    """The desk's CSP: nothing inline, nothing from elsewhere but the tile server's images."""
    images = "'self' data:" + (f" {settings.tile_origin}" if settings.tile_origin else "")
    return "; ".join(
        (
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            f"img-src {images}",
            "connect-src 'self'",
            "font-src 'self'",
            "form-action 'self'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        )
    )


def _is_api(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path == "/api" or path == "/openapi.json"


def error_body(kind: str, message: str, status: int) -> dict[str, Any]:
    """The one error shape of the desk's JSON answers."""
    return {"error": {"type": kind, "message": message, "status": status}}


def _error(
    request: Request, kind: str, message: str, status: int, headers: dict[str, str] | None = None
) -> Response:
    if _is_api(request):
        return JSONResponse(error_body(kind, message, status), status_code=status, headers=headers)
    if status == 401 and request.method == "GET":
        return RedirectResponse(pages.login_url(request), status_code=303)
    return pages.error_page(request, kind=kind, message=message, status=status, headers=headers)


def create_app(
    *,
    store: Store | None = None,
    db_url: str | None = None,
    settings: DeskSettings | None = None,
) -> FastAPI:
    """The desk over ``store`` (or the ledger at ``db_url``), configured by ``settings``."""
    settings = settings or DeskSettings.from_env()
    store = store or open_store(db_url)
    secret = settings.secret_key or accounts.desk_secret(store)
    desk = Desk(
        store=store,
        settings=settings,
        sessions=Sessions(secret, max_age_s=int(settings.session_hours * 3600)),
        limiter=LoginLimiter(attempts=settings.login_attempts, window_s=settings.login_window_s),
    )
    app = FastAPI(
        title="tollwatch review desk",
        version=__version__,
        description="The ledger of incidents and humanitarian figures, and people's reviews of it.",
        docs_url=None,  # the interactive docs load scripts from a CDN; the schema is enough
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.desk = desk
    csp = content_security_policy(settings)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = csp
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        if not request.url.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"
        return response

    @app.exception_handler(TollwatchError)
    async def on_tollwatch_error(request: Request, exc: TollwatchError) -> Response:
        headers = (
            {"Retry-After": str(exc.retry_after)} if isinstance(exc, TooManyAttempts) else None
        )
        if exc.http_status >= 500:
            log.error("desk: %s: %s", type(exc).__name__, exc.message)
        return _error(request, type(exc).__name__, exc.message, exc.http_status, headers)

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for err in exc.errors()[:5]:
            where = ".".join(str(x) for x in err.get("loc", ()) if x != "body")
            problems.append(f"{where}: {err.get('msg')}")
        return _error(request, "ValidationError", "; ".join(problems) or "invalid request", 422)

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return _error(request, "HTTPError", message, exc.status_code, getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def on_crash(request: Request, exc: Exception) -> Response:
        log.exception("desk: unexpected error on %s %s", request.method, request.url.path)
        return _error(request, "InternalError", "internal error (logged on the server)", 500)

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
