"""A hostile-input corpus, generated here, ingested on both stores with the real pipeline.

Each hostile input is a discard with its exact reason, or a report stored clean (with a note
where something was refused or cut); the good reports around them are all stored, and the
run goes on. The same inputs give the same outcome on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from sqlalchemy import select

from tollwatch.extract.limits import MAX_CANDIDATE_CHARS
from tollwatch.jobs.ingest import ingest
from tollwatch.ledger import schema as s

GOOD = (
    "At least 12 civilians were killed on Tuesday when warplanes struck a market in the town "
    "of Ariha in Idlib province, the Syrian Civil Defence said."
)
GOOD2 = (
    "A car bomb exploded near a checkpoint in Manbij on Sunday, killing nine people and "
    "wounding 20 others, a local official said."
)
SPANISH = (
    "Un bombardeo mató a doce civiles en el mercado de la ciudad el lunes por la mañana, "
    "según informaron los equipos de rescate, que siguen buscando a los desaparecidos."
)


def _record(text: str, **meta: object) -> str:
    return json.dumps({"text": text, "meta": meta})


def _corpus(folder: Path) -> None:
    """Good reports and hostile ones, interleaved."""
    folder.mkdir()
    (folder / "a-good.txt").write_text(GOOD + "\n")
    lines = [
        _record(GOOD2),
        _record(
            "Shelling killed 4 people in Douma, medics said. \x00 Rescuers dug.", title="A\x00"
        ),
        _record("Shelling killed 5 people in Douma on Friday, medics said.", outlet="B\x00"),
        _record("Shelling killed 6 people in Douma, medics said. \ud800", title="\udfff"),
        _record("Shelling killed 7 people in Douma on Friday, medics said.", outlet="o" * 300),
        json.dumps({"id": "i" * 300, "text": "Shelling killed 8 people in Douma, medics said."}),
        _record("Shelling killed 1,000,000,000,000 people in Douma on Friday, medics said."),
        _record("Shelling killed 3000000000 people in Douma on Saturday, medics said."),
        _record("The fighting left nine hundred quintillion displaced in Hama, the UN said."),
        "[" * 100_000 + "]" * 100_000,
        _record(
            "Shelling killed 9 people in Douma yesterday, medics said.", published="9999-12-31"
        ),
        _record(
            "Shelling killed 10 people in Ariha yesterday, medics said.", published="0001-01-01"
        ),
        _record("12-05-17 Shelling killed 11 people in Saraqib, medics said."),
        _record("Mortar fire killed 1\u200b2 people in Saraqib on Monday, medics said."),
        _record("Mortar fire killed 1\u03012 people in Saraqib on Tuesday, medics said."),
        _record("Mortar fire killed -5 people in Saraqib on Wednesday, medics said."),
        _record(SPANISH),
    ]
    body = "\n".join(lines).encode("utf-8", "surrogatepass")
    # a BOM on line 2
    first, rest = body.split(b"\n", 1)
    (folder / "b-corpus.jsonl").write_bytes(first + b"\n\xef\xbb\xbf" + rest + b"\n")
    os.mkfifo(folder / "c-fifo.txt")
    (folder / "d-loop").symlink_to(folder)
    page = (
        "<html><head><title>Saraqib</title></head><body>"
        + "<div>" * 40_000
        + "<p>Air strikes killed 13 people in a market in Saraqib on Monday, activists said. "
        "The wounded were taken to hospitals in the north of the province.</p>"
        + "</div>" * 40_000
        + "</body></html>"
    )
    (folder / "e-deep.html").write_text(page)
    (folder / "f-good.txt").write_text(GOOD2.replace("Manbij", "Jarablus") + "\n")
    # Figure-dense text past the work limit: cut, with the reason kept in the ledger.
    dense = "".join(
        f"Shelling killed {n % 90 + 10} people in Idlib on Monday, a rescuer said. "
        for n in range(MAX_CANDIDATE_CHARS // 60 + 200)
    )
    (folder / "g-dense.txt").write_text(dense)


def test_hostile_corpus_on_both_stores(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _corpus(folder)
    summary = ingest([folder], db_url=db_url)
    c = f"{folder}/b-corpus.jsonl"
    assert sorted(summary.discards) == sorted(
        [
            (f"{folder}/c-fifo.txt", "not a regular file (a FIFO): refused unread"),
            (f"{c}:10", "not a report: JSON nested too deeply"),
            (f"{c}:6", '"id" is longer than 200 characters (300)'),
            (
                f"{c}:17",
                "not in English: the text reads as language 'es' (probability 1.00); "
                "tollwatch reads English reports only",
            ),
        ]
    )
    assert summary.refused == 4
    from tollwatch.ledger.store import open_store

    store = open_store(db_url)
    try:
        with store.read() as conn:
            r, c_ = s.reports, s.claims
            reports = {
                row.source: row for row in conn.execute(select(r).where(r.c.status == "ok")).all()
            }
            claims = conn.execute(
                select(r.c.source, c_.c.value, c_.c.count_text).join(r, r.c.id == c_.c.report_id)
            ).all()
    finally:
        store.dispose()
    stored = sorted(Path(src).name for src in reports)
    assert stored == sorted(
        ["a-good.txt", "e-deep.html", "f-good.txt", "g-dense.txt"]
        + [f"b-corpus.jsonl:{n}" for n in (1, 2, 3, 4, 5, 7, 8, 9, 11, 12, 13, 14, 15, 16)]
    )
    by_source = {}
    for src, value, text in claims:
        by_source.setdefault(Path(src).name, []).append((value, text))
    assert by_source["b-corpus.jsonl:14"] == [(12, "12")]
    assert by_source["b-corpus.jsonl:15"] == [(12, "12")]
    assert "b-corpus.jsonl:16" not in by_source  # "-5 killed" is no claim
    for n in (7, 8, 9):  # implausible numbers: no claim, a note
        assert f"b-corpus.jsonl:{n}" not in by_source
        notes = reports[f"{c}:{n}"].notes
        implausible = [x for x in notes if x.startswith("implausible number not read as a count")]
        assert len(implausible) == 1, notes
        assert implausible[0].startswith(
            "implausible number not read as a count (more than 1,000,000,000): "
        )
    assert reports[f"{c}:2"].title == "A\ufffd"
    assert reports[f"{c}:3"].outlet == "B\ufffd"
    assert reports[f"{c}:4"].title == "\ufffd"
    assert "\ufffd" in reports[f"{c}:2"].text and "\ufffd" in reports[f"{c}:4"].text
    assert reports[f"{c}:5"].outlet == "o" * 199 + "…"
    assert reports[f"{c}:5"].notes == ["reports.outlet cut to 200 characters from 300"]
    assert by_source["e-deep.html"] == [(13, "13")]
    (cut,) = [n for n in reports[f"{folder}/g-dense.txt"].notes if n.startswith("report cut")]
    assert cut.endswith(
        f"its sentences with figures run past {MAX_CANDIDATE_CHARS:,} characters, the most one "
        "report is given; the rest was not read"
    )
    # A second run stores nothing new and still says that inputs were refused.
    again = ingest([folder], db_url=db_url)
    assert (again.reports_new, again.discarded, again.refused) == (0, 0, 4)
