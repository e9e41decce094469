"""The ``tollwatch`` command: a thin shell over the library.

Each command lives in a module of this package exposing ``register(subparsers)``; the module
parses options, calls library functions with keyword-only options, and prints their data.
Errors of :mod:`tollwatch.errors` become ``Error: <message>`` on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module

from tollwatch import __version__
from tollwatch.errors import TollwatchError

# Modules that add commands, in the order their commands are listed.
COMMAND_MODULES: tuple[str, ...] = ("extract", "evaluate", "gazetteer", "ledger", "watch", "desk")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tollwatch",
        description="Turn conflict news reports into a sourced ledger of incidents and figures.",
    )
    parser.add_argument("--version", action="version", version=f"tollwatch {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = import_module(f"tollwatch.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"tollwatch.cli.{name}":
                continue  # a command module not written yet
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``tollwatch`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except TollwatchError as exc:
        print(f"Error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("Error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
