"""Incidents told apart by the report's discourse, not by how near figures stand.

Every report here is written for these tests in the style of wire reports.
"""

from __future__ import annotations

from datetime import date

from tollwatch.extract import extract_report, make_report
from tollwatch.model import ReportRecord


def extract(text: str, *, published: str | None = "2018-03-10") -> ReportRecord:
    return extract_report(
        make_report(text, published=date.fromisoformat(published) if published else None)
    )


def claim(record: ReportRecord, count_text: str, nth: int = 0):
    found = [c for c in record.claims if c.count_text == count_text]
    assert len(found) > nth, f"no claim {count_text!r} in {[c.count_text for c in record.claims]}"
    return found[nth]


def alone(record: ReportRecord, count_text: str) -> bool:
    """The claim has an incident of its own that no other claim shares."""
    c = claim(record, count_text)
    return c.incident is not None and all(
        x.incident != c.incident for x in record.claims if x.id != c.id
    )


def test_every_claim_says_why_it_is_where_it_is(nlp):
    record = extract(
        "Shelling killed five people in Douma on Thursday, activists said. The war has killed "
        "more than 400,000 people since 2011."
    )
    assert {c.incident_rule for c in record.claims} == {
        "incidents.first",
        "incidents.situation",
    }


def test_another_town_opens_another_incident(nlp):
    record = extract(
        "An air strike killed nine people in the town of Saraqeb on Thursday, the monitor "
        "said. Air strikes also killed four civilians in the town of Maarat al-Numan."
    )
    assert claim(record, "nine").incident != claim(record, "four").incident
    assert claim(record, "four").incident_rule == "incidents.new_place"


def test_the_same_town_named_again_is_the_same_incident(nlp):
    record = extract(
        "An air strike killed nine people in the town of Saraqeb on Thursday, the monitor "
        "said. Rescuers in Saraqeb said four more bodies were pulled from the rubble."
    )
    assert claim(record, "nine").incident == claim(record, "four").incident


def test_the_lead_is_the_story_its_title_sums_up(nlp):
    # The title names the province's city, the lead the town: one story.
    record = extract(
        "Dozens killed in strikes on Idlib market\n"
        "Air strikes on a market in Saraqeb killed at least 44 people on Thursday, "
        "rescuers said."
    )
    assert claim(record, "Dozens").incident == claim(record, "at least 44").incident


def test_other_areas_of_the_province_are_another_incident(nlp):
    record = extract(
        "An air strike killed eight people at a market in Saraqeb on Thursday. A further five "
        "were killed in strikes on several other towns of the province, the monitor said."
    )
    assert claim(record, "eight").incident != claim(record, "five").incident


def test_an_added_total_whose_parts_are_different_attacks_belongs_to_none(nlp):
    record = extract(
        "At least eight people were killed in the town of Rastan on Thursday, the monitor "
        "said. Five of them died in air strikes on the market. Another three were killed in "
        "shelling earlier in the day."
    )
    five, three = claim(record, "Five"), claim(record, "three")
    assert five.incident != three.incident
    added = [c for c in record.claims if c.total]
    assert all(c.incident is None for c in added)


def test_a_title_is_dated_by_the_rest_of_its_lead(nlp):
    record = extract(
        "Coalition jets kill 9 militants near Manbij\n"
        "Turkish artillery also shelled the militants' positions on Saturday as they prepared "
        "to fire across the border, the army said.",
        published="2018-03-11",
    )
    inc = next(i for i in record.incidents if i.id == claim(record, "9").incident)
    assert inc.date is not None
    assert inc.date.start == date(2018, 3, 10)
    assert inc.date.rule.startswith("dates.lead")


def test_the_same_toll_told_again_elsewhere_in_words_is_the_same_incident(nlp):
    record = extract(
        "A car bomb killed 12 people in the town of Sarmin on Friday, the monitor said. "
        "Twelve people were killed in a car bomb blast at a market in the town of Binnish.",
    )
    assert claim(record, "12").incident == claim(record, "Twelve").incident


def test_a_place_the_words_set_things_near_is_no_other_town(nlp):
    record = extract(
        "An air strike killed nine people in the town of Sarmin on Monday, the monitor said. "
        "Air strikes also killed four civilians south of Binnish.",
    )
    assert claim(record, "nine").incident == claim(record, "four").incident


def test_in_text_all_in_capitals_another_town_opens_no_incident(nlp):
    record = extract(
        "AN AIR STRIKE KILLED NINE PEOPLE IN THE TOWN OF SARMIN ON MONDAY, THE MONITOR SAID. "
        "AIR STRIKES ALSO KILLED FOUR CIVILIANS IN THE TOWN OF BINNISH.",
    )
    assert claim(record, "NINE").incident == claim(record, "FOUR").incident


# ------------------------------------------------- "Meanwhile" in the middle of a run-on line


def test_meanwhile_mid_sentence_leaves_what_comes_before_with_the_story(nlp):
    record = extract(
        "Rocket shells killed two people in the Midan neighbourhood of Homs city on Monday, "
        "police said. Later in the evening rocket shells fired on the Akrama neighbourhood "
        "killed three more people in Homs city Meanwhile in Hama city four people were "
        "injured by mortar rounds fired on the Arbaeen neighbourhood."
    )
    two, three, four = claim(record, "two"), claim(record, "three"), claim(record, "four")
    assert two.incident == three.incident
    assert four.incident != three.incident
    assert four.incident_rule == "incidents.new_story_within"


def test_a_run_in_headline_told_again_after_meanwhile_is_one_story(nlp):
    record = extract(
        "Mortar shells killed two people in Homs city on Monday, police said. Seven people "
        "wounded in Zahraa and Nuzha in Homs Meanwhile local sources said 7 people were "
        "wounded by mortar shells fired on Zahraa and Nuzha."
    )
    assert claim(record, "Seven").incident == claim(record, "7").incident
    assert claim(record, "two").incident != claim(record, "7").incident


def test_meanwhile_mid_sentence_in_capitals_splits_nothing(nlp):
    record = extract(
        "ROCKET SHELLS KILLED TWO PEOPLE IN HOMS ON MONDAY. LATER ROCKETS KILLED THREE MORE "
        "PEOPLE IN HOMS MEANWHILE IN HAMA FOUR PEOPLE WERE INJURED BY MORTAR ROUNDS."
    )
    assert all(c.incident_rule != "incidents.new_story_within" for c in record.claims)


# ------------------------------------------------------- tolls summed over attacks or a period


def test_a_toll_of_the_past_day_is_an_incident_of_its_own(nlp):
    record = extract(
        "At least 40 people have been killed in Idlib province in the past 24 hours, the "
        "monitor said. An air strike on a market in Saraqeb killed 12 people on Tuesday and "
        "wounded 30. Shelling on the town of Binnish killed six."
    )
    assert alone(record, "At least 40")
    assert claim(record, "At least 40").incident_rule == "incidents.summed"
    assert claim(record, "12").incident == claim(record, "30").incident
    assert claim(record, "12").incident != claim(record, "At least 40").incident
    # the report's lead toll is still its main incident's headline
    main = next(i for i in record.incidents if i.id == record.main_incident)
    assert main.headline["killed"] == claim(record, "At least 40").id


def test_strikes_on_several_hospitals_sum_their_tolls(nlp):
    record = extract(
        "Air strikes on three hospitals in the south of Idlib province left 11 people dead "
        "on Wednesday, the monitor said. In the town of Kafranbel, a strike on the central "
        "hospital killed five nurses."
    )
    assert alone(record, "11")


def test_the_number_brought_to_a_total_is_not_the_sum(nlp):
    record = extract(
        "At least 12 civilians were killed by air strikes on the Bustan al-Qasr district on "
        "Monday, bringing the number killed in three days of bombardment to 60."
    )
    assert claim(record, "At least 12").incident_rule != "incidents.summed"


def test_strikes_on_several_neighbourhoods_of_one_city_are_one_incident(nlp):
    record = extract(
        "Government air strikes on several neighbourhoods of eastern Aleppo killed 27 "
        "civilians on Friday, rescuers said. Nine of them died when a strike hit a bakery."
    )
    assert claim(record, "27").incident_rule != "incidents.summed"


def test_the_day_the_story_reached_carries_over_to_the_next_attack(nlp):
    record = extract(
        "Strikes across Idlib province killed 20 civilians on Thursday, the monitor said. A "
        "strike on the hospital of Kafr Takharim killed seven people, the monitor said. On "
        "Saturday an air raid on another clinic had wounded five people."
    )
    assert alone(record, "20")
    assert claim(record, "seven").incident != claim(record, "five").incident
    assert claim(record, "five").incident_rule == "incidents.new_day"


def test_a_tally_across_several_attacks_is_an_incident_of_its_own(nlp):
    record = extract(
        "An air strike on a house in the village of Kafr Zita killed eight members of one "
        "family on Tuesday night, rescuers said. A local council said funerals were held "
        "for 31 people killed across several attacks in the area that night."
    )
    assert claim(record, "31").incident_rule == "incidents.summed"
    assert claim(record, "31").incident != claim(record, "eight").incident


# -------------------------------------------------- the background of a war is no incident


def test_a_tally_since_the_day_the_war_began_is_of_no_incident(nlp):
    record = extract(
        "An air strike on a clinic in the town of Sarmin killed three nurses on Tuesday, "
        "the medical charity said. The charity said 212 medical staff have been killed "
        "since 14 March 2019."
    )
    assert claim(record, "212").incident is None
    assert claim(record, "212").incident_rule == "incidents.situation"
    main = next(i for i in record.incidents if i.id == record.main_incident)
    assert main.estimates["killed"].high == 3


def test_a_tally_by_a_date_is_of_no_incident(nlp):
    record = extract(
        "Shelling killed four civilians in the town of Nawa on Monday, the monitor said. "
        "The union said 57 aid workers had been killed by 2 February."
    )
    assert claim(record, "57").incident is None


def test_a_tally_over_the_campaign_is_of_no_incident(nlp):
    record = extract(
        "A drone strike killed two brothers in the village of Binnish on Sunday, relatives "
        "said. A cousin wrote that 40 members of the family had been killed in all during "
        "the campaign."
    )
    assert claim(record, "40").incident is None
    assert claim(record, "two").incident is not None


def test_a_tally_between_two_dates_is_of_no_incident(nlp):
    record = extract(
        "A shell killed two teachers in the town of Nawa on Monday, the ministry said. It "
        "published a list of 340 teachers killed between 1 March 2019 and 30 June 2020."
    )
    assert claim(record, "340").incident is None


def test_a_strike_on_a_date_is_not_a_tally(nlp):
    record = extract(
        "Five civilians were killed by artillery fire on 3 March in the town of Nawa, the "
        "monitor said."
    )
    assert claim(record, "Five").incident is not None


# --------------------------------------------------------- displacement told as an event


def test_people_displaced_by_clashes_are_an_incident(nlp):
    record = extract(
        "About 2,500 people were displaced by clashes between the army and rebels in the "
        "village of Mabanga on 14 March.",
        published=None,
    )
    c = claim(record, "About 2,500")
    assert c.incident is not None
    assert c.incident_rule == "incidents.displacement_event"


def test_people_living_displaced_are_a_situation(nlp):
    record = extract(
        "Some 12,000 people remain displaced and are living in camps on the edge of the town.",
        published=None,
    )
    assert claim(record, "Some 12,000").incident is None


def test_in_a_report_of_deaths_the_displaced_are_the_background(nlp):
    record = extract(
        "Shelling killed six people in the town of Nawa on Monday, activists said. Thousands "
        "of residents fled the town after the shelling, and 20,000 people were displaced by "
        "the fighting last month."
    )
    assert claim(record, "20,000").incident is None


def test_the_actor_of_the_event_this_one_avenges_is_not_its_perpetrator(nlp):
    record = extract(
        "Some 300 families were forced to flee the village of Bashir on 12 May when their "
        "homes were burned in revenge for an Islamic State attack on a checkpoint.",
        published=None,
    )
    inc = next(i for i in record.incidents if i.id == claim(record, "Some 300").incident)
    assert all("Islamic State" not in p.actor for p in inc.perpetrators)
