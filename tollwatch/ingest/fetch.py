"""Fetching feeds and pages politely: robots.txt, a per-host delay, retries, limits.

:class:`Fetcher` is what ``tollwatch watch`` fetches with (httpx underneath):

- **robots.txt** of each host is read once (cached for ``robots_ttl`` seconds) and obeyed for
  our user agent, its ``Crawl-delay`` included. A robots.txt that is missing (4xx) allows
  everything; one the server fails to give (5xx, or unreachable) disallows everything for
  now, as RFC 9309 says.
- **A per-host delay**: two requests to one host are at least ``delay`` seconds apart (or the
  host's crawl delay, if longer).
- **Retries with backoff** on what may pass (a 5xx, 429, a timeout, a dropped connection): up
  to ``retries`` more tries, waiting ``backoff * 2**n`` seconds (or the ``Retry-After`` the
  server asks for, up to ``max_wait``). A 4xx is not retried.
- **Limits**: a body larger than ``max_bytes`` is refused (by its ``Content-Length`` before
  it is read, else as soon as it passes the limit); every request has connect and read
  timeouts and a whole-fetch deadline, so a server that drips bytes cannot hold a run.
- **Redirects** are followed by hand, up to ``max_redirects``, each hop checked against its
  host's robots.txt and delay; only http and https.

A fetch that fails raises :class:`~tollwatch.errors.FetchError` with ``kind`` (status,
timeout, network, too_big, robots, redirects, url), the HTTP ``status`` when there was one,
and the ``attempts`` made: the caller records it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from tollwatch import __version__
from tollwatch.errors import FetchError

USER_AGENT = f"tollwatch/{__version__} (conflict-news ledger; polite fetcher)"
ROBOTS_AGENT = "tollwatch"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class FetchFailed(FetchError):
    """A fetch that failed, with what kind of failure, the HTTP status and the attempts."""

    def __init__(
        self, message: str, *, kind: str, url: str, status: int | None = None, attempts: int = 1
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.url = url
        self.status = status
        self.attempts = attempts


@dataclass(frozen=True, kw_only=True)
class Fetched:
    """A response read whole: the final URL (after redirects), status, headers and body."""

    url: str
    status: int
    headers: Mapping[str, str]
    content: bytes
    attempts: int = 1

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(kw_only=True)
class _Robots:
    parser: RobotFileParser | None  # None: everything allowed
    disallow_all: bool
    fetched_at: float
    why: FetchFailed | None = None  # why it could not be read, when it could not


@dataclass(kw_only=True)
class Fetcher:
    """A polite HTTP client (see the module doc); ``sleep`` and ``clock`` are for tests."""

    delay: float = 1.0
    retries: int = 3
    backoff: float = 1.0
    max_wait: float = 60.0
    max_bytes: int = 2_000_000
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 60.0
    max_redirects: int = 5
    robots_ttl: float = 3600.0
    user_agent: str = USER_AGENT
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    transport: httpx.BaseTransport | None = None
    _client: httpx.Client | None = field(default=None, init=False, repr=False)
    _last: dict[str, float] = field(default_factory=dict, init=False, repr=False)
    _robots: dict[str, _Robots] = field(default_factory=dict, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    # -- the client -----------------------------------------------------------------------

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                timeout=httpx.Timeout(
                    self.read_timeout, connect=self.connect_timeout, pool=self.connect_timeout
                ),
                follow_redirects=False,
                headers={"User-Agent": self.user_agent},
                transport=self.transport,
                trust_env=False,  # never through a proxy from the environment
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- politeness -----------------------------------------------------------------------

    @staticmethod
    def _host(url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}".lower()

    def _wait_turn(self, host: str, delay: float) -> None:
        """Sleep until ``delay`` seconds have passed since the last request to ``host``."""
        with self._lock:
            last = self._last.get(host)
            now = self.clock()
            wait = 0.0 if last is None else last + delay - now
            self._last[host] = max(now, now + wait)
        if wait > 0:
            self.sleep(wait)

    def _robots_for(self, host: str) -> _Robots:
        cached = self._robots.get(host)
        if cached is not None and self.clock() - cached.fetched_at < self.robots_ttl:
            return cached
        url = host + "/robots.txt"
        try:
            got = self._get(url, headers={}, politeness=self.delay, retries=1)
        except FetchFailed as exc:
            unreachable = exc.status is None or exc.status >= 500
            robots = _Robots(
                parser=None, disallow_all=unreachable, fetched_at=self.clock(), why=exc
            )
        else:
            if got.status >= 400:  # pragma: no cover - _get raises on these
                robots = _Robots(parser=None, disallow_all=False, fetched_at=self.clock())
            else:
                parser = RobotFileParser()
                text = got.content.decode("utf-8", errors="replace")
                parser.parse(text.splitlines())
                robots = _Robots(parser=parser, disallow_all=False, fetched_at=self.clock())
        self._robots[host] = robots
        return robots

    def _check_robots(self, url: str) -> float:
        """Raise when robots.txt forbids ``url``; return the host's delay."""
        host = self._host(url)
        robots = self._robots_for(host)
        if robots.disallow_all:
            why = robots.why
            reason = f" ({why.message})" if why is not None else ""
            # An unreachable host is a network failure; a robots.txt answered with a 5xx
            # is the host's refusal.
            kind = why.kind if why is not None and why.kind in ("network", "timeout") else "robots"
            raise FetchFailed(
                f"{url}: robots.txt of {host} could not be read, so nothing there is "
                f"fetched{reason}",
                kind=kind,
                url=url,
                status=why.status if why is not None else None,
            )
        delay = self.delay
        if robots.parser is not None:
            if not robots.parser.can_fetch(ROBOTS_AGENT, url):
                raise FetchFailed(f"{url}: disallowed by {host}/robots.txt", kind="robots", url=url)
            crawl_delay = robots.parser.crawl_delay(ROBOTS_AGENT)
            if crawl_delay:
                delay = max(delay, float(crawl_delay))
        return delay

    # -- fetching -------------------------------------------------------------------------

    def fetch(self, url: str, *, headers: Mapping[str, str] | None = None) -> Fetched:
        """GET ``url`` politely, following redirects; a 2xx or 304 response read whole."""
        current = url
        for _hop in range(self.max_redirects + 1):
            parts = urlsplit(current)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise FetchFailed(f"{current}: not an http(s) URL", kind="url", url=url)
            delay = self._check_robots(current)
            got = self._get(current, headers=dict(headers or {}), politeness=delay)
            if got.status in (301, 302, 303, 307, 308):
                location = got.headers.get("location")
                if not location:
                    raise FetchFailed(
                        f"{current}: HTTP {got.status} without a Location",
                        kind="status",
                        url=url,
                        status=got.status,
                    )
                current = urljoin(current, location)
                continue
            return got
        raise FetchFailed(
            f"{url}: more than {self.max_redirects} redirects", kind="redirects", url=url
        )

    def _retry_after(self, response: httpx.Response | None, attempt: int) -> float:
        wait = self.backoff * (2**attempt)
        raw = response.headers.get("retry-after") if response is not None else None
        if raw:
            try:
                wait = float(raw)
            except ValueError:
                try:
                    wait = parsedate_to_datetime(raw).timestamp() - time.time()
                except (TypeError, ValueError):
                    pass
        return min(max(wait, 0.0), self.max_wait)

    def _get(
        self,
        url: str,
        *,
        headers: Mapping[str, str],
        politeness: float,
        retries: int | None = None,
    ) -> Fetched:
        tries = (self.retries if retries is None else retries) + 1
        last: FetchFailed | None = None
        for attempt in range(tries):
            self._wait_turn(self._host(url), politeness)
            response: httpx.Response | None = None
            try:
                status, resp_headers, body, response = self._once(url, headers)
            except FetchFailed as exc:
                exc.attempts = attempt + 1
                if exc.kind not in ("timeout", "network"):
                    raise
                last = exc
            else:
                if status in RETRY_STATUSES:
                    last = FetchFailed(
                        f"{url}: HTTP {status}", kind="status", url=url, status=status
                    )
                elif status >= 400:
                    raise FetchFailed(
                        f"{url}: HTTP {status}",
                        kind="status",
                        url=url,
                        status=status,
                        attempts=attempt + 1,
                    )
                else:
                    return Fetched(
                        url=url,
                        status=status,
                        headers=resp_headers,
                        content=body,
                        attempts=attempt + 1,
                    )
            if attempt + 1 < tries:
                self.sleep(self._retry_after(response, attempt))
        assert last is not None
        last.attempts = tries
        last.message = f"{last.message} (after {tries} attempts)"
        last.args = (last.message,)
        raise last

    def _once(
        self, url: str, headers: Mapping[str, str]
    ) -> tuple[int, dict[str, str], bytes, httpx.Response]:
        started = self.clock()
        try:
            with self.client.stream("GET", url, headers=dict(headers)) as response:
                lowered = {k.lower(): v for k, v in response.headers.items()}
                if response.status_code >= 300:
                    # A redirect, a 304 or an error: its body is not wanted.
                    return response.status_code, lowered, b"", response
                length = lowered.get("content-length")
                if length and length.isdigit() and int(length) > self.max_bytes:
                    raise FetchFailed(
                        f"{url}: {int(length)} bytes, more than the limit of {self.max_bytes}",
                        kind="too_big",
                        url=url,
                        status=response.status_code,
                    )
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise FetchFailed(
                            f"{url}: more than the limit of {self.max_bytes} bytes",
                            kind="too_big",
                            url=url,
                            status=response.status_code,
                        )
                    if self.clock() - started > self.deadline:
                        raise FetchFailed(
                            f"{url}: took more than {self.deadline:g} s",
                            kind="timeout",
                            url=url,
                        )
                    chunks.append(chunk)
                return response.status_code, lowered, b"".join(chunks), response
        except httpx.TimeoutException as exc:
            raise FetchFailed(
                f"{url}: timed out ({type(exc).__name__})", kind="timeout", url=url
            ) from None
        except httpx.TooManyRedirects:  # pragma: no cover - redirects are followed by hand
            raise FetchFailed(f"{url}: too many redirects", kind="redirects", url=url) from None
        except (httpx.TransportError, httpx.InvalidURL) as exc:
            raise FetchFailed(
                f"{url}: {type(exc).__name__}: {exc}", kind="network", url=url
            ) from None


__all__ = ["Fetched", "FetchFailed", "Fetcher", "USER_AGENT"]
