"""The ``tollwatch`` command: a thin shell over the library.

Each command lives in a module of this package exposing ``register(subparsers)``; the module
parses options, calls library functions with keyword-only options, and prints their data.
Errors of :mod:`tollwatch.errors` become ``Error: <message>`` on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Sequence
from importlib import import_module
from typing import Any, TextIO

from tollwatch import __version__
from tollwatch.errors import OutputError, TollwatchError

# Modules that add commands, in the order their commands are listed.
COMMAND_MODULES: tuple[str, ...] = (
    "extract",
    "evaluate",
    "gazetteer",
    "ledger",
    "export",
    "link",
    "watch",
    "desk",
)


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
    real = sys.stdout
    sys.stdout = _Output(real)
    try:
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
        return code
    except OutputError as exc:
        _silence(real)
        print(f"Error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except TollwatchError as exc:
        print(f"Error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("Error: interrupted", file=sys.stderr)
        return 130
    finally:
        sys.stdout = real


class _Output(io.TextIOBase):
    """Standard output whose write errors are :class:`OutputError` (an ``Error:`` line, not a
    traceback): a full disk, ``/dev/full``, a pipe its reader closed."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def _fail(self, exc: OSError) -> OutputError:
        if isinstance(exc, BrokenPipeError):
            return OutputError("the output was closed before everything was written")
        return OutputError(f"cannot write the output: {exc.strerror or exc}")

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as exc:
            raise self._fail(exc) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            raise self._fail(exc) from None
        except ValueError:  # already closed
            pass

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._stream, "encoding", "utf-8")

    @property
    def buffer(self) -> Any:
        return self._stream.buffer

    def writable(self) -> bool:
        return True


def _silence(stream: TextIO) -> None:
    """Point the real standard output at /dev/null, so that Python's flush at exit cannot
    fail again (and print a traceback) on what could not be written."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
