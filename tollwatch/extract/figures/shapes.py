"""Counts written in other shapes than a number and its verb.

Wire copy and telex count the dead through the act done to them, and with "one of":

- ``the assassination of six Jesuits``, ``the massacre of 12 peasants``: the object of "of"
  after a noun of an act of killing (``act_nouns`` of ``tollwatch/data/count_shapes.toml``;
  the nouns that are counts themselves, "the murder of six", are the figure-of rule's);
- ``the four peasants' slaying``, ``the six soldiers' deaths``: a count in the possessive
  before such a noun (``possessive_acts``);
- ``one of the guards was killed``, ``one of them was wounded``: "one of" counts one, unless
  what it is one of are victims counted already (``one of the dead``, ``one of the
  victims``: ``one_of_pointers``).
"""

from __future__ import annotations

import tomllib
from importlib.resources import files
from typing import TYPE_CHECKING

from tollwatch.extract.figures.lexicon import (
    ADJECTIVES,
    HOUSEHOLD_NOUNS,
    VERBS,
)
from tollwatch.extract.figures.mention import _Hit, _low
from tollwatch.extract.rules import Example, Rule, register

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "SHAPE_RULES",
    "act_hit",
    "age_after_name",
    "counts_one_of",
    "negated_one",
    "of_host",
    "partitive_after",
]

_RAW = tomllib.loads(
    (files("tollwatch") / "data" / "count_shapes.toml").read_text(encoding="utf-8")
)
ACT_NOUNS: dict[str, str] = {w: f for f, ws in _RAW["act_nouns"].items() for w in ws.split()}
POSSESSIVE_ACTS: dict[str, str] = {
    w: f for f, ws in _RAW["possessive_acts"].items() for w in ws.split()
}
ONE_OF_POINTERS = frozenset(_RAW["one_of_pointers"].split())


SHAPE_RULES: dict[str, Rule] = {
    "act-of": register(
        "figures.act_of",
        fact="claim",
        summary="the victims are the object of 'of' after a noun of an act of killing",
        examples=[
            Example(
                "The bishop condemned the assassination of four peasants near the border.",
                expect={"figure": "killed", "value": 4},
            ),
            Example(
                "THE ARCHBISHOP CONDEMNED THE MASSACRE OF 14 PEASANTS IN THE PROVINCE.",
                expect={"figure": "killed", "value": 14},
            ),
        ],
    ),
    "possessive-act": register(
        "figures.possessive_act",
        fact="claim",
        summary="the victims are a possessive before a noun of the act: the four peasants' slaying",
        examples=[
            Example(
                "THE UNION BLAMED THE ARMY FOR THE THREE TEACHERS' MURDER.",
                expect={"figure": "killed", "value": 3},
            ),
            Example(
                "Relatives demanded an inquiry into the two students' deaths.",
                expect={"figure": "killed", "value": 2},
            ),
        ],
    ),
    "object-as-subject": register(
        "figures.object_as_subject",
        fact="claim",
        summary="the object of a figure verb that the parse made the subject of the "
        "participle after it: wounded one of the agents accompanying the colonel",
        examples=[
            Example(
                "THE GRENADE, WHICH EXPLODED NEAR THE DOOR, ALSO SERIOUSLY WOUNDED TWO OF THE "
                "POLICEMEN ACCOMPANYING JUDGE ORTIZ.",
                expect={"figure": "injured", "value": 2},
            ),
        ],
    ),
    "partitive-head": register(
        "figures.partitive_head",
        fact="claim",
        summary="a count followed by 'N of them' has the figure the clause after them gives: "
        "the funeral of seven nuns, four of them Spaniards, who were killed",
        examples=[
            Example(
                "MADRID, 4 MAR 90 (EFE) -- [TEXT] THE MINISTER RETURNED AFTER ATTENDING THE "
                "FUNERAL OF SEVEN NUNS, FOUR OF THEM SPANIARDS, WHO WERE KILLED ON SUNDAY.",
                expect={"figure": "killed", "value": 7},
            ),
        ],
    ),
    "one-of": register(
        "figures.one_of",
        fact="claim",
        summary="'one of' people not counted before counts one: one of the guards was killed",
        examples=[
            Example(
                "ONE OF THE BODYGUARDS WAS KILLED IN THE AMBUSH ON THE HIGHWAY.",
                expect={"figure": "killed", "value": 1},
            ),
            Example(
                "The rebels fired on the patrol and wounded one of its members.",
                expect={"figure": "injured", "value": 1},
            ),
        ],
    ),
}


def of_host(prep: Token) -> Token:
    """The noun an "of" phrase belongs to: its head, or for the second of "the murder of a
    judge and of two clerks" (which the parse makes a conjunct of some "of" before it) the
    head of the "of" right before it."""
    doc = prep.doc
    if prep.dep_ != "conj" or prep.i < 2 or _low(doc[prep.i - 1]) != "and":
        return prep.head
    # the nearest "of" before: the parse may join the two to an "of" further out ("as a
    # result of the murder of a judge and of two clerks")
    for k in range(prep.i - 2, max(prep.i - 10, 0) - 1, -1):
        if _low(doc[k]) == "of" and doc[k].dep_ == "prep":
            return doc[k].head
    return prep.head


def act_hit(top: Token) -> _Hit | None:
    """The figure of a counted noun that is the object of "of" after a noun of an act
    ("the assassination of six Jesuits") or a possessive before one ("the six Jesuits'
    slaying"); None otherwise."""
    if top.dep_ == "pobj" and _low(top.head) == "of":
        host = of_host(top.head)
        figure = ACT_NOUNS.get(_low(host))
        if figure is not None and host.pos_ == "NOUN":
            return _Hit(figure, host, "act-of")
    elif top.dep_ == "poss":
        host = top.head
        figure = POSSESSIVE_ACTS.get(_low(host))
        if figure is not None and host.pos_ == "NOUN":
            return _Hit(figure, host, "possessive-act")
    return None


# The patterns by which "one of" is the victim itself: the verb's subject or object, or the
# object of an act ("the murder of one of his guards").
_ONE_OF_ROLES = frozenset(
    {"passive-subject", "verb-object", "intransitive-subject", "act-of", "object-as-subject"}
)


def counts_one_of(num: Token, noun: Token, rule: str) -> bool:
    """Does "one of <noun>" count one victim of the figure ``rule`` found? It does when
    the "one" is itself the subject or object of the figure's verb ("one of the guards was
    killed", "wounded one of the agents", "one of them died"); it does not when what it is
    one of are victims already ("one of the dead", "one of those killed", "one of the
    civilians wounded"), nor when it only names or describes someone ("was one of two people
    killed", "one of the youngest victims", "one of them a child")."""
    if rule not in _ONE_OF_ROLES or num.dep_ not in ("nsubj", "nsubjpass", "dobj", "conj"):
        return False
    if _low(noun) in ONE_OF_POINTERS:
        return False
    if _low(noun) in HOUSEHOLD_NOUNS:
        return False
    return not any(
        c.dep_ in ("acl", "amod", "relcl")
        and (_low(c) in VERBS or _low(c) in ADJECTIVES or c.tag_ == "JJS")
        for c in noun.children
    )


def age_after_name(num: Token) -> bool:
    """Is ``num`` a person's age set off by commas or brackets after the name ("Saturnino
    Palomino, 25, was wounded", "Ahmed Saleh, 34, died", "Fathi Abu Laila (61) was killed"),
    not a count?"""
    doc = num.doc
    i = num.i
    if not num.like_num or i < 2 or i + 1 >= len(doc):
        return False
    before, after, name = doc[i - 1], doc[i + 1], doc[i - 2]
    if before.text == "(" and after.text == ")":
        # "Fathi Abu Laila (61) was also killed": in brackets after a person's name; not a
        # count after a place ("killed in Douma (12) and Harasta (5)")
        return name.ent_type_ == "PERSON" and num.text.isdigit() and int(num.text) <= 120
    return (
        before.text == ","
        and after.text in (",", ".", ";")
        and name.pos_ == "PROPN"
        and not any(c.dep_ in ("prep", "amod", "compound") for c in num.children)
    )


def negated_one(doc: Doc, first: int, value: int) -> bool:
    """Is a count of one negated ("not a single person was killed", "not one soldier was
    hurt")? Such a sentence says nobody, not one."""
    return value == 1 and first > 0 and _low(doc[first - 1]) in ("not", "nor")


_PARTITIVE_POINTERS = frozenset({"them"})  # not "of whom": "12 hostages, four of whom died"


def partitive_after(noun: Token) -> int | None:
    """The token of N in ", N of them" right after a counted noun ("seven nuns, four of them
    Spaniards"), or None."""
    doc = noun.doc
    k = noun.i + 1
    if k + 3 >= len(doc) or doc[k].text != "," or not doc[k + 1].like_num:
        return None
    if _low(doc[k + 2]) != "of" or _low(doc[k + 3]) not in _PARTITIVE_POINTERS:
        return None
    return k + 1
