"""The ``export`` command: the ledger in another standard's shape, or the reviewed reports
as an evaluation file.

A thin shell over :mod:`tollwatch.export` and :mod:`tollwatch.ledger.query`; the store is
``--db URL`` as for the other ledger commands (:mod:`tollwatch.cli.ledger`).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from tollwatch.cli.ledger import add_db


def register(subparsers: Any) -> None:
    """Add the ``export`` command."""
    p = subparsers.add_parser(
        "export",
        help="export the ledger as ACLED, UCDP GED, HXL, GeoJSON, IDMC-shaped displacement or "
        "claims CSV, or the reviewed reports as an evaluation file",
        description="Export the ledger's incidents in another standard's own shape; "
        "'reviewed' writes the reports people reviewed as an evaluation file of task claims.",
    )
    p.add_argument(
        "format",
        choices=("acled", "ucdp", "hxl", "geojson", "claims", "displacement", "reviewed"),
    )
    add_db(p)
    p.add_argument(
        "--rule",
        default=None,
        help="reconcile rule: conservative, ucdp, latest, max (default: conservative for "
        "acled, as ACLED codes tolls; ucdp for the others)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    p.add_argument(
        "--partial",
        action="store_true",
        help="reviewed: also reports only partly reviewed (their unreviewed claims optional)",
    )
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    """Write the ledger's incidents (and situations) in the chosen format."""
    from tollwatch import model
    from tollwatch.export import export, format_of
    from tollwatch.ledger.query import claims_for, list_incidents, situation_claims
    from tollwatch.ledger.store import open_store
    from tollwatch.ledger.views import SITUATION_FIGURES

    if args.format == "reviewed":
        return _export_reviewed(args)
    rule = args.rule or format_of(args.format).default_rule
    store = open_store(args.db, create=False)
    try:
        with store.read() as conn:
            incidents = list_incidents(conn, rule=rule)
            # Figures about situations (no incident) travel with the incidents' claims; the
            # claims CSV, one row a claim, also has those of no incident and no situation (a
            # war's running toll: "more than 320,000 killed since 2011").
            figures = model.FIGURES if args.format == "claims" else SITUATION_FIGURES
            claims = claims_for(conn, [i.id for i in incidents]) + situation_claims(
                conn, figures=figures
            )
    finally:
        store.dispose()
    count = export(args.format, incidents, claims, rule=rule, out=args.output or sys.stdout)
    if args.output:
        print(f"wrote {count} rows to {args.output} (rule {rule})", file=sys.stderr)
    return 0


def _export_reviewed(args: argparse.Namespace) -> int:
    import io

    from tollwatch.export import reviewed
    from tollwatch.export.write import write_text
    from tollwatch.ledger.store import open_store

    store = open_store(args.db, create=False)
    buffer = io.StringIO()
    try:
        with store.read() as conn:
            count = reviewed.write(conn, buffer, partial=args.partial)
    finally:
        store.dispose()
    if not args.output:
        sys.stdout.write(buffer.getvalue())
        return 0
    write_text(args.output, buffer.getvalue())
    print(f"wrote {count} reviewed reports to {args.output}", file=sys.stderr)
    return 0
