"""The registered rules of date expressions: one per kind of words that give a date.

A date mention's ``DateRef.rule`` names the rule of its words ("dates.weekday"), and
"dates.since" after it when "since" made it the start of a period running to publication.
An incident's date names the rule that chose it first (:mod:`.choose`), then these.

Each kind also says how the date was found (``DateRef.basis``): ``stated`` when the words
name the day, month or year themselves ("4 March 2019", "in October"), ``relative`` when they
count from the publication date ("on Monday", "yesterday", "three days ago"). A day told
relative to another ("the previous day") has the basis of that day.

The examples are published on Wednesday 30 November 2016 (``rules.EXAMPLE_PUBLISHED``).
"""

from __future__ import annotations

from datetime import date

from tollwatch.extract.rules import Example, Rule, register

__all__ = ["BASES", "SINCE", "basis_of", "rule_of"]

# How an incident's date was found: the words name it; the words count from the publication
# date; or there are no date words and the publication date stands in (precision 2).
BASES: tuple[str, ...] = ("stated", "relative", "publication")


def _expr(name: str, summary: str, *examples: Example) -> Rule:
    return register(f"dates.{name}", fact="date", summary=summary, examples=examples)


EXPLICIT = _expr(
    "explicit_date",
    "a full date: day, month and year ('4 March 2019', 'Nov. 3, 2016', '2016-11-27')",
    Example(
        "Air strikes killed 12 civilians in Saraqeb on 27 November 2016, a monitor said.",
        expect={"start": date(2016, 11, 27), "precision": 1, "basis": "stated"},
    ),
    Example(
        "A car bomb killed nine people in Azaz on Nov. 3, 2016, police said.",
        expect={"start": date(2016, 11, 3), "basis": "stated"},
    ),
)
DAY_FIRST = _expr(
    "numeric_day_first",
    "a date in figures read day first ('26/11/2016'), as most reporting outside the US writes it",
    Example(
        "A roadside bomb killed four soldiers near Hama on 26/11/2016, the army said.",
        expect={"start": date(2016, 11, 26), "basis": "stated"},
    ),
)
MONTH_FIRST = _expr(
    "numeric_month_first",
    "a date in figures that can only be month first ('11/26/2016')",
    Example(
        "A roadside bomb killed four soldiers near Hama on 11/26/2016, the army said.",
        expect={"start": date(2016, 11, 26), "basis": "stated"},
    ),
)
DAY_MONTH = _expr(
    "day_month",
    "a day and month without a year: the publication year, or the year before when that "
    "would put it over a month after publication",
    Example(
        "Gunmen killed four farmers near Daraa on 28 November, residents said.",
        expect={"start": date(2016, 11, 28), "precision": 1, "basis": "stated"},
    ),
    Example(
        "Shelling killed six people in Douma on 28 December, activists said.",
        expect={"start": date(2016, 12, 28)},
        published=date(2017, 1, 3),
    ),
)
DAY_RANGE = _expr(
    "day_range",
    "days of one month ('20-24 November', 'between 20 and 24 November')",
    Example(
        "Air strikes between 20 and 24 November killed 45 people in eastern Aleppo, the "
        "monitor said.",
        expect={"start": date(2016, 11, 20), "end": date(2016, 11, 24), "precision": 2},
    ),
)
PART_OF_MONTH = _expr(
    "part_of_month",
    "early, mid or late in a month: its first, middle or last ten days",
    Example(
        "Barrel bombs killed 30 people in Daraya in early November, activists said.",
        expect={"start": date(2016, 11, 1), "end": date(2016, 11, 10), "precision": 4},
    ),
)
MONTH = _expr(
    "month",
    "a month ('in October', 'October 2016'): the latest such month up to publication",
    Example(
        "Air strikes killed 60 civilians in Idlib in October, the monitor said.",
        expect={"start": date(2016, 10, 1), "end": date(2016, 10, 31), "precision": 4},
    ),
)
PART_OF_YEAR = _expr(
    "part_of_year",
    "early, mid or late in a year: its first, middle or last third",
    Example(
        "A suicide bomber killed 40 people at a checkpoint in Jableh in early 2016.",
        expect={"start": date(2016, 1, 1), "end": date(2016, 4, 30), "precision": 5},
    ),
)
YEAR = _expr(
    "year",
    "a year after a preposition ('in 2015'); a bare number is no year",
    Example(
        "A suicide bomber killed 40 people at a checkpoint in Jableh in 2015.",
        expect={"start": date(2015, 1, 1), "end": date(2015, 12, 31), "precision": 5},
    ),
)
WEEKDAY = _expr(
    "weekday",
    "a weekday: the last such day on or before publication ('last Monday' the one before)",
    Example(
        "Shelling killed four people in Idlib on Monday, activists said.",
        expect={"start": date(2016, 11, 28), "precision": 1, "basis": "relative"},
    ),
    Example(
        "Shelling killed four people in Idlib on Wednesday, activists said.",
        expect={"start": date(2016, 11, 30), "basis": "relative"},
    ),
)
WEEKDAY_OVERNIGHT = _expr(
    "weekday_overnight",
    "the night before or after a weekday ('overnight into Tuesday', 'Monday overnight')",
    Example(
        "Air strikes overnight into Tuesday killed 11 people in Aleppo, the monitor said.",
        expect={"start": date(2016, 11, 28), "end": date(2016, 11, 29), "precision": 2},
    ),
)
RELATIVE = _expr(
    "relative",
    "words that count from publication: 'yesterday', 'today', 'last week', 'three days ago'",
    Example(
        "A roadside bomb killed three soldiers near Hama yesterday, the army said.",
        expect={"start": date(2016, 11, 29), "precision": 1, "basis": "relative"},
    ),
    Example(
        "Air strikes killed 20 people in Khan Sheikhoun two days ago, rescuers said.",
        expect={"start": date(2016, 11, 28), "basis": "relative"},
    ),
)
OVERNIGHT = _expr(
    "overnight",
    "'overnight': the night that ended on the publication day",
    Example(
        "Rockets fired overnight killed two children in western Aleppo, state media said.",
        expect={"start": date(2016, 11, 29), "end": date(2016, 11, 30), "precision": 2},
    ),
)
PREVIOUS_DAY = _expr(
    "previous_day",
    "'the previous day', 'a day earlier': the day before the exact date told before it",
    Example(
        "A car bomb killed 10 people in Azaz on 28 November. The previous day, air strikes "
        "killed six people in Idlib.",
        expect={"start": date(2016, 11, 27), "precision": 1, "basis": "stated"},
    ),
)
NEXT_DAY = _expr(
    "next_day",
    "'the next day', 'a day later': the day after the exact date told before it",
    Example(
        "A car bomb killed 10 people in Azaz on 26 November. The next day, air strikes "
        "killed six people in Idlib.",
        expect={"start": date(2016, 11, 27), "precision": 1},
    ),
)
SAME_DAY = _expr(
    "same_day",
    "'the same day': the exact date told before it",
    Example(
        "A car bomb killed 10 people in Azaz on 26 November. On the same day, air strikes "
        "killed six people in Idlib.",
        expect={"start": date(2016, 11, 26), "precision": 1},
    ),
)
RANGE = _expr(
    "range",
    "two date expressions joined into one stretch ('from Monday to Wednesday', 'between 1 "
    "and 10 March', 'on Saturday and Sunday')",
    Example(
        "Clashes from Monday to Wednesday killed 25 fighters near Palmyra, the monitor said.",
        expect={"start": date(2016, 11, 28), "end": date(2016, 11, 30), "precision": 2},
    ),
)
SINCE = _expr(
    "since",
    "'since' before a date makes it the start of a period that runs to publication",
    Example(
        "Air strikes have killed 90 people in eastern Aleppo since Sunday, the monitor said.",
        expect={"start": date(2016, 11, 27), "end": date(2016, 11, 30), "basis": "relative"},
    ),
)

# The kind of each resolved expression (or of the pattern that matched it, when it could
# not be resolved) and the rule it is.
_RULE_OF_KIND: dict[str, Rule] = {
    "explicit_date": EXPLICIT,
    "iso": EXPLICIT,
    "numeric_day_first": DAY_FIRST,
    "numeric": DAY_FIRST,
    "numeric_month_first": MONTH_FIRST,
    "day_month": DAY_MONTH,
    "month_day": DAY_MONTH,
    "day_range": DAY_RANGE,
    "range_days": DAY_RANGE,
    "part_of_month": PART_OF_MONTH,
    "month_part": PART_OF_MONTH,
    "month": MONTH,
    "month_year": MONTH,
    "part_of_year": PART_OF_YEAR,
    "year_part": PART_OF_YEAR,
    "year": YEAR,
    "weekday": WEEKDAY,
    "weekday_overnight": WEEKDAY_OVERNIGHT,
    "relative": RELATIVE,
    "overnight": OVERNIGHT,
    "previous_day": PREVIOUS_DAY,
    "next_day": NEXT_DAY,
    "same_day": SAME_DAY,
    "range": RANGE,
}
# Kinds that count from the publication date.
_RELATIVE_KINDS = frozenset({"weekday", "weekday_overnight", "relative", "overnight"})


def rule_of(kind: str) -> str:
    """The registered rule names of an expression kind ("since_weekday" ->
    "dates.weekday+dates.since")."""
    if kind.startswith("since_"):
        return f"{rule_of(kind.removeprefix('since_'))}+{SINCE.name}"
    return _RULE_OF_KIND[kind].name


def basis_of(kind: str) -> str:
    """``relative`` for words that count from publication, else ``stated``."""
    return "relative" if kind.removeprefix("since_") in _RELATIVE_KINDS else "stated"
