"""The in-memory linker: incidents blocked for candidate search, and :func:`link_all`.

The reference the store's linking (:mod:`tollwatch.ledger.linking_store`) agrees with, and
what the evaluation links extracted records with. Blocks are exactly what the gates of
:func:`tollwatch.ledger.linking.score` allow (see there), so blocking never hides a link.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from tollwatch.ledger.linking import (
    DEFAULT_THRESHOLD,
    MAX_GAP_DAYS,
    LinkCandidate,
    LinkScore,
    best_link,
    date_window,
    merge_candidates,
    norm_place,
)

BUCKET_DAYS = 7
MAX_BUCKETS = 60  # a year-wide date sits in at most this many buckets


def _buckets(window: tuple[date, date, int] | None, pad: int) -> list[int | None] | None:
    """Week buckets a date window (padded) covers; [None] undated; None when too wide."""
    if window is None:
        return [None]
    first = (window[0].toordinal() - pad) // BUCKET_DAYS
    last = (window[1].toordinal() + pad) // BUCKET_DAYS
    if last - first >= MAX_BUCKETS:
        return None
    return list(range(first, last + 1))


_Block = tuple[str | None, str | None]  # (country, normalised admin1)


class LinkIndex:
    """Incidents blocked by (country, admin1) and week bucket, for candidate search.

    A query sees only incidents of its country whose admin1 is equal or unknown (any admin1
    when its own is unknown) and whose date windows lie in the same or neighbouring weeks;
    undated incidents, and ones too wide to bucket (a year), of those blocks are always seen;
    an undated query, or one too wide to bucket, sees its whole blocks. Never all pairs.
    """

    def __init__(self) -> None:
        self._items: dict[str, LinkCandidate] = {}
        self._where: dict[str, tuple[_Block, list[int | None]]] = {}
        # block -> bucket -> keys; None bucket holds undated and too-wide incidents.
        self._blocks: dict[_Block, dict[int | None, set[str]]] = defaultdict(
            lambda: defaultdict(set)
        )
        self._country_blocks: dict[str | None, set[_Block]] = defaultdict(set)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def get(self, key: str) -> LinkCandidate | None:
        """The indexed incident with this key, or None."""
        return self._items.get(key)

    def add(self, c: LinkCandidate) -> None:
        """Index an incident (replacing one with the same key)."""
        if c.key in self._items:
            self.remove(c.key)
        block = ((c.country or "").upper() or None, norm_place(c.admin1))
        buckets = _buckets(date_window(c), 0) or [None]
        self._items[c.key] = c
        self._where[c.key] = (block, buckets)
        table = self._blocks[block]
        for b in buckets:
            table[b].add(c.key)
        self._country_blocks[block[0]].add(block)

    def remove(self, key: str) -> None:
        """Drop an incident from the index (no-op when absent)."""
        if key not in self._items:
            return
        block, buckets = self._where.pop(key)
        table = self._blocks[block]
        for b in buckets:
            table[b].discard(key)
            if not table[b]:
                del table[b]
        del self._items[key]

    def candidates(self, c: LinkCandidate) -> list[LinkCandidate]:
        """Indexed incidents that may link to ``c``: its blocks only, sorted by key."""
        country = (c.country or "").upper() or None
        admin1 = norm_place(c.admin1)
        if admin1 is None:
            blocks = sorted(self._country_blocks.get(country, ()), key=str)
        else:
            blocks = [(country, admin1), (country, None)]
        window = date_window(c)
        # An undated query (or one too wide to bucket) may link with any date: whole blocks.
        buckets = _buckets(window, MAX_GAP_DAYS) if window is not None else None
        found: set[str] = set()
        for block in blocks:
            table = self._blocks.get(block)
            if not table:
                continue
            if buckets is None:
                for keys in table.values():
                    found |= keys
                continue
            for b in buckets:
                found |= table.get(b, set())
            found |= table.get(None, set())
        found.discard(c.key)
        return [self._items[k] for k in sorted(found)]

    def best_link(
        self, c: LinkCandidate, *, threshold: float = DEFAULT_THRESHOLD
    ) -> tuple[LinkCandidate | None, LinkScore]:
        """best_link over this index's candidates for ``c``."""
        return best_link(c, self.candidates(c), threshold=threshold)


def link_all(
    items: Sequence[LinkCandidate], *, threshold: float = DEFAULT_THRESHOLD
) -> dict[str, str]:
    """Link incidents in the given order: {item key: ledger incident key}.

    Each item joins the best existing incident (scored against the merged incident) or founds
    one keyed by itself. The reference in-memory linker; a store does the same per report.
    """
    index = LinkIndex()
    out: dict[str, str] = {}
    for item in items:
        match, _ = index.best_link(item, threshold=threshold)
        if match is None:
            index.add(item)
            out[item.key] = item.key
        else:
            index.add(replace(merge_candidates(match, item), key=match.key))
            out[item.key] = match.key
    return out


__all__ = ["BUCKET_DAYS", "MAX_BUCKETS", "LinkIndex", "link_all"]
