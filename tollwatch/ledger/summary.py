"""What storing a run of records did: :class:`IngestSummary` and :class:`Stored`."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

MAX_LISTED = 1000


def reason_kind(reason: str) -> str:
    """Group discard reasons for the summary (offsets and byte values aside)."""
    return re.sub(r"\b(?:0x[0-9a-f]+|\d+)\b", "N", reason)


@dataclass(frozen=True, kw_only=True)
class Stored:
    """What storing one record did."""

    status: str  # new | present
    copy_of: str | None = None
    # The stored report this earlier publication made its copy (it was stored first).
    original_of: str | None = None
    claims: int = 0
    report_incidents: int = 0
    incidents_new: int = 0
    incidents_linked: int = 0


@dataclass(kw_only=True)
class IngestSummary:
    """What one ingest run did."""

    db_url: str
    reports_new: int = 0
    copies: int = 0  # of the new reports, those stored as near-duplicates of another
    already_present: int = 0
    discarded: int = 0  # new discards stored (unreadable input or failed extraction)
    discard_reasons: Counter[str] = field(default_factory=Counter)
    # (where, reason) of each new discard, the first MAX_LISTED of them (a run over a
    # million bad lines must not hold them all).
    discards: list[tuple[str, str]] = field(default_factory=list)
    # Inputs of this run that are not stored reports: the new discards and the discards a
    # store already held (an unreadable file named again). Non-zero: the run exits 1.
    refused: int = 0
    claims: int = 0
    report_incidents: int = 0
    incidents_new: int = 0
    incidents_linked: int = 0  # report incidents that joined an existing ledger incident
    seconds: float = 0.0

    def note_discard(self, where: str, reason: str) -> None:
        """Count one new discard (and list it, up to ``MAX_LISTED``)."""
        self.discarded += 1
        self.refused += 1
        self.discard_reasons[reason_kind(reason)] += 1
        if len(self.discards) < MAX_LISTED:
            self.discards.append((where, reason))

    def note_stored(self, stored: Stored) -> None:
        """Count what storing one record did."""
        if stored.status == "present":
            self.already_present += 1
            return
        self.reports_new += 1
        if stored.copy_of is not None or stored.original_of is not None:
            self.copies += 1
        self.claims += stored.claims
        self.report_incidents += stored.report_incidents
        self.incidents_new += stored.incidents_new
        self.incidents_linked += stored.incidents_linked

    @property
    def reports_seen(self) -> int:
        return self.reports_new + self.already_present + self.discarded

    def to_dict(self) -> dict[str, Any]:
        return {
            "db": self.db_url,
            "reports_new": self.reports_new,
            "copies": self.copies,
            "already_present": self.already_present,
            "discarded": self.discarded,
            "refused": self.refused,
            "discard_reasons": dict(sorted(self.discard_reasons.items())),
            "discards": [{"source": w, "reason": r} for w, r in self.discards],
            "claims": self.claims,
            "report_incidents": self.report_incidents,
            "incidents_new": self.incidents_new,
            "incidents_linked": self.incidents_linked,
            "seconds": round(self.seconds, 3),
        }

    def lines(self) -> list[str]:
        """The summary as people read it."""
        rate = self.reports_seen / self.seconds if self.seconds > 0 else 0.0
        out = [
            f"reports: {self.reports_new} new ({self.copies} of them copies of another report), "
            f"{self.already_present} already present, {self.discarded} discarded",
            f"claims: {self.claims}; report incidents: {self.report_incidents}",
            f"ledger incidents: {self.incidents_new} new, {self.incidents_linked} report incidents "
            "linked to an existing one",
        ]
        for reason, count in sorted(self.discard_reasons.items(), key=lambda kv: (-kv[1], kv[0])):
            out.append(f"  discarded ({count}): {reason}")
        out.append(f"{self.seconds:.1f}s, {rate:.1f} reports/s")
        return out


__all__ = ["MAX_LISTED", "IngestSummary", "Stored", "reason_kind"]
