"""What a text file says of itself in its first lines: title, outlet, dateline, syndication.

Wire copy saved as text starts with its headline, often a "Date of publication:" line, and a
body whose first paragraph opens with a dateline naming the place it was filed from and the
outlet: ``BEIRUT (Levant Wire) - Air strikes killed ...``. A republished story may say so
above it: ``Republished by the Gulf Evening Courier from Levant Wire``. :func:`read_header`
reads these (nothing else of the text), so a text file's report has a title and an outlet as
an HTML page's or a JSONL record's has, and a syndicated copy says whose story it is.

- the **title** is the first line when it reads as a headline: a line of its own (a blank
  line or a metadata line follows), of 3 to 30 words, not ending as a sentence does, not a
  dateline;
- a ``Republished by X from Y`` (or ``Syndicated from Y``) line gives the **outlet** X and
  the original outlet Y (``syndicated_from``);
- otherwise the **outlet** is the one in the first body paragraph's dateline, in brackets
  after the place (``ERBIL, Iraq (Tigris Newswire) -``), and the **dateline** is its place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# "Date of publication: 2016-09-24", "Published: ...", "Source: ..." lines above the body.
_META_LINE = re.compile(
    r"(?i)^\s*(?:date of publication|published(?: on)?|date|source|by|byline|updated)\b\s*:?"
)
_REPUBLISHED = re.compile(
    r"(?i)^\s*(?:republished|reprinted|syndicated|distributed)\s+(?:by\s+(?:the\s+)?"
    r"(?P<by>[^\n]+?)\s+)?from\s+(?:the\s+)?(?P<orig>[^\n]+?)\s*\.?\s*$"
)
# "BEIRUT (Levant Wire) -", "ERBIL, Iraq (Tigris Newswire) -", "SANAA, May 7 (Arabia Dispatch) —"
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.\- ]{1,40}?(?:,\s*[A-Z][\w'’.\- ]{1,40}?)?)"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s*\((?P<outlet>[^()\n]{2,60})\)\s*[-–—]+\s"
)
_MAX_TITLE_WORDS = 30
_SCAN_LINES = 8


@dataclass(frozen=True, kw_only=True, slots=True)
class Header:
    """What the first lines of a text say of it (None where they say nothing)."""

    title: str | None = None
    outlet: str | None = None
    dateline: str | None = None  # the place the story was filed from ("BEIRUT")
    syndicated_from: str | None = None  # the outlet whose story this is a republication of


def _is_title(line: str, after: str | None) -> bool:
    words = line.split()
    if not 3 <= len(words) <= _MAX_TITLE_WORDS or _DATELINE.match(line):
        return False
    if line.rstrip().endswith((".", ":", ";", ",")) and not line.rstrip().endswith("..."):
        return False
    return (
        after is None
        or not after.strip()
        or bool(_META_LINE.match(after))
        or bool(_REPUBLISHED.match(after))
    )


def read_header(text: str) -> Header:
    """The title, outlet, dateline and syndication the first lines of ``text`` give."""
    lines = text.split("\n")[: _SCAN_LINES * 4]
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return Header()
    title = None
    head = lines[first].strip()
    following = lines[first + 1] if first + 1 < len(lines) else None
    if _is_title(head, following):
        title = head
    outlet = syndicated = dateline = None
    seen = 0
    for line in lines[first + (1 if title else 0) :]:
        if not line.strip():
            continue
        seen += 1
        if seen > _SCAN_LINES:
            break
        if _META_LINE.match(line):
            continue
        republished = _REPUBLISHED.match(line)
        if republished:
            outlet = (republished["by"] or "").strip() or outlet
            syndicated = republished["orig"].strip()
            continue
        found = _DATELINE.match(line.strip())
        if found:
            dateline = found["place"].strip().rstrip(",")
            outlet = outlet or found["outlet"].strip()
        break  # the body has begun
    return Header(title=title, outlet=outlet, dateline=dateline, syndicated_from=syndicated)
