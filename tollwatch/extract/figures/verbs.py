"""What a verb or a toll noun makes of its arguments: "8 civilians were killed" (passive
subject), "killing 25" (object), "thousands have fled" (intransitive subject), "were forced
to flee", "are missing", "were among the dead", "the death toll"; and the figure words that
modify a counted noun ("people killed", "wounded soldiers")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tollwatch.extract.figures.displacement import (
    _driven_out,
    _shelter,
)
from tollwatch.extract.figures.lexicon import (
    ADJECTIVES,
    ATTEMPT_VERBS,
    FACE_VERBS,
    FIGURE_NOUNS,
    HARM_NOUNS,
    HARM_VERBS,
    HOUSEHOLD_NOUNS,
    HOUSING_VERBS,
    LEFT_IN_STATE,
    LOSE_VERBS,
    RISK_PHRASES,
    THREAT_NOUNS,
    TOLL_COMPOUNDS,
    VERBS,
    VICTIM_NOUNS,
)
from tollwatch.extract.figures.mention import (
    _Hit,
    _low,
)
from tollwatch.extract.figures.victim_lists import near_miss
from tollwatch.extract.rules import Example, Rule, register

if TYPE_CHECKING:
    from spacy.tokens import Token

SUSTAINED_INJURIES: Rule = register(
    "figures.sustained_injuries",
    fact="claim",
    summary="N sustained (suffered, received) injuries or wounds",
    examples=[
        Example(
            "At least five other family members sustained injuries in the strike on Monday.",
            expect={"figure": "injured", "value": 5},
        ),
        Example(
            "Two paramedics suffered serious wounds when the ambulance was hit.",
            expect={"figure": "injured", "value": 2},
        ),
    ],
)


def _toll_figure(tok: Token) -> str | None:
    """What a toll noun counts: "death toll" → killed; "number of displaced" → displaced."""
    for child in tok.children:
        if child.dep_ in ("compound", "amod", "nmod") and _low(child) in TOLL_COMPOUNDS:
            return TOLL_COMPOUNDS[_low(child)]
        if child.dep_ in ("compound", "amod") and _low(child) in FIGURE_NOUNS:
            return FIGURE_NOUNS[_low(child)]
    for child in tok.children:
        if child.dep_ == "prep" and _low(child) == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    low = _low(pobj)
                    if low in FIGURE_NOUNS:
                        return FIGURE_NOUNS[low]
                    hit = _modifier_figure(pobj)
                    if hit is not None:
                        return hit.figure
    hit = _modifier_figure(tok, relcl=False)  # "the number killed", "the number displaced"
    if hit is not None:
        return hit.figure
    if _low(tok) in ("toll", "tolls", "tally"):
        return "killed"  # in conflict reports a bare "toll" is the death toll
    return None


def _verb_figure(verb: Token, *, role: str) -> _Hit | None:
    """The figure a verb gives its argument in ``role`` (subj, pass, obj, xsubj)."""
    low = _low(verb)
    if low in VERBS:
        if near_miss(verb):
            return None  # "five people were almost killed"
        figure, transitive = VERBS[low]
        passive = any(c.dep_ == "auxpass" for c in verb.children) or verb.dep_ in ("acl", "amod")
        if role == "xsubj" and verb.tag_ == "VBN" and verb.dep_ in ("xcomp", "oprd"):
            # "were reported killed", "was found murdered": a bare participle of its subject
            passive = passive or not any(c.dep_ in ("aux", "dobj") for c in verb.children)
        if not passive and transitive and role == "subj" and verb.tag_ in ("VBN", "VBD"):
            # "120,000 people displaced since 2012": a reduced relative the parser took for the
            # main verb; a real active use has an object ("gunmen killed 12")
            passive = not any(
                c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children
            ) and not any(
                c.dep_ == "aux" and c.lower_ in ("has", "have", "had") for c in verb.children
            )
        if role == "obj" and (transitive or low in ("escape", "escaped", "flee", "fled")):
            if low in (
                "flee",
                "fled",
                "fleeing",
                "escape",
                "escaped",
                "escaping",
                "return",
                "returned",
            ):
                return None  # "fled 12 villages": the object is where from, not who
            return _Hit(figure, verb, "verb-object")
        if role == "pass" or (role == "subj" and passive):
            return _Hit(figure, verb, "passive-subject") if transitive or passive else None
        if role in ("subj", "xsubj") and not transitive:
            return _Hit(figure, verb, "intransitive-subject")
        if role == "xsubj" and transitive and passive:
            return _Hit(figure, verb, "passive-subject")
        if (
            role in ("subj", "xsubj")
            and low in ("evacuated", "evacuate", "evacuating")
            and not any(
                c.dep_ == "dobj" and (_low(c) in VICTIM_NOUNS or c.like_num) for c in verb.children
            )
        ):
            # "30,000 people had evacuated", "were ordered to evacuate the coast": they left
            return _Hit(figure, verb, "intransitive-subject")
        return None
    if low in ("had", "have", "has", "having") and role in ("subj",):
        # "41,000 households had their houses destroyed"
        for child in verb.children:
            if child.dep_ in ("ccomp", "xcomp") and _low(child) in HOUSING_VERBS:
                if any(
                    _low(g) in HOUSEHOLD_NOUNS
                    for g in child.children
                    if g.dep_ in ("nsubj", "nsubjpass")
                ):
                    return _Hit("affected", child, "housing")
            if child.dep_ == "dobj" and _low(child) in HOUSEHOLD_NOUNS:
                for g in child.children:
                    if g.dep_ in ("acl", "amod", "oprd") and _low(g) in HOUSING_VERBS:
                        return _Hit("affected", g, "housing")
    if low in LOSE_VERBS and role in ("subj", "xsubj"):
        for child in verb.children:
            if child.dep_ == "dobj" and _low(child) in ("lives", "life"):
                return _Hit("killed", child, "lost-lives")
    if low in HARM_VERBS and role in ("subj", "xsubj"):
        for child in verb.children:
            if child.dep_ == "dobj" and _low(child) in HARM_NOUNS:
                return _Hit("injured", child, "sustained-injuries")
    if low in FACE_VERBS and role in ("subj", "xsubj"):
        for child in verb.children:
            if child.dep_ == "dobj" and _low(child) in THREAT_NOUNS:
                return _Hit("at_risk", child, "face-threat")  # "face the threat of death"
    # "have been left homeless", "were left dead": the state the verb leaves its subject in
    if low in LEFT_IN_STATE and role in ("pass", "subj") and verb.i + 1 < len(verb.doc):
        nxt = verb.doc[verb.i + 1]
        if _low(nxt) in ADJECTIVES and nxt.pos_ in ("ADJ", "VERB"):
            return _Hit(ADJECTIVES[_low(nxt)], nxt, "copula-adjective")
    # "are missing", "were dead", "remain trapped": a copula with a figure adjective
    for child in verb.children:
        if child.dep_ in ("acomp", "oprd", "attr") and _low(child) in ADJECTIVES:
            if role in ("subj", "pass", "xsubj") or (role == "obj" and child.dep_ == "oprd"):
                return _Hit(ADJECTIVES[_low(child)], child, "copula-adjective")
        if child.dep_ in ("acomp",) and _low(child) in VERBS and role in ("subj", "pass"):
            figure, transitive = VERBS[_low(child)]
            if transitive and child.tag_ == "VBN":
                return _Hit(figure, child, "copula-participle")  # "were slain"
        if child.dep_ == "prep" and _low(child) == "among" and role in ("subj", "pass"):
            # "six civilians were among the dead", "were identified among those killed"
            for pobj in child.children:
                if pobj.dep_ == "pobj" and _low(pobj) in FIGURE_NOUNS:
                    return _Hit(FIGURE_NOUNS[_low(pobj)], pobj, "among-figure", subset=True)
                if pobj.dep_ == "pobj":
                    hit = _modifier_figure(pobj)
                    if hit is not None:
                        return _Hit(hit.figure, hit.cue, "among-figure", subset=True)
    if role in ("subj", "pass", "xsubj"):
        for child in verb.children:
            # "were forced to flee", "were ordered to evacuate", "are thought to have died"
            if (
                child.dep_ in ("xcomp", "oprd")
                and child.i > verb.i
                and _low(verb) not in ATTEMPT_VERBS
            ):
                hit = _verb_figure(child, role="xsubj")
                if hit is not None:
                    return hit
            # "registered as displaced", "listed as missing"
            if child.dep_ == "prep" and _low(child) == "as":
                for grand in child.children:
                    if _low(grand) in ADJECTIVES:
                        return _Hit(ADJECTIVES[_low(grand)], grand, "as-adjective")
            if child.dep_ == "prep":
                for pobj in child.children:
                    key = (_low(child), _low(pobj))
                    if pobj.dep_ == "pobj" and key in RISK_PHRASES:
                        return _Hit(RISK_PHRASES[key], pobj, "risk-phrase")
    hit = _shelter(verb, role)
    if hit is not None:
        return hit
    # "killed and crucified five civilians": the object is shared by conjoined verbs
    if role == "obj" and verb.dep_ == "conj" and verb.head.i < verb.i:
        hit = _verb_figure(verb.head, role="obj")
        if hit is not None:
            return hit
    hit = _driven_out(verb, role)
    if hit is not None:
        return hit
    # "forced 33,000 people to flee", "left 12 dead": the object's own predicate
    if role == "obj":
        if low in LEFT_IN_STATE:
            # "leaving 12 civilians - including four children - and 9 fighters dead": the
            # parse hangs "dead" on the last conjunct; it is still what the verb leaves them
            for tok in verb.subtree:
                if (
                    tok.i > verb.i + 1
                    and tok.dep_ in ("amod", "oprd", "acomp")
                    and tok.pos_ == "ADJ"
                    and _low(tok) in ADJECTIVES
                ):
                    return _Hit(ADJECTIVES[_low(tok)], tok, "object-predicate")
        for child in verb.children:
            if (
                child.dep_ in ("xcomp", "ccomp", "oprd", "acomp")
                and child.i > verb.i
                and (_low(verb) not in ATTEMPT_VERBS)
            ):
                if _low(child) in ADJECTIVES and child.pos_ in ("ADJ", "VERB", "NOUN"):
                    return _Hit(ADJECTIVES[_low(child)], child, "object-predicate")
                hit = _verb_figure(child, role="xsubj")
                if hit is not None:
                    return hit
    return None


def _modifier_figure(noun: Token, *, relcl: bool = True) -> _Hit | None:
    """A figure word that modifies the counted noun: "people killed", "wounded soldiers"."""
    for child in noun.children:
        low = _low(child)
        if child.dep_ == "acl" and low in VERBS and low.endswith("ing") and not VERBS[low][1]:
            return _Hit(VERBS[low][0], child, "participle")  # "people fleeing the city"
        if child.dep_ == "acl" or (relcl and child.dep_ == "relcl"):
            if child.dep_ == "acl" and any(c.dep_ == "dobj" for c in child.children):
                continue  # "killed 30 people injured 90": an active verb of its own
            hit = _verb_figure(child, role="pass" if child.dep_ == "acl" else "subj")
            if hit is not None:
                return hit
        elif child.dep_ in ("amod", "compound", "nmod", "acomp") and low in ADJECTIVES:
            return _Hit(ADJECTIVES[low], child, "modifier")
        elif child.dep_ == "prep":
            for pobj in child.children:
                key = (low, _low(pobj))
                if pobj.dep_ == "pobj" and key in RISK_PHRASES:
                    return _Hit(RISK_PHRASES[key], pobj, "risk-phrase")
    return None
