"""The attribute ruler's matching, indexed: the same matches as spaCy's ``Matcher``, faster.

spaCy's ``attribute_ruler`` maps each token's fine tag (with a few word and dependency
exceptions) to its coarse part of speech by running a ``Matcher`` of about 180 one- and
two-token patterns over every document. That matching was an eighth of all parse time
here. Nearly every pattern names one exact tag or word, so indexing the patterns by it
finds the same matches while testing only a handful of patterns per token.

:func:`speed_up` swaps the ruler's ``match`` for :class:`IndexedMatch` when every pattern
uses only what this module understands (``LOWER``, ``TAG``, ``DEP`` and ``IS_SPACE``, with
exact values, ``IN``, ``NOT_IN`` and ``REGEX``, no operators); a user's model with other
patterns keeps spaCy's matcher. Tokens are read as string ids from one ``Doc.to_array``
(the patterns' strings turned into ids once), not as a Token object and strings a token. The annotations are then set by spaCy's own code, in the
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

# A token as the patterns see it: the string ids (hashes) of its lower form, fine tag and
# dependency, and 1 for a space (0 otherwise), as ``Doc.to_array`` gives them.
_Tok = tuple[int, int, int, int]
_Test = Callable[[_Tok], bool]
_FIELDS = {"LOWER": 0, "TAG": 1, "DEP": 2, "IS_SPACE": 3}


def _string_id(value: str) -> int:
    """The string id spaCy gives ``value`` (its hash; 0 for the empty string)."""
    from spacy.strings import get_string_id

    return int(get_string_id(value))


class Unsupported(ValueError):
    """A pattern this module does not understand: the ruler keeps spaCy's matcher."""


def _test(key: str, want: Any, name_of: Callable[[int], str]) -> _Test:
    if key not in _FIELDS:
        raise Unsupported(key)
    at = _FIELDS[key]
    if key == "IS_SPACE":
        if not isinstance(want, bool):
            raise Unsupported(f"{key}: {want!r}")
        flag = int(want)
        return lambda tok: tok[at] == flag
    if isinstance(want, str):
        wanted = _string_id(want)
        return lambda tok: tok[at] == wanted
    if isinstance(want, dict) and len(want) == 1:
        ((op, arg),) = want.items()
        if op == "IN":
            values = frozenset(_string_id(v) for v in arg)
            return lambda tok: tok[at] in values
        if op == "NOT_IN":
            values = frozenset(_string_id(v) for v in arg)
            return lambda tok: tok[at] not in values
        if op == "REGEX":
            return _regex_test(re.compile(arg), at, name_of)
    raise Unsupported(f"{key}: {want!r}")


def _regex_test(rx: re.Pattern[str], at: int, name_of: Callable[[int], str]) -> _Test:
    """A regex test on a token's string, remembered by string id (words come back often)."""
    memo: dict[int, bool] = {}

    def test(tok: _Tok) -> bool:
        sid = tok[at]
        hit = memo.get(sid)
        if hit is None:
            if len(memo) > 100_000:
                memo.clear()
            hit = memo[sid] = rx.search(name_of(sid)) is not None
        return hit

    return test


def _spec(spec: dict[str, Any], name_of: Callable[[int], str]) -> _Test:
    tests = [_test(k, v, name_of) for k, v in spec.items()]
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
    patterns: list[dict[str, Any]],
    match_id: Callable[[int], int],
    name_of: Callable[[int], str] = str,
) -> tuple[dict[tuple[int, int], list[_Pattern]], list[_Pattern]]:
    """Index the ruler's patterns by a word, tag, dependency or space flag their first token
    requires (``(field, string id or flag)``); the patterns whose first token requires none
    of these come second. ``name_of`` gives the string of a string id (for ``REGEX``)."""
    indexed: dict[tuple[int, int], list[_Pattern]] = defaultdict(list)
    general: list[_Pattern] = []

    def value_id(value: str | bool) -> int:
        return int(value) if isinstance(value, bool) else _string_id(value)

    for attr_id, entry in enumerate(patterns):
        for pattern in entry["patterns"]:
            if not pattern or any("OP" in spec for spec in pattern):
                raise Unsupported("operators")
            compiled = (attr_id, match_id(attr_id), tuple(_spec(s, name_of) for s in pattern))
            spec = pattern[0]
            for key in ("LOWER", "TAG", "DEP", "IS_SPACE"):  # a word is rarer than a tag
                if isinstance(spec.get(key), (str, bool)):
                    indexed[(_FIELDS[key], value_id(spec[key]))].append(compiled)
                    break
                if isinstance(spec.get(key), dict) and set(spec[key]) == {"IN"}:
                    for value in set(spec[key]["IN"]):
                        indexed[(_FIELDS[key], value_id(value))].append(compiled)
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
            ruler.patterns, lambda attr_id: strings[str(attr_id)], lambda sid: strings[sid]
        )

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        # the token attributes as string ids, in one array (no Token object a token)
        toks: list[_Tok] = [
            tuple(row) for row in doc.to_array([LOWER, TAG, DEP, IS_SPACE]).tolist()
        ]
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
