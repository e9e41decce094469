"""Displacement by where people go or stay: "took shelter", "are living in camps", "were
moved to shelters", "forced 5,200 families from their homes", "have left their villages"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tollwatch.extract.figures.lexicon import (
    EXPEL_VERBS,
    HOME_PLACES,
    LEAVE_VERBS,
    MOVE_VERBS,
    PROTECTION_MODIFIERS,
    SHELTER_BUILDINGS,
    SHELTER_CENTRES,
    SHELTER_MODIFIERS,
    SHELTER_OBJECTS,
    SHELTER_PLACES,
    SHELTER_PREPS,
    VICTIM_NOUNS,
)
from tollwatch.extract.figures.mention import (
    _Hit,
    _low,
)

if TYPE_CHECKING:
    from spacy.tokens import Token


def _is_home_place(tok: Token) -> bool:
    return _low(tok) in HOME_PLACES or tok.ent_type_ in ("GPE", "LOC", "FAC")


def _driven_out(verb: Token, role: str) -> _Hit | None:
    """ "forced 5,200 families from their homes", "were driven out of their villages",
    "3,000 families have left the eastern districts": people who leave the place they live
    in, or are driven from it, are displaced. Fighters leaving a position are not."""
    low = _low(verb)
    if low in EXPEL_VERBS and role in ("obj", "pass"):
        for child in verb.children:
            if child.dep_ != "prep" or _low(child) not in ("from", "out"):
                continue
            # "out of their homes": the place hangs on the "of" under "out"
            preps = [child] + [g for g in child.children if g.dep_ == "prep" and _low(g) == "of"]
            for prep in preps:
                for _prep, pobj in _prep_objects(prep):
                    if _is_home_place(pobj):
                        return _Hit("displaced", verb, "driven-out")
        return None
    if (
        low in LEAVE_VERBS
        and role in ("subj", "xsubj")  # "have left their homes", "were forced to leave them"
        and not any(c.dep_ == "auxpass" for c in verb.children)
    ):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and VICTIM_NOUNS.get(_low(child)) in (
                "fighters",
                "soldiers",
                "police",
            ):
                return None
        for child in verb.children:
            if child.dep_ == "dobj" and _is_home_place(child):
                return _Hit("displaced", verb, "left-home")
    return None


def _shelter(verb: Token, role: str) -> _Hit | None:
    """People who "took shelter", "sought refuge", "are staying in shelters": displaced."""
    if role not in ("subj", "pass", "xsubj", "obj"):
        return None
    moved = _moved_to_shelter(verb)
    if moved is not None:
        return moved
    for child in verb.children:
        if role != "obj" and child.dep_ == "dobj" and _low(child) in SHELTER_OBJECTS:
            if _low(verb) in (
                "take",
                "took",
                "taken",
                "taking",
                "seek",
                "sought",
                "seeking",
                "find",
                "found",
            ):
                return _Hit("displaced", child, "shelter")
        if child.dep_ in ("prep", "advmod") and _low(child) in SHELTER_PREPS:
            for prep, pobj in _prep_objects(child):
                if _low(prep) in SHELTER_PREPS and _is_shelter_place(pobj):
                    return _Hit("displaced", pobj, "shelter")
        if child.dep_ == "prep" and _low(child) == "with" and role != "obj":
            for pobj in child.children:
                if (
                    pobj.dep_ == "pobj"
                    and _low(pobj) == "families"
                    and any(_low(c) in ("host", "hosting") for c in pobj.children)
                ):
                    return _Hit("displaced", pobj, "shelter")
    return None


def _prep_objects(prep: Token, depth: int = 2) -> list[tuple[Token, Token]]:
    """(preposition, object) pairs under a preposition: its objects and their conjuncts, the
    conjoined prepositions ("in or near the camp") and, one level down, the prepositions on
    its objects ("over the border into a camp")."""
    out: list[tuple[Token, Token]] = []
    preps = [prep, *[c for c in prep.children if c.dep_ == "conj"]]
    for p in preps:
        for pobj in p.children:
            if pobj.dep_ != "pobj":
                continue
            out.append((prep, pobj))
            out.extend((prep, c) for c in pobj.conjuncts)
            if depth > 1:
                for grand in pobj.children:
                    if grand.dep_ == "prep":
                        out.extend(_prep_objects(grand, depth - 1))
    return out


def _moved_to_shelter(verb: Token) -> _Hit | None:
    """ "were pushed over the border into a refugee camp", "were moved to shelters": a verb of
    moving people with a shelter as its destination, however deep the parse puts it."""
    if _low(verb) not in MOVE_VERBS:
        return None
    for tok in verb.subtree:
        if tok.dep_ in ("pobj", "conj") and _is_shelter_place(tok):
            prep = tok.head if tok.dep_ == "pobj" else tok.head.head
            if _low(prep) in ("into", "to", "in", "inside", "at"):
                return _Hit("displaced", tok, "moved-to-shelter")
    return None


def _is_shelter_place(tok: Token) -> bool:
    low = _low(tok)
    if low in SHELTER_PLACES:
        return True
    if low in SHELTER_BUILDINGS:
        verb = tok.head.head if tok.dep_ == "pobj" else None
        if verb is not None and _low(verb) in ("shelter", "sheltered", "sheltering"):
            return True
        if low in ("base", "bases", "compound") and any(
            _low(t) in PROTECTION_MODIFIERS for t in tok.subtree if t.i < tok.i
        ):
            return True
    return low in SHELTER_CENTRES and any(
        _low(c) in SHELTER_MODIFIERS for c in tok.children if c.dep_ in ("compound", "amod")
    )
