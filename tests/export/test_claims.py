"""Claims export: one row per claim, side by side, with use under the rule."""

from __future__ import annotations

import csv
import io

import pytest

from tollwatch import errors
from tollwatch.export import claims as claims_export
from tollwatch.export import export


def test_one_row_per_claim_in_incident_order(ledger):
    out = io.StringIO()
    assert export("claims", *ledger, rule="ucdp", out=out) == 6
    text = out.getvalue()
    assert text.splitlines()[0] == ",".join(claims_export.HEADER)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["claim_id"] for r in rows] == ["A1", "A2", "C1", "B1", "A3", "D1"]
    used = {r["claim_id"]: r["used"] for r in rows}
    assert used == {"A1": "yes", "A2": "no", "C1": "no", "B1": "yes", "A3": "yes", "D1": "yes"}
    assert {r["rule"] for r in rows} == {"ucdp"}


def test_formula_text_is_defused(ledger):
    out = io.StringIO()
    export("claims", *ledger, rule="ucdp", out=out)
    row = [r for r in csv.DictReader(io.StringIO(out.getvalue())) if r["claim_id"] == "B1"][0]
    assert row["quote"].startswith("'=HYPERLINK")


def test_unknown_format_and_rule(ledger):
    with pytest.raises(errors.ConfigError) as info:
        export("kml", *ledger, rule="ucdp", out=io.StringIO())
    assert str(info.value) == (
        "unknown export format 'kml': expected one of acled, ucdp, hxl, geojson, claims, "
        "displacement"
    )
    with pytest.raises(errors.ConfigError) as info:
        export("claims", *ledger, rule="mean", out=io.StringIO())
    assert str(info.value).startswith("unknown reconcile rule 'mean'")


def test_stale_rule_without_claims_is_a_config_error(ledger):
    incidents, _ = ledger
    with pytest.raises(errors.ConfigError) as info:
        export("acled", incidents, [], rule="max", out=io.StringIO())
    assert str(info.value) == (
        "incident L1 has estimates under rule 'ucdp', not 'max', and no claims to recompute them"
    )


def test_unwritable_path_is_an_input_error(ledger, tmp_path):
    target = tmp_path / "missing-dir" / "out.csv"
    with pytest.raises(errors.InputError) as info:
        export("claims", *ledger, rule="ucdp", out=target)
    assert str(info.value) == f"cannot write {target}: No such file or directory"
    assert not target.exists()
