"""Text from reports made safe for a terminal.

A report is hostile text: an ANSI escape sequence in its title or quote would recolour,
move or clear the reader's terminal, and a bidirectional override would reorder what is
shown. Table output passes every cell through :func:`safe`, which shows such characters
as visible escapes (``\\x1b``) instead of sending them raw. JSON and CSV output are data
and keep the text as it is (JSON escapes control characters itself).
"""

from __future__ import annotations

import re

# C0 and C1 controls (newlines and tabs too: a table cell is one line), DEL, and the
# bidirectional embeddings, overrides and isolates.
_UNSAFE = re.compile("[\\x00-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(value: object) -> str:
    """``value`` as text with no character that drives a terminal."""
    return _UNSAFE.sub(_escape, str(value))


__all__ = ["safe"]
