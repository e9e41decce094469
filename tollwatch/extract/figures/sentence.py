"""The figures of one parsed sentence, and of a report."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from tollwatch.extract.figures.anchor import (
    _anchor,
    _counts_people,
    _housing_hit,
    _victims,
)
from tollwatch.extract.figures.languages import foreign_figures
from tollwatch.extract.figures.lexicon import (
    DWELLING_NOUNS,
    HOUSEHOLD_NOUNS,
    HOUSING_VERBS,
    NOT_PEOPLE,
    TOLL_NOUNS,
    VICTIM_NOUNS,
)
from tollwatch.extract.figures.mention import (
    FigureMention,
    _cue_span,
    _first_token,
    _Hit,
    _in_text_order,
    _low,
    _number_tokens,
    _root,
    in_sentence,
)
from tollwatch.extract.figures.persons import NAMING_RULES, drop_told_pronouns, person_figures
from tollwatch.extract.figures.reading import (
    _figure_for,
)
from tollwatch.extract.figures.shapes import (
    age_after_name,
    counts_one_of,
    negated_one,
    partitive_after,
)
from tollwatch.extract.figures.surface import (
    _label_figure,
    _surface_figure,
)
from tollwatch.extract.figures.tally import named_tally
from tollwatch.extract.figures.totals import (
    _added_totals,
    _adds,
    _conj_parent,
    _conjoined_totals,
    _link_parts,
    _past_aside,
    _subset_marker,
)
from tollwatch.extract.figures.vague import drop_told_vague, vague_figures
from tollwatch.extract.numbers import NumberMention
from tollwatch.extract.pipeline import Context, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Token

# Figures of harm to people: a count of dwellings is never one of them.
CASUALTY_FIGURES = frozenset({"killed", "injured", "missing", "kidnapped", "detained"})


def _partitive_heads(
    pending: list[tuple[NumberMention, Token, Token, Token | None, _Hit | None]],
) -> None:
    """A count with no figure of its own followed by "N of them" that has one ("the funeral of
    seven nuns, four of them Spaniards, who were killed"): the relative clause tells of them
    all, so the count has that figure too (figures.partitive_head); the N are some of them.
    Not where the N have a verb of their own ("held 12 hostages, four of them were killed")."""
    by_token = {num.i: k for k, (_m, num, _a, _n, _h) in enumerate(pending)}
    for k, (m, num, anchor, noun, hit) in enumerate(pending):
        if hit is not None or noun is None:
            continue
        j = partitive_after(noun)
        other = pending[by_token[j]][4] if j in by_token else None
        if (
            other is not None
            and not other.inherit
            and other.cue.dep_ == "relcl"  # "..., who were killed"; not "four of them died"
            and m.value > pending[by_token[j]][0].value
        ):
            pending[k] = (m, num, anchor, noun, replace(other, rule="partitive-head"))


def _sentence_figures(
    context: Context, sent: Sentence, numbers: list[NumberMention], out: list[FigureMention]
) -> None:
    doc = sent.doc
    if doc is None:
        return
    text = context.text
    local: list[tuple[int, Token, Token, Token | None]] = []  # (index in out, num, anchor, noun)
    pending: list[tuple[NumberMention, Token, Token, Token | None, _Hit | None]] = []
    for m in numbers:
        if m.kind != "count":
            continue
        toks = _number_tokens(doc, m.number_span.start - sent.start, m.number_span.end - sent.start)
        if not toks:
            continue
        num = _root(toks)
        anchor, noun = _anchor(num)
        if noun is None and anchor is not num:
            noun = anchor
        first = _first_token(doc, sent, m)
        hit = _figure_for(num, anchor, noun, first)
        if hit is None or (hit.inherit and not any(f.sentence <= sent.index for f in out)):
            # "a final figure of 116 homes have been destroyed" with no figure before it:
            # the counted noun's own words
            hit = _housing_hit(noun) or hit
        if hit is None and (noun is None or _low(noun) not in NOT_PEOPLE):
            hit = _surface_figure(num, noun, first) or _label_figure(num, first)
        if (
            hit is not None
            and hit.figure in CASUALTY_FIGURES
            and noun is not None
            and _low(noun) in DWELLING_NOUNS
        ):
            # "2 killed 75 homes damaged": homes are never casualties; what befell them is
            hit = _housing_hit(noun)
        pending.append((m, num, anchor, noun, hit))
    _partitive_heads(pending)
    for m, num, anchor, noun, hit in pending:
        if hit is None:
            continue
        if not hit.inherit and not _counts_people(noun, hit) and not _label_line(hit, noun):
            continue
        if noun is None and age_after_name(num):
            continue  # "Saturnino Palomino, 25, was wounded": an age
        rule = hit.rule
        if m.value == 1 and _low(num) == "one" and noun is not None and noun is not anchor:
            if not counts_one_of(num, noun, hit.rule):
                continue  # "one of the victims": a pointer, not a count
            rule = "one-of"  # "one of the guards was killed"
        first = _first_token(doc, sent, m)  # this count's (the loop above left the last one's)
        if negated_one(doc, first, m.value):
            continue  # "not a single person was killed"
        figure = hit.figure
        if hit.inherit:
            prior = [f for f in out if f.number.span.start < m.span.start]
            if not prior:
                continue
            figure = prior[-1].figure
        victims, unit = _victims(noun)
        if _low(hit.cue) in HOUSING_VERBS and noun is not None and hit.figure != "killed":
            unit = "households"
        if hit.rule == "label" and _low(hit.cue) in HOUSEHOLD_NOUNS:
            unit = "households"  # "Destroyed houses: 146"
        if noun is None and _counts_households(hit.cue):
            unit = "households"  # "the number of displaced families is 820"
        cue = _cue_span(text, sent, hit.cue)
        out.append(
            in_sentence(
                sent,
                figure=figure,
                number=m,
                victims=victims,
                unit=unit,
                cue=cue,
                is_update=hit.is_update,
                rule=rule,
                adds=_adds(doc, first, num, noun, hit.cue),
                after_subset_word=_subset_marker(doc, first),
                subset=hit.subset,
            )
        )
        local.append((len(out) - 1, num, anchor, noun))
    # inheritance: "eight civilians, including two children, were killed";
    # "12 civilians and 5 soldiers were killed"
    have = {id(out[idx].number) for idx, *_ in local}
    for m, num, anchor, noun, hit in pending:
        if id(m) in have or (hit is not None and not hit.inherit and hit.figure):
            continue
        if noun is not None and not (_low(noun) in VICTIM_NOUNS or _low(noun) in HOUSEHOLD_NOUNS):
            continue
        first = _first_token(doc, sent, m)
        parent: int | None = None
        part_of: int | None = None
        how = ""
        if _subset_marker(doc, first):
            before = [idx for idx, n, _a, _n in local if n.i < first]
            if before:
                parent = part_of = before[-1]
                how = "including"
        else:
            parent = _conj_parent(anchor, noun, local, out)
            if parent is not None:
                parent = _past_aside(doc, sent, out, parent, first, noun)
                part_of = out[parent].part_of
                how = "conj"
        if parent is None:
            continue
        victims, unit = _victims(noun)
        base = out[parent]
        if noun is None:
            unit = base.unit
        out.append(
            FigureMention(
                figure=base.figure,
                number=m,
                victims=victims,
                unit=unit,
                evidence=base.evidence,
                sentence=sent.index,
                cue=base.cue,
                part_of=part_of,
                is_update=False,
                rule=f"inherit-{how}",
            )
        )
        local.append((len(out) - 1, num, anchor, noun))
    _link_parts(doc, sent, local, out)
    _conjoined_totals(context, doc, sent, local, out)


def find_figures(context: Context) -> list[FigureMention]:
    """The figures of the parsed sentences, in text order."""
    by_sentence: dict[int, list[NumberMention]] = {}
    for n in context.numbers:
        by_sentence.setdefault(n.sentence, []).append(n)
    out: list[FigureMention] = []
    for sent in context.sentences:
        nums = by_sentence.get(sent.index, [])
        if sent.doc is not None:
            if nums:
                _sentence_figures(context, sent, nums, out)
            person_figures(context, sent, nums, out)
            vague_figures(context, sent, nums, out)
        if nums:
            foreign_figures(context, sent, nums, out)  # a sentence in another language
    out = _in_text_order(drop_told_pronouns(drop_told_vague(out)))
    _added_totals(context, out)
    named_tally(context, out)
    _named_among_counts(out)
    return _in_text_order(out)


def _named_among_counts(out: list[FigureMention]) -> None:
    """People named one by one in a report that also counts more victims of the same figure
    ("At least 25 were killed ... Bassem Saeed was among them", "Omar was killed"): some of
    the victims (``subset``), not the toll; alone, they are the toll."""
    most: dict[str, int] = {}
    for f in out:
        if f.rule not in NAMING_RULES:
            most[f.figure] = max(most.get(f.figure, 0), f.number.value)
    for i, f in enumerate(out):
        if f.rule in NAMING_RULES and f.number.value < most.get(f.figure, 0):
            out[i] = replace(f, subset=True)


def run(context: Context) -> None:
    """Fill ``context.figures`` from the numbers of the parsed sentences."""
    context.figures = find_figures(context)


def _counts_households(cue: Token) -> bool:
    """A toll noun that counts households: "the number of displaced families"."""
    if _low(cue) not in TOLL_NOUNS:
        return False
    return any(
        g.dep_ == "pobj" and _low(g) in HOUSEHOLD_NOUNS
        for c in cue.children
        if c.dep_ == "prep" and _low(c) == "of"
        for g in c.children
    )


def _label_line(hit: _Hit, noun: Token | None) -> bool:
    """A label's count the parser hung on a word of the label ("IDPs total 12 500": on
    "total"): the label said what it counts."""
    return hit.rule == "label" and (noun is None or noun.pos_ not in ("NOUN", "PROPN"))
