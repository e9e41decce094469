"""The ``incidents`` stage: claims grouped into incidents, typed, blamed, with headline and main.

The reports here and in tests/golden/incidents/ are written for these tests in the style of
wire reports. The golden files are hand-written expectations (not snapshots): for each claim
its claimant and incident, for each incident its type, actors, blamers and headline figure,
and the report's main incident. Incident letters ("A", "B") stand for whatever ids the stage
gives, consistently within a report.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tollwatch.extract import extract_report, make_report
from tollwatch.extract.incidents import CASUALTY_FIGURES
from tollwatch.model import SUB_EVENT_TO_EVENT, ReportRecord

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "incidents"


def extract(
    text: str, *, published: str | None = "2018-03-10", title: str | None = None
) -> ReportRecord:
    return extract_report(
        make_report(
            text,
            title=title,
            published=date.fromisoformat(published) if published else None,
        )
    )


def claim(record: ReportRecord, count_text: str, nth: int = 0):
    found = [c for c in record.claims if c.count_text == count_text]
    assert len(found) > nth, f"no claim {count_text!r} in {[c.count_text for c in record.claims]}"
    return found[nth]


def incident(record: ReportRecord, incident_id: str | None):
    return next(i for i in record.incidents if i.id == incident_id)


# --- golden reports ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*.json")), ids=lambda p: p.stem)
def test_golden(nlp, path: Path):
    data = json.loads(path.read_text(encoding="utf-8"))
    record = extract(data["text"], published=data["published"], title=data["title"])
    expected = data["expected"]
    letters: dict[str, str] = {}
    seen: dict[str, int] = {}
    for want in expected["claims"]:
        n = seen.get(want["count_text"], 0)
        seen[want["count_text"]] = n + 1
        got = claim(record, want["count_text"], n)
        assert got.figure == want["figure"], want
        assert got.claimant == want["claimant"], want
        assert got.claimant_kind == want["claimant_kind"], want
        if want["incident"] is None:
            assert got.incident is None, want
        else:
            assert got.incident is not None, want
            assert letters.setdefault(want["incident"], got.incident) == got.incident, want
        if want.get("update"):
            assert got.update_of is not None, want
    assert len(set(letters.values())) == len(letters)
    for letter, want in expected["incidents"].items():
        inc = incident(record, letters[letter])
        assert inc.sub_event_type == want["sub_event_type"], (letter, inc)
        assert inc.event_type == SUB_EVENT_TO_EVENT[want["sub_event_type"]]
        actors = {p.actor for p in inc.perpetrators}
        if want["actors"]:
            assert set(want["actors"]) <= actors, (letter, inc.perpetrators)
        else:
            assert not actors, (letter, inc.perpetrators)
        for actor, blamer in want.get("blamed_by", {}).items():
            assert any(p.actor == actor and p.alleged_by == blamer for p in inc.perpetrators), (
                letter,
                inc.perpetrators,
            )
        head = next(c for c in record.claims if c.id == inc.headline["killed"])
        assert head.count_text == want["headline_killed"], (letter, head)
    assert record.main_incident == letters[expected["main"]]


# --- grouping ---------------------------------------------------------------------------------


def test_new_event_type_and_day_start_new_incidents(nlp):
    record = extract(
        "Rocket fire on the town of Azaz killed seven people on Monday, residents said. "
        "On Tuesday, an air strike on a bakery in the same town killed 12 people, activists said."
    )
    first, second = claim(record, "seven"), claim(record, "12")
    assert first.incident and second.incident and first.incident != second.incident
    assert incident(record, first.incident).sub_event_type == "Shelling/artillery/missile attack"
    assert incident(record, second.incident).sub_event_type == "Air/drone strike"


def test_continuation_joins_the_last_incident(nlp):
    record = extract(
        "A suicide bomber blew himself up at a checkpoint in Qamishli, killing 16 people. "
        "Police said four of the dead were policemen, and the attack also wounded 30."
    )
    killed = claim(record, "16")
    assert claim(record, "30").incident == killed.incident
    assert incident(record, killed.incident).sub_event_type == "Suicide bomb"


def test_meanwhile_opens_another_incident_of_the_same_kind(nlp):
    record = extract(
        "Shelling on the eastern districts killed 14 people, the monitor said. "
        "Meanwhile, shelling on the western side of the city killed five people, state media said."
    )
    assert claim(record, "14").incident != claim(record, "five").incident


def test_situation_figures_belong_to_no_incident(nlp):
    record = extract(
        "An air strike on a school in Idlib killed nine children on Sunday. "
        "The war has killed more than 350,000 people since it began in 2011, and more than "
        "6 million people have fled the country."
    )
    assert claim(record, "nine").incident is not None
    assert claim(record, "more than 350,000").incident is None
    assert claim(record, "more than 6 million").incident is None


def test_rising_toll_is_kept_as_two_claims_and_the_update_is_the_headline(nlp):
    record = extract(
        "A car bomb exploded at a busy market in Jableh on Friday, killing 20 people, the "
        "Interior Ministry said. The toll later rose to 35, state television said."
    )
    first, later = claim(record, "20"), claim(record, "35")
    assert first.incident == later.incident
    assert later.update_of == first.id
    assert incident(record, first.incident).headline["killed"] == later.id


def test_a_smaller_later_number_is_not_an_update(nlp):
    record = extract(
        "Air strikes on Douma killed 40 people on Monday, the monitor said. The toll rose to "
        "12 children, medics said."
    )
    assert claim(record, "12").update_of is None


def test_headline_prefers_a_stated_number_and_the_whole_figure(nlp):
    record = extract(
        "Dozens killed in strikes on Idlib market\n"
        "Air strikes on a market in Saraqeb killed at least 44 people, including 10 children, "
        "on Monday, rescuers said."
    )
    inc = incident(record, record.main_incident)
    assert inc.headline["killed"] == claim(record, "at least 44").id


def test_a_count_among_the_dead_is_not_the_headline(nlp):
    record = extract(
        "Eight children were among those killed when jets struck a market in Douma on Monday, "
        "rescuers said. At least 31 people were killed in the strike, the monitor said."
    )
    part, whole = claim(record, "Eight"), claim(record, "At least 31")
    assert part.incident == whole.incident
    assert incident(record, whole.incident).headline["killed"] == whole.id


def test_a_rising_toll_updates_the_whole_figure_not_the_count_among_the_dead(nlp):
    record = extract(
        "Shelling killed 12 people in the market of Douma on Monday, medics said. Four children "
        "were among the dead, they said. Later the toll rose to 19."
    )
    first, later = claim(record, "12"), claim(record, "19")
    assert later.update_of == first.id
    assert incident(record, first.incident).headline["killed"] == later.id


def test_claims_carry_what_the_figures_stage_knows_of_them(nlp):
    # the incidents stage reads these typed fields, not the figure mentions
    record = extract(
        "Shelling killed 12 people in the market of Douma on Monday, medics said. Four children "
        "were among the dead, they said. Later the toll rose to 19."
    )
    whole, part, later = claim(record, "12"), claim(record, "Four"), claim(record, "19")
    assert (whole.is_update, whole.subset) == (False, False)
    assert (part.is_update, part.subset) == (False, True)
    assert (later.is_update, later.subset) == (True, False)


def test_conjoined_counts_give_the_headline_total(nlp):
    record = extract(
        "Warplanes killed four women and two children in the village of Kafr Nabl on Friday, "
        "activists said."
    )
    total = claim(record, "four women and two children")
    assert (total.figure, total.value, total.qualifier, total.part_of) == (
        "killed",
        6,
        "exact",
        None,
    )
    assert claim(record, "four").part_of == total.id and claim(record, "two").part_of == total.id
    assert incident(record, total.incident).headline["killed"] == total.id


def test_war_planes_are_not_the_war(nlp):
    """ "war planes have killed 32" tells of a strike, not of a war's total."""
    record = extract(
        "Syrian government war planes have killed 32 civilians in the town of Atareb on "
        "Sunday, a monitor said."
    )
    toll = claim(record, "32")
    assert toll.incident is not None and record.main_incident == toll.incident
    war = extract("The war has killed more than 300,000 people since 2011.")
    assert claim(war, "more than 300,000").incident is None


def test_main_incident_is_the_one_the_report_leads_with(nlp):
    record = extract(
        "Mortar shells hit a school in Damascus on Sunday, killing six pupils, state media said. "
        "On Saturday, clashes between rebels and government forces near Hama killed 60 fighters, "
        "the monitor said."
    )
    assert record.main_incident == claim(record, "six").incident


def test_estimates_come_from_the_incident_claims(nlp):
    record = extract(
        "Shelling on the village of Hish killed 12 civilians, activists said. The Syrian Civil "
        "Defence put the death toll at 15."
    )
    inc = incident(record, claim(record, "12").incident)
    est = inc.estimates["killed"]
    assert est.rule == "ucdp"
    assert est.low == 12 and est.high == 15


def test_displacement_makes_an_incident_only_told_with_what_moved_people(nlp):
    # a situation: where people are, not what moved them
    record = extract("About 2,000 families remain displaced in camps outside Afrin, the UN said.")
    assert record.claims and all(c.incident is None for c in record.claims)
    # an event: the fighting that moved them, last week (a report of displacement)
    record = extract("About 2,000 families fled the fighting in Afrin last week, the UN said.")
    assert record.claims and all(c.figure not in CASUALTY_FIGURES for c in record.claims)
    assert all(c.incident is not None for c in record.claims)


def test_a_report_without_figures_leads_with_its_event(nlp):
    record = extract("Warplanes bombed the town of Khan Sheikhoun on Tuesday, residents said.")
    assert record.claims == ()
    assert record.main_incident is not None
    assert incident(record, record.main_incident).sub_event_type == "Air/drone strike"


def test_text_without_events_or_figures_has_no_incident(nlp):
    record = extract(
        "The foreign ministers met in Geneva on Friday to discuss a new round of talks."
    )
    assert record.incidents == ()
    assert record.main_incident is None


# --- the hand-annotated seed report, when ../shared is present ---------------------------------


def test_seed_report_scores(nlp, shared_eval: Path):
    """claimant_acc, incident_pair_acc, type_acc and blame_acc are all 1.0 on the seed report."""
    from tollwatch.evaluate.runner import evaluate_file

    result = evaluate_file(shared_eval / "seed-aleppo.jsonl", link=False)
    for name in ("claimant_acc", "incident_pair_acc", "type_acc", "blame_acc"):
        assert result.scores[name].value == 1.0, (name, result.scores[name])


def test_a_situation_figure_keeps_its_place(nlp):
    record = extract(
        "More than 30,000 people have fled their homes in Idlib province since Monday, the UN said."
    )
    fled = claim(record, "More than 30,000")
    assert fled.incident is None
    assert fled.place is not None and fled.place.country == "SY"
    assert fled.to_dict()["place"]["country"] == "SY"


def test_an_update_supersedes_every_lower_figure_before_it(nlp):
    record = extract(
        "Shelling kills 12 in Douma\n"
        "Government shelling killed at least 12 people in Douma on Monday, the monitor said. "
        "The toll later rose to 30, the monitor said."
    )
    inc = incident(record, record.main_incident)
    assert inc.headline["killed"] == claim(record, "30").id


def test_unowned_aircraft_are_nobody_s_blame(nlp):
    # The report names no owner for the warplanes: blaming the state would be a guess.
    record = extract(
        "Warplanes struck a market in the town of Saraqeb on Friday, killing at least 11 "
        "people, residents said."
    )
    main = incident(record, record.main_incident)
    assert main.sub_event_type == "Air/drone strike"
    assert main.perpetrators == ()


def test_named_aircraft_are_blamed(nlp):
    record = extract(
        "Russian warplanes struck a market in the town of Saraqeb on Friday, killing at least "
        "11 people, residents said."
    )
    main = incident(record, record.main_incident)
    assert [p.actor_kind for p in main.perpetrators] == ["foreign_state"]


def test_blame_between_two_claim_sentences_belongs_to_the_incident(nlp):
    # The claim of responsibility sits between the toll and a second toll of the same
    # bombing; the checkpoint's holders are the victims, not the bombers.
    record = extract(
        "A suicide bomber blew himself up at a checkpoint held by Kurdish-led forces in the "
        "town of Shaddadi on Tuesday, killing 12 people, a war monitor said. Islamic State "
        "claimed responsibility for the attack through its Amaq news agency. A Kurdish "
        "commander said eight of the dead were fighters."
    )
    main = incident(record, record.main_incident)
    assert claim(record, "eight").incident == main.id
    assert [p.actor for p in main.perpetrators] == ["Islamic State (ISIS)"]


def test_the_shooting_told_just_before_the_toll_gives_the_blame(nlp):
    record = extract(
        "Residents who escaped said Islamic State militants had fired on families trying to "
        "leave the district. Five civilians were killed by sniper fire near the bridge on "
        "Monday, a police officer said."
    )
    main = incident(record, record.main_incident)
    assert main.sub_event_type == "Attack"
    assert [(p.actor, p.alleged_by) for p in main.perpetrators] == [
        ("Islamic State (ISIS)", "Residents")
    ]


# --- a round bound filled in; a total of several places ---------------------------------------


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        (
            "Government air strikes killed more than 40 people in Douma on Monday. At least 43"
            " people were killed in the raids on the town, rescuers said.",
            "At least 43",
        ),
        (
            # "at least 40" is a count of 40: a later, higher figure is another count
            "Government air strikes killed at least 40 people in Douma on Monday. Rescuers said"
            " 43 people were killed in the raids on the town.",
            "at least 40",
        ),
        (
            # far above the bound: not the count it rounds
            "Government air strikes killed more than 40 people in Douma on Monday. Rescuers said"
            " 75 people were killed in the raids on the town.",
            "more than 40",
        ),
    ],
)
def test_a_round_bound_is_filled_in_by_the_count_after_it(nlp, text: str, headline: str):
    record = extract(text)
    main = incident(record, record.main_incident)
    assert main.headline["killed"] == claim(record, headline).id


_TWO_PLACES = (
    "9 civilians killed in rocket attacks on Aleppo and Homs. Seven civilians were killed when"
    " rockets hit the Midan neighbourhood of Aleppo on Monday, police said. Meanwhile {n}"
    " civilians were killed when mortar shells fell on a market in Homs."
)


def test_a_total_of_several_places_belongs_to_no_incident(nlp):
    record = extract(_TWO_PLACES.format(n="two"))
    total = claim(record, "9")
    assert total.incident is None
    main = incident(record, record.main_incident)
    assert main.headline["killed"] == claim(record, "Seven").id
    assert claim(record, "two").incident not in (None, record.main_incident)


def test_a_figure_that_is_not_the_sum_of_the_places_stays_in_its_incident(nlp):
    record = extract(_TWO_PLACES.format(n="three"))  # 7 + 3 is not 9
    total = claim(record, "9")
    assert total.incident == record.main_incident
    assert incident(record, record.main_incident).headline["killed"] == total.id


def test_every_incident_is_dated_and_an_undated_report_says_so(nlp):
    text = "Shelling killed four people in the town of Kafr Nabl, activists said."
    record = extract(text, published="2018-03-10")
    inc = incident(record, claim(record, "four").incident)
    assert inc.date is not None
    assert (inc.date.start, inc.date.precision, inc.date.basis) == (
        date(2018, 3, 10),
        2,
        "publication",
    )
    assert inc.date.to_dict()["basis"] == "publication"
    bare = extract(text, published=None)
    inc = incident(bare, claim(bare, "four").incident)
    assert inc.date is None
    assert bare.notes == (
        "no date for i1: the report gives no date words for it and has no publication date",
    )


def test_a_first_report_gives_way_to_the_larger_count(nlp):
    """A count told as a first report is superseded by the incident's larger count: it is no
    longer the low of the estimate, nor the headline."""
    record = extract(
        "An airstrike on a house in Rafah on Monday killed 14 civilians, the civil defence "
        "said. Safa News initially reported that five people had been killed, and the agency "
        "later named all 14."
    )
    first = claim(record, "five")
    main = incident(record, record.main_incident)
    assert claim(record, "14").update_of == first.id
    assert (main.estimates["killed"].low, main.estimates["killed"].high) == (14, 14)
    assert main.headline["killed"] == claim(record, "14").id
    # without the first-report word, the five is another voice's count: the low
    record = extract(
        "An airstrike on a house in Rafah on Monday killed 14 civilians, the civil defence "
        "said. Safa News reported that five people had been killed."
    )
    main = incident(record, record.main_incident)
    assert main.estimates["killed"].low == 5
