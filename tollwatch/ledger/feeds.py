"""Feeds in the ledger: each feed's state, the entries it listed, and every failed fetch.

What ``tollwatch watch`` keeps between polls (so a restart resumes) and what shows a feed's
health: ``feeds`` (validators for conditional requests, polls, failures in a row, the last
error), ``feed_entries`` (each entry and what became of its page) and ``fetch_failures``
(every failed fetch, appended, never deleted).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select, update

from tollwatch.ledger import schema as s
from tollwatch.ledger.store import Store, insert_ignore, now


@dataclass(frozen=True, kw_only=True)
class FeedState:
    """A feed as the ledger knows it."""

    url: str
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    polls: int = 0
    not_modified: int = 0
    entries: int = 0
    failures: int = 0  # polls failed in a row
    last_status: int | None = None
    last_error: str | None = None
    last_polled_at: datetime | None = None
    last_ok_at: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        for key in ("last_polled_at", "last_ok_at"):
            out[key] = out[key].isoformat() if out[key] else None
        return out


def _ensure(conn: Connection, url: str) -> None:
    stamp = now()
    insert_ignore(
        conn,
        s.feeds,
        [
            {
                "url": url,
                "polls": 0,
                "not_modified": 0,
                "entries": 0,
                "failures": 0,
                "created_at": stamp,
                "updated_at": stamp,
            }
        ],
    )


def feed_state(store: Store, url: str) -> FeedState:
    """The stored state of the feed at ``url`` (a fresh one if it was never polled)."""
    with store.read() as conn:
        row = conn.execute(select(s.feeds).where(s.feeds.c.url == url)).mappings().first()
    if row is None:
        return FeedState(url=url)
    return FeedState(**{k: row[k] for k in FeedState.__dataclass_fields__})


def list_feeds(store: Store) -> list[FeedState]:
    """Every feed the ledger knows, by URL."""
    with store.read() as conn:
        rows = conn.execute(select(s.feeds).order_by(s.feeds.c.url)).mappings().all()
    return [FeedState(**{k: r[k] for k in FeedState.__dataclass_fields__}) for r in rows]


def record_poll(
    store: Store,
    url: str,
    *,
    status: int | None,
    error: str | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    title: str | None = None,
    new_entries: int = 0,
) -> FeedState:
    """Record one poll of a feed: a success (validators kept) or a failure (counted)."""

    def work(conn: Connection) -> None:
        _ensure(conn, url)
        f = s.feeds
        stamp = now()
        values: dict[str, Any] = {
            "polls": f.c.polls + 1,
            "last_status": status,
            "last_polled_at": stamp,
            "updated_at": stamp,
        }
        if error is None:
            values.update(failures=0, last_error=None, last_ok_at=stamp)
            values["entries"] = f.c.entries + new_entries
            if status == 304:
                values["not_modified"] = f.c.not_modified + 1
            else:
                values.update(etag=etag, last_modified=last_modified)
            if title:
                values["title"] = title
        else:
            values.update(failures=f.c.failures + 1, last_error=error)
        conn.execute(update(f).where(f.c.url == url).values(**values))

    store.run_write(work, locks=[f"feed:{url}"])
    return feed_state(store, url)


def record_failure(
    store: Store,
    *,
    url: str,
    kind: str,
    message: str,
    feed_url: str | None = None,
    status: int | None = None,
    attempts: int = 1,
) -> None:
    """Append a failed fetch (of a feed or of one of its pages)."""
    row = {
        "feed_url": feed_url,
        "url": url,
        "kind": kind,
        "status": status,
        "message": message,
        "attempts": attempts,
        "created_at": now(),
    }
    store.run_write(lambda conn: conn.execute(s.fetch_failures.insert(), [row]))


def fetch_failures(store: Store, *, feed_url: str | None = None) -> list[dict[str, Any]]:
    """The failed fetches recorded (of one feed, or all), oldest first."""
    ff = s.fetch_failures
    query = select(ff).order_by(ff.c.id)
    if feed_url is not None:
        query = query.where(ff.c.feed_url == feed_url)
    with store.read() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def entries_done(store: Store, feed_url: str, keys: Iterable[str]) -> set[str]:
    """The entry keys of ``feed_url`` whose page is stored (failed ones are tried again)."""
    wanted = list(dict.fromkeys(keys))
    e = s.feed_entries
    found: set[str] = set()
    with store.read() as conn:
        for start in range(0, len(wanted), 500):
            found.update(
                conn.execute(
                    select(e.c.entry_key).where(
                        e.c.feed_url == feed_url,
                        e.c.status == "stored",
                        e.c.entry_key.in_(wanted[start : start + 500]),
                    )
                ).scalars()
            )
    return found


def record_entry(
    store: Store,
    feed_url: str,
    *,
    key: str,
    url: str | None,
    title: str | None,
    status: str,
    report_id: str | None = None,
) -> None:
    """Record what became of an entry's page: ``stored`` (with its report) or ``failed``."""

    def work(conn: Connection) -> None:
        _ensure(conn, feed_url)
        e = s.feed_entries
        stamp = now()
        inserted = insert_ignore(
            conn,
            e,
            [
                {
                    "feed_url": feed_url,
                    "entry_key": key,
                    "url": url,
                    "title": title,
                    "status": status,
                    "report_id": report_id,
                    "attempts": 1,
                    "created_at": stamp,
                    "updated_at": stamp,
                }
            ],
        )
        if not inserted:
            conn.execute(
                update(e)
                .where(e.c.feed_url == feed_url, e.c.entry_key == key)
                .values(
                    status=status,
                    report_id=report_id,
                    attempts=e.c.attempts + 1,
                    updated_at=stamp,
                )
            )

    store.run_write(work, locks=[f"feed:{feed_url}"])


def reports_for_keys(store: Store, keys: Iterable[str]) -> dict[str, str]:
    """{input key: stored report id} for the keys the ledger has taken in."""
    wanted = list(dict.fromkeys(keys))
    k = s.input_keys
    out: dict[str, str] = {}
    with store.read() as conn:
        for start in range(0, len(wanted), 500):
            out.update(
                conn.execute(
                    select(k.c.key, k.c.report_id).where(k.c.key.in_(wanted[start : start + 500]))
                ).all()
            )
    return out


__all__ = [
    "FeedState",
    "entries_done",
    "feed_state",
    "fetch_failures",
    "list_feeds",
    "record_entry",
    "record_failure",
    "record_poll",
    "reports_for_keys",
]
