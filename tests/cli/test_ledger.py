"""Tests of the ledger commands: ingest, incidents, show, export, link."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tollwatch.cli import main
from tollwatch.ledger import schema as s
from tollwatch.ledger.store import open_store


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
    assert data["claims"] and all(c["evidence"]["text"] for c in data["claims"])


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
    open_store(db).dispose()
    assert main(["show", "inc-nothing", "--db", db]) == 1
    assert capsys.readouterr().err == "Error: no incident 'inc-nothing' in the ledger\n"


def test_bad_rule_and_dates_are_errors(db: str, capsys):
    open_store(db).dispose()
    assert main(["incidents", "--db", db, "--rule", "median"]) == 1
    assert capsys.readouterr().err.startswith("Error: unknown reconcile rule 'median'")
    assert main(["incidents", "--db", db, "--since", "2017-02-31"]) == 1
    assert capsys.readouterr().err == "Error: impossible date in --since: '2017-02-31'\n"
    assert main(["incidents", "--db", db, "--since", "2017-03-02", "--until", "2017-03-01"]) == 1
    assert capsys.readouterr().err == "Error: --since 2017-03-02 is after --until 2017-03-01\n"


def test_empty_ledger_lists_nothing(db: str, capsys):
    open_store(db).dispose()
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


# -- mistakes and hostile input -------------------------------------------------------------


def _ledger(db: str, *records) -> None:
    from tollwatch.ledger.write import ingest_records

    ingest_records(list(records), db_url=db)


def _three(db: str, *, quote: str = "") -> None:
    from datetime import date

    from tests.ledger.conftest import make_record

    _ledger(
        db,
        make_record(
            f"Jets killed 12 in Ariha on Tuesday.{quote}",
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
            sub_event_type="Shelling/artillery/missile attack",
        ),
        make_record(
            "A bomb killed 4 in Mosul on Monday.",
            killed=4,
            place="Mosul",
            day=date(2017, 3, 13),
            doc_id="c",
        ),
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["incidents"],
        ["show", "inc-x"],
        ["export", "acled"],
        ["link", "log"],
        ["link", "merge", "inc-a", "inc-b", "--by", "me"],
    ],
)
def test_reading_commands_never_create_a_ledger(tmp_path: Path, capsys, argv: list[str]):
    typo = tmp_path / "ledgre.sqlite"
    assert main([*argv, "--db", str(typo)]) == 1
    assert capsys.readouterr().err == (
        f"Error: no ledger at {typo} (`tollwatch ingest --db {typo} …` makes one)\n"
    )
    assert not typo.exists()


def test_ingest_never_creates_a_folder_for_a_mistyped_db(tmp_path: Path, reports: Path, capsys):
    typo = tmp_path / "nowhere" / "ledger.sqlite"
    assert main(["ingest", str(reports), "--db", str(typo)]) == 1
    assert capsys.readouterr().err == (
        f"Error: cannot create the ledger {typo}: the folder {typo.parent} does not exist\n"
    )
    assert not typo.parent.exists()


def test_a_db_that_is_no_path_or_url_is_refused(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["incidents", "--db", "::::"]) == 1
    assert capsys.readouterr().err == (
        "Error: '::::' is neither a ledger URL nor a ledger file: a new ledger file's name "
        "ends in .sqlite, .sqlite3 or .db (or give sqlite:///FILE or "
        "postgresql://USER@HOST:PORT/NAME)\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_is_not_a_ledger_is_left_alone(tmp_path: Path, capsys):
    import sqlite3

    text = tmp_path / "notes.db"
    text.write_text("not a database")
    assert main(["incidents", "--db", str(text)]) == 1
    assert (
        capsys.readouterr().err == f"Error: {text} is not a ledger: it is not an SQLite database\n"
    )
    other = tmp_path / "places.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE place (id INTEGER)")
    conn.commit()
    conn.close()
    assert main(["ingest", "-", "--db", str(other)]) == 1
    assert capsys.readouterr().err == (
        f"Error: {other} is not a tollwatch ledger (it holds other tables: place)\n"
    )
    conn = sqlite3.connect(other)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # untouched
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["place"]
    conn.close()


def test_country_and_admin1_by_name_code_and_spelling(db: str, capsys):
    _three(db)
    for argv, want in [
        (["--country", "Syria"], 2),
        (["--country", "syr"], 2),
        (["--country", "SY"], 2),
        (["--country", "Iraq"], 1),
        (["--admin1", "ninevah"], 1),  # Nineveh, spelled otherwise
        (["--admin1", "Rif-Dimashq"], 1),
        (["--country", "Syria", "--admin1", "IDLIB"], 1),
    ]:
        assert main(["incidents", "--db", db, "--format", "json", *argv]) == 0, argv
        assert len(json.loads(capsys.readouterr().out)) == want, argv
    assert main(["incidents", "--db", db, "--country", "Narnia"]) == 1
    assert capsys.readouterr().err == (
        "Error: --country 'Narnia' names no country: give an ISO code (SY, SYR) or a name (Syria)\n"
    )


def test_a_filter_that_matches_nothing_says_what_there_is(db: str, capsys):
    _three(db)
    assert main(["incidents", "--db", db, "--country", "Iraq", "--admin1", "Idlib"]) == 0
    assert capsys.readouterr().out == (
        "no incidents match --country Iraq (IQ) --admin1 Idlib (Idlib)\n"
        "the ledger holds 3 incidents, dated 2017-03-13..2017-05-05\n"
        "  countries: IQ (1), SY (2)\n"
        "  admin1: IQ: Nineveh (1), SY: Idlib (1), SY: Rif Dimashq (1)\n"
        "  types: Air/drone strike (2), Shelling/artillery/missile attack (1)\n"
    )
    assert main(["incidents", "--db", db, "--admin1", "Narnia", "--type", "Attack"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "no incidents match --admin1 Narnia (no admin1 of that name in the ledger) --type Attack"
    )


def test_show_refuses_huge_ids_and_takes_underscore_literally(db: str, capsys):
    _three(db)
    assert main(["show", "x" * 100_000, "--db", db]) == 1
    assert capsys.readouterr().err == f"Error: no incident '{'x' * 39}…' in the ledger\n"
    assert main(["show", "inc-_", "--db", db]) == 1
    assert capsys.readouterr().err == "Error: no incident 'inc-_' in the ledger\n"
    assert main(["show", "inc-%", "--db", db]) == 1
    assert capsys.readouterr().err == "Error: no incident 'inc-%' in the ledger\n"


def test_terminal_escapes_in_a_report_never_reach_the_terminal(db: str, capsys):
    _three(db, quote=" \x1b[2J\x1b[31mRed\x1b[0m \u202eevil")
    assert main(["incidents", "--db", db, "--format", "json", "--admin1", "Idlib"]) == 0
    (inc,) = json.loads(capsys.readouterr().out)
    assert main(["show", inc["id"], "--db", db]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    assert "\\x1b[2J\\x1b[31mRed\\x1b[0m \\u202eevil" in out


def _run(argv: list[str], **kwargs):
    import os
    import subprocess
    import sys

    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    return subprocess.run(
        [sys.executable, "-m", "tollwatch", *argv], env=env, text=True, timeout=120, **kwargs
    )


@pytest.mark.parametrize("argv", [["incidents"], ["export", "claims"], ["show", "inc-"]])
def test_a_full_disk_is_an_error_not_a_traceback(db: str, argv: list[str]):
    _three(db)
    if argv[0] == "show":
        argv = ["show", _first_id(db)]
    with open("/dev/full", "w") as full:
        done = _run([*argv, "--db", db], stdout=full, stderr=-1)
    assert (done.returncode, done.stderr) == (
        1,
        "Error: cannot write the output: No space left on device\n",
    )


def test_extract_to_a_full_disk_is_an_error(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Shelling killed 4 people in Idlib on Monday.")
    with open("/dev/full", "w") as full:
        done = _run(["extract", str(tmp_path / "a.txt")], stdout=full, stderr=-1)
    assert (done.returncode, done.stderr) == (
        1,
        "Error: cannot write the output: No space left on device\n",
    )


def test_a_closed_pipe_is_an_error_not_a_traceback(db: str):
    import os

    _three(db)
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before anything is written
    try:
        done = _run(["export", "claims", "--db", db], stdout=write_end, stderr=-1)
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (
        1,
        "Error: the output was closed before everything was written\n",
    )


def _first_id(db: str) -> str:
    st = open_store(db)
    try:
        from tollwatch.ledger.query import list_incidents

        with st.read() as conn:
            return list_incidents(conn)[0].id
    finally:
        st.dispose()


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def example_ledger(tmp_path_factory) -> str:
    """The Sukkari story, its syndicated copy and the Deir ez-Zor one, in one ledger."""
    db = f"sqlite:///{tmp_path_factory.mktemp('examples') / 'ledger.sqlite'}"
    names = (
        "aleppo-sukkari-strikes.txt",
        "aleppo-sukkari-strikes-syndicated.txt",
        "deir-ezzor-car-bomb.txt",
    )
    assert main(["ingest", *(str(EXAMPLES / n) for n in names), "--db", db, "--json"]) == 0
    return db


# (low, best, high) of killed in the main incident, per rule: the monitor's rising toll (14,
# then 27) and the rescuers' 33 in Sukkari; 18 and two more (20) against the attacked side's
# own 11 in Deir ez-Zor.
EXAMPLE_KILLED = {
    "aleppo-sukkari-strikes.txt": {
        "conservative": (27, 27, 33),
        "ucdp": (27, 27, 33),
        "latest": (27, 33, 33),
        "max": (27, 33, 33),
    },
    "deir-ezzor-car-bomb.txt": {
        "conservative": (11, 11, 20),
        "ucdp": (11, 20, 20),
        "latest": (11, 20, 20),
        "max": (11, 20, 20),
    },
}


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("rule", ["conservative", "ucdp", "latest", "max"])
@pytest.mark.parametrize("name", sorted(EXAMPLE_KILLED))
def test_extract_and_the_ledger_agree_on_the_examples(example_ledger, name, rule, capsys):
    capsys.readouterr()
    assert main(["extract", str(EXAMPLES / name), "--format", "json", "--rule", rule]) == 0
    record = json.loads(capsys.readouterr().out)
    main_incident = next(i for i in record["incidents"] if i["id"] == record["main_incident"])
    ours = main_incident["estimates"]

    assert main(["incidents", "--db", example_ledger, "--format", "json", "--rule", rule]) == 0
    place = main_incident["place"]["name"]
    ledger = next(i for i in json.loads(capsys.readouterr().out) if i["place"]["name"] == place)
    # The syndicated copy adds nothing to Sukkari's figures: the ledger says what the report says.
    for figure, est in ours.items():
        theirs = ledger["estimates"][figure]
        assert (theirs["low"], theirs["best"], theirs["high"], theirs["rule"]) == (
            est["low"],
            est["best"],
            est["high"],
            rule,
        ), figure
    killed = ours["killed"]
    assert (killed["low"], killed["best"], killed["high"]) == EXAMPLE_KILLED[name][rule]


@pytest.mark.usefixtures("nlp")
def test_situation_figures_are_stored_listed_shown_and_exported(tmp_path: Path, capsys):
    db = f"sqlite:///{tmp_path / 'ledger.sqlite'}"
    assert main(["ingest", str(EXAMPLES / "mosul-families-flee.txt"), "--db", db]) == 0
    capsys.readouterr()
    assert main(["incidents", "--db", db]) == 0
    table = capsys.readouterr().out
    families = [line for line in table.splitlines() if "1800 households" in line]
    assert len(families) == 1 and "Mosul, Nineveh, IQ" in families[0]
    assert "situation (no single incident)" in families[0]
    assert "1 incidents and 3 displacement situations" in table
    situation = families[0].split()[0]
    assert situation.startswith("sit-")

    assert main(["show", situation[:12], "--db", db]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith(f"situation {situation}")
    assert "displaced: 1800 households under rule ucdp" in shown
    assert "International Organization for Migration" in shown

    assert main(["incidents", "--db", db, "--country", "SY"]) == 0
    assert capsys.readouterr().out.startswith("no incidents match --country SY")

    out = tmp_path / "displacement.csv"
    assert main(["export", "displacement", "--db", db, "-o", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {(r["figure"], r["unit"], r["locations_name"]) for r in rows} >= {
        ("1800", "Household", "Mosul, Nineveh"),
        ("97000", "Person", "Nineveh"),
    }
    assert main(["export", "claims", "--db", db]) == 0
    claims = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["figure"] for r in claims if not r["incident_id"]} >= {"displaced", "at_risk"}


@pytest.mark.usefixtures("nlp")
def test_the_claims_export_has_every_claim_even_of_no_incident(tmp_path: Path, db: str, capsys):
    report = tmp_path / "war.txt"
    report.write_text(
        "Government air strikes killed 12 civilians in the town of Ariha in Idlib province on "
        "Tuesday, the Syrian Civil Defence said. The war, now in its seventh year, has killed "
        "more than 320,000 people, according to the Syrian Observatory for Human Rights.\n",
        encoding="utf-8",
    )
    assert main(["ingest", str(report), "--db", db, "--published", "2017-04-05"]) == 0
    capsys.readouterr()
    assert main(["export", "claims", "--db", db]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    store = open_store(db)
    with store.read() as conn:
        stored = conn.execute(select(func.count()).select_from(s.claims)).scalar_one()
    store.dispose()
    assert len(rows) == stored
    values = {(r["figure"], r["value"], bool(r["incident_id"])) for r in rows}
    assert {("killed", "12", True), ("killed", "320000", False)} <= values
    (total,) = [r for r in rows if r["value"] == "320000"]
    assert (total["used"], total["estimate_best"]) == ("", "")  # in no estimate
    # The standards' exports are of incidents and situations: a war's toll is neither.
    assert main(["export", "acled", "--db", db]) == 0
    assert "320000" not in capsys.readouterr().out
