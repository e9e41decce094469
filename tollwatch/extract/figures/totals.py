"""Parts and totals: subsets ("including two children"), conjuncts that share a verb ("12
civilians and 5 soldiers"), the totals of conjoined counts ("five women and a child") and
running totals of counts that add to the one before ("Another five died")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tollwatch.extract.figures.anchor import (
    _climb,
    _victims,
)
from tollwatch.extract.figures.lexicon import (
    ADD_ADVERBS,
    ADD_AFTER,
    ADD_BEFORE,
    APART,
    PARTITIVE_POINTERS,
)
from tollwatch.extract.figures.mention import (
    FigureMention,
    _first_token,
    _low,
    _with_part_of,
)
from tollwatch.extract.numbers import NumberMention
from tollwatch.extract.pipeline import Context, Sentence
from tollwatch.extract.rules import Example, Rule, register
from tollwatch.model import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


# What may stand between two conjoined counts: "12 civilians and 8 rebels", "a commander as
# well as five of his guards", "three soldiers, two policemen and a child".
_CONJ_WORDS = frozenset({"and", "plus", ",", "as", "well"})
# A determiner of the second conjunct: "a woman and her four sons", "and the two others"
_CONJ_DETERMINERS = frozenset({"her", "his", "their", "its", "the"})


_QUALIFIER_SUMS = (
    (frozenset({"exact"}), "exact"),
    (frozenset({"exact", "at_least"}), "at_least"),
    (frozenset({"exact", "about"}), "about"),
    (frozenset({"exact", "at_most"}), "at_most"),
)


def _conjoined_totals(
    context: Context,
    doc: Doc,
    sent: Sentence,
    local: list[tuple[int, Token, Token, Token | None]],
    out: list[FigureMention],
) -> None:
    """Counts of one figure joined by "and" in one clause ("five women and a child were
    killed", "killed 12 civilians and 8 rebels") also give their total: a figure whose
    count_text spans the conjunction, with the counts as its parts. Counts in different
    clauses or places ("45 in Aleppo and 22 in Idlib"), vague or ranged counts and subsets
    ("including 12 children and five women") give none."""
    items = sorted(
        (
            (_first_token(doc, sent, out[idx].number), idx, num, noun)
            for idx, num, _anchor, noun in local
        ),
        key=lambda x: x[0],
    )
    # [(index in out, last token of the conjunct, how it joins the one before)]
    chains: list[list[tuple[int, int, str]]] = []
    prev: tuple[int, int] | None = None
    for first, idx, num, noun in items:
        f = out[idx]
        end = noun.i if noun is not None and noun.i > num.i else num.i
        ok = (
            f.part_of is None
            and not f.is_update
            and f.number.qualifier not in ("vague", "range")
            and not f.rule.startswith("inherit-including")
        )
        if not ok:
            if prev is not None and f.part_of == prev[0]:
                # an aside on the count before ("12 civilians - including four children -
                # and 9 fighters"): the next conjunct is read from the aside's end
                close = (
                    end + 1 if end + 1 < len(doc) and _low(doc[end + 1]) in _ASIDE_CLOSE else end
                )
                prev = (prev[0], close)
            else:
                prev = None
            continue
        how = _joined(doc, prev[1], first, out[prev[0]], f) if prev is not None else ""
        if how:
            chains[-1].append((idx, end, how))
        else:
            chains.append([(idx, end, "")])
        prev = (idx, end)
    for chain in chains:
        while chain and chain[-1][2] == ",":
            chain.pop()  # "killed 12 civilians, 30 wounded": a list ends with "and"
        if len(chain) < 2:
            continue
        parts = [out[idx] for idx, _end, _how in chain]
        last = doc[chain[-1][1]]
        stop = sent.start + last.idx + len(last.text)
        total = _sum_of(context, parts, stop=stop, sentence=sent.index)
        if total is None:
            continue
        victims = tuple(dict.fromkeys(v for p in parts for v in p.victims))
        out.append(
            FigureMention(
                figure=parts[0].figure,
                number=total,
                victims=victims,
                unit=parts[0].unit,
                evidence=parts[0].evidence,
                sentence=sent.index,
                cue=parts[0].cue,
                rule="parallel-total"
                if any(h == "and-of" for *_, h in chain)
                else "conjoined-total",
                total=True,
            )
        )
        for idx, _end, _how in chain:
            out[idx] = _with_part_of(out[idx], len(out) - 1)


def _sum_of(
    context: Context, parts: list[FigureMention], *, stop: int, sentence: int
) -> NumberMention | None:
    """The total of ``parts`` as one number whose words run from the first count to
    ``stop``; None when their qualifiers do not add up ("about 5" and "at least 3")."""
    quals = {p.number.qualifier for p in parts}
    qualifier = next((q for allowed, q in _QUALIFIER_SUMS if quals <= allowed), None)
    if qualifier is None:
        return None
    lows = [p.number.low for p in parts]
    highs = [p.number.high for p in parts]
    start = parts[0].number.span.start
    span = Span(start=start, end=stop, text=context.text[start:stop])
    return NumberMention(
        value=sum(p.number.value for p in parts),
        low=sum(lows) if all(x is not None for x in lows) else None,  # type: ignore[misc]
        high=sum(highs) if all(x is not None for x in highs) else None,  # type: ignore[misc]
        qualifier=qualifier,
        span=span,
        number_span=span,
        sentence=sentence,
    )


def _joined(doc: Doc, end: int, first: int, a: FigureMention, b: FigureMention) -> str:
    """How count ``b`` (from token ``first``) is conjoined with count ``a`` (ending at token
    ``end``): "and" ("and", "plus", "as well as"), "and-of" (two parallel counts, each with
    whose they are: "10 members of the Haddad family and nine members of ..."), "," (a list
    that must end with "and") or "" (not conjoined: another figure or unit, or other words
    between them)."""
    if a.figure != b.figure or a.unit != b.unit or first <= end + 1:
        return ""
    # "a woman, Ola Ziyad, and her four sons": a name in apposition to the first count is no
    # word between the two, nor is whose they are when the second count counts the same noun
    # ("10 members of the Haddad family and nine members of the Nasser family"), nor what
    # one person is of ("three policemen, a soldier of the 1st Brigade, and four civilians")
    parallel = _parallel_of(doc, end, first, a)
    whose = (
        {
            t.i
            for c in doc[end].children
            if c.i > end and c.dep_ == "prep" and _low(c) == "of"
            for t in c.subtree
        }
        if parallel or (a.number.value == 1 and doc[end].tag_ == "NN")
        else set()
    )
    aside = whose | {
        t.i for c in doc[end].children if c.dep_ == "appos" and c.i > end for t in c.subtree
    }
    between = [_low(doc[k]) for k in range(end + 1, first) if k not in aside]
    if len(between) > 1 and between[-2:] == ["and", "of"]:
        between.pop()  # "the murder of a judge and of two clerks"
    if not between or len(between) > 4:
        return ""
    between = [w for i, w in enumerate(between) if not (w == "," and i and between[i - 1] == ",")]
    while between and between[-1] in _CONJ_DETERMINERS:  # "and her four sons"
        between.pop()
    if not between:
        return ""
    if any(w not in _CONJ_WORDS for w in between):
        return ""
    if between[-1] in ("and", "plus") or " ".join(between).endswith("as well as"):
        return "and-of" if parallel else "and"
    return "," if between == [","] else ""


PARALLEL_TOTAL: Rule = register(
    "figures.parallel_total",
    fact="claim",
    summary="the total of parallel counts of one figure, each with whose they are: 10 "
    "members of one family and nine of another",
    examples=[
        Example(
            "On Friday, 10 members of the Haddad family and nine members of the Nasser family "
            "were killed when their houses in Rafah were destroyed.",
            expect={"figure": "killed", "value": 19},
        ),
    ],
)


def _parallel_of(doc: Doc, end: int, first: int, a: FigureMention) -> bool:
    """Count ``a`` counts the noun at token ``end`` ("10 members"), the count from token
    ``first`` counts the same noun right after it ("and nine members"): two parallel counts,
    each with whose they are ("of the Haddad family")."""
    noun = doc[end]
    start = a.number.number_span.start - a.evidence.start
    if not any(c.dep_ == "nummod" and c.idx == start for c in noun.children):
        return False
    return any(_low(doc[k]) == _low(noun) for k in range(first + 1, min(len(doc), first + 4)))


def _subset_marker(doc: Doc, first: int) -> bool:
    """The count follows "including", "among them", "of whom": it is part of a figure before."""
    k = first - 1
    steps = 0
    while k >= 0 and steps < 4:
        low = _low(doc[k])
        if low in ("including", "includes", "included", "incl", "among", "whom"):
            return True
        if low in (",", "them", "those", "these", "-", "–", "(", ":", "of"):
            k -= 1
            steps += 1
            continue
        return False
    return False


def _partitive(num: Token) -> bool:
    """ "26 people were wounded, eight of them seriously", "put the toll at 11, saying seven
    of its fighters had been killed": a count of some of the people a count before it gave."""
    doc = num.doc
    k = num.i + 1
    return k + 1 < len(doc) and _low(doc[k]) == "of" and _low(doc[k + 1]) in PARTITIVE_POINTERS


def _link_parts(
    doc: Doc,
    sent: Sentence,
    local: list[tuple[int, Token, Token, Token | None]],
    out: list[FigureMention],
) -> None:
    """part_of for the figures of one sentence that were found on their own."""
    for idx, _num, anchor, noun in local:
        f = out[idx]
        if f.part_of is not None:
            continue
        first = _first_token(doc, sent, f.number)
        if _subset_marker(doc, first) or _partitive(_num):
            before = [
                j
                for j, n, _a, _n in local
                if n.i < first
                and out[j].figure == f.figure
                and out[j].number.value >= f.number.value
            ]
            if before:
                out[idx] = _with_part_of(f, before[-1])
                continue
        sibling = _conj_parent(anchor, noun, local, out)
        if sibling is not None and sibling != idx:
            sibling = _past_aside(doc, sent, out, sibling, first, noun)
        if sibling is not None and out[sibling].part_of is not None and sibling != idx:
            out[idx] = _with_part_of(f, out[sibling].part_of)
    # "six civilians were among at least 20 people killed": the subject is part of the 20
    for idx, _num, anchor, noun in local:
        top = noun if noun is not None else anchor
        if top.dep_ != "pobj" or _low(top.head) != "among":
            continue
        verb = top.head.head
        for j, _n, anc, _nn in local:
            if j == idx or out[j].part_of is not None:
                continue
            if _climb(anc).dep_ in ("nsubj", "nsubjpass") and _climb(anc).head.i == verb.i:
                if (
                    out[j].figure == out[idx].figure
                    and out[j].number.value <= out[idx].number.value
                ):
                    out[j] = _with_part_of(out[j], idx)


# Marks that close an aside: "12 civilians - including four children - and 9 fighters".
_ASIDE_CLOSE = frozenset({"-", "–", "—", ")"})


def _past_aside(
    doc: Doc, sent: Sentence, out: list[FigureMention], sibling: int, first: int, noun: Token | None
) -> int:
    """The count a conjunct joins: the parse joins "9 fighters" to "four children" in "12
    civilians - including four children - and 9 fighters", but when the aside is closed (a
    dash or bracket between them), or the victims cannot be part of the count the aside is
    part of, the conjunct joins that count: the 12 civilians' sibling, not a part of them."""
    sib = out[sibling]
    host = sib.part_of
    if host is None or (not sib.rule.startswith("inherit-including") and not sib.after_subset_word):
        return sibling
    sib_end = _first_token(doc, sent, sib.number)
    closed = any(_low(doc[k]) in _ASIDE_CLOSE for k in range(sib_end + 1, first))
    victims, _unit = _victims(noun)
    apart = any(v in APART.get(h, ()) for h in out[host].victims for v in victims)
    return host if closed or apart else sibling


def _conj_parent(
    anchor: Token,
    noun: Token | None,
    local: list[tuple[int, Token, Token, Token | None]],
    out: list[FigureMention],
) -> int | None:
    """The figure this count is conjoined with: "12 civilians and 5 soldiers"."""
    top = noun if noun is not None else anchor
    if top.dep_ != "conj":
        return None
    head = top.head
    for idx, num, anc, nn in local:
        if head.i in (anc.i, num.i) or (nn is not None and head.i == nn.i):
            return idx
    # "killed 45 civilians in Aleppo and 22 in Idlib": the count hangs on the verb
    if noun is None and head.pos_ == "VERB":
        for idx, num, _anc, _nn in local:
            f = out[idx]
            if f.cue.end - f.evidence.start == head.idx + len(head.text) and num.i < top.i:
                return idx
    return None


def _adds(doc: Doc, first: int, num: Token, noun: Token | None, cue: Token) -> bool:
    """Whether the count adds to the figure told before it ("Another five people were
    killed", "three more died", "six children were also killed")."""
    before = [_low(doc[k]) for k in range(max(0, first - 2), first)]
    if any(w in ADD_BEFORE for w in before):
        return True
    # "his son and 20 other fighters": others than the people named beside them, not more
    # than a count before
    listed = (noun if noun is not None else num).dep_ == "conj"
    nxt = num.i + 1
    if (
        not listed
        and nxt < len(doc)
        and _low(doc[nxt]) in ADD_AFTER
        and (noun is None or noun.i >= nxt)
    ):
        return True
    if (
        noun is not None
        and not listed
        and any(c.dep_ == "amod" and _low(c) in ("more", "other") for c in noun.children)
    ):
        return True
    # "were also killed", "also killed": the adverb next to the figure's verb, not one
    # opening the sentence ("Also, snipers opened fire ...")
    verb = cue if cue.pos_ in ("VERB", "AUX") else cue.head
    return any(
        c.dep_ == "advmod"
        and _low(c) in ADD_ADVERBS
        and verb.i - 2 <= c.i < verb.i
        and not c.is_sent_start
        for c in verb.children
    )


_ADD_WINDOW = 2  # sentences back that "another" may reach


# Counts one running total may add up: a report's "another" chains are short, and a longer
# chain (text made of "Another 5 were killed." over and over) would make each total's
# count_text longer than the last.
_MAX_ADDED = 4


def _added_totals(context: Context, out: list[FigureMention]) -> None:
    """A count that adds to the one before it ("11 people were killed in the market strike.
    Another five died in a raid on the next district.") also gives their running total: a
    figure whose count_text runs from the first count to the last, with the counts as its
    parts. Only stated counts of one figure and unit, none a subset, a range or a vague
    word, and no further back than two sentences."""
    total_of: dict[int, int] = {}  # a part's index -> its running total's index
    counts_in: dict[int, int] = {}  # a running total's index -> how many counts it adds up
    for i in range(len(out)):
        f = out[i]
        if not f.adds or f.part_of is not None or f.number.qualifier in ("vague", "range"):
            continue
        # In its own sentence, the count right before it, whatever its figure: "eight were
        # killed and another 27 wounded" adds nothing to a wounded count told earlier. With
        # none before it in the sentence, the nearest count of its figure before.
        # (Walked back only as far as the window: linear time on figure-dense text.)
        prev = None
        for j in range(i - 1, -1, -1):
            g = out[j]
            if g.sentence < f.sentence - _ADD_WINDOW:
                break
            if g.rule == "added-total" or g.rule.startswith("inherit-"):
                continue
            if g.sentence == f.sentence or g.figure == f.figure:
                prev = j
                break
        if prev is None:
            continue
        g = out[prev]
        if (
            g.figure != f.figure
            or g.unit != f.unit
            or g.after_subset_word
            # the same number again is a restatement ("40 killed" in the title, "40 more
            # killed" in the lead) more often than a second group
            or g.number.value == f.number.value
        ):
            continue
        base = total_of.get(prev, prev)
        if counts_in.get(base, 1) >= _MAX_ADDED:
            continue
        g = out[base]
        if (g.part_of is not None and base == prev) or g.number.qualifier in ("vague", "range"):
            continue
        total = _sum_of(context, [g, f], stop=f.number.span.end, sentence=f.sentence)
        if total is None:
            continue
        ev_start, ev_stop = g.evidence.start, max(f.evidence.end, g.evidence.end)
        out.append(
            FigureMention(
                figure=f.figure,
                number=total,
                victims=tuple(dict.fromkeys((*g.victims, *f.victims))),
                unit=f.unit,
                evidence=Span(start=ev_start, end=ev_stop, text=context.text[ev_start:ev_stop]),
                sentence=f.sentence,
                cue=f.cue,
                rule="added-total",
                total=True,
            )
        )
        new = len(out) - 1
        out[base] = _with_part_of(out[base], new)
        out[i] = _with_part_of(f, new)
        total_of[base] = total_of[i] = new
        counts_in[new] = counts_in.get(base, 1) + 1
