"""Every incident has a date: the lead dates the title's story; the text's own date counts.

Every report here is written for these tests in the style of wire reports.
"""

from __future__ import annotations

from datetime import date

from tollwatch.extract import extract_report, make_report


def test_a_title_is_dated_by_the_rest_of_its_lead(nlp):
    record = extract_report(
        make_report(
            "Coalition jets kill 9 militants near Manbij\n"
            "Turkish artillery also shelled the militants' positions on Saturday as they "
            "prepared to fire across the border, the army said.",
            published=date(2018, 3, 11),
        )
    )
    nine = next(c for c in record.claims if c.count_text == "9")
    inc = next(i for i in record.incidents if i.id == nine.incident)
    assert inc.date is not None
    assert inc.date.start == date(2018, 3, 10)
    assert inc.date.rule is not None and inc.date.rule.startswith("dates.lead")


def test_weekdays_count_from_the_texts_own_publication_line(nlp):
    # The date given is a crawl date ten days later; the text says when it was written.
    record = extract_report(
        make_report(
            "Date of publication 14 March 2018\nShelling killed four people in the town of "
            "Kafr Nabl on Tuesday, activists said.",
            published=date(2018, 3, 24),
        )
    )
    inc = record.incidents[0]
    assert inc.date is not None and inc.date.start == date(2018, 3, 13)
    assert record.report.published == date(2018, 3, 24)  # the record keeps the date given
    assert any("dates resolve against the text's" in n for n in record.notes)


def test_without_a_date_given_or_written_an_incident_says_so(nlp):
    record = extract_report(
        make_report("Shelling killed four people in the town of Kafr Nabl, activists said.")
    )
    assert record.incidents[0].date is None
    assert any("no publication date" in n for n in record.notes)
