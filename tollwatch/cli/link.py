"""``tollwatch link merge|split|undo|log``: recorded decisions on incident links.

A thin shell over :mod:`tollwatch.ledger.decisions`. Incidents (and the reports to split
off) are named by their ids or unique prefixes of them, as ``tollwatch show`` takes them.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from tollwatch.cli.ledger import add_db, print_table
from tollwatch.errors import ConfigError

LOG_COLUMNS = ("id", "when", "kind", "incident", "other", "moved", "by", "note")


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "link",
        help="merge, split, or undo incident links (recorded decisions), or list them",
        description="Decisions on incident links. Nothing is deleted: each decision is "
        "recorded and can be undone. Incidents are named by id or a unique prefix of it.",
    )
    link_sub = p.add_subparsers(dest="link_command", metavar="ACTION")
    m = link_sub.add_parser("merge", help="merge incident OTHER into KEEP")
    m.add_argument("keep", metavar="KEEP")
    m.add_argument("other", metavar="OTHER")
    sp = link_sub.add_parser("split", help="split reports off an incident into a new one")
    sp.add_argument("incident", metavar="INCIDENT")
    sp.add_argument(
        "members",
        nargs="+",
        metavar="REPORT",
        help="report id, doc id or report incident id (or a unique prefix of an id)",
    )
    u = link_sub.add_parser("undo", help="undo a merge or split")
    u.add_argument("decision", type=_decision_id, metavar="DECISION")
    for sub in (m, sp, u):
        add_db(sub)
        sub.add_argument("--by", required=True, metavar="NAME", help="who decides")
        sub.add_argument("--note", metavar="TEXT", help="why")
        sub.add_argument("--json", action="store_true", help="print the decision as JSON")
        sub.set_defaults(func=cmd_link)
    log = link_sub.add_parser("log", help="list the decisions, newest first")
    log.add_argument(
        "incident", nargs="?", metavar="INCIDENT", help="only the decisions on this incident"
    )
    add_db(log)
    log.add_argument("--limit", type=int, metavar="N", help="at most N decisions")
    log.add_argument("--format", choices=("table", "json"), default="table")
    log.set_defaults(func=cmd_log)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def _decision_id(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a decision number: {value!r}") from None


def cmd_link(args: argparse.Namespace) -> int:
    from tollwatch.ledger import decisions
    from tollwatch.ledger.store import open_store

    store = open_store(args.db, create=False)
    try:
        if args.link_command == "merge":
            d = decisions.merge(store, args.keep, args.other, by=args.by, note=args.note)
        elif args.link_command == "split":
            d = decisions.split(store, args.incident, args.members, by=args.by, note=args.note)
        else:
            d = decisions.undo(store, args.decision, by=args.by, note=args.note)
    finally:
        store.dispose()
    if args.json:
        print(json.dumps(d.to_dict(), indent=2))
    else:
        print(
            f"decision {d.id}: {d.kind} {d.incident_id or ''} {d.other_incident_id or ''}".rstrip()
            + f" ({len(d.moves)} report incidents moved)"
        )
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    from tollwatch.ledger import decisions
    from tollwatch.ledger.store import open_store

    if args.limit is not None and args.limit < 1:
        raise ConfigError(f"--limit must be at least 1, not {args.limit}")
    store = open_store(args.db, create=False)
    try:
        with store.read() as conn:
            found = decisions.log(conn, incident_id=args.incident, limit=args.limit)
    finally:
        store.dispose()
    out = sys.stdout
    if args.format == "json":
        json.dump([d.to_dict() for d in found], out, indent=2, ensure_ascii=False)
        out.write("\n")
        return 0
    if not found:
        out.write(
            "no decisions" + (f" on incident {args.incident}" if args.incident else "") + "\n"
        )
        return 0
    rows = [
        {
            "id": d.id,
            "when": d.created_at.strftime("%Y-%m-%d %H:%M") if d.created_at else "",
            "kind": d.kind
            + (f" of {d.undoes}" if d.undoes else "")
            + (f" (undone by {d.undone_by})" if d.undone_by else ""),
            "incident": d.incident_id or "",
            "other": d.other_incident_id or "",
            "moved": len(d.moves),
            "by": d.decided_by,
            "note": d.note or "",
        }
        for d in found
    ]
    print_table(rows, LOG_COLUMNS, out)
    return 0
