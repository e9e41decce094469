"""Stage ``parse``: give a full spaCy parse to the sentences that can hold a figure, only those.

A full parse of every sentence is about three times too slow for the speed target, and most
sentences of a report carry no figure. A sentence is a *candidate* when it holds a number that
may count people (a ``count`` mention of the numbers stage) and a cue word of some figure
(killed, toll, wounded, fled, evacuated, homes, ...), cheap checks on the raw text. Only the
candidates are parsed, in one ``nlp.pipe`` batch; ``Sentence.doc`` holds each parse, whose
``token.idx + sentence.start`` is the offset in the report.

Stages that need the parse of another sentence (a claimant named in the next sentence, a
blame sentence) call :func:`parse_sentences`, which parses on demand and keeps the result.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from tollwatch.extract.pipeline import Context, Sentence, Stage

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["FIGURE_CUES", "is_candidate", "parse_sentences", "STAGE"]

# Stems of the words that can make a number a figure (see figures.py for what each means).
# Matched case-insensitively at a word start on the raw sentence text.
FIGURE_CUES = re.compile(
    r"\b(?:kill|dead\b|death|die[ds]?\b|dying|toll|bod(?:y|ies)\b|lives\b|casualt|fatalit"
    r"|victim|martyr|massacre|slain|slaughter|perish|execut|behead|murder"
    r"|injur|wound|hurt|maim|missing|disappear|unaccounted"
    r"|kidnap|abduct|hostage|captive|detain|detention|arrest|prisoner|jail|imprison"
    r"|displac|fled\b|flee|refuge|idps?\b|homeless|uproot|exodus"
    r"|evacuat|relocat|shelter|returne|trapped|besieg|siege|threat|at\s+risk|stranded"
    r"|affect|homes\b|houses\b|destroy|damag|collaps|flooded|need\b|camps?\b|tents?\b"
    r"|centres?\b|centers?\b|sites?\b|host\s+famil)",
    re.IGNORECASE,
)


def is_candidate(sentence: Sentence, numbers: Iterable[object]) -> bool:
    """A sentence worth parsing: it has a count-like number and a figure cue word."""
    has_count = any(
        getattr(n, "sentence", None) == sentence.index and getattr(n, "kind", "count") == "count"
        for n in numbers
    )
    return has_count and FIGURE_CUES.search(sentence.text) is not None


def _disabled(nlp: Language) -> list[str]:
    """Pipes nobody downstream reads: the lemmatizer (the figures stage matches word forms;
    no other stage reads lemmas). Tagger, parser, attribute ruler (POS) and NER (places reads
    the entities) all run."""
    return [name for name in ("lemmatizer",) if name in nlp.pipe_names]


def parse_sentences(context: Context, sentences: Iterable[Sentence]) -> None:
    """Parse the given sentences that have no parse yet (in one batch); others are left alone."""
    nlp = context.nlp
    if nlp is None:
        return
    todo = [s for s in sentences if s.doc is None]
    if not todo:
        return
    texts = [_WHITESPACE_RUN.sub(" ", s.text) for s in todo]
    docs = nlp.pipe(texts, disable=_disabled(nlp))
    for sent, text, doc in zip(todo, texts, docs, strict=True):
        sent.doc = doc if text == sent.text else _restore_whitespace(nlp, sent.text, doc)


# Runs of spaces, tabs, line breaks and no-break spaces: text extracted from PDFs and web pages
# is full of them, and spaCy makes each run a token that derails the parser. The parser reads
# the text with single spaces; the parse is then laid back over the original text.
_WHITESPACE_RUN = re.compile(r"\s{2,}|[\t\n\r\f\v\u00a0\u2009\u202f]")


def _restore_whitespace(nlp: Language, original: str, parsed: Doc) -> Doc:
    """A parse of ``original`` whose annotation comes from ``parsed``, the parse of the same
    text with every whitespace run made one space. Falls back to parsing ``original``."""
    from spacy.tokens import Doc

    base = nlp.make_doc(original)
    keep = [i for i, t in enumerate(base) if not t.is_space]
    if len(keep) != len(parsed) or any(base[i].text != parsed[j].text for j, i in enumerate(keep)):
        return nlp(original)  # tokenised differently: take the slow, exact way
    forward = {i: j for j, i in enumerate(keep)}  # original index -> parsed index
    heads: list[int] = []
    deps: list[str] = []
    tags: list[str] = []
    pos: list[str] = []
    ents: list[str] = []
    previous: int | None = None
    for i in range(len(base)):
        j = forward.get(i)
        if j is None:  # a whitespace token: hang it on its neighbour, as spaCy does
            heads.append(previous if previous is not None else min(i + 1, len(base) - 1))
            deps.append("dep")
            tags.append("_SP")
            pos.append("SPACE")
            after = next((forward[k] for k in range(i + 1, len(base)) if k in forward), None)
            inside = (
                ents and ents[-1] != "O" and after is not None and parsed[after].ent_iob_ == "I"
            )
            ents.append("I-" + ents[-1][2:] if inside else "O")
            continue
        src = parsed[j]
        heads.append(keep[src.head.i])
        deps.append(src.dep_ or "dep")
        tags.append(src.tag_)
        pos.append(src.pos_ or "X")
        ents.append(f"{src.ent_iob_}-{src.ent_type_}" if src.ent_iob_ in ("B", "I") else "O")
        previous = i
    return Doc(
        nlp.vocab,
        words=[t.text for t in base],
        spaces=[bool(t.whitespace_) for t in base],
        heads=heads,
        deps=deps,
        tags=tags,
        pos=pos,
        ents=ents,
    )


def run(context: Context) -> None:
    """Mark the candidate sentences and parse them."""
    by_sentence: dict[int, list[object]] = {}
    for n in context.numbers:
        by_sentence.setdefault(n.sentence, []).append(n)
    for sent in context.sentences:
        sent.candidate = is_candidate(sent, by_sentence.get(sent.index, ()))
    parse_sentences(context, [s for s in context.sentences if s.candidate])


STAGE = Stage(name="parse", requires=("sentences", "numbers"), provides=("parsed",), run=run)
