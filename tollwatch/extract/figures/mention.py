"""A figure as the stage gives it (:class:`FigureMention`), and the token helpers every
module of the stage shares."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tollwatch.extract.numbers import NumberMention
from tollwatch.extract.pipeline import Sentence
from tollwatch.model import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass(frozen=True, kw_only=True, slots=True)
class FigureMention:
    """A number that counts people (or households) with a figure: killed, displaced, ..."""

    figure: str  # one of model.FIGURES
    number: NumberMention
    victims: tuple[str, ...]  # model.VICTIMS
    unit: str  # people | households
    evidence: Span  # the clause or sentence that states it; contains number.span
    sentence: int
    cue: Span  # the words that made it this figure ("were killed", "death toll")
    part_of: int | None = None  # index in context.figures of the figure this is a subset of
    is_update: bool = False  # "the toll rose to 45": supersedes an earlier figure
    rule: str = ""  # which pattern made it a figure (for reviewers and debugging)
    # "Another five were killed", "three more died", "were also killed": the count adds to
    # the figure told just before it
    adds: bool = False
    # it follows "including" / "among them": a part of some count, even where that count was
    # not found, so nothing is added to it
    after_subset_word: bool = False
    # a count of some of the victims, not a toll ("six children were among the dead"): the
    # incidents stage never makes it a headline or a toll that rises
    subset: bool = False
    # a total the report's words make of counts it gives ("five women and a child", "11 ...
    # Another five"): its parts point to it (part_of); each part is a count of its own
    total: bool = False
    # victims counted by name (figures/persons.py): each person's name words without titles,
    # folded ("oqueli colindres"); empty for a person named only by a role ("the driver")
    names: tuple[str, ...] = ()


def in_sentence(sent: Sentence, **fields: object) -> FigureMention:
    """A figure whose evidence is its whole sentence (``fields``: the rest of FigureMention's)."""
    span = Span(start=sent.start, end=sent.end, text=sent.text)
    return FigureMention(evidence=span, sentence=sent.index, **fields)  # type: ignore[arg-type]


@dataclass(slots=True)
class _Hit:
    figure: str
    cue: Token
    rule: str
    is_update: bool = False
    inherit: bool = False  # the figure comes from another number ("a figure of 20,000")
    subset: bool = False  # "were among the dead": some of the victims (FigureMention.subset)


def _low(tok: Token) -> str:
    return tok.lower_


def _number_tokens(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens that overlap [start, end) (offsets within the sentence)."""
    # Token offsets are kept on the doc: walking every token for every number was a tenth
    # of the figures stage's time.
    bounds = doc.user_data.get(_BOUNDS)
    if bounds is None:
        starts = [t.idx for t in doc]
        ends = [t.idx + len(t.text) for t in doc]
        bounds = doc.user_data[_BOUNDS] = (starts, ends)
    starts, ends = bounds
    return [doc[k] for k in range(bisect_right(ends, start), bisect_left(starts, end))]


_BOUNDS = "tollwatch.token_bounds"


def _root(tokens: list[Token]) -> Token:
    ids = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in ids or t.head.i == t.i:
            if t.like_num or _low(t) in (
                "dozens",
                "hundreds",
                "thousands",
                "tens",
                "scores",
                "millions",
                "dozen",
                "hundred",
                "thousand",
                "million",
            ):
                return t
    nums = [t for t in tokens if t.like_num]
    return nums[-1] if nums else tokens[-1]


def _first_token(doc: Doc, sent: Sentence, m: NumberMention) -> int:
    toks = _number_tokens(doc, m.span.start - sent.start, m.span.end - sent.start)
    return toks[0].i if toks else 0


def _cue_span(text: str, sent: Sentence, tok: Token) -> Span:
    """The figure words: the cue token, with a compound before it ("death toll")."""
    start_tok = tok
    for child in tok.children:
        if child.dep_ == "compound" and child.i == tok.i - 1:
            start_tok = child
    start = sent.start + start_tok.idx
    end = sent.start + tok.idx + len(tok.text)
    return Span(start=start, end=end, text=text[start:end])


def _with_part_of(f: FigureMention, pidx: int) -> FigureMention:
    return replace(f, part_of=pidx)


def _in_text_order(figs: list[FigureMention]) -> list[FigureMention]:
    # a total before its parts: "five women and a child" before "five"
    order = sorted(
        range(len(figs)),
        key=lambda i: (figs[i].number.span.start, -figs[i].number.span.end, i),
    )
    new_index = {old: new for new, old in enumerate(order)}
    result: list[FigureMention] = []
    for old in order:
        f = figs[old]
        if f.part_of is not None:
            f = _with_part_of(f, new_index[f.part_of])
        result.append(f)
    return result
