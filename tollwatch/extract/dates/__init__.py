"""Stage ``dates``: find date expressions in a report and resolve them against its publication date.

Regular expressions over the text, no parse: this stage must stay cheap.

What it reads (:mod:`.patterns`, :mod:`.scan`)
    Explicit dates ("30 November 2016", "Nov. 30", "November 30, 2016", "2016-11-30",
    "Wed 05 Apr 2017"), numeric dates ("30/11/2016"), months ("November 2016", "in March",
    "early March"), years ("in 2016"), weekdays ("on Tuesday", "late on Monday", "Monday
    night", "Sunday's attack"), relative words ("today", "yesterday", "overnight", "last
    week", "earlier this month", "this week", "in recent days", "two days ago", "the
    previous day"), "since X" and ranges ("between 1 January and 10 March", "from Monday to
    Wednesday", "1-10 March").

How it resolves (:mod:`.resolve`)
    * A weekday is the last such day on or before the publication date ("on Wednesday" in a
      report published on a Wednesday is that day; "last Wednesday" is the one before).
    * A day and month without a year take the publication year, or the year before when
      that would put the date more than a month after publication.
    * Numeric dates are read day first ("05/04/2017" is 5 April); only when day-first is
      impossible and month-first is not ("11/30/2016") are they read month first.
    * Impossible dates ("31 February", "30/13/2016") and clock times ("6:30 am") are not
      dates; neither are bare numbers ("2016 people") nor month words that are not months
      ("may", "a march"): month names must be capitalised, bare years need a preposition.
    * A report without a publication date keeps every expression's words, but anything
      relative to that date resolves to ``start=None``: a guess is worse than null.
    * A weekday in a clause about what is to come ("talks will be held on Friday") is the
      next such day, and its role is ``future``.
    * "the previous day", "the next day", "a day later" count from the last exact date told
      before them (not from a dateline); "a day after the massacre" names no day.
    * Impossible dates are left out of the mentions and noted in ``context.notes``.
    * A dateline or "Date of publication" line (:mod:`.dateline`) fills a missing
      publication date; the stage then replaces ``context.report`` and leaves a note saying
      so. A dateline that disagrees with a publication date given is noted; the given date
      stays.

Precision (``DateRef.precision``) follows UCDP GED's ``date_prec``:
    1 the exact day; 2 a range of 2-6 days; 3 a week; 4 a month (or 8-31 days);
    5 a year (or any longer range). Ranges take the precision of their length; named
    periods take their own ("this week" is 3 even on a Tuesday).

Rules and basis (:mod:`.expressions`): every kind of date words is a registered rule named
in ``DateRef.rule``; ``DateRef.basis`` says whether the words state the date or count from
publication.

Roles: each :class:`DateMention` says whether its date tells when something happened
(``event``), when somebody spoke ("a monitor said on Sunday": ``speech``), something still
to come (``future``) or the report's own dateline (``dateline``). :func:`date_for`
(:mod:`.choose`) prefers event dates and uses the others only as weak fallbacks.
"""

from __future__ import annotations

from tollwatch.extract.dates.choose import date_for, story_day
from tollwatch.extract.dates.dateline import published_in_text
from tollwatch.extract.dates.expressions import BASES
from tollwatch.extract.dates.resolve import precision_for
from tollwatch.extract.dates.scan import Found
from tollwatch.extract.dates.stage import (
    ROLES,
    STAGE,
    DateMention,
    find_dates,
    find_impossible,
    reference_date,
    run,
)

__all__ = [
    "BASES",
    "DateMention",
    "Found",
    "ROLES",
    "STAGE",
    "date_for",
    "find_dates",
    "find_impossible",
    "precision_for",
    "published_in_text",
    "reference_date",
    "run",
    "story_day",
]
