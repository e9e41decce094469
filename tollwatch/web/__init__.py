"""The review desk: a web app over the ledger (``tollwatch serve``).

:func:`create_app` makes the ASGI app; :func:`serve` runs it with uvicorn. The pages and the
JSON API are thin shells over :mod:`tollwatch.ledger.browse`, :mod:`~tollwatch.ledger.overview`,
:mod:`~tollwatch.ledger.queue`, :mod:`~tollwatch.ledger.review` and
:mod:`~tollwatch.ledger.accounts`.
"""

from __future__ import annotations

import uvicorn

from tollwatch.web.app import create_app
from tollwatch.web.settings import DeskSettings

__all__ = ["DeskSettings", "create_app", "serve"]


def serve(
    *,
    db_url: str | None = None,
    host: str = "127.0.0.1",
    port: int = 8000,
    settings: DeskSettings | None = None,
    log_level: str = "info",
) -> None:
    """Run the desk on ``host``:``port`` until interrupted."""
    app = create_app(db_url=db_url, settings=settings)
    uvicorn.run(app, host=host, port=port, log_level=log_level, proxy_headers=False)
