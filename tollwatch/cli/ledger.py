"""The ledger commands: ``ingest``, ``incidents`` and ``show`` (``export`` is in
:mod:`tollwatch.cli.export`, ``link`` in :mod:`tollwatch.cli.link`).

A thin shell over :mod:`tollwatch.jobs` and :mod:`tollwatch.ledger`: each handler parses
options, calls the library, and prints what it returns. The store is ``--db URL`` or
``TOLLWATCH_DB`` or the default SQLite file in the data folder.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any, TextIO

from tollwatch.cli.terminal import safe
from tollwatch.errors import ConfigError, InputError

TABLE_FORMATS = ("table", "json", "csv")
QUOTE_WIDTH = 70


def add_db(parser: argparse.ArgumentParser) -> None:
    """The ``--db`` option every ledger command takes."""
    parser.add_argument(
        "--db",
        metavar="URL",
        help="the ledger: sqlite:///FILE, a file path, or postgresql://USER@HOST:PORT/NAME "
        "(default: $TOLLWATCH_DB, else the ledger in the data folder)",
    )


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "ingest",
        help="read, extract and store reports in the ledger",
        description="Store reports in the ledger: text files, folders, JSONL corpora, HTML "
        "pages and archives (gzipped JSONL, WARC, Parquet). The same report twice is stored once; near-duplicates are recorded as copies; "
        "reports that cannot be read or extracted are stored as discarded with the reason.",
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="file, folder, JSONL corpus, HTML page, archive (.jsonl.gz, .warc[.gz], .parquet) "
        "or -",
    )
    add_db(p)
    p.add_argument(
        "--progress", action="store_true", help="show a progress bar (default: on a terminal)"
    )
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline to load")
    p.add_argument(
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="extract in N processes (each loads the model; the ledger is the same)",
    )
    p.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="extract on a local Dask cluster of N worker processes (on 127.0.0.1)",
    )
    p.add_argument(
        "--scheduler",
        metavar="URL",
        help="extract on the Dask cluster whose scheduler is at URL (tcp://HOST:8786)",
    )
    p.add_argument(
        "--batch-size",
        type=int,
        default=16,
        metavar="N",
        help="reports a batch (checked against the store, and sent to a worker, together)",
    )
    p.add_argument(
        "--published",
        metavar="DATE",
        help="publication date (YYYY-MM-DD) of the reports that give none, as for extract",
    )
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=cmd_ingest)

    p = subparsers.add_parser(
        "incidents",
        help="list the ledger's incidents",
        description="List the ledger's incidents with their estimates under a rule.",
    )
    add_db(p)
    p.add_argument("--since", metavar="DATE", help="only incidents on or after DATE (YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE", help="only incidents on or before DATE (YYYY-MM-DD)")
    p.add_argument(
        "--country", metavar="COUNTRY", help="country: ISO code (SY, SYR) or name (Syria)"
    )
    p.add_argument(
        "--admin1",
        metavar="NAME",
        help="first-order admin unit (province), any spelling the gazetteer knows (Taiz, Taizz)",
    )
    p.add_argument("--type", metavar="TYPE", help="ACLED event type or sub-event type")
    p.add_argument("--rule", default="ucdp", help="reconcile rule: conservative, ucdp, latest, max")
    p.add_argument("--format", choices=TABLE_FORMATS, default="table")
    p.add_argument("--all", action="store_true", help="include merged-away and emptied incidents")
    p.set_defaults(func=cmd_incidents)

    p = subparsers.add_parser(
        "show",
        help="show one incident with every claim side by side",
        description="Show an incident: its estimates, and every claim with its source, the "
        "figure as stated, the quote, and the report's title and date.",
    )
    p.add_argument("incident", metavar="INCIDENT", help="incident id (or a unique prefix of it)")
    add_db(p)
    p.add_argument("--rule", default="ucdp", help="reconcile rule: conservative, ucdp, latest, max")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=cmd_show)


# ------------------------------------------------------------------------------------------


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    from tollwatch.ingest.readers import parse_date

    try:
        return parse_date(value, what=option)
    except InputError as exc:
        raise ConfigError(exc.message) from None


def cmd_ingest(args: argparse.Namespace) -> int:
    from tollwatch.jobs.ingest import ingest

    summary = ingest(
        args.paths,
        db_url=args.db,
        model=args.model,
        progress=args.progress,
        jobs=args.jobs,
        workers=args.workers,
        scheduler=args.scheduler,
        batch_size=args.batch_size,
        published=_date(args.published, "--published"),
    )
    for where, reason in summary.discards:
        print(safe(f"discarded: {where}: {reason}"), file=sys.stderr)
    if summary.discarded > len(summary.discards):
        print(f"discarded: … and {summary.discarded - len(summary.discards)} more", file=sys.stderr)
    if args.json:
        print(json.dumps(summary.to_dict(), indent=2))
    else:
        for line in summary.lines():
            print(line)
    if summary.refused:
        # The good reports are stored; the exit code says that some inputs were not.
        again = summary.refused - summary.discarded
        print(
            f"Error: {summary.refused} input{'s' if summary.refused != 1 else ''} not stored "
            "as reports"
            + (f" ({again} discarded by an earlier run)" if again else " (discarded, see above)"),
            file=sys.stderr,
        )
        return 1
    return 0


def _fmt_est(est: Any) -> str:
    from tollwatch.ledger.views import estimate_text

    return estimate_text(est)


def _place(inc: Any) -> str:
    from tollwatch.ledger.views import place_label

    return place_label(inc.place_name, inc.admin1, inc.country)


def _when(inc: Any) -> str:
    if inc.date_start is None:
        return ""
    if inc.date_end and inc.date_end != inc.date_start:
        return f"{inc.date_start.isoformat()}..{inc.date_end.isoformat()}"
    return inc.date_start.isoformat()


INCIDENT_COLUMNS = (
    "id",
    "date",
    "place",
    "type",
    "killed",
    "injured",
    "displaced",
    "reports",
    "grade",
    "reviewed",
)


def _incident_row(inc: Any) -> dict[str, Any]:
    return {
        "id": inc.id,
        "date": _when(inc),
        "place": _place(inc),
        "type": inc.sub_event_type or inc.event_type or "",
        "killed": _fmt_est(inc.estimates.get("killed")),
        "injured": _fmt_est(inc.estimates.get("injured")),
        "displaced": _fmt_est(inc.estimates.get("displaced")),
        "reports": f"{inc.report_count} ({inc.source_count} independent)",
        "grade": inc.grade or "",
        "reviewed": "yes" if inc.reviewed else "",
    }


def print_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], out: TextIO) -> None:
    """Rows as aligned columns (terminal control characters shown as escapes)."""
    cells = [{c: safe(r.get(c, "")) for c in columns} for r in rows]
    widths = {c: max([len(c)] + [len(r[c]) for r in cells]) for c in columns}
    out.write("  ".join(c.upper().ljust(widths[c]) for c in columns).rstrip() + "\n")
    for r in cells:
        out.write("  ".join(r[c].ljust(widths[c]) for c in columns).rstrip() + "\n")


def cmd_incidents(args: argparse.Namespace) -> int:
    from tollwatch.ledger.query import incident_facets, list_incidents, list_situations
    from tollwatch.ledger.store import open_store
    from tollwatch.ledger.views import DISPLACEMENT_FIGURES

    since, until = _date(args.since, "--since"), _date(args.until, "--until")
    store = open_store(args.db, create=False)
    status = None if args.all else "active"
    try:
        with store.read() as conn:
            countries, admin1 = _areas(conn, args.country, args.admin1)
            incidents = list_incidents(
                conn,
                since=since,
                until=until,
                country=countries,
                admin1=admin1,
                type=args.type,
                rule=args.rule,
                status=status,
            )
            # Displacement told of no single incident has its rows too (the table's DISPLACED
            # column); a filter on event type leaves them out (they have none).
            situations = (
                []
                if args.type or args.format != "table"
                else list_situations(
                    conn,
                    rule=args.rule,
                    figures=DISPLACEMENT_FIGURES,
                    since=since,
                    until=until,
                    country=countries,
                    admin1=admin1,
                )
            )
            facets = (
                incident_facets(conn, status=status) if not incidents and not situations else None
            )
    finally:
        store.dispose()
    out = sys.stdout
    if args.format == "json":
        json.dump([i.to_dict() for i in incidents], out, indent=2, ensure_ascii=False)
        out.write("\n")
    elif args.format == "csv":
        writer = csv.writer(out, lineterminator="\n")
        header = [
            "id", "date_start", "date_end", "place_name", "admin1", "country", "latitude",
            "longitude", "event_type", "sub_event_type", "rule", "killed_low", "killed_best",
            "killed_high", "injured_best", "displaced_best", "reports", "independent", "grade",
        ]  # fmt: skip
        writer.writerow(header)
        for i in incidents:
            k = i.estimates.get("killed")
            writer.writerow(
                [
                    i.id,
                    i.date_start or "",
                    i.date_end or "",
                    i.place_name or "",
                    i.admin1 or "",
                    i.country or "",
                    i.latitude if i.latitude is not None else "",
                    i.longitude if i.longitude is not None else "",
                    i.event_type or "",
                    i.sub_event_type or "",
                    args.rule,
                    _num(k and k.low),
                    _num(k and k.best),
                    _num(k and k.high),
                    _num(i.best("injured")),
                    _num(i.best("displaced")),
                    i.report_count,
                    i.source_count,
                    i.grade or "",
                ]  # fmt: skip
            )
    else:
        if not incidents and not situations:
            out.write(_nothing_found(args, countries, admin1, facets))
            return 0
        rows = [(i.date_start, _incident_row(i)) for i in incidents]
        rows += [(x.published, _situation_row(x)) for x in situations]
        rows.sort(key=lambda r: r[0] or date.min, reverse=True)
        print_table([r for _, r in rows], INCIDENT_COLUMNS, out)
        tail = f" and {len(situations)} displacement situations" if situations else ""
        out.write(
            f"{len(incidents)} incidents{tail}; figures: best (low–high) under rule {args.rule}\n"
        )
    return 0


def _situation_row(sit: Any) -> dict[str, Any]:
    """A situation in the incidents table: its figure in the DISPLACED column."""
    figure = _fmt_est(sit.estimate)
    if sit.unit != "people":
        figure += f" {sit.unit}"
    if sit.figure != "displaced":
        figure += f" {sit.figure}"
    from tollwatch.ledger.views import place_label

    place = sit.place
    where = "" if place is None else place_label(place.name, place.admin1, place.country)
    independent = sum(1 for s in sit.sources if s.independent)
    return {
        "id": sit.id,
        "date": sit.published.isoformat() if sit.published else "",
        "place": where,
        "type": "situation (no single incident)",
        "displaced": figure,
        "reports": f"{len(sit.sources)} ({independent} independent)",
    }


def _areas(
    conn: Any, country: str | None, admin1: str | None
) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
    """The ISO codes and the ledger's admin1 names that ``--country`` / ``--admin1`` mean."""
    if country is None and admin1 is None:
        return None, None
    from tollwatch.extract.areas import admin1_matches, country_codes
    from tollwatch.ledger.query import admin1_names

    gazetteer = _gazetteer()
    codes = None
    if country is not None:
        codes = country_codes(country, gazetteer=gazetteer)
        if not codes:
            raise ConfigError(
                f"--country {country!r} names no country: give an ISO code (SY, SYR) or a "
                "name (Syria)"
            )
    names = None
    if admin1 is not None:
        names = admin1_matches(
            admin1, admin1_names(conn), countries=codes or (), gazetteer=gazetteer
        )
    return codes, names


def _gazetteer() -> Any:
    """The gazetteer if it is built (a filter never waits for a build), else None."""
    from tollwatch.errors import GazetteerError
    from tollwatch.extract.gazetteer import Gazetteer

    try:
        return Gazetteer.open(build=False)
    except GazetteerError:
        return None


def _nothing_found(
    args: argparse.Namespace,
    countries: Sequence[str] | None,
    admin1: Sequence[str] | None,
    facets: Any,
) -> str:
    """What was filtered, and the values the ledger holds (a filter that matched nothing)."""
    if facets is None or facets.incidents == 0:
        return "no incidents in the ledger\n"
    filters = []
    if args.country is not None:
        filters.append(f"--country {args.country} ({', '.join(countries or ())})")
    if args.admin1 is not None:
        filters.append(
            f"--admin1 {args.admin1}"
            + (f" ({', '.join(admin1)})" if admin1 else " (no admin1 of that name in the ledger)")
        )
    for option, value in (("--type", args.type), ("--since", args.since), ("--until", args.until)):
        if value is not None:
            filters.append(f"{option} {value}")

    def listed(counts: dict[str, int]) -> str:
        items = [f"{k or 'unknown'} ({n})" for k, n in counts.items()]
        return ", ".join(items[:20]) + (f", … {len(items) - 20} more" if len(items) > 20 else "")

    span = f"{facets.first}..{facets.last}" if facets.first else "undated"
    lines = [
        f"no incidents match {' '.join(filters)}",
        f"the ledger holds {facets.incidents} incidents, dated {span}",
        f"  countries: {listed(facets.countries)}",
        f"  admin1: {listed(facets.admin1)}",
        f"  types: {listed(facets.types)}",
    ]
    return "\n".join(safe(line) for line in lines) + "\n"


def _num(value: Any) -> Any:
    return "" if value is None else value


def _short(text: str, width: int = QUOTE_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def cmd_show(args: argparse.Namespace) -> int:
    from tollwatch.ledger.query import claims_for, get_incident
    from tollwatch.ledger.store import open_store

    if args.incident.startswith("sit-"):
        return _show_situation(args)
    store = open_store(args.db, create=False)
    try:
        with store.read() as conn:
            inc = get_incident(conn, args.incident, rule=args.rule)
            claims = claims_for(conn, [inc.id])
    finally:
        store.dispose()
    out = sys.stdout
    if args.format == "json":
        data = inc.to_dict()
        data["claims"] = [c.to_dict() for c in claims]
        json.dump(data, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return 0
    out.write(f"incident {inc.id}  [{inc.status}]\n")
    out.write(f"  when:   {_when(inc) or 'unknown'}\n")
    out.write(f"  where:  {safe(_place(inc)) or 'unknown'}")
    if inc.latitude is not None and inc.longitude is not None:
        out.write(f"  ({inc.latitude:.4f}, {inc.longitude:.4f}; precision {inc.where_prec})")
    out.write("\n")
    out.write(f"  type:   {safe(inc.sub_event_type or inc.event_type or 'unknown')}\n")
    if inc.perpetrators:
        blamed = "; ".join(
            p.actor + (f" (alleged by {p.alleged_by})" if p.alleged_by else "")
            for p in inc.perpetrators
        )
        out.write(f"  blamed: {safe(blamed)}\n")
    out.write(
        f"  grade:  {inc.grade or '-'}; {inc.report_count} reports, {inc.source_count} independent\n"
    )
    for figure, est in inc.estimates.items():
        out.write(
            f"  {figure}: {_fmt_est(est)} under rule {est.rule} ({len(est.claims)} claims used)\n"
        )
    _print_claims(claims, out)
    if inc.links:
        out.write("\nlinks:\n")
        for link in inc.links:
            score = "" if link.score is None else f" score {link.score:.2f}"
            out.write(
                safe(
                    f"  {link.report_incident_id} by {link.decided_by}{score}: "
                    f"{_short(link.reason, 120)}"
                )
                + "\n"
            )
    return 0


def _print_claims(claims: Sequence[Any], out: TextIO) -> None:
    """Every claim side by side: source, figure as stated, report (its title), quote."""
    out.write("\nclaims:\n")
    rows = [
        {
            "figure": c.figure + ("" if c.unit == "people" else f" ({c.unit})"),
            "stated": c.count_text,
            "value": c.value,
            "source": c.claimant or "(the report)",
            "report": _short(c.report.title or c.report.label, 36)
            + (" [copy]" if c.copy_of else ""),
            "outlet": _short(c.report.outlet or "", 24),
            "published": c.published.isoformat() if c.published else "",
            "quote": _short(c.quote, QUOTE_WIDTH),
            "review": (f"{c.review} by {c.reviewed_by}" if c.review else "")
            + (f" (was {c.machine['value']})" if c.machine and "value" in c.machine else ""),
        }
        for c in claims
    ]
    if rows:
        columns = ["figure", "stated", "value", "source", "report", "outlet", "published", "quote"]
        if any(r["review"] for r in rows):
            columns.append("review")  # what people decided: reviewed values are shown
        print_table(rows, columns, out)
    else:
        out.write("  (none)\n")


def _show_situation(args: argparse.Namespace) -> int:
    from tollwatch.ledger.query import get_situation
    from tollwatch.ledger.store import open_store

    store = open_store(args.db, create=False)
    try:
        with store.read() as conn:
            sit = get_situation(conn, args.incident, rule=args.rule)
    finally:
        store.dispose()
    out = sys.stdout
    if args.format == "json":
        data = sit.to_dict()
        data["claims"] = [c.to_dict() for c in sit.claims]
        json.dump(data, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return 0
    row = _situation_row(sit)
    out.write(f"situation {sit.id}  (figures about a situation, not one incident)\n")
    out.write(f"  when:   published {row['date'] or 'unknown'}\n")
    out.write(f"  where:  {safe(row['place']) or 'unknown'}\n")
    unit = "" if sit.unit == "people" else f" {sit.unit}"
    out.write(f"  {sit.figure}: {_fmt_est(sit.estimate)}{unit} under rule {sit.rule}\n")
    _print_claims(sit.claims, out)
    return 0
