"""The figure of one count from its parse: the counted noun, its modifiers, the toll
before it, the role it plays for its verb, a noun phrase of a figure ("the lives of 17")."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from tollwatch.extract.figures.anchor import (
    _climb,
    _role,
)
from tollwatch.extract.figures.lexicon import (
    ADJECTIVES,
    ANAPHOR_NOUNS,
    COLLECTIVE_NOUNS,
    DESTROY_VERBS,
    FIGURE_NOUNS,
    LIFE_VERBS,
    STATUS_NOUNS,
    TOLL_NOUNS,
    TOLL_PRONOUNS,
    UPDATE_VERBS,
    VICTIM_NOUNS,
)
from tollwatch.extract.figures.mention import (
    _Hit,
    _low,
)
from tollwatch.extract.figures.shapes import act_hit, of_host
from tollwatch.extract.figures.surface import (
    _surface_after,
)
from tollwatch.extract.figures.tolls import (
    _estimated_at,
    _toll_phrase,
)
from tollwatch.extract.figures.verbs import (
    _modifier_figure,
    _toll_figure,
    _verb_figure,
)

if TYPE_CHECKING:
    from spacy.tokens import Token


# Casualty figures whose words can stand after a count in run-on text ("were killed 25 were
# wounded"): there the count's own words say what it is.
_OWN_WORD_FIGURES = frozenset({"killed", "injured", "missing"})


def _figure_for(num: Token, anchor: Token, noun: Token | None, first: int) -> _Hit | None:
    """The figure of a count from the parse, unless the count's own words right after it say
    another casualty figure: in text without punctuation ("14 people were killed 25 were
    wounded", "the toll rose to 9 31 injured") the parser hangs the second count on the first
    count's verb or toll, but a count followed by "wounded" is the wounded."""
    hit = _parse_figure(num, anchor, noun, first)
    if (
        hit is not None
        and not hit.inherit
        and hit.figure in _OWN_WORD_FIGURES
        and hit.cue.i < num.i
        and (noun is None or noun.i > num.i)
    ):
        if noun is not None and noun.i == num.i + 1 and _low(noun) in ADJECTIVES:
            own: _Hit | None = _Hit(ADJECTIVES[_low(noun)], noun, "surface")  # "Dozens Injured"
        else:
            own = _surface_after(num, noun)
        if own is not None and own.figure != hit.figure and own.figure in _OWN_WORD_FIGURES:
            return own
    return hit


def _parse_figure(num: Token, anchor: Token, noun: Token | None, first: int) -> _Hit | None:
    # 1. the counted noun is a figure noun ("45 deaths", "22 dead"); a status noun
    # ("4,000 refugees returned") or a partitive ("19 of the wounded died") yields to its verb
    noun_hit: _Hit | None = None
    if noun is not None and _low(noun) in FIGURE_NOUNS and _low(noun) not in ("lives",):
        noun_hit = _Hit(FIGURE_NOUNS[_low(noun)], noun, "figure-noun")
        if noun is anchor and _low(noun) not in STATUS_NOUNS:
            return noun_hit
    for child in num.children:
        if (
            child.dep_ in ("amod", "acomp", "advmod", "npadvmod", "appos")
            and _low(child) in ADJECTIVES
            and child.i > num.i  # "Seven dead 20 wounded": "dead" is the seven's, not the 20's
        ):
            return _Hit(ADJECTIVES[_low(child)], child, "number-adjective")  # "22 dead"
    # 2. a modifier of the counted noun ("civilians killed", "wounded soldiers"); relative
    # clauses come after the noun's own verb ("executed 18 who had tried to flee")
    hit = _modifier_figure(anchor, relcl=False)
    if hit is not None:
        return hit
    if noun is not None and noun is not anchor:
        hit = _modifier_figure(noun, relcl=False)
        if hit is not None:
            return hit
    hit = _toll_phrase(num, first)
    if hit is not None:
        return hit
    if anchor.dep_ == "conj":
        # "the toll has risen to 13 and 106 injured": a conjunct's own words beat the verb
        # it shares with the count before it
        hit = _surface_after(num, noun)
        if hit is not None:
            return hit
    hit = _role_figure(num, anchor)
    if hit is not None:
        return hit
    for tok in (anchor, noun):
        if tok is not None:
            hit = _modifier_figure(tok)
            if hit is not None:
                return hit
    return noun_hit


def _object_as_subject(top: Token, role: str) -> _Hit | None:
    """ "wounded one of the agents accompanying the colonel", "killed two of the men guarding
    the bank": the parse makes the verb's object the subject of the participle after it (a
    clause the verb takes as its complement); the count is the figure verb's object."""
    clause = top.head
    if role != "subj" or clause.tag_ != "VBG" or clause.dep_ not in ("ccomp", "xcomp"):
        return None
    verb = clause.head
    if not (verb.i < top.i < clause.i) or any(c.dep_ == "dobj" for c in verb.children):
        return None
    hit = _verb_figure(verb, role="obj")
    return None if hit is None else replace(hit, rule="object-as-subject")


def _role_figure(num: Token, anchor: Token) -> _Hit | None:
    hit = _across_aside(num)
    if hit is not None:
        return hit
    # 3. the role the anchor plays for its verb
    top = _climb(anchor)
    # "a community of 85 people fled", "an additional number of up to 30,000 are besieged"
    while top.dep_ == "pobj" and _low(top.head) == "of" and _low(top.head.head) in COLLECTIVE_NOUNS:
        top = _climb(top.head.head)
    role = _role(top)
    if role is not None:
        verb = top.head
        while verb.dep_ in ("aux", "auxpass") and verb.head.i != verb.i:
            verb = verb.head  # "remained displaced": the subject hangs on the auxiliary
        if (
            _low(verb) in DESTROY_VERBS
            and role in ("obj", "pass")
            and VICTIM_NOUNS.get(_low(top)) in ("fighters", "soldiers")
        ):
            return _Hit("killed", verb, "destroyed-fighters")
        hit = _verb_figure(verb, role=role)
        if hit is not None:
            return hit
        hit = _object_as_subject(top, role)
        if hit is not None:
            return hit
        # "the dead include eight children"
        verb = top.head
        if _low(verb) in ("include", "includes", "included", "including") and role == "obj":
            for child in verb.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    if _low(child) in FIGURE_NOUNS:
                        return _Hit(FIGURE_NOUNS[_low(child)], child, "subject-includes")
        # "the death toll reached 112 people", "the number of displaced was 20,000"
        if role in ("obj",) or top.dep_ == "attr":
            for child in verb.children:
                if child.dep_ in ("nsubj", "nsubjpass") and _low(child) in TOLL_NOUNS:
                    fig = _toll_figure(child)
                    if fig is not None:
                        return _Hit(fig, child, "toll-verb", is_update=_low(verb) in UPDATE_VERBS)
    if top.dep_ == "attr":
        verb = top.head
        subjects = ("nsubj",)
        if verb.dep_ == "xcomp":
            # "the number of displaced families is estimated to be 820": the subject of the
            # verb the copula completes
            verb, subjects = verb.head, ("nsubj", "nsubjpass")
        for child in verb.children:
            if child.dep_ in subjects and _low(child) in TOLL_NOUNS:
                fig = _toll_figure(child)
                if fig is not None:
                    return _Hit(fig, child, "toll-copula")
    # 4. the object of a preposition: "the lives of 17", "toll at 45", "rose to 45"
    if top.dep_ == "pobj":
        prep = top.head
        host = of_host(prep) if _low(prep) == "of" else prep.head
        plow = _low(prep)
        hlow = _low(host)
        if plow == "to" and hlow == "according" and host.head.pos_ == "VERB":
            # "killing, according to the latest toll, 44 civilians": the parse hangs the
            # victims on the attribution, but they are the verb's object
            if any(_low(c) in TOLL_NOUNS for c in top.children if c.i < num.i):
                hit = _verb_figure(host.head, role="obj")
                if hit is not None:
                    return hit
        if plow == "from" and host.pos_ == "VERB" and hlow not in UPDATE_VERBS:
            # "killed from 500 to 1,000 people": a range hung on its first word
            if any(_low(c) == "to" and c.dep_ == "prep" for c in prep.children):
                hit = _verb_figure(host, role="obj")
                if hit is not None:
                    return hit
        if plow == "to" and host.pos_ in ("VERB", "AUX") and hlow in UPDATE_VERBS:
            if any(
                c.dep_ in ("nsubj", "nsubjpass") and _low(c) in TOLL_PRONOUNS for c in host.children
            ):
                return _Hit("", host, "pronoun-update", inherit=True, is_update=True)
        if plow == "of":
            hit = act_hit(top)  # "the assassination of six Jesuits"
            if hit is not None:
                return hit
            if hlow in ("lives", "life") and _low(host.head) in LIFE_VERBS:
                return _Hit("killed", host, "claimed-lives")
            if hlow in FIGURE_NOUNS and hlow not in ("lives",):
                return _Hit(FIGURE_NOUNS[hlow], host, "figure-of")
            if hlow in TOLL_NOUNS:
                fig = _toll_figure(host)
                if fig is not None:
                    return _Hit(fig, host, "toll-of")
            if hlow in ANAPHOR_NOUNS:
                return _Hit("", host, "figure-anaphor", inherit=True)
        if plow == "from":
            # "has risen to 48, up from 31": the earlier figure of the same toll
            if hlow in ("up", "down"):
                return _Hit("", host, "up-from", inherit=True)
            if host.pos_ == "VERB" and hlow in UPDATE_VERBS:
                for child in host.children:
                    if child.dep_ in ("nsubj", "nsubjpass", "dobj") and _low(child) in TOLL_NOUNS:
                        fig = _toll_figure(child)
                        if fig is not None:
                            return _Hit(fig, child, "toll-from")
        if plow in ("at", "to", "of", "around", "near"):
            if hlow in TOLL_NOUNS:
                fig = _toll_figure(host)
                if fig is not None:
                    return _Hit(fig, host, "toll-at")
            if host.pos_ not in ("VERB", "AUX") and host.dep_ in ("npadvmod", "advmod", "dobj"):
                host = host.head  # "raised the toll ... the previous day to 61"
            if host.pos_ in ("VERB", "AUX"):
                for child in host.children:
                    if child.dep_ in ("nsubj", "nsubjpass", "dobj") and _low(child) in TOLL_NOUNS:
                        fig = _toll_figure(child)
                        if fig is not None:
                            return _Hit(
                                fig,
                                child,
                                "toll-to",
                                is_update=plow == "to" and _low(host) in UPDATE_VERBS,
                            )
                    if (
                        child.dep_ == "dobj"
                        and _low(child) in ("lives", "life")
                        and _low(host) in LIFE_VERBS
                    ):
                        return _Hit("killed", child, "claimed-lives")
        if plow == "at":
            hit = _estimated_at(top, prep)
            if hit is not None:
                return hit
    if top.dep_ == "poss":
        hit = act_hit(top)  # "the four peasants' slaying"
        if hit is not None:
            return hit
    # 5. headlines without a verb: "Death toll from Homs blast at least 112"
    if top.dep_ in ("npadvmod", "appos", "nummod", "advmod") and _low(top.head) in TOLL_NOUNS:
        fig = _toll_figure(top.head)
        if fig is not None:
            return _Hit(fig, top.head, "toll-apposition")
    return None


def _across_aside(num: Token) -> _Hit | None:
    """ "forced the evacuation of, according to the latest data, 4,200 people": an attribution
    set off by commas between a figure and its count, which the parser reads as anything but
    the count's host. The words before the aside decide: "of" after a figure noun, or a figure
    verb whose object the count is."""
    doc = num.doc
    start = num.left_edge.i
    if start < 5 or doc[start - 1].text != ",":
        return None
    for j in range(start - 3, max(start - 12, 1), -1):
        low = _low(doc[j])
        if low == "according":
            break
        if low == "," or doc[j].pos_ == "VERB":
            return None
    else:
        return None
    if _low(doc[j + 1]) != "to" or doc[j - 1].text != ",":
        return None
    before = doc[j - 2]
    if _low(before) == "of" and _low(before.head) in FIGURE_NOUNS:
        return _Hit(FIGURE_NOUNS[_low(before.head)], before.head, "across-aside")
    if before.pos_ == "VERB":
        hit = _verb_figure(before, role="obj")
        if hit is not None:
            return _Hit(hit.figure, hit.cue, "across-aside", is_update=hit.is_update)
    return None
