"""Victims counted without a number: people named one by one, or by their role.

Wire copy and analysts' prose often count the dead by naming them: "Inspector Eulogio
Flores died in the explosion", "Cristobal Perez and Ruben Dario Ramirez were shot to death",
"his driver and one of his bodyguards were killed", "the assassination of Hector Oqueli and
of Gilda Flores", "Hamid Abu Aoun was killed along with his three children". Each person
named (a PERSON entity of the parse) or named by a singular noun of one person with its
determiner ("the driver", "his bodyguard", ``tollwatch/data/person_nouns.txt``) counts one:

- the victims are the victim slot of a casualty verb (passive subject, object, the subject of
  "died" or "lost his life"), the object of "the death / killing / murder / assassination
  of", with the companions of "along with", "together with", "alongside", "with";
- conjoined victims add up; a victim the numbers stage already counted ("a corporal", "one of
  his bodyguards", "three children") is added as it is: the figure made here is the total of
  the people named and the counts given, and the counts become its parts;
- a negated, wished, threatened or attempted act ("was not hurt", "threatened to kill",
  "tried to murder") counts no one, nor does a pronoun ("he died": he was named before).

The count's words (``count_text``) are the victims' own words, from the first named to the
last ("Cristobal Perez and Ruben Dario Ramirez").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tollwatch.extract.figures.anchor import _victims
from tollwatch.extract.figures.lexicon import (
    ADJECTIVES,
    ATTEMPT_VERBS,
    FIGURE_NOUNS,
    LOSE_VERBS,
    PERSON_NOUNS,
    PERSON_PLURALS,
    VERBS,
)
from tollwatch.extract.figures.mention import (
    FigureMention,
    _low,
    _number_tokens,
    _with_part_of,
    in_sentence,
)
from tollwatch.extract.figures.person_names import name_span, title_and_name
from tollwatch.extract.figures.shapes import age_after_name
from tollwatch.extract.figures.victim_lists import (
    escorted,
    indefinite_antecedent,
    list_members,
    near_miss,
)
from tollwatch.extract.numbers import NumberMention
from tollwatch.extract.pipeline import Context, Sentence
from tollwatch.model import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# The rules of the figures that count people one by one.
NAMING_RULES = frozenset(
    {
        "named-victims",
        "named-victims-total",
        "relative-victim",
        "among-named",
        "pronoun-victim",
        "antecedent-victim",
    }
)
# The figures people are counted for by name.
PERSON_FIGURES = frozenset({"killed", "injured", "kidnapped"})
# Nouns of an act whose "of" names its victims: "the murder of Hector Oqueli".
_ACT_NOUNS = frozenset(
    """death deaths killing killings murder murders assassination assassinations execution
    executions kidnapping abduction slaying""".split()
)
# Acts whose possessive is the victim: "the mayor's death", "Oqueli's assassination".
_VICTIM_POSSESSIVE = frozenset("death assassination murder slaying".split())
_COMPANION_PREPS = frozenset({"with", "alongside"})
_MODALS = frozenset("will would could can may might should must shall".split())
# "the victim", "the person": a pointer to someone counted before, not a new count.
_POINTERS = frozenset("victim victims person individual deceased".split())
# A person told of before: "he died", "wounding her" (see drop_told_pronouns).
_PRONOUNS = frozenset({"he", "she", "him", "her"})
# A relative pronoun: its clause's victim is its antecedent ("the gunman, who died").
_RELATIVES = frozenset({"who", "whom", "that"})
_CHEAP_WORDS = frozenset({"death", "dead", "among"})
_DETERMINERS = frozenset("the a an this that his her their its our my your".split())


def _negated(verb: Token) -> bool:
    """ "was not hurt", "could kill", "was almost killed" (a near miss: no one died)."""
    return near_miss(verb) or any(
        c.dep_ == "neg" or _low(c) in _MODALS for c in verb.children if c.i < verb.i
    )


def _conditional(cue: Token) -> bool:
    """ "it is unclear whether he was killed", "if the mayor was among the dead": a clause
    that says no more than that it may be so."""
    verb = cue if cue.pos_ in ("VERB", "AUX") else cue.head
    return any(c.dep_ == "mark" and _low(c) in ("if", "whether") for c in verb.children)


def _alternatives(heads: list[Token]) -> bool:
    """ "Radi or his wife": people named as one or the other are no count of both."""
    return any(_low(c) in ("or", "nor") for h in heads for c in h.children if c.dep_ == "cc")


def _attempted(verb: Token) -> bool:
    """ "tried to murder", "threatened to kill", "plans to assassinate"."""
    head = verb
    for _ in range(2):
        if head.dep_ not in ("xcomp", "ccomp") or head.head.i == head.i:
            return False
        head = head.head
        if _low(head) in ATTEMPT_VERBS or _low(head) in ("threaten", "threatened", "threatens"):
            return True
    return False


def _to_death(verb: Token) -> bool:
    """ "was shot to death", "beaten to death", "tortured to death"."""
    return any(
        c.dep_ == "prep"
        and _low(c) == "to"
        and any(g.dep_ == "pobj" and _low(g) == "death" for g in c.children)
        for c in verb.children
    )


def _slots(doc: Doc) -> list[tuple[str, Token, list[Token], str, list[Token]]]:
    """(figure, cue, [victim slot heads], rule, [companion heads]) for each casualty word of
    a parsed sentence."""
    out: list[tuple[str, Token, list[Token], str, list[Token]]] = []
    for tok in doc:
        low = _low(tok)
        heads: list[Token] = []
        figure: str | None = None
        rule = "named-victims"
        if tok.pos_ in ("VERB", "AUX", "ADJ") and (low in VERBS or _to_death(tok)):
            figure, transitive = VERBS.get(low, ("killed", True))
            if _to_death(tok):
                figure, transitive = "killed", True
            passive = any(c.dep_ == "auxpass" for c in tok.children)
            subj = "nsubjpass" if passive else "nsubj"
            if transitive and not passive:
                heads = [c for c in tok.children if c.dep_ == "dobj"]
                if (
                    not heads
                    and tok.dep_ in ("oprd", "xcomp", "acomp")
                    and tok.tag_ == "VBN"
                    and not any(c.dep_ in ("aux", "nsubj") for c in tok.children)
                ):
                    # "were reported killed", "was found murdered": the reporting verb's
                    # subject
                    heads = [c for c in tok.head.children if c.dep_ in ("nsubjpass", "nsubj")]
            else:
                heads = [c for c in tok.children if c.dep_ in (subj, "nsubjpass")]
            if not heads and tok.dep_ == "conj" and passive is False and tok.tag_ == "VBN":
                heads = [c for c in tok.head.children if c.dep_ == "nsubjpass"]
            if (
                not heads
                and transitive
                and figure == "killed"
                and tok.dep_ == "amod"
                and tok.tag_ in ("VBN", "JJ")
            ):
                heads = [tok.head]  # "the assassinated Carlos Pizarro", "the slain mayor"
            if _negated(tok) or _attempted(tok):
                continue
        elif low in LOSE_VERBS and any(
            c.dep_ == "dobj" and _low(c) in ("life", "lives") for c in tok.children
        ):
            figure = "killed"
            heads = [c for c in tok.children if c.dep_ == "nsubj"]
            if _negated(tok):
                continue
        elif low == "dead" and tok.pos_ == "ADJ" and tok.dep_ in ("oprd", "acomp"):
            # "Marco Tulio Mendez was found dead", "the mayor is dead"
            figure = "killed"
            heads = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if _negated(tok.head) or any(
                c.dep_ == "neg" for t in (tok, tok.head) for c in t.children
            ):
                continue
        elif tok.pos_ == "NOUN" and low in _ACT_NOUNS:
            figure = FIGURE_NOUNS.get(low, "killed")
            # "Febe Velasquez's death", "the mayor's assassination"
            # (not "the army's killing of...": there the possessive is who did it)
            if low in _VICTIM_POSSESSIVE:
                heads += [
                    c for c in tok.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")
                ]
            for prep in tok.children:
                if prep.dep_ == "prep" and _low(prep) == "of":
                    heads += [c for c in prep.children if c.dep_ == "pobj"]
                    # "the assassination of X and of Y"
                    for conj in prep.conjuncts:
                        heads += [c for c in conj.children if c.dep_ == "pobj"]
        elif low == "among" and tok.dep_ == "prep" and tok.head.pos_ in ("AUX", "VERB"):
            # "Among the wounded were Pedro Ortiz and Carmen Gutierrez"
            group = next((_low(c) for c in tok.children if c.dep_ == "pobj"), "")
            figure = FIGURE_NOUNS.get(group) or ADJECTIVES.get(group)
            heads = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass", "attr")]
            rule = "among-named"
            if _negated(tok.head):
                continue
        if figure not in PERSON_FIGURES or not heads or _conditional(tok) or _alternatives(heads):
            continue
        # "[TEXT] Diego Morales ... is injured": the parse made the wire's tag the subject
        heads = [a for h in heads for a in (_tagged(h) or [h])]
        if tok.dep_ == "relcl" and any(_low(h) in _RELATIVES for h in heads):
            # "Judge Ana Lucia Marin, who was shot to death last week": the pronoun's
            # antecedent is the victim
            heads = [tok.head if _low(h) in _RELATIVES else h for h in heads]
            rule = "relative-victim"
        # companions: "was killed along with his three children", "with her son"
        companions = [c for t in (tok, *heads) for c in _companions(t)]
        out.append((figure, tok, heads, rule, companions))
    return out


def _companions(tok: Token) -> list[Token]:
    """The companions a victim or a casualty verb takes: the objects of "with", "alongside",
    "along with", "together with" ("killed him along with his wife", "was killed alongside
    15 other civilians")."""
    out: list[Token] = []
    for prep in tok.children:
        if prep.dep_ == "prt" and _low(prep) == "alongside":
            # "was killed alongside 14 civilians" parsed as a particle and an object
            out += [c for c in tok.children if c.dep_ == "dobj" and c.i > prep.i]
        if prep.dep_ != "prep":
            continue
        if _low(prep) in _COMPANION_PREPS:
            out += [c for c in prep.children if c.dep_ == "pobj"]
        elif _low(prep) in ("along", "together"):  # "along with": a preposition and its object
            for inner in prep.children:
                if inner.dep_ == "prep" and _low(inner) == "with":
                    out += [c for c in inner.children if c.dep_ == "pobj"]
    return out


def _tagged(head: Token) -> list[Token]:
    """The words in apposition to a bracketed tag ("[TEXT]", "[EXCERPTS]") the parse took
    for a victim; empty when ``head`` is no such tag."""
    doc = head.doc
    if 0 < head.i < len(doc) - 1 and doc[head.i - 1].text == "[" and doc[head.i + 1].text == "]":
        return [c for c in head.children if c.dep_ == "appos"]
    return []


def _person_span(tok: Token) -> tuple[int, int] | None:
    """Token range [start, end) of one person, or None when ``tok`` names no one person."""
    if tok.pos_ == "PROPN" and tok.tag_ in ("NNP", "NNPS"):
        span = name_span(tok)
        if span is not None:
            return span  # else maybe a role the parse took for a name: "the Father"
    if tok.pos_ == "ADJ" and any(c.dep_ == "det" for c in tok.children):
        pass  # a noun the parse took for an adjective: "a minor", "a wounded"
    elif tok.pos_ not in ("NOUN", "PROPN") or tok.tag_ not in ("NN", "NNP"):
        return None
    if _low(tok) not in PERSON_NOUNS:
        return None
    titled = title_and_name(tok)  # "former mayor Fidencio Ochoa"
    if titled is not None:
        return titled
    dets = [c for c in tok.children if c.dep_ in ("det", "poss") and c.i < tok.i]
    if not dets and tok.dep_ == "conj" and tok.tag_ == "NN":
        # "the father, mother and sister": the first noun's determiner serves them all
        first = tok
        while first.dep_ == "conj" and first.head.i < first.i:
            first = first.head
        if first is not tok and _low(first) in PERSON_NOUNS and first.tag_ in ("NN", "NNP"):
            dets = [c for c in first.children if c.dep_ in ("det", "poss") and c.i < first.i]
    another = [d for d in dets if _low(d) == "another"]  # "another person was hurt": one more
    if not dets or any(
        _low(d) not in _DETERMINERS and d.dep_ == "det" and d not in another for d in dets
    ):
        return None
    if _low(tok) in _POINTERS and not another:
        return None
    left = min([tok.i, *[c.left_edge.i for c in tok.children if c.i < tok.i]])
    return left, tok.i + 1


def person_figures(
    context: Context,
    sent: Sentence,
    numbers: list[NumberMention],
    out: list[FigureMention],
) -> None:
    """Add the figures of victims counted by name in one parsed sentence (see the module)."""
    doc = sent.doc
    if doc is None:
        return
    counted: dict[int, NumberMention] = {}  # token index -> the count it belongs to
    for m in numbers:
        if m.kind != "count":
            continue
        for t in _number_tokens(doc, m.span.start - sent.start, m.span.end - sent.start):
            counted[t.i] = m
    if not any(True for _ in _slots_cheap(doc)):
        return
    made: dict[int, int] = {id(f.number): i for i, f in enumerate(out)}
    seen: set[tuple[str, int]] = set()
    for figure, cue, heads, rule, companions in _slots(doc):
        named: list[tuple[int, int]] = []
        counts: list[NumberMention] = []  # counts given beside the people named
        pronoun: Token | None = None  # "he died", "wounding her"
        company: list[NumberMention] = []  # counts of the companions ("alongside 15 others")
        for head in [*heads, *companions]:
            along = head in companions
            for tok in list_members(head):
                if (figure, tok.i) in seen:
                    continue
                inside = [
                    counted[t.i] for t in tok.subtree if t.i in counted and not age_after_name(t)
                ]
                span = _person_span(tok)
                if escorted(doc, tok.i if span is None else span[0]):
                    continue  # "two bodyguards escorting Judge Ruiz": the one they were with
                if span is not None and not any(span[0] <= t < span[1] for t in counted):
                    named.append(span)
                    seen.add((figure, tok.i))
                elif along and inside and _people(tok, figure):
                    if inside[0] not in company:
                        company.append(inside[0])
                elif inside and inside[0] not in counts and inside[0].qualifier == "exact":
                    counts.append(inside[0])
                elif not along and _low(tok) in _PRONOUNS and tok.tag_ == "PRP" and pronoun is None:
                    pronoun = tok
        if company:
            # "killed him along with his wife": he counts in the total
            pronouns = int(pronoun is not None and _low(pronoun) in _ONE_PRONOUNS)
            made_company = _companion_figures(context, doc, sent, figure, cue, company, made, out)
            other = all(
                context.text[m.number_span.end : m.number_span.end + 7].lower().lstrip()[:5]
                == "other"
                for m in company
            )  # "Rivera was shot along with two other militants": Rivera is one more
            if not (named or counts or pronouns) and other and len(heads) == 1:
                if heads[0].tag_ in ("NNP", "NN"):
                    named = [(heads[0].i, heads[0].i + 1)]
            if not (named or counts or pronouns):
                continue
            first = min(h.left_edge.idx for h in heads) + sent.start
            _companion_total(
                context, sent, figure, cue, named, counts, pronouns, company, made_company, out
            )
            _within_total(out, first)
            continue
        if not named and pronoun is not None and not counts and len(heads) == 1:
            # someone just told of in the same sentence ("fired at a woman, wounding her"):
            # one person more; else one the report told of before: counted here, dropped
            # later when the report counts that figure in another way (drop_told_pronouns)
            ante = indefinite_antecedent(pronoun, counted, made)
            if ante is not None:
                named, rule = [ante], "antecedent-victim"
            else:
                named, rule = [(pronoun.i, pronoun.i + 1)], "pronoun-victim"
        if not named:
            continue
        start = sent.start + doc[min(s for s, _ in named)].idx
        last = doc[max(e for _, e in named) - 1]
        end = sent.start + last.idx + len(last.text)
        people = _number(context, len(named), start, end, sent.index)
        # a person's name (a proper noun ends it), not a role ("the Salvadoran archbishop")
        names = tuple(
            " ".join(t.lower_ for t in doc[a:b] if t.pos_ == "PROPN" and t.is_alpha)
            if doc[b - 1].pos_ == "PROPN"
            else ""
            for a, b in named
        )
        victims, unit = _victims(doc[named[0][1] - 1])
        cue_span = Span(
            start=sent.start + cue.idx,
            end=sent.start + cue.idx + len(cue.text),
            text=cue.text,
        )
        evidence = Span(start=sent.start, end=sent.end, text=sent.text)
        out.append(
            FigureMention(
                figure=figure,
                number=people,
                victims=victims,
                unit=unit,
                evidence=evidence,
                sentence=sent.index,
                cue=cue_span,
                rule=rule,
                names=names,
            )
        )
        if not counts:
            continue
        # the people named and the counts beside them: "his driver and one of his
        # bodyguards", "Hamid was killed along with his three children"
        parts = [len(out) - 1]
        for m in counts:
            j = made.get(id(m))
            if j is not None and out[j].figure == figure and out[j].part_of is None:
                parts.append(j)
        lo = min(start, *(m.span.start for m in counts))
        hi = max(end, *(m.span.end for m in counts))
        value = len(named) + sum(m.value for m in counts)
        out.append(
            FigureMention(
                figure=figure,
                number=_number(context, value, lo, hi, sent.index),
                victims=tuple(dict.fromkeys(v for p in parts for v in out[p].victims)),
                unit=unit,
                evidence=evidence,
                sentence=sent.index,
                cue=cue_span,
                rule="named-victims-total",
                total=True,
            )
        )
        for p in parts:
            out[p] = _with_part_of(out[p], len(out) - 1)


def drop_told_pronouns(out: list[FigureMention]) -> list[FigureMention]:
    """A person a pronoun points to ("he died", "wounding her") counts one only where the
    report counts no one else of that figure (else they are most likely someone counted
    already), and once however often the report says "he"."""
    other = {f.figure for f in out if f.rule != "pronoun-victim"}
    kept: set[str] = set()
    keep: list[int] = []
    for i, f in enumerate(out):
        if f.rule == "pronoun-victim":
            if f.figure in other or f.figure in kept:
                continue
            kept.add(f.figure)
        keep.append(i)
    if len(keep) == len(out):
        return out
    new_index = {old: new for new, old in enumerate(keep)}
    return [
        out[i] if out[i].part_of is None else _with_part_of(out[i], new_index[out[i].part_of])
        for i in keep
    ]


# A pronoun of one person: counted with the companions it is killed with, never alone.
_ONE_PRONOUNS = frozenset("he him she her".split())


def _people(tok: Token, figure: str) -> bool:
    """Whether a companion noun counts people ("15 other civilians", "five members of his
    family", "two others"), not things ("with two missiles") nor the victims of another
    figure ("eight were killed with at least 70 injured")."""
    low = _low(tok)
    if not (low in PERSON_PLURALS or low in PERSON_NOUNS or tok.pos_ == "NUM"):
        return False
    for t in tok.subtree:
        other = VERBS.get(_low(t), (None,))[0] or ADJECTIVES.get(_low(t))
        if other is not None and other != figure:
            return False
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    other = nxt is not None and (VERBS.get(_low(nxt), (None,))[0] or ADJECTIVES.get(_low(nxt)))
    return not (other and other != figure)


def _companion_figures(
    context: Context,
    doc: Doc,
    sent: Sentence,
    figure: str,
    cue: Token,
    company: list[NumberMention],
    made: dict[int, int],
    out: list[FigureMention],
) -> list[int]:
    """The figures of the companions' counts (indices into ``out``): the count's own figure
    where another pattern made one, else one made here ("was killed together with at least
    five members of his family": five killed)."""
    found = []
    for m in company:
        j = made.get(id(m))
        if j is not None:
            if out[j].figure == figure and out[j].part_of is None:
                found.append(j)
            continue
        tokens = _number_tokens(doc, m.span.start - sent.start, m.span.end - sent.start)
        noun = tokens[-1].head if tokens else None
        victims, unit = _victims(noun)
        out.append(
            in_sentence(
                sent,
                figure=figure,
                number=m,
                victims=victims,
                unit=unit,
                cue=_cue_span(sent, cue),
                rule="companions",
            )
        )
        made[id(m)] = len(out) - 1
        found.append(len(out) - 1)
    return found


def _companion_total(
    context: Context,
    sent: Sentence,
    figure: str,
    cue: Token,
    named: list[tuple[int, int]],
    counts: list[NumberMention],
    pronouns: int,
    company: list[NumberMention],
    parts: list[int],
    out: list[FigureMention],
) -> None:
    """The victim and the companions added up: "a journalist was killed alongside 15 to 18
    other civilians" is 16 to 19 killed; the counts become its parts."""
    doc = sent.doc
    assert doc is not None
    numbers = [*counts, *company]
    ones = len(named) + pronouns
    low = ones + sum(m.low if m.low is not None else m.value for m in numbers)
    highs = [m.high for m in numbers]
    high = ones + sum(h for h in highs if h is not None) if None not in highs else None
    exact = all(m.qualifier == "exact" for m in numbers)
    starts = [m.span.start for m in numbers] + [sent.start + doc[a].idx for a, _ in named]
    ends = [m.span.end for m in numbers] + [
        sent.start + doc[b - 1].idx + len(doc[b - 1].text) for _, b in named
    ]
    start, end = min(starts), max(ends)
    if pronouns:
        start = min(start, sent.start + min(t.idx for t in doc if _low(t) in _ONE_PRONOUNS))
    span = Span(start=start, end=end, text=context.text[start:end])
    number = NumberMention(
        value=low,
        low=low,
        high=high,
        qualifier="exact" if exact else ("at_least" if high is None else "range"),
        span=span,
        number_span=span,
        sentence=sent.index,
    )
    for m in counts:
        j = next((k for k, f in enumerate(out) if f.number is m), None)
        if j is not None and out[j].figure == figure and out[j].part_of is None:
            parts.append(j)
    if named:
        first = sent.start + doc[min(a for a, _ in named)].idx
        last = doc[max(b for _, b in named) - 1]
        out.append(
            in_sentence(
                sent,
                figure=figure,
                number=_number(
                    context, len(named), first, sent.start + last.idx + len(last.text), sent.index
                ),
                victims=(),
                unit="people",
                cue=_cue_span(sent, cue),
                rule="named-victims",
            )
        )
        parts.append(len(out) - 1)
    out.append(
        in_sentence(
            sent,
            figure=figure,
            number=number,
            victims=tuple(dict.fromkeys(v for p in parts for v in out[p].victims)),
            unit="people",
            cue=_cue_span(sent, cue),
            rule="companions-total",
            total=True,
        )
    )
    for p in parts:
        out[p] = _with_part_of(out[p], len(out) - 1)


def _within_total(out: list[FigureMention], first: int) -> None:
    """The figures another pattern made of the victims' own words ("a" of "a fighter was
    killed alongside 14 others", from ``first`` on) are parts of the total just made."""
    total = out[-1]
    for k in range(len(out) - 1):
        f = out[k]
        if (
            f.sentence == total.sentence
            and f.figure == total.figure
            and f.part_of is None
            and not f.total
            and first <= f.number.span.start < total.number.span.end
        ):
            out[k] = _with_part_of(f, len(out) - 1)


def _cue_span(sent: Sentence, cue: Token) -> Span:
    return Span(start=sent.start + cue.idx, end=sent.start + cue.idx + len(cue.text), text=cue.text)


def _slots_cheap(doc: Doc):  # noqa: ANN202 - a generator of tokens
    """The tokens that may open a victim slot (a quick look before the full one)."""
    for tok in doc:
        low = _low(tok)
        if low in VERBS or low in _ACT_NOUNS or low in LOSE_VERBS or low in _CHEAP_WORDS:
            yield tok


def _number(context: Context, value: int, start: int, end: int, sentence: int) -> NumberMention:
    span = Span(start=start, end=end, text=context.text[start:end])
    return NumberMention(
        value=value,
        low=value,
        high=value,
        qualifier="exact",
        span=span,
        number_span=span,
        sentence=sentence,
    )
