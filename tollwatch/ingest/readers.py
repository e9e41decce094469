"""Reading inputs into reports: UTF-8 text files, ``-`` for stdin, and JSONL corpora.

:func:`read_inputs` is an iterator that yields a :class:`~tollwatch.model.Report` for each
report it could read and a :class:`Discard` for each one it could not, so a run over many
inputs never stops at a bad one and never loses one silently. ``tollwatch extract`` and
``tollwatch ingest`` both read through it.

A JSONL corpus holds one ``{"id", "text", "meta": {"title", "published", "outlet", "url"}}``
object a line; the record's ``id`` becomes the report's ``doc_id``.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from tollwatch.errors import InputError
from tollwatch.extract import make_report
from tollwatch.ingest.header import read_header
from tollwatch.ingest.language import check_english
from tollwatch.model import Discard, Report, clean_field
from tollwatch.settings import MAX_REPORT_BYTES

STDIN_NAME = "<stdin>"
# A record's id is a name, not a text: the ledger keeps up to this many characters of it.
MAX_ID_CHARS = 200
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".jsonlines"})

# Share of non-text characters above which decoded text is taken for binary data. Real
# reports have none; a few stray control characters in pasted text are tolerated.
_MAX_NONTEXT_SHARE = 0.1
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?")


def parse_date(value: str, *, what: str = "date") -> date:
    """Parse an ISO date (``2016-11-30``, a time after it is ignored).

    Raises :class:`InputError` for anything else, and for impossible dates ("2017-02-31").
    """
    match = _ISO_DATE.fullmatch(value.strip())
    if not match:
        raise InputError(f"{what} is not a date (expected YYYY-MM-DD): {value!r}")
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise InputError(f"impossible date in {what}: {value!r}") from None


def decode_text(data: bytes) -> str:
    """Decode the bytes of one report: UTF-8 (a BOM is dropped), refusing binary data.

    Raises :class:`InputError` with a one-line reason.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("not UTF-8 text (it starts with a UTF-16 byte-order mark)")
    if b"\x00" in data:
        raise InputError("binary data, not text (it contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        raise InputError(
            f"not UTF-8 text (invalid byte 0x{bad:02x} at offset {exc.start})"
        ) from None
    check_text(text)
    return text


def check_text(text: str) -> None:
    """Refuse text that is empty, only whitespace, or mostly non-text characters."""
    if not text:
        raise InputError("empty report")
    if not text.strip():
        raise InputError("report holds only whitespace")
    nontext = sum(1 for ch in text if _is_nontext(ch))
    if nontext / len(text) > _MAX_NONTEXT_SHARE:
        raise InputError("binary data, not text (mostly non-text characters)")


def _is_nontext(ch: str) -> bool:
    if ch in "\n\r\t\f\v":
        return False
    if ch == "\ufffd":  # the replacement character: what is left of undecodable bytes
        return True
    # Cc control, Co private use, Cs surrogates, Cn unassigned; Cf (format marks such as
    # the right-to-left marks of Arabic-sourced text) is ordinary text.
    return unicodedata.category(ch) in ("Cc", "Co", "Cs", "Cn")


def report_from_record(
    record: Any,
    *,
    source: str | None = None,
    published: date | None = None,
    title: str | None = None,
) -> Report:
    """Build a report from one decoded JSONL record (``{"id", "text", "meta"}``).

    ``published`` and ``title`` fill what the record's meta leaves empty. Raises
    :class:`InputError` with a one-line reason for a record that is not a report.
    """
    if not isinstance(record, Mapping):
        raise InputError("not a JSON object")
    doc_id = record.get("id")
    if doc_id is not None:
        if isinstance(doc_id, bool) or not isinstance(doc_id, str | int):
            raise InputError('"id" is not a string')
        doc_id = str(doc_id)
        if len(doc_id) > MAX_ID_CHARS:
            raise InputError(f'"id" is longer than {MAX_ID_CHARS} characters ({len(doc_id)})')
    if "text" not in record or record["text"] is None:
        raise InputError('record has no "text"')
    text = record["text"]
    if not isinstance(text, str):
        raise InputError('"text" is not a string')
    check_text(text)
    meta = record.get("meta") or {}
    if not isinstance(meta, Mapping):
        raise InputError('"meta" is not an object')
    fields: dict[str, str | None] = {}
    for key in ("title", "outlet", "url"):
        value = meta.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f'"meta.{key}" is not a string')
        fields[key] = value or None
    raw_published = meta.get("published")
    when: date | None = published
    if raw_published is not None:
        if not isinstance(raw_published, str):
            raise InputError('"meta.published" is not a string')
        if raw_published.strip():
            when = parse_date(raw_published, what="meta.published")
    report = make_report(
        text,
        title=fields["title"] or title,
        published=when,
        outlet=fields["outlet"],
        url=fields["url"],
        doc_id=doc_id,
    )
    return dataclasses.replace(report, source=source)


def read_inputs(
    paths: Sequence[str | Path],
    *,
    published: date | None = None,
    title: str | None = None,
    stdin: BinaryIO | None = None,
    max_bytes: int = MAX_REPORT_BYTES,
) -> Iterator[Report | Discard]:
    """Read each path into reports, yielding a :class:`Report` or a :class:`Discard` each.

    ``-`` reads one text report from ``stdin`` (default: the process's standard input, as
    bytes). Files ending in ``.jsonl`` / ``.ndjson`` are corpora of one record a line; any
    other file is one UTF-8 text report. ``published`` and ``title`` apply to text reports
    and fill what a JSONL record's meta leaves empty. A text report (or a JSONL line) bigger
    than ``max_bytes`` is refused without being read whole.
    """
    for raw in paths:
        name = str(raw)
        if name == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield _read_text_stream(
                stream,
                source=STDIN_NAME,
                published=published,
                title=title,
                max_bytes=max_bytes,
            )
            continue
        path = Path(name)
        try:
            stream = open_regular(path)
        except InputError as exc:
            yield Discard(source=name, reason=exc.message)
            continue
        with stream:
            if path.suffix.lower() in JSONL_SUFFIXES:
                yield from _read_jsonl(
                    stream, source=name, published=published, title=title, max_bytes=max_bytes
                )
                continue
            size = os.fstat(stream.fileno()).st_size
            if size > max_bytes:
                yield Discard(source=name, reason=_too_big(size, max_bytes))
                continue
            try:
                yield _read_text_stream(
                    stream, source=name, published=published, title=title, max_bytes=max_bytes
                )
            except OSError as exc:
                yield Discard(source=name, reason=f"cannot read: {exc.strerror or exc}")


def _file_kind(mode: int) -> str:
    for test, kind in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return kind
    return "not a file"


def open_regular(path: Path) -> BinaryIO:
    """Open ``path`` for reading if it is a regular file (symlinks followed), never blocking.

    A FIFO, a device or a socket is refused without being read (opening a FIFO for reading
    would wait for a writer forever); the check is made on the opened file, so nothing can
    be swapped in between. Raises :class:`InputError` with a one-line reason.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputError("is a folder, not a file")
        if not stat.S_ISREG(mode):
            raise InputError(f"not a regular file ({_file_kind(mode)}): refused unread")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _too_big(size: int | None, limit: int) -> str:
    if size is None:
        return f"report is too big: more than the limit of {limit} bytes"
    return f"report is too big: {size} bytes, more than the limit of {limit} bytes"


def _read_text_stream(
    stream: BinaryIO,
    *,
    source: str,
    published: date | None,
    title: str | None,
    max_bytes: int,
) -> Report | Discard:
    # Read one byte past the limit: enough to know the input is too big, never more (a pipe
    # or a special file has no size to check first).
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        return Discard(source=source, reason=_too_big(None, max_bytes))
    try:
        text = decode_text(data)
        report = make_report(text, title=title, published=published)
        check_english(report.text)
    except InputError as exc:
        return Discard(source=source, reason=exc.message)
    # A text file names itself in its first lines: headline, outlet, dateline, syndication.
    head = read_header(report.text)
    return dataclasses.replace(
        report,
        source=source,
        title=report.title or clean_field(head.title),
        outlet=clean_field(head.outlet),
        dateline=clean_field(head.dateline),
        syndicated_from=clean_field(head.syndicated_from),
    )


def _read_jsonl(
    stream: BinaryIO,
    *,
    source: str,
    published: date | None,
    title: str | None,
    max_bytes: int,
) -> Iterator[Report | Discard]:
    records = 0
    try:
        for number, line in _lines(stream, max_bytes):
            if line is None:
                records += 1
                yield Discard(
                    source=source,
                    line=number,
                    reason=f"line is too big: more than the limit of {max_bytes} bytes",
                )
                continue
            if not line.strip():
                continue  # blank lines separate nothing and hold nothing
            records += 1
            yield _read_jsonl_line(
                line, source=source, number=number, published=published, title=title
            )
    except OSError as exc:
        records += 1
        yield Discard(source=source, reason=f"cannot read: {exc.strerror or exc}")
    if records == 0:
        yield Discard(source=source, reason="empty file: no records")


def _lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """Yield (line number, bytes) for each line; None for a line longer than ``max_bytes``."""
    number = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            # Skip the rest of the overlong line in bounded chunks.
            while line and not line.endswith(b"\n"):
                line = stream.readline(io.DEFAULT_BUFFER_SIZE * 16)
            yield number, None
            continue
        yield number, line


def _read_jsonl_line(
    line: bytes,
    *,
    source: str,
    number: int,
    published: date | None,
    title: str | None,
) -> Report | Discard:
    try:
        # A byte-order mark may start any line (files joined with cat), not only the first.
        text = line.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        return Discard(
            source=source,
            line=number,
            reason=f"not UTF-8 text (invalid byte 0x{line[exc.start]:02x} at column {exc.start + 1})",
        )
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return Discard(
            source=source, line=number, reason=f"not valid JSON ({exc.msg} at column {exc.colno})"
        )
    except RecursionError:
        return Discard(source=source, line=number, reason="not a report: JSON nested too deeply")
    doc_id = record.get("id") if isinstance(record, dict) else None
    doc_id = str(doc_id) if isinstance(doc_id, str | int) and not isinstance(doc_id, bool) else None
    if doc_id is not None:
        doc_id = clean_field(doc_id[:MAX_ID_CHARS])
    try:
        report = report_from_record(
            record, source=f"{source}:{number}", published=published, title=title
        )
        check_english(report.text)
        return report
    except InputError as exc:
        return Discard(source=source, line=number, reason=exc.message, doc_id=doc_id)


def read_bytes_report(data: bytes, *, source: str = "-", **meta: Any) -> Report:
    """One report from bytes in memory (decoded and checked as a text file is).

    ``meta`` is passed to :func:`~tollwatch.extract.make_report`. Raises :class:`InputError`.
    """
    if len(data) > MAX_REPORT_BYTES:
        raise InputError(_too_big(len(data), MAX_REPORT_BYTES))
    report = make_report(decode_text(data), **meta)
    check_english(report.text)
    return dataclasses.replace(report, source=source)


__all__ = [
    "Discard",
    "STDIN_NAME",
    "check_text",
    "decode_text",
    "parse_date",
    "read_bytes_report",
    "read_inputs",
    "report_from_record",
]
