"""Which numbers are figures, of what kind, counting whom: the figures stage.

Sentences here are written for these tests in the style of wire reports. The golden files in
tests/golden/figures/ hold longer examples; regenerate them after a deliberate change with
``TOLLWATCH_UPDATE_GOLDEN=1 pytest tests/extract/test_figures.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tollwatch.extract import figures, make_report, numbers, parse, sentences
from tollwatch.extract.figures import FigureMention
from tollwatch.extract.pipeline import Context

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "figures"


def run_figures(text: str, nlp) -> Context:
    ctx = Context(report=make_report(text), nlp=nlp)
    for stage in (sentences, numbers, parse, figures):
        stage.run(ctx)
    return ctx


def summary(ctx: Context) -> list[tuple]:
    return [(f.figure, f.number.value, f.victims) for f in ctx.figures]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "At least 14 civilians were killed in the barrel bomb attack on Sunday.",
            [("killed", 14, ("civilians",))],
        ),
        (
            "The air strikes killed 32 people in the town, a monitor said.",
            [("killed", 32, ("people",))],
        ),
        ("Activists said 19 rebel fighters died in the clashes.", [("killed", 19, ("fighters",))]),
        ("Rescuers recovered 12 bodies from the rubble.", [("killed", 12, ())]),
        ("Medics put the death toll at 45.", [("killed", 45, ())]),
        ("The death toll stood at 61 on Tuesday.", [("killed", 61, ())]),
        ("The strike claimed the lives of 17 people.", [("killed", 17, ("people",))]),
        ("Twelve soldiers lost their lives in the ambush.", [("killed", 12, ("soldiers",))]),
        ("22 dead in heavy raids on the city", [("killed", 22, ())]),
        ("Nine killed as shells hit a school", [("killed", 9, ())]),
        (
            "Five people were killed and 30 were wounded, the ministry said.",
            [("killed", 5, ("people",)), ("injured", 30, ())],
        ),
        ("Dozens of civilians were injured in the blast.", [("injured", 12, ("civilians",))]),
        ("Three journalists are still missing.", [("missing", 3, ("journalists",))]),
        (
            "A child was killed and a soldier was wounded.",
            [("killed", 1, ("children",)), ("injured", 1, ("soldiers",))],
        ),
        ("Gunmen kidnapped 11 aid workers near the border.", [("kidnapped", 11, ("aid_workers",))]),
        ("Police arrested 40 protesters in the capital.", [("detained", 40, ("people",))]),
        ("More than 3,000 people have fled the fighting.", [("displaced", 3_000, ("people",))]),
        (
            "The offensive forced 12,000 people to flee their homes.",
            [("displaced", 12_000, ("people",))],
        ),
        ("Thousands have fled the city since Monday.", [("displaced", 1_000, ())]),
        (
            "About 2,000 people were evacuated from the district.",
            [("evacuated", 2_000, ("people",))],
        ),
        ("Some 900 refugees returned home last week.", [("returned", 900, ("people",))]),
        (
            "Around 40,000 civilians are trapped in the old city.",
            [("at_risk", 40_000, ("civilians",))],
        ),
        (
            "An official said 250,000 people in the city face the threat of starvation.",
            [("at_risk", 250_000, ("people",))],
        ),
        ("The floods affected 80,000 people.", [("affected", 80_000, ("people",))]),
        ("About 300 people took shelter in a school.", [("displaced", 300, ("people",))]),
        ("About 125 families were displaced in the province.", [("displaced", 125, ())]),
        (
            "Some 1,500 people were pushed by the fighting across the river into a transit camp.",
            [("displaced", 1_500, ("people",))],
        ),
        (
            "Nearly 9,000 residents are staying with host families.",
            [("displaced", 9_000, ("people",))],
        ),
        (
            "More than 700 people remained displaced in the district.",
            [("displaced", 700, ("people",))],
        ),
        ("About 450 people were ordered to evacuate the coast.", [("evacuated", 450, ("people",))]),
        ("Some 3,000 households had their homes destroyed.", [("affected", 3_000, ())]),
        (
            "The toll has risen to 48, up from 31 a day earlier.",
            [("killed", 48, ()), ("killed", 31, ())],
        ),
        ("The military said it neutralised 40 militants.", [("killed", 40, ("fighters",))]),
        (
            "The toll from the shelling has risen to 13 and 106 injured.",
            [("killed", 13, ()), ("injured", 106, ())],
        ),
        (
            "Clashes left 23 civilians - including nine children - dead.",
            [("killed", 23, ("civilians",)), ("killed", 9, ("children",))],
        ),
        (  # the parse makes "identified" a verb with the count its subject
            "In the evening of Sunday, at least 21 identified family members spanning three "
            "generations of the Haddad family were killed in an airstrike in Rafah.",
            [("killed", 21, ("people",))],
        ),
    ],
)
def test_figures(nlp, text: str, expected: list[tuple]):
    assert summary(run_figures(text, nlp)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Security Council passed Resolution 2254 by 15 votes to 0.",
        "Rebels control 31 of 34 provinces, the army said on 12 March 2016.",
        "Government forces dropped 3 bombs on the town at 6:30 am.",
        "A girl aged 12 was among those rescued.",
        "Rescuers rescued 12 people alive from the rubble.",
        "The war, which began in 2011, has entered its seventh year.",
        "Aid agencies appealed for $20 million for 30 trucks of food.",
        "The militants seized 14 villages and 3 tanks.",
        "Prices rose 40 per cent in two weeks, some 20 km from the front.",
        "He was killed in 2014, and his brother died in June 2015.",
        "The army said it destroyed 9 vehicles.",
        "The civilians trying to flee were stopped at a checkpoint 5 km away.",
        "Some 12 villages were affected by the floods.",
    ],
)
def test_numbers_that_are_not_figures(nlp, text: str):
    # no number of the text is a figure (people counted by name are: "his brother died")
    assert [f for f in run_figures(text, nlp).figures if f.rule != "named-victims"] == []


def test_part_of_including(nlp):
    ctx = run_figures(
        "Eight civilians, including two children, were killed in the shelling, state media said.",
        nlp,
    )
    assert summary(ctx) == [("killed", 8, ("civilians",)), ("killed", 2, ("children",))]
    assert [f.part_of for f in ctx.figures] == [None, 0]


def test_part_of_among(nlp):
    ctx = run_figures(
        "Six civilians, including three children, were among at least 20 people killed.", nlp
    )
    by_value = {f.number.value: f for f in ctx.figures}
    assert set(by_value) == {6, 3, 20}
    assert ctx.figures[by_value[6].part_of].number.value == 20
    assert ctx.figures[by_value[3].part_of].number.value == 6
    assert by_value[20].part_of is None


def test_conjoined_counts_share_the_verb(nlp):
    ctx = run_figures("The raids killed 45 civilians in Idlib and 22 in Hama.", nlp)
    assert [(f.figure, f.number.value) for f in ctx.figures] == [("killed", 45), ("killed", 22)]


@pytest.mark.parametrize(
    ("text", "count_text", "total", "parts", "qualifier"),
    [
        (
            "Government shelling killed four women and a child in the village on Friday.",
            "four women and a child",
            5,
            [4, 1],
            "exact",
        ),
        (
            "Eleven soldiers and 7 militants were killed in clashes near Hama on Sunday.",
            "Eleven soldiers and 7 militants",
            18,
            [11, 7],
            "exact",
        ),
        (
            "At least 9 policemen and 4 civilians died when the car bomb went off.",
            "At least 9 policemen and 4 civilians",
            13,
            [9, 4],
            "at_least",
        ),
        (
            "Three soldiers, two policemen and a child were killed in the blast.",
            "Three soldiers, two policemen and a child",
            6,
            [3, 2, 1],
            "exact",
        ),
        (
            "The jets killed a rebel commander as well as three of his guards near Idlib.",
            "a rebel commander as well as three of his guards",
            4,
            [1, 3],
            "exact",
        ),
    ],
)
def test_conjoined_counts_give_their_total(
    nlp, text: str, count_text: str, total: int, parts: list[int], qualifier: str
):
    ctx = run_figures(text, nlp)
    head = ctx.figures[0]
    assert (head.figure, head.number.value, head.number.span.text) == ("killed", total, count_text)
    assert head.number.qualifier == qualifier and head.part_of is None
    assert head.number.span.text == text[head.number.span.start : head.number.span.end]
    assert [f.number.value for f in ctx.figures[1:]] == parts
    assert all(f.part_of == 0 for f in ctx.figures[1:])


@pytest.mark.parametrize(
    "text",
    [
        "The raids killed 45 civilians in Idlib and 22 in Hama.",  # two places
        "Thirty people, including 12 children and five women, were killed.",  # a subset
        "Five people were killed and 30 were wounded.",  # two figures
        "Dozens of civilians and 5 soldiers were killed in the raid.",  # a vague count
        "Shelling killed 12 civilians, 30 were wounded and 4 are missing.",  # a list of figures
    ],
)
def test_no_total_without_conjoined_counts_of_one_figure(nlp, text: str):
    ctx = run_figures(text, nlp)
    assert ctx.figures
    assert not [f for f in ctx.figures if f.rule == "conjoined-total"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "At least 14 people were killed 25 were wounded in the shelling of Douma on Monday",
            [("killed", 14), ("injured", 25)],
        ),
        ("Seven dead 20 wounded in rocket attack on Aleppo", [("killed", 7), ("injured", 20)]),
        (
            "Death Toll from Shelling on Homs Rises to 9 31 Injured",
            [("killed", 9), ("injured", 31)],
        ),
        (
            "Army Pounds Rebel Posts with 40 Airstrikes 35 Militants Killed Dozens Injured",
            [("killed", 35), ("injured", 12)],
        ),
        ("The raid killed 9 wounded 30 others", [("killed", 9), ("injured", 30)]),
    ],
)
def test_text_without_punctuation(nlp, text: str, expected: list[tuple]):
    """In run-on text the words right after a count are its own, whatever the parse says."""
    assert [(f.figure, f.number.value) for f in run_figures(text, nlp).figures] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Government forces destroyed over 60 terrorists near Palmyra.", [("killed", 60)]),
        ("The air force eliminated 35 militants in the desert.", [("killed", 35)]),
        ("Shelling destroyed 500 houses in the village.", [("affected", 500)]),
        ("The plan would eliminate 40 checkpoints on the road.", []),
    ],
)
def test_destroying_fighters_is_killing_them(nlp, text: str, expected: list[tuple]):
    assert [(f.figure, f.number.value) for f in run_figures(text, nlp).figures] == expected


def test_rising_toll_is_an_update(nlp):
    ctx = run_figures("The death toll from the blast has risen to 48, officials said.", nlp)
    assert [(f.figure, f.number.value, f.is_update) for f in ctx.figures] == [("killed", 48, True)]
    first = run_figures("Officials said 31 people were killed in the blast.", nlp)
    assert [f.is_update for f in first.figures] == [False]


@pytest.mark.parametrize(
    ("text", "count_text", "total", "parts", "qualifier"),
    [
        (
            "A barrel bomb killed 14 people in the old market on Monday. Another six died when "
            "a second bomb hit the bakery.",
            "14 people in the old market on Monday. Another six",
            20,
            [14, 6],
            "exact",
        ),
        (
            "Artillery fire killed two paramedics near the hospital while four children were "
            "also killed.",
            "two paramedics near the hospital while four",
            6,
            [2, 4],
            "exact",
        ),
        (
            "At least 12 civilians were killed in the first raid. Seven more died in the strikes "
            "that followed, the monitor said.",
            "At least 12 civilians were killed in the first raid. Seven",
            19,
            [12, 7],
            "at_least",
        ),
        (
            "Nine soldiers were killed at the checkpoint. A further three were killed when their "
            "patrol was ambushed.",
            "Nine soldiers were killed at the checkpoint. A further three",
            12,
            [9, 3],
            "exact",
        ),
    ],
)
def test_a_count_that_adds_to_the_one_before_gives_their_total(
    nlp, text: str, count_text: str, total: int, parts: list[int], qualifier: str
):
    ctx = run_figures(text, nlp)
    totals = [f for f in ctx.figures if f.rule == "added-total"]
    assert len(totals) == 1
    head = totals[0]
    assert (head.figure, head.number.value, head.number.span.text) == ("killed", total, count_text)
    assert head.number.qualifier == qualifier and head.part_of is None
    assert head.number.span.text == text[head.number.span.start : head.number.span.end]
    assert head.evidence.text == text[head.evidence.start : head.evidence.end]
    at = ctx.figures.index(head)
    assert sorted(f.number.value for f in ctx.figures if f.part_of == at) == sorted(parts)


@pytest.mark.parametrize(
    "text",
    [
        # "another" sets the wounded apart from the dead: nothing adds to the earlier 40 wounded
        "The toll rose to 9 killed and 40 wounded. Medics said five were killed and another 30 "
        "were wounded in the school.",
        # "others" beside named people are not more than a count before
        "Eleven fighters were killed on Monday. The commander, his deputy and 11 other fighters "
        "were killed in the raid, the group said.",
        # the same count again restates it
        "22 killed in Idlib strikes. Another 22 people were killed in the strikes on Idlib.",
        # a subset's count is not a toll to add to
        "Forty fighters, among them 6 foreigners, were killed. Another 15 died in the ambush.",
        # too far back
        "Four people were killed in the raid. The army denied it. Rebels said so. The UN "
        "called for calm. Another seven were killed later.",
    ],
)
def test_no_added_total(nlp, text: str):
    ctx = run_figures(text, nlp)
    assert ctx.figures
    assert [f.number.value for f in ctx.figures if f.rule == "added-total"] == []


def test_a_toll_told_again_by_a_pronoun_is_an_update(nlp):
    ctx = run_figures(
        "Medics first gave a toll of 19 for the market strike. It was later updated to 34 on "
        "Sunday, including nine children.",
        nlp,
    )
    got = [(f.figure, f.number.value, f.is_update, f.part_of is not None) for f in ctx.figures]
    assert got == [
        ("killed", 19, False, False),
        ("killed", 34, True, False),
        ("killed", 9, False, True),
    ]
    # without a toll before it, a pronoun's "revised to" counts nothing
    alone = run_figures("The plan was revised to 34 points on Sunday.", nlp)
    assert summary(alone) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Jets struck the town on Friday, killing according to the latest toll 23 civilians.",
            [("killed", 23, ("civilians",))],
        ),
        (
            "The opposition said the gas attack killed from 400 to 900 people.",
            [("killed", 400, ("people",))],
        ),
    ],
)
def test_counts_the_parse_hangs_elsewhere(nlp, text: str, expected: list[tuple]):
    assert summary(run_figures(text, nlp)) == expected


def test_households(nlp):
    ctx = run_figures(
        "Some 2,400 families were forced to flee and more than 300 houses were destroyed.", nlp
    )
    assert [(f.figure, f.number.value, f.unit) for f in ctx.figures] == [
        ("displaced", 2_400, "households"),
        ("affected", 300, "households"),
    ]


def test_a_figure_of_takes_the_kind_before_it(nlp):
    ctx = run_figures(
        "The monitor said 9,000 people had been displaced, double a figure of 4,500 given on Monday.",
        nlp,
    )
    assert [(f.figure, f.number.value) for f in ctx.figures] == [
        ("displaced", 9_000),
        ("displaced", 4_500),
    ]


def test_evidence_and_cue_spans(nlp):
    text = "Headline here. At least 21 civilians were killed in the shelling on Wednesday."
    ctx = run_figures(text, nlp)
    (fig,) = ctx.figures
    assert isinstance(fig, FigureMention)
    for span in (fig.evidence, fig.cue, fig.number.span):
        assert span.text == text[span.start : span.end]
    assert fig.evidence.start <= fig.number.span.start < fig.number.span.end <= fig.evidence.end
    assert fig.number.span.text == "At least 21"
    assert fig.cue.text == "killed"
    assert fig.sentence == 1
    assert ctx.sentences[1].candidate and ctx.sentences[0].doc is None


def test_text_that_lost_its_spaces(nlp):
    text = "Floods  forcedmore than 1,200  people to stay in a shelter, with14,593 families hadevacuated."
    got = [(f.figure, f.number.value) for f in run_figures(text, nlp).figures]
    assert ("displaced", 1_200) in got and ("evacuated", 14_593) in got


def test_no_model_no_figures():
    ctx = Context(report=make_report("At least 21 civilians were killed."), nlp=None)
    for stage in (sentences, numbers, parse, figures):
        stage.run(ctx)
    assert ctx.figures == []


@given(
    st.text(alphabet=st.sampled_from(list("abcdeklid 0123456789,.-\n")), min_size=1, max_size=200)
)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_never_crashes(nlp, text: str):
    if not text.strip():
        return
    ctx = run_figures(text, nlp)
    for f in ctx.figures:
        for span in (f.evidence, f.cue, f.number.span):
            assert span.text == ctx.text[span.start : span.end]
        assert f.evidence.start <= f.number.span.start and f.number.span.end <= f.evidence.end


@given(
    st.lists(
        st.sampled_from(
            [
                "At least 21",
                "civilians",
                "were killed",
                "dozens of",
                "people",
                "fled",
                "including",
                "two children",
                ",",
                "and",
                "the death toll",
                "rose to",
                "45",
                "in 2014",
                ".",
            ]
        ),
        min_size=1,
        max_size=25,
    )
)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_figure_soup(nlp, parts: list[str]):
    ctx = run_figures(" ".join(parts), nlp)
    for f in ctx.figures:
        assert f.number.span.text == ctx.text[f.number.span.start : f.number.span.end]
        assert f.part_of is None or 0 <= f.part_of < len(ctx.figures)
        assert f.number.kind == "count"


# --- golden files ---------------------------------------------------------------------------


def golden_record(ctx: Context) -> list[dict]:
    return [
        {
            "figure": f.figure,
            "value": f.number.value,
            "low": f.number.low,
            "high": f.number.high,
            "qualifier": f.number.qualifier,
            "count_text": f.number.span.text,
            "victims": list(f.victims),
            "unit": f.unit,
            "part_of": f.part_of,
            "is_update": f.is_update,
            "cue": f.cue.text,
        }
        for f in ctx.figures
    ]


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*.json")), ids=lambda p: p.stem)
def test_golden(nlp, path: Path):
    data = json.loads(path.read_text(encoding="utf-8"))
    got = golden_record(run_figures(data["text"], nlp))
    if os.environ.get("TOLLWATCH_UPDATE_GOLDEN"):
        data["figures"] = got
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert got == data["figures"]


# --- the hand-annotated seed report, when ../shared is present ------------------------------


def test_seed_report_figures(nlp, shared_eval: Path):
    """Every required gold claim of the seed report is a figure with the right value, once,
    and there is no figure that is not a gold claim."""
    record = json.loads(
        (shared_eval / "seed-aleppo.jsonl").read_text(encoding="utf-8").splitlines()[0]
    )
    ctx = run_figures(record["text"], nlp)
    got = [(f.figure, f.number.value) for f in ctx.figures]
    required = [
        (c["figure"], c["value"]) for c in record["gold"]["claims"] if not c.get("optional")
    ]
    optional = [(c["figure"], c["value"]) for c in record["gold"]["claims"] if c.get("optional")]
    for claim in required:
        assert claim in got
        got.remove(claim)
    assert all(claim in optional for claim in got)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Nearly 900 families are sheltering in schools and mosques in the city.",
            [("displaced", 900)],
        ),
        (
            "About 4,000 people were staying at the UN peacekeeping base near Malakal.",
            [("displaced", 4000)],
        ),
        ("Some 300 pupils attend the two schools in the village.", []),
        ("The 150 soldiers stayed at their base outside the town.", []),
    ],
)
def test_sheltering_in_buildings_is_displacement(nlp, text: str, expected: list[tuple]):
    assert [(f.figure, f.number.value) for f in run_figures(text, nlp).figures] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the "at" of an estimate hangs far from its verb: the verb's object says what counts
        (
            "Provincial officials put the number of people displaced since the assault began "
            "on June 3 at about 45,000.",
            [("displaced", 45_000, ())],
        ),
        (
            "The council put the number of people displaced at roughly 8,000.",
            [("displaced", 8_000, ())],
        ),
        (
            "The ministry put the number of residents who had fled their homes since the start "
            "of the offensive at more than 60,000.",
            [("displaced", 60_000, ())],
        ),
    ],
)
def test_estimate_put_at_a_count(nlp, text: str, expected: list[tuple]):
    assert summary(run_figures(text, nlp)) == expected


def test_a_number_put_at_is_not_always_a_figure(nlp):
    # the estimate's object is not a count of people: no figure
    assert summary(run_figures("The army put the number of its tanks at about 300.", nlp)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # driven from the places they live in: displaced
        (
            "Heavy fighting near the port has forced more than 4,100 families from their homes.",
            [("displaced", 4_100, ())],
        ),
        (
            "About 650 people were driven out of their homes by the shelling.",
            [("displaced", 650, ("people",))],
        ),
        (
            "Nearly 900 families have left their homes in the southern suburbs since Friday.",
            [("displaced", 900, ())],
        ),
        (
            "Some 2,500 families have left the northern districts of the city since the start "
            "of the month, an aid group said.",
            [("displaced", 2_500, ())],
        ),
        # a family of N is N people
        (
            "A drone strike on a car near the border killed a family of six on Monday.",
            [("killed", 6, ())],
        ),
    ],
)
def test_people_driven_from_home_and_families(nlp, text: str, expected: list[tuple]):
    assert [(f, v, vic) for f, v, vic in summary(run_figures(text, nlp))] == expected


@pytest.mark.parametrize(
    "text",
    [
        # fighters leaving or pushed from positions are not displaced people
        "Some 40 rebels left their homes in the town under the surrender deal.",
        "Government troops forced 120 fighters from their positions on the ridge.",
    ],
)
def test_fighters_moving_are_not_displaced(nlp, text: str):
    assert [f for f in run_figures(text, nlp).figures if f.figure == "displaced"] == []


@pytest.mark.parametrize(
    ("text", "whole", "part"),
    [
        ("Thirty people were wounded in the blast, twelve of them critically.", 30, 12),
        (
            "The army put the toll at 14 dead, saying nine of its soldiers had been killed.",
            14,
            9,
        ),
    ],
)
def test_a_count_of_them_is_part_of_the_count_before(nlp, text: str, whole: int, part: int):
    figs = run_figures(text, nlp).figures
    by_value = {f.number.value: i for i, f in enumerate(figs)}
    assert figs[by_value[whole]].part_of is None
    assert figs[by_value[part]].part_of == by_value[whole]


def test_a_running_total_adds_up_at_most_four_counts(nlp):
    # Text made of one "another" sentence over and over: each total stays short (its
    # count_text would otherwise grow with every sentence, quadratic in the text's length).
    text = " ".join(f"Another {k % 9 + 2} people were killed in the raid." for k in range(30))
    ctx = run_figures(text, nlp)
    totals = [i for i, f in enumerate(ctx.figures) if f.rule == "added-total"]
    assert totals
    for i in totals:
        # its parts: the count (or running total) before, and the count added
        assert len([f for f in ctx.figures if f.part_of == i]) == 2
    # a chain nests totals: following part_of up from any count passes at most 3 totals
    for f in ctx.figures:
        depth, up = 0, f.part_of
        while up is not None:
            depth += 1
            up = ctx.figures[up].part_of
        assert depth <= 3
    assert max(len(f.number.span.text) for f in ctx.figures) < 4 * len(
        "Another 10 people were killed in the raid. "
    )


@pytest.mark.parametrize(
    ("text", "count_text", "total", "parts"),
    [
        (
            "Fighting has shaken the town since Monday, leaving 14 civilians - including five"
            " children - and 8 rebels dead, the monitor said.",
            "14 civilians - including five children - and 8 rebels",
            22,
            [14, 8],
        ),
        (
            "Shelling killed 11 civilians (including three women) and two soldiers on Friday.",
            "11 civilians (including three women) and two soldiers",
            13,
            [11, 2],
        ),
        (
            # fighters cannot be some of the civilians: the list of parts ends before them
            "The raids killed 17 civilians including six children and 9 militants near Hama.",
            "17 civilians including six children and 9 militants",
            26,
            [17, 9],
        ),
    ],
)
def test_a_conjunct_after_an_aside_joins_the_count_before_it(
    nlp, text: str, count_text: str, total: int, parts: list[int]
):
    ctx = run_figures(text, nlp)
    totals = [f for f in ctx.figures if f.rule == "conjoined-total"]
    assert [(t.number.value, t.number.span.text) for t in totals] == [(total, count_text)]
    index = ctx.figures.index(totals[0])
    assert sorted(f.number.value for f in ctx.figures if f.part_of == index) == sorted(parts)
    aside = [f for f in ctx.figures if f.part_of is not None and f.part_of != index]
    assert len(aside) == 1 and ctx.figures[aside[0].part_of].number.value == parts[0]


def test_the_parts_of_a_list_after_including_stay_parts(nlp):
    ctx = run_figures("Shelling killed 12 civilians including four children and three women.", nlp)
    assert [(f.number.value, f.part_of) for f in ctx.figures] == [(12, None), (4, 0), (3, 0)]


def test_leaving_people_dead_with_an_aside_between(nlp):
    ctx = run_figures(
        "The blast tore through the market, leaving 30 people - among them 11 children - dead.",
        nlp,
    )
    assert [(f.figure, f.number.value, f.part_of) for f in ctx.figures] == [
        ("killed", 30, None),
        ("killed", 11, 0),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Air strikes killed 30 IS jihadists near Raqqa on Monday.", [("killed", 30)]),
        (
            "At least 120 IS militants, among them 14 teenagers, had been killed in the battle.",
            [("killed", 120), ("killed", 14)],
        ),
        ("Twenty IS fighters were killed in clashes with Kurdish forces.", [("killed", 20)]),
    ],
)
def test_counts_of_is_fighters(nlp, text: str, expected: list[tuple]):
    """ "IS" (the Islamic State) is not the verb "is": the count keeps its verb."""
    ctx = run_figures(text, nlp)
    assert [(f.figure, f.number.value) for f in ctx.figures] == expected


def test_every_figure_pattern_is_a_registered_rule():
    """Each pattern name the stage's code gives a figure is registered with examples."""
    import ast
    from pathlib import Path

    from tollwatch.extract.figures import FIGURE_RULES, rule_name
    from tollwatch.extract.rules import REGISTRY

    package = Path(figures.__file__).parent
    made: set[str] = set()
    for path in package.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", "")
            if name == "_Hit" and len(node.args) >= 3 and isinstance(node.args[2], ast.Constant):
                made.add(node.args[2].value)
            for kw in node.keywords:
                if kw.arg == "rule" and isinstance(kw.value, ast.Constant):
                    made.add(kw.value.value)
            if name == "FigureMention":
                for kw in node.keywords:
                    if kw.arg == "rule" and isinstance(kw.value, ast.JoinedStr):
                        made |= {"inherit-including", "inherit-conj"}
    made.discard("")
    assert len(made) > 40
    assert made <= set(FIGURE_RULES), sorted(made - set(FIGURE_RULES))
    assert all(rule_name(p) in REGISTRY for p in made)
