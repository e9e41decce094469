"""Tests of progress: reports done, rate and ETA, as lines on stderr (not stdout)."""

from __future__ import annotations

import io

from tollwatch.jobs.progress import Progress


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_lines_give_done_rate_and_eta_once_the_total_is_known():
    clock, err = Clock(), io.StringIO()
    bar = Progress(out=err, every=5.0, clock=clock, bar=False)
    clock.now = 1.0
    bar.update(2)  # under 5 s since the start: nothing printed yet
    clock.now = 5.0
    bar.update(8)
    bar.set_total(100)  # the count made on the side arrives
    clock.now = 10.0
    bar.update(10)
    bar.close()
    assert err.getvalue().splitlines() == [
        "10 reports, 2.0 reports/s",
        "20/100 reports, 2.0 reports/s, ETA 40s",
    ]


def test_the_last_line_is_not_printed_twice_and_long_etas_read_in_hours():
    clock, err = Clock(), io.StringIO()
    bar = Progress(out=err, every=1.0, clock=clock, bar=False, total=10_000)
    clock.now = 2.0
    bar.update(1)
    bar.close()
    assert err.getvalue() == "1/10,000 reports, 0.5 reports/s, ETA 5h33m\n"


def test_nothing_is_printed_for_a_run_that_did_nothing():
    err = io.StringIO()
    Progress(out=err, bar=False).close()
    assert err.getvalue() == ""
