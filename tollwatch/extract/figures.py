"""Stage ``figures``: decide which numbers are figures (counts of people), and of what.

A number becomes a figure when the dependency parse ties it to a figure word:

- the counted noun is itself a figure noun: ``45 deaths``, ``12 bodies``, ``22 dead``,
  ``3,000 IDPs`` (a status noun such as ``refugees`` yields to its verb: ``4,000 refugees
  returned`` is returned, and so does a partitive: ``19 of the wounded died`` is killed);
- the counted noun carries one: ``21 civilians killed``, ``wounded soldiers``, ``people
  who fled``, ``12 are missing``, ``left 12 dead``, ``registered as displaced``;
- the noun is the victim of a figure verb: ``8 civilians were killed`` (passive subject),
  ``killing 25`` (object of a transitive verb), ``thousands have fled`` (subject of an
  intransitive one), ``forced 33,000 people to flee``, ``were ordered to evacuate``;
  ``civilians trying to flee`` did not (an attempt is not a figure);
- a noun phrase of a figure: ``claimed the lives of 17``, ``the deaths of 12``, ``the
  evacuation of 618,000 people``, ``were among the dead``;
- a toll: ``put the death toll at 45``, ``the toll rose to 45`` (an update), ``death toll of
  45``, ``the number of displaced reached 20,000``;
- displacement by where people stay: ``took shelter``, ``sought refuge``, ``are living in
  camps``, ``in evacuation centres``, ``with host families``; at risk: ``face the threat of
  death``, ``at risk``, ``under siege``; homes destroyed or damaged are households affected;
- inheritance: ``eight civilians, including two children, were killed`` (the children are a
  killed figure, ``part_of`` the civilians), ``12 civilians and 5 soldiers were killed``
  (conjuncts share their verb), ``a figure of 20,000`` (the kind of the figure before it);
- totals: counts of one figure conjoined in one phrase (``five women and a child were
  killed``, ``12 civilians and 8 rebels``, ``a commander as well as three of his guards``) also
  give their total, a figure whose count_text spans the conjunction, with the counts as its
  parts (``part_of``); not across places (``45 in Aleppo and 22 in Idlib``), subsets, vague
  or ranged counts.

When the parse is broken (headlines without verbs, text without punctuation) the words next to
the count decide: ``Thirty killed in ...``, ``9 killed 12 injured``, ``killing at least 36``,
``the death toll reached 330``; and a count's own casualty words right after it beat the verb
or toll the parser hung it on (``14 people were killed 25 were wounded``, ``the toll rose to 9
31 injured``: the 25 and the 31 are wounded).

A number that is not a count of people is never a figure: the numbers stage marks dates,
times, years, ages, percentages, money, measures and labels, and here a counted noun that is
not a person or a household (``3 bombs``, ``31 of 34 provinces``) stops it; broad verbs
(affect, evacuate, return, trap) count only nouns known to be people. ``rescued 12 people``
is not killed: only the lexicons' words make figures.

Victims come from the counted noun and its modifiers (``rebel fighters`` → fighters,
``civilian deaths`` → civilians; ``()`` when the text names nobody) and the unit from it
(``500 families`` → households).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tollwatch.extract.lexicons import TOLL_RISE_VERBS
from tollwatch.extract.numbers import NumberMention
from tollwatch.extract.pipeline import Context, Sentence, Stage
from tollwatch.model import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass(frozen=True, kw_only=True, slots=True)
class FigureMention:
    """A number that counts people (or households) with a figure: killed, displaced, ..."""

    figure: str  # one of model.FIGURES
    number: NumberMention
    victims: tuple[str, ...]  # model.VICTIMS
    unit: str  # people | households
    evidence: Span  # the clause or sentence that states it; contains number.span
    sentence: int
    cue: Span  # the words that made it this figure ("were killed", "death toll")
    part_of: int | None = None  # index in context.figures of the figure this is a subset of
    is_update: bool = False  # "the toll rose to 45": supersedes an earlier figure
    rule: str = ""  # which pattern made it a figure (for reviewers and debugging)
    # "Another five were killed", "three more died", "were also killed": the count adds to
    # the figure told just before it
    adds: bool = False
    # it follows "including" / "among them": a part of some count, even where that count was
    # not found, so nothing is added to it
    after_subset_word: bool = False
    # a count of some of the victims, not a toll ("six children were among the dead"): the
    # incidents stage never makes it a headline or a toll that rises
    subset: bool = False
    # a total the report's words make of counts it gives ("five women and a child", "11 ...
    # Another five"): its parts point to it (part_of); each part is a count of its own
    total: bool = False


# --- lexicons ------------------------------------------------------------------------------
# Verb forms (no lemmatizer runs: see parse.py) → (figure, transitive?). A transitive verb's
# victims are its object or passive subject; an intransitive one's are its subject.


_VERBS: dict[str, tuple[str, bool]] = {}


def _add_verbs(figure: str, transitive: bool, words: str) -> None:
    for w in words.split():
        _VERBS[w] = (figure, transitive)


_add_verbs(
    "killed",
    True,
    """kill kills killed killing slay slays slew slain slaying execute executes executed
    executing massacre massacres massacred massacring slaughter slaughters slaughtered
    slaughtering murder murders murdered murdering behead beheads beheaded beheading
    assassinate assassinated martyr martyred crucify crucified neutralise neutralised
    neutralize neutralized neutralising neutralizing claim claims claimed claiming eliminate
    eliminates eliminated eliminating liquidate liquidates liquidated liquidating""",
)
_add_verbs("killed", False, "die dies died dying perish perishes perished perishing")
_add_verbs(
    "injured",
    True,
    """injure injures injured injuring wound wounds wounded wounding hurt hurting maim maims
    maimed maiming""",
)
_add_verbs(
    "kidnapped",
    True,
    "kidnap kidnaps kidnapped kidnapping abduct abducts abducted abducting",
)
_add_verbs(
    "detained",
    True,
    """detain detains detained detaining arrest arrests arrested arresting imprison
    imprisoned jail jailed round rounded""",
)
_add_verbs(
    "displaced",
    True,
    "displace displaces displaced displacing uproot uprooted uprooting relocate relocated",
)
_add_verbs(
    "displaced",
    False,
    """flee flees fled fleeing escape escaped escaping""",
)
_add_verbs("evacuated", True, "evacuate evacuates evacuated evacuating")
_add_verbs("returned", False, "return returns returned returning")
_add_verbs(
    "at_risk",
    True,
    "trap traps trapped besiege besieges besieged besieging strand stranded encircle encircled",
)
_add_verbs("affected", True, "affect affects affected affecting")
_add_verbs("missing", False, "disappear disappears disappeared")

# Verbs whose victims must be listed people or households (they also take places, things).
_BROAD_VERBS = frozenset(
    """evacuate evacuates evacuated evacuating return returns returned returning trap traps
    trapped besiege besieges besieged besieging strand stranded encircle encircled affect
    affects affected affecting relocate relocated escape escaped escaping round rounded claim
    claims claimed claiming eliminate eliminates eliminated eliminating liquidate liquidates
    liquidated liquidating""".split()
)
# "the army destroyed 60 terrorists": of fighters, a verb of destruction is a verb of killing
# (of homes it is damage: see _HOUSING_VERBS)
_DESTROY_VERBS = frozenset("destroy destroys destroyed destroying".split())
# Damage verbs: a count of homes is a count of households affected.
_HOUSING_VERBS = frozenset(
    """destroy destroys destroyed destroying damage damages damaged damaging collapse
    collapsed collapsing flood flooded raze razed flatten flattened demolish demolished""".split()
)
# Adjectives/participles that say what happened to a counted noun ("12 dead", "3 missing").
_ADJECTIVES: dict[str, str] = {
    "dead": "killed",
    "killed": "killed",
    "injured": "injured",
    "wounded": "injured",
    "hurt": "injured",
    "missing": "missing",
    "unaccounted": "missing",
    "displaced": "displaced",
    "homeless": "displaced",
    "uprooted": "displaced",
    "trapped": "at_risk",
    "besieged": "at_risk",
    "stranded": "at_risk",
    "evacuated": "evacuated",
    "affected": "affected",
    "detained": "detained",
    "arrested": "detained",
    "abducted": "kidnapped",
    "kidnapped": "kidnapped",
}
# Nouns that are figures themselves: "45 deaths", "12 bodies", "3,000 IDPs".
_FIGURE_NOUNS: dict[str, str] = {
    "death": "killed",
    "deaths": "killed",
    "dead": "killed",
    "body": "killed",
    "bodies": "killed",
    "corpses": "killed",
    "fatalities": "killed",
    "martyrs": "killed",
    "lives": "killed",
    "killed": "killed",
    "killings": "killed",
    "killing": "killed",
    "murder": "killed",
    "murders": "killed",
    "execution": "killed",
    "executions": "killed",
    "injury": "injured",
    "abduction": "kidnapped",
    "kidnapping": "kidnapped",
    "arrest": "detained",
    "detention": "detained",
    "injured": "injured",
    "wounded": "injured",
    "injuries": "injured",
    "missing": "missing",
    "idps": "displaced",
    "idp": "displaced",
    "displaced": "displaced",
    "displacements": "displaced",
    "displacement": "displaced",
    "refugees": "displaced",
    "homeless": "displaced",
    "evacuees": "evacuated",
    "evacuation": "evacuated",
    "evacuations": "evacuated",
    "returnees": "returned",
    "hostages": "kidnapped",
    "abductions": "kidnapped",
    "kidnappings": "kidnapped",
    "detainees": "detained",
    "arrests": "detained",
    "detentions": "detained",
}
# Nouns that name a count ("the death toll", "the number of ...", "a figure of 20,000").
_TOLL_NOUNS = frozenset("toll tolls tally count number numbers total".split())
_ANAPHOR_NOUNS = frozenset("figure figures estimate estimates".split())
_TOLL_COMPOUNDS: dict[str, str] = {
    "death": "killed",
    "casualty": "killed",
    "fatality": "killed",
    "injury": "injured",
    "displacement": "displaced",
}
# Verbs of a toll's change: "rose to 45" supersedes what was said before.
_UPDATE_VERBS = TOLL_RISE_VERBS
# A toll referred back to by a pronoun: "The Observatory gave a toll of 47. This was later
# revised to 82."
_TOLL_PRONOUNS = frozenset("this it that which".split())
_LIFE_VERBS = frozenset("claim claimed claiming claims take took taken cost costs costing".split())
_LOSE_VERBS = frozenset("lose lost losing loses".split())

# Counted nouns → victims.
_VICTIM_NOUNS: dict[str, str] = {}
for _victim, _words in {
    "civilians": "civilian civilians noncombatants non-combatants",
    "children": """child children kids boy boys girl girls minors infant infants baby babies toddlers schoolchildren
        pupils students teenagers youths orphans""",
    "women": "woman women mothers",
    "men": "man men",
    "fighters": """fighter fighters rebel rebels militant militants insurgent insurgents jihadist
        jihadists gunmen gunman combatant combatants militiamen militias militia guerrillas
        extremists terrorists""",
    "soldiers": """soldier soldiers troops trooper troopers servicemen army officers personnel
        conscripts recruits guards""",
    "police": "police policemen policeman policewomen gendarmes",
    "aid_workers": "volunteers",
    "medics": "medics doctors doctor nurses nurse paramedics surgeons rescuers",
    "journalists": "journalist journalists reporters reporter photographers cameramen",
    "people": """people persons individuals residents inhabitants villagers worshippers
        passengers pilgrims protesters demonstrators shoppers patients prisoners members
        detainees migrants refugees idps evacuees returnees hostages farmers workers others
        person locals citizens commander commanders leader leaders""",
}.items():
    for _w in _words.split():
        _VICTIM_NOUNS[_w] = _victim
# Compound or adjective modifiers that set the victims: "rebel fighters", "civilian deaths".
_VICTIM_MODIFIERS: dict[str, str] = {
    "civilian": "civilians",
    "child": "children",
    "rebel": "fighters",
    "opposition": "fighters",
    "militant": "fighters",
    "jihadist": "fighters",
    "army": "soldiers",
    "military": "soldiers",
    "police": "police",
    "aid": "aid_workers",
    "humanitarian": "aid_workers",
    "health": "medics",
    "medical": "medics",
    "rescue": "medics",
}
_HOUSEHOLD_NOUNS = frozenset(
    """family families household households home homes house houses dwellings shelters
    housing""".split()
)
# Nouns that are never people: stop a number counting them from becoming a figure.
_NOT_PEOPLE = frozenset(
    """bomb bombs missile missiles rocket rockets shell shells mortar mortars barrel barrels
    strike strikes airstrike airstrikes raid raids attack attacks explosion explosions blast
    blasts tank tanks vehicle vehicles car cars truck trucks bus buses aircraft plane planes jet
    jets helicopter helicopters drone drones weapon weapons gun guns round rounds province
    provinces village villages town towns city cities district districts region regions
    neighbourhood neighbourhoods neighborhoods area areas country countries building buildings
    school schools hospital hospitals mosque mosques church churches camp camps site sites
    point points position positions base bases checkpoint checkpoints year years month months
    week weeks day days hour hours minute minutes time times kilometre kilometres kilometer
    kilometers mile miles metre metres meter meters percent cent dollars euros pounds times
    occasions incidents cases sheep cattle livestock animals tonnes tons litres""".split()
)
_FACE_VERBS = frozenset("face faces faced facing confront confronts".split())
_THREAT_NOUNS = frozenset("threat threats risk risks danger death starvation famine".split())
# "250,000 people at risk", "towns under siege", "families in danger"
_RISK_PHRASES: dict[tuple[str, str], str] = {
    ("at", "risk"): "at_risk",
    ("under", "siege"): "at_risk",
    ("under", "threat"): "at_risk",
    ("in", "danger"): "at_risk",
    ("in", "need"): "affected",
}
_COLLECTIVE_NOUNS = frozenset(
    "number total community group groups family families population contingent convoy wave".split()
)
# Where displaced people stay: "took shelter", "sought refuge", "in evacuation centres".
_SHELTER_PREPS = frozenset("in into at to inside near".split())
# Verbs that move or keep people somewhere: with a shelter as the place, they are displaced.
_MOVE_VERBS = frozenset(
    """move moved moving push pushed pushing drive driven drove driving force forced
    relocate relocated transfer transferred bus bused bussed take taken took send sent go went
    gone arrive arrived arriving cross crossed flock flocked pour poured stream streamed house
    housed stay stayed staying live lived living remain remained settle settled shelter
    sheltered sheltering""".split()
)
_SHELTER_OBJECTS = frozenset("shelter refuge sanctuary safety".split())
_SHELTER_PLACES = frozenset("shelter shelters camp camps tents tent settlements".split())
_SHELTER_CENTRES = frozenset("centre centres center centers sites site".split())
_SHELTER_MODIFIERS = frozenset(
    "evacuation collective transit reception relief displacement emergency idp refugee".split()
)
# Buildings people shelter in when they "are sheltering in schools": a shelter only with a
# sheltering verb ("300 students attend the schools" is no figure).
_SHELTER_BUILDINGS = frozenset(
    "school schools mosque mosques church churches building buildings base bases compound".split()
)
# A peacekeepers' base or compound people stay at ("staying at the UN base") shelters them.
_PROTECTION_MODIFIERS = frozenset("un mission peacekeeping peacekeepers unmiss minusca".split())


# "civilians trying to flee" did not flee (yet): an attempt is not a figure.
_ATTEMPT_VERBS = frozenset(
    """try tries tried trying attempt attempts attempted attempting seek seeks sought seeking
    want wants wanted wanting hope hoped hoping plan planned planning prepare prepared
    preparing wait waited waiting refuse refused refusing threaten threatened threatening
    plead pleaded urge urged""".split()
)
# Nouns that name a status rather than an event: the verb says what happened to them.
_STATUS_NOUNS = frozenset(
    "refugees idps idp displaced evacuees returnees hostages detainees injured wounded".split()
)
_AUX_WORDS = frozenset("were was are is have has had been be being reportedly also all".split())


_TOLL_LINK_WORDS = frozenset(
    """reached rose risen climbed stood stands stand is was has had have been hit jumped
    increased mounted soared put placed puts raised to at of now reportedly""".split()
)


# --- helpers -------------------------------------------------------------------------------


@dataclass(slots=True)
class _Hit:
    figure: str
    cue: Token
    rule: str
    is_update: bool = False
    inherit: bool = False  # the figure comes from another number ("a figure of 20,000")
    subset: bool = False  # "were among the dead": some of the victims (FigureMention.subset)


def _low(tok: Token) -> str:
    return tok.lower_


def _toll_figure(tok: Token) -> str | None:
    """What a toll noun counts: "death toll" → killed; "number of displaced" → displaced."""
    for child in tok.children:
        if child.dep_ in ("compound", "amod", "nmod") and _low(child) in _TOLL_COMPOUNDS:
            return _TOLL_COMPOUNDS[_low(child)]
        if child.dep_ in ("compound", "amod") and _low(child) in _FIGURE_NOUNS:
            return _FIGURE_NOUNS[_low(child)]
    for child in tok.children:
        if child.dep_ == "prep" and _low(child) == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    low = _low(pobj)
                    if low in _FIGURE_NOUNS:
                        return _FIGURE_NOUNS[low]
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
    if low in _VERBS:
        figure, transitive = _VERBS[low]
        passive = any(c.dep_ == "auxpass" for c in verb.children) or verb.dep_ in ("acl", "amod")
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
                c.dep_ == "dobj" and (_low(c) in _VICTIM_NOUNS or c.like_num) for c in verb.children
            )
        ):
            # "30,000 people had evacuated", "were ordered to evacuate the coast": they left
            return _Hit(figure, verb, "intransitive-subject")
        return None
    if low in ("had", "have", "has", "having") and role in ("subj",):
        # "41,000 households had their houses destroyed"
        for child in verb.children:
            if child.dep_ in ("ccomp", "xcomp") and _low(child) in _HOUSING_VERBS:
                if any(
                    _low(g) in _HOUSEHOLD_NOUNS
                    for g in child.children
                    if g.dep_ in ("nsubj", "nsubjpass")
                ):
                    return _Hit("affected", child, "housing")
            if child.dep_ == "dobj" and _low(child) in _HOUSEHOLD_NOUNS:
                for g in child.children:
                    if g.dep_ in ("acl", "amod", "oprd") and _low(g) in _HOUSING_VERBS:
                        return _Hit("affected", g, "housing")
    if low in _LOSE_VERBS and role in ("subj", "xsubj"):
        for child in verb.children:
            if child.dep_ == "dobj" and _low(child) in ("lives", "life"):
                return _Hit("killed", child, "lost-lives")
    if low in _FACE_VERBS and role in ("subj", "xsubj"):
        for child in verb.children:
            if child.dep_ == "dobj" and _low(child) in _THREAT_NOUNS:
                return _Hit("at_risk", child, "face-threat")  # "face the threat of death"
    # "are missing", "were dead", "remain trapped": a copula with a figure adjective
    for child in verb.children:
        if child.dep_ in ("acomp", "oprd", "attr") and _low(child) in _ADJECTIVES:
            if role in ("subj", "pass", "xsubj") or (role == "obj" and child.dep_ == "oprd"):
                return _Hit(_ADJECTIVES[_low(child)], child, "copula-adjective")
        if child.dep_ in ("acomp",) and _low(child) in _VERBS and role in ("subj", "pass"):
            figure, transitive = _VERBS[_low(child)]
            if transitive and child.tag_ == "VBN":
                return _Hit(figure, child, "copula-participle")  # "were slain"
        if child.dep_ == "prep" and _low(child) == "among" and role in ("subj", "pass"):
            # "six civilians were among the dead", "were identified among those killed"
            for pobj in child.children:
                if pobj.dep_ == "pobj" and _low(pobj) in _FIGURE_NOUNS:
                    return _Hit(_FIGURE_NOUNS[_low(pobj)], pobj, "among-figure", subset=True)
                if pobj.dep_ == "pobj":
                    hit = _modifier_figure(pobj)
                    if hit is not None:
                        return _Hit(hit.figure, hit.cue, "among-figure", subset=True)
    if role in ("subj", "pass", "xsubj"):
        for child in verb.children:
            # "were forced to flee", "were ordered to evacuate", "are thought to have died"
            if child.dep_ == "xcomp" and child.i > verb.i and _low(verb) not in _ATTEMPT_VERBS:
                hit = _verb_figure(child, role="xsubj")
                if hit is not None:
                    return hit
            # "registered as displaced", "listed as missing"
            if child.dep_ == "prep" and _low(child) == "as":
                for grand in child.children:
                    if _low(grand) in _ADJECTIVES:
                        return _Hit(_ADJECTIVES[_low(grand)], grand, "as-adjective")
            if child.dep_ == "prep":
                for pobj in child.children:
                    key = (_low(child), _low(pobj))
                    if pobj.dep_ == "pobj" and key in _RISK_PHRASES:
                        return _Hit(_RISK_PHRASES[key], pobj, "risk-phrase")
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
        if low in _LEFT_IN_STATE:
            # "leaving 12 civilians - including four children - and 9 fighters dead": the
            # parse hangs "dead" on the last conjunct; it is still what the verb leaves them
            for tok in verb.subtree:
                if (
                    tok.i > verb.i + 1
                    and tok.dep_ in ("amod", "oprd", "acomp")
                    and tok.pos_ == "ADJ"
                    and _low(tok) in _ADJECTIVES
                ):
                    return _Hit(_ADJECTIVES[_low(tok)], tok, "object-predicate")
        for child in verb.children:
            if (
                child.dep_ in ("xcomp", "ccomp", "oprd", "acomp")
                and child.i > verb.i
                and (_low(verb) not in _ATTEMPT_VERBS)
            ):
                if _low(child) in _ADJECTIVES and child.pos_ in ("ADJ", "VERB", "NOUN"):
                    return _Hit(_ADJECTIVES[_low(child)], child, "object-predicate")
                hit = _verb_figure(child, role="xsubj")
                if hit is not None:
                    return hit
    return None


# Verbs that drive people out of a place ("forced 5,200 families from their homes").
_EXPEL_VERBS = frozenset(
    """force forces forced forcing drive drives drove driven driving push pushes pushed
    pushing chase chases chased chasing expel expels expelled expelling""".split()
)
# "left 12 dead", "leaving 30 wounded": the verb gives its object a state.
_LEFT_IN_STATE = frozenset("leave leaves left leaving".split())
_LEAVE_VERBS = frozenset("leave leaves left leaving abandon abandons abandoned abandoning".split())
# Places people live in: leaving them, or being driven from them, is displacement.
_HOME_PLACES = frozenset(
    """home homes house houses village villages town towns city cities neighbourhood
    neighbourhoods neighborhood neighborhoods district districts area areas region regions
    quarter quarters suburb suburbs province provinces countryside""".split()
)


def _is_home_place(tok: Token) -> bool:
    return _low(tok) in _HOME_PLACES or tok.ent_type_ in ("GPE", "LOC", "FAC")


def _driven_out(verb: Token, role: str) -> _Hit | None:
    """ "forced 5,200 families from their homes", "were driven out of their villages",
    "3,000 families have left the eastern districts": people who leave the place they live
    in, or are driven from it, are displaced. Fighters leaving a position are not."""
    low = _low(verb)
    if low in _EXPEL_VERBS and role in ("obj", "pass"):
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
        low in _LEAVE_VERBS
        and role == "subj"
        and not any(c.dep_ == "auxpass" for c in verb.children)
    ):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and _VICTIM_NOUNS.get(_low(child)) in (
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
        if role != "obj" and child.dep_ == "dobj" and _low(child) in _SHELTER_OBJECTS:
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
        if child.dep_ in ("prep", "advmod") and _low(child) in _SHELTER_PREPS:
            for prep, pobj in _prep_objects(child):
                if _low(prep) in _SHELTER_PREPS and _is_shelter_place(pobj):
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
    if _low(verb) not in _MOVE_VERBS:
        return None
    for tok in verb.subtree:
        if tok.dep_ in ("pobj", "conj") and _is_shelter_place(tok):
            prep = tok.head if tok.dep_ == "pobj" else tok.head.head
            if _low(prep) in ("into", "to", "in", "inside", "at"):
                return _Hit("displaced", tok, "moved-to-shelter")
    return None


def _is_shelter_place(tok: Token) -> bool:
    low = _low(tok)
    if low in _SHELTER_PLACES:
        return True
    if low in _SHELTER_BUILDINGS:
        verb = tok.head.head if tok.dep_ == "pobj" else None
        if verb is not None and _low(verb) in ("shelter", "sheltered", "sheltering"):
            return True
        if low in ("base", "bases", "compound") and any(
            _low(t) in _PROTECTION_MODIFIERS for t in tok.subtree if t.i < tok.i
        ):
            return True
    return low in _SHELTER_CENTRES and any(
        _low(c) in _SHELTER_MODIFIERS for c in tok.children if c.dep_ in ("compound", "amod")
    )


def _modifier_figure(noun: Token, *, relcl: bool = True) -> _Hit | None:
    """A figure word that modifies the counted noun: "people killed", "wounded soldiers"."""
    for child in noun.children:
        low = _low(child)
        if child.dep_ == "acl" or (relcl and child.dep_ == "relcl"):
            if child.dep_ == "acl" and any(c.dep_ == "dobj" for c in child.children):
                continue  # "killed 30 people injured 90": an active verb of its own
            hit = _verb_figure(child, role="pass" if child.dep_ == "acl" else "subj")
            if hit is None and child.dep_ == "acl" and low in _VERBS:
                figure, transitive = _VERBS[low]
                if not transitive and low.endswith("ing"):
                    hit = _Hit(figure, child, "participle")  # "people fleeing the city"
            if hit is not None:
                return hit
        elif child.dep_ in ("amod", "compound", "nmod", "acomp") and low in _ADJECTIVES:
            return _Hit(_ADJECTIVES[low], child, "modifier")
        elif child.dep_ == "prep":
            for pobj in child.children:
                key = (low, _low(pobj))
                if pobj.dep_ == "pobj" and key in _RISK_PHRASES:
                    return _Hit(_RISK_PHRASES[key], pobj, "risk-phrase")
    return None


def _anchor(num: Token) -> tuple[Token, Token | None]:
    """(the token whose role decides the figure, the counted noun or None)."""
    doc = num.doc
    if num.i + 1 < len(doc) and _low(doc[num.i + 1]) in _NOT_PEOPLE and num.head.i != num.i + 1:
        # a headline's run-on "with 40 Airstrikes 35 Militants Killed": the parse hangs the 40 on
        # the militants, but the word after a count is what it counts
        return doc[num.i + 1], doc[num.i + 1]
    head = num.head
    while head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ in ("NOUN", "PROPN"):
        head = head.head  # "Fifteen SARC volunteers": the count is of the compound's head
    counts = num.dep_ in ("nummod", "quantmod", "amod", "compound") or (
        num.dep_ == "det" and _low(num) in ("a", "an")  # "a woman was killed"
    )
    if counts and head.pos_ in ("NOUN", "PROPN", "PRON", "ADJ") and head.i > num.i:
        between = range(num.i + 1, head.i)
        if any(
            doc[k].like_num and doc[k].dep_ == "nummod" and doc[k].head.i == head.i for k in between
        ) and any(_low(doc[k]) in _ADJECTIVES or _low(doc[k]) in _VERBS for k in between):
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
    while j < len(doc) and j <= num.i + 4 and doc[j].tag_ in ("JJ", "NNP", "NN", "HYPH", "VBN"):
        if _low(doc[j]) in _VICTIM_NOUNS or _low(doc[j]) in _HOUSEHOLD_NOUNS:
            break
        j += 1
    if j < len(doc) and (_low(doc[j]) in _VICTIM_NOUNS or _low(doc[j]) in _HOUSEHOLD_NOUNS):
        if num.head.i < num.i or num.head.i > j:
            return doc[j], doc[j]
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


_TOLL_VERBS = frozenset(
    """rise rises rose risen rising climb climbs climbed climbing reach reaches reached
    reaching stand stands stood standing jump jumped increase increased mount mounted soar
    soared put puts putting place placed placing raise raised raising bring brought bringing
    hit""".split()
)


def _toll_phrase(num: Token, first: int) -> _Hit | None:
    """ "the toll ... has risen to 13", "put the death toll at 45": the words right before the
    count say whose number it is, whatever the parse made of the rest."""
    doc = num.doc
    if (
        first < 2
        or _low(doc[first - 1]) not in ("to", "at")
        or _low(doc[first - 2]) not in _TOLL_VERBS
    ):
        return None
    verb = doc[first - 2]
    for k in range(first - 3, max(-1, first - 14), -1):
        if doc[k].text in (".", ";", ":") or doc[k].like_num:
            break
        if _low(doc[k]) in _TOLL_NOUNS and _low(doc[k]) != "number":
            fig = _toll_figure(doc[k])
            if fig is not None:
                update = _low(doc[first - 1]) == "to" and _low(verb) in _UPDATE_VERBS
                return _Hit(fig, doc[k], "toll-phrase", is_update=update)
    return None


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
        if noun is not None and noun.i == num.i + 1 and _low(noun) in _ADJECTIVES:
            own: _Hit | None = _Hit(_ADJECTIVES[_low(noun)], noun, "surface")  # "Dozens Injured"
        else:
            own = _surface_after(num, noun)
        if own is not None and own.figure != hit.figure and own.figure in _OWN_WORD_FIGURES:
            return own
    return hit


def _parse_figure(num: Token, anchor: Token, noun: Token | None, first: int) -> _Hit | None:
    # 1. the counted noun is a figure noun ("45 deaths", "22 dead"); a status noun
    # ("4,000 refugees returned") or a partitive ("19 of the wounded died") yields to its verb
    noun_hit: _Hit | None = None
    if noun is not None and _low(noun) in _FIGURE_NOUNS and _low(noun) not in ("lives",):
        noun_hit = _Hit(_FIGURE_NOUNS[_low(noun)], noun, "figure-noun")
        if noun is anchor and _low(noun) not in _STATUS_NOUNS:
            return noun_hit
    for child in num.children:
        if (
            child.dep_ in ("amod", "acomp", "advmod", "npadvmod", "appos")
            and _low(child) in _ADJECTIVES
            and child.i > num.i  # "Seven dead 20 wounded": "dead" is the seven's, not the 20's
        ):
            return _Hit(_ADJECTIVES[_low(child)], child, "number-adjective")  # "22 dead"
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


def _role_figure(num: Token, anchor: Token) -> _Hit | None:
    # 3. the role the anchor plays for its verb
    top = _climb(anchor)
    # "a community of 85 people fled", "an additional number of up to 30,000 are besieged"
    while (
        top.dep_ == "pobj" and _low(top.head) == "of" and _low(top.head.head) in _COLLECTIVE_NOUNS
    ):
        top = _climb(top.head.head)
    role = _role(top)
    if role is not None:
        verb = top.head
        while verb.dep_ in ("aux", "auxpass") and verb.head.i != verb.i:
            verb = verb.head  # "remained displaced": the subject hangs on the auxiliary
        if (
            _low(verb) in _DESTROY_VERBS
            and role in ("obj", "pass")
            and _VICTIM_NOUNS.get(_low(top)) in ("fighters", "soldiers")
        ):
            return _Hit("killed", verb, "destroyed-fighters")
        hit = _verb_figure(verb, role=role)
        if hit is not None:
            return hit
        # "the dead include eight children"
        verb = top.head
        if _low(verb) in ("include", "includes", "included", "including") and role == "obj":
            for child in verb.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    if _low(child) in _FIGURE_NOUNS:
                        return _Hit(_FIGURE_NOUNS[_low(child)], child, "subject-includes")
        # "the death toll reached 112 people", "the number of displaced was 20,000"
        if role in ("obj",) or top.dep_ == "attr":
            for child in verb.children:
                if child.dep_ in ("nsubj", "nsubjpass") and _low(child) in _TOLL_NOUNS:
                    fig = _toll_figure(child)
                    if fig is not None:
                        return _Hit(fig, child, "toll-verb", is_update=_low(verb) in _UPDATE_VERBS)
    if top.dep_ == "attr":
        verb = top.head
        for child in verb.children:
            if child.dep_ == "nsubj" and _low(child) in _TOLL_NOUNS:
                fig = _toll_figure(child)
                if fig is not None:
                    return _Hit(fig, child, "toll-copula")
    # 4. the object of a preposition: "the lives of 17", "toll at 45", "rose to 45"
    if top.dep_ == "pobj":
        prep = top.head
        host = prep.head
        plow = _low(prep)
        hlow = _low(host)
        if plow == "to" and hlow == "according" and host.head.pos_ == "VERB":
            # "killing, according to the latest toll, 44 civilians": the parse hangs the
            # victims on the attribution, but they are the verb's object
            if any(_low(c) in _TOLL_NOUNS for c in top.children if c.i < num.i):
                hit = _verb_figure(host.head, role="obj")
                if hit is not None:
                    return hit
        if plow == "from" and host.pos_ == "VERB" and hlow not in _UPDATE_VERBS:
            # "killed from 500 to 1,000 people": a range hung on its first word
            if any(_low(c) == "to" and c.dep_ == "prep" for c in prep.children):
                hit = _verb_figure(host, role="obj")
                if hit is not None:
                    return hit
        if plow == "to" and host.pos_ in ("VERB", "AUX") and hlow in _UPDATE_VERBS:
            if any(
                c.dep_ in ("nsubj", "nsubjpass") and _low(c) in _TOLL_PRONOUNS
                for c in host.children
            ):
                return _Hit("", host, "pronoun-update", inherit=True, is_update=True)
        if plow == "of":
            if hlow in ("lives", "life") and _low(host.head) in _LIFE_VERBS:
                return _Hit("killed", host, "claimed-lives")
            if hlow in _FIGURE_NOUNS and hlow not in ("lives",):
                return _Hit(_FIGURE_NOUNS[hlow], host, "figure-of")
            if hlow in _TOLL_NOUNS:
                fig = _toll_figure(host)
                if fig is not None:
                    return _Hit(fig, host, "toll-of")
            if hlow in _ANAPHOR_NOUNS:
                return _Hit("", host, "figure-anaphor", inherit=True)
        if plow == "from":
            # "has risen to 48, up from 31": the earlier figure of the same toll
            if hlow in ("up", "down"):
                return _Hit("", host, "up-from", inherit=True)
            if host.pos_ == "VERB" and hlow in _UPDATE_VERBS:
                for child in host.children:
                    if child.dep_ in ("nsubj", "nsubjpass", "dobj") and _low(child) in _TOLL_NOUNS:
                        fig = _toll_figure(child)
                        if fig is not None:
                            return _Hit(fig, child, "toll-from")
        if plow in ("at", "to", "of", "around", "near"):
            if hlow in _TOLL_NOUNS:
                fig = _toll_figure(host)
                if fig is not None:
                    return _Hit(fig, host, "toll-at")
            if host.pos_ not in ("VERB", "AUX") and host.dep_ in ("npadvmod", "advmod", "dobj"):
                host = host.head  # "raised the toll ... the previous day to 61"
            if host.pos_ in ("VERB", "AUX"):
                for child in host.children:
                    if child.dep_ in ("nsubj", "nsubjpass", "dobj") and _low(child) in _TOLL_NOUNS:
                        fig = _toll_figure(child)
                        if fig is not None:
                            return _Hit(
                                fig,
                                child,
                                "toll-to",
                                is_update=plow == "to" and _low(host) in _UPDATE_VERBS,
                            )
                    if (
                        child.dep_ == "dobj"
                        and _low(child) in ("lives", "life")
                        and _low(host) in _LIFE_VERBS
                    ):
                        return _Hit("killed", child, "claimed-lives")
        if plow == "at":
            hit = _estimated_at(top, prep)
            if hit is not None:
                return hit
    # 5. headlines without a verb: "Death toll from Homs blast at least 112"
    if top.dep_ in ("npadvmod", "appos", "nummod", "advmod") and _low(top.head) in _TOLL_NOUNS:
        fig = _toll_figure(top.head)
        if fig is not None:
            return _Hit(fig, top.head, "toll-apposition")
    return None


# Verbs that give an estimate "at" a count: "put the toll at 45", "estimated the number at".
_ESTIMATE_VERBS = frozenset(
    """put puts putting place places placed placing estimate estimates estimated estimating
    set sets setting""".split()
)


def _estimated_at(top: Token, prep: Token) -> _Hit | None:
    """ "put the number of people displaced since the offensive began at about 97,000": the
    parser may hang the "at" on a verb inside the counted phrase, but the estimate verb
    above it takes the count, and its object (a toll noun before the count) says what the
    count is."""
    tok = prep.head
    chain: list[Token] = []  # the words the "at" hangs on below the estimate verb
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and _low(tok) in _ESTIMATE_VERBS:
            for child in tok.children:
                if (
                    child.dep_ in ("dobj", "nsubjpass")
                    and _low(child) in _TOLL_NOUNS
                    and child.i < top.i
                ):
                    fig = _toll_figure(child)
                    if fig is None:
                        # "put the number of people displaced at 97,000", parsed with
                        # "displaced" apart from "people": the participle says what counts.
                        fig = next(
                            (
                                _VERBS[_low(t)][0]
                                for t in chain
                                if t.tag_ == "VBN" and child.i < t.i < top.i and _low(t) in _VERBS
                            ),
                            None,
                        )
                    if fig is not None:
                        return _Hit(fig, child, "toll-estimated-at")
            return None
        if tok.head.i == tok.i:
            break
        chain.append(tok)
        tok = tok.head
    return None


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
        if plow in _VERBS and _VERBS[plow][1] and prev.tag_ in ("VBD", "VBG", "VBZ", "VBP", "VBN"):
            if plow not in _BROAD_VERBS:
                return _Hit(_VERBS[plow][0], prev, "surface-object")
        seen_link = 0
        while k >= 0 and first - k <= 6:
            low = _low(doc[k])
            if low in _TOLL_NOUNS and low != "number":
                fig = _toll_figure(doc[k])
                if fig is not None and seen_link:
                    return _Hit(
                        fig,
                        doc[k],
                        "surface-toll",
                        is_update=any(_low(doc[m]) in _UPDATE_VERBS for m in range(k + 1, first)),
                    )
                break
            if low not in _TOLL_LINK_WORDS:
                break
            seen_link += 1
            k -= 1
    return None


# Words that open the next count of a headline's list ("9 killed 12 injured", "60 killed
# dozens injured", "5 dead others wounded").
_LISTED_COUNTS = frozenset("others more tens dozens scores hundreds thousands".split())


def _surface_after(num: Token, noun: Token | None) -> _Hit | None:
    """ "Thirty killed in ...", "30 civilians were killed", "12 dead", "thousands fled"."""
    doc = num.doc
    j = (noun.i if noun is not None and noun.i > num.i else num.i) + 1
    adjacent = j
    # skip an aside: "23 civilians - including nine children - dead"
    if j < len(doc) and doc[j].text in ("-", "–", "—", "(", ","):
        close = {"(": ")", "-": "-", "–": "–", "—": "—", ",": ","}[doc[j].text]
        for m in range(j + 1, min(len(doc), j + 12)):
            if doc[m].text == close:
                if _low(doc[j + 1]) in ("including", "among", "mostly", "most", "mainly"):
                    j = adjacent = m + 1
                break
    saw_aux = False
    for _ in range(4):
        if j >= len(doc):
            return None
        tok = doc[j]
        low = _low(tok)
        if low in _ADJECTIVES or low in _VERBS:
            break
        if low in _AUX_WORDS or tok.tag_ == "RB":
            saw_aux = saw_aux or low in ("were", "was", "been", "are", "is", "be", "being")
            j += 1
            continue
        break
    else:
        return None
    tok = doc[j]
    low = _low(tok)
    if low in _ADJECTIVES and (saw_aux or j == adjacent):
        if low in _VERBS and _VERBS[low][1] and not saw_aux:
            nxt = doc[j + 1] if j + 1 < len(doc) else None
            nxt2 = doc[j + 2] if j + 2 < len(doc) else None
            listing = (
                nxt is not None
                and (nxt.like_num or _low(nxt) in _LISTED_COUNTS)
                and nxt2 is not None
                and _low(nxt2) in _ADJECTIVES
            )
            if (
                not listing
                and nxt is not None
                and (nxt.like_num or nxt.pos_ in ("DET", "NOUN", "PROPN", "PRON"))
            ):
                return None  # "rebels killed 12": the count did the killing; but a headline
                # lists "9 killed 12 injured"
        return _Hit(_ADJECTIVES[low], tok, "surface")
    if (
        low in _VERBS
        and not _VERBS[low][1]
        and low not in _BROAD_VERBS
        and tok.tag_ in ("VBD", "VBN")
    ):
        return _Hit(_VERBS[low][0], tok, "surface")  # "30 died", "thousands fled"
    return None


def _victims(noun: Token | None) -> tuple[tuple[str, ...], str]:
    """Victims and unit of a counted noun ("rebel fighters" → fighters)."""
    if noun is None:
        return (), "people"
    low = _low(noun)
    if low in _HOUSEHOLD_NOUNS:
        return (), "households"
    victims: list[str] = []
    for child in noun.children:
        if child.dep_ in ("compound", "amod") and _low(child) in _VICTIM_MODIFIERS:
            v = _VICTIM_MODIFIERS[_low(child)]
            if low in _VICTIM_NOUNS and _VICTIM_NOUNS[low] != "people":
                # "rebel fighters", "army officers": the noun's own class is enough
                v = _VICTIM_NOUNS[low]
            victims.append(v)
            break
    if not victims and low in _VICTIM_NOUNS:
        victims.append(_VICTIM_NOUNS[low])
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
        return _low(hit.cue) not in _HOUSING_VERBS
    low = _low(noun)
    if low in _NOT_PEOPLE:
        return False
    if low in _HOUSEHOLD_NOUNS:
        return True
    if low in _VICTIM_NOUNS or low in _FIGURE_NOUNS:
        return True
    if noun.pos_ == "PRON" or noun.ent_type_ in ("NORP",):
        return True  # "9,000 Afghans", "them"
    if _low(hit.cue) in _BROAD_VERBS or hit.figure in ("affected", "at_risk", "returned"):
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


def _number_tokens(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens that overlap [start, end) (offsets within the sentence)."""
    # Token offsets are kept on the doc: walking every token for every number was a tenth
    # of the figures stage's time.
    bounds = doc.user_data.get(_BOUNDS)
    if bounds is None:
        starts = [t.idx for t in doc]
        ends = [t.idx + len(t.text) for t in doc]
        bounds = doc.user_data[_BOUNDS] = (starts, ends)
    starts, ends = bounds
    return [doc[k] for k in range(bisect_right(ends, start), bisect_left(starts, end))]


_BOUNDS = "tollwatch.token_bounds"


def _root(tokens: list[Token]) -> Token:
    ids = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in ids or t.head.i == t.i:
            if t.like_num or _low(t) in (
                "dozens",
                "hundreds",
                "thousands",
                "tens",
                "scores",
                "millions",
                "dozen",
                "hundred",
                "thousand",
                "million",
            ):
                return t
    nums = [t for t in tokens if t.like_num]
    return nums[-1] if nums else tokens[-1]


def _housing_hit(noun: Token | None) -> _Hit | None:
    """Homes counted with a verb of damage ("25,000 homes collapsed", "destroyed 500
    houses"): households affected."""
    if (
        noun is None
        or _low(noun) not in _HOUSEHOLD_NOUNS
        or _low(noun) in ("family", "families", "household", "households")
    ):
        return None
    top = _climb(noun)
    for child in noun.children:
        if child.dep_ in ("acl", "relcl", "amod") and _low(child) in _HOUSING_VERBS:
            return _Hit("affected", child, "housing")
    if top.dep_ in ("nsubj", "nsubjpass", "dobj") and _low(top.head) in _HOUSING_VERBS:
        return _Hit("affected", top.head, "housing")
    return None


def _sentence_figures(
    context: Context, sent: Sentence, numbers: list[NumberMention], out: list[FigureMention]
) -> None:
    doc = sent.doc
    if doc is None:
        return
    text = context.text
    local: list[tuple[int, Token, Token, Token | None]] = []  # (index in out, num, anchor, noun)
    pending: list[tuple[NumberMention, Token, Token, Token | None, _Hit | None]] = []
    for m in numbers:
        if m.kind != "count":
            continue
        toks = _number_tokens(doc, m.number_span.start - sent.start, m.number_span.end - sent.start)
        if not toks:
            continue
        num = _root(toks)
        anchor, noun = _anchor(num)
        if noun is None and anchor is not num:
            noun = anchor
        first = _first_token(doc, sent, m)
        hit = _figure_for(num, anchor, noun, first)
        if hit is None:
            hit = _housing_hit(noun)
        if hit is None and (noun is None or _low(noun) not in _NOT_PEOPLE):
            hit = _surface_figure(num, noun, first)
        pending.append((m, num, anchor, noun, hit))
    for m, num, anchor, noun, hit in pending:
        if hit is None:
            continue
        if not hit.inherit and not _counts_people(noun, hit):
            continue
        if m.value == 1 and _low(num) == "one" and noun is not None and noun is not anchor:
            continue  # "one of the victims": a pointer, not a count
        first = _first_token(doc, sent, m)  # this count's (the loop above left the last one's)
        figure = hit.figure
        if hit.inherit:
            prior = [f for f in out if f.number.span.start < m.span.start]
            if not prior:
                continue
            figure = prior[-1].figure
        victims, unit = _victims(noun)
        if _low(hit.cue) in _HOUSING_VERBS and noun is not None and hit.figure != "killed":
            unit = "households"
        cue = _cue_span(text, sent, hit.cue)
        out.append(
            FigureMention(
                figure=figure,
                number=m,
                victims=victims,
                unit=unit,
                evidence=Span(start=sent.start, end=sent.end, text=sent.text),
                sentence=sent.index,
                cue=cue,
                is_update=hit.is_update,
                rule=hit.rule,
                adds=_adds(doc, first, num, noun, hit.cue),
                after_subset_word=_subset_marker(doc, first),
                subset=hit.subset,
            )
        )
        local.append((len(out) - 1, num, anchor, noun))
    # inheritance: "eight civilians, including two children, were killed";
    # "12 civilians and 5 soldiers were killed"
    have = {id(out[idx].number) for idx, *_ in local}
    for m, num, anchor, noun, hit in pending:
        if id(m) in have or (hit is not None and not hit.inherit and hit.figure):
            continue
        if noun is not None and not (_low(noun) in _VICTIM_NOUNS or _low(noun) in _HOUSEHOLD_NOUNS):
            continue
        first = _first_token(doc, sent, m)
        parent: int | None = None
        part_of: int | None = None
        how = ""
        if _subset_marker(doc, first):
            before = [idx for idx, n, _a, _n in local if n.i < first]
            if before:
                parent = part_of = before[-1]
                how = "including"
        else:
            parent = _conj_parent(anchor, noun, local, out)
            if parent is not None:
                parent = _past_aside(doc, sent, out, parent, first, noun)
                part_of = out[parent].part_of
                how = "conj"
        if parent is None:
            continue
        victims, unit = _victims(noun)
        base = out[parent]
        if noun is None:
            unit = base.unit
        out.append(
            FigureMention(
                figure=base.figure,
                number=m,
                victims=victims,
                unit=unit,
                evidence=base.evidence,
                sentence=sent.index,
                cue=base.cue,
                part_of=part_of,
                is_update=False,
                rule=f"inherit-{how}",
            )
        )
        local.append((len(out) - 1, num, anchor, noun))
    _link_parts(doc, sent, local, out)
    _conjoined_totals(context, doc, sent, local, out)


# What may stand between two conjoined counts: "12 civilians and 8 rebels", "a commander as
# well as five of his guards", "three soldiers, two policemen and a child".
_CONJ_WORDS = frozenset({"and", "plus", ",", "as", "well"})
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
                rule="conjoined-total",
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
    ``end``): "and" ("and", "plus", "as well as"), "," (a list that must end with "and") or
    "" (not conjoined: another figure or unit, or other words between them)."""
    if a.figure != b.figure or a.unit != b.unit or first <= end + 1 or first - end > 5:
        return ""
    between = [_low(doc[k]) for k in range(end + 1, first)]
    if any(w not in _CONJ_WORDS for w in between):
        return ""
    if between[-1] in ("and", "plus") or " ".join(between).endswith("as well as"):
        return "and"
    return "," if between == [","] else ""


def _first_token(doc: Doc, sent: Sentence, m: NumberMention) -> int:
    toks = _number_tokens(doc, m.span.start - sent.start, m.span.end - sent.start)
    return toks[0].i if toks else 0


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


# After "N of": words that point back to people counted before ("eight of them", "seven of
# its fighters"). Not "the": "19 of the wounded died" counts from another figure.
_PARTITIVE_POINTERS = frozenset("them those these its their whom which".split())


def _partitive(num: Token) -> bool:
    """ "26 people were wounded, eight of them seriously", "put the toll at 11, saying seven
    of its fighters had been killed": a count of some of the people a count before it gave."""
    doc = num.doc
    k = num.i + 1
    return k + 1 < len(doc) and _low(doc[k]) == "of" and _low(doc[k + 1]) in _PARTITIVE_POINTERS


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
# Victims that cannot be a part of a count of the other kind: fighters are not some of the
# civilians ("12 civilians including four children and 9 fighters").
_APART = {
    "civilians": frozenset({"fighters", "soldiers", "police"}),
    "fighters": frozenset({"civilians", "children", "women"}),
    "soldiers": frozenset({"civilians", "children", "women"}),
}


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
    apart = any(v in _APART.get(h, ()) for h in out[host].victims for v in victims)
    return host if closed or apart else sibling


def _with_part_of(f: FigureMention, pidx: int) -> FigureMention:
    return replace(f, part_of=pidx)


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


def _cue_span(text: str, sent: Sentence, tok: Token) -> Span:
    """The figure words: the cue token, with a compound before it ("death toll")."""
    start_tok = tok
    for child in tok.children:
        if child.dep_ == "compound" and child.i == tok.i - 1:
            start_tok = child
    start = sent.start + start_tok.idx
    end = sent.start + tok.idx + len(tok.text)
    return Span(start=start, end=end, text=text[start:end])


def find_figures(context: Context) -> list[FigureMention]:
    """The figures of the parsed sentences, in text order."""
    by_sentence: dict[int, list[NumberMention]] = {}
    for n in context.numbers:
        by_sentence.setdefault(n.sentence, []).append(n)
    out: list[FigureMention] = []
    for sent in context.sentences:
        nums = by_sentence.get(sent.index)
        if nums and sent.doc is not None:
            _sentence_figures(context, sent, nums, out)
    out = _in_text_order(out)
    _added_totals(context, out)
    return _in_text_order(out)


# Words right before a count that add it to the one before: "another 120 soldiers", "a
# further six", "an additional 30"; right after it: "five more", "21 others".
_ADD_BEFORE = frozenset("another further additional".split())
_ADD_AFTER = frozenset("more others other".split())
_ADD_ADVERBS = frozenset("also too".split())


def _adds(doc: Doc, first: int, num: Token, noun: Token | None, cue: Token) -> bool:
    """Whether the count adds to the figure told before it ("Another five people were
    killed", "three more died", "six children were also killed")."""
    before = [_low(doc[k]) for k in range(max(0, first - 2), first)]
    if any(w in _ADD_BEFORE for w in before):
        return True
    # "his son and 20 other fighters": others than the people named beside them, not more
    # than a count before
    listed = (noun if noun is not None else num).dep_ == "conj"
    nxt = num.i + 1
    if (
        not listed
        and nxt < len(doc)
        and _low(doc[nxt]) in _ADD_AFTER
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
        and _low(c) in _ADD_ADVERBS
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


def _in_text_order(figs: list[FigureMention]) -> list[FigureMention]:
    # a total before its parts: "five women and a child" before "five"
    order = sorted(
        range(len(figs)),
        key=lambda i: (figs[i].number.span.start, -figs[i].number.span.end, i),
    )
    new_index = {old: new for new, old in enumerate(order)}
    result: list[FigureMention] = []
    for old in order:
        f = figs[old]
        if f.part_of is not None:
            f = _with_part_of(f, new_index[f.part_of])
        result.append(f)
    return result


def run(context: Context) -> None:
    """Fill ``context.figures`` from the numbers of the parsed sentences."""
    context.figures = find_figures(context)


STAGE = Stage(name="figures", requires=("numbers", "parsed"), provides=("figures",), run=run)
