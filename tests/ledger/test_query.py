"""Reading by id on both stores: prefixes, ids no store holds, wildcards taken literally."""

from __future__ import annotations

from datetime import date

import pytest

from tests.ledger.conftest import make_record
from tollwatch.errors import NotFoundError
from tollwatch.ledger import decisions
from tollwatch.ledger.query import get_incident, list_incidents
from tollwatch.ledger.write import store_items


def _two(store) -> list[str]:
    store_items(
        [
            make_record("Jets killed 12 in Ariha.", killed=12, place="Ariha", day=date(2017, 4, 4)),
            make_record(
                "Mortars killed 5 in Douma.", killed=5, place="Douma", day=date(2017, 5, 5)
            ),
        ],
        store=store,
    )
    with store.read() as conn:
        return sorted(i.id for i in list_incidents(conn))


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("x" * 100_000, f"no incident '{'x' * 39}…' in the ledger"),
        ("inc-_", "no incident 'inc-_' in the ledger"),
        ("inc-%", "no incident 'inc-%' in the ledger"),
        ("inc-\\", "no incident 'inc-\\\\' in the ledger"),
        ("inc-", "incident id prefix 'inc-' is ambiguous"),
        ("", "no incident '' in the ledger"),
    ],
)
def test_hostile_ids(store, given: str, message: str) -> None:
    _two(store)
    with store.read() as conn, pytest.raises(NotFoundError) as caught:
        get_incident(conn, given)
    assert caught.value.message == message


def test_a_unique_prefix_finds_the_incident(store) -> None:
    first, _ = _two(store)
    with store.read() as conn:
        assert get_incident(conn, first[:9]).id == first


@pytest.mark.parametrize("number", [2**63, 2**31, 0, -5])
def test_undo_of_a_decision_no_store_holds(store, number: int) -> None:
    with pytest.raises(NotFoundError) as caught:
        decisions.undo(store, number, by="ana")
    assert caught.value.message == f"no decision {number} in the ledger"


def test_merge_by_prefix_and_the_log(store) -> None:
    keep, other = _two(store)
    done = decisions.merge(store, keep[:10], other[:10], by="ana", note="one raid")
    assert (done.incident_id, done.other_incident_id) == (keep, other)
    decisions.undo(store, done.id, by="ben")
    with store.read() as conn:
        log = decisions.log(conn)
        only = decisions.log(conn, incident_id=other[:10], limit=1)
    assert [(d.id, d.kind, d.undone_by, d.note) for d in log] == [
        (2, "undo", None, None),
        (1, "merge", 2, "one raid"),
    ]
    assert [d.id for d in only] == [2]
    assert all(d.created_at is not None for d in log)
