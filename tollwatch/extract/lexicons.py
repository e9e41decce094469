"""Lexicons: the organisations that report on conflicts, the armed actors, and event words.

Plain Python data with small matching helpers. Each entry is a regular expression (the ways
a name is written in English-language reports) and what it means. The lists are about who
reports on and who fights in conflicts in general (Syria first, as the project's reports are
mostly Syrian), never about particular reports.

- :data:`ORGANISATIONS`: claimants, with their ``claimant_kind`` (model.CLAIMANT_KINDS).
- :data:`ROLE_KINDS`: words naming a person's role ("a nurse", "the governor") and the kind
  they imply when no organisation is named.
- :data:`ACTORS`: armed actors, normalised to a readable name and an ``actor_kind``.
- :data:`EVENT_CUES`: words naming a violent event, typed with ACLED's sub-event types.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tollwatch.extract import actors
from tollwatch.extract.actors import ACTOR_KINDS as ACTOR_KINDS  # re-exported
from tollwatch.extract.actors import Actor
from tollwatch.model import SUB_EVENT_TO_EVENT

# Verbs of a toll's rise or revision ("rose to 45", "was later revised to 82"): the figures
# stage marks the new count an update; the numbers stage reads "rose from 31 to 45" as a
# change of one count, not a range.
TOLL_RISE_VERBS = frozenset(
    """rise rises rose risen rising climb climbs climbed climbing increase increases increased
    increasing jump jumps jumped mount mounts mounted mounting soar soared grow grows grew grown
    swell swelled swollen raise raised raising bring brought bringing push pushed pushing
    revise revised revising update updated updating""".split()
)


# ---------------------------------------------------------------------------------------------
# Armed actors: the catalogue in tollwatch/data/actors.toml (tollwatch.extract.actors).

ACTORS: tuple[Actor, ...] = actors.catalogue()


def actor_for(phrase: str) -> Actor | None:
    """The actor ``phrase`` names ("Russian warplanes" → Russia), or None
    (:func:`tollwatch.extract.actors.resolve`)."""
    return actors.resolve(phrase)


# ---------------------------------------------------------------------------------------------
# Event words.


@dataclass(frozen=True, kw_only=True, slots=True)
class EventCue:
    """Words naming a violent event, and the ACLED sub-event type they imply."""

    pattern: str
    sub_event_type: str
    priority: int  # higher: more specific; the most specific cue types an incident
    weak: bool = False  # "attack", "strike": types an incident only when nothing better is said
    kill_verb: bool = False  # "killed": types nothing; only its active subject is an actor

    @property
    def event_type(self) -> str:
        return SUB_EVENT_TO_EVENT[self.sub_event_type]


_AIR = "Air/drone strike"
_SHELL = "Shelling/artillery/missile attack"
_IED = "Remote explosive/landmine/IED"
_SUICIDE = "Suicide bomb"
_CHEM = "Chemical weapon"
_CLASH = "Armed clash"
_ATTACK = "Attack"
_ABDUCT = "Abduction/forced disappearance"


def _e(
    pattern: str, sub: str, priority: int, *, weak: bool = False, kill_verb: bool = False
) -> EventCue:
    return EventCue(
        pattern=pattern, sub_event_type=sub, priority=priority, weak=weak, kill_verb=kill_verb
    )


EVENT_CUES: tuple[EventCue, ...] = (
    _e(
        r"(?:chlorine|sarin|toxic[- ]gas|poison[- ]gas|gas|chemicals?)[- ](?:filled|laden|loaded|tipped)|"
        r"chemical (?:weapons? )?(?:attacks?|strikes?|weapons?|agents?|gas|munitions?|bombs?)|chlorine(?: gas)?(?: attacks?| bombs?)?|sarin(?: gas)?(?: attacks?)?|nerve (?:agent|gas)s?|mustard gas|toxic (?:gas|chemicals?|fumes|substances?)|poison(?:ous)? gas|gas attacks?|suffocation|suffocated",
        _CHEM,
        90,
    ),
    _e(
        r"suicide (?:bomb(?:er|ers|ing|ings|s)?|attacks?|attackers?|car[- ]bomb(?:s|ing|er)?|truck[- ]bomb(?:s|er)?|blasts?|explosions?|vests?|belts?|operations?)|blew (?:himself|herself|themselves) up|self-detonat\w*|explosive (?:vest|belt)s?",
        _SUICIDE,
        85,
    ),
    _e(
        r"car[- ]bomb(?:s|ing|ings)?|truck[- ]bombs?|booby[- ]trap(?:ped|s)?(?: car| vehicle)?|(?:bomb|explosives?)[- ]laden (?:car|vehicle|truck)s?|roadside bombs?|improvised explosive devices?|IEDs?|bomb blasts?|bomb attacks?|(?:motorcycle|motorbike|bicycle|vehicle) bombs?|planted (?:bombs?|explosives?)|explosive devices?|landmines?|land mines?|mines? (?:exploded|blast|explosion|went off)|unexploded ordnance|explosions?|blasts?|exploded|detonated|bombs? (?:exploded|went off)",
        _IED,
        60,
    ),
    _e(r"grenades?", "Grenade", 65),
    _e(
        r"barrel[- ]bomb(?:s|ing|ings|ed)?|(?:air|aerial)[- ]?(?:strikes?|raids?|attacks?|bombardments?|bombing|assaults?|campaign)|airstrikes?|air raids?|war ?planes?|fighter jets?|jets?|helicopters?|aircraft|air force|drones?(?: strikes?| attacks?)?|bombing raids?|bombing runs?|vacuum bombs?|cluster (?:bombs?|munitions?)|incendiary (?:bombs?|weapons?|munitions?)|(?:Russian|Syrian|coalition|regime|government|American|U\.S\.|US|Israeli|Turkish) (?:strikes?|raids?|planes?|bombing)",
        _AIR,
        70,
    ),
    _e(
        r"shell(?:s|ing|ed)|artillery(?: fire| shells?| barrages?)?|mortars?(?: shells?| rounds?| fire| attacks?| bombs?)?|rockets?(?: fire| attacks?| launchers?)?|missiles?(?: strikes?| attacks?)?|Grads?|surface-to-surface|tank fire|bombardments?|heavy weapons fire|cannon fire|hell cannons?",
        _SHELL,
        50,
    ),
    _e(
        r"clash(?:es|ed)?|fighting|battles?|fought|firefights?|gun ?battles?|skirmish(?:es)?|ambush(?:ed|es)?|counter-?attacks?|infighting",
        _CLASH,
        30,
    ),
    _e(
        r"kidnapp(?:ed|ing|ings)|abduct(?:ed|ion|ions)|taken hostage|hostages?|forcibly disappeared|disappearances?",
        _ABDUCT,
        40,
    ),
    _e(r"arrests?|arrested|detained|detentions?|rounded up", "Arrests", 20),
    _e(r"rap(?:e|ed|es)|sexual violence|sexually assaulted", "Sexual violence", 45),
    _e(
        r"(?:(?:opened|open) fire|fired) (?:on|at) (?:civilians|protesters|people|worshippers|a crowd|them|residents|families)|gunmen|shot dead|shot and killed|gunned down|shot (?:them|him|her)|shootings?|sniper(?: fire)?s?|executions?|executed|beheaded|beheadings?|decapitated|slaughtered|crucified|in cold blood|summary killings?|firing squad|stabbed|tortured to death|burned alive|lynched",
        _ATTACK,
        55,
    ),
    # "Bombing" in a war report is mostly from the air; car bombs and blasts have their words.
    _e(r"bombing(?:s)?|bombed|bombs", _AIR, 15),
    # Weak words: they name an event without saying what kind.
    _e(r"strikes?|raids?|struck|hit|targeted|pounded", _AIR, 10, weak=True),
    # "Massacre" and "offensive" say how bad or how big, not what weapon: weak as well.
    _e(r"massacres?|massacred", _ATTACK, 8, weak=True),
    _e(r"(?:military |ground )?offensives?", _CLASH, 7, weak=True),
    _e(r"attacks?|attacked|assaults?|assaulted|violence|bloodshed", _ATTACK, 5, weak=True),
    # Killing verbs: they type nothing, but their subject is who killed.
    _e(r"kill(?:s|ed|ing)?|murder(?:s|ed|ing)?|slew|slain", _ATTACK, 2, weak=True, kill_verb=True),
)


@lru_cache(maxsize=1)
def _event_regexes() -> tuple[tuple[re.Pattern[str], EventCue], ...]:
    return tuple(
        (re.compile(rf"(?<![\w-])(?:{cue.pattern})(?![\w-])", re.IGNORECASE), cue)
        for cue in EVENT_CUES
    )


@lru_cache(maxsize=1)
def _event_any() -> re.Pattern[str]:
    return re.compile(
        r"(?<![\w-])(?:" + "|".join(f"(?:{c.pattern})" for c in EVENT_CUES) + r")(?![\w-])",
        re.IGNORECASE,
    )


def find_event_cues(text: str) -> list[tuple[int, int, EventCue]]:
    """Every event word in ``text``: (start, end, cue), in text order, not overlapping.

    At each place the longest words win ("suicide car bomb" over "car bomb", "air strike"
    over "strike"), then the more specific cue.
    """
    regexes = _event_regexes()
    out: list[tuple[int, int, EventCue]] = []
    pos = 0
    any_cue = _event_any()
    while True:
        hit = any_cue.search(text, pos)
        if hit is None:
            break
        start = hit.start()
        best: tuple[int, int, EventCue] | None = None
        for regex, cue in regexes:
            m = regex.match(text, start)
            if m is not None and (
                best is None or (m.end(), cue.priority) > (best[1], best[2].priority)
            ):
                best = (start, m.end(), cue)
        if best is None:
            pos = hit.end()
            continue
        out.append(best)
        pos = best[1]
    return out
