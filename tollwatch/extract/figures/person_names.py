"""Is a proper noun a person's name? For victims counted by name (:mod:`.persons`).

The small English model tags most English and many Spanish names as PERSON entities, but not
all: "Luz Amparo Gomez Serna" and "Jose Antonio Rodriguez Porth" may come out with no
entity, or with the first names alone tagged, and a rare surname may be taken for a place.
A proper noun (with the proper nouns compounded before it) names a person when:

- the model tags it PERSON (the entity gives its extent), or
- some word of the name is tagged PERSON and none is tagged as something else, or
- the name has two or more words of which none is tagged as a place, an organisation, a
  people, a date or a number, nor is an English word or (in mixed case) an acronym ("Luz
  Amparo Gomez Serna"; not "Monitor AFP", "Car Bomb"), or
- a title of one person stands right before it ("Minister Quintanilla", "Colonel Ortega"),
- or a person's age does ("44-year-old Karim Nasser Odeh"), whatever entity the model
  guessed for the name (a place or a people aside).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tollwatch.extract.casing import english_words, is_shouted
from tollwatch.extract.figures.lexicon import PERSON_NOUNS
from tollwatch.extract.figures.mention import _low

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["name_span"]

# Entity types that say a name is not a person's.
_NOT_A_PERSON = frozenset(
    "GPE LOC FAC ORG NORP PRODUCT EVENT WORK_OF_ART LAW LANGUAGE DATE TIME PERCENT MONEY "
    "QUANTITY ORDINAL CARDINAL".split()
)

# Entity types the model gives names it does not know (in capitals, most of them).
_WEAK = frozenset("PRODUCT EVENT WORK_OF_ART LAW LANGUAGE".split())
_WEAK_SHOUTED = _WEAK | frozenset("FAC ORG NORP".split())


def name_span(tok: Token) -> tuple[int, int] | None:
    """Token range [start, end) of the name whose last word is ``tok`` (titles before it
    included: "Inspector Eulogio Flores"), or None when ``tok`` does not end a person's name."""
    doc = tok.doc
    if tok.pos_ != "PROPN" or tok.tag_ != "NNP":
        # a surname ending in -s taken for a plural: "Mr. Meneses"
        if not (tok.tag_ == "NNPS" and tok.i > 0 and _low(doc[tok.i - 1]) in PERSON_NOUNS):
            return None
    if tok.ent_type_ == "PERSON":
        ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
        if ent is None:
            return None
        start, end = ent.start, ent.end
        while end - 1 > tok.i and doc[end - 1].tag_ == "POS":
            end -= 1  # "Pedro Alvarado's": the name without its possessive ending
    else:
        # the proper nouns compounded right before it: "Luz Amparo Gomez Serna"
        start = tok.i
        while start > 0:
            # "Saber Arab Al-Muqayid": a hyphen inside the name joins its words too
            step = 2 if doc[start - 1].text == "-" and start > 1 else 1
            prev = doc[start - step]
            if not (prev.pos_ == "PROPN" and prev.dep_ == "compound" and prev.head.i > prev.i):
                break
            if not prev.is_alpha and _low(prev) in PERSON_NOUNS:
                break  # a title with its full stop ("Mr. Torres"): a title, not a name's word
            start -= step
        end = tok.i + 1
        words = doc[start:end]
        types = {t.ent_type_ for t in words if t.ent_type_}
        titled = start > 0 and _low(doc[start - 1]) in PERSON_NOUNS
        # the model's weakest guesses do not say "not a person" of words that can only be a
        # name ("Ana Isabel Casanova" as a work of art); in capitals neither do its places and
        # organisations or peoples ("EFRAIN RINCON RODRIGUEZ" as an organisation); places do
        # (a dateline before the name: "SAN SALVADOR, 3 JAN 90 -- HECTOR OQUELI ...")
        weak = _WEAK_SHOUTED if is_shouted(doc.text) else _WEAK
        strong = types & _NOT_A_PERSON
        if strong and strong <= weak and len(words) >= 2 and _name_words(words):
            strong = frozenset()
        aged = not (types & _PLACE_OR_PEOPLE) and _age_before(doc, start)
        if strong and not aged and not (titled and tok.ent_type_ not in _NOT_A_PERSON):
            return None
        if "PERSON" not in types and not (
            aged or ((titled or len(words) >= 2) and _name_words(words))
        ):
            return None
    # a title before the name: "Inspector Eulogio Flores", "Colonel X"
    while start > 0 and _low(doc[start - 1]) in PERSON_NOUNS:
        start -= 1
    return start, end


# Entity types a name with an age before it may still be ("the 800-year-old Aleppo citadel").
_PLACE_OR_PEOPLE = frozenset({"GPE", "LOC", "NORP"})


def _age_before(doc: Span | object, start: int) -> bool:
    """Whether a person's age stands right before token ``start``: "44-year-old", "a 66-year
    old" (a number of years under 130, then "old"): the name after it is a person's."""
    if start < 3 or _low(doc[start - 1]) != "old":  # type: ignore[index]
        return False
    for i in range(start - 2, max(start - 6, -1), -1):
        tok = doc[i]  # type: ignore[index]
        if tok.like_num:
            return tok.text.isdigit() and int(tok.text) < 130 and _low(doc[i + 1]) in _YEARS  # type: ignore[index]
        if _low(tok) not in _YEARS and tok.text != "-":
            return False
    return False


_YEARS = frozenset({"year", "years", "-"})


def _name_words(words: Span) -> bool:
    """Words that can only be a name: none is an English word in lower case ("Monitor AFP",
    "Car Bomb" are not names) or, in a sentence not written in capitals, an acronym. In
    capitals, a given name that is also an English word ("LUZ MARINA OSPINA", "MARIA
    JACINTA PULIDO") may stand before a surname no list knows, when no more than half the
    words are English."""
    shouted = is_shouted(words.doc.text)
    english = english_words()
    if not all(t.is_alpha and (shouted or not t.text.isupper()) for t in words):
        return False
    known = [t.lower_ in english for t in words]
    if not any(known):
        return True
    return shouted and not known[-1] and 2 * sum(known) <= len(known)


def title_and_name(tok: Token) -> tuple[int, int] | None:
    """Token range [start, end) of a title with the name in apposition to it ("former mayor
    Fidencio Ochoa": the parse makes the title the head and the name its apposition), or
    None."""
    if tok.pos_ != "NOUN" or _low(tok) not in PERSON_NOUNS:
        return None
    for child in tok.children:
        if child.dep_ == "appos" and child.i == tok.i + 1 + _compounds_before(child):
            span = name_span(child)
            if span is not None:
                return tok.i, span[1]
    return None


def _compounds_before(tok: Token) -> int:
    return sum(1 for c in tok.children if c.dep_ == "compound" and c.i < tok.i)
