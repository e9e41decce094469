"""The attribute ruler's matching, indexed: the same matches as spaCy's ``Matcher``, faster.

spaCy's ``attribute_ruler`` maps each token's fine tag (with a few word and dependency
exceptions) to its coarse part of speech by running a ``Matcher`` of about 180 one- and
two-token patterns over every document. That matching was an eighth of all parse time
here. Nearly every pattern names one exact tag or word, so indexing the patterns by it
finds the same matches while testing only a handful of patterns per token.

:func:`speed_up` swaps the ruler's ``match`` for :class:`IndexedMatch` when every pattern
uses only what this module understands (``LOWER``, ``TAG``, ``DEP`` and ``IS_SPACE``, with
exact values, ``IN``, ``NOT_IN`` and ``REGEX``, no operators); a user's model with other
patterns keeps spaCy's matcher. The annotations are then set by spaCy's own code, in the
same order, so the result is the same (tests compare the two on real report text).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc

__all__ = ["IndexedMatch", "compile_patterns", "speed_up"]

# A token as the patterns see it: (lower, tag, dep, is_space).
_Tok = tuple[str, str, str, bool]
_Test = Callable[[_Tok], bool]
_FIELDS = {"LOWER": 0, "TAG": 1, "DEP": 2, "IS_SPACE": 3}


class Unsupported(ValueError):
    """A pattern this module does not understand: the ruler keeps spaCy's matcher."""


def _test(key: str, want: Any) -> _Test:
    if key not in _FIELDS:
        raise Unsupported(key)
    at = _FIELDS[key]
    if key == "IS_SPACE":
        if not isinstance(want, bool):
            raise Unsupported(f"{key}: {want!r}")
        return lambda tok: tok[at] is want
    if isinstance(want, str):
        return lambda tok: tok[at] == want
    if isinstance(want, dict) and len(want) == 1:
        ((op, arg),) = want.items()
        if op == "IN":
            values = frozenset(arg)
            return lambda tok: tok[at] in values
        if op == "NOT_IN":
            values = frozenset(arg)
            return lambda tok: tok[at] not in values
        if op == "REGEX":
            rx = re.compile(arg)
            return lambda tok: rx.search(tok[at]) is not None
    raise Unsupported(f"{key}: {want!r}")


def _spec(spec: dict[str, Any]) -> _Test:
    tests = [_test(k, v) for k, v in spec.items()]
    if not tests:
        raise Unsupported("an empty token pattern")
    if len(tests) == 1:
        return tests[0]
    if len(tests) == 2:
        first, second = tests
        return lambda tok: first(tok) and second(tok)
    return lambda tok: all(t(tok) for t in tests)


# One compiled pattern: (attr_id, match_id, tests for its tokens).
_Pattern = tuple[int, int, tuple[_Test, ...]]


def compile_patterns(
    patterns: list[dict[str, Any]], match_id: Callable[[int], int]
) -> tuple[dict[tuple[int, str | bool], list[_Pattern]], list[_Pattern]]:
    """Index the ruler's patterns by a word, tag, dependency or space flag their first token
    requires (``(field, value)``); the patterns whose first token requires none of these
    come second."""
    indexed: dict[tuple[int, str | bool], list[_Pattern]] = defaultdict(list)
    general: list[_Pattern] = []
    for attr_id, entry in enumerate(patterns):
        for pattern in entry["patterns"]:
            if not pattern or any("OP" in spec for spec in pattern):
                raise Unsupported("operators")
            compiled = (attr_id, match_id(attr_id), tuple(_spec(s) for s in pattern))
            spec = pattern[0]
            for key in ("LOWER", "TAG", "DEP", "IS_SPACE"):  # a word is rarer than a tag
                if isinstance(spec.get(key), (str, bool)):
                    indexed[(_FIELDS[key], spec[key])].append(compiled)
                    break
                if isinstance(spec.get(key), dict) and set(spec[key]) == {"IN"}:
                    for value in set(spec[key]["IN"]):
                        indexed[(_FIELDS[key], value)].append(compiled)
                    break
            else:
                general.append(compiled)
    return dict(indexed), general


class IndexedMatch:
    """A drop-in for ``AttributeRuler.match``: ``(attr_id, match_id, start, end)`` sorted as
    the ruler sorts them, so later rules still take precedence."""

    def __init__(self, ruler: AttributeRuler) -> None:
        strings = ruler.vocab.strings
        self.indexed, self.general = compile_patterns(
            ruler.patterns, lambda attr_id: strings[str(attr_id)]
        )

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        toks: list[_Tok] = [(t.lower_, t.tag_, t.dep_, t.is_space) for t in doc]
        found: set[tuple[int, int, int, int]] = set()
        indexed, general = self.indexed, self.general
        size = len(toks)
        for i, tok in enumerate(toks):
            for candidates in (
                indexed.get((0, tok[0]), ()),
                indexed.get((1, tok[1]), ()),
                indexed.get((2, tok[2]), ()),
                indexed.get((3, tok[3]), ()),
                general,
            ):
                for attr_id, mid, tests in candidates:
                    if not tests[0](tok):
                        continue
                    n = len(tests)
                    if n == 1:
                        found.add((attr_id, mid, i, i + 1))
                    elif i + n <= size and all(tests[k](toks[i + k]) for k in range(1, n)):
                        found.add((attr_id, mid, i, i + n))
        return sorted(found)


def speed_up(nlp: Language) -> bool:
    """Give the pipeline's attribute ruler indexed matching; False when it has none or its
    patterns are beyond this module (it then keeps spaCy's matcher)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    try:
        match = IndexedMatch(ruler)
    except Unsupported:
        return False
    ruler.match = match  # type: ignore[method-assign]
    return True
