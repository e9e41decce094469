"""The registered claimant rules of the ``sources`` stage (``Claim.claimant_rule``).

A claim's ``claimant_rule`` names the rule that found its attribution (``sources.quote``,
``sources.said_before``, ...), then, joined by "+", the rules that resolved the speaker's
words to a claimant (``sources.pronoun``, ``sources.description``, ``sources.catalogue``,
...). A claim in the report's own voice names ``sources.own_voice``.
"""

from __future__ import annotations

from tollwatch.extract.rules import Example, register

# --- how the attribution was found ------------------------------------------------------

QUOTE = register(
    "sources.quote",
    fact="claimant",
    summary="a figure inside a quotation is the quotation's speaker's",
    examples=[
        Example(
            '"We pulled nine bodies out of the rubble," said Hassan Idris, a volunteer with the '
            "White Helmets.",
            expect={"value": 9, "claimant_kind": "rescue"},
        ),
        Example(
            'A doctor at the field hospital, Nabil Sharif, said: "Four of the dead were children."',
            expect={"value": 4, "claimant": "Nabil Sharif", "claimant_kind": "medical"},
        ),
    ],
).name
GIVEN_BY = register(
    "sources.given_by",
    fact="claimant",
    summary="a figure followed closely by who gave it ('a toll of 30 given by X', "
    "'the 12,000 reported by X')",
    examples=[
        Example(
            "The UN said 6,000 people had fled. A toll of 40 killed given by the health ministry "
            "was higher than the monitor's.",
            expect={"value": 40, "claimant_kind": "government"},
        )
    ],
).name
SAID_BEFORE = register(
    "sources.said_before",
    fact="claimant",
    summary="'X said (that) ... N killed': the nearest speaker before the figure",
    examples=[
        Example(
            "Local officials said 14 people were wounded when the market was shelled.",
            expect={"value": 14, "claimant": "Local officials", "claimant_kind": "local_official"},
        ),
        Example(
            "The Interior Ministry put the death toll at 23.",
            expect={"value": 23, "claimant_kind": "government"},
        ),
    ],
).name
ACCORDING_TO = register(
    "sources.according_to",
    fact="claimant",
    summary="'according to X', 'citing X': X says the sentence",
    examples=[
        Example(
            "Seven civilians died in the raid on the village, according to the Syrian Network for "
            "Human Rights.",
            expect={"value": 7, "claimant": "Syrian Network for Human Rights (SNHR)"},
        )
    ],
).name
SAID_AFTER = register(
    "sources.said_after",
    fact="claimant",
    summary="'N were killed ..., X said' / ', said X': the speaker after the figure",
    examples=[
        Example(
            "Sixteen people were killed in the blast, the health ministry said in a statement.",
            expect={"value": 16, "claimant_kind": "government"},
        ),
        Example(
            "Three children died in the shelling, said Omar Khatib, a resident of the town.",
            expect={"value": 3, "claimant": "Omar Khatib", "claimant_kind": "witness"},
        ),
    ],
).name
OWN_VOICE = register(
    "sources.own_voice",
    fact="claimant",
    summary="no words attribute the figure: the report's own voice (claimant null)",
    examples=[
        Example(
            "Shelling killed four people in the old city on Monday.",
            expect={"value": 4, "claimant": None},
        )
    ],
).name
ADDED_TOTAL = register(
    "sources.added_total",
    fact="claimant",
    summary="a total the report adds up is one source's only when all its parts are",
    examples=[
        Example(
            "The strike killed 9 fighters, the Observatory said. Another four died later in "
            "hospital, the Observatory said.",
            expect={"value": 13, "claimant": "Syrian Observatory for Human Rights"},
        )
    ],
).name

# --- how the speaker's words were resolved ----------------------------------------------

CATALOGUE = register(
    "sources.catalogue",
    fact="claimant",
    summary="the speaker's words name a body of the sources catalogue: its canonical name",
    examples=[
        Example(
            "Eleven people were killed, the White Helmets said.",
            expect={"claimant": "Syrian Civil Defence (White Helmets)", "claimant_kind": "rescue"},
        ),
        Example(
            "Nineteen were killed in the raids, the Britain-based war monitor said.",
            expect={"claimant": "Syrian Observatory for Human Rights", "claimant_kind": "monitor"},
        ),
    ],
).name
PRONOUN = register(
    "sources.pronoun",
    fact="claimant",
    summary="'he said', 'it added': the last speaker (a person for he/she) or body named",
    examples=[
        Example(
            'Hospital director Karim Aziz said the wards were full. "We counted 17 dead by '
            'noon," he said.',
            expect={"value": 17, "claimant": "Karim Aziz", "claimant_kind": "medical"},
        )
    ],
).name
TOPIC = register(
    "sources.topic",
    fact="claimant",
    summary="'It said' opening a sentence is the source the sentence before is about",
    examples=[
        Example(
            "The White Helmets said rescue teams were still digging. Syrian state television gave "
            "its own account. It said rebel mortar fire killed five people in the city.",
            expect={"value": 5, "claimant_kind": "state_media"},
        )
    ],
).name
DESCRIPTION = register(
    "sources.description",
    fact="claimant",
    summary="'the monitor', 'the group' stands for the body of its kind named before it",
    examples=[
        Example(
            "The Violations Documentation Center released its monthly count. The monitor said "
            "88 of the dead were civilians.",
            expect={"value": 88, "claimant": "Violations Documentation Center (VDC)"},
        )
    ],
).name
AFFILIATION = register(
    "sources.affiliation",
    fact="claimant",
    summary="a person speaking for a named body is 'Person, Body' (a known spokesperson by "
    "the catalogue, else the body named beside them)",
    examples=[
        Example(
            "Mahmoud Salem, a spokesman for the White Helmets, said 21 bodies had been recovered.",
            expect={
                "value": 21,
                "claimant": "Mahmoud Salem, Syrian Civil Defence (White Helmets)",
                "claimant_kind": "rescue",
            },
        ),
        Example(
            "Rami Abdulrahman said 35 fighters died in the battle for the hill.",
            expect={
                "value": 35,
                "claimant": "Rami Abdel Rahman, Syrian Observatory for Human Rights",
            },
        ),
    ],
).name
CATAPHORA = register(
    "sources.cataphora",
    fact="claimant",
    summary="'a monitor said' before any body of its kind is named stands for the first "
    "the report names after it",
    examples=[
        Example(
            "At least 14 civilians were killed in air strikes on the town, a monitor said. The "
            "Syrian Network for Human Rights said the jets struck a market.",
            expect={"value": 14, "claimant": "Syrian Network for Human Rights (SNHR)"},
        )
    ],
).name
CONTINUED = register(
    "sources.continued",
    fact="claimant",
    summary="a figure nothing attributes, in a sentence that goes on from the figure before "
    "it ('Five of them', 'Another three'), is in the same source's account",
    examples=[
        Example(
            "At least nine people were killed in the town on Tuesday, the Syrian Observatory for "
            "Human Rights said. Six of them died when a shell hit their house.",
            expect={"value": 6, "claimant": "Syrian Observatory for Human Rights"},
        )
    ],
).name
RESTATED = register(
    "sources.restated",
    fact="claimant",
    summary="a title's or lead's figure that nothing attributes is the same count the "
    "report goes on to attribute",
    examples=[
        Example(
            "Barrel bombs kill 23 in Daraa\n\nAt least 23 people were killed when helicopters "
            "dropped barrel bombs on Daraa on Monday, the White Helmets said.",
            expect={"value": 23, "claimant": "Syrian Civil Defence (White Helmets)"},
        )
    ],
).name
UNRESOLVED = register(
    "sources.unresolved",
    fact="claimant",
    summary="'the agency said', 'the group said' with no body of that kind named before: the "
    "words as written (an unknown source), not the report's own voice; the report's byline "
    "('Reuters Sunday 10 July') is its narrator, never what 'the agency' stands for",
    examples=[
        Example(
            "Border guards came under fire overnight. Howitzers killed eight militants on the "
            "hills, the agency said.",
            expect={"value": 8, "claimant": "agency"},
        ),
        Example(
            "Shelling kills 6 in Homs AFP Tuesday 4 March 2014 Shelling killed six people in "
            "the old city on Tuesday, the agency said.",
            expect={"value": 6, "claimant": "agency"},
        ),
    ],
).name
BARE_APPOSITION = register(
    "sources.bare_apposition",
    fact="claimant",
    summary="a person's name right before a role description, in copy that drops commas "
    "('Omar Haddad the Gazette correspondent in the city said'): the person speaks",
    examples=[
        Example(
            "On Monday Layla Hamdan the Tribune's correspondent reported that 14 people had "
            "been killed in the market.",
            expect={"value": 14, "claimant": "Layla Hamdan"},
        ),
        Example(
            "Abu Karim a rebel commander told reporters that 11 fighters had been killed.",
            expect={"value": 11, "claimant": "Abu Karim"},
        ),
    ],
).name
RELATIVE = register(
    "sources.relative",
    fact="claimant",
    summary="'..., which said', '..., who told', 'X which relies on ... said': the relative "
    "pronoun's antecedent speaks",
    examples=[
        Example(
            "The deaths were confirmed by the Syrian Network for Human Rights, which said 9 "
            "civilians were killed in the raid.",
            expect={"value": 9, "claimant": "Syrian Network for Human Rights (SNHR)"},
        ),
        Example(
            "The figure came from nurse Layla Hamdan, who told reporters that 5 children had died.",
            expect={"value": 5, "claimant": "Layla Hamdan"},
        ),
        Example(
            # copy without commas: "X which ... said"
            "The Observatory which gathers its figures from medics and activists on the ground "
            "said 17 civilians were killed in the shelling.",
            expect={"value": 17, "claimant": "Syrian Observatory for Human Rights"},
        ),
    ],
).name
