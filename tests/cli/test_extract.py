"""``tollwatch extract``: formats, stdin, and bad inputs among good ones."""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from tollwatch.cli import main
from tollwatch.cli.extract import format_table
from tollwatch.extract import make_report
from tollwatch.model import Claim, DateRef, Incident, Perpetrator, PlaceRef, ReportRecord, Span

TEXT = (
    "Air strikes killed at least 17 civilians in the village of Kafr Nabl on Sunday, "
    "a monitoring group said. Rescuers said 40 people were wounded.\n"
)


@pytest.fixture(autouse=True)
def _nlp_loaded_once(nlp):
    """The CLI loads spaCy through the same cache as the session fixture."""
    return nlp


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    binary = tmp_path / "photo.jpg.txt"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        json.dumps(
            {"id": "w1", "text": TEXT, "meta": {"title": "Kafr Nabl", "published": "2016-02-14"}}
        )
        + "\n{broken\n",
        encoding="utf-8",
    )
    return {"good": str(good), "binary": str(binary), "corpus": str(corpus)}


def test_json_one_record_is_an_object(files, capsys):
    code = main(
        ["extract", files["good"], "--format", "json", "--published", "2016-02-14", "--title", "T"]
    )
    out = capsys.readouterr()
    assert code == 0
    assert out.err == ""
    data = json.loads(out.out)
    assert data["report"]["published"] == "2016-02-14"
    assert data["report"]["title"] == "T"
    assert set(data) >= {"report", "claims", "incidents", "main_incident"}
    for c in data["claims"]:
        ev = c["evidence"]
        assert TEXT.strip()[ev["start"] : ev["end"]] == ev["text"]


def test_bad_file_among_good_ones(files, capsys):
    code = main(["extract", files["binary"], files["good"], files["corpus"], "--format", "json"])
    out = capsys.readouterr()
    assert code == 1
    records = json.loads(out.out)
    assert isinstance(records, list) and len(records) == 2
    assert "doc_id" not in records[0]
    assert records[1]["doc_id"] == "w1"
    assert records[1]["report"]["title"] == "Kafr Nabl"
    assert out.err.splitlines() == [
        f"Error: {files['binary']}: binary data, not text (it contains NUL bytes)",
        f"Error: {files['corpus']}:2: not valid JSON (Expecting property name enclosed in double quotes at column 2)",
    ]


def test_jsonl_one_record_a_line(files, capsys):
    code = main(["extract", files["good"], files["corpus"], "--format", "jsonl"])
    out = capsys.readouterr()
    assert code == 1
    lines = out.out.splitlines()
    assert len(lines) == 2
    assert [json.loads(x).get("doc_id") for x in lines] == [None, "w1"]


def test_stdin(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode())))
    code = main(["extract", "-", "--format", "jsonl", "--published", "2016-02-14"])
    out = capsys.readouterr()
    assert code == 0
    assert json.loads(out.out)["report"]["published"] == "2016-02-14"


def test_empty_stdin(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    assert main(["extract", "-"]) == 1
    assert capsys.readouterr().err == "Error: <stdin>: empty report\n"


def test_bad_published_option(files, capsys):
    assert main(["extract", files["good"], "--published", "2016-02-30"]) == 1
    assert capsys.readouterr().err == "Error: impossible date in --published: '2016-02-30'\n"


def test_unknown_model(files, capsys):
    assert main(["extract", files["good"], "--model", "no_such_model_xyz"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: no spaCy English model could be loaded (no_such_model_xyz:")


def test_table_runs(files, capsys):
    assert main(["extract", files["good"]]) == 0
    assert capsys.readouterr().out.startswith(f"{files['good']} | undated")


def test_format_table_groups_claims_by_incident():
    text = (
        "Shelling killed 9 people in Taiz on Friday, medics said. "
        "The toll later rose to 12, the health ministry said. "
        "About 300 families fled the district."
    )
    report = make_report(text, title="Taiz shelling", published=date(2016, 5, 6))

    def span(words: str) -> Span:
        start = text.index(words)
        return Span(start=start, end=start + len(words), text=words)

    def claim(cid, figure, value, words, evidence, **kw):
        return Claim(
            id=cid,
            figure=figure,
            value=value,
            low=value,
            high=value,
            qualifier=kw.pop("qualifier", "exact"),
            count_text=words,
            evidence=span(evidence),
            **kw,
        )

    record = ReportRecord(
        report=report,
        claims=(
            claim(
                "c1",
                "killed",
                9,
                "9",
                "Shelling killed 9 people in Taiz on Friday",
                claimant="medics",
                claimant_kind="medical",
                incident="i1",
            ),
            claim(
                "c2",
                "killed",
                12,
                "12",
                "The toll later rose to 12",
                claimant="the health ministry",
                claimant_kind="government",
                incident="i1",
                update_of="c1",
            ),
            claim(
                "c3",
                "displaced",
                300,
                "About 300",
                "About 300 families fled the district",
                unit="households",
                qualifier="about",
            ),
        ),
        incidents=(
            Incident(
                id="i1",
                sub_event_type="Shelling/artillery/missile attack",
                date=DateRef(
                    start=date(2016, 5, 6), end=date(2016, 5, 6), precision=1, text="on Friday"
                ),
                place=PlaceRef(name="Taiz", text="Taiz", admin1="Taiz", country="YE"),
                perpetrators=(Perpetrator(actor="Houthi rebels", alleged_by="medics"),),
                headline={"killed": "c2"},
            ),
        ),
        main_incident="i1",
    )
    assert format_table(record).splitlines() == [
        '<no source> | "Taiz shelling" | published 2016-05-06'.replace(
            "<no source>", report.id[:19]
        ),
        "  i1 (main) · Shelling/artillery/missile attack · 2016-05-06 · Taiz (YE) · blamed on Houthi rebels (says medics)",
        "    claim  figure                  as stated  value  claimant                          quote",
        "    c1     killed                  9          9      medics [medical]                  “Shelling killed 9 people in Taiz on Friday”",
        "    c2     killed (update of c1)   12         12     the health ministry [government]  “The toll later rose to 12”",
        "  no incident (figures about a situation)",
        "    claim  figure                  as stated  value  claimant                          quote",
        "    c3     displaced (households)  About 300  300    (the report)                      “About 300 families fled the district”",
    ]


def test_huge_file_refused_and_others_processed(files, tmp_path, capsys):
    big = tmp_path / "huge.txt"
    with big.open("wb") as f:  # sparse: 50 MB without writing them
        f.truncate(50 * 1024 * 1024)
    code = main(["extract", str(big), files["good"], "--format", "jsonl"])
    out = capsys.readouterr()
    assert code == 1
    assert len(out.out.splitlines()) == 1
    assert out.err == (
        f"Error: {big}: report is too big: 52428800 bytes, more than the limit of 1000000 bytes\n"
    )


def test_a_report_that_fails_extraction_is_named_and_the_others_kept(
    files, tmp_path, capsys, monkeypatch
):
    import tollwatch.extract as extract
    from tollwatch.extract import Stage, build_pipeline, default_stages

    def boom(context):
        if "BOOM" in context.text:
            raise ValueError("a stage tripped")

    broken = build_pipeline(
        [*default_stages(), Stage(name="boom", requires=("report",), provides=(), run=boom)]
    )
    monkeypatch.setattr(extract, "_cached_default", lambda: broken)
    bad = tmp_path / "bad.txt"
    bad.write_text("BOOM. Three people were killed.", encoding="utf-8")
    code = main(["extract", files["good"], str(bad), "--format", "jsonl"])
    out = capsys.readouterr()
    assert code == 1
    assert len(out.out.splitlines()) == 1
    assert out.err == f"Error: {bad}: extraction failed: ValueError: a stage tripped\n"
