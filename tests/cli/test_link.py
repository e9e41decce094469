"""``tollwatch link``: decisions by id prefix, the decision log, and ids no store holds."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.ledger.conftest import make_record
from tollwatch.cli import main
from tollwatch.ledger.write import ingest_records


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'ledger.sqlite'}"
    ingest_records(
        [
            make_record(
                "Jets killed 12 in Ariha on Tuesday.",
                killed=12,
                place="Ariha",
                day=date(2017, 4, 4),
                doc_id="a",
            ),
            make_record(
                "Mortars killed 5 in Douma on Friday.",
                killed=5,
                place="Douma",
                day=date(2017, 5, 5),
                doc_id="b",
            ),
        ],
        db_url=url,
    )
    return url


def _ids(db: str, capsys) -> list[str]:
    assert main(["incidents", "--db", db, "--format", "json"]) == 0
    return sorted(i["id"] for i in json.loads(capsys.readouterr().out))


def test_merge_split_and_log_take_id_prefixes(db: str, capsys):
    keep, other = _ids(db, capsys)
    assert main(["link", "merge", keep[:10], other[:10], "--db", db, "--by", "ana"]) == 0
    assert capsys.readouterr().out == (
        f"decision 1: merge {keep} {other} (1 report incidents moved)\n"
    )
    assert main(["show", keep, "--db", db, "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    report_douma = next(c["report_id"] for c in shown["claims"] if c["value"] == 5)
    argv = ["link", "split", keep[:8], report_douma[:14], "--db", db, "--by", "ana"]
    assert main([*argv, "--note", "two raids", "--json"]) == 0
    split = json.loads(capsys.readouterr().out)
    assert (split["id"], split["kind"], split["note"]) == (2, "split", "two raids")
    assert main(["link", "undo", "2", "--db", db, "--by", "ben"]) == 0
    capsys.readouterr()

    assert main(["link", "log", "--db", db, "--format", "json"]) == 0
    log = json.loads(capsys.readouterr().out)
    assert [(d["id"], d["kind"], d["undoes"], d["undone_by"], d["decided_by"]) for d in log] == [
        (3, "undo", 2, None, "ben"),
        (2, "split", None, 3, "ana"),
        (1, "merge", None, None, "ana"),
    ]
    assert main(["link", "log", other[:12], "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "WHEN", "KIND", "INCIDENT", "OTHER", "MOVED", "BY", "NOTE"]
    assert [line.split()[0] for line in lines[1:]] == ["1"]  # only the merge touched it
    assert lines[1].split()[3:] == ["merge", keep, other, "1", "ana"]


def test_an_empty_log_says_so(db: str, capsys):
    assert main(["link", "log", "--db", db]) == 0
    assert capsys.readouterr().out == "no decisions\n"


def test_a_prefix_of_several_incidents_is_ambiguous(db: str, capsys):
    assert main(["link", "merge", "inc-", "inc-", "--db", db, "--by", "ana"]) == 1
    assert capsys.readouterr().err == "Error: incident id prefix 'inc-' is ambiguous\n"


@pytest.mark.parametrize("number", ["9223372036854775808", "0", "-1", "2147483648"])
def test_undo_of_a_decision_no_store_holds(db: str, capsys, number: str):
    assert main(["link", "undo", number, "--db", db, "--by", "ana"]) == 1
    assert capsys.readouterr().err == f"Error: no decision {number} in the ledger\n"


def test_undo_of_something_not_a_number(db: str, capsys):
    with pytest.raises(SystemExit):
        main(["link", "undo", "latest", "--db", db, "--by", "ana"])
    assert "not a decision number: 'latest'" in capsys.readouterr().err
