"""The words the incidents stage reads (``tollwatch/data/incident_cues.toml``), compiled, and
the registered rules that say why a claim is in its incident (``Claim.incident_rule``).

Each rule's examples are sentences of our own; tests/extract/test_rules.py runs them.
"""

from __future__ import annotations

import re

from tollwatch.extract.names import load_data
from tollwatch.extract.numbers.lexicon import TENS, UNITS
from tollwatch.extract.rules import Example, register

__all__ = [
    "BLAME_WORDS",
    "DISPLACEMENT_CAUSE",
    "DISPLACEMENT_EVENT_FIGURES",
    "FEATURE",
    "MONTH",
    "MOTIVE",
    "NEAR",
    "NEW_STORY",
    "OTHER_PLACES",
    "SITUATION",
    "SPLIT",
    "SUMMED",
    "SUMMED_HANDOFF",
    "UPDATE",
    "WAR",
]

_DATA = load_data("incident_cues.toml")


def _words(patterns: list[str]) -> str:
    return "(?:" + "|".join(patterns) + ")"


def _whole(body: str) -> re.Pattern[str]:
    """``body`` as whole words: not inside a longer word or a hyphenated one."""
    return re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE)


MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
WAR = _words(_DATA["war"]["patterns"]) + rf"(?![- ]?{_words(_DATA['war']['not_after'])}(?![\w-]))"
# Words that open another story in the same report ("Meanwhile", "In a separate attack").
NEW_STORY = _whole(_words(_DATA["new_story"]["patterns"]))
# Of those, the words that open another story in the middle of a sentence too.
SPLIT = _whole(_words(_DATA["split"]["patterns"]))
# A number in words or digits ("seven days of air strikes", "in the past 24 hours").
_N = _words([r"\d+", *sorted(UNITS, key=len, reverse=True), *sorted(TENS, key=len, reverse=True)])
# Words that make a casualty figure a sum over several attacks or a period.
SUMMED = _whole(_words([p.format(n=_N) for p in _DATA["summed"]["patterns"]]))
# Words between a count and such words that hand them to another count ("bringing ... to 45").
SUMMED_HANDOFF = _whole(_words(_DATA["summed"]["not_between"]))
# A displacement figure told with what moved the people is an incident's.
DISPLACEMENT_EVENT_FIGURES = frozenset(_DATA["displacement_event"]["figures"])
DISPLACEMENT_CAUSE = _whole(_words(_DATA["displacement_event"]["cause"]))
# Words that make a casualty figure a war's or a period's total.
SITUATION = _whole(_words([p.format(war=WAR, month=MONTH) for p in _DATA["situation"]["patterns"]]))
# Words that set a sentence's figures in other places than the story so far.
OTHER_PLACES = _whole(_words(_DATA["other_places"]["patterns"]))
# Words before a place that set an event only near it ("south of X"), and words after a
# name that make it a landmark ("the Euphrates river"): no other town.
NEAR = re.compile(rf"(?:{_words(_DATA['landmark']['before'])})\s+(?:the\s+)?$", re.IGNORECASE)
FEATURE = re.compile(rf"\s+(?:{_words(_DATA['landmark']['after'])})\b", re.IGNORECASE)
# "in revenge for (an apparent) X attack": the actor after these words did another event.
MOTIVE = re.compile(
    rf"(?<![\w-]){_words(_DATA['motive']['patterns'])}\s+(?:[\w-]+\s+){{0,3}}$", re.IGNORECASE
)
BLAME_WORDS = _whole(_words(_DATA["blame"]["patterns"]))
UPDATE = re.compile(
    rf"{_words(_DATA['update']['verbs'])}\s+(?:\w+\s+){{0,3}}?(?:to|at)\s+$", re.IGNORECASE
)


# --------------------------------------------------------------------------------------
# Why a claim is in its incident (or in none): one rule each.

FIRST = register(
    "incidents.first",
    fact="incident",
    summary="the report's first casualty figure opens its first incident",
    examples=[
        Example(
            "Shelling killed four people in the town of Kafr Nabl on Monday, activists said.",
            expect={"count_text": "four", "incident": "i1"},
        )
    ],
)
SAME_SENTENCE = register(
    "incidents.same_sentence",
    fact="incident",
    summary="a figure in the same sentence as a figure of an incident is of that incident",
    examples=[
        Example(
            "The air strike on the market in Maarat al-Numan killed 12 people and wounded "
            "30 others on Monday, rescuers said.",
            expect={"count_text": "30", "incident": "i1"},
        )
    ],
)
PART = register(
    "incidents.part_of",
    fact="incident",
    summary="a count of some of an incident's victims ('including three children') is in "
    "the incident of the whole",
    examples=[
        Example(
            "At least 15 people, including six children, were killed in an air strike on "
            "Atareb on Monday, the monitor said.",
            expect={"count_text": "six", "incident": "i1"},
        )
    ],
)
UPDATE_RULE = register(
    "incidents.update",
    fact="incident",
    summary="a rising toll ('the toll rose to 45') updates the latest incident with that figure",
    examples=[
        Example(
            "A car bomb killed 20 people in Azaz on Monday. Later the death toll rose to 31 "
            "as rescuers pulled bodies from the rubble, police said.",
            expect={"count_text": "31", "incident": "i1"},
        )
    ],
)
CONTINUES = register(
    "incidents.continues",
    fact="incident",
    summary="a sentence that tells no other event, or only words that refer back ('the "
    "strike', 'the death toll'), or whose claim is told of the event before ('was killed in "
    "the strike, while ... shrapnel from a missile'), goes on with the last incident",
    examples=[
        Example(
            "An air strike killed nine people in Sarmin on Monday. The strike also wounded "
            "17 others, a medic said.",
            expect={"count_text": "17", "incident": "i1"},
        ),
        Example(
            "A drone strike hit the Haddad family home on Monday, killing at least one "
            "civilian. His brother and two cousins were injured in the strike, one of them "
            "hit by shrapnel from a missile.",
            expect={"count_text": "His brother", "incident": "i1"},
        ),
    ],
)
NEW_STORY_RULE = register(
    "incidents.new_story",
    fact="incident",
    summary="words that open another story ('Meanwhile', 'Elsewhere', 'In a separate "
    "attack') start another incident",
    examples=[
        Example(
            "Shelling killed five people in Douma on Monday, activists said. In a separate "
            "attack, gunmen shot dead two policemen at a checkpoint in Daraa.",
            expect={"count_text": "two", "incident": "i2"},
        ),
        Example(
            "Rockets killed three people in Aleppo on Monday, state media said. Elsewhere, "
            "a roadside bomb wounded six soldiers near Hama.",
            expect={"count_text": "six", "incident": "i2"},
        ),
        Example(
            "An air strike killed eight people at a market in Saraqeb on Monday. A further "
            "five were killed in strikes on several other towns of the province, the monitor "
            "said.",
            expect={"count_text": "five", "incident": "i2"},
        ),
    ],
)
NEW_STORY_WITHIN = register(
    "incidents.new_story_within",
    fact="incident",
    summary="'Meanwhile', 'Elsewhere' in the middle of a run-on sentence start another "
    "incident from there on, when what follows names its own place or event; what comes "
    "before stays with the story so far",
    examples=[
        Example(
            "Rocket shells killed three people in the Midan neighbourhood of Aleppo city on "
            "Monday and wounded nine others in Sulaymaniyah Meanwhile in Homs city two "
            "people were injured by mortar rounds fired on the Akrama neighbourhood.",
            expect={"count_text": "two", "incident": "i2"},
        ),
    ],
)
SUMMED_RULE = register(
    "incidents.summed",
    fact="incident",
    summary="a toll summed over several attacks or a period ('in the past 24 hours', "
    "'strikes on two hospitals', 'across the province') is an incident of its own that no "
    "other figure joins",
    examples=[
        Example(
            "At least 30 people have been killed in Idlib province in the past 24 hours, the "
            "monitor said. An air strike on a market in Saraqeb killed nine of them on "
            "Tuesday.",
            expect={"count_text": "At least 30", "incident": "i1"},
        ),
        Example(
            "Russian air strikes on three villages in the south of the province left 14 "
            "civilians dead on Friday, rescuers said.",
            expect={"count_text": "14", "incident": "i1"},
        ),
        Example(
            "A strike on a house in Kafr Zita killed six people on Tuesday night, rescuers "
            "said. Funerals were held for 23 people killed across several attacks that night.",
            expect={"count_text": "23", "incident": "i2"},
        ),
    ],
)
NEW_DAY = register(
    "incidents.new_day",
    fact="incident",
    summary="a sentence set on another exact day than the last incident's starts another incident",
    examples=[
        Example(
            "Air strikes killed eight people in Idlib on Tuesday, the monitor said. On "
            "Sunday, air strikes on the same province had killed 11.",
            expect={"count_text": "11", "incident": "i2"},
        )
    ],
)
IMPLIED_DAY = register(
    "incidents.implied_day",
    fact="incident",
    summary="an incident whose own sentences name no day is set on the day the sentence "
    "just before it names, or in the few days up to when its teller spoke ('activists said "
    "Sunday'); a sentence set on another exact day starts another incident",
    examples=[
        Example(
            "At least 23 civilians have been killed in air strikes on Aleppo, activists said "
            "on Wednesday. A minister called for an inquiry into an attack on an aid convoy "
            "that claimed 20 lives last Wednesday.",
            expect={"count_text": "20", "incident": "i2"},
        ),
        Example(
            "The medical charity accused the army of using chlorine in an attack on the "
            "town of Sarmin on November 25. The strike hit a clinic, killing two nurses. "
            "On November 2, rockets hit another clinic it supports in Hama, killing five.",
            expect={"count_text": "five", "incident": "i2"},
        ),
    ],
)
NEW_PLACE = register(
    "incidents.new_place",
    fact="incident",
    summary="a sentence that tells of another town or village than the last incident's "
    "starts another incident",
    examples=[
        Example(
            "An air strike killed nine people in the town of Sarmin on Monday, the monitor "
            "said. Air strikes also killed four civilians in the town of Binnish.",
            expect={"count_text": "four", "incident": "i2"},
        )
    ],
)
NEW_EVENT = register(
    "incidents.new_event",
    fact="incident",
    summary="event words of another kind than the last incident's ('an air strike' after "
    "shelling) start another incident",
    examples=[
        Example(
            "Shelling killed four civilians in the town of Nawa on Monday. A suicide bomber "
            "blew himself up at an army checkpoint outside the town, killing seven soldiers.",
            expect={"count_text": "seven", "incident": "i2"},
        )
    ],
)
SITUATION_RULE = register(
    "incidents.situation",
    fact="incident",
    summary="a figure of a situation (displacement) or a war's total ('killed more than "
    "300,000 since 2011', 'killed since 18 March', 'killed by 4 May', 'during the "
    "campaign') is of no incident",
    examples=[
        Example(
            "An air strike killed six people in Idlib on Monday. The war has killed more "
            "than 300,000 people since it began in 2011.",
            expect={"count_text": "more than 300,000", "incident": None},
        ),
        Example(
            "A shell killed two paramedics in Douma on Monday. The union said 96 medical "
            "workers have been killed since 18 March.",
            expect={"count_text": "96", "incident": None},
        ),
        Example(
            "A drone strike killed a farmer in Nawa on Sunday. His death brought the toll "
            "to 310 civilians killed by 4 May, the monitor said.",
            expect={"count_text": "310", "incident": None},
        ),
    ],
)
DISPLACEMENT_EVENT = register(
    "incidents.displacement_event",
    fact="incident",
    summary="a displacement figure told with what moved the people or when ('displaced by "
    "floods', 'fled during clashes on 3 May') is an incident's, as a casualty figure is",
    examples=[
        Example(
            "About 2,500 people were displaced by clashes between the army and rebels in "
            "the village of Mabanga on 14 March.",
            expect={"count_text": "About 2,500", "incident": "i1"},
        ),
        Example(
            "Nearly 800 families were evacuated from the river's banks before the cyclone "
            "made landfall, officials said.",
            expect={"count_text": "Nearly 800", "incident": "i1"},
        ),
    ],
)
SUM_BLAME = register(
    "incidents.sum_blame",
    fact="perpetrator",
    summary="a toll summed over several attacks that names nobody is blamed on whom the "
    "attacks it sums are blamed on",
    examples=[
        Example(
            "At least 30 people have been killed in Idlib province in the past 24 hours, the "
            "monitor said. Russian air strikes on the town of Saraqeb killed nine people on "
            "Tuesday.",
            expect={"actor": "Russia"},
        )
    ],
)
SUM_TYPE = register(
    "incidents.sum_type",
    fact="event",
    summary="a toll summed over several attacks that only says 'killed' has the type of "
    "the first attack it sums",
    examples=[
        Example(
            "At least 30 people have been killed in Idlib province in the past 24 hours, the "
            "monitor said. An air strike on a market in Saraqeb killed nine people on Tuesday.",
            expect={"sub_event_type": "Air/drone strike"},
        )
    ],
)
BOMBING_MEANS = register(
    "incidents.bombing_means",
    fact="event",
    summary="'bombing' says bombs fell or went off, not how: a suicide bomber or a planted "
    "bomb the incident's sentences or the sentence after name types it",
    examples=[
        Example(
            "The bombing at the bus station in Jableh killed 21 people on Monday, state media "
            "said. A suicide attacker blew himself up among the passengers.",
            expect={"sub_event_type": "Suicide bomb"},
        )
    ],
)
ALSO_ACTOR = register(
    "incidents.also_actor",
    fact="perpetrator",
    summary="an incident opened by another place with 'also' ('air strikes also killed "
    "four in X') that names nobody is done by whom the incident before it names",
    examples=[
        Example(
            "Russian air strikes killed nine people in the town of Sarmin on Monday, the "
            "monitor said. Air strikes also killed four civilians in the town of Binnish.",
            expect={"actor": "Russia"},
        )
    ],
)
PLACE_TOTAL = register(
    "incidents.place_total",
    fact="incident",
    summary="a toll summed over places whose own tolls the report then gives is of no "
    "incident (each place's attack is one)",
    examples=[
        Example(
            "Rocket fire killed 10 civilians in Aleppo and Deir Ezzor on Monday, state "
            "media said. Six civilians were killed in Aleppo. Four civilians were killed "
            "in Deir Ezzor.",
            expect={"count_text": "10", "incident": None},
        )
    ],
)
