"""Victims counted without a number: named one by one or by their role (figures/persons.py)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from tollwatch.extract import extract_text
from tollwatch.extract.figures.victim_lists import escorted


def _claims(text: str, figure: str = "killed") -> list[tuple[int, str, str | None]]:
    record = extract_text(text)
    return [
        (c.value, c.count_text, c.part_of is not None) for c in record.claims if c.figure == figure
    ]


@pytest.mark.parametrize(
    ("text", "figure", "value", "words"),
    [
        (
            "Judge Mario Esquivel died in the explosion, police said.",
            "killed",
            1,
            "Judge Mario Esquivel",
        ),
        (
            "Witnesses said Pedro Alvarado and Jaime Ortiz were shot to death outside the bank.",
            "killed",
            2,
            "Pedro Alvarado and Jaime Ortiz",
        ),
        ("Gunmen later killed the driver of the truck.", "killed", 1, "the driver"),
        (
            "On Tuesday an air strike killed the father, mother and sister of a local radio "
            "presenter in their home.",
            "killed",
            3,
            "the father, mother and sister",
        ),
        ("The mayor was seriously wounded in the ambush.", "injured", 1, "The mayor"),
        (
            "A farmer died on the spot and another person was injured by the drone.",
            "injured",
            1,
            "another person",
        ),
        (
            "Residents mourned the assassination of Carlos Mejia in the capital.",
            "killed",
            1,
            "Carlos Mejia",
        ),
        (
            "Teacher Maryam Haddad lost her life when the shell hit.",
            "killed",
            1,
            "Teacher Maryam Haddad",
        ),
    ],
)
def test_people_named_count_one_each(text, figure, value, words):
    assert (value, words, False) in _claims(text, figure)


def test_people_named_and_counts_beside_them_add_up():
    claims = _claims(
        "Youssef Darwish was killed along with his two daughters when the missile hit the house."
    )
    assert (1, "Youssef Darwish", True) in claims
    totals = [c for c in claims if c[0] == 3]
    assert totals and totals[0][1].startswith("Youssef Darwish") and totals[0][1].endswith("two")


def test_a_role_and_a_count_in_one_list():
    claims = _claims("The envoy survived, but his bodyguard and one of his aides were killed.")
    assert (2, "his bodyguard and one", False) in claims


@pytest.mark.parametrize(
    "text",
    [
        "The minister was not hurt in the attack.",
        "The rebels threatened to kill the governor.",
        "He died in hospital two days later.",  # a pronoun: figures.pronoun_victim counts it
        "The victim was taken to hospital where she died.",
        "Government forces will kill the mayor if he returns, the group warned.",
        "Monitor AFP Civilians Killed In Aleppo",
    ],
)
def test_no_one_is_counted(text):
    record = extract_text(text)
    assert [c for c in record.claims if c.rule and "named_victims" in c.rule] == []


def test_a_wire_report_in_capitals_counts_a_corporal_and_a_guerrilla():
    text = (
        "SAN MIGUEL, 3 APR 90 (RADIO VENCEREMOS) -- [TEXT] A CORPORAL AND A GUERRILLA WERE "
        "KILLED AND A LIEUTENANT AND FIVE PEASANTS WERE INJURED IN A CLASH NEAR THE BRIDGE."
    )
    record = extract_text(text)
    killed = {c.value for c in record.claims if c.figure == "killed"}
    injured = {c.value for c in record.claims if c.figure == "injured"}
    assert 2 in killed
    assert 6 in injured


@pytest.mark.parametrize(
    ("text", "figure", "value", "words"),
    [
        (
            "POLICE ARE SEARCHING FOR THE GUNMEN WHO AMBUSHED FORMER SENATOR RAUL SALINAS PARDO, "
            "WHO WAS MURDERED IN A BOMB ATTACK YESTERDAY.",
            "killed",
            1,
            "SENATOR RAUL SALINAS PARDO",
        ),
        (
            "The guard fired back and hit the gunman, who died in the street.",
            "killed",
            1,
            "the gunman",
        ),
        (
            "The governor visited the police officer, who was wounded in the raid.",
            "injured",
            1,
            "the police officer",
        ),
        (
            "Relatives buried the mayor, whom gunmen killed the day before, in his home town.",
            "killed",
            1,
            "the mayor",
        ),
    ],
)
def test_the_antecedent_of_a_relative_clause_is_the_victim(text, figure, value, words):
    record = extract_text(text)
    assert (value, words, "figures.relative_victim") in [
        (c.value, c.count_text, c.rule) for c in record.claims if c.figure == figure
    ]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "On Sunday, 52-year-old Nabil Fathi Shamlakh was reportedly killed by gunfire near "
            "the crossing.",
            "Nabil Fathi Shamlakh",
        ),
        (
            "In the early hours, 19-year-old Samer Akram Yousef Al-Hindi was killed when the "
            "drone struck the street.",
            "Samer Akram Yousef Al-Hindi",
        ),
    ],
)
def test_a_name_after_an_age_is_a_person(text, words):
    # the model may take such a name for a building or an organisation: the age says who
    assert (1, words, False) in _claims(text)


def test_companions_with_a_range_add_up_to_a_range():
    record = extract_text(
        "On Tuesday a 31-year-old paramedic, Yousef Karaja, was killed alongside at least "
        "10 to 12 other civilians in the strike on the school."
    )
    totals = [c for c in record.claims if c.rule == "figures.companions_total"]
    assert [(c.value, c.low, c.high) for c in totals] == [(11, 11, 13)]
    main = next(i for i in record.incidents if i.id == record.main_incident)
    assert main.headline["killed"] == totals[0].id
    assert all(c.part_of == totals[0].id for c in record.claims if c is not totals[0])


def test_a_pronoun_counts_with_the_companions_it_was_killed_with():
    claims = _claims("The missile hit the flat and killed him along with his wife and two sons.")
    assert any(value == 4 and not part for value, _words, part in claims)


def test_the_companions_count_is_a_figure_of_its_own():
    claims = _claims(
        "A local commander was killed together with at least six members of his family when "
        "the house was hit."
    )
    assert (6, "at least six", True) in claims
    assert any(value == 7 and not part for value, _words, part in claims)


@pytest.mark.parametrize(
    "text",
    [
        "Officials questioned the suspect, who threatened to kill the mayor.",
        "The guard fired at the gunman, who was not hurt and fled.",
        "Doctors treated the victim, who died later in hospital.",
    ],
)
def test_no_one_is_counted_through_a_relative_clause(text):
    record = extract_text(text)
    assert [c for c in record.claims if c.rule == "figures.relative_victim"] == []


def test_kidnapped_then_found_dead_counts_for_both_figures():
    record = extract_text(
        "THE PARTY SAID THAT ITS LEADER JAIME ORTEGON, WHO WAS KIDNAPPED IN THE CAPITAL ON "
        "MONDAY, WAS FOUND DEAD."
    )
    figures = {(c.figure, c.value) for c in record.claims}
    assert ("kidnapped", 1) in figures
    assert ("killed", 1) in figures


@pytest.mark.parametrize(
    ("text", "figure", "words"),
    [
        (
            "The minister accused the rebels of murdering Jorge Luis Medina in his home.",
            "killed",
            "Jorge Luis Medina",
        ),
        (
            "GUNMEN THREW A GRENADE AT THE STATION, INJURING HUMBERTO CASTANEDA WHO WAS ON GUARD.",
            "injured",
            "HUMBERTO CASTANEDA",
        ),
        (
            "THE GROUP DENIED ANY PART IN THE MURDERS OF ERNESTO VILLAMIZAR AND TERESA QUIJANO.",
            "killed",
            "ERNESTO VILLAMIZAR AND TERESA QUIJANO",
        ),
    ],
)
def test_a_name_after_a_gerund_or_a_plural_act_is_parsed(text, figure, words):
    # a sentence with no number is parsed only for the cue words of victims named
    record = extract_text(text)
    assert words in [c.count_text for c in record.claims if c.figure == figure]


def test_a_wire_tag_the_parse_took_for_the_subject():
    record = extract_text(
        "QUITO, 3 MAR 90 (RADIO QUITO) -- [EXCERPTS] ROBERTO ALMEIDA, PRESIDENT OF THE "
        "DRIVERS' UNION, IS SERIOUSLY INJURED IN THE MILITARY HOSPITAL."
    )
    assert [(c.value, c.count_text) for c in record.claims if c.figure == "injured"] == [
        (1, "ROBERTO ALMEIDA")
    ]


def test_people_named_among_the_wounded_with_their_ages():
    record = extract_text(
        "AMONG THE WOUNDED ARE HERNAN PATINO, 34; LUZ MARINA OSPINA, 27; FABIOLA RENGIFO; "
        "AND ARMANDO QUIROGA."
    )
    injured = [(c.value, c.rule) for c in record.claims if c.figure == "injured"]
    assert (4, "figures.among_named") in injured
    assert all(value < 20 for value, _ in injured)  # an age is no count


@pytest.mark.parametrize(
    ("text", "figure", "words"),
    [
        (
            "SAN SALVADOR, 4 DEC 89 (RADIO CADENA) -- [TEXT] A FRENCH PHOTOGRAPHER WAS HIT BY A "
            "STRAY BULLET IN MEJICANOS. HE DIED AN HOUR LATER AT THE MILITARY HOSPITAL.",
            "killed",
            "HE",
        ),
    ],
)
def test_a_pronoun_counts_one_when_no_one_else_is_counted(text, figure, words):
    record = extract_text(text)
    assert [(c.value, c.count_text, c.rule) for c in record.claims if c.figure == figure] == [
        (1, words, "figures.pronoun_victim")
    ]


@pytest.mark.parametrize(
    ("text", "figure", "words"),
    [
        (
            "Soldiers stopped a bus driver at the checkpoint and beat him, wounding him.",
            "injured",
            "a bus driver",
        ),
        # one person more, though the report counts others
        (
            "SAN SALVADOR, 4 MAR 90 (RADIO VENCEREMOS) -- [TEXT] AT 1030 TODAY A SOLDIER FIRED "
            "HIS RIFLE AT A PEASANT WOMAN, WOUNDING HER IN THE LEG. THE AIR FORCE ALSO STRAFED "
            "THE TOWN OF GUAZAPA, WHERE IT KILLED 4 AND WOUNDED 9 CIVILIANS.",
            "injured",
            "A PEASANT WOMAN",
        ),
    ],
)
def test_a_pronoun_told_of_in_its_own_sentence_counts_that_person(text, figure, words):
    record = extract_text(text)
    claims = [(c.value, c.count_text, c.rule) for c in record.claims if c.figure == figure]
    assert (1, words, "figures.antecedent_victim") in claims


@pytest.mark.parametrize(
    "text",
    [
        # the report counts the dead: he is one of them
        "Three soldiers were killed in the ambush on the road. He died before help came.",
        # twice "he": still one person
        "The mayor was shot in the street. He died on the way to hospital, and he was buried today.",
    ],
)
def test_a_pronoun_adds_no_one_to_a_count(text):
    record = extract_text(text)
    killed = [c for c in record.claims if c.figure == "killed"]
    assert len([c for c in killed if c.rule == "figures.pronoun_victim"]) <= 1
    if any(c.rule != "figures.pronoun_victim" for c in killed):
        assert all(c.rule != "figures.pronoun_victim" for c in killed)


@pytest.mark.parametrize(
    "text",
    [
        "It is unclear whether Judge Ana Villegas was killed in the blast.",
        "Relatives did not know if Omar Haddad or his brother were among the wounded.",
        "Samir Odeh or his cousin Walid was killed in the strike, a neighbour said.",
    ],
)
def test_a_victim_who_may_be_one_is_not_counted(text):
    record = extract_text(text)
    assert [c for c in record.claims if c.figure in ("killed", "injured")] == []


def test_people_named_among_a_larger_count_are_some_of_the_victims():
    record = extract_text(
        "Dozens of people were wounded in the strike. Among the wounded were Ahmad Saleh "
        "and his son Karim."
    )
    named = [c for c in record.claims if c.rule == "figures.among_named"]
    assert named and named[0].value == 2
    (inc,) = record.incidents
    assert inc.headline.get("injured") != named[0].id


def test_companions_along_with_a_count_add_up():
    record = extract_text(
        "MAYOR JORGE ELIECER TOVAR, 52, WAS KILLED AT 0930 NEAR THE TOWN HALL IN IBAGUE, "
        "ALONG WITH TWO OF HIS ESCORTS, POLICE SAID."
    )
    assert 3 in [c.value for c in record.claims if c.figure == "killed"]


@pytest.mark.parametrize(
    "text",
    [
        "Two men were killed with two rockets fired at their car.",
        # the victims of another figure are no companions
        "Two civilians were killed with at least 30 injured in the shelling, the monitor said.",
    ],
)
def test_things_or_other_figures_killed_with_are_no_companions(text):
    assert [value for value, _words, part in _claims(text) if not part] == [2]


@pytest.mark.parametrize(
    ("text", "total"),
    [
        # a surname in capitals the names rule does not take for a person
        ("MENDOZA WAS SHOT TO DEATH ALONG WITH TWO OTHER POLICEMEN WHOSE NAMES WERE NOT GIVEN.", 3),
        (
            "SALAZAR WAS KILLED TOGETHER WITH FOUR OTHER PEASANTS WHOSE NAMES HAVE NOT BEEN RELEASED.",
            5,
        ),
    ],
)
def test_companions_called_other_add_the_victim_they_are_with(text, total):
    record = extract_text(text)
    assert total in [c.value for c in record.claims if c.rule == "figures.companions_total"]


@pytest.mark.parametrize(
    ("text", "figure", "value"),
    [
        # members after semicolons and after the list's "and", which the parse hangs on the
        # member before in apposition
        (
            "LIMA, 4 MAR 90 (EFE) -- [TEXT] THE BOMB EXPLODED AT APPROXIMATELY 0900, KILLING "
            "ROSA MARIA QUISPE, 33; JUAN QUISPE, 12; A WOMAN KNOWN ONLY AS CARMEN; PEDRO ALVA "
            "TORRES, AND A SOLDIER WHO DIED AT THE MILITARY HOSPITAL.",
            "killed",
            5,
        ),
    ],
)
def test_every_member_of_a_list_of_victims_counts(text, figure, value):
    assert value in {c[0] for c in _claims(text, figure)}


@pytest.mark.parametrize(
    ("text", "figure", "value"),
    [
        # names in apposition to a count name the people counted: no more of them
        (
            "BOGOTA, 4 MAR 90 (AFP) -- [TEXT] TWO JOURNALISTS, ORLANDO VEGA AND LUIS PENA, "
            "WERE KILLED BY GUNMEN IN TWO SEPARATE ATTACKS.",
            "killed",
            4,
        ),
        # a description of the list is no member of it
        (
            "PRIESTS TOMAS AGUIRRE, LUIS MIGUEL SOTO, RAFAEL ORTEGA, ANDRES MEJIA, AND PABLO "
            "CORTES, THE FIRST FOUR COLOMBIANS AND THE LAST A PERUVIAN, WERE KILLED IN CALI.",
            "killed",
            9,
        ),
        # nor is what a description of one member is coordinated with
        (
            "RAMIRO LOPEZ, THE MANAGER OF THE BANK AND ONE OF THE BEST KNOWN BUSINESSMEN OF THE "
            "CITY, WAS SHOT TO DEATH ON 24 AUGUST.",
            "killed",
            2,
        ),
    ],
)
def test_descriptions_of_a_list_are_not_its_members(text, figure, value):
    assert value not in {c[0] for c in _claims(text, figure)}


@pytest.mark.parametrize(
    ("text", "figure", "value"),
    [
        (
            "QUITO, 4 MAR 90 (RADIO QUITO) -- [TEXT] THE MEN ABOARD THE BOAT, WHO WORE MILITARY "
            "UNIFORMS, FIRED ON THE RAFT, KILLED A PERUVIAN, AND WOUNDED AN ECUADOREAN.",
            "injured",
            1,
        ),
        (
            "Lima, 14 Dec 88 (EFE) -- [Text] Moreover, one of the bodyguards of Senator Carlos "
            "Arana is recovering in a clinic in Lima from an attack by alleged terrorists who shot "
            "him on Tuesday.",
            "injured",
            1,
        ),
        (
            "Two soldiers were killed and three others are recovering in hospital after the "
            "ambush near Ayacucho.",
            "injured",
            3,
        ),
    ],
)
def test_one_of_a_people_and_people_recovering(text, figure, value):
    assert value in {c[0] for c in _claims(text, figure)}


def test_a_count_before_n_of_them_takes_the_figure_of_the_clause_after_them():
    told = extract_text(
        "MADRID, 4 MAR 90 (EFE) -- [TEXT] THE MINISTER RETURNED AFTER ATTENDING THE FUNERAL OF "
        "SEVEN NUNS, FOUR OF THEM SPANIARDS, WHO WERE KILLED ON SUNDAY."
    )
    assert 7 in {c.value for c in told.claims if c.figure == "killed"}
    # the four have a verb of their own: the twelve were not killed
    own = extract_text(
        "LIMA, 4 MAR 90 (EFE) -- [TEXT] THE REBELS HELD 12 HOSTAGES, FOUR OF THEM WERE KILLED "
        "LATER."
    )
    assert 12 not in {c.value for c in own.claims if c.figure == "killed"}


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        (
            "CARTAGENA, 9 JUN 90 -- [TEXT] THE BURST OF GUNFIRE ALSO WOUNDED TWO OF THE "
            "BODYGUARDS ACCOMPANYING JUDGE CHAVEZ AS HE LEFT THE COURTHOUSE.",
            "injured",
        ),
        ("TWO BODYGUARDS ACCOMPANYING MAYOR GAVIRIA WERE WOUNDED IN THE ATTACK.", "injured"),
        ("Two bodyguards accompanying Mayor Gaviria were wounded in the attack.", "injured"),
        ("THE AMBUSH KILLED THREE OF THE SOLDIERS ESCORTING COLONEL BENAVIDES.", "killed"),
        ("The grenade wounded a policeman who was with Judge Chavez at the gate.", "injured"),
    ],
)
def test_the_person_the_victims_were_with_is_no_victim(text, figure):
    """ "two of the bodyguards accompanying Judge Chavez": the judge is who they escorted."""
    record = extract_text(text)
    assert not [
        c
        for c in record.claims
        if c.figure == figure
        and c.value == 1
        and c.count_text
        and c.count_text.lower().split()[-1] in ("chavez", "gaviria", "benavides")
    ]


@pytest.mark.parametrize(
    ("words", "start", "escort"),
    [
        ("two of the bodyguards accompanying Judge Chavez", 5, True),
        ("three soldiers who were with Colonel Vega", 5, True),
        ("a bodyguard travelling with the mayor", 4, True),
        ("the driver and Judge Chavez", 3, False),
        ("the bodyguards and Judge Chavez", 4, False),
        ("the bodyguards of Judge Chavez", 4, False),
    ],
)
def test_escorted_reads_the_words_before_a_person(words, start, escort):
    doc = Doc(spacy.blank("en").vocab, words=words.split())
    assert escorted(doc, start) is escort


@pytest.mark.parametrize(
    "text",
    [
        "THE MAYOR WAS ALMOST KILLED WHEN THE BOMB EXPLODED UNDER HIS CAR.",
        "Judge Hector Villalba was nearly killed in the ambush on the highway.",
        "Colonel Rojas narrowly escaped death when gunmen opened fire on his jeep.",
        "FOUR PEASANTS WERE ALMOST KILLED WHEN THE MORTAR ROUND LANDED BESIDE THEIR HUT.",
        "The mortar round nearly killed three farmers working in the field.",
    ],
)
def test_a_near_miss_kills_no_one(text):
    assert _claims(text) == []


def test_almost_before_a_number_is_the_numbers():
    assert (30, "Almost 30", False) in _claims("Almost 30 people were killed in the raid.")
