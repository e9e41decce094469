"""What a count counts: the counted noun and the token whose role decides the figure; the
victims and unit of a counted noun; whether it can be people."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tollwatch.extract.figures.lexicon import (
    ADJECTIVES,
    ANAPHOR_NOUNS,
    BROAD_VERBS,
    COLLECTIVE_NOUNS,
    DWELLING_NOUNS,
    FIGURE_NOUNS,
    HOUSEHOLD_NOUNS,
    HOUSING_ACTS,
    HOUSING_VERBS,
    NOT_PEOPLE,
    TOLL_NOUNS,
    VERBS,
    VICTIM_MODIFIERS,
    VICTIM_NOUNS,
)
from tollwatch.extract.figures.mention import (
    _Hit,
    _low,
)

if TYPE_CHECKING:
    from spacy.tokens import Token


def _anchor(num: Token) -> tuple[Token, Token | None]:
    """(the token whose role decides the figure, the counted noun or None)."""
    doc = num.doc
    if num.i + 1 < len(doc) and _low(doc[num.i + 1]) in NOT_PEOPLE and num.head.i != num.i + 1:
        # a headline's run-on "with 40 Airstrikes 35 Militants Killed": the parse hangs the 40 on
        # the militants, but the word after a count is what it counts
        return doc[num.i + 1], doc[num.i + 1]
    head = num.head
    if (
        head.dep_ == "amod"
        and num.i < head.i < head.head.i <= num.i + 4
        and head.head.pos_ in ("NOUN", "PROPN")
    ):
        # "Seven identified members of the family were killed": the parse hangs the count on
        # the participle before the noun it counts
        return head.head, head.head
    while head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ in ("NOUN", "PROPN"):
        head = head.head  # "Fifteen SARC volunteers": the count is of the compound's head
    counts = num.dep_ in ("nummod", "quantmod", "amod", "compound") or (
        num.dep_ == "det" and _low(num) in ("a", "an")  # "a woman was killed"
    )
    if counts and head.pos_ in ("NOUN", "PROPN", "PRON", "ADJ") and head.i > num.i:
        between = range(num.i + 1, head.i)
        if any(
            doc[k].like_num and doc[k].dep_ == "nummod" and doc[k].head.i == head.i for k in between
        ) and any(_low(doc[k]) in ADJECTIVES or _low(doc[k]) in VERBS for k in between):
            # "killed 9 wounded 30 others": the others are the 30's; the 9 stands alone
            return num, None
        return head, head
    # "dozens of civilians", "three of the victims", "hundreds of thousands of people"
    for child in num.children:
        if child.dep_ == "prep" and _low(child) == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    if pobj.like_num or _low(pobj) in ("thousands", "millions", "hundreds"):
                        inner = _anchor(pobj)
                        if inner[1] is not None:
                            return inner
                        continue
                    return num, pobj
    # a broken parse ("Daraa 15 civilians were killed" with 15 hung on "Daraa"): the noun
    # right after the count, past its adjectives, is what it counts
    j = num.i + 1
    while (
        j < len(doc) and j <= num.i + 4 and doc[j].tag_ in ("JJ", "NNP", "NN", "HYPH", "VBN", "RB")
    ):
        if _low(doc[j]) in VICTIM_NOUNS or _low(doc[j]) in HOUSEHOLD_NOUNS:
            break
        j += 1
    if j < len(doc) and (_low(doc[j]) in VICTIM_NOUNS or _low(doc[j]) in HOUSEHOLD_NOUNS):
        if num.head.i < num.i or num.head.i > j:
            return doc[j], doc[j]
        if num.dep_ == "nsubj" and num.head.tag_ == "VBN" and num.head.dep_ == "ROOT":
            # "at least 21 identified family members ... were killed": the parse makes the
            # participle before the noun a verb with the count its subject
            noun = doc[j]
            while noun.dep_ == "compound" and noun.head.i == noun.i + 1:
                noun = noun.head  # "family members"
            return noun, noun
    return num, None


def _role(tok: Token) -> str | None:
    dep = tok.dep_
    if dep == "nsubjpass":
        return "pass"
    if dep in ("nsubj", "csubj"):
        return "subj"
    if dep in ("dobj", "oprd"):
        return "obj"
    return None


def _climb(tok: Token) -> Token:
    """Conjuncts and appositions share the role of the word they hang on."""
    seen = 0
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i and seen < 6:
        tok = tok.head
        seen += 1
    return tok


def _victims(noun: Token | None) -> tuple[tuple[str, ...], str]:
    """Victims and unit of a counted noun ("rebel fighters" → fighters)."""
    if noun is None:
        return (), "people"
    low = _low(noun)
    if low in HOUSEHOLD_NOUNS:
        return (), "households"
    victims: list[str] = []
    for child in noun.children:
        if child.dep_ in ("compound", "amod") and _low(child) in VICTIM_MODIFIERS:
            v = VICTIM_MODIFIERS[_low(child)]
            if low in VICTIM_NOUNS and VICTIM_NOUNS[low] != "people":
                # "rebel fighters", "army officers": the noun's own class is enough
                v = VICTIM_NOUNS[low]
            victims.append(v)
            break
    if not victims and low in VICTIM_NOUNS:
        victims.append(VICTIM_NOUNS[low])
    if low in ("fighters", "fighter", "militias", "militia", "gunmen") and any(
        c.dep_ in ("amod", "compound")
        and "government" in _low(c)
        and not _low(c).startswith("anti")
        for c in noun.children
    ):
        victims = ["fighters"]  # pro-government militias are still non-state fighters
    return tuple(dict.fromkeys(victims)), "people"


def _counts_people(noun: Token | None, hit: _Hit) -> bool:
    """Whether the counted noun can be people (or households) for this figure."""
    if noun is None:
        return _low(hit.cue) not in HOUSING_VERBS
    low = _low(noun)
    if low in NOT_PEOPLE:
        return False
    if low in HOUSEHOLD_NOUNS:
        return True
    if low in VICTIM_NOUNS or low in FIGURE_NOUNS:
        return True
    if noun.pos_ == "PRON" or noun.ent_type_ in ("NORP",):
        return True  # "9,000 Afghans", "them"
    if _low(hit.cue) in BROAD_VERBS or hit.figure in ("affected", "at_risk", "returned"):
        return False  # "12 villages were affected": only listed people count there
    return noun.pos_ in ("NOUN", "PROPN") and noun.ent_type_ not in (
        "DATE",
        "TIME",
        "MONEY",
        "PERCENT",
        "QUANTITY",
        "GPE",
        "LOC",
        "FAC",
        "ORG",
        "PRODUCT",
    )


def _housing_hit(noun: Token | None) -> _Hit | None:
    """Homes counted with a verb of damage ("25,000 homes collapsed", "destroyed 500
    houses"): households affected."""
    if noun is None or _low(noun) not in DWELLING_NOUNS:
        return None
    top = _climb(noun)
    # "a final figure of 116 homes have been destroyed": the role is the figure's
    while (
        top.dep_ == "pobj"
        and _low(top.head) == "of"
        and _low(top.head.head) in ANAPHOR_NOUNS | TOLL_NOUNS | COLLECTIVE_NOUNS
    ):
        top = _climb(top.head.head)
    for child in noun.children:
        if child.dep_ in ("acl", "relcl", "amod") and _low(child) in HOUSING_VERBS:
            return _Hit("affected", child, "housing")
    if top.dep_ in ("nsubj", "nsubjpass", "dobj") and _low(top.head) in HOUSING_VERBS:
        return _Hit("affected", top.head, "housing")
    if (
        top.dep_ == "pobj"
        and _low(top.head) in ("of", "to")
        and _low(top.head.head) in HOUSING_ACTS
    ):
        return _Hit("affected", top.head.head, "housing-act")  # "the destruction of 340 houses"
    after = noun.nbor(1) if noun.i + 1 < len(noun.doc) else None
    if after is not None and _low(after) in HOUSING_VERBS and after.tag_ in ("VBN", "VBD"):
        # "3 dead 150 houses destroyed 400 homeless": in a broken parse the participle right
        # after the homes says what befell them
        return _Hit("affected", after, "housing-surface")
    return None
