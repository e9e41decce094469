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
