"""Reviewed reports as an evaluation file: a desk's corrections become a measured test set.

One JSON object a line, in the format of ``shared/eval/claims-dev.jsonl`` (task ``claims``):
``{"id", "task": "claims", "text", "meta": {"title", "published", "outlet", "url"},
"gold": {"claims": [...], "incidents": {...}, "main_incident"}}``, so ``tollwatch eval`` scores
extraction against what people decided.

- A report is exported when every one of its claims has been reviewed (accepted, corrected
  or rejected); with ``partial``, also when some have, its unreviewed claims then marked
  ``optional`` (they count neither way).
- Gold claims are the reviewed claims (corrected values, not the machine's); rejected claims
  are left out. Each names its incident as ``I1``, ``I2``… in the order the report's claims
  first tell of them (null: a claim about no single incident).
- Gold incidents carry the ledger incident's date, place (its name and the report's own words
  for it, and its province), sub-event type and perpetrators, reviewed facts over derived
  ones; ``main_incident`` is the incident of the report's main incident.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any, TextIO

from sqlalchemy import Connection, select

from tollwatch.ledger import schema as s
from tollwatch.ledger import views
from tollwatch.ledger.query import get_incident, report_claims


def reviewed_report_ids(conn: Connection) -> list[str]:
    """Reports with at least one reviewed claim, oldest publication first."""
    c, h, r = s.claims, s.claim_review_heads, s.reports
    rows = conn.execute(
        select(r.c.id)
        .where(r.c.id.in_(select(c.c.report_id).join(h, h.c.claim_id == c.c.id)))
        .order_by(r.c.published, r.c.id)
    ).all()
    return [row[0] for row in rows]


def _gold_claim(c: views.LedgerClaim, label: str | None, *, optional: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "figure": c.figure,
        "value": c.value,
        "qualifier": c.qualifier,
        "victims": list(c.victims),
        "claimant": c.claimant,
        "incident": label,
    }
    if c.unit != "people":
        out["unit"] = c.unit
    if optional:
        out["optional"] = True
    return out


def _gold_incident(conn: Connection, incident_id: str, report_id: str) -> dict[str, Any]:
    inc = get_incident(conn, incident_id, links=False)
    ri = s.report_incidents
    words = conn.execute(
        select(ri.c.place_name, ri.c.place_text).where(
            ri.c.report_id == report_id, ri.c.incident_id == incident_id
        )
    ).all()
    names = list(
        dict.fromkeys(n for n in [inc.place_name, *(x for row in words for x in row)] if n)
    )
    place: dict[str, Any] = {}
    if names:
        place["name"] = names
        if inc.admin1:
            place["admin1"] = inc.admin1
    return {
        "date": inc.date_start.isoformat() if inc.date_start else None,
        "place": place,
        "sub_event_type": inc.sub_event_type,
        "perpetrators": [{"actor": p.actor, "alleged_by": p.alleged_by} for p in inc.perpetrators],
    }


def report_doc(conn: Connection, report_id: str, *, partial: bool = False) -> dict[str, Any] | None:
    """The evaluation record of one report, or None when it is not (fully) reviewed."""
    claims = report_claims(conn, report_id)
    if not claims or not any(c.review for c in claims):
        return None
    if not partial and not all(c.review for c in claims):
        return None
    r = s.reports
    row = conn.execute(select(r).where(r.c.id == report_id)).mappings().one()
    labels: dict[str, str] = {}
    gold_claims = []
    for c in claims:
        if c.review == "rejected":
            continue
        label = None
        if c.incident_id is not None:
            label = labels.setdefault(c.incident_id, f"I{len(labels) + 1}")
        gold_claims.append(_gold_claim(c, label, optional=c.review is None))
    main = None
    if row["main_incident"]:
        ri = s.report_incidents
        main_id = conn.execute(
            select(ri.c.incident_id).where(ri.c.id == row["main_incident"])
        ).scalar()
        main = labels.get(main_id) if main_id else None
    return {
        "id": row["doc_id"] or row["id"],
        "task": "claims",
        "text": row["text"],
        "meta": {
            "title": row["title"],
            "published": row["published"].isoformat() if row["published"] else None,
            "outlet": row["outlet"],
            "url": row["url"],
        },
        "gold": {
            "claims": gold_claims,
            "incidents": {
                label: _gold_incident(conn, incident_id, report_id)
                for incident_id, label in labels.items()
            },
            "main_incident": main,
        },
    }


def reviewed_docs(
    conn: Connection, *, partial: bool = False, report_ids: Sequence[str] | None = None
) -> Iterator[dict[str, Any]]:
    """The evaluation records of the reviewed reports (see the module doc)."""
    for report_id in report_ids if report_ids is not None else reviewed_report_ids(conn):
        doc = report_doc(conn, report_id, partial=partial)
        if doc is not None:
            yield doc


def write(conn: Connection, out: TextIO, *, partial: bool = False) -> int:
    """Write the reviewed reports as JSONL to ``out``; return how many were written."""
    n = 0
    for doc in reviewed_docs(conn, partial=partial):
        out.write(json.dumps(doc, ensure_ascii=False) + "\n")
        n += 1
    return n
