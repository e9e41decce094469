"""Benchmark: the time to store and link one new report as the ledger grows to 1M incidents.

    .venv/bin/python benchmarks/bench_linking_store.py [--sizes 10000 100000 1000000]
        [--probe 300] [--db-dir DIR]

For each size N a fresh SQLite ledger is filled, in bulk, with N incidents from
``bench_linking.synthetic`` (its incidents that start one; the ledger's date span grows with
N at 40 incidents a day, as a real ledger does), each with its report, report incident, claim,
link and link state, exactly the rows ``tollwatch ingest`` writes. Then ``--probe`` new reports
from the same stream (a third of them further reports of recent incidents) are stored one by
one through :func:`tollwatch.ledger.write.store_record`, the whole path: the report, its
near-duplicate check, claims, the blocked candidate search in SQL, scoring, the link, and the
refresh of the incident and its estimates. Prints per size: the build time, the ms per new
report (median, mean, 95th percentile), the candidates the block query returned per report,
and how many probes linked. Flat ms across sizes = the search is blocked and indexed.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_linking import synthetic  # noqa: E402

from tollwatch import model  # noqa: E402
from tollwatch.extract import make_report  # noqa: E402
from tollwatch.ledger import linking, linking_store  # noqa: E402
from tollwatch.ledger import schema as s  # noqa: E402
from tollwatch.ledger.ids import incident_gid  # noqa: E402
from tollwatch.ledger.rows import (  # noqa: E402
    claim_row,
    report_incident_row,
    report_row,
)
from tollwatch.ledger.state import state_to_json  # noqa: E402
from tollwatch.ledger.store import now, open_store  # noqa: E402
from tollwatch.ledger.write import store_record  # noqa: E402

PER_DAY = 40.0
CHUNK = 5000


def record_of(c: linking.LinkCandidate, n: int) -> model.ReportRecord:
    """A report record whose one incident is the candidate ``c`` (as extraction would give)."""
    killed = c.figures.get("killed", 0)
    when = c.date_start.isoformat() if c.date_start else "an unknown day"
    text = (
        f"Synthetic report {n}: {killed} people were killed in {c.place_name} "
        f"({c.admin1 or 'somewhere'}, {c.country}) on {when} ({c.sub_event_type})."
    )
    report = make_report(text, published=c.published)
    start = text.index(f" {killed} ") + 1
    claim = model.Claim(
        id="c1", figure="killed", value=killed, low=killed, high=killed, qualifier="exact",
        count_text=str(killed), incident="i1",
        evidence=model.Span(start=start, end=start + len(str(killed)), text=str(killed)),
    )  # fmt: skip
    incident = model.Incident(
        id="i1",
        event_type=c.event_type,
        sub_event_type=c.sub_event_type,
        date=(
            model.DateRef(start=c.date_start, end=c.date_end, precision=c.date_precision, text=when)
            if c.date_start
            else None
        ),
        place=model.PlaceRef(
            name=c.place_name,
            text=c.place_name,
            admin1=c.admin1,
            admin2=c.admin2,
            country=c.country,
            lat=c.latitude,
            lon=c.longitude,
            precision=c.where_prec,
        ),  # fmt: skip
        perpetrators=tuple(model.Perpetrator(actor=p, actor_kind=p) for p in c.perpetrators),
        headline={"killed": "c1"},
    )
    return model.ReportRecord(
        report=report, claims=(claim,), incidents=(incident,), main_incident="i1"
    )


def bulk_rows(record: model.ReportRecord) -> dict[str, dict]:
    """The rows storing ``record`` as the founder of its own ledger incident writes."""
    report = record.report
    stamp = now()
    ri = report_incident_row(report, record.incidents[0], record)
    cand = linking.candidate_from_incident(
        record.incidents[0], key=ri["id"], report=report, main=True, copy_of=None
    )
    inc_id = incident_gid(ri["id"])
    ri["incident_id"] = inc_id
    window = linking.date_window(cand)
    state = cand
    return {
        "reports": report_row(report, status="ok", reason=None) | {"main_incident": ri["id"]},
        "report_incidents": ri,
        "claims": claim_row(report, record.claims[0], {"i1"}, {"c1"}),
        "incidents": {
            "id": inc_id,
            "country": state.country,
            "admin1": state.admin1,
            "admin1_key": linking.norm_place(state.admin1),
            "admin2": state.admin2,
            "place_name": state.place_name,
            "latitude": state.latitude,
            "longitude": state.longitude,
            "place_precision": state.where_prec,
            "gazetteer_id": None,
            "date_start": state.date_start,
            "date_end": state.date_end or state.date_start,
            "date_precision": state.date_precision,
            "published": state.published,
            "link_from": window[0] if window else None,
            "link_to": window[1] if window else None,
            "event_type": state.event_type,
            "sub_event_type": state.sub_event_type,
            "event_types": [state.sub_event_type] if state.sub_event_type else [],
            "report_count": 1,
            "source_count": 1,
            "grade": "weak",
            "status": "active",
            "founded_by": ri["id"],
            "link_state": state_to_json(replace(state, key=inc_id)),
            "created_at": stamp,
            "updated_at": stamp,
        },
        "incident_links": {
            "report_incident_id": ri["id"],
            "incident_id": inc_id,
            "score": None,
            "reason": "new incident: no candidate in its block",
            "decided_by": "linker",
            "decision_id": None,
            "created_at": stamp,
        },
    }


ORDER = ("reports", "incidents", "report_incidents", "claims", "incident_links")


def build(url: str, items: list[linking.LinkCandidate]) -> int:
    """Fill the store at ``url`` with ``items`` as ledger incidents; how many were written."""
    store = open_store(url)
    written = 0
    try:
        for start in range(0, len(items), CHUNK):
            rows: dict[str, list[dict]] = {t: [] for t in ORDER}
            for k, c in enumerate(items[start : start + CHUNK], start=start):
                for table, row in bulk_rows(record_of(c, k)).items():
                    rows[table].append(row)

            def work(conn, rows=rows) -> None:
                for table in ORDER:
                    conn.execute(getattr(s, table).insert(), rows[table])

            store.run_write(work)
            written += len(rows["incidents"])
    finally:
        store.dispose()
    return written


def probe(url: str, items: list[linking.LinkCandidate], first: int) -> dict[str, float]:
    """Store ``items`` one by one; ms per report and candidates per report."""
    store = open_store(url)
    times: list[float] = []
    found: list[int] = []
    linked = 0
    try:
        for k, c in enumerate(items, start=first):
            record = record_of(c, k)
            cand = linking.candidate_from_incident(
                record.incidents[0], key="probe", report=record.report, main=True
            )
            with store.read() as conn:
                found.append(len(linking_store.candidate_rows(conn, linking.search_window(cand))))
            t = time.perf_counter()
            stored = store_record(store, record)
            times.append(time.perf_counter() - t)
            linked += stored.incidents_linked
    finally:
        store.dispose()
    times.sort()
    return {
        "median_ms": 1000 * statistics.median(times),
        "mean_ms": 1000 * statistics.fmean(times),
        "p95_ms": 1000 * times[int(0.95 * (len(times) - 1))],
        "candidates": statistics.fmean(found),
        "linked": linked,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--probe", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db-dir", help="where the SQLite files go (default: a temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the ledgers built")
    args = parser.parse_args(argv)
    print(f"store linking benchmark: SQLite, {PER_DAY:g} incidents a day, seed {args.seed}")
    print(
        f"{'incidents':>10} {'build s':>8} {'ms/report':>10} {'mean':>7} {'p95':>7} "
        f"{'cand/report':>12} {'linked':>7} {'db MB':>7}"
    )
    with tempfile.TemporaryDirectory(dir=args.db_dir) as tmp:
        for n in args.sizes:
            # The stream of reports over the ledger's span; the incidents they start are the
            # ledger, the reports after them the probes.
            total = int(n * 1.6) + args.probe * 2
            stream = synthetic(total, seed=args.seed, span_days=max(1, int(total / PER_DAY)))
            rng = random.Random(args.seed)
            fresh = [c for c in stream if c.key.startswith("k")]
            ledger = fresh[:n]
            cut = stream.index(ledger[-1]) + 1
            probes = stream[cut : cut + args.probe]
            rng.shuffle(probes)
            path = Path(tmp) / f"ledger-{n}.sqlite"
            t = time.perf_counter()
            written = build(f"sqlite:///{path}", ledger)
            built = time.perf_counter() - t
            r = probe(f"sqlite:///{path}", probes, first=total)
            print(
                f"{written:>10} {built:>8.1f} {r['median_ms']:>10.2f} {r['mean_ms']:>7.2f} "
                f"{r['p95_ms']:>7.2f} {r['candidates']:>12.1f} {int(r['linked']):>7} "
                f"{path.stat().st_size / 1e6:>7.0f}",
                flush=True,
            )
            if not args.keep:
                path.unlink()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak:.0f} MB")
    print(json.dumps({"note": "ms/report: store_record of one new report, whole path"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
