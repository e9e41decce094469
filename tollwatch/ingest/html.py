"""HTML pages as reports (main text, title, date, outlet via trafilatura) and folder walking.

:func:`read_paths` is what ``tollwatch ingest`` reads through: it extends
:func:`tollwatch.ingest.readers.read_inputs` with folders (walked recursively, in name order,
hidden files and folders skipped) and HTML pages (``.html`` / ``.htm`` / ``.xhtml``, or a
file that starts like HTML). Everything else goes to ``read_inputs`` unchanged: text files,
JSONL corpora, ``-`` for stdin. A page without readable main text is a :class:`Discard`.
Nothing here touches the network: a page is parsed from its bytes.
"""

from __future__ import annotations

import dataclasses
import os
import re
import stat
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from tollwatch.errors import InputError
from tollwatch.extract import make_report
from tollwatch.ingest.language import check_english
from tollwatch.ingest.readers import (
    JSONL_SUFFIXES,
    Discard,
    check_text,
    open_regular,
    parse_date,
    read_inputs,
)
from tollwatch.model import Report
from tollwatch.settings import MAX_REPORT_BYTES

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
# What a folder walk picks up; a file named on the command line is read whatever its name.
FOLDER_SUFFIXES = HTML_SUFFIXES | TEXT_SUFFIXES | JSONL_SUFFIXES
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)


def looks_like_html(data: bytes) -> bool:
    """True when ``data`` starts like an HTML document."""
    return bool(_HTML_START.match(data[:2048].lstrip(b"\xef\xbb\xbf")))


def read_html(
    data: bytes | str,
    *,
    source: str = "-",
    url: str | None = None,
    published: date | None = None,
    title: str | None = None,
) -> Report:
    """One report from an HTML page: its main text, title, publication date and outlet.

    ``published`` / ``title`` are used when the page gives none. Raises :class:`InputError`
    when the page has no main text.
    """
    import trafilatura

    if isinstance(data, bytes) and len(data) > MAX_REPORT_BYTES:
        raise InputError(
            f"report is too big: {len(data)} bytes, more than the limit of {MAX_REPORT_BYTES} bytes"
        )

    def main_text(page: bytes | str) -> Any:
        try:
            return trafilatura.bare_extraction(
                page,
                url=url,
                with_metadata=True,
                include_comments=False,
                include_tables=False,
                # Only dates the page states; never a guess from today's date or the URL alone.
                date_extraction_params={"extensive_search": False, "original_date": True},
            )
        except Exception as exc:  # noqa: BLE001 - a parser crash on a hostile page is a bad page
            raise InputError(f"HTML page cannot be parsed ({type(exc).__name__})") from None

    # The HTML parser stops at a nesting depth of 256: the text inside tens of thousands of
    # nested (or unclosed) boxes would be lost, and reading them is slow. Such a page is read
    # without its boxes.
    doc = main_text(_without_boxes(data) if _too_deep(data) else data)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError("HTML page has no main text")
    check_text(text)
    when = published
    raw_date = getattr(doc, "date", None)
    if raw_date:
        try:
            when = parse_date(str(raw_date), what="page date")
        except InputError:
            when = published
    outlet = getattr(doc, "sitename", None) or getattr(doc, "hostname", None)
    report = make_report(
        text,
        title=getattr(doc, "title", None) or title,
        published=when,
        outlet=outlet or None,
        url=getattr(doc, "url", None) or url,
    )
    check_english(report.text)
    return dataclasses.replace(report, source=source)


# Container tags with no meaning of their own for the text: dropped when a page nests them
# deeper than the parser can follow (see _too_deep).
_BOX_TAG = re.compile(rb"<(/?)(?:div|span|section|article|main|font|center)\b[^>]*>", re.I)
MAX_DEPTH = 200  # below libxml2's limit of 256, with room for the page's other elements


def _too_deep(data: bytes | str) -> bool:
    """True when container tags open more than :data:`MAX_DEPTH` deep (unclosed or nested)."""
    raw = data.encode("utf-8", "replace") if isinstance(data, str) else data
    depth = 0
    for m in _BOX_TAG.finditer(raw):
        depth = max(0, depth - 1) if m.group(1) else depth + 1
        if depth > MAX_DEPTH:
            return True
    return False


def _without_boxes(data: bytes | str) -> bytes:
    raw = data.encode("utf-8", "replace") if isinstance(data, str) else data
    return _BOX_TAG.sub(b" ", raw)


def _read_html_file(path: Path, *, source: str, published: date | None) -> Report | Discard:
    try:
        with open_regular(path) as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > MAX_REPORT_BYTES:
                return Discard(
                    source=source,
                    reason=f"report is too big: {size} bytes, more than the limit of {MAX_REPORT_BYTES} bytes",
                )
            data = stream.read(MAX_REPORT_BYTES + 1)
    except InputError as exc:
        return Discard(source=source, reason=exc.message)
    except OSError as exc:
        return Discard(source=source, reason=f"cannot read: {exc.strerror or exc}")
    try:
        return read_html(data, source=source, published=published)
    except InputError as exc:
        return Discard(source=source, reason=exc.message)


def walk(
    folder: Path,
    *,
    seen: set[tuple[int, int]] | None = None,
    suffixes: frozenset[str] = FOLDER_SUFFIXES,
) -> Iterator[Path]:
    """The report files under ``folder``, recursively, in name order; hidden ones skipped.

    Symbolic links are followed, but each real folder and file is visited once (``seen``
    holds their device and inode numbers; pass one set to several walks to share it), so a
    link loop ends. A FIFO or device with a report's suffix is yielded too: the reader
    refuses it with its reason instead of leaving it out in silence. A file is taken when
    its last suffix is one of ``suffixes``.
    """
    seen = set() if seen is None else seen
    try:
        key = _identity(folder)
        if key in seen:
            return
        seen.add(key)
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            info = entry.stat()
        except OSError:
            if entry.suffix.lower() in suffixes:
                yield entry  # a dangling or looping link: the reader says why it cannot read it
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from walk(entry, seen=seen, suffixes=suffixes)
        elif entry.suffix.lower() in suffixes:
            if stat.S_ISREG(info.st_mode):
                key = (info.st_dev, info.st_ino)
                if key in seen:
                    continue  # the same file under another name (a link): read once
                seen.add(key)
            yield entry


def _identity(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_dev, info.st_ino


def _is_html_file(path: Path) -> bool:
    if path.suffix.lower() in HTML_SUFFIXES:
        return True
    if path.suffix.lower() in JSONL_SUFFIXES:
        return False
    try:
        with path.open("rb") as stream:
            return looks_like_html(stream.read(2048))
    except OSError:
        return False


def read_paths(
    paths: Sequence[str | Path],
    *,
    published: date | None = None,
    title: str | None = None,
) -> Iterator[Report | Discard]:
    """Reports (or discards) from files, folders, JSONL corpora, HTML pages and ``-``.

    A folder with no readable file in it is a :class:`Discard` (so a typo never passes for
    an empty run).
    """
    seen: set[tuple[int, int]] = set()
    for raw in paths:
        name = str(raw)
        path = Path(name)
        if name != "-" and path.is_dir():
            found = False
            for file in walk(path, seen=seen):
                found = True
                yield from _read_one(file, str(file), published=published, title=title)
            if not found:
                yield Discard(source=name, reason="folder holds no report files")
            continue
        yield from _read_one(path, name, published=published, title=title)


def _read_one(
    path: Path, name: str, *, published: date | None, title: str | None
) -> Iterator[Report | Discard]:
    if name != "-" and path.is_file() and _is_html_file(path):
        yield _read_html_file(path, source=name, published=published)
    else:
        yield from read_inputs([name], published=published, title=title)
