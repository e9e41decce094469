"""The members of a list of victims, as the parse gives them and as it breaks them.

A list of people killed or hurt ("Luis Parra, 31; Rosa Tovar; and Oscar Beltran", "a police
colonel, a judge, and Senator Luis Carlos Galan") is a chain of conjuncts in a good parse.
Wire copy in capitals and long lists with ages and roles break the chain: the parser hangs
a member on the one before in apposition instead of as a conjunct. Such an apposition is
still a member of the list when

- it follows a semicolon ("Maria Pulido, 42; Pilar Pulido, 19; a minor known as Carlos"):
  a semicolon separates the members of a list, never a name from its description;
- it follows the list's "and" ("a colonel, a judge, and Senator Galan", "..., and a
  policeman who died later"): what comes after "and" is the last member, not a description
  of the one before;
- it is a name that the rest of the list is conjoined to ("Jesuits Ignacio Ellacuria,
  Ignacio Martin Baro, Segundo Montes, and Joaquin Lopez": the second name in apposition,
  the others its conjuncts).

An apposition after a plain comma that continues no list ("Pablo Pelaez, a former mayor")
is a description of the person before it, not another person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tollwatch.extract.figures.lexicon import ESCORT_PHRASES, NEAR_MISS_ADVERBS, PERSON_NOUNS
from tollwatch.extract.figures.mention import _low

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from tollwatch.extract.numbers import NumberMention

__all__ = ["escorted", "indefinite_antecedent", "list_members", "near_miss"]

# The word before a list's last member.
_AND = frozenset({"and"})
# Dependencies of a clause inside a member's phrase: what hangs there is not in the list.
_CLAUSES = frozenset({"relcl", "advcl", "ccomp", "xcomp", "parataxis"})
# How a member hangs on the one before it.
_MEMBERS = frozenset({"appos", "conj"})
_PLURAL = frozenset({"NNS", "NNPS"})
_ESCORT_LENGTHS = sorted({len(p) for p in ESCORT_PHRASES})


def _after(tok: Token) -> str:
    """The word before the first word of ``tok``'s phrase, lower-cased ("" at the start)."""
    i = tok.left_edge.i
    return _low(tok.doc[i - 1]) if i > 0 else ""


def _continues_list(c: Token) -> bool:
    """Whether ``c``, hung in the subtree of a list member, is a member itself rather than a
    description of one or a word of its own phrase."""
    if c.dep_ not in ("appos", "conj"):
        return False
    if c.dep_ == "appos" and (c.head.tag_ in _PLURAL or c.head.pos_ == "NUM"):
        return False  # the names of people counted: "two reporters, Roberto Navas and ..."
    before = _after(c)
    if before == ":":
        return False  # "the murder of Galan: Alvaro Delgado and ...": who was arrested
    if before == ";" or before in _AND:
        return True
    if c.dep_ == "conj":
        return False
    # a name in apposition to a name, with conjuncts of its own: the list of names goes on
    # through it (not a description of the list: "the first five Spaniards and the last a
    # Salvadoran"; not the name of a person counted: "a woman, Ola Aziz, and her sons")
    return (
        c.tag_ == "NNP"
        and c.head.pos_ == "PROPN"
        and any(d.dep_ == "conj" and d.i > c.i for d in c.children)
    )


def _inside(tok: Token, member: Token) -> bool:
    """Whether ``tok`` hangs on ``member`` through no clause of its own ("who had denounced
    the murders of ...")."""
    t = tok.head
    while t.i != member.i:
        if t.dep_ in _CLAUSES or t.dep_ in _MEMBERS or t.i == t.head.i:
            return False  # a clause, or another phrase of a list ("a leader of X and ...")
        t = t.head
    return True


def list_members(head: Token) -> list[Token]:
    """The head and the members of its list, in order of the text: its conjuncts, and the
    members the parse hung on them or inside them (see the module)."""
    out = [head, *[c for c in head.conjuncts if c.i > head.i]]
    if head.tag_ in _PLURAL:
        return out  # "three officials of the party and ..., comrades A, B and C": their names
    k = 0
    while k < len(out):
        tok = out[k]
        k += 1
        for c in tok.subtree:
            if c.i <= tok.i or c in out or not _continues_list(c):
                continue
            # deeper in a member's phrase only after a semicolon, which ends a member
            # ("a woman known as Carmen; Pedro Alva, and ..."); not a place in its
            # prepositions ("wounded in attacks on Aleppo and Deir Ezzor")
            if c.head.i != tok.i and not (_after(c) == ";" and _inside(c, tok)):
                continue
            out.append(c)
            out += [d for d in c.conjuncts if d.i > c.i and d not in out]
    return sorted(out, key=lambda t: t.i)


def indefinite_antecedent(
    pronoun: Token, counted: dict[int, NumberMention], made: dict[int, int]
) -> tuple[int, int] | None:
    """Token range [start, end) of the one person a victim pronoun points back to in its own
    sentence: the nearest "a"/"an" before it that counts one person no figure counted yet
    ("soldiers fired at a civilian woman, wounding her in the head"); None when there is no
    such person (the pronoun points to someone told of before)."""
    doc = pronoun.doc
    for k in range(pronoun.i - 1, -1, -1):
        m = counted.get(k)
        if m is None or _low(doc[k]) not in ("a", "an"):
            continue
        noun = doc[k].head
        if id(m) in made or m.value != 1 or noun.i <= k or _low(noun) not in PERSON_NOUNS:
            return None
        return k, noun.i + 1
    return None


def escorted(doc: Doc, start: int) -> bool:
    """Whether the person whose words start at token ``start`` is the one the victims were
    with, not a victim: right after "accompanying", "escorting", "guarding", "who were with"
    (``escort_phrases`` in ``figure_words.toml``): "wounded two of the bodyguards
    accompanying Governor Ruiz", "killed three soldiers who were with Colonel Vega". A parse
    of such a phrase often hangs the person on the casualty verb as its object."""
    for n in _ESCORT_LENGTHS:
        if start >= n and tuple(_low(doc[k]) for k in range(start - n, start)) in ESCORT_PHRASES:
            return True
    return False


def near_miss(verb: Token) -> bool:
    """ "was almost killed", "nearly killed the mayor": an adverb of ``near_miss_adverbs``
    right before the casualty verb says it did not happen (not "almost 40 were killed": there
    it is the number's)."""
    i = verb.i
    return i > 0 and _low(verb.doc[i - 1]) in NEAR_MISS_ADVERBS and verb.doc[i - 1].head.i == i
