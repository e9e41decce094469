"""Benchmark: the review desk's incidents list and API with 100,000 incidents in the store.

    .venv/bin/python benchmarks/bench_desk.py [--incidents 100000] [--requests 300]
        [--db URL] [--keep FILE]

Fills a ledger (a temporary SQLite file, ``--keep FILE`` to build it once and reuse it, or
``--db URL`` for PostgreSQL) with synthetic incidents written straight into the tables: one
report, one report incident, one or two claims, estimates under the four rules, a link, and
every tenth incident reviewed. Then serves the desk with uvicorn on 127.0.0.1 (a free port,
stopped at the end) and times requests over HTTP, as a browser or a script makes them: the
``/incidents`` page and ``GET /api/incidents``, each with a mix of filters (none, a country, a
type, a date window, reviewed or not, a grade, a rule) and pages (the first, a middle one, the
last). Two rounds: *cold*, each request's filter seen for the first time (the desk's cache
of counts emptied before it), and *warm*, the mix asked again and again as people page
through (counts cached while no incident changes). Prints p50 / p95 / max milliseconds per
endpoint and round, and the machine's load average (the machine is shared: figures taken
under load are slower). On PostgreSQL the ledger is vacuumed and analysed before timing, as
autovacuum does minutes after a bulk load. The desk's target is a p95 under 200 ms for both endpoints.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import tempfile
import threading
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
import uvicorn
from sqlalchemy import func, insert, select

from tollwatch.ledger import accounts, browse
from tollwatch.ledger import schema as s
from tollwatch.ledger.store import Store, open_store
from tollwatch.reconcile import RULES
from tollwatch.web import DeskSettings, create_app

PLACES = (
    ("SY", "Idlib", "Ariha", 35.81, 36.61),
    ("SY", "Idlib", "Saraqib", 35.86, 36.80),
    ("SY", "Aleppo", "Manbij", 36.53, 37.95),
    ("SY", "Rif Dimashq", "Douma", 33.57, 36.40),
    ("SY", "Deir ez-Zor", "Mayadin", 35.02, 40.45),
    ("IQ", "Nineveh", "Mosul", 36.34, 43.12),
    ("IQ", "Anbar", "Ramadi", 33.42, 43.30),
    ("YE", "Taiz", "Taiz", 13.58, 44.02),
    ("YE", "Hodeidah", "Hodeidah", 14.80, 42.95),
)
TYPES = (
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Battles", "Armed clash"),
    ("Violence against civilians", "Attack"),
)
GRADES = ("confirmed", "fair", "weak", "contested")
BATCH = 5000


def fill(store: Store, n: int, *, seed: int = 7) -> None:
    """Write ``n`` synthetic incidents (and what the desk reads of them) into ``store``."""
    rng = random.Random(seed)
    stamp = datetime.now(UTC)
    start = date(2014, 1, 1)
    with store.write() as conn:
        conn.execute(insert(s.reviews), [{"id": 1, "target": "incident", "target_id": "x",
                     "action": "accept", "before": {}, "after": {}, "decided_by": "bench",
                     "created_at": stamp}])  # fmt: skip
    for lo in range(0, n, BATCH):
        reports, ris, claims, incidents, estimates, links, marks = [], [], [], [], [], [], []
        for k in range(lo, min(n, lo + BATCH)):
            country, admin1, place, lat, lon = PLACES[k % len(PLACES)]
            event, sub = TYPES[rng.randrange(len(TYPES))]
            day = start + timedelta(days=rng.randrange(3650))
            killed = rng.randrange(0, 60)
            rid, riid, iid = f"sha256:bench{k:08d}", f"ri-bench{k:08d}", f"inc-bench{k:08d}"
            text = f"Shelling killed {killed} people in {place} on {day.isoformat()}, medics said."
            reports.append({"id": rid, "doc_id": f"b{k}", "title": f"Strike on {place} ({k})",
                            "published": day, "outlet": "Bench Wire", "text": text, "status": "ok",
                            "main_incident": riid, "ingested_at": stamp})  # fmt: skip
            incidents.append({"id": iid, "country": country, "admin1": admin1,
                              "admin1_key": admin1.lower(), "place_name": place,
                              "latitude": lat + rng.uniform(-0.05, 0.05),
                              "longitude": lon + rng.uniform(-0.05, 0.05),
                              "place_precision": 1 if k % 5 else 4, "date_start": day,
                              "date_end": day, "date_precision": 1, "published": day,
                              "event_type": event, "sub_event_type": sub, "event_types": [sub],
                              "report_count": 1, "source_count": 1, "grade": GRADES[k % 4],
                              "status": "active", "founded_by": riid, "created_at": stamp,
                              "updated_at": stamp, "reviewed": k % 10 == 0})  # fmt: skip
            ris.append({"id": riid, "report_id": rid, "local_id": "i1", "is_main": True,
                        "event_type": event, "sub_event_type": sub, "date_start": day,
                        "date_end": day, "place_name": place, "admin1": admin1,
                        "country": country, "perpetrators": [{"actor": "government forces",
                        "actor_kind": "state", "alleged_by": None}], "incident_id": iid})  # fmt: skip
            figures = [("killed", killed)] + ([("injured", killed * 2)] if k % 3 == 0 else [])
            for n_claim, (figure, value) in enumerate(figures, start=1):
                claims.append({"id": f"cl-bench{k:08d}-{n_claim}", "report_id": rid,
                               "local_id": f"c{n_claim}", "figure": figure, "value": value,
                               "low": value, "high": value, "qualifier": "exact",
                               "count_text": str(value), "victims": ["people"], "unit": "people",
                               "claimant": "medics" if k % 7 else None, "claimant_kind": None,
                               "incident_local": "i1", "report_incident_id": riid,
                               "is_headline": n_claim == 1, "evidence_start": 0,
                               "evidence_end": len(text), "evidence_text": text})  # fmt: skip
                for rule in RULES:
                    estimates.append({"incident_id": iid, "figure": figure, "rule": rule,
                                      "low": value, "best": value, "high": value,
                                      "claims": [f"cl-bench{k:08d}-{n_claim}"],
                                      "computed_at": stamp})  # fmt: skip
            links.append({"report_incident_id": riid, "incident_id": iid, "score": None,
                          "reason": "new incident", "decided_by": "linker", "created_at": stamp})  # fmt: skip
            if k % 10 == 0:
                marks.append({"incident_id": iid, "review_id": 1, "reviewed_at": stamp})
        with store.write() as conn:
            for table, rows in ((s.reports, reports), (s.incidents, incidents),
                                (s.report_incidents, ris), (s.claims, claims),
                                (s.estimates, estimates), (s.incident_links, links),
                                (s.reviewed_incidents, marks)):  # fmt: skip
                if rows:
                    conn.execute(insert(table), rows)
        print(f"  stored {min(n, lo + BATCH)} incidents", flush=True)
    if store.dialect == "postgresql":
        with store.write() as conn:
            conn.exec_driver_sql("ANALYZE")
    else:
        with store.write() as conn:
            conn.exec_driver_sql("ANALYZE")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def queries(total_pages: int) -> list[str]:
    """The mix of filters and pages each endpoint is asked for."""
    return [
        "",
        "?page=2",
        f"?page={max(1, total_pages // 2)}",
        f"?page={total_pages}",
        "?country=SY",
        "?country=IQ&page=40",
        "?type=Armed%20clash",
        "?since=2019-03-01&until=2019-06-30",
        "?since=2016-01-01&country=YE&type=Air/drone%20strike",
        "?reviewed=yes",
        "?reviewed=no&page=10",
        "?grade=contested",
        "?admin1=idlib",
        "?rule=conservative&per_page=100",
    ]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=300, help="timed requests per endpoint")
    parser.add_argument("--db", help="a ledger URL to fill (e.g. a fresh PostgreSQL database)")
    parser.add_argument("--keep", metavar="FILE", help="an SQLite file to build once and reuse")
    args = parser.parse_args()

    tmp = None
    if args.db:
        url = args.db
    elif args.keep:
        url = f"sqlite:///{Path(args.keep).resolve()}"
    else:
        tmp = tempfile.TemporaryDirectory(prefix="bench-desk-")
        url = f"sqlite:///{Path(tmp.name) / 'desk.sqlite'}"
    store = open_store(url)
    with store.read() as conn:
        have = conn.execute(select(func.count()).select_from(s.incidents)).scalar_one()
    if have == 0:
        print(f"filling {store.safe_url} with {args.incidents} incidents…", flush=True)
        started = time.perf_counter()
        fill(store, args.incidents)
        print(f"  filled in {time.perf_counter() - started:.0f} s")
        accounts.add_user(store, "bench", role="viewer", password="bench password")
    else:
        print(f"reusing {store.safe_url}: {have} incidents")
        with store.write() as conn:  # ledgers filled before the flag was set with the mark
            conn.exec_driver_sql(
                "UPDATE incidents SET reviewed = TRUE WHERE NOT reviewed "
                "AND id IN (SELECT incident_id FROM reviewed_incidents)"
            )
    if store.dialect == "postgresql":
        # A bulk fill leaves PostgreSQL without statistics or a visibility map until
        # autovacuum passes, minutes later (every count then reads the heap): time the desk
        # as it runs after that pass, not in the minute after loading 100,000 incidents.
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    token, _ = accounts.create_token(store, "bench", label="benchmark")

    app = create_app(store=store, settings=DeskSettings(secret_key="b" * 40))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    timings: dict[str, list[float]] = {"/incidents": [], "/api/incidents": []}
    cold: dict[str, list[float]] = {"/incidents": [], "/api/incidents": []}
    load_before = os.getloadavg()
    try:
        with httpx.Client(
            base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30
        ) as http:
            first = http.get("/api/incidents").json()
            mix = queries(first["pages"])
            for path in timings:  # warm up: pooled connections and pages in memory
                for q in mix:
                    assert http.get(path + q).status_code == 200, path + q
            for _round in range(3):  # cold: every filter's count computed afresh
                for q in mix:
                    for path, times in cold.items():
                        browse._count_cache.clear()
                        started = time.perf_counter()
                        answer = http.get(path + q)
                        times.append((time.perf_counter() - started) * 1000)
                        assert answer.status_code == 200, (path + q, answer.status_code)
            for i in range(args.requests):
                q = mix[i % len(mix)]
                for path, times in timings.items():
                    started = time.perf_counter()
                    answer = http.get(path + q)
                    times.append((time.perf_counter() - started) * 1000)
                    assert answer.status_code == 200, (path + q, answer.status_code)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.dispose()
        if tmp is not None:
            tmp.cleanup()
    load_after = os.getloadavg()
    print(
        f"\n{first['total']} incidents; {len(mix)} filter/page mixes; load average "
        f"{load_before[0]:.1f} before, {load_after[0]:.1f} after ({os.cpu_count()} cores)"
    )
    print(
        f"{'round':<6} {'endpoint':<16} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}"
    )
    for label, table in (("cold", cold), ("warm", timings)):
        every: list[float] = []
        for path, times in table.items():
            every += times
            print(
                f"{label:<6} {path:<16} {len(times):8d} {statistics.median(times):8.1f} "
                f"{pct(times, 0.95):8.1f} {max(times):8.1f}"
            )
        print(
            f"{label:<6} {'both':<16} {len(every):8d} {statistics.median(every):8.1f} "
            f"{pct(every, 0.95):8.1f} {max(every):8.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
