"""When the parse is broken (headlines, run-on text), the words next to a count decide:
"Thirty killed in ...", "9 killed 12 injured", "killing at least 36", "the death toll
reached 330"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tollwatch.extract.figures.lexicon import (
    ADJECTIVES,
    ASIDE_OPENERS,
    AUX_WORDS,
    BROAD_VERBS,
    FIGURE_NOUNS,
    HOUSEHOLD_NOUNS,
    HOUSING_VERBS,
    LISTED_COUNTS,
    NEAR_MISS_ADVERBS,
    TOLL_LINK_WORDS,
    TOLL_NOUNS,
    UPDATE_VERBS,
    VERBS,
    VICTIM_NOUNS,
)
from tollwatch.extract.figures.mention import (
    _Hit,
    _low,
)
from tollwatch.extract.figures.verbs import (
    _toll_figure,
)
from tollwatch.extract.rules import Example, Rule, register

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# An aside's opening mark and the mark that closes it.
_ASIDE_CLOSE = {"(": ")", "-": "-", "–": "–", "—": "—", ",": ","}

SURFACE_ASIDE: Rule = register(
    "figures.surface_aside",
    fact="claim",
    summary="in a broken parse, the words after the count past asides on who they were: "
    "12 civilians, all of them women, were killed",
    examples=[
        Example(
            "On the night of Monday, March 4, 2024, nine civilians, all of them women and "
            "children, were killed and several were injured in an airstrike on a house in Rafah.",
            expect={"figure": "killed", "value": 9},
        ),
        Example(
            "Late on Monday, 7 March, at least 14 civilians, all members of the Haddad family, "
            "including four children and two women, were killed and others were injured in an "
            "airstrike on their home in Deir al-Balah.",
            expect={"figure": "killed", "value": 14, "qualifier": "at_least"},
        ),
    ],
)


def _surface_figure(num: Token, noun: Token | None, first: int) -> _Hit | None:
    """When the parse is broken (headlines, run-on text), read the words around the count:
    "Thirty killed in ...", "30 civilians were killed", "12 dead", "thousands fled",
    "killing at least 36", "the death toll reached 330". ``first`` is the count's first token
    (its qualifier's, if any)."""
    before = _surface_before(num, first)
    after = _surface_after(num, noun)
    if before is not None and after is not None and after.figure != before.figure:
        return after  # "killed 14 25 wounded": the words after the 25 are its own
    return before if before is not None else after


def _surface_before(num: Token, first: int) -> _Hit | None:
    """ "killed 36 people", "killing at least 36", "the death toll reached 330"."""
    doc = num.doc
    k = first - 1
    if k >= 0:
        prev = doc[k]
        plow = _low(prev)
        if plow in VERBS and VERBS[plow][1] and prev.tag_ in ("VBD", "VBG", "VBZ", "VBP", "VBN"):
            if plow not in BROAD_VERBS and not (k > 0 and _low(doc[k - 1]) in NEAR_MISS_ADVERBS):
                return _Hit(VERBS[plow][0], prev, "surface-object")
        seen_link = 0
        while k >= 0 and first - k <= 6:
            low = _low(doc[k])
            if low in TOLL_NOUNS and low != "number":
                fig = _toll_figure(doc[k])
                if fig is not None and seen_link:
                    return _Hit(
                        fig,
                        doc[k],
                        "surface-toll",
                        is_update=any(_low(doc[m]) in UPDATE_VERBS for m in range(k + 1, first)),
                    )
                break
            if low not in TOLL_LINK_WORDS:
                break
            seen_link += 1
            k -= 1
    return None


def _surface_after(num: Token, noun: Token | None) -> _Hit | None:
    """ "Thirty killed in ...", "30 civilians were killed", "12 dead", "thousands fled"."""
    doc = num.doc
    j = (noun.i if noun is not None and noun.i > num.i else num.i) + 1
    start = j
    adjacent = j = _past_asides(doc, j)
    rule = "surface-aside" if j != start else "surface"
    saw_aux = False
    for _ in range(4):
        if j >= len(doc):
            return None
        tok = doc[j]
        low = _low(tok)
        if low in ADJECTIVES or low in VERBS:
            break
        if low in NEAR_MISS_ADVERBS:
            return None  # "five people were almost killed"
        if low in AUX_WORDS or tok.tag_ == "RB":
            saw_aux = saw_aux or low in ("were", "was", "been", "are", "is", "be", "being")
            j += 1
            continue
        break
    else:
        return None
    tok = doc[j]
    low = _low(tok)
    if low in ADJECTIVES and (saw_aux or j == adjacent):
        if low in VERBS and VERBS[low][1] and not saw_aux:
            nxt = doc[j + 1] if j + 1 < len(doc) else None
            nxt2 = doc[j + 2] if j + 2 < len(doc) else None
            listing = (
                nxt is not None
                and (nxt.like_num or _low(nxt) in LISTED_COUNTS)
                and nxt2 is not None
                and _low(nxt2) in ADJECTIVES
            )
            if (
                not listing
                and nxt is not None
                and (nxt.like_num or nxt.pos_ in ("DET", "NOUN", "PROPN", "PRON"))
            ):
                return None  # "rebels killed 12": the count did the killing; but a headline
                # lists "9 killed 12 injured"
        return _Hit(ADJECTIVES[low], tok, rule)
    if low in VERBS and not VERBS[low][1] and low not in BROAD_VERBS and tok.tag_ in ("VBD", "VBN"):
        return _Hit(VERBS[low][0], tok, rule)  # "30 died", "thousands fled"
    return None


def _past_asides(doc: Doc, j: int) -> int:
    """The token after the asides that open at token ``j`` (at most two), or ``j``: "23
    civilians - including nine children - dead", "12 civilians, all members of one family,
    including five children, were killed" (an aside opens with one of ``ASIDE_OPENERS``)."""
    for _ in range(2):
        if j + 1 >= len(doc) or doc[j].text not in _ASIDE_CLOSE:
            return j
        close = _ASIDE_CLOSE[doc[j].text]
        if _low(doc[j + 1]) not in ASIDE_OPENERS:
            return j
        end = next((m for m in range(j + 2, min(len(doc), j + 14)) if doc[m].text == close), None)
        if end is None:
            return j
        # two asides in a row share the comma between them
        j = (
            end
            if close == "," and end + 1 < len(doc) and _low(doc[end + 1]) in ASIDE_OPENERS
            else end + 1
        )
    return j


def _label_figure(num: Token, first: int) -> _Hit | None:
    """A count under a label, as tables and situation reports give them ("Completely
    destroyed housing: 146", "Damaged houses/shelter 91,808", "Internally displaced persons
    - 12,500"): a figure word and the noun it qualifies just before the count, with nothing
    but the label's own words (no verb of the sentence) between them. A label that opens its
    line may be a figure noun with the words of a tally ("Number of displaced: 452", "IDPs
    total 12 500")."""
    doc = num.doc
    noun_seen: Token | None = None
    figure_noun: Token | None = None
    for k in range(first - 1, max(-1, first - 6), -1):
        tok = doc[k]
        low = _low(tok)
        if tok.is_punct and low in (":", "-", "–", "/", "="):
            continue
        if k > 0 and doc[k - 1].text == "/":
            continue  # "houses/shelter": the label's other word
        if low in HOUSEHOLD_NOUNS or low in VICTIM_NOUNS:
            noun_seen = noun_seen or tok
            continue
        if noun_seen is not None:
            if low in HOUSING_VERBS and low.endswith("ed"):
                if _low(noun_seen) in HOUSEHOLD_NOUNS:
                    return _Hit("affected", noun_seen, "label")
                return None
            if low in ADJECTIVES:
                return _Hit(ADJECTIVES[low], tok, "label")
        if low in FIGURE_NOUNS and figure_noun is None:
            figure_noun = tok
            continue
        if low in TOLL_NOUNS or low == "of":
            continue  # "Number of displaced", "IDPs total"
        if tok.pos_ == "AUX" or (tok.pos_ == "VERB" and tok.dep_ in ("ROOT", "ccomp")):
            return None
        if tok.pos_ in ("ADV", "ADJ", "PROPN", "NOUN"):
            continue
        return None
    if figure_noun is None and noun_seen is not None and _low(noun_seen) in FIGURE_NOUNS:
        figure_noun = noun_seen  # "IDPs", "refugees": people and a figure
    if figure_noun is not None and first - 6 < 0:
        # the label is all the line has before the count
        return _Hit(FIGURE_NOUNS[_low(figure_noun)], figure_noun, "label")
    return None
