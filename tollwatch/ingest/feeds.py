"""Reading RSS and Atom feeds (feedparser): the entries, each with a stable key and a link."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import feedparser

from tollwatch.errors import InputError

MAX_KEY = 2000


@dataclass(frozen=True, kw_only=True, slots=True)
class FeedEntry:
    """One entry of a feed: its key (the entry's id, else its link), link, title and date."""

    key: str
    url: str | None
    title: str | None
    published: datetime.date | None


@dataclass(frozen=True, kw_only=True, slots=True)
class Feed:
    """A feed as read: its title and entries, in the feed's order."""

    title: str | None
    entries: tuple[FeedEntry, ...]


def _date(entry: dict) -> datetime.date | None:
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(name)
        if value:
            try:
                return datetime.date(value.tm_year, value.tm_mon, value.tm_mday)
            except (ValueError, AttributeError):
                continue
    return None


def parse_feed(data: bytes, *, url: str) -> Feed:
    """The entries of an RSS or Atom document. Raises :class:`InputError` when it is neither."""
    parsed = feedparser.parse(data, response_headers={"content-location": url})
    version = parsed.get("version") or ""
    if not version and not parsed.entries:
        problem = parsed.get("bozo_exception")
        why = f" ({type(problem).__name__}: {problem})" if problem else ""
        raise InputError(f"{url}: not an RSS or Atom feed{why}")
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        link = entry.get("link") or None
        key = (entry.get("id") or link or "").strip()[:MAX_KEY]
        if not key or key in seen:
            continue
        seen.add(key)
        entries.append(
            FeedEntry(
                key=key,
                url=link,
                title=(entry.get("title") or None),
                published=_date(entry),
            )
        )
    title = parsed.feed.get("title") if parsed.get("feed") else None
    return Feed(title=title or None, entries=tuple(entries))


__all__ = ["Feed", "FeedEntry", "parse_feed"]
