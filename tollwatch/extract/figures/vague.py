"""Victims counted without a number: "others were injured", "a number of civilians were
wounded", "killing and wounding an unknown number of people", "many injuries".

Analysts' prose and wire copy often say that people were hurt or killed without saying how
many. Such a count is still a figure, the least its words mean (``[vague_counts]`` and
``[vague_sizes]`` of ``tollwatch/data/figure_words.toml``): a plural is at least two, "many"
at least five, "a large number" at least a dozen. The claim is ``vague`` (its value is that
least number, its ``high`` open), so a stated number of the same figure is always the headline
before it.

A vague count is one of:

- ``others`` ("and others were injured", "wounding others", "many others");
- ``a number of`` people or of a figure noun, with the adjective that sizes it ("a large
  number of residents", "an unknown number of victims", "a number of injuries");
- a plural of people or a figure noun with a vague quantifier ("several civilians", "some
  residents", "many injuries", "multiple deaths");

and it is a figure when it stands in the victim slot of a casualty verb (the object of
"killing" or "injuring", the passive subject of "were wounded", the subject of a reduced
"many others injured", the object of "left ... injured", shared by conjoined verbs: "killing
and wounding a number of people"), or when it counts a figure noun itself ("caused a number
of injuries", "resulting in many injuries"). A negated, wished or attempted act counts no one,
nor does a question ("how many were hurt"), a definite group ("the others", "the number of"),
a count the numbers stage already read ("dozens of people"), or fighters and soldiers ("a
number of terrorists were killed": a communique's claim of success, not a count). A vague count
of a figure the report also gives a number for is dropped (:func:`drop_told_vague`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from tollwatch.extract.figures.anchor import _victims
from tollwatch.extract.figures.lexicon import (
    ADJECTIVES,
    ATTEMPT_VERBS,
    FIGURE_NOUNS,
    LEFT_IN_STATE,
    PERSON_PLURALS,
    VAGUE_COUNTS,
    VAGUE_FIGURE_NOUNS,
    VAGUE_SIZES,
    VERBS,
)
from tollwatch.extract.figures.mention import FigureMention, _low, _number_tokens, in_sentence
from tollwatch.extract.numbers import NumberMention
from tollwatch.extract.pipeline import Context, Sentence
from tollwatch.model import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Figures counted this way: people hurt or killed (a vague displacement is "thousands").
VAGUE_FIGURES = frozenset({"killed", "injured"})
_MODALS = frozenset("will would could can may might should must shall".split())
# Words before a quantifier that make it no count: "how many", "so many", "too many", "as
# many as" (a ceiling the numbers stage reads with its number).
_NOT_A_COUNT_BEFORE = frozenset("how so too as".split())
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# Victims a vague count does not count: a communique's "a number of terrorists were killed",
# "inflicting losses on many militants" claims a success, it gives no count of people.
_COMBATANTS = frozenset({"fighters", "soldiers"})


def _size(tok: Token) -> int | None:
    """The least number a vague count headed by ``tok`` means, or None when it is none."""
    low = _low(tok)
    if tok.i > 0 and _low(tok.doc[tok.i - 1]) in _NOT_A_COUNT_BEFORE:
        return None
    if low in ("others",) and tok.tag_ in _PLURAL_TAGS:
        if any(c.dep_ == "det" and _low(c) == "the" for c in tok.children):
            return None  # "the others": people counted before
        quant = [VAGUE_COUNTS[_low(c)] for c in tok.children if _quantifier(c)]
        return max(quant, default=VAGUE_COUNTS["others"])
    if low in ("number", "numbers"):
        dets = [_low(c) for c in tok.children if c.dep_ == "det"]
        if low == "number" and dets != ["a"] and dets != ["an"]:
            return None  # "the number of", "any number of"
        of = [
            g
            for c in tok.children
            if c.dep_ == "prep" and _low(c) == "of"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        # "an unspecified number were injured": the number itself the subject
        alone = not of and tok.dep_ in _SUBJECTS and not any(_low(c) == "of" for c in tok.children)
        if not alone and (not of or not any(_people_or_figure(g) for g in of)):
            return None
        sizes = [VAGUE_SIZES[_low(c)] for c in tok.children if _low(c) in VAGUE_SIZES]
        return max(sizes, default=VAGUE_COUNTS[low])
    if tok.tag_ in _PLURAL_TAGS and _people_or_figure(tok):
        quant = [VAGUE_COUNTS[_low(c)] for c in tok.children if _quantifier(c)]
        return max(quant) if quant else None
    if _bare_quantifier(tok):
        return VAGUE_COUNTS[low]  # "several were injured"
    return None


def _bare_quantifier(tok: Token) -> bool:
    """A quantifier standing for the people as the subject: "several were injured", "many
    were hurt" (not "some of the houses", "many said")."""
    return (
        tok.dep_ in _SUBJECTS
        and _low(tok) in VAGUE_COUNTS
        and _low(tok) not in ("others", "number", "numbers")
        and not any(c.dep_ == "prep" for c in tok.children)
        and not (tok.i > 0 and _low(tok.doc[tok.i - 1]) in _NOT_A_COUNT_BEFORE)
    )


def _quantifier(tok: Token) -> bool:
    return (
        tok.dep_ in ("amod", "det")
        and _low(tok) in VAGUE_COUNTS
        and _low(tok) not in ("number", "numbers", "others")
        and not any(c.dep_ == "advmod" and _low(c) in _NOT_A_COUNT_BEFORE for c in tok.children)
        and not (tok.i > 0 and _low(tok.doc[tok.i - 1]) in _NOT_A_COUNT_BEFORE)
    )


def _figure_noun(tok: Token) -> str | None:
    """The figure of a noun a vague count may count by itself ("injuries"), or None."""
    low = _low(tok)
    if low not in VAGUE_FIGURE_NOUNS or tok.tag_ not in _PLURAL_TAGS:
        return None
    figure = FIGURE_NOUNS.get(low)
    return figure if figure in VAGUE_FIGURES else None


def _people_or_figure(tok: Token) -> bool:
    return (_low(tok) in PERSON_PLURALS and tok.tag_ in _PLURAL_TAGS) or bool(_figure_noun(tok))


def _negated(verb: Token) -> bool:
    return any((c.dep_ == "neg" or _low(c) in _MODALS) and c.i < verb.i for c in verb.children) or (
        _low(verb.head) in ATTEMPT_VERBS and verb.dep_ == "xcomp"
    )


def _verb_figure(tok: Token) -> str | None:
    """The figure of a casualty verb (killed, injured) or None."""
    low = _low(tok)
    if tok.pos_ not in ("VERB", "AUX", "ADJ") or low not in VERBS:
        return None
    figure = VERBS[low][0]
    return figure if figure in VAGUE_FIGURES else None


def _slot_figures(head: Token) -> list[tuple[str, Token]]:
    """(figure, cue) for each casualty word whose victims ``head`` is."""
    found: list[tuple[str, Token]] = []
    low = _low(head)
    noun_figure = _figure_noun(head)
    if low in ("number", "numbers"):
        for c in head.children:
            if c.dep_ == "prep" and _low(c) == "of":
                for g in c.children:
                    if g.dep_ == "pobj" and _figure_noun(g):
                        noun_figure = _figure_noun(g)
    if noun_figure is not None:
        # "caused a number of injuries", "many injuries": the noun is the figure
        return [(noun_figure, head)]
    reduced = _reduced_figure(head)  # "a number of others wounded"
    if reduced is not None:
        return [reduced]
    verb = head.head
    if head.dep_ == "conj":
        # "killed four and others": the conjunct shares the slot of the first
        first = head
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        if first.dep_ not in ("dobj", "nsubjpass", "nsubj"):
            return found
        verb, dep = first.head, first.dep_
    else:
        dep = head.dep_
    if _verb_figure(verb) is None and dep in _SUBJECTS and _low(verb) not in ATTEMPT_VERBS:
        # "numerous others were reported injured": the figure is the verb's complement
        told = next(
            (
                c
                for c in verb.children
                if c.dep_ in ("xcomp", "oprd") and c.i > verb.i and _verb_figure(c) is not None
            ),
            None,
        )
        if told is not None and not _negated(verb):
            verb, dep = told, "nsubjpass"
    figure = _verb_figure(verb)
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if figure is not None and not _negated(verb):
        transitive = VERBS[_low(verb)][1]
        if (
            (dep == "dobj" and transitive and not passive)
            or dep == "nsubjpass"
            or (dep == "nsubj" and (not transitive or verb.tag_ == "VBN" or _gapped(verb)))
        ):
            found.append((figure, verb))
            # "killing and wounding a number of people", "were killed and injured"
            for other in verb.conjuncts:
                f2 = _verb_figure(other)
                if (
                    f2 is not None
                    and f2 != figure
                    and not any(
                        c.dep_ in ("dobj", "nsubjpass")
                        or (c.dep_ == "nsubj" and not VERBS[_low(other)][1])
                        for c in other.children
                    )
                    and not _negated(other)
                ):
                    found.append((f2, other))
    elif dep == "dobj" and _low(verb) in LEFT_IN_STATE:
        # "left many others injured"
        for c in verb.children:
            if c.i > head.i and _low(c) in ADJECTIVES and ADJECTIVES[_low(c)] in VAGUE_FIGURES:
                found.append((ADJECTIVES[_low(c)], c))
    return found


def _gapped(verb: Token) -> bool:
    """A verb whose passive auxiliary the sentence leaves out after a passive it is conjoined
    with: "six were killed, and others injured" (the parse reads "others injured" active)."""
    return (
        verb.dep_ == "conj"
        and verb.tag_ == "VBD"
        and any(c.dep_ == "auxpass" for c in verb.head.children)
        and not any(c.dep_ == "dobj" for c in verb.children)
    )


def _reduced_figure(head: Token) -> tuple[str, Token] | None:
    """(figure, cue) of a participle right after the people it tells of: "a number of
    others wounded", "several civilians injured" (the parse hangs it on them as ``acl``)."""
    people = [head] + [
        g
        for c in head.children
        if c.dep_ == "prep" and _low(c) == "of"
        for g in c.children
        if g.dep_ == "pobj"
    ]
    for tok in people:
        for c in tok.children:
            if c.dep_ == "acl" and c.tag_ == "VBN" and c.i == tok.i + 1 and not _negated(c):
                figure = _verb_figure(c)
                if figure is not None:
                    return figure, c
    return None


def _candidates(doc: Doc) -> list[Token]:
    out = []
    for tok in doc:
        low = _low(tok)
        if low in ("others", "number", "numbers") or (
            low in VAGUE_COUNTS and tok.dep_ in ("amod", "det")
        ):
            head = tok if low in ("others", "number", "numbers") else tok.head
            if head not in out:
                out.append(head)
        elif _bare_quantifier(tok):
            head = tok
            if head not in out:
                out.append(head)
    return out


def vague_figures(
    context: Context, sent: Sentence, numbers: list[NumberMention], out: list[FigureMention]
) -> None:
    """Add the vague counts of one parsed sentence (see the module)."""
    doc = sent.doc
    if doc is None:
        return
    heads = _candidates(doc)
    if not heads:
        return
    counted: set[int] = set()
    for m in numbers:
        if m.kind == "count":
            counted.update(
                t.i for t in _number_tokens(doc, m.span.start - sent.start, m.span.end - sent.start)
            )
    taken = {(f.figure, f.sentence) for f in out if f.sentence == sent.index}
    for head in heads:
        if any(t.i in counted for t in head.subtree):
            continue
        size = _size(head)
        if size is None:
            continue
        for figure, cue in _slot_figures(head):
            if (figure, sent.index) in taken:
                continue  # a stated count of the same figure in the sentence says how many
            taken.add((figure, sent.index))
            left = min(t.i for t in head.subtree if t.i <= head.i)
            # "a number of residents", not the words after them ("near the bakery")
            right = max(
                [head.i]
                + [
                    g.i
                    for c in head.children
                    if c.i > head.i and c.dep_ == "prep" and _low(c) == "of"
                    for g in c.children
                    if g.dep_ == "pobj"
                ]
            )
            start = sent.start + doc[left].idx
            end = sent.start + doc[right].idx + len(doc[right].text)
            span = Span(start=start, end=end, text=context.text[start:end])
            number = NumberMention(
                value=size,
                low=size,
                high=None,
                qualifier="vague",
                span=span,
                number_span=span,
                sentence=sent.index,
            )
            noun = head
            if _low(head) in ("number", "numbers"):
                noun = next((g for c in head.children if _low(c) == "of" for g in c.children), head)
            victims, unit = _victims(noun)
            if _COMBATANTS & set(victims):
                continue  # "killing and injuring many terrorists": a boast, not a count
            out.append(
                in_sentence(
                    sent,
                    figure=figure,
                    number=number,
                    victims=victims,
                    unit=unit,
                    cue=Span(
                        start=sent.start + cue.idx,
                        end=sent.start + cue.idx + len(cue.text),
                        text=cue.text,
                    ),
                    rule="vague-count",
                )
            )


def drop_told_vague(out: list[FigureMention]) -> list[FigureMention]:
    """The figures without the vague counts of a figure the report also gives a number for:
    "at least 12 were killed ... a number of people were killed" says no more than the 12,
    and the vague words may be of other victims. People named one by one are no number
    ("Omar was injured, and others were hurt"), nor is one person told by an article ("a
    child was among the wounded, and others were hurt"). Indices (``part_of``) follow."""
    stated = {f.figure for f in out if not _one_by_one(f)}
    keep = [i for i, f in enumerate(out) if f.rule != "vague-count" or f.figure not in stated]
    if len(keep) == len(out):
        return out
    new_index = {old: new for new, old in enumerate(keep)}
    result = []
    for old in keep:
        f = out[old]
        if f.part_of is not None:
            f = replace(f, part_of=new_index.get(f.part_of))
        result.append(f)
    return result


# Rules that count people one by one, by name or role: no number of the figure is told.
_BY_NAME = ("vague-count", "named-victims", "relative-victim", "among-named", "pronoun-victim")


def _one_by_one(f: FigureMention) -> bool:
    """A vague count, people named one by one, or one person told by an article ("a child")."""
    if f.rule.startswith(_BY_NAME):
        return True
    return f.number.value == 1 and f.number.span.text.casefold() in ("a", "an")
