"""``tollwatch eval``: printing, predictions, the gate and floor updates, on a small gold file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tollwatch.cli import main
from tollwatch.evaluate import runner
from tollwatch.model import Claim, Incident, PlaceRef, ReportRecord, Span

TOLL = [
    (
        "t1",
        "Barrel bombs killed 11 civilians in Anadan on Monday, the Syrian Observatory said.",
        12,
    ),
    ("t2", "Eleven civilians died when barrel bombs hit Anadan, activists said.", 11),
]


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "toll-mini.jsonl"
    lines = []
    for doc_id, text, _ in TOLL:
        lines.append(
            {
                "id": doc_id,
                "task": "toll",
                "text": text,
                "meta": {"title": None, "published": "2016-06-06", "outlet": None, "url": None},
                "gold": {
                    "killed": {"civilians": 11, "noncivilians": 0, "children": 0, "women": 0},
                    "actor": "syrian government or russian troops",
                    "cause": "shelling",
                    "admin1": ["Aleppo", "Halab"],
                    "group": "g1",
                },
            }
        )
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def fake_predictions(monkeypatch):
    """Predictions made by hand (t1 right, t2 wrong), so the CLI is tested apart from extraction."""

    def predict(docs, *, model=None):
        preds = {}
        for d in docs:
            value = dict((i, v) for i, _, v in TOLL)[d.doc_id]
            words = "11" if "11" in d.report.text else "Eleven"
            start = d.report.text.index(words)
            claim = Claim(
                id="c1",
                figure="killed",
                value=value,
                low=value,
                high=value,
                qualifier="exact",
                count_text=words,
                incident="i1",
                evidence=Span(start=start, end=start + len(words), text=words),
            )
            inc = Incident(
                id="i1",
                sub_event_type="Air/drone strike",
                place=PlaceRef(name="Anadan", text="Anadan", admin1="Aleppo", country="SY"),
                headline={"killed": "c1"},
            )
            preds[d.doc_id] = ReportRecord(
                report=d.report, claims=(claim,), incidents=(inc,), main_incident="i1"
            )
        return preds, []

    monkeypatch.setattr(runner, "predict", predict)
    monkeypatch.setattr(
        runner,
        "default_groups_for",
        lambda: (lambda records: {r.report.doc_id: "L1" for r in records}, None),
    )


def test_table_and_examples(gold_file, tmp_path, capsys):
    floors = tmp_path / "floors.json"
    code = main(["eval", str(gold_file), "--floors", str(floors), "--examples", "1"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.splitlines()[0] == "toll-mini.jsonl: 2 docs, task toll"
    assert "  killed_headline_exact  0.5000        1/2" in out
    assert "      t1: expected headline killed = 11" in out
    assert "predicted c1 killed=12" in out
    assert "group_pair_f1          1.0000" in out
    assert "actor_acc              0.0000" in out


def test_json_and_predictions(gold_file, tmp_path, capsys):
    preds = tmp_path / "preds.jsonl"
    code = main(
        [
            "eval",
            str(gold_file),
            "--json",
            "--predictions",
            str(preds),
            "--floors",
            str(tmp_path / "f.json"),
        ]
    )
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    scores = data["files"][0]["scores"]
    assert scores["killed_recall"] == {"value": 0.5, "hits": 1, "total": 2, "note": None}
    assert scores["cause_acc"]["value"] == 1.0
    written = [json.loads(x) for x in preds.read_text().splitlines()]
    assert [w["doc_id"] for w in written] == ["t1", "t2"]
    assert {w["incident_group"] for w in written} == {"L1"}


def test_gate_names_scores_below_floor(gold_file, tmp_path, capsys):
    floors = tmp_path / "floors.json"
    floors.write_text(
        json.dumps({"toll-mini.jsonl": {"killed_headline_exact": 0.9, "killed_recall": 0.5}})
    )
    code = main(["eval", str(gold_file), "--floors", str(floors), "--gate"])
    err = capsys.readouterr().err
    assert code == 1
    assert err == (
        "Error: below floor: toll-mini.jsonl: killed_headline_exact = 0.5000 is below its floor 0.9000\n"
    )


def test_update_raises_and_refuses_to_lower(gold_file, tmp_path, capsys):
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"toll-mini.jsonl": {"killed_headline_exact": 0.25}}))
    assert main(["eval", str(gold_file), "--floors", str(floors), "--update"]) == 0
    written = json.loads(floors.read_text())["toll-mini.jsonl"]
    assert written["killed_headline_exact"] == 0.5
    assert written["actor_acc"] == 0.0
    assert written["group_pair_f1"] == 1.0
    capsys.readouterr()

    floors.write_text(json.dumps({"toll-mini.jsonl": {"killed_headline_exact": 0.75}}))
    before = floors.read_text()
    assert main(["eval", str(gold_file), "--floors", str(floors), "--update"]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        "Error: refusing to lower floors: toll-mini.jsonl: killed_headline_exact = 0.5000 "
        "is below its floor 0.7500"
    )
    assert floors.read_text() == before


def test_group_pair_f1_not_computed_is_said(gold_file, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(
        runner, "default_groups_for", lambda: (None, "not computed: no ledger here")
    )
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"toll-mini.jsonl": {"group_pair_f1": 0.5}}))
    code = main(["eval", str(gold_file), "--floors", str(floors), "--gate"])
    out, err = capsys.readouterr()
    assert code == 1
    assert (
        "group_pair_f1            n/a              floor 0.5000  BELOW  (not computed: no ledger here)"
        in out
    )
    assert "toll-mini.jsonl: group_pair_f1 has no value (not computed: no ledger here)" in err


def test_bad_eval_file(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "task": "weather", "text": "Sunny.", "gold": {}}\n')
    assert main(["eval", str(bad), "--floors", str(tmp_path / "f.json")]) == 1
    assert capsys.readouterr().err == (
        f"Error: {bad}:1: unknown task 'weather' (expected one of claims, toll, displacement, casualty)\n"
    )


def test_halves_score_each_half_apart(gold_file, tmp_path, capsys):
    # t1 and t2 both fall in half A (sha256 parity of the id): B has nothing to score.
    code = main(["eval", str(gold_file), "--floors", str(tmp_path / "f.json"), "--halves"])
    out = capsys.readouterr().out
    assert code == 0
    assert "toll-mini.jsonl: halves (A / B, by a hash of the document id)" in out
    assert "  killed_headline_exact  A 0.5000         1/2   B   n/a" in out


def test_rules_credit_the_rule_behind_each_judged_fact(gold_file, tmp_path, capsys, monkeypatch):
    import dataclasses

    real = runner.predict

    def predict(docs, *, model=None):
        preds, errors = real(docs, model=model)
        out = {}
        for doc_id, rec in preds.items():
            claims = tuple(dataclasses.replace(c, rule="figures.verb_object") for c in rec.claims)
            out[doc_id] = dataclasses.replace(rec, claims=claims)
        return out, errors

    monkeypatch.setattr(runner, "predict", predict)
    code = main(["eval", str(gold_file), "--floors", str(tmp_path / "f.json"), "--rules"])
    out = capsys.readouterr().out
    assert code == 0
    line = next(x for x in out.splitlines() if "figures.verb_object" in x)
    # fired twice (one claim a report); judged twice by the headline score, right once (t1).
    assert line.split()[1:5] == ["2", "2", "1", "0.5000"]
