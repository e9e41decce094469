"""Tests of the ``dates`` stage: finding, resolving and choosing the dates of events.

Every sentence here is written for these tests in the style of conflict reporting.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tollwatch.extract import make_report, sentences
from tollwatch.extract.dates import (
    STAGE,
    DateMention,
    date_for,
    find_dates,
    find_impossible,
    precision_for,
    published_in_text,
    run,
    story_day,
)
from tollwatch.extract.dates.stage import reference_date
from tollwatch.extract.pipeline import Context, build_pipeline
from tollwatch.model import Span, normalise_text

WED = date(2021, 3, 17)  # a Wednesday


def one(text: str, published: date | None = WED):
    """The single date expression of ``text``."""
    found = find_dates(text, published=published)
    assert len(found) == 1, found
    return found[0]


def context_for(text: str, published: date | None = WED, **extra) -> Context:
    ctx = Context(report=make_report(text, published=published), **extra)
    sentences.run(ctx)
    run(ctx)
    return ctx


# --------------------------------------------------------------------------------- explicit


@pytest.mark.parametrize(
    ("text", "words", "day"),
    [
        ("Gunmen stormed the village on 4 March 2019.", "4 March 2019", date(2019, 3, 4)),
        ("The convoy was hit on March 4, 2019, officials said.", "March 4, 2019", date(2019, 3, 4)),
        ("The market was shelled on 2019-03-04.", "2019-03-04", date(2019, 3, 4)),
        ("Report dated 04/03/2019 lists the dead.", "04/03/2019", date(2019, 3, 4)),
        ("Report dated 04.03.2019 lists the dead.", "04.03.2019", date(2019, 3, 4)),
        ("the attack of the 4th of March 2019", "the 4th of March 2019", date(2019, 3, 4)),
        ("Sat 02 Mar 2019 Twelve killed", "Sat 02 Mar 2019", date(2019, 3, 2)),
    ],
)
def test_explicit_dates(text: str, words: str, day: date) -> None:
    f = one(text)
    assert f.text == words
    assert (f.resolved_start, f.resolved_end, f.precision) == (day, day, 1)
    assert text[f.start : f.end] == words


def test_numeric_dates_are_day_first_unless_impossible() -> None:
    assert one("on 05/04/2019").resolved_start == date(2019, 4, 5)
    assert one("on 05/04/2019").rule == "dates.numeric_day_first"
    # Day-first is impossible, month-first is not: an American date.
    f = one("on 04/25/2019")
    assert (f.resolved_start, f.rule) == (date(2019, 4, 25), "dates.numeric_month_first")


def test_day_and_month_without_year_take_the_publication_year() -> None:
    assert one("clashes on 2 March killed nine").resolved_start == date(2021, 3, 2)
    assert one("clashes on Mar. 2 killed nine").resolved_start == date(2021, 3, 2)
    # Said in January of a day in late December: last year's.
    f = one("fighting on 28 December", published=date(2021, 1, 3))
    assert f.resolved_start == date(2020, 12, 28)


def test_months_and_years() -> None:
    f = one("Hundreds fled in February 2020.")
    assert (f.resolved_start, f.resolved_end, f.precision) == (
        date(2020, 2, 1),
        date(2020, 2, 29),
        4,
    )
    f = one("the siege began in October")  # named alone: the latest October before publication
    assert (f.resolved_start, f.resolved_end) == (date(2020, 10, 1), date(2020, 10, 31))
    f = one("the war that began in 2011")
    assert (f.resolved_start, f.resolved_end, f.precision) == (
        date(2011, 1, 1),
        date(2011, 12, 31),
        5,
    )
    f = one("raids in early February")
    assert (f.resolved_start, f.resolved_end, f.precision) == (
        date(2021, 2, 1),
        date(2021, 2, 10),
        4,
    )


def test_a_month_name_must_be_a_month() -> None:
    assert find_dates("Protesters may march to the square; the Sun reported.", published=WED) == []
    assert find_dates("They march on May Day square", published=WED) == []


# --------------------------------------------------------------------------------- relative


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("shelling on Tuesday", date(2021, 3, 16), date(2021, 3, 16), 1),
        ("shelling on Wednesday", WED, WED, 1),  # published that Wednesday: that day
        ("shelling last Wednesday", date(2021, 3, 10), date(2021, 3, 10), 1),
        ("a raid on Thursday", date(2021, 3, 11), date(2021, 3, 11), 1),
        ("gunmen struck late on Monday", date(2021, 3, 15), date(2021, 3, 15), 1),
        ("gunmen struck Monday night", date(2021, 3, 15), date(2021, 3, 15), 1),
        ("after Sunday's attack", date(2021, 3, 14), date(2021, 3, 14), 1),
        ("after Sundays attack on the market", date(2021, 3, 14), date(2021, 3, 14), 1),
        ("killed today", WED, WED, 1),
        ("killed yesterday", date(2021, 3, 16), date(2021, 3, 16), 1),
        ("killed overnight", date(2021, 3, 16), WED, 2),
        ("killed two days ago", date(2021, 3, 15), date(2021, 3, 15), 1),
        ("killed last week", date(2021, 3, 8), date(2021, 3, 14), 3),
        ("killed this week", date(2021, 3, 15), WED, 3),
        ("killed earlier this month", date(2021, 3, 1), WED, 4),
        ("killed last month", date(2021, 2, 1), date(2021, 2, 28), 4),
        ("killed in recent days", date(2021, 3, 12), WED, 2),
        ("killed in the past 24 hours", date(2021, 3, 16), WED, 2),
        ("displaced since January", date(2021, 1, 1), WED, 5),
        ("displaced since Monday", date(2021, 3, 15), WED, 2),
        ("displaced since 2014", date(2014, 1, 1), WED, 5),
    ],
)
def test_relative_expressions(text: str, start: date, end: date, precision: int) -> None:
    f = one(text)
    assert (f.resolved_start, f.resolved_end, f.precision) == (start, end, precision)
    assert text[f.start : f.end] == f.text


@pytest.mark.parametrize(
    ("text", "words", "start", "end", "role"),
    [
        (
            "State TV said on Monday that a car bomb killed 12 in Homs on Sunday.",
            "Sunday",
            date(2021, 3, 14),
            date(2021, 3, 14),
            "event",
        ),
        (
            "The raid, which took place late Saturday, killed 9.",
            "late Saturday",
            date(2021, 3, 13),
            date(2021, 3, 13),
            "event",
        ),
        (
            "Shelling on the night of 3-4 March killed five.",
            "3-4 March",
            date(2021, 3, 3),
            date(2021, 3, 4),
            "event",
        ),
        (
            "Mourners recalled last Friday's massacre.",
            "last Friday's",
            date(2021, 3, 12),
            date(2021, 3, 12),
            "event",
        ),
        (
            "Some 4,000 have fled since the start of the year.",
            "since the start of the year",
            date(2021, 1, 1),
            WED,
            "event",
        ),
        (
            "Between 2015 and 2017 the town was besieged.",
            "Between 2015 and 2017",
            date(2015, 1, 1),
            date(2017, 12, 31),
            "event",
        ),
        (
            "In March 2018 the dam was hit.",
            "March 2018",
            date(2018, 3, 1),
            date(2018, 3, 31),
            "event",
        ),
        (
            "At 11 p.m. on 4 March a rocket hit the clinic.",
            "4 March",
            date(2021, 3, 4),
            date(2021, 3, 4),
            "event",
        ),
    ],
)
def test_sentences_of_reports(text: str, words: str, start: date, end: date, role: str) -> None:
    found = [f for f in find_dates(text, published=WED) if f.role == role]
    assert [(f.text, f.resolved_start, f.resolved_end) for f in found] == [(words, start, end)]


def test_the_words_are_kept() -> None:
    assert one("gunmen struck late on Monday").text == "late on Monday"
    assert one("after Sunday's attack").text == "Sunday's"
    assert one("displaced since January").text == "since January"
    assert one("killed on Wednesday morning").text == "Wednesday morning"


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("between 3 January and 12 March", date(2021, 1, 3), date(2021, 3, 12)),
        ("from Monday to Wednesday", date(2021, 3, 15), WED),
        ("from Friday to Monday", date(2021, 3, 12), date(2021, 3, 15)),
        ("on Saturday and Sunday", date(2021, 3, 13), date(2021, 3, 14)),
        ("from 1 to 10 March", date(2021, 3, 1), date(2021, 3, 10)),
        ("between 5-9 February 2020", date(2020, 2, 5), date(2020, 2, 9)),
        ("between late November 2020 and mid-February", date(2020, 11, 21), date(2021, 2, 20)),
    ],
)
def test_ranges(text: str, start: date, end: date) -> None:
    f = one(text)
    assert (f.resolved_start, f.resolved_end) == (start, end)
    assert f.precision == precision_for(start, end)


def test_precision_follows_ucdp() -> None:
    d = date(2020, 1, 1)
    assert [precision_for(d, d + timedelta(days=n)) for n in (0, 1, 5, 6, 7, 30, 31, 400)] == [
        1,
        2,
        2,
        3,
        4,
        4,
        5,
        5,
    ]


def test_a_day_after_an_event_is_not_a_date() -> None:
    assert find_dates("A day after the massacre, jets returned.", published=WED) == []
    found = find_dates(
        "Posted on 2 May 2020 by an aid group. A day later, jets struck.", published=WED
    )
    assert [(f.text, f.role, f.resolved_start) for f in found] == [
        ("2 May 2020", "dateline", date(2020, 5, 2)),
        ("A day later", "event", None),  # a dateline is no anchor for the narrative
    ]


def test_anaphoric_days_follow_the_date_told_before() -> None:
    found = find_dates(
        "Rebels entered the town on 3 May 2020. The next day, jets bombed it.", published=WED
    )
    assert [f.resolved_start for f in found] == [date(2020, 5, 3), date(2020, 5, 4)]
    f = one("The previous day, jets bombed it.")
    assert f.resolved_start is None  # nothing to count back from


# ------------------------------------------------------------------------------ not dates


@pytest.mark.parametrize(
    "text",
    [
        "The shells fell at 6:30 am and again at 14:45.",
        "The strike came at 0915 local time.",
        "Resolution 2254 calls for a ceasefire.",
        "Some 2016 people were registered in the camp.",
        "Only 9/11 survivors were named.",
        "a ratio of 3/4 of households",
        "version 1.2.33 of the list",
    ],
)
def test_things_that_are_not_dates(text: str) -> None:
    assert find_dates(text, published=WED) == []


@pytest.mark.parametrize(
    "text", ["on 31 February 2019", "on 30/13/2019", "on February 30", "on 31 April", "1-32 May"]
)
def test_impossible_dates_are_not_dates(text: str) -> None:
    assert find_dates(text, published=WED) == []


def test_impossible_dates_are_noted_not_lost() -> None:
    assert [s.text for s in find_impossible("a raid on 31 February 2019 and 30/13/2019")] == [
        "31 February 2019",
        "30/13/2019",
    ]
    ctx = context_for("A raid on 31 February 2019 killed four.")
    assert ctx.dates == []
    assert ctx.notes == ["not a date (no such day): '31 February 2019' at 10"]


def test_29_february_only_in_leap_years() -> None:
    assert one("on 29 February 2020").resolved_start == date(2020, 2, 29)
    assert find_dates("on 29 February 2021", published=WED) == []


# --------------------------------------------------------------------------- no publication


def test_without_publication_date_relative_words_stay_unresolved() -> None:
    found = find_dates(
        "Jets struck on Tuesday and again yesterday; 40 died on 2 March 2021.", published=None
    )
    assert [(f.text, f.resolved_start, f.precision) for f in found] == [
        ("Tuesday", None, None),
        ("yesterday", None, None),
        ("2 March 2021", date(2021, 3, 2), 1),
    ]
    assert one("on 2 March", published=None).resolved_start is None


# ------------------------------------------------------------------------------------ roles


def test_roles() -> None:
    text = (
        "Jets killed 12 people on Tuesday, a monitor said on Wednesday. "
        "Talks are scheduled for later today. Ministers meet next Monday."
    )
    roles = [(f.text, f.role) for f in find_dates(text, published=WED)]
    assert roles == [
        ("Tuesday", "event"),
        ("Wednesday", "speech"),
        ("later today", "future"),
        ("next Monday", "future"),
    ]


def test_a_weekday_still_to_come() -> None:
    f = one("Envoys will meet in Geneva on Friday.")
    assert (f.resolved_start, f.role) == (date(2021, 3, 19), "future")
    f = one("Envoys are scheduled to meet on Wednesday.")  # published that Wednesday: that day
    assert (f.resolved_start, f.role) == (WED, "future")


@pytest.mark.parametrize(
    "text",
    [
        "the governor told reporters on Monday",
        "the monitor said Monday",
        "the ministry said in a statement on Monday",
        "a toll given by the health ministry on Monday",
        "according to local officials on Monday",
    ],
)
def test_speech_dates(text: str) -> None:
    assert one(text).role == "speech"


def test_a_date_after_the_speech_verb_clause_is_the_events() -> None:
    f = find_dates("The monitor said 20 people were killed on Monday.", published=WED)
    assert [(x.text, x.role) for x in f] == [("Monday", "event")]


# --------------------------------------------------------------------- publication in the text


@pytest.mark.parametrize(
    ("text", "day", "words"),
    [
        ("KABUL, March 16, 2021 (AFP) - A bomb killed nine.", date(2021, 3, 16), "March 16, 2021"),
        ("Tue 16 Mar 2021 A bomb killed nine in Kabul.", date(2021, 3, 16), "Tue 16 Mar 2021"),
        (
            "A bomb killed nine.\nDate of publication: 16 March 2021",
            date(2021, 3, 16),
            "16 March 2021",
        ),
        ("Published on 16 March 2021 by the cluster.", date(2021, 3, 16), "16 March 2021"),
        ("Published: 2021-03-16\nA bomb killed nine.", date(2021, 3, 16), "2021-03-16"),
        (
            "MOGADISHU, Mar 16 (Reuters) - A bomb killed nine. It was the worst since 2 May 2020.",
            date(2021, 3, 16),  # the first 16 March after the latest full date in the text
            "Mar 16",
        ),
        (
            "MOGADISHU, Mar 16 (Reuters) - A bomb killed nine, the first since 2 March 2020.",
            date(2020, 3, 16),
            "Mar 16",
        ),
    ],
)
def test_publication_date_in_text(text: str, day: date, words: str) -> None:
    got = published_in_text(text)
    assert got is not None
    assert got[0] == day
    assert got[1].text == words == text[got[1].start : got[1].end]


@pytest.mark.parametrize(
    "text",
    [
        "MOGADISHU, Mar 16 (Reuters) - A bomb killed nine.",  # no year anywhere: no guess
        "On 16 March 2021, a bomb killed nine.",  # an event's date, not a dateline
        "A bomb killed nine on 16 March 2021.",
        "Republished material: nine were killed on 16 March 2021.",
    ],
)
def test_no_publication_date_in_text(text: str) -> None:
    assert published_in_text(text) is None


def test_stage_fills_a_missing_publication_date_and_says_so() -> None:
    ctx = context_for("BAGHDAD, March 16, 2021 (AFP) - A bomb killed nine on Tuesday.", None)
    assert ctx.report.published == date(2021, 3, 16)
    assert ctx.notes == ["publication date 2021-03-16 taken from the text: 'March 16, 2021'"]
    assert [(m.span.text, m.role, m.date.start) for m in ctx.dates] == [
        ("March 16, 2021", "dateline", date(2021, 3, 16)),
        ("Tuesday", "event", date(2021, 3, 16)),
    ]


def test_stage_keeps_a_given_publication_date() -> None:
    ctx = context_for("BAGHDAD, March 17, 2021 (AFP) - A bomb killed nine.", date(2021, 3, 17))
    assert ctx.report.published == date(2021, 3, 17)
    assert ctx.notes == []


def test_stage_resolves_against_the_texts_own_date_when_it_disagrees() -> None:
    # A given date that disagrees with the text's own head is a crawl or update date: "on
    # Monday" counts from the day the text says it was written. The record keeps the date
    # given, and a note says which one the dates count from.
    ctx = context_for("BAGHDAD, March 12, 2021 (AFP) - A bomb killed nine on Monday.", WED)
    assert ctx.report.published == WED
    assert ctx.notes == [
        "the text's own publication date 'March 12, 2021' (2021-03-12) disagrees with the"
        " publication date given (2021-03-17); dates resolve against the text's"
    ]
    assert [m.date.start for m in ctx.dates] == [date(2021, 3, 12), date(2021, 3, 8)]
    assert reference_date(ctx) == date(2021, 3, 12)


def test_a_date_further_down_is_not_the_texts_own() -> None:
    # "a list released on ..." deep in the text says nothing of when the text was written.
    text = "A bomb killed nine in the market on Monday, police said. " * 5 + (
        "The names were checked against a list released on March 1, 2021."
    )
    ctx = context_for(text, WED)
    assert reference_date(ctx) == WED
    assert ctx.dates[0].date.start == date(2021, 3, 15)


def test_a_full_date_at_the_head_is_a_dateline() -> None:
    text = "Jets kill 12 in Idlib town Monitor AFP Thursday 6 Mar 2014 At least 12 people died on Thursday."
    ctx = context_for(text, date(2014, 3, 4))
    assert [(m.span.text, m.role) for m in ctx.dates] == [
        ("Thursday 6 Mar 2014", "dateline"),
        ("Thursday", "event"),
    ]
    assert ctx.notes == [
        "the text's dateline 'Thursday 6 Mar 2014' (2014-03-06) disagrees with the publication"
        " date given (2014-03-04); dates resolve against the one given"
    ]


def test_record_carries_the_filled_publication_date(nlp) -> None:
    from tollwatch.extract import extract_report
    from tollwatch.extract import sentences as sentences_stage

    pipeline = build_pipeline([sentences_stage.STAGE, STAGE])
    report = make_report("Date of publication: 2 June 2020\nJets struck on Monday.")
    record = extract_report(report, pipeline=pipeline)  # the session's model (``nlp``)
    assert report.published is None
    assert record.report.published == date(2020, 6, 2)
    assert record.to_dict()["report"]["published"] == "2020-06-02"


# --------------------------------------------------------------------------------- date_for


@dataclass
class _Cue:
    """Stands in for a figure mention: where a figure's cue words stand."""

    sentence: int
    cue: Span


def _cue(ctx: Context, words: str) -> _Cue:
    start = ctx.text.index(words)
    sentence = next(s.index for s in ctx.sentences if s.start <= start < s.end)
    return _Cue(sentence=sentence, cue=Span(start=start, end=start + len(words), text=words))


def test_date_for_prefers_the_event_date_over_the_speech_date() -> None:
    ctx = context_for("Nine civilians were killed on Monday, a rescue group said on Tuesday.")
    ref = date_for(ctx, [0])
    assert ref is not None
    assert (ref.start, ref.text, ref.rule) == (
        date(2021, 3, 15),
        "Monday",
        "dates.in_sentence+dates.weekday",
    )
    assert ref.span is not None and ctx.text[ref.span.start : ref.span.end] == "Monday"


def test_date_for_takes_the_date_nearest_the_event() -> None:
    text = "A car bomb killed six on Tuesday in a town that rebels had held since January."
    ctx = context_for(text)
    ctx.figures = [_cue(ctx, "killed")]
    ref = date_for(ctx, [0])
    assert ref is not None and ref.text == "Tuesday"
    text = "In a town that rebels had held since January, a car bomb killed six on Tuesday."
    ctx = context_for(text)
    ctx.figures = [_cue(ctx, "killed")]
    ref = date_for(ctx, [0])
    assert ref is not None and ref.text == "Tuesday"


def test_date_for_prefers_a_day_to_a_framing_period() -> None:
    ctx = context_for("The worst toll since 2015: jets killed 20 in Ariha on Tuesday.")
    ctx.figures = [_cue(ctx, "killed")]
    ref = date_for(ctx, [0])
    assert ref is not None and ref.text == "Tuesday"
    ctx = context_for("At least 300,000 people have been killed since 2011.")
    ref = date_for(ctx, [0])
    assert ref is not None
    assert (ref.start, ref.end, ref.precision) == (date(2011, 1, 1), WED, 5)


def test_date_for_takes_the_sentences_in_the_order_given() -> None:
    ctx = context_for("Rebels shelled the base on Sunday.\nA drone killed four on Monday.")
    first, second = date_for(ctx, [1, 0]), date_for(ctx, [0, 1])
    assert first is not None and first.text == "Monday"
    assert second is not None and second.text == "Sunday"


def test_date_for_carries_the_paragraph_on() -> None:
    ctx = context_for(
        "Jets struck the market in Idlib on Sunday. Eleven people died in the fire.\n"
        "Four died in a separate raid."
    )
    ref = date_for(ctx, [1])
    assert ref is not None
    assert (ref.start, ref.rule) == (date(2021, 3, 14), "dates.paragraph_context+dates.weekday")
    # A new paragraph does not inherit: no date words, so the publication date stands in.
    ref = date_for(ctx, [2])
    assert ref is not None and ref.basis == "publication"


def test_date_for_meanwhile_continues_the_story_day() -> None:
    ctx = context_for(
        "Shelling killed 30 on Wednesday morning, medics said on Wednesday.\n"
        "A raid on Tuesday killed two.\n"
        "Meanwhile, five soldiers were killed near the airport."
    )
    assert story_day(ctx) == WED
    ref = date_for(ctx, [2])
    assert ref is not None
    assert (ref.start, ref.end, ref.precision, ref.rule) == (WED, WED, 1, "dates.story_day")


def test_date_for_falls_back_to_the_speech_date() -> None:
    ctx = context_for("Dozens were killed in the siege, the monitor said on Monday.")
    ref = date_for(ctx, [0])
    assert ref is not None
    # the news of the day it was told ("have been killed ..., the monitor said on Monday")
    assert (ref.start, ref.end, ref.precision, ref.rule) == (
        date(2021, 3, 15),
        date(2021, 3, 15),
        1,
        "dates.speech_date+dates.weekday",
    )


def test_date_for_without_date_words_is_the_publication_date_marked_as_such() -> None:
    same_day = context_for(
        "Rockets hit the port today, the army said.\nTwo guards were wounded at the gate."
    )
    ref = date_for(same_day, [1])
    assert ref is not None
    assert (ref.start, ref.end, ref.precision, ref.rule, ref.text, ref.basis) == (
        WED,
        WED,
        2,
        "dates.publication",
        "",
        "publication",
    )
    # an older story is no same-day report, but its event still has no date words of its own
    older = context_for(
        "Rockets hit the port on 2 March, the army said.\nTwo guards were wounded at the gate."
    )
    ref = date_for(older, [1])
    assert ref is not None and (ref.start, ref.basis) == (WED, "publication")
    # and without a publication date there is nothing to stand in
    bare = context_for("Two guards were wounded at the gate.", published=None)
    assert date_for(bare, [0]) is None


def test_date_basis_says_how_the_date_was_found() -> None:
    ctx = context_for(
        "Jets struck Ariha on 14 March. Shelling killed two on Monday. "
        "A raid on the previous day killed one. Clashes since Sunday killed nine."
    )
    assert [(m.span.text, m.date.basis) for m in ctx.dates] == [
        ("14 March", "stated"),
        ("Monday", "relative"),
        ("the previous day", "relative"),
        ("since Sunday", "relative"),
    ]
    assert [m.date.rule for m in ctx.dates] == [
        "dates.day_month",
        "dates.weekday",
        "dates.previous_day",
        "dates.weekday+dates.since",
    ]


def test_date_for_without_publication_keeps_the_words() -> None:
    ctx = context_for("Nine civilians were killed on Monday.", published=None)
    ref = date_for(ctx, [0])
    assert ref is not None
    assert (ref.start, ref.end, ref.precision, ref.text) == (None, None, None, "Monday")
    assert ref.to_dict()["start"] is None


def test_date_for_odd_arguments() -> None:
    ctx = context_for("Nine civilians were killed on Monday.")
    assert date_for(ctx, []) is None
    assert date_for(ctx, [7, -1]) is None
    empty = Context(report=make_report("x"))
    assert date_for(empty, [0]) is None


def test_mentions_carry_their_sentence_and_span() -> None:
    text = "Calm returned.\nA drone hit a car on Friday. Two died on 1 March."
    ctx = context_for(text)
    assert [(m.sentence, m.span.text) for m in ctx.dates] == [(1, "Friday"), (2, "1 March")]
    for m in ctx.dates:
        assert isinstance(m, DateMention)
        assert text[m.span.start : m.span.end] == m.span.text == m.date.text
        assert m.date.span == m.span


def test_stage_is_declared() -> None:
    assert (STAGE.name, STAGE.requires, STAGE.provides) == ("dates", ("sentences",), ("dates",))


# ------------------------------------------------------------------------------ properties

_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))


def _formats(d: date) -> list[str]:
    month, abbr = calendar.month_name[d.month], calendar.month_abbr[d.month]
    return [
        f"{d.day} {month} {d.year}",
        f"{month} {d.day}, {d.year}",
        f"{abbr}. {d.day}, {d.year}" if abbr != "May" else f"{abbr} {d.day}, {d.year}",
        d.isoformat(),
        f"{d.day:02d}/{d.month:02d}/{d.year}",
        f"{calendar.day_abbr[d.weekday()]} {d.day:02d} {abbr} {d.year}",
    ]


@given(day=_dates, which=st.integers(0, 5), published=st.none() | _dates)
def test_any_written_date_reads_back(day: date, which: int, published: date | None) -> None:
    words = _formats(day)[which]
    text = f"Fighters attacked the checkpoint on {words} and nine people died."
    found = find_dates(text, published=published)
    assert [(f.text, f.resolved_start, f.resolved_end, f.precision) for f in found] == [
        (words, day, day, 1)
    ]


@given(published=_dates, weekday=st.integers(0, 6), lead=st.sampled_from(["on ", "", "late on "]))
def test_a_weekday_is_the_last_one_on_or_before_publication(
    published: date, weekday: int, lead: str
) -> None:
    f = one(f"Jets struck {lead}{calendar.day_name[weekday]}.", published)
    assert f.resolved_start is not None
    assert f.resolved_start.weekday() == weekday
    assert 0 <= (published - f.resolved_start).days <= 6


@given(
    month=st.integers(1, 12),
    day=st.integers(29, 31),
    year=st.integers(1900, 2099),
)
def test_a_day_a_month_does_not_have_is_no_date(month: int, day: int, year: int) -> None:
    if day <= calendar.monthrange(year, month)[1]:
        return
    text = f"Shelling on {day} {calendar.month_name[month]} {year} killed four."
    assert find_dates(text, published=date(2021, 1, 1)) == []
    assert [s.text for s in find_impossible(text)] == [f"{day} {calendar.month_name[month]} {year}"]


_pieces = st.sampled_from(
    [
        "on Monday", "Tuesday's", "yesterday", "since", "between", "and", "from", "to", "March",
        "May", "2016", "30", "31", "/", "-", ".", ",", "last week", "ago", "two days", "overnight",
        "Nov.", "(Reuters) -", "BEIRUT,", "Date of publication:", "\n", "said on", "Meanwhile,",
        "early", "mid-", "the previous day", "29 February", "6:30", "12/13/2014", " ",
    ]
)  # fmt: skip


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    parts=st.lists(st.one_of(_pieces, st.text(max_size=8)), max_size=30),
    published=st.none() | _dates | st.dates(),  # st.dates(): to the ends of the calendar
)
@example(parts=["\xad"], published=None)  # found by hypothesis in CI: normalised to nothing
def test_any_text_gives_sound_mentions(parts: list[str], published: date | None) -> None:
    text = " ".join(parts).strip()
    if not normalise_text(text):  # nothing left (a lone soft hyphen): make_report refuses it
        text = "x"
    ctx = context_for(text, published)
    pub = ctx.report.published
    for m in ctx.dates:
        assert ctx.text[m.span.start : m.span.end] == m.span.text
        assert m.role in ("event", "speech", "future", "dateline")
        ref = m.date
        assert (ref.start is None) == (ref.end is None) == (ref.precision is None)
        if ref.start is not None and ref.end is not None:
            assert ref.start <= ref.end
            assert ref.precision in (1, 2, 3, 4, 5)
        if pub is None:
            assert ref.rule is not None
            relative = m.kind.startswith(("weekday", "relative", "overnight", "since"))
            assert not (relative and ref.start is not None)
    for i in range(len(ctx.sentences)):
        ref = date_for(ctx, [i])
        assert ref is None or ref.rule is not None


def test_a_big_text_without_full_stops() -> None:
    # Half a megabyte with no sentence end: the clause searches are bounded, so this is quick
    # (speed itself is measured by benchmarks/bench_places_dates.py, not here).
    text = "jets struck on Tuesday killing 4 people on 3 May 2020 and " * 5000 + "x" * 200000
    found = find_dates(text, published=WED)
    assert len(found) == 10000
    assert {f.text for f in found} == {"Tuesday", "3 May 2020"}


def test_pipeline_times_each_stage() -> None:
    pipeline = build_pipeline([sentences.STAGE, STAGE])
    timings: dict[str, float] = {}
    for _ in range(2):
        pipeline(
            Context(report=make_report("Jets struck on Monday.", published=WED)), timings=timings
        )
    assert set(timings) == {"sentences", "dates"}
    assert all(t >= 0 for t in timings.values())
