"""The registered rules of the places stage (see :mod:`tollwatch.extract.rules`).

A place carries the names of the rules behind it in ``PlaceRef.rule``, joined by "+": the
rule that chose the mention as the event's place (``places.figure_sentence``, ...), the rule
that resolved the name to a gazetteer entry (``places.country_context``, ...) or placed a
name the gazetteer lacks (``places.unit_word``, ...), and the rule that qualified its
precision (``places.near``, ...). ``PlaceRef.note`` says the same in words, with the names.
"""

from __future__ import annotations

from datetime import date

from tollwatch.extract.rules import Example, Rule, register

# --------------------------------------------------------------------------------------------
# Choosing the event's place among the report's mentions (place_for)

FIGURE_SENTENCE = register(
    "places.figure_sentence",
    fact="place",
    summary="the most specific event-like place of the sentences that state the figures",
    examples=[
        Example(
            "Government shelling killed seven civilians in Saraqib on Tuesday, a war monitor "
            "said. Talks in Geneva made no progress.",
            expect={"text": "Saraqib", "country": "SY", "precision": 1},
        ),
    ],
)
EVENT_SENTENCES = register(
    "places.event_sentences",
    fact="place",
    summary="no place in the figures' own sentences: the incident's other sentences",
    examples=[
        Example(
            "Warplanes struck a market in Douma on Monday. Nine people were killed and 20 "
            "wounded, rescuers said.",
            expect={"text": "Douma", "country": "SY"},
        ),
    ],
)
FIGURE_SENTENCE_ABROAD = register(
    "places.figure_sentence_abroad",
    fact="place",
    summary="the figure's own sentence names only a place abroad: that place, not one of "
    "the report's country named elsewhere",
    examples=[
        Example(
            "Heavy rain lashed the Indian states of Odisha and West Bengal on Sunday, and "
            "India's weather office kept its warnings in place for Kolkata.\n\n"
            "In Bangladesh, 12 people were killed when the cyclone made landfall on Monday, "
            "officials said.",
            expect={"country": "BD"},
        ),
    ],
)
PARAGRAPH_BEFORE = register(
    "places.paragraph_before",
    fact="place",
    summary="no place in the incident's sentences: the nearest place before them in their "
    "paragraph",
    examples=[
        Example(
            "Rebels have held Marea since 2012. On Sunday they said 12 of their fighters were "
            "killed.",
            expect={"text": "Marea", "country": "SY"},
        ),
    ],
)
LEAD = register(
    "places.lead",
    fact="place",
    summary="no place in the incident's paragraph: the place the report's lead names",
    examples=[
        Example(
            "Rebels have held parts of Daraa since 2012, a Syrian monitor said.\n\n"
            "On Saturday 15 fighters died in clashes with government forces, it said.",
            expect={"text": "Daraa", "country": "SY"},
        ),
    ],
)
TITLE = register(
    "places.title",
    fact="place",
    summary="no place in the text around the incident: the place the title names",
    examples=[
        Example(
            "Syrian rescuers said four children were among the 11 people killed.",
            title="Air Strike on Ariha Market Kills 11",
            expect={"text": "Ariha", "country": "SY", "precision": 1},
        ),
    ],
)
NARROWED = register(
    "places.narrowed",
    fact="place",
    summary="the incident's words name only the country: a place inside it named before in "
    "the paragraph, in the lead or in the incident's other sentences",
    examples=[
        Example(
            "Air raids hit Jisr al-Shughur on Sunday. Across Syria, 30 people were killed in "
            "the raids, a monitor said.",
            expect={"text": "Jisr al-Shughur", "country": "SY"},
        ),
    ],
)
PROVINCE_MODIFIER = register(
    "places.province_modifier",
    fact="place",
    summary="a province named as where a town lies ('the Aleppo province village of X') is "
    "not the lead's place: the town is",
    examples=[
        Example(
            "Children were among 20 civilians killed in air strikes in Syria early on "
            "Tuesday, a monitor said. They were hit as they fled the Aleppo province village "
            "of Tal Sheeirat, the monitor said.",
            expect={"text": "Tal Sheeirat", "country": "SY"},
        ),
    ],
)
LIST_REGION = register(
    "places.list_region",
    fact="place",
    summary="a figure told of a list of towns: the region or province the same sentences "
    "name, not the first town",
    examples=[
        Example(
            "In Idlib province, 22 people were killed in strikes on Saraqib, Ariha, Binnish "
            "and Sarmin on Monday, a monitor said.",
            expect={"name": "Idlib", "precision": 4},
        ),
    ],
)
MAIN_PROVINCE = register(
    "places.main_province",
    fact="place",
    summary="the incident's words name no place inside the country: the province most of "
    "the report's places lie in",
    examples=[
        Example(
            "Moscow said on Monday that its jets had struck militant positions.\n\n"
            "Rebels shelled Mhardeh and Suqaylabiyah on Saturday. Government troops "
            "advanced on Kafr Nabudah.\n\n"
            "In all, 40 soldiers were killed last week, Syrian state media said.",
            expect={"admin1": "Hama", "precision": 4},
        ),
    ],
)
REPORT_COUNTRY = register(
    "places.report_country",
    fact="place",
    summary="no place named for the event: the report's country (precision 6)",
    examples=[
        Example(
            "Syrian rebels said on Monday that 14 of their fighters were killed in clashes.",
            expect={"name": "Syria", "country": "SY", "precision": 6},
        ),
    ],
)

# --------------------------------------------------------------------------------------------
# Resolving a name to a gazetteer entry (the part of the ranking that decided)

ONLY_CANDIDATE = register(
    "places.only_candidate",
    fact="place",
    summary="the name means one place in the gazetteer",
    examples=[
        Example(
            "A car bomb killed eight people in Azaz on Thursday, a monitor said.",
            expect={"text": "Azaz", "country": "SY", "precision": 1},
        ),
    ],
)
COUNTRY_CONTEXT = register(
    "places.country_context",
    fact="place",
    summary="the report's country decides between namesakes (Syria's Tadmur, not the town "
    "of the same name abroad); the places of its lead count double, a quarter named after a "
    "town ('the X neighbourhood') not at all",
    examples=[
        Example(
            # the lead's place outweighs the towns abroad where relatives spoke from
            "Twelve members of one family were killed when an air strike hit their home in "
            "Rafah, in the south of the Gaza Strip, on Tuesday night.\n\nA relative who lives "
            "in Columbus, Ohio, said he learned the news from a cousin in Dearborn, Michigan.",
            expect={"text": "Rafah", "country": "PS"},
        ),
        Example(
            "Syrian troops shelled Jobar on Monday, killing five civilians, a monitor said. "
            "The Syrian army denied it.",
            expect={"country": "SY"},
        ),
        Example(
            # the dateline is no event's place, but it gives the report's country
            "SAN SALVADOR, 10 JAN 90 (ACAN-EFE) -- [TEXT] GUERRILLAS KILLED THREE SOLDIERS "
            "IN AN AMBUSH NEAR SANTA ROSA TODAY, THE ARMED FORCES REPORTED.",
            published=date(1990, 1, 10),
            expect={"country": "SV"},
        ),
    ],
)
ADMIN_WORDS = register(
    "places.admin_words",
    fact="place",
    summary="a province or district named beside the name, or an admin word after it "
    "('Idlib province'), decides which entry is meant",
    examples=[
        Example(
            "Air strikes killed 10 people in Idlib province on Friday, a monitor said.",
            expect={"name": "Idlib", "precision": 4},
        ),
    ],
)
NEAR_OTHER_PLACES = register(
    "places.near_other_places",
    fact="place",
    summary="among namesakes, the one near the report's other places",
    examples=[
        Example(
            "Taliban fighters attacked checkpoints in Dowlatabad, west of Mazar-i-Sharif, on "
            "Sunday, killing nine police officers, Afghan officials said.",
            expect={"text": "Dowlatabad", "admin1": "Balkh"},
        ),
    ],
)
POPULATION = register(
    "places.population",
    fact="place",
    summary="among namesakes the report does not tell apart, the most populous",
    examples=[
        Example(
            "Two soldiers were killed in Hyderabad on Monday in clashes with protesters.",
            expect={"text": "Hyderabad", "country": "IN"},
        ),
    ],
)
PRIMARY_NAME = register(
    "places.primary_name",
    fact="place",
    summary="among namesakes, the place whose own name it is rather than an alternate name",
    examples=[
        Example(
            "Yemeni officials said a drone strike killed 11 people in Dawran on Tuesday.",
            expect={"text": "Dawran", "admin1": "Ad Dali"},
        ),
    ],
)
COUNTRY_OR_PROVINCE = register(
    "places.country_or_province",
    fact="place",
    summary="a country's or province's name means that country or province, whatever town "
    "shares it",
    examples=[
        Example(
            "More than 40 people were killed in air strikes across Lebanon on Tuesday, "
            "officials said.",
            expect={"country": "LB", "precision": 6},
        ),
    ],
)

IMPORTED = register(
    "places.imported",
    fact="place",
    summary="a place of the user's own lists (an imported neighbourhood list, a GeoNames "
    "dump) over the default gazetteer's namesake",
    examples=[
        Example(
            "Shelling killed six people in Shahba on Sunday, Syrian state media said.",
            expect={"text": "Shahba", "admin1": "Aleppo", "precision": 1},
            gazetteer_csv="name,lat,lon,admin1,country,kind\n"
            "Shahba,36.23,37.15,Aleppo,SY,neighbourhood\n",
        ),
    ],
)
SPELLING_VARIANT = register(
    "places.spelling_variant",
    fact="place",
    summary="a name the gazetteer lacks as spelled, one letter from a place of the report's "
    "country on the user's own list ('Hamdaniyeh' for the 'Hamadaniyeh' of OCHA's list)",
    examples=[
        Example(
            "Rebel shelling of the government-held Hamdaniyeh neighbourhood of Aleppo killed "
            "three people on Friday, Syrian state media said.",
            expect={"text": "Hamdaniyeh", "admin1": "Aleppo", "precision": 1},
            gazetteer_csv="name,lat,lon,admin1,country,kind\n"
            "Hamadaniyeh,36.18,37.11,Aleppo,SY,neighbourhood\n",
        ),
    ],
)

# --------------------------------------------------------------------------------------------
# Names the gazetteer lacks

PART_OF_CITY = register(
    "places.part_of_city",
    fact="place",
    summary="a neighbourhood or district the gazetteer lacks: part of the city named beside "
    "it or before it",
    examples=[
        Example(
            "Barrel bombs killed nine people in the Qatirji neighbourhood of Aleppo on "
            "Thursday, rescuers said.",
            expect={"name": "Qatirji", "admin1": "Aleppo", "precision": 2},
        ),
        Example(
            # the city named after a comma with its direction; the street is no place of
            # its own ("Baghdad Street" is in Damascus)
            "Mortar rounds fell on a school on Baghdad Street in the al-Qassaa neighbourhood, "
            "east of Damascus city, killing two children, state media said.",
            expect={"name": "al-Qassaa", "admin1": "Damascus", "country": "SY"},
        ),
    ],
)
UNIT_WORD = register(
    "places.unit_word",
    fact="place",
    summary="a name the gazetteer lacks, made a place by its unit word ('Uror county', "
    "'Bimbwi area'), in the report's country",
    examples=[
        Example(
            "Clashes in Kuolnyang county killed 23 people last week, South Sudanese officials "
            "said.",
            expect={"name": "Kuolnyang", "country": "SS", "precision": 3},
        ),
    ],
)
UNIT_OF = register(
    "places.unit_of",
    fact="place",
    summary="'the town of X', 'the village of X', 'the area of X' the gazetteer lacks, or "
    "knows only abroad (a town or village) "
    "in a report of another country: a place of the report's country",
    examples=[
        Example(
            "Barrel bombs hit the rebel-held town of Kafr Umeira in Idlib province on "
            "Saturday, killing six people, a Syrian monitor said.",
            expect={"name": "Kafr Umeira", "admin1": "Idlib", "country": "SY"},
        ),
        Example(
            "Soldiers opened fire in the village of Wad Hilal in Sudan's Gezira state on "
            "Monday, killing 14 people, residents said. Wad Hilal has been cut off since.",
            expect={"name": "Wad Hilal", "country": "SD", "precision": 1},
        ),
        Example(
            "Barrel bombs hit the rebel-held area of Tal Sheeirat outside Aleppo city on "
            "Friday, killing 11 civilians, a monitor said.",
            expect={"name": "Tal Sheeirat", "country": "SY", "precision": 2},
        ),
    ],
)
PROVINCE_BESIDE = register(
    "places.province_beside",
    fact="place",
    summary="a place the gazetteer lacks, not located by a place right after it: in the one "
    "province its sentence, or the sentence before, or else the whole text names",
    examples=[
        Example(
            "Government jets struck the northern province of Aleppo on Friday. Barrel bombs "
            "fell on the village of Tal Jihan, killing nine civilians, a monitor said.",
            expect={"name": "Tal Jihan", "admin1": "Aleppo", "country": "SY"},
        ),
    ],
)
PLACED_IN_PROVINCE = register(
    "places.placed_in_province",
    fact="place",
    summary="a place the gazetteer lacks that the incident's words put in a province "
    "('X hospital in the Far North region') is the place: no place named before "
    "stands in for it as if it were the country",
    examples=[
        Example(
            "Soldiers patrolled the Far North region on Sunday. Gunmen killed 17 people at "
            "Kerawa hospital in the Far North region, Cameroonian officials said.",
            expect={"text": "Kerawa", "admin1": "Far North", "country": "CM"},
        ),
    ],
)
LOCATED_BY = register(
    "places.located_by",
    fact="place",
    summary="a name the gazetteer lacks, located by the known place named right after it "
    "('Kafr Batna near Damascus')",
    examples=[
        Example(
            "Shelling killed four people in Beit Sawa near Damascus on Monday, activists said.",
            expect={"name": "Beit Sawa", "country": "SY", "precision": 2},
        ),
    ],
)
ENTITY = register(
    "places.entity",
    fact="place",
    summary="a place name spaCy finds that the gazetteer lacks: kept by its words, in the "
    "report's country",
    examples=[
        Example(
            "Gunmen killed 17 people in Kolofata, Cameroonian officials said.",
            expect={"text": "Kolofata", "country": "CM"},
        ),
    ],
)
ACROSS_BORDER = register(
    "places.across_border",
    fact="place",
    summary="a place the gazetteer lacks beyond a border the text names ('over the "
    "Ethiopian border into X camp'): a place of that country",
    examples=[
        Example(
            "Some 3,000 refugees were pushed over the Ethiopian border into Melkadida camp "
            "last week, the UN said.",
            expect={"text": "Melkadida", "country": "ET"},
        ),
    ],
)
ANTECEDENT = register(
    "places.antecedent",
    fact="place",
    summary="'the city', 'the town', 'the camp' refer back to the last such place named",
    examples=[
        Example(
            "Government forces pressed their offensive on Raqqa. Air strikes on the city "
            "killed 18 civilians on Sunday, activists said.",
            expect={"text": "the city", "admin1": "Raqqa"},
        ),
        Example(
            "Shells fell on Yarmouk camp on Monday. Medics in the camp said seven people were "
            "killed, a Palestinian group said.",
            expect={"text": "the camp"},
        ),
    ],
)

CAPITAL = register(
    "places.capital",
    fact="place",
    summary="'the Syrian capital', 'the Iraqi capital': the capital of the country of that "
    "adjective (data/places/capitals.csv)",
    examples=[
        Example(
            "Mortar rounds fired by rebels killed four people near the Syrian capital on "
            "Sunday, state media said.",
            expect={"name": "Damascus", "precision": 2, "country": "SY"},
        ),
        Example(
            "A car bomb killed 12 people in a market in the Iraqi capital on Thursday, "
            "police said.",
            expect={"name": "Baghdad", "country": "IQ"},
        ),
    ],
)
DATELINE_HERE = register(
    "places.dateline_here",
    fact="place",
    summary="'here' in a datelined report is the dateline's place (the dateline itself is "
    "where the report was filed, not an event's place)",
    examples=[
        Example(
            "KABUL, Nov 29 (Reuters) - A suicide bomber killed nine people here on Tuesday, "
            "Afghan officials said.",
            expect={"text": "here", "country": "AF", "precision": 1},
        ),
        Example(
            "SAN SALVADOR, 10 JAN 90 (ACAN-EFE) -- [TEXT] TWO POLICEMEN WERE KILLED HERE "
            "TODAY WHEN URBAN GUERRILLAS ATTACKED A PATROL, THE ARMED FORCES REPORTED.",
            published=date(1990, 1, 10),
            expect={"text": "HERE", "country": "SV"},
        ),
    ],
)

# --------------------------------------------------------------------------------------------
# Qualifying the precision of a mention

NEAR = register(
    "places.near",
    fact="place",
    summary="'near', 'outside', 'the outskirts of', '10 km north of' a place: within about "
    "25 km of it (precision 2)",
    examples=[
        Example(
            "A roadside bomb killed three soldiers near Palmyra on Monday, Syrian state media "
            "said.",
            expect={"precision": 2, "country": "SY"},
        ),
    ],
)
DIRECTION = register(
    "places.direction",
    fact="place",
    summary="'eastern Aleppo', 'northern Syria': a part of the place named",
    examples=[
        Example(
            "Fighting in northern Syria killed 25 people on Saturday, a monitor said.",
            expect={"country": "SY", "precision": 5},
        ),
    ],
)
COUNTRYSIDE = register(
    "places.countryside",
    fact="place",
    summary="'Hama countryside', 'rural Idlib': the province around the city (precision 4)",
    examples=[
        Example(
            "Air strikes killed 11 people in the Hama countryside on Sunday, a monitor said.",
            expect={"precision": 4, "country": "SY"},
        ),
    ],
)

SEAT = register(
    "places.seat",
    fact="place",
    summary="a district or province named plainly after its town: the town is meant, "
    "however small the gazetteer says it is",
    examples=[
        Example(
            "Air strikes killed 11 civilians in Maarat al-Numan on Monday, the Syrian "
            "Observatory for Human Rights said.",
            expect={"text": "Maarat al-Numan", "admin1": "Idlib", "precision": 1},
        ),
    ],
)

# The part of a gazetteer ranking that decided (gazetteer.Ranked.deciding) -> its rule.
RANKING_RULES: dict[str, Rule] = {
    "only": ONLY_CANDIDATE,
    "country": COUNTRY_CONTEXT,
    "admin": ADMIN_WORDS,
    "kind": ADMIN_WORDS,
    "near": NEAR_OTHER_PLACES,
    "population": POPULATION,
    "primary": PRIMARY_NAME,
    "entry": COUNTRY_OR_PROVINCE,
    "seat": SEAT,
    "imported": IMPORTED,
}


def names(*rules: Rule | str | None) -> str | None:
    """The rule names of a fact joined by "+", each once, in order (None when there are none)."""
    out: list[str] = []
    for r in rules:
        if r is None:
            continue
        for part in (r.name if isinstance(r, Rule) else r).split("+"):
            if part and part not in out:
                out.append(part)
    return "+".join(out) or None


def notes(*parts: str | None) -> str | None:
    """Words of a place's note joined by "; ", each once."""
    out: list[str] = []
    for p in parts:
        if p:
            for piece in p.split("; "):
                if piece and piece not in out:
                    out.append(piece)
    return "; ".join(out) or None
