"""The figure rules that count people one by one, named or not, as registered rules
(:mod:`tollwatch.extract.rules`) with example sentences of our own.

Their code is in :mod:`tollwatch.extract.figures.persons`, ``victim_lists`` and ``vague``;
:mod:`tollwatch.extract.figures.rules` gathers them with every other figure rule.
"""

from __future__ import annotations

from tollwatch.extract.rules import Example, Rule, register

__all__ = ["PEOPLE_RULES"]


def _name(pattern: str) -> str:
    # The same naming as rules.rule_name; repeated so that this module needs nothing of it.
    return "figures." + pattern.replace("-", "_")


PEOPLE_RULES: dict[str, Rule] = {
    "named-victims": register(
        _name("named-victims"),
        fact="claim",
        summary="victims counted one by one by name or role (an age before a name makes it "
        "a person's: '20-year-old Rami Jamil Qudaih'; the one the victims were with is none: "
        "'two bodyguards accompanying Mayor Gaviria were wounded')",
        examples=[
            Example(
                "Inspector Eulogio Flores and his driver were killed in the explosion.",
                expect={"figure": "killed", "value": 2},
            ),
            Example(
                "On Sunday, 52-year-old Rami Jamil Qudaih was reportedly killed by gunfire "
                "near the crossing.",
                expect={"figure": "killed", "value": 1, "count_text": "Rami Jamil Qudaih"},
            ),
        ],
    ),
    "named-victims-total": register(
        _name("named-victims-total"),
        fact="claim",
        summary="people named and the counts beside them added up (all of a list's members)",
        examples=[
            Example(
                "The mayor's driver and one of his bodyguards were killed by the car bomb.",
                expect={"figure": "killed", "value": 2},
            ),
            Example(
                "LIMA, 4 MAR 90 (EFE) -- [TEXT] THE BOMB EXPLODED AT APPROXIMATELY 0900, "
                "KILLING ROSA MARIA QUISPE, 33; JUAN QUISPE, 12; A WOMAN KNOWN ONLY AS CARMEN; "
                "PEDRO ALVA TORRES, AND A SOLDIER WHO DIED AT THE MILITARY HOSPITAL.",
                expect={"figure": "killed", "value": 5},
            ),
        ],
    ),
    "companions": register(
        _name("companions"),
        fact="claim",
        summary="the count of the companions a victim was killed with: 'was killed together "
        "with at least five members of his family'",
        examples=[
            Example(
                "A senior commander was killed together with at least six members of his "
                "family when the house was hit.",
                expect={"figure": "killed", "value": 6, "qualifier": "at_least"},
            ),
            Example(
                "He was killed along with his three children.",
                expect={"figure": "killed", "value": 3},
            ),
        ],
    ),
    "companions-total": register(
        _name("companions-total"),
        fact="claim",
        summary="a victim and the companions killed with them added up: 'a paramedic was "
        "killed alongside 10 to 12 other civilians' is 11 to 13",
        examples=[
            Example(
                "On Monday a 40-year-old paramedic, Yousef Karaja, was killed alongside at "
                "least 10 to 12 other civilians in the strike on the school.",
                expect={"figure": "killed", "value": 11, "low": 11, "high": 13},
            ),
            Example(
                "Hamid Abu Aoun was killed along with his three children in the strike on "
                "their home.",
                expect={"figure": "killed", "value": 4},
            ),
            Example(
                "An air strike on the house killed him along with his wife and their two "
                "daughters.",
                expect={"figure": "killed", "value": 4},
            ),
            Example(
                "A fighter was killed alongside at least 14 civilians, including six women, "
                "when the building collapsed.",
                expect={"figure": "killed", "value": 15, "qualifier": "at_least"},
            ),
        ],
    ),
    "relative-victim": register(
        _name("relative-victim"),
        fact="claim",
        summary="a person named before a relative clause of a casualty verb: X, who was killed",
        examples=[
            Example(
                "THE JUDGE QUOTED PROSECUTOR ANA LUCIA MARIN, WHO WAS SHOT TO DEATH LAST WEEK.",
                expect={"figure": "killed", "value": 1},
            ),
            Example(
                "The guard fired back and hit the gunman, who died in the street.",
                expect={"figure": "killed", "value": 1, "count_text": "the gunman"},
            ),
        ],
    ),
    "among-named": register(
        _name("among-named"),
        fact="claim",
        summary="people named as among the dead or wounded count one each",
        examples=[
            Example(
                "AMONG THE WOUNDED ARE LUIS ALBERTO PARRA, 31; ROSA MARIA TOVAR; AND HER SON.",
                expect={"figure": "injured", "value": 3},
            ),
            Example(
                "Among the dead were Father Tomas Ruiz and his driver.",
                expect={"figure": "killed", "value": 2},
            ),
        ],
    ),
    "pronoun-victim": register(
        _name("pronoun-victim"),
        fact="claim",
        summary="a person a pronoun points to counts one where the report counts no one else",
        examples=[
            Example(
                "THE JUDGE WAS TAKEN TO THE MILITARY HOSPITAL, WHERE HE DIED AN HOUR LATER.",
                expect={"figure": "killed", "value": 1},
            ),
        ],
    ),
    "antecedent-victim": register(
        _name("antecedent-victim"),
        fact="claim",
        summary="a pronoun's victim told of in its own sentence ('a farmer ... wounding him') "
        "counts one, even where the report counts others",
        examples=[
            Example(
                "A patrol opened fire on a farmer near the checkpoint, wounding him in the arm.",
                expect={"figure": "injured", "value": 1, "count_text": "a farmer"},
            ),
        ],
    ),
    "vague-count": register(
        _name("vague-count"),
        fact="claim",
        summary="victims counted without a number: others, a number of, several, many",
        examples=[
            Example(
                "Four people were killed and others were injured when the shell hit the market.",
                expect={"figure": "injured", "value": 2, "qualifier": "vague"},
            ),
            Example(
                "The strike destroyed the house, killing six and wounding a number of neighbours.",
                expect={"figure": "injured", "value": 2, "count_text": "a number of neighbours"},
            ),
            Example(
                "At least nine people died and many others were hurt in the blast.",
                expect={"figure": "injured", "value": 5},
            ),
            Example(
                "A large number of residents were wounded in the overnight raid.",
                expect={"figure": "injured", "value": 12},
            ),
            Example(
                "The drone strike on the car caused several injuries, medics said.",
                expect={"figure": "injured", "value": 2},
            ),
            Example(
                "An unknown number of people were killed and injured in the shelling.",
                expect={"figure": "killed", "value": 2},
            ),
            Example(
                "An unknown number of people were killed and injured in the shelling.",
                expect={"figure": "injured", "value": 2},
            ),
            Example(
                "The blast left many others injured, according to the civil defence.",
                expect={"figure": "injured", "value": 5, "count_text": "many others"},
            ),
        ],
    ),
}
