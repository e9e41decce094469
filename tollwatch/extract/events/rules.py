"""The registered rules of the ``events`` stage: event types and blame.

- one rule per kind of event words (``events.<cue>``, from ``tollwatch/data/event_cues.toml``
  with the cue's own example sentences): the rule that types an incident
  (``Incident.type_rule``);
- ACLED's precedence between types (``events.combatant_victims``,
  ``events.clash_precedence``, ``events.territory``), joined to the cue's rule by "+";
- the ways blame is found (``Perpetrator.rule``): ``events.blamed``, ``events.claimed``,
  ``events.agent``, ``events.opponent``, ``events.between``, ``events.belong``,
  ``events.premodifier``, ``events.subject``, ``events.means``, and
  ``events.one_per_actor`` when several mentions of one actor are merged,
  ``events.unnamed_yields`` when words that blame without a name give way to a named actor.
"""

from __future__ import annotations

from tollwatch.extract.lexicons import EVENT_CUES
from tollwatch.extract.names import load_data
from tollwatch.extract.rules import Example, register

# --- event words ----------------------------------------------------------------------------

_CUE_DATA = {e["name"]: e for e in load_data("event_cues.toml")["cue"]}
for _cue in EVENT_CUES:
    _entry = _CUE_DATA[_cue.name]
    register(
        _cue.rule,
        fact="event",
        summary=f"words naming {_cue.sub_event_type.lower()}"
        + (" (weak: only when nothing better is said)" if _cue.weak else ""),
        examples=[
            Example(text, expect={"sub_event_type": _entry.get("example_sub", _cue.sub_event_type)})
            for text in _entry.get("examples", ())
        ],
    )
TERRITORY_WORDS = "events.ground_taken"

# --- ACLED's precedence ---------------------------------------------------------------------

COMBATANT_VICTIMS = register(
    "events.combatant_victims",
    fact="event",
    summary="an attack whose victims are all fighters, soldiers or police is a battle "
    "(ACLED's violence against civilians is against unarmed people)",
    examples=[
        Example(
            "Insurgents killed nine soldiers in an attack on an army checkpoint on Tuesday.",
            expect={"sub_event_type": "Armed clash", "event_type": "Battles"},
        )
    ],
).name
CLASH_PRECEDENCE = register(
    "events.clash_precedence",
    fact="event",
    summary="fighting between two armed sides is an armed clash even when fought with "
    "shelling or air strikes",
    examples=[
        Example(
            "Heavy clashes between government forces and rebels, backed by artillery fire, "
            "killed 26 fighters near the airport on Sunday.",
            expect={"sub_event_type": "Armed clash"},
        )
    ],
).name
TERRITORY = register(
    "events.territory",
    fact="event",
    summary="ground taken: 'Government regains territory' when the state's side takes it, "
    "'Non-state actor overtakes territory' when a non-state group does",
    examples=[
        Example(
            "Islamic State militants overran the village on Friday, killing 11 defenders.",
            expect={"sub_event_type": "Non-state actor overtakes territory"},
        ),
        Example(
            "The army retook the hilltop on Monday; 17 rebels were killed.",
            expect={"sub_event_type": "Government regains territory"},
        ),
    ],
).name

EARLIER_EVENT = register(
    "events.earlier_event",
    fact="event",
    summary="event words that date the report's event by another ('hours after a chemical "
    "attack', 'the site of last year's massacre') refer back: they type an incident only when "
    "nothing else does",
    examples=[
        Example(
            "Just days after a chemical attack on the town, an air strike killed nine people "
            "in its market on Friday.",
            expect={"sub_event_type": "Air/drone strike"},
        ),
        Example(
            "Shelling killed five people in the village, the scene of a suicide bombing last "
            "month, residents said.",
            expect={"sub_event_type": "Shelling/artillery/missile attack"},
        ),
    ],
).name

FLED_FROM = register(
    "events.fled_from",
    fact="event",
    summary="event words that say what people were fleeing ('hit as they fled the "
    "fighting') give the cause of their flight, not what killed them: they type an "
    "incident only when nothing else does",
    examples=[
        Example(
            "At least 14 civilians were killed on Tuesday when strikes hit their convoy as "
            "they were fleeing heavy fighting near the village, the monitor said.",
            expect={"sub_event_type": "Air/drone strike"},
        ),
    ],
).name

CAMPAIGN = register(
    "events.campaign",
    fact="event",
    summary="a sentence that tells of a campaign or a habit ('the town is regularly shelled by "
    "the army') and gives no toll blames nobody for the report's incidents",
    examples=[
        Example(
            "Six people were killed in the town on Monday. The town is regularly shelled by "
            "government forces.",
            expect={"sub_event_type": "Shelling/artillery/missile attack"},
        )
    ],
).name

# --- blame ----------------------------------------------------------------------------------

BLAMED = register(
    "events.blamed",
    fact="perpetrator",
    summary="'X blamed Y for the attack', 'an air strike X blamed on Y', 'X accused Y': Y did "
    "it, alleged by X",
    examples=[
        Example(
            "Shelling killed seven people in the market on Monday. The Syrian Observatory for "
            "Human Rights blamed government forces for the attack.",
            expect={
                "actor": "Syrian government forces",
                "alleged_by": "Syrian Observatory for Human Rights",
            },
        ),
        Example(
            "An air strike activists blamed on Russia killed 12 civilians on Friday.",
            expect={"actor": "Russia", "alleged_by": "activists"},
        ),
    ],
).name
CLAIMED = register(
    "events.claimed",
    fact="perpetrator",
    summary="'Y claimed responsibility': Y did it, and says so itself",
    examples=[
        Example(
            "A car bomb killed 14 people in the town. Islamic State claimed responsibility in a "
            "statement.",
            expect={"actor": "Islamic State (ISIS)", "alleged_by": "Islamic State (ISIS)"},
        )
    ],
).name
AGENT = register(
    "events.agent",
    fact="perpetrator",
    summary="'carried out by X', 'killed in strikes by X': X did it",
    examples=[
        Example(
            "Nine civilians were killed in air strikes carried out by Russian jets, the "
            "Observatory said.",
            expect={"actor": "Russia", "alleged_by": "Syrian Observatory for Human Rights"},
        )
    ],
).name
OPPONENT = register(
    "events.opponent",
    fact="perpetrator",
    summary="'killed in clashes with X': the other side of the fight, X",
    examples=[
        Example(
            "Eight soldiers were killed in clashes with Islamic State fighters on Sunday.",
            expect={"actor": "Islamic State (ISIS)"},
        )
    ],
).name
BETWEEN = register(
    "events.between",
    fact="perpetrator",
    summary="'clashes between X and Y': both sides fought",
    examples=[
        Example(
            "Twenty fighters died in clashes between Kurdish forces and IS near the border.",
            expect={"actor": "SDF/YPG Kurdish-led forces"},
        )
    ],
).name
EITHER = register(
    "events.either",
    fact="perpetrator",
    summary="'unclear whether X or Y carried it out': both, alleged by whoever hesitates",
    examples=[
        Example(
            "Air strikes killed 14 people in the town, but the monitor could not say whether "
            "the jets were Syrian or Russian.",
            expect={"actor": "Russia"},
        ),
        Example(
            "Seven civilians died in a raid on the market, and activists said it was not clear "
            "whether Syrian warplanes or those of their Russian ally had carried it out.",
            expect={"actor": "Syrian government forces", "alleged_by": "activists"},
        ),
    ],
).name
BELONG = register(
    "events.belong",
    fact="perpetrator",
    summary="'jets believed to be Russian', 'planes thought to belong to X'",
    examples=[
        Example(
            "Raids by jets believed to be Russian killed 16 people in the town, activists said.",
            expect={"actor": "Russia"},
        )
    ],
).name
PREMODIFIER = register(
    "events.premodifier",
    fact="perpetrator",
    summary="the actor in the words of the event: 'Russian air strikes', 'regime barrel bombs'",
    examples=[
        Example(
            "Turkish air strikes killed 11 people in the villages on Saturday.",
            expect={"actor": "Turkey"},
        )
    ],
).name
SUBJECT = register(
    "events.subject",
    fact="perpetrator",
    summary="the actor that is the subject of the event's clause: 'government forces shelled'",
    examples=[
        Example(
            "Government forces stepped up their shelling of the district, killing six people.",
            expect={"actor": "Syrian government forces"},
        )
    ],
).name
MEANS = register(
    "events.means",
    fact="perpetrator",
    summary="barrel bombs dropped from helicopters: only the state has them in a civil war",
    examples=[
        Example(
            "Barrel bombs killed 13 people in the neighbourhood on Thursday, rescuers said.",
            expect={"actor": "Syrian government forces", "alleged_by": "rescuers"},
        )
    ],
).name
ONE_PER_ACTOR = register(
    "events.one_per_actor",
    fact="perpetrator",
    summary="one perpetrator per actor: named several times, its first mention says who "
    "blames it (past a title the lead restates)",
    examples=[
        Example(
            "Russian jets struck the market on Monday, killing 21 people, activists said. The "
            "Observatory later said Russian warplanes had carried out the raid.",
            expect={"actor": "Russia", "alleged_by": "activists"},
        ),
        Example(
            "Regime Jets Kill 9 in Idlib Town\nRegime jets killed nine people in the town of "
            "Binnish on Monday, the Observatory said.",
            expect={
                "actor": "Syrian government forces",
                "alleged_by": "Syrian Observatory for Human Rights",
            },
        ),
    ],
).name
UNNAMED_YIELDS = register(
    "events.unnamed_yields",
    fact="perpetrator",
    summary="words that blame without a name ('terrorist attacks', 'gunmen') are the named "
    "actor's when the incident names one",
    examples=[
        Example(
            "Two people were killed in terrorist rocket attacks on the city on Monday. Police "
            "said the rockets were fired by Islamic State militants from the east.",
            expect={"actor": "Islamic State (ISIS)"},
        )
    ],
).name
TOLD_WITHIN = register(
    "events.told_within",
    fact="perpetrator",
    summary="whom a sentence between two of an incident's own blames (no incident holding "
    "it) is blamed for that incident: the story has not moved on",
    examples=[
        Example(
            "Two civilians were killed in rocket attacks on the city's eastern districts. A "
            "source at the governorate told the agency on Wednesday that Islamic State militants "
            "fired several rocket shells at dawn on the two districts. The attacks, according to "
            "the source, also wounded 11 people.",
            expect={"actor": "Islamic State (ISIS)"},
        )
    ],
).name

# How directly each blame rule blames: of two mentions of one actor, the stronger is kept.
STRENGTH: dict[str, int] = {
    BLAMED: 4,
    CLAIMED: 4,
    AGENT: 3,
    BELONG: 3,
    OPPONENT: 3,
    EITHER: 3,
    BETWEEN: 2,
    SUBJECT: 2,
    PREMODIFIER: 2,
    MEANS: 1,
}
