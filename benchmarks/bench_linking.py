"""Benchmark: cross-report linking time at 10k, 100k and 1M synthetic incidents (in memory).

    .venv/bin/python benchmarks/bench_linking.py [--sizes 10000 100000 1000000] [--seed 7]

Incidents are generated deterministically (seeded): 3 countries x 14 admin1 units, places
with coordinates, dates, ACLED sub-event types, perpetrators and killed figures; about a third
are further reports of an earlier incident (date +-1 day, figure changed, sometimes a coarser
place or no admin1). The ledger grows over time, so the date span grows with the number of
incidents (``--per-day`` incidents a day): the density per block stays that of a busy
conflict, as in a real ledger. ``--fixed-days`` instead packs every size into one span, the
worst case for blocking (density grows with size).

Prints, per size: total seconds, microseconds per incident, candidates scored per incident,
incidents linked and ledger incidents. Linear growth = roughly constant us/incident. The
store's own path (SQL candidate search, link, refresh) at these sizes is
``bench_linking_store.py``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import replace
from datetime import date, timedelta

from tollwatch.ledger.link_index import LinkIndex
from tollwatch.ledger.linking import (
    DEFAULT_THRESHOLD,
    LinkCandidate,
    best_link,
    merge_candidates,
)

COUNTRIES = ("SY", "IQ", "YE")
SUBS = (
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Battles", "Armed clash"),
    ("Violence against civilians", "Attack"),
)
PARTIES = ("state", "rebel", "jihadist", "coalition", "kurdish", "foreign_state")
START = date(2012, 1, 1)


def synthetic(n: int, *, seed: int, span_days: int) -> list[LinkCandidate]:
    """``n`` incidents in publication order (deterministic for a seed)."""
    rng = random.Random(seed)
    admin = {c: [f"{c}-region-{i:02d}" for i in range(14)] for c in COUNTRIES}
    centre = {
        (c, a): (30 + rng.random() * 8, 36 + rng.random() * 8) for c in COUNTRIES for a in admin[c]
    }
    out: list[LinkCandidate] = []
    for i in range(n):
        day = START + timedelta(days=int(span_days * i / n) + rng.randrange(0, 3))
        if out and rng.random() < 0.33:
            # Another report of a recent incident: its details as another outlet gives them.
            base = out[rng.randrange(max(0, len(out) - 200), len(out))]
            shift = timedelta(days=rng.choice((-1, 0, 0, 1)))
            coarse = rng.random() < 0.15
            out.append(
                LinkCandidate(
                    key=f"k{i:06d}",
                    country=base.country,
                    admin1=None if rng.random() < 0.05 else base.admin1,
                    admin2=None if coarse else base.admin2,
                    place_name=base.admin1 if coarse else base.place_name,
                    latitude=base.latitude,
                    longitude=base.longitude,
                    where_prec=4 if coarse else base.where_prec,
                    date_start=base.date_start + shift if base.date_start else None,
                    date_end=base.date_end + shift if base.date_end else None,
                    date_precision=base.date_precision,
                    published=base.published,
                    event_type=base.event_type,
                    sub_event_type=base.sub_event_type,
                    perpetrators=base.perpetrators,
                    figures={"killed": max(0, base.figures["killed"] + rng.randrange(-3, 8))},
                    report_ids=(f"r{i:06d}",),
                )
            )
            continue
        country = rng.choice(COUNTRIES)
        a1 = rng.choice(admin[country])
        lat, lon = centre[(country, a1)]
        event, sub = rng.choice(SUBS)
        dated = rng.random() < 0.9
        out.append(
            LinkCandidate(
                key=f"k{i:06d}",
                country=country,
                admin1=None if rng.random() < 0.05 else a1,
                admin2=f"{a1}-d{rng.randrange(6)}",
                place_name=f"{a1}-town-{rng.randrange(60)}",
                latitude=lat + rng.uniform(-0.6, 0.6),
                longitude=lon + rng.uniform(-0.6, 0.6),
                where_prec=rng.choice((1, 1, 1, 2, 3)),
                date_start=day if dated else None,
                date_end=day if dated else None,
                date_precision=1 if dated else None,
                published=day + timedelta(days=rng.randrange(0, 2)),
                event_type=event,
                sub_event_type=sub,
                perpetrators=(rng.choice(PARTIES),) if rng.random() < 0.7 else (),
                figures={"killed": rng.randrange(0, 40)},
                report_ids=(f"r{i:06d}",),
            )
        )
    return out


def run(items: list[LinkCandidate]) -> dict[str, float]:
    """Link ``items`` in order as the store does; return timings and counts."""
    index = LinkIndex()
    scored = linked = 0
    t0 = time.perf_counter()
    for item in items:
        found = index.candidates(item)
        scored += len(found)
        match, _ = best_link(item, found, threshold=DEFAULT_THRESHOLD)
        if match is None:
            index.add(item)
        else:
            linked += 1
            index.add(replace(merge_candidates(match, item), key=match.key))
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "scored": scored, "linked": linked, "ledger": len(index)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--per-day", type=float, default=40.0)
    parser.add_argument("--fixed-days", type=int, default=None)
    args = parser.parse_args(argv)
    mode = (
        f"fixed span {args.fixed_days} days"
        if args.fixed_days
        else f"{args.per_day:g} incidents/day (span grows with size)"
    )
    print(f"linking benchmark: {mode}, seed {args.seed}")
    print(
        f"{'incidents':>10} {'seconds':>9} {'us/incident':>12} {'scored/inc':>11} "
        f"{'linked':>8} {'ledger':>8}"
    )
    for n in args.sizes:
        span = args.fixed_days or max(1, int(n / args.per_day))
        items = synthetic(n, seed=args.seed, span_days=span)
        r = run(items)
        print(
            f"{n:>10} {r['seconds']:>9.2f} {1e6 * r['seconds'] / n:>12.1f} "
            f"{r['scored'] / n:>11.1f} {int(r['linked']):>8} {int(r['ledger']):>8}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
