"""Archives: gzipped JSONL corpora, WARC files, Parquet tables, and folders of them, streamed.

Each archive is read record by record (a Parquet file a batch of rows at a time), so memory
does not grow with its size: ``tollwatch ingest`` holds one batch of reports, not the
archive. Besides what :func:`tollwatch.ingest.html.read_paths` reads (text files, HTML pages,
JSONL corpora, ``-``):

- ``.jsonl.gz`` / ``.ndjson.gz``: a JSONL corpus, gzipped (one ``{"id", "text", "meta"}`` a
  line, checked line by line as a plain corpus is).
- ``.warc`` / ``.warc.gz``: every HTTP ``response`` (or ``resource``) record with an HTML or
  plain-text body, as a :class:`~tollwatch.model.Page` (HTML) or a report (text). The page's
  main text is taken out where extraction runs; its key is the record's payload digest, so a
  second run over the archive skips what is stored before parsing the page. A response with
  an HTTP error status is discarded with it; requests, metadata, images and the like are not
  reports and are passed over.
- ``.parquet``: a table with a ``text`` column and optionally ``id``, ``title``, ``published``,
  ``outlet``, ``url`` (or a ``meta`` struct of them), one report a row.

A record that cannot be read is a :class:`~tollwatch.model.Discard` naming the archive and the
record's number; a corrupt or truncated archive is a discard at the point it breaks, with
the records before it kept.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from tollwatch.errors import InputError
from tollwatch.extract import make_report
from tollwatch.ingest.html import FOLDER_SUFFIXES, read_html, walk
from tollwatch.ingest.html import read_paths as read_plain_paths
from tollwatch.ingest.readers import (
    _lines,
    _read_jsonl_line,
    decode_text,
    open_regular,
    parse_date,
    report_from_record,
)
from tollwatch.model import Discard, Page, Report
from tollwatch.settings import MAX_REPORT_BYTES

JSONL_GZ = (".jsonl.gz", ".ndjson.gz", ".jsonlines.gz")
WARC = (".warc", ".warc.gz")
PARQUET = (".parquet",)
ARCHIVE_SUFFIXES = frozenset({".gz", ".warc", ".parquet"})
PARQUET_BATCH = 256
_GZIP_ERRORS = (OSError, EOFError, zlib.error)
_READ = frozenset({"text/html", "application/xhtml+xml", "text/plain"})  # WARC bodies taken

Item = Report | Discard | Page


def kind_of(path: Path | str) -> str | None:
    """``jsonl.gz``, ``warc`` or ``parquet`` for an archive's name; None for anything else."""
    name = str(path).lower()
    if name.endswith(JSONL_GZ):
        return "jsonl.gz"
    if name.endswith(WARC):
        return "warc"
    if name.endswith(PARQUET):
        return "parquet"
    return None


def _files(paths: Sequence[str | Path]) -> Iterator[tuple[str, Path | None, bool]]:
    """(name, path, is_archive) of each input: folders walked, archives among their files."""
    suffixes = FOLDER_SUFFIXES | ARCHIVE_SUFFIXES
    seen: set[tuple[int, int]] = set()  # each real file and folder once (links, loops)
    for raw in paths:
        name = str(raw)
        path = Path(name)
        if name != "-" and path.is_dir():
            found = False
            for file in walk(path, seen=seen, suffixes=suffixes):
                if file.suffix.lower() == ".gz" and kind_of(file) is None:
                    continue  # a gzipped file of another kind: not ours to guess
                found = True
                yield str(file), file, kind_of(file) is not None
            if not found:
                yield name, None, False
            continue
        yield name, path, name != "-" and kind_of(path) is not None


def read_paths(
    paths: Sequence[str | Path],
    *,
    published: date | None = None,
    title: str | None = None,
) -> Iterator[Item]:
    """Reports, pages and discards from files, folders and archives, streamed in order.

    ``published`` and ``title`` fill what a record leaves empty (as for plain inputs).
    """
    for name, path, archive in _files(paths):
        if path is None:
            yield Discard(source=name, reason="folder holds no report files")
        elif not archive:
            yield from read_plain_paths([name], published=published, title=title)
        else:
            yield from read_archive(path, source=name, published=published, title=title)


def read_archive(
    path: Path, *, source: str, published: date | None = None, title: str | None = None
) -> Iterator[Item]:
    """The records of one archive (by its name: see the module doc)."""
    kind = kind_of(path)
    try:
        stream = open_regular(path)
    except InputError as exc:
        yield Discard(source=source, reason=exc.message)
        return
    with stream:
        if kind == "jsonl.gz":
            yield from _read_jsonl_gz(stream, source=source, published=published, title=title)
        elif kind == "warc":
            yield from _read_warc(stream, source=source, published=published)
        elif kind == "parquet":
            yield from _read_parquet(stream, source=source, published=published, title=title)
        else:  # pragma: no cover - read_paths only sends archives here
            yield Discard(source=source, reason="not an archive tollwatch reads")


# -- gzipped JSONL ------------------------------------------------------------------------


def _read_jsonl_gz(
    stream: BinaryIO, *, source: str, published: date | None, title: str | None
) -> Iterator[Report | Discard]:
    records = 0
    number = 0
    try:
        with gzip.GzipFile(fileobj=stream, mode="rb") as unzipped:
            for number, line in _lines(unzipped, MAX_REPORT_BYTES):  # noqa: B007 - used below
                if line is None:
                    records += 1
                    yield Discard(
                        source=source,
                        line=number,
                        reason=f"line is too big: more than the limit of {MAX_REPORT_BYTES} bytes",
                    )
                    continue
                if not line.strip():
                    continue
                records += 1
                yield _read_jsonl_line(
                    line, source=source, number=number, published=published, title=title
                )
    except _GZIP_ERRORS as exc:
        yield Discard(
            source=source,
            line=number + 1,
            reason=f"corrupt gzip archive ({type(exc).__name__}: {exc}): the rest of it is unread",
        )
        return
    if records == 0:
        yield Discard(source=source, reason="empty file: no records")


# -- WARC ---------------------------------------------------------------------------------


def _record_key(record: Any, body: bytes) -> str:
    digest = record.rec_headers.get_header("WARC-Payload-Digest")
    if digest:
        return f"warc:{digest.strip()}"
    return "warc:sha256:" + hashlib.sha256(body).hexdigest()


def _warc_date(record: Any) -> date | None:
    raw = record.rec_headers.get_header("WARC-Date")
    if not raw:
        return None
    try:
        return parse_date(raw, what="WARC-Date")
    except InputError:
        return None


def _content_type(record: Any) -> str:
    if record.http_headers is not None:
        value = record.http_headers.get_header("Content-Type") or ""
    else:
        value = record.rec_headers.get_header("Content-Type") or ""
    return value.split(";")[0].strip().lower()


def _read_warc(
    stream: BinaryIO, *, source: str, published: date | None
) -> Iterator[Report | Discard | Page]:
    number = 0
    try:
        for record in ArchiveIterator(stream):
            number += 1
            if record.format != "warc":
                # warcio reads any line-based text as an old ARC record: not an archive of ours.
                yield Discard(
                    source=source, line=number, reason="not a WARC record: the rest is unread"
                )
                return
            if record.rec_type not in ("response", "resource"):
                continue
            ctype = _content_type(record)
            if ctype not in _READ:
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            status = record.http_headers.get_statuscode() if record.http_headers else None
            if status is not None and not str(status).startswith("2"):
                yield Discard(source=source, line=number, reason=f"HTTP status {status} ({url})")
                continue
            body = record.content_stream().read(MAX_REPORT_BYTES + 1)
            if len(body) > MAX_REPORT_BYTES:
                yield Discard(
                    source=source,
                    line=number,
                    reason=f"report is too big: more than the limit of {MAX_REPORT_BYTES} bytes",
                )
                continue
            when = published or _warc_date(record)
            where = f"{source}:{number}"
            if ctype == "text/plain":
                yield _text_report(body, source=where, line=number, url=url, published=when)
                continue
            yield Page(
                source=where,
                data=body,
                key=_record_key(record, body),
                url=url,
                published=when,
                line=number,
            )
    except (ArchiveLoadFailed, *_GZIP_ERRORS, ValueError) as exc:
        yield Discard(
            source=source,
            line=number + 1,
            reason=f"corrupt WARC archive ({type(exc).__name__}: {exc}): the rest of it is unread",
        )
        return
    if number == 0:
        yield Discard(source=source, reason="empty file: no records")


def _text_report(
    body: bytes, *, source: str, line: int, url: str | None, published: date | None
) -> Report | Discard:
    try:
        report = make_report(decode_text(body), published=published, url=url)
    except InputError as exc:
        return Discard(source=source.rsplit(":", 1)[0], line=line, reason=exc.message)
    return replace(report, source=source)


def read_page(page: Page) -> Report | Discard:
    """The report of a page (its main text, title, date, outlet), or why there is none."""
    try:
        return read_html(page.data, source=page.source, url=page.url, published=page.published)
    except InputError as exc:
        where, _, line = page.source.rpartition(":")
        if page.line is not None and line == str(page.line):
            return Discard(source=where, line=page.line, reason=exc.message)
        return Discard(source=page.source, reason=exc.message)


# -- Parquet ------------------------------------------------------------------------------

_META = ("title", "published", "outlet", "url")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _row_record(row: dict[str, Any]) -> dict[str, Any]:
    meta = row.get("meta") if isinstance(row.get("meta"), dict) else {}
    meta = {k: _plain(v) for k, v in (meta or {}).items()}
    for key in _META:
        if row.get(key) is not None:
            meta[key] = _plain(row[key])
    record: dict[str, Any] = {"text": row.get("text"), "meta": meta}
    if row.get("id") is not None:
        record["id"] = row["id"]
    return record


def _read_parquet(
    stream: BinaryIO, *, source: str, published: date | None, title: str | None
) -> Iterator[Report | Discard]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(stream)
        names = set(table.schema_arrow.names)
    except (pa.ArrowException, OSError, ValueError) as exc:
        yield Discard(source=source, reason=f"not a readable Parquet file ({exc})")
        return
    if "text" not in names:
        yield Discard(
            source=source,
            reason="Parquet file has no 'text' column (columns: " + ", ".join(sorted(names)) + ")",
        )
        return
    columns = [c for c in ("id", "text", "meta", *_META) if c in names]
    number = 0
    try:
        for batch in table.iter_batches(batch_size=PARQUET_BATCH, columns=columns):
            for row in batch.to_pylist():
                number += 1
                record = _row_record(row)
                doc_id = record.get("id")
                try:
                    yield report_from_record(
                        record, source=f"{source}:{number}", published=published, title=title
                    )
                except InputError as exc:
                    yield Discard(
                        source=source,
                        line=number,
                        reason=exc.message,
                        doc_id=str(doc_id) if isinstance(doc_id, str | int) else None,
                    )
    except (pa.ArrowException, OSError, ValueError) as exc:
        yield Discard(
            source=source,
            line=number + 1,
            reason=f"corrupt Parquet file ({exc}): the rest of it is unread",
        )
        return
    if number == 0:
        yield Discard(source=source, reason="empty file: no records")


# -- counting, for progress -----------------------------------------------------------------


def count_reports(
    paths: Sequence[str | Path], *, stop: threading.Event | None = None
) -> int | None:
    """How many items :func:`read_paths` will yield, about (for a progress ETA).

    Cheap next to extraction: lines are counted without parsing, WARC records without their
    bodies, Parquet rows from the file's metadata. None when stopped, or for ``-``.
    """
    total = 0
    for name, path, archive in _files(paths):
        if stop is not None and stop.is_set():
            return None
        if path is None:
            total += 1
            continue
        if name == "-":
            return None
        try:
            total += _count_one(path, archive=archive, stop=stop)
        except Exception:  # noqa: BLE001 - a count is a hint; the read reports the fault
            total += 1
    return None if stop is not None and stop.is_set() else total


def _count_lines(stream: BinaryIO, stop: threading.Event | None) -> int:
    count = 0
    while chunk := stream.read(1 << 20):
        count += chunk.count(b"\n")
        if stop is not None and stop.is_set():
            break
    return count


def _count_one(path: Path, *, archive: bool, stop: threading.Event | None) -> int:
    kind = kind_of(path) if archive else None
    if kind is None:
        if path.suffix.lower() in (".jsonl", ".ndjson", ".jsonlines"):
            with open_regular(path) as stream:
                return _count_lines(stream, stop)
        return 1
    if kind == "jsonl.gz":
        with open_regular(path) as raw, gzip.GzipFile(fileobj=raw, mode="rb") as stream:
            return _count_lines(stream, stop)
    if kind == "parquet":
        import pyarrow.parquet as pq

        with open_regular(path) as stream:
            return pq.ParquetFile(stream).metadata.num_rows
    count = 0
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type in ("response", "resource") and _content_type(record) in _READ:
                count += 1
            if stop is not None and stop.is_set():
                break
    return count


__all__ = [
    "ARCHIVE_SUFFIXES",
    "count_reports",
    "kind_of",
    "read_archive",
    "read_page",
    "read_paths",
]
