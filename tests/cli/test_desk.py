"""Tests of the desk's commands (user, serve) and of what the CLI sees of reviews: show,
incidents, exports, and ``export reviewed`` scored by ``tollwatch eval`` (the round trip), on
SQLite and on PostgreSQL."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ledger.conftest import _url_for
from tollwatch.cli import main
from tollwatch.ledger import review
from tollwatch.ledger.query import claims_for, list_incidents
from tollwatch.ledger.store import open_store

# Written for these tests, in the style of wire reports.
CORPUS = [
    {
        "id": "desk-a",
        "text": "Government air strikes killed 12 civilians in the town of Ariha in Idlib "
        "province on Tuesday, the Syrian Civil Defence said. Another 30 people were wounded, "
        "the rescue group added.",
        "meta": {"title": "Strikes on Ariha", "published": "2017-04-05", "outlet": "Wire"},
    },
    {
        "id": "desk-b",
        "text": "A car bomb exploded near a checkpoint in Manbij on Sunday, killing nine people "
        "and wounding 20 others, a local official said.",
        "meta": {"title": "Car bomb in Manbij", "published": "2017-05-08", "outlet": "Daily"},
    },
]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty ledger: an SQLite file, then a fresh PostgreSQL database."""
    yield from _url_for(request.param, tmp_path)


@pytest.fixture
def ledger(tmp_path: Path, db: str, capsys) -> dict[str, list]:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in CORPUS), encoding="utf-8")
    assert main(["ingest", str(corpus), "--db", db]) == 0
    capsys.readouterr()
    store = open_store(db)
    with store.read() as conn:
        incidents = list_incidents(conn)
        claims = claims_for(conn, [i.id for i in incidents])
    store.dispose()
    by_doc: dict[str, list] = {}
    for c in claims:
        by_doc.setdefault(c.doc_id, []).append(c)
    assert set(by_doc) == {"desk-a", "desk-b"} and all(len(v) >= 2 for v in by_doc.values())
    return by_doc


def test_user_add_list_and_token(db: str, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("a good long password\n"))
    assert main(["user", "add", "rana", "--role", "reviewer", "--password-stdin", "--db", db]) == 0
    assert capsys.readouterr().out == "account rana (reviewer) created\n"
    monkeypatch.setattr("sys.stdin", io.StringIO("a good long password\n"))
    assert main(["user", "add", "rana", "--role", "viewer", "--password-stdin", "--db", db]) == 1
    assert capsys.readouterr().err == "Error: there is already a user 'rana'\n"
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["user", "add", "ben", "--role", "viewer", "--password-stdin", "--db", db]) == 1
    assert capsys.readouterr().err == "Error: a password needs at least 8 characters\n"
    assert main(["user", "list", "--json", "--db", db]) == 0
    (user,) = json.loads(capsys.readouterr().out)
    assert (user["name"], user["role"], user["active"]) == ("rana", "reviewer", True)
    assert main(["user", "token", "rana", "--db", db]) == 0
    assert capsys.readouterr().out.startswith("tw_")
    assert main(["user", "role", "rana", "--disable", "--db", db]) == 0
    assert capsys.readouterr().out == "rana: reviewer, off\n"


def test_user_add_without_a_terminal_asks_for_password_stdin(db: str, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["user", "add", "rana", "--role", "admin", "--db", db]) == 1
    assert capsys.readouterr().err == (
        "Error: no terminal to ask for the password; use --password-stdin\n"
    )


def test_serve_refuses_a_bad_port_and_bad_settings(db: str, capsys, monkeypatch):
    assert main(["serve", "--db", db, "--port", "70000"]) == 1
    assert capsys.readouterr().err == "Error: --port must be between 1 and 65535, not 70000\n"
    assert main(["serve", "--db", db, "--tile-url", "ftp://tiles/{z}/{x}/{y}"]) == 1
    assert "Error: desk setting tile_url" in capsys.readouterr().err
    monkeypatch.setenv("TOLLWATCH_PUBLIC_READ", "perhaps")
    assert main(["serve", "--db", db]) == 1
    assert (
        capsys.readouterr().err
        == "Error: TOLLWATCH_PUBLIC_READ must be true or false, not 'perhaps'\n"
    )


def test_the_cli_sees_reviews(ledger, db: str, tmp_path: Path, capsys):
    store = open_store(db)
    killed = next(c for c in ledger["desk-b"] if c.figure == "killed")
    review.review_claim(store, killed.id, action="correct", by="rana", changes={"value": 10})
    store.dispose()
    assert main(["show", killed.incident_id, "--db", db, "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["estimates"]["killed"]["best"] == 10 and shown["reviewed"] is True
    (claim,) = [c for c in shown["claims"] if c["id"] == killed.id]
    assert (claim["value"], claim["review"], claim["machine"]["value"]) == (10, "corrected", 9)
    out = tmp_path / "claims.csv"
    assert main(["export", "claims", "--db", db, "-o", str(out)]) == 0
    assert ",10," in out.read_text(encoding="utf-8")


def test_export_reviewed_is_an_eval_file_that_eval_scores(ledger, db: str, tmp_path: Path, capsys):
    store = open_store(db)
    for c in ledger["desk-a"]:  # report A: every claim accepted as it is
        review.review_claim(store, c.id, action="accept", by="rana")
    b = ledger["desk-b"]
    killed = next(c for c in b if c.figure == "killed")
    rest = [c for c in b if c.id != killed.id]
    # report B: the killed figure corrected to a value the machine does not give, one
    # claim rejected, the others accepted
    review.review_claim(store, killed.id, action="correct", by="rana", changes={"value": 11})
    review.review_claim(store, rest[0].id, action="reject", by="rana", note="not this event")
    for c in rest[1:]:
        review.review_claim(store, c.id, action="accept", by="rana")
    store.dispose()

    out = tmp_path / "reviewed.jsonl"
    assert main(["export", "reviewed", "--db", db, "-o", str(out)]) == 0
    assert capsys.readouterr().err == f"wrote 2 reviewed reports to {out}\n"
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [d["id"] for d in docs] == ["desk-a", "desk-b"]
    for doc, source in zip(docs, CORPUS, strict=True):
        assert set(doc) == {"id", "task", "text", "meta", "gold"} and doc["task"] == "claims"
        assert doc["text"] == source["text"]
        assert set(doc["meta"]) == {"title", "published", "outlet", "url"}
        assert doc["meta"]["published"] == source["meta"]["published"]
        assert set(doc["gold"]) == {"claims", "incidents", "main_incident"}
        assert doc["gold"]["main_incident"] in doc["gold"]["incidents"]
    gold_b = docs[1]["gold"]["claims"]
    assert len(gold_b) == len(b) - 1  # the rejected claim is not gold
    assert {"figure": "killed", "value": 11} in [
        {"figure": g["figure"], "value": g["value"]} for g in gold_b
    ]

    n_a, n_b = len(ledger["desk-a"]), len(b)
    assert main(["eval", str(out), "--json", "--no-link"]) == 0
    scores = json.loads(capsys.readouterr().out)["files"][0]["scores"]
    # The machine still says what it said: every claim of A matches; in B the corrected
    # figure and the rejected claim do not.
    assert scores["claim_recall"]["value"] == pytest.approx((n_a + n_b - 2) / (n_a + n_b - 1))
    assert scores["claim_precision"]["value"] == pytest.approx((n_a + n_b - 2) / (n_a + n_b))
    assert scores["date_acc"]["value"] == 1.0 and scores["type_acc"]["value"] == 1.0


def test_partly_reviewed_reports_need_partial(ledger, db: str, tmp_path: Path, capsys):
    store = open_store(db)
    first = ledger["desk-a"][0]
    review.review_claim(store, first.id, action="accept", by="rana")
    store.dispose()
    out = tmp_path / "reviewed.jsonl"
    assert main(["export", "reviewed", "--db", db, "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == ""
    assert main(["export", "reviewed", "--db", db, "--partial", "-o", str(out)]) == 0
    (doc,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    flags = [g.get("optional", False) for g in doc["gold"]["claims"]]
    assert flags.count(False) == 1 and len(flags) == len(ledger["desk-a"])


def test_the_incidents_and_show_tables_name_reviews(ledger, db: str, capsys):
    store = open_store(db)
    killed = next(c for c in ledger["desk-b"] if c.figure == "killed")
    review.review_claim(store, killed.id, action="correct", by="rana", changes={"value": 10})
    store.dispose()
    assert main(["incidents", "--db", db]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[-1] == "REVIEWED"
    marked = [line for line in table if line.startswith(killed.incident_id)]
    assert marked and marked[0].rstrip().endswith("yes")
    assert main(["show", killed.incident_id, "--db", db]) == 0
    shown = capsys.readouterr().out
    assert "corrected by rana (was 9)" in shown
