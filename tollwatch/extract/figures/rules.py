"""Every figure pattern as a registered rule (:mod:`tollwatch.extract.rules`), with example
sentences of our own.

The code of the stage names a pattern by its short name ("verb-object"); the claim made from
it carries the registered name (``Claim.rule``: "figures.verb_object"), which
:func:`rule_name` gives. ``tests/extract/test_rules.py`` runs every example through the full
pipeline.
"""

from __future__ import annotations

from tollwatch.extract.rules import Example, Rule, register

__all__ = ["FIGURE_RULES", "rule_name"]


def rule_name(pattern: str) -> str:
    """The registered name of a figure pattern: "verb-object" -> "figures.verb_object"."""
    return "figures." + pattern.replace("-", "_")


def _rule(pattern: str, summary: str, text: str, **expect: object) -> Rule:
    return register(
        rule_name(pattern), fact="claim", summary=summary, examples=[Example(text, expect=expect)]
    )


FIGURE_RULES: dict[str, Rule] = {
    "verb-object": _rule(
        "verb-object",
        "the victims are the object of a figure verb",
        "Government shelling killed 12 civilians in the town on Monday.",
        figure="killed",
        value=12,
    ),
    "passive-subject": _rule(
        "passive-subject",
        "the victims are the passive subject of a figure verb",
        "Eight civilians were killed in the strike on the market.",
        figure="killed",
        value=8,
    ),
    "intransitive-subject": _rule(
        "intransitive-subject",
        "the victims are the subject of an intransitive figure verb (died, fled)",
        "Some 3,000 people fled the fighting over the weekend.",
        figure="displaced",
        value=3000,
    ),
    "figure-noun": _rule(
        "figure-noun",
        "the counted noun is a figure itself: 45 deaths, 12 bodies, 3,000 IDPs",
        "Medics recorded 45 deaths after the bombing.",
        figure="killed",
        value=45,
    ),
    "number-adjective": _rule(
        "number-adjective",
        "a figure adjective right after the count: 22 dead",
        "Seven dead and 20 wounded in Idlib raid",
        figure="killed",
        value=7,
    ),
    "modifier": _rule(
        "modifier",
        "a figure word modifies the counted noun: 30 wounded soldiers",
        "The convoy carried 30 wounded soldiers to the hospital.",
        figure="injured",
        value=30,
    ),
    "participle": _rule(
        "participle",
        "a present participle of an intransitive verb on the counted noun: people fleeing",
        "Buses carried 300 families fleeing the fighting.",
        figure="displaced",
        value=300,
    ),
    "copula-adjective": _rule(
        "copula-adjective",
        "a copula with a figure adjective: are missing, remain trapped",
        "Officials said 14 fishermen remain missing.",
        figure="missing",
        value=14,
    ),
    "copula-participle": _rule(
        "copula-participle",
        "a copula with a figure participle: were slain",
        "Witnesses said 9 villagers were slain overnight.",
        figure="killed",
        value=9,
    ),
    "among-figure": _rule(
        "among-figure",
        "the count is among a figure: six civilians were among the dead",
        "Six children were among the dead, the health ministry said.",
        figure="killed",
        value=6,
    ),
    "as-adjective": _rule(
        "as-adjective",
        "registered as displaced, listed as missing",
        "About 4,500 people were registered as displaced in the district.",
        figure="displaced",
        value=4500,
    ),
    "risk-phrase": _rule(
        "risk-phrase",
        "at risk, under siege, in need",
        "The agency said 250,000 people remain at risk of famine.",
        figure="at_risk",
        value=250000,
    ),
    "object-predicate": _rule(
        "object-predicate",
        "a verb leaves its object in a state: left 12 dead, forced to flee",
        "The raid left 40 people wounded.",
        figure="injured",
        value=40,
    ),
    "claimed-lives": _rule(
        "claimed-lives",
        "claimed (took, cost) the lives of N",
        "The floods claimed the lives of 17 people.",
        figure="killed",
        value=17,
    ),
    "lost-lives": _rule(
        "lost-lives",
        "N lost their lives",
        "Eleven workers lost their lives when the factory was hit.",
        figure="killed",
        value=11,
    ),
    "figure-of": _rule(
        "figure-of",
        "a figure noun of N: the deaths of 12",
        "Activists blamed the army for the deaths of 12 protesters.",
        figure="killed",
        value=12,
    ),
    "across-aside": register(
        rule_name("across-aside"),
        fact="claim",
        summary="an attribution between a figure and its count: the evacuation of, "
        "according to X, N people",
        examples=[
            Example(
                "Rising water forced the evacuation of, according to the civil protection "
                "agency, 4,200 people.",
                expect={"figure": "evacuated", "value": 4200},
            ),
            Example(
                "The offensive displaced, according to the UN refugee agency, 3,000 families.",
                expect={"figure": "displaced", "value": 3000, "unit": "households"},
            ),
        ],
    ),
    "toll-of": _rule(
        "toll-of",
        "a toll of N",
        "The monitor gave a death toll of 45.",
        figure="killed",
        value=45,
    ),
    "toll-at": _rule(
        "toll-at",
        "a toll at N: put the toll at 45",
        "With the death toll at 45, it was the deadliest attack this year.",
        figure="killed",
        value=45,
    ),
    "toll-to": _rule(
        "toll-to",
        "a toll rises to N (an update)",
        "Medics raised the toll to 61.",
        figure="killed",
        value=61,
    ),
    "toll-verb": _rule(
        "toll-verb",
        "the toll reached N people",
        "The death toll reached 112 people by Sunday evening.",
        figure="killed",
        value=112,
    ),
    "toll-copula": register(
        rule_name("toll-copula"),
        fact="claim",
        summary="the toll is N, the number is estimated to be N",
        examples=[
            Example(
                "The toll was 23, hospital officials said.",
                expect={"figure": "killed", "value": 23},
            ),
            Example(
                "The number of displaced families is estimated to be 820, the relief agency said.",
                expect={"figure": "displaced", "value": 820, "unit": "households"},
            ),
        ],
    ),
    "toll-phrase": _rule(
        "toll-phrase",
        "words right before the count name a toll: the toll has risen to 13",
        "The toll in the village has now risen to 13, residents said.",
        figure="killed",
        value=13,
    ),
    "toll-from": _rule(
        "toll-from",
        "the toll rose from N",
        "The toll rose from 31 to 45 after rescuers searched the rubble.",
        figure="killed",
        value=31,
    ),
    "toll-apposition": _rule(
        "toll-apposition",
        "a headline’s toll: Death toll from Homs blast at least 112",
        "Death toll from Homs blast at least 112",
        figure="killed",
        value=112,
    ),
    "toll-estimated-at": _rule(
        "toll-estimated-at",
        "put the number of people displaced at N",
        "The UN put the number of people displaced since the offensive began at about 97,000.",
        figure="displaced",
        value=97000,
    ),
    "figure-anaphor": _rule(
        "figure-anaphor",
        "a figure of N: the kind of the figure before it",
        "At least 2,000 families fled the town, and aid groups gave a figure of 12,000 people.",
        figure="displaced",
        value=12000,
    ),
    "up-from": _rule(
        "up-from",
        "up from N: the earlier figure of the same toll",
        "The death toll rose to 48, up from 31 on Monday.",
        figure="killed",
        value=31,
    ),
    "pronoun-update": _rule(
        "pronoun-update",
        "a toll told again by a pronoun: This was later revised to 82",
        "The Observatory gave a toll of 47. This was later revised to 82.",
        figure="killed",
        value=82,
    ),
    "subject-includes": _rule(
        "subject-includes",
        "the dead include N children",
        "The dead include 8 children, medics said.",
        figure="killed",
        value=8,
    ),
    "destroyed-fighters": _rule(
        "destroyed-fighters",
        "a verb of destruction with fighters as its object is killing",
        "The army said it destroyed 60 terrorists in the raid.",
        figure="killed",
        value=60,
    ),
    "housing": register(
        rule_name("housing"),
        fact="claim",
        summary="homes destroyed, damaged or buried: households affected",
        examples=[
            Example(
                "The storm destroyed 500 houses along the coast.",
                expect={"figure": "affected", "value": 500, "unit": "households"},
            ),
            Example(
                "A mudslide buried 45 homes on the edge of the village overnight.",
                expect={"figure": "affected", "value": 45, "unit": "households"},
            ),
        ],
    ),
    "housing-act": _rule(
        "housing-act",
        "a noun of damage to homes: the destruction of N houses, damage to N homes",
        "Officials said the floods led to the destruction of 340 houses in the district.",
        figure="affected",
        value=340,
        unit="households",
    ),
    "housing-surface": _rule(
        "housing-surface",
        "homes and the damage participle right after them in a broken parse: 150 houses destroyed",
        "Quake: one killed, three wounded and 85 houses destroyed, thousands homeless",
        figure="affected",
        value=85,
        unit="households",
    ),
    "other-language": register(
        rule_name("other-language"),
        fact="claim",
        summary="a sentence in another language read by its words (data/"
        "displacement_languages.toml): a count, its noun, a figure word after or just before it",
        examples=[
            Example(
                "Más de 1 500 familias que viven en la ribera del río fueron evacuadas durante "
                "la noche, según la defensa civil.",
                expect={"figure": "evacuated", "value": 1500, "unit": "households"},
            ),
            Example(
                "Selon les autorités, 2 300 personnes ont été déplacées par les inondations.",
                expect={"figure": "displaced", "value": 2300, "unit": "people"},
            ),
            Example(
                "Segundo a prefeitura, 4.200 pessoas estão desalojadas no município.",
                expect={"figure": "displaced", "value": 4200, "unit": "people"},
            ),
        ],
    ),
    "shelter": _rule(
        "shelter",
        "people who took shelter, sought refuge or stay in shelters are displaced",
        "Some 1,200 families took shelter in the mosque after the raid.",
        figure="displaced",
        value=1200,
    ),
    "moved-to-shelter": _rule(
        "moved-to-shelter",
        "people moved to a shelter are displaced",
        "Troops moved 800 villagers to a transit camp outside the town.",
        figure="displaced",
        value=800,
    ),
    "driven-out": _rule(
        "driven-out",
        "people driven from their homes are displaced",
        "The offensive drove 5,200 families from their homes.",
        figure="displaced",
        value=5200,
    ),
    "left-home": _rule(
        "left-home",
        "people who left the place they live in are displaced",
        "More than 400 people have left their homes in the district.",
        figure="displaced",
        value=400,
    ),
    "face-threat": _rule(
        "face-threat",
        "people who face the threat of death are at risk",
        "Some 40,000 people face the threat of starvation in the besieged town.",
        figure="at_risk",
        value=40000,
    ),
    "surface": _rule(
        "surface",
        "the words right after the count in a broken parse: Thirty killed in ...",
        "Idlib: 12 killed 30 injured",
        figure="killed",
        value=12,
    ),
    "surface-object": _rule(
        "surface-object",
        "a figure verb right before the count in a broken parse",
        "Air raids on Douma killing at least 36 Monday",
        figure="killed",
        value=36,
    ),
    "surface-toll": _rule(
        "surface-toll",
        "a toll noun a few words before the count in a broken parse",
        "Aleppo toll now 330 after strikes",
        figure="killed",
        value=330,
    ),
    "inherit-including": _rule(
        "inherit-including",
        "a count after including is part of the figure before it",
        "Eight civilians, including two children, were killed in the raid.",
        figure="killed",
        value=2,
    ),
    "inherit-conj": _rule(
        "inherit-conj",
        "a conjoined count shares the figure of the count it is conjoined with",
        "The strike killed 45 civilians in Aleppo and 22 in Idlib.",
        figure="killed",
        value=22,
    ),
    "conjoined-total": register(
        rule_name("conjoined-total"),
        fact="claim",
        summary="the total of counts of one figure joined by and ('and of' too)",
        examples=[
            Example(
                "Five women and a child were killed when the shell hit the house.",
                expect={"figure": "killed", "value": 6},
            ),
            Example(
                "LIMA, 4 MAR 90 (EFE) -- [TEXT] TWO POLICEMEN, A SERGEANT OF THE 3D ENGINEERS "
                "BATTALION, AND FIVE PEASANTS WERE WOUNDED AND TAKEN TO THE HOSPITAL IN HUANCAYO.",
                expect={"figure": "injured", "value": 8},
            ),
            Example(
                "THE JUDICIAL WORKERS STRIKE WAS CALLED AS A RESULT OF THE MURDER OF A BOGOTA "
                "PROSECUTOR AND OF TWO COURT CLERKS IN TOLIMA.",
                expect={"figure": "killed", "value": 3},
            ),
        ],
    ),
    "added-total": _rule(
        "added-total",
        "the running total of a count that adds to the one before",
        "Eleven people were killed in the market strike. Another five died in a raid on the next district.",
        figure="killed",
        value=16,
    ),
    "label": register(
        rule_name("label"),
        fact="claim",
        summary="a count under a table's or a situation report's label: Destroyed houses: 146",
        examples=[
            Example(
                "Flood damage by district. Completely destroyed houses: 146",
                expect={"figure": "affected", "value": 146, "unit": "households"},
            ),
            Example(
                "Situation in the north. IDPs total 48 250",
                expect={"figure": "displaced", "value": 48250},
            ),
            Example(
                "Partly damaged homes/shelters 3,905",
                expect={"figure": "affected", "value": 3905, "unit": "households"},
            ),
        ],
    ),
}

# People counted one by one, by name or without a number: their own module.
from tollwatch.extract.figures.people_rules import PEOPLE_RULES  # noqa: E402

FIGURE_RULES.update(PEOPLE_RULES)

# Counts in other shapes (the act done to the victims, "one of"): their own module.
from tollwatch.extract.figures.shapes import SHAPE_RULES  # noqa: E402

FIGURE_RULES.update(SHAPE_RULES)

# People named in several sentences, added up: their own module.
from tollwatch.extract.figures.tally import TALLY_RULE  # noqa: E402

FIGURE_RULES["named-tally"] = TALLY_RULE

# Rules registered with their code: counts past asides in a broken parse, parallel counts
# added up, injuries sustained.
from tollwatch.extract.figures.surface import SURFACE_ASIDE  # noqa: E402
from tollwatch.extract.figures.totals import PARALLEL_TOTAL  # noqa: E402
from tollwatch.extract.figures.verbs import SUSTAINED_INJURIES  # noqa: E402

FIGURE_RULES.update(
    {
        "surface-aside": SURFACE_ASIDE,
        "parallel-total": PARALLEL_TOTAL,
        "sustained-injuries": SUSTAINED_INJURIES,
    }
)
