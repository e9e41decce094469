"""Names as catalogues write them, turned into patterns that find them in report text.

The catalogues of ``tollwatch/data/`` (sources, actors) list the ways a name is written as
plain words. :func:`phrase_pattern` makes a regular expression of such words that also finds
the spellings reports vary on: case, a hyphen or a space ("air-strike", "air strike",
"airstrike" for "air-strike"), a curly or a straight apostrophe. :func:`name_regex` joins
aliases (any case), acronyms (exact case) and ready-made patterns into one expression that
matches only whole words.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from functools import cache
from importlib.resources import files
from typing import Any

__all__ = ["load_data", "name_regex", "phrase_pattern"]


def _atom(ch: str) -> str:
    if ch.isspace():
        return r"[\s-]+"
    if ch == "-":
        return r"[\s-]?"
    if ch in "'’":
        return "['’]?"
    return re.escape(ch)


def _atoms(words: str, *, lower: bool) -> list[str]:
    out: list[str] = []
    for ch in words.strip():
        atom = _atom(ch.lower() if lower else ch)
        if atom == r"[\s-]+" and out and out[-1] == atom:
            continue
        out.append(atom)
    return out


def trie_pattern(phrases: Iterable[str], *, lower: bool = False) -> str | None:
    """One regular expression (no flags) matching any of ``phrases`` as
    :func:`phrase_pattern` would, built as a trie so that a search tries each character
    once, not once per phrase (hundreds of names in one pattern). With ``lower``, the
    phrases are lower-cased: use it inside ``(?i:...)``. None for no phrases."""
    trie: dict[str, dict] = {}
    end = ""  # key marking that a phrase may end here
    for words in phrases:
        atoms = _atoms(words, lower=lower)
        if not atoms:
            continue
        node = trie
        for a in atoms:
            node = node.setdefault(a, {})
        node[end] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [a + build(child) for a, child in sorted(node.items()) if a != end]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # a phrase ending here: the longer ones are tried first, then nothing more
        return f"(?:{body})?" if end in node else body

    return build(trie) or None


def phrase_pattern(words: str) -> str:
    """A regular expression (no flags) for ``words`` as reports write them.

    A space matches spaces or a hyphen; a hyphen matches a hyphen, a space or nothing; an
    apostrophe matches either apostrophe or none; everything else is literal.
    """
    out: list[str] = []
    for ch in words.strip():
        if ch.isspace():
            if out and out[-1] == r"[\s-]+":
                continue
            out.append(r"[\s-]+")
        elif ch == "-":
            out.append(r"[\s-]?")
        elif ch in "'’":
            out.append("['’]?")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def name_regex(
    *,
    aliases: Iterable[str] = (),
    acronyms: Iterable[str] = (),
    patterns: Iterable[str] = (),
    after: str = r"(?![\w-])",
) -> re.Pattern[str] | None:
    """One expression for a name's aliases (any case), acronyms (this case) and patterns
        (any case), matching whole words only: not inside a word, nor right after a hyphen
        ("anti-IS" is not "IS"). ``after`` is what must (not) follow. None when there is nothing
        to match. Patterns come first, then aliases longest first, so that at a place the longer
    spelling wins."""
    # patterns first: they are the names built of parts, longer than a bare alias
    insensitive = [f"(?:{p})" for p in patterns]
    insensitive += sorted({phrase_pattern(a) for a in aliases if a.strip()}, key=len, reverse=True)
    exact = sorted({phrase_pattern(a) for a in acronyms if a.strip()}, key=len, reverse=True)
    parts: list[str] = []
    if insensitive:
        parts.append("(?i:" + "|".join(insensitive) + ")")
    parts.extend(exact)
    if not parts:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + ")" + after)


@cache
def load_data(filename: str) -> dict[str, Any]:
    """A TOML data file shipped in ``tollwatch/data/``, parsed (cached: read once)."""
    return tomllib.loads((files("tollwatch") / "data" / filename).read_text(encoding="utf-8"))


def first_chars(regex: re.Pattern[str]) -> frozenset[str] | None:
    """The lower-cased ASCII characters a match of ``regex`` may start with, or None when
    that is not known (anything else first: a class, a category, a non-ASCII letter, an
    expression that may match nothing). A superset: an index over it only skips expressions
    that cannot match at a place, whatever the case. Zero-width assertions are passed over."""
    try:
        from re import _parser as sre_parse  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - older Pythons
        import sre_parse  # type: ignore[no-redef]
    try:
        parsed = sre_parse.parse(regex.pattern, regex.flags)
    except Exception:  # pragma: no cover - the expression compiled, so it parses
        return None
    return _first(list(parsed), sre_parse)


def _first(items: list[Any], sp: Any) -> frozenset[str] | None:
    """First characters of the sequence ``items`` of parsed nodes (None: unknown, or the
    sequence may match the empty string)."""
    c = sp  # opcodes live in the parser's namespace
    for op, av in items:
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            continue  # zero-width: the next node says what comes first
        if op is c.LITERAL:
            ch = chr(av)
            return frozenset({ch.lower()}) if ch.isascii() else None
        if op is c.SUBPATTERN:
            return _first(list(av[-1]), sp)
        if op is c.BRANCH:
            out: set[str] = set()
            for alt in av[1]:
                got = _first(list(alt), sp)
                if got is None:
                    return None
                out |= got
            return frozenset(out)
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            lo, _, body = av
            if lo < 1:
                return None
            return _first(list(body), sp)
        if op is c.IN:
            out = set()
            for iop, iav in av:
                if iop is not c.LITERAL or not chr(iav).isascii():
                    return None
                out.add(chr(iav).lower())
            return frozenset(out)
        return None
    return None  # may match the empty string
