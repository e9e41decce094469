"""The ledger's ids: stable, made from content hashes, and made only here.

A report's own id (``sha256:`` of its normalised text) is made by :mod:`tollwatch.model`; the
ids below derive from it, so the same report gives the same claim, report-incident and ledger
incident ids on every store and in every run.
"""

from __future__ import annotations

import hashlib

from tollwatch.model import Discard


def short_hash(*parts: str, prefix: str) -> str:
    """A stable id: ``prefix`` + 24 hex digits of the SHA-256 of the parts."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]
    return f"{prefix}{digest}"


def claim_gid(report_id: str, local_id: str) -> str:
    """The global id of claim ``local_id`` ("c1") of report ``report_id``."""
    return short_hash(report_id, local_id, prefix="cl-")


def report_incident_gid(report_id: str, local_id: str) -> str:
    """The global id of incident ``local_id`` ("i1") of report ``report_id``."""
    return short_hash(report_id, local_id, prefix="ri-")


def incident_gid(founder: str) -> str:
    """A ledger incident's id: derived from the report incident that founded it."""
    return "inc-" + founder.removeprefix("ri-")


def discard_id(discard: Discard) -> str:
    """The id of an input that could not be read: stable for the same source and reason."""
    return short_hash(discard.source, str(discard.line or ""), discard.reason, prefix="input:")


__all__ = ["claim_gid", "discard_id", "incident_gid", "report_incident_gid", "short_hash"]
