"""Watching feeds: ``tollwatch watch FEED_URL... [--every 15m] [--once]``.

Each poll, for each feed:

1. The feed is fetched with a conditional request (``If-None-Match`` / ``If-Modified-Since``
   from the validators the ledger kept); a 304 costs the server nothing more.
2. Its entries are read (feedparser); those whose page is already stored are passed over.
   An entry whose article URL the ledger already took in (from another feed, say) is
   recorded as that report without being fetched again.
3. Each new page is fetched politely (:class:`tollwatch.ingest.fetch.Fetcher`: robots.txt,
   a per-host delay, retries with backoff, a size limit, timeouts), and ingested like a page
   of an archive: its main text taken out with trafilatura, extracted, stored, linked.
4. The feed's state (validators, polls, failures in a row, the last error), each entry's
   fate and every failed fetch are recorded in the ledger (:mod:`tollwatch.ledger.feeds`).

A feed that fails keeps failing loudly: every poll names it on stderr with how long it has
been failing, its failures are recorded, and a run with ``--once`` exits non-zero. A failed
page is tried again at the next poll.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tollwatch.errors import ConfigError, InputError
from tollwatch.ingest.feeds import FeedEntry, parse_feed
from tollwatch.ingest.fetch import Fetcher, FetchFailed
from tollwatch.jobs.extraction import Extractor
from tollwatch.jobs.ingest import ingest_items
from tollwatch.ledger import feeds as ledger_feeds
from tollwatch.ledger.store import Store
from tollwatch.ledger.summary import IngestSummary
from tollwatch.model import Page

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hr|d)?\s*$", re.I)
_UNITS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400}


def parse_every(value: str) -> float:
    """``15m``, ``1h``, ``90s``, ``2d`` or plain seconds, as seconds (at least one)."""
    m = _DURATION.match(value)
    if not m:
        raise ConfigError(f"--every {value!r}: expected a duration such as 15m, 1h or 90s")
    seconds = float(m[1]) * _UNITS[(m[2] or "s").lower()]
    if seconds < 1:
        raise ConfigError(f"--every {value!r}: at least one second")
    return seconds


def page_key(url: str) -> str:
    """The input key of a fetched page: its URL (after redirects)."""
    return "url:" + url


@dataclass(kw_only=True)
class FeedPoll:
    """What one poll of one feed did."""

    url: str
    status: int | None = None
    not_modified: bool = False
    entries: int = 0
    new_entries: int = 0
    pages_fetched: int = 0
    pages_failed: int = 0
    error: str | None = None
    failing_since: str | None = None  # the last good poll, when the feed is failing
    failures_in_a_row: int = 0

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def line(self) -> str:
        if self.error is not None:
            since = (
                f"last good poll {self.failing_since}" if self.failing_since else "never polled ok"
            )
            return (
                f"feed {self.url}: FAILING ({self.failures_in_a_row} polls in a row, {since}): "
                f"{self.error}"
            )
        if self.not_modified:
            return f"feed {self.url}: not modified"
        return (
            f"feed {self.url}: {self.entries} entries, {self.new_entries} new, "
            f"{self.pages_fetched} pages fetched, {self.pages_failed} failed"
        )


@dataclass(kw_only=True)
class PollSummary:
    """One poll of every feed."""

    feeds: list[FeedPoll] = field(default_factory=list)
    ingest: IngestSummary | None = None

    @property
    def failing(self) -> list[FeedPoll]:
        return [f for f in self.feeds if f.error is not None]

    def to_dict(self) -> dict[str, Any]:
        return {
            "feeds": [f.to_dict() for f in self.feeds],
            "ingest": self.ingest.to_dict() if self.ingest is not None else None,
        }


def _conditional(state: ledger_feeds.FeedState) -> dict[str, str]:
    headers = {}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers


def _fail(
    store: Store, poll: FeedPoll, exc: FetchFailed | InputError, *, kind: str | None = None
) -> None:
    status = getattr(exc, "status", None)
    ledger_feeds.record_failure(
        store,
        url=getattr(exc, "url", poll.url),
        feed_url=poll.url,
        kind=kind or getattr(exc, "kind", "parse"),
        status=status,
        message=exc.message,
        attempts=getattr(exc, "attempts", 1),
    )
    state = ledger_feeds.record_poll(store, poll.url, status=status, error=exc.message)
    poll.status = status
    poll.error = exc.message
    poll.failures_in_a_row = state.failures
    poll.failing_since = state.last_ok_at.isoformat() if state.last_ok_at else None


def poll_feed(
    store: Store,
    url: str,
    *,
    fetcher: Fetcher,
    pages: list[tuple[Page, FeedEntry]],
    fetched: dict[str, Page] | None = None,
) -> FeedPoll:
    """Poll one feed: record its state; add the pages to ingest to ``pages``.

    ``fetched`` holds the pages fetched in this poll by URL (shared by the feeds of a poll),
    so an article two feeds list is fetched once.
    """
    fetched = {} if fetched is None else fetched
    poll = FeedPoll(url=url)
    state = ledger_feeds.feed_state(store, url)
    try:
        got = fetcher.fetch(url, headers=_conditional(state))
    except FetchFailed as exc:
        _fail(store, poll, exc)
        return poll
    poll.status = got.status
    if got.not_modified:
        poll.not_modified = True
        ledger_feeds.record_poll(store, url, status=304)
        return poll
    try:
        feed = parse_feed(got.content, url=got.url)
    except InputError as exc:
        _fail(store, poll, exc, kind="parse")
        return poll
    poll.entries = len(feed.entries)
    done = ledger_feeds.entries_done(store, url, [e.key for e in feed.entries])
    todo = [e for e in feed.entries if e.key not in done]
    poll.new_entries = len(todo)
    known = ledger_feeds.reports_for_keys(store, [page_key(e.url) for e in todo if e.url])
    for entry in todo:
        if not entry.url:
            ledger_feeds.record_entry(
                store, url, key=entry.key, url=None, title=entry.title, status="failed"
            )
            ledger_feeds.record_failure(
                store, url=url, feed_url=url, kind="entry", message=f"entry {entry.key}: no link"
            )
            poll.pages_failed += 1
            continue
        stored = known.get(page_key(entry.url))
        if stored is not None:
            ledger_feeds.record_entry(
                store,
                url,
                key=entry.key,
                url=entry.url,
                title=entry.title,
                status="stored",
                report_id=stored,
            )
            continue
        if entry.url in fetched:
            pages.append((fetched[entry.url], entry))
            continue
        try:
            page = fetcher.fetch(entry.url)
        except FetchFailed as exc:
            ledger_feeds.record_failure(
                store,
                url=entry.url,
                feed_url=url,
                kind=exc.kind,
                status=exc.status,
                message=exc.message,
                attempts=exc.attempts,
            )
            ledger_feeds.record_entry(
                store, url, key=entry.key, url=entry.url, title=entry.title, status="failed"
            )
            poll.pages_failed += 1
            continue
        poll.pages_fetched += 1
        fetched[entry.url] = Page(
            source=page.url,
            data=page.content,
            key=page_key(entry.url),
            url=page.url,
            published=entry.published,
        )
        pages.append((fetched[entry.url], entry))
    ledger_feeds.record_poll(
        store,
        url,
        status=got.status,
        etag=got.headers.get("etag"),
        last_modified=got.headers.get("last-modified"),
        title=feed.title,
        new_entries=len(todo),
    )
    return poll


def poll_once(
    urls: Sequence[str],
    *,
    store: Store,
    fetcher: Fetcher,
    extractor: Extractor | None = None,
    model_name: str | None = None,
) -> PollSummary:
    """Poll every feed once and ingest the new pages; record everything in the ledger."""
    summary = PollSummary()
    pages: list[tuple[Page, FeedEntry]] = []
    fetched: dict[str, Page] = {}
    by_feed: list[tuple[str, int, int]] = []
    for url in urls:
        start = len(pages)
        summary.feeds.append(poll_feed(store, url, fetcher=fetcher, pages=pages, fetched=fetched))
        by_feed.append((url, start, len(pages)))
    if pages:
        summary.ingest = ingest_items(
            list(fetched.values()), store=store, extractor=extractor, model_name=model_name
        )
        stored = ledger_feeds.reports_for_keys(store, [p.key for p, _ in pages])
        for url, start, end in by_feed:
            for page, entry in pages[start:end]:
                report_id = stored.get(page.key)
                ledger_feeds.record_entry(
                    store,
                    url,
                    key=entry.key,
                    url=entry.url,
                    title=entry.title,
                    status="stored" if report_id else "failed",
                    report_id=report_id,
                )
    return summary


def watch(
    urls: Sequence[str],
    *,
    store: Store,
    every: float = 900.0,
    once: bool = False,
    fetcher: Fetcher | None = None,
    extractor: Extractor | None = None,
    model_name: str | None = None,
    on_poll: Callable[[PollSummary], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    polls: int | None = None,
) -> PollSummary:
    """Poll ``urls`` every ``every`` seconds (once with ``once``); return the last poll.

    ``on_poll`` is called with each poll's summary (the CLI prints it). ``polls`` bounds the
    number of polls (None: until interrupted).
    """
    if not urls:
        raise ConfigError("no feed to watch")
    for url in urls:
        if not re.match(r"^https?://", url, re.I):
            raise ConfigError(f"{url!r} is not an http(s) URL")
    own = fetcher is None
    fetcher = fetcher or Fetcher()
    done = 0
    try:
        while True:
            started = time.monotonic()
            last = poll_once(
                urls, store=store, fetcher=fetcher, extractor=extractor, model_name=model_name
            )
            done += 1
            if on_poll is not None:
                on_poll(last)
            if once or (polls is not None and done >= polls):
                return last
            sleep(max(0.0, every - (time.monotonic() - started)))
    finally:
        if own:
            fetcher.close()


__all__ = ["FeedPoll", "PollSummary", "page_key", "parse_every", "poll_feed", "poll_once", "watch"]
