"""``tollwatch extract PATH…``: print the report record of each input.

Inputs are text files, JSONL corpora, ``-`` for stdin, and (through ``tollwatch.ingest.html``)
HTML pages and folders.

Formats: ``table`` (for people: claims grouped by incident), ``json`` (one record, or a list
when several) and ``jsonl`` (one record a line). Inputs that cannot be read or extracted are
named on stderr as ``Error: FILE:LINE: reason``; the others are still processed, and the exit
code is 1 when any input was discarded.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from typing import Any, TextIO

from tollwatch import reconcile
from tollwatch.cli.terminal import safe
from tollwatch.errors import TollwatchError
from tollwatch.ingest.readers import Discard, parse_date, read_inputs
from tollwatch.model import Claim, Incident, Report, ReportRecord

FORMATS = ("table", "json", "jsonl")
QUOTE_WIDTH = 72


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="extract the sourced claims of reports",
        description="Extract every casualty and displacement figure of each report as a "
        "sourced claim, grouped into incidents.",
    )
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="UTF-8 text file, JSONL corpus ({id, text, meta} a line), or - for stdin",
    )
    parser.add_argument("--published", metavar="DATE", help="publication date, YYYY-MM-DD")
    parser.add_argument("--title", metavar="T", help="title of the report")
    parser.add_argument("--format", choices=FORMATS, default="table", help="output format")
    parser.add_argument("--model", metavar="NAME", help="spaCy pipeline to load")
    parser.add_argument(
        "--rule",
        default=reconcile.DEFAULT_RULE,
        help="reconcile rule of the estimates: conservative, ucdp, latest, max (as `incidents`)",
    )
    parser.set_defaults(func=run)


def extract_inputs(
    paths: Sequence[str],
    *,
    published: str | None = None,
    title: str | None = None,
    model: str | None = None,
    stdin: Any = None,
    batch_size: int = 32,
) -> Iterator[ReportRecord | Discard]:
    """Read and extract each input, yielding its record or the reason it was discarded.

    A report whose extraction fails is discarded with the failure as its reason, so one bad
    report never stops a run over many. Reports are extracted ``batch_size`` at a time.
    """
    from tollwatch.extract.nlp import load_nlp

    when = parse_date(published, what="--published") if published else None
    load_nlp(model)  # fail early (ModelError) before reading anything
    # Reports are extracted in batches (the parser runs across a batch); what comes out keeps
    # the order of the inputs, discards included.
    pending: list[Report | Discard] = []
    waiting = 0
    for item in _read(paths, published=when, title=title, stdin=stdin):
        pending.append(item)
        if isinstance(item, Report):
            waiting += 1
        if waiting >= batch_size:
            yield from _extract_pending(pending, model=model)
            pending, waiting = [], 0
    yield from _extract_pending(pending, model=model)


def _extract_pending(
    items: Sequence[Report | Discard], *, model: str | None
) -> Iterator[ReportRecord | Discard]:
    from tollwatch.extract import extract_reports

    reports = [i for i in items if isinstance(i, Report)]
    try:
        results = list(extract_reports(reports, model=model, batch_size=max(1, len(reports))))
    except TollwatchError as exc:
        results = [exc] * len(reports)
    by_report = iter(results)
    for item in items:
        if isinstance(item, Discard):
            yield item
            continue
        result = next(by_report)
        if isinstance(result, ReportRecord):
            yield result
        else:
            yield _discard_for(item, result.message)


def _read(
    paths: Sequence[str], *, published: Any, title: str | None, stdin: Any
) -> Iterator[Report | Discard]:
    """Folders and HTML pages too when the ingest package reads them (``ingest.html``)."""
    if stdin is None:
        try:
            from tollwatch.ingest.html import read_paths
        except ImportError:
            pass
        else:
            return read_paths(paths, published=published, title=title)
    return read_inputs(paths, published=published, title=title, stdin=stdin)


def _discard_for(report: Report, reason: str) -> Discard:
    source, _, line = (report.source or "?").rpartition(":")
    if source and line.isdigit():
        return Discard(source=source, line=int(line), reason=reason, doc_id=report.doc_id)
    return Discard(source=report.source or "?", reason=reason, doc_id=report.doc_id)


def run(args: argparse.Namespace, *, stdout: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    discarded = 0
    records: list[ReportRecord] = []
    rule = reconcile.check_rule(getattr(args, "rule", reconcile.DEFAULT_RULE))
    for item in extract_inputs(
        args.paths, published=args.published, title=args.title, model=args.model
    ):
        if isinstance(item, Discard):
            discarded += 1
            print(f"Error: {safe(item.message)}", file=sys.stderr)
            continue
        if rule != reconcile.DEFAULT_RULE:
            item = reconcile.record_estimates(item, rule=rule)
        if args.format == "jsonl":
            out.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
            out.flush()
        elif args.format == "table":
            # a report's words never drive the terminal: control characters shown escaped
            out.write("\n".join(safe(line) for line in format_table(item).split("\n")) + "\n")
            out.flush()
        else:
            records.append(item)
    if args.format == "json" and records:
        data: Any = records[0].to_dict() if len(records) == 1 else [r.to_dict() for r in records]
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return 1 if discarded else 0


def format_table(record: ReportRecord) -> str:
    """A plain-text view of one record: its claims grouped by incident, columns aligned."""
    report = record.report
    head = [report.source or report.doc_id or report.id[:19]]
    if report.title:
        head.append(repr(report.title) if '"' in report.title else f'"{report.title}"')
    head.append(f"published {report.published.isoformat()}" if report.published else "undated")
    lines = [" | ".join(head)]
    if not record.claims:
        lines.append("  no claims")
        return "\n".join(lines) + "\n"

    by_incident: dict[str | None, list[Claim]] = {}
    for claim in record.claims:
        by_incident.setdefault(claim.incident, []).append(claim)
    rows: list[tuple[str | None, list[list[str]]]] = []
    order = [i.id for i in record.incidents] + [k for k in by_incident if k is not None]
    seen: set[str | None] = set()
    for key in [*order, None]:
        if key in seen or key not in by_incident:
            continue
        seen.add(key)
        rows.append((key, [_claim_row(c) for c in by_incident[key]]))

    header = ["claim", "figure", "as stated", "value", "claimant", "quote"]
    widths = [len(h) for h in header]
    for _, group in rows:
        for row in group:
            widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    incidents = {i.id: i for i in record.incidents}
    for key, group in rows:
        lines.append("  " + _incident_line(incidents.get(key), key, record.main_incident))
        if key in incidents and incidents[key].estimates:
            lines.append("    " + _estimates_line(incidents[key]))
        lines.append("    " + _aligned(header, widths))
        lines.extend("    " + _aligned(row, widths) for row in group)
    return "\n".join(lines) + "\n"


def _aligned(cells: Sequence[str], widths: Sequence[int]) -> str:
    padded = [c.ljust(w) for c, w in zip(cells[:-1], widths[:-1], strict=True)]
    return "  ".join([*padded, cells[-1]]).rstrip()


def _claim_row(claim: Claim) -> list[str]:
    figure = claim.figure if claim.unit == "people" else f"{claim.figure} ({claim.unit})"
    if claim.update_of:
        figure += f" (update of {claim.update_of})"
    value = str(claim.value)
    if claim.qualifier not in ("exact",):
        low = "" if claim.low is None else str(claim.low)
        high = "" if claim.high is None else str(claim.high)
        value = f"{value} [{low}-{high}]" if claim.qualifier == "range" else value
    claimant = claim.claimant or "(the report)"
    if claim.claimant_kind:
        claimant += f" [{claim.claimant_kind}]"
    return [claim.id, figure, _one_line(claim.count_text), value, claimant, _quote(claim)]


def _quote(claim: Claim) -> str:
    """The evidence on one line; when too long, a window of it around the number."""
    text = _one_line(claim.evidence.text)
    if len(text) <= QUOTE_WIDTH:
        return f"“{text}”"
    at = text.find(_one_line(claim.count_text))
    start = max(0, min(at - QUOTE_WIDTH // 3, len(text) - QUOTE_WIDTH + 1)) if at > 0 else 0
    if start:
        space = text.find(" ", start)  # start on a word
        start = space + 1 if 0 <= space < at else start
    window = text[start : start + QUOTE_WIDTH - 2].rstrip()
    head = "…" if start else ""
    tail = "…" if start + len(window) < len(text) else ""
    return f"“{head}{window}{tail}”"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _estimates_line(incident: Incident) -> str:
    """``killed 27 (27–33) · injured 40, under rule ucdp``: best (low–high) per figure."""
    parts = []
    rule = ""
    for figure, est in incident.estimates.items():
        rule = est.rule
        span = "" if est.low == est.best == est.high else f" ({est.low}–{est.high})"
        parts.append(f"{figure} {est.best}{span}")
    return "estimates: " + " · ".join(parts) + f", under rule {rule}"


def _incident_line(incident: Incident | None, key: str | None, main: str | None) -> str:
    if key is None:
        return "no incident (figures about a situation)"
    if incident is None:
        return f"{key}"
    parts = [incident.id + (" (main)" if incident.id == main else "")]
    parts.append(incident.sub_event_type or "type unknown")
    if incident.date and incident.date.start:
        when = incident.date.start.isoformat()
        if incident.date.end and incident.date.end != incident.date.start:
            when += f" to {incident.date.end.isoformat()}"
        parts.append(when)
    else:
        parts.append("date unknown")
    if incident.place:
        where = incident.place.name
        extra = [x for x in (incident.place.admin1, incident.place.country) if x and x != where]
        parts.append(where + (f" ({', '.join(extra)})" if extra else ""))
    else:
        parts.append("place unknown")
    for perp in incident.perpetrators:
        by = f" (says {perp.alleged_by})" if perp.alleged_by else ""
        parts.append(f"blamed on {perp.actor}{by}")
    return " · ".join(parts)
