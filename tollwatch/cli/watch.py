"""The ``watch`` command: poll RSS and Atom feeds and ingest their new articles.

A thin shell over :func:`tollwatch.jobs.watch.watch`: each poll's lines go to stderr (a
failing feed as ``Error: …`` every poll), and ``--json`` prints each poll's summary on stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from tollwatch.cli.ledger import add_db


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "watch",
        help="poll RSS/Atom feeds and ingest new articles",
        description="Poll feeds (conditional requests), fetch their new article pages "
        "politely (robots.txt, a per-host delay, retries, size and time limits), and ingest "
        "them. Each feed's state and every failed fetch are recorded in the ledger.",
    )
    p.add_argument("feeds", nargs="+", metavar="FEED_URL", help="RSS or Atom feed URL")
    add_db(p)
    p.add_argument("--every", default="15m", help="time between polls (15m, 1h, 90s; default 15m)")
    p.add_argument("--once", action="store_true", help="poll once and exit")
    p.add_argument(
        "--delay", type=float, default=1.0, metavar="S", help="seconds between requests to a host"
    )
    p.add_argument("--timeout", type=float, default=20.0, metavar="S", help="read timeout")
    p.add_argument("--retries", type=int, default=3, metavar="N", help="retries of a fetch")
    p.add_argument(
        "--max-bytes", type=int, default=2_000_000, metavar="N", help="largest page or feed"
    )
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline to load")
    p.add_argument("--json", action="store_true", help="print each poll's summary as JSON")
    p.set_defaults(func=cmd_watch)


def cmd_watch(args: argparse.Namespace) -> int:
    from tollwatch.errors import ConfigError
    from tollwatch.ingest.fetch import Fetcher
    from tollwatch.jobs.watch import PollSummary, parse_every, watch
    from tollwatch.ledger.store import open_store

    every = parse_every(args.every)
    for name in ("delay", "timeout"):
        if getattr(args, name) < 0:
            raise ConfigError(f"--{name} cannot be negative")
    if args.retries < 0 or args.max_bytes < 1:
        raise ConfigError("--retries cannot be negative and --max-bytes must be positive")

    def show(poll: PollSummary) -> None:
        for feed in poll.feeds:
            prefix = "Error: " if feed.error is not None else ""
            print(prefix + feed.line(), file=sys.stderr, flush=True)
        if poll.ingest is not None:
            for line in poll.ingest.lines():
                print(line, file=sys.stderr, flush=True)
        if args.json:
            print(json.dumps(poll.to_dict(), default=str), flush=True)

    store = open_store(args.db)
    fetcher = Fetcher(
        delay=args.delay, read_timeout=args.timeout, retries=args.retries, max_bytes=args.max_bytes
    )
    last: PollSummary | None = None
    try:

        def keep(poll: PollSummary) -> None:
            nonlocal last
            last = poll
            show(poll)

        watch(
            args.feeds,
            store=store,
            every=every,
            once=args.once,
            fetcher=fetcher,
            model_name=args.model,
            on_poll=keep,
        )
    except KeyboardInterrupt:
        pass
    finally:
        fetcher.close()
        store.dispose()
    return 1 if last is not None and last.failing else 0
