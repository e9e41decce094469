"""Tests of the in-memory linker: its blocks, and linking a sequence of incidents."""

from __future__ import annotations

import random
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.ledger.test_linking import town
from tollwatch.ledger import linking
from tollwatch.ledger.link_index import LinkIndex, link_all
from tollwatch.ledger.linking import LinkCandidate


def test_index_sees_only_its_blocks():
    index = LinkIndex()
    index.add(town("same"))
    index.add(town("other-admin1", admin1="Hama"))
    index.add(town("no-admin1", admin1=None, admin2=None))
    index.add(town("later", date_start=date(2017, 6, 1), date_end=date(2017, 6, 1)))
    index.add(town("undated", date_start=None, date_end=None, date_precision=None))
    keys = [c.key for c in index.candidates(town("q"))]
    assert keys == ["no-admin1", "same", "undated"]
    # Unknown admin1: the whole country in the date window.
    wide = [c.key for c in index.candidates(town("q", admin1=None))]
    assert wide == ["no-admin1", "other-admin1", "same", "undated"]
    index.remove("same")
    assert "same" not in [c.key for c in index.candidates(town("q"))]


def test_link_all_groups_reports_of_one_event():
    items = [
        town("a"),
        town("b", figures={"killed": 26}, date_start=date(2017, 4, 5)),
        town("c", admin1="Hama", place_name="Hama", admin2="Hama", latitude=35.13),
        town("d", date_start=date(2017, 5, 20), date_end=date(2017, 5, 20)),
    ]
    groups = link_all(items)
    assert groups == {"a": "a", "b": "a", "c": "c", "d": "d"}


def _random_candidate(rng: random.Random, i: int) -> LinkCandidate:
    day = date(2016, 1, 1) + timedelta(days=rng.randrange(0, 120))
    prec = rng.choice([1, 1, 1, 2, 4, 5, None])
    span = {1: 0, 2: 3, 4: 29, 5: 364}.get(prec or 0, 0)
    return LinkCandidate(
        key=f"k{i:04d}",
        country=rng.choice(["SY", "SY", "IQ", None]),
        admin1=rng.choice(["Idlib", "Aleppo", "Hama", None]),
        date_start=day if prec else None,
        date_end=day + timedelta(days=span) if prec else None,
        date_precision=prec,
        published=rng.choice([None, day + timedelta(days=1)]),
        sub_event_type=rng.choice(["Air/drone strike", "Armed clash"]),
        report_ids=(f"R{i}",),
    )


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_blocking_never_hides_a_link_the_score_would_make(seed):
    rng = random.Random(seed)
    items = [_random_candidate(rng, i) for i in range(60)]
    index = LinkIndex()
    for item in items[:40]:
        index.add(item)
    for q in items[40:]:
        seen = {c.key for c in index.candidates(q)}
        for other in items[:40]:
            if linking.score(q, other).score > 0:
                assert other.key in seen, (q, other)
        window = linking.search_window(q)
        for other in items[:40]:
            if linking.score(q, other).score > 0 and window.date_from is not None:
                w = linking.date_window(other)
                assert w is None or (w[1] >= window.date_from and w[0] <= window.date_to)
