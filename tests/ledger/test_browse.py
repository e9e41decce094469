"""Tests of browsing: the incidents list's filtered counts and pages read an index that leads
with the filter (migration 0010), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert, select

from tollwatch.ledger import browse
from tollwatch.ledger import schema as s

TYPES = (("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
         ("Explosions/Remote violence", "Shelling/artillery/missile attack"))  # fmt: skip

FILTERS = [
    (browse.IncidentFilter(type="Armed clash"), "sub_event_type"),
    (browse.IncidentFilter(type="battles"), "event_type"),
    (browse.IncidentFilter(grade="contested"), "grade"),
    (browse.IncidentFilter(reviewed=True), "reviewed"),
]  # (reviewed=False matches most incidents: a planner may rightly count them another way)


def _fill(store, n: int = 3000) -> None:
    """``n`` incidents of every type, grade and review state (a few undated), analysed (and
    on PostgreSQL vacuumed): the planners choose by their statistics, as on a large ledger."""
    stamp = datetime.now(UTC)
    rows = []
    for k in range(n):
        event, sub = TYPES[k % len(TYPES)]
        day = None if k % 97 == 0 else date(2020, 1, 1) + timedelta(days=k % 700)
        rows.append({"id": f"inc-{k:06d}", "country": ("SY", "IQ", "YE")[k % 5 % 3],
                     "admin1_key": f"a{k % 11}", "date_start": day, "date_end": day,
                     "event_type": event, "sub_event_type": sub,
                     "grade": ("confirmed", "fair", "weak", "contested")[k % 4],
                     "reviewed": k % 10 == 0, "status": "active" if k % 50 else "merged",
                     "created_at": stamp, "updated_at": stamp})  # fmt: skip
    with store.write() as conn:
        conn.execute(insert(s.incidents), rows)
    if store.dialect == "postgresql":  # as autovacuum does after a bulk write
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE incidents")
    else:
        with store.write() as conn:
            conn.exec_driver_sql("ANALYZE")


def _plan(store, query) -> str:
    """The store's plan of ``query`` as text (PostgreSQL told to avoid table scans, as it
    does for a table of 100,000 incidents: a test ledger is too small to need an index)."""
    with store.read() as conn:
        sql = str(query.compile(conn, compile_kwargs={"literal_binds": True}))
        if store.dialect == "postgresql":
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
            return "\n".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + sql))
        return "\n".join(r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))


def _reads_the_index(store, plan: str, name: str, column: str) -> bool:
    """Whether ``plan`` is an index-only range of ``name`` on ``column``, in the list's order."""
    if "Sort" in plan or "TEMP B-TREE" in plan:
        return False
    if store.dialect == "postgresql":
        # the filter is in the index's condition, not a Filter over rows read
        return f"Index Only Scan Backward using {name} " in plan or (
            f"Index Only Scan using {name} " in plan
            and f"{column} = " in plan.split("Index Cond:", 1)[1].split("\n", 1)[0]
        )
    return f"COVERING INDEX {name} (status=? AND {column}=?" in plan


def test_a_filtered_count_and_page_read_the_index_that_leads_with_the_filter(store):
    _fill(store)
    wrong = []
    for f, column in FILTERS:
        name = next(n for n, lead in s.FILTER_INDEXES.items() if lead == column)
        for what, query in (
            ("count", browse.count_select(f)),
            ("undated count", browse.count_select(f, undated=True)),
            ("page ids", browse.ids_select(f).limit(50).offset(100)),
        ):
            plan = _plan(store, query)
            if not _reads_the_index(store, plan, name, column):
                wrong.append(f"{f.to_dict()} {what}:\n{plan}")
    assert not wrong, "\n\n".join(wrong)


def test_counts_are_exact_under_every_filter(store):
    _fill(store)
    with store.read() as conn:
        rows = list(conn.execute(select(s.incidents)).mappings())
    for f in [browse.IncidentFilter(), *(f for f, _ in FILTERS),
              browse.IncidentFilter(reviewed=False),
              browse.IncidentFilter(reviewed=False, grade="weak", type="Armed clash")]:  # fmt: skip
        conds = browse.conditions(f)
        with store.read() as conn:
            matching = set(conn.execute(browse.filtered(select(s.incidents.c.id), f)).scalars())
            total = conn.execute(browse.count_select(f)).scalar_one()
            undated = conn.execute(browse.count_select(f, undated=True)).scalar_one()
        assert conds and total == len(matching), f
        assert undated == sum(1 for r in rows if r["id"] in matching and r["date_start"] is None)
        if f == browse.IncidentFilter(reviewed=False):
            assert matching and all(not r["reviewed"] for r in rows if r["id"] in matching)
            assert 0 < undated < total
