"""Tests of the ledger commands: ingest, incidents, show, export, link."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tollwatch.cli import main


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "At least 12 civilians were killed on Tuesday when government warplanes struck a "
        "market in the town of Ariha in Idlib province, the Syrian Civil Defence said.\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text(
        "Shelling on the besieged town of Douma killed seven people, including two children, "
        "medics said on Friday.\n",
        encoding="utf-8",
    )
    (folder / "page.html").write_text(
        "<html><head><title>Raid - Example News</title>"
        '<meta property="og:site_name" content="Example News"></head><body><nav>Menu</nav>'
        "<article><p>A car bomb exploded near a checkpoint in Manbij on Sunday, killing nine "
        "people and wounding 20 others, a local official said.</p></article></body></html>",
        encoding="utf-8",
    )
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    return folder


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'ledger.sqlite'}"


@pytest.mark.usefixtures("nlp")
def test_ingest_then_read_the_ledger(reports: Path, db: str, capsys):
    # The good reports are stored; the empty file makes the run exit 1 (as every command
    # does on bad input), named on stderr.
    assert main(["ingest", str(reports), "--db", db]) == 1
    out, err = capsys.readouterr()
    assert err == (
        f"discarded: {reports / 'empty.txt'}: report holds only whitespace\n"
        "Error: 1 input not stored as reports (discarded, see above)\n"
    )
    assert (
        out.splitlines()[0]
        == "reports: 3 new (0 of them copies of another report), 0 already present, 1 discarded"
    )
    assert "discarded (1): report holds only whitespace" in out

    assert main(["ingest", str(reports), "--db", db, "--json"]) == 1
    out, err = capsys.readouterr()
    summary = json.loads(out)
    assert (summary["reports_new"], summary["already_present"], summary["refused"]) == (0, 4, 1)
    assert err == "Error: 1 input not stored as reports (1 discarded by an earlier run)\n"

    assert main(["incidents", "--db", db, "--format", "json"]) == 0
    incidents = json.loads(capsys.readouterr().out)
    assert len(incidents) >= 2
    assert all(i["rule"] == "ucdp" for i in incidents)

    assert main(["incidents", "--db", db]) == 0
    table = capsys.readouterr().out
    assert table.startswith("ID ")
    assert "figures: best (low–high) under rule ucdp" in table

    assert main(["incidents", "--db", db, "--format", "csv", "--rule", "max"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["rule"] for r in rows} == {"max"}

    with_killed = [i for i in incidents if "killed" in i["estimates"]]
    assert with_killed
    target = with_killed[0]["id"]
    assert main(["show", target[:12], "--db", db]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith(f"incident {target}")
    assert "claims:" in shown and "QUOTE" in shown

    assert main(["show", target, "--db", db, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["claims"] and all(c["quote"] for c in data["claims"])


@pytest.mark.usefixtures("nlp")
def test_ingest_takes_the_publication_date_of_reports_that_give_none(
    tmp_path: Path, db: str, capsys
):
    report = tmp_path / "brief.txt"
    report.write_text(
        "Shelling killed four people in the town of Douma on Monday, medics said.\n",
        encoding="utf-8",
    )
    assert main(["ingest", str(report), "--db", db, "--published", "2018-02-31"]) == 1
    assert capsys.readouterr().err == "Error: impossible date in --published: '2018-02-31'\n"
    assert main(["ingest", str(report), "--db", db, "--published", "2018-03-07"]) == 0
    capsys.readouterr()
    assert main(["incidents", "--db", db, "--format", "json"]) == 0
    [incident] = json.loads(capsys.readouterr().out)
    # "on Monday" resolved against Wednesday 7 March 2018
    assert (incident["date_start"], incident["date_precision"]) == ("2018-03-05", 1)


def test_show_unknown_incident_is_an_error(db: str, capsys):
    assert main(["show", "inc-nothing", "--db", db]) == 1
    assert capsys.readouterr().err == "Error: no incident 'inc-nothing' in the ledger\n"


def test_bad_rule_and_dates_are_errors(db: str, capsys):
    assert main(["incidents", "--db", db, "--rule", "median"]) == 1
    assert capsys.readouterr().err.startswith("Error: unknown reconcile rule 'median'")
    assert main(["incidents", "--db", db, "--since", "2017-02-31"]) == 1
    assert capsys.readouterr().err == "Error: impossible date in --since: '2017-02-31'\n"
    assert main(["incidents", "--db", db, "--since", "2017-03-02", "--until", "2017-03-01"]) == 1
    assert capsys.readouterr().err == "Error: --since 2017-03-02 is after --until 2017-03-01\n"


def test_empty_ledger_lists_nothing(db: str, capsys):
    assert main(["incidents", "--db", db]) == 0
    assert capsys.readouterr().out == "no incidents in the ledger\n"


def test_export_and_link_commands(tmp_path: Path, db: str, capsys):
    from datetime import date

    from tests.ledger.conftest import make_record
    from tollwatch.ledger.write import ingest_records

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
        db_url=db,
    )
    out_file = tmp_path / "acled.csv"
    assert main(["export", "acled", "--db", db, "-o", str(out_file)]) == 0
    rows = list(csv.DictReader(out_file.open(encoding="utf-8")))
    assert len(rows) == 2 and "fatalities" in rows[0]
    capsys.readouterr()
    assert main(["export", "geojson", "--db", db]) == 0
    assert json.loads(capsys.readouterr().out)["type"] == "FeatureCollection"

    assert main(["incidents", "--db", db, "--format", "json"]) == 0
    ids = [i["id"] for i in json.loads(capsys.readouterr().out)]
    assert main(["link", "merge", ids[0], ids[1], "--db", db, "--by", "tester", "--json"]) == 0
    decision = json.loads(capsys.readouterr().out)
    assert decision["kind"] == "merge"
    assert main(["incidents", "--db", db, "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1
    assert main(["link", "undo", str(decision["id"]), "--db", db, "--by", "tester"]) == 0
    assert capsys.readouterr().out.startswith(f"decision {decision['id'] + 1}: undo")
    assert main(["incidents", "--db", db, "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2
