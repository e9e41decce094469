"""Tolls told by the words right before a count: "the toll has risen to 13", "put the
number of displaced at about 97,000"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tollwatch.extract.figures.lexicon import (
    ESTIMATE_VERBS,
    TOLL_NOUNS,
    TOLL_VERBS,
    UPDATE_VERBS,
    VERBS,
)
from tollwatch.extract.figures.mention import (
    _Hit,
    _low,
)
from tollwatch.extract.figures.verbs import (
    _toll_figure,
)

if TYPE_CHECKING:
    from spacy.tokens import Token


def _toll_phrase(num: Token, first: int) -> _Hit | None:
    """ "the toll ... has risen to 13", "put the death toll at 45": the words right before the
    count say whose number it is, whatever the parse made of the rest."""
    doc = num.doc
    if (
        first < 2
        or _low(doc[first - 1]) not in ("to", "at")
        or _low(doc[first - 2]) not in TOLL_VERBS
    ):
        return None
    verb = doc[first - 2]
    for k in range(first - 3, max(-1, first - 14), -1):
        if doc[k].text in (".", ";", ":") or doc[k].like_num:
            break
        if _low(doc[k]) in TOLL_NOUNS and _low(doc[k]) != "number":
            fig = _toll_figure(doc[k])
            if fig is not None:
                update = _low(doc[first - 1]) == "to" and _low(verb) in UPDATE_VERBS
                return _Hit(fig, doc[k], "toll-phrase", is_update=update)
    return None


def _estimated_at(top: Token, prep: Token) -> _Hit | None:
    """ "put the number of people displaced since the offensive began at about 97,000": the
    parser may hang the "at" on a verb inside the counted phrase, but the estimate verb
    above it takes the count, and its object (a toll noun before the count) says what the
    count is."""
    tok = prep.head
    chain: list[Token] = []  # the words the "at" hangs on below the estimate verb
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and _low(tok) in ESTIMATE_VERBS:
            for child in tok.children:
                if (
                    child.dep_ in ("dobj", "nsubjpass")
                    and _low(child) in TOLL_NOUNS
                    and child.i < top.i
                ):
                    fig = _toll_figure(child)
                    if fig is None:
                        # "put the number of people displaced at 97,000", parsed with
                        # "displaced" apart from "people": the participle says what counts.
                        fig = next(
                            (
                                VERBS[_low(t)][0]
                                for t in chain
                                if t.tag_ == "VBN" and child.i < t.i < top.i and _low(t) in VERBS
                            ),
                            None,
                        )
                    if fig is not None:
                        return _Hit(fig, child, "toll-estimated-at")
            return None
        if tok.head.i == tok.i:
            break
        chain.append(tok)
        tok = tok.head
    return None
