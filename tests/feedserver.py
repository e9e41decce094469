"""A fixture HTTP server on 127.0.0.1 for the feed tests: feeds, pages, robots.txt, faults.

Started and stopped by the tests (a thread running ``ThreadingHTTPServer`` on a free port);
it serves only what the test put in its routes, and counts every request with its headers.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the body is sent


Route = Reply | Callable[[dict[str, str]], Reply]


class FeedServer:
    """Routes: path -> a Reply, or a function of the request headers giving one."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: dict[str, list[dict[str, str]]] = defaultdict(list)
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the http.server name
                headers = {k.lower(): v for k, v in self.headers.items()}
                server.hits[self.path].append(headers)
                route = server.routes.get(self.path)
                reply = (
                    Reply(404, b"not here")
                    if route is None
                    else route(headers)
                    if callable(route)
                    else route
                )
                try:
                    self.send_response(reply.status)
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    if "Content-Length" not in reply.headers:
                        self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    if reply.delay:
                        time.sleep(reply.delay)
                    if reply.body and reply.status != 304:
                        self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args: object) -> None:
                return None

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> FeedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


def serve() -> Iterator[FeedServer]:
    with FeedServer() as server:
        yield server
