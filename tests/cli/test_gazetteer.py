"""``tollwatch gazetteer``: import, search and their errors, on small fixture files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tollwatch.cli import main
from tollwatch.extract.gazetteer import Gazetteer

DATA = Path(__file__).resolve().parents[1] / "data" / "gazetteer"


@pytest.fixture()
def gaz_path(tmp_path: Path) -> Path:
    path = tmp_path / "gaz.sqlite"
    Gazetteer.create_empty(path).close()
    return path


def test_import_geonames_then_search(gaz_path: Path, capsys: pytest.CaptureFixture) -> None:
    args = ["gazetteer", "--gazetteer", str(gaz_path), "import", "geonames"]
    code = main(
        [*args, str(DATA / "geonames-small.txt"), "--admin1", str(DATA / "admin1-small.txt")]
    )
    assert code == 0
    assert "imported 28 places" in capsys.readouterr().out
    assert main(["gazetteer", "--gazetteer", str(gaz_path), "search", "Jubb al-Qubbah"]) == 0
    out = capsys.readouterr().out
    assert "Jubb al-Qubbah [neighbourhood] Aleppo, SY" in out
    assert "rule: only candidate" in out
    code = main(
        [
            "gazetteer",
            "--gazetteer",
            str(gaz_path),
            "search",
            "Damascus",
            "--country",
            "US",
            "--json",
        ]
    )
    assert code == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["admin1"] == "Maryland" and rows[0]["rule"] == "country context (US)"


def test_import_csv_with_options(gaz_path: Path, capsys: pytest.CaptureFixture) -> None:
    base = ["gazetteer", "--gazetteer", str(gaz_path), "import"]
    assert main([*base, "geonames", str(DATA / "geonames-small.txt")]) == 0
    code = main(
        [
            *base,
            "csv",
            str(DATA / "neighbourhoods.csv"),
            "--columns",
            "name=name_en,alternate_names=name_ar,id=pcode",
            "--country",
            "SY",
            "--parent",
            "Aleppo",
            "--kind",
            "neighbourhood",
        ]
    )
    assert code == 0
    capsys.readouterr()
    assert main(["gazetteer", "--gazetteer", str(gaz_path), "search", "Sheikh Maqsoud"]) == 0
    assert "[neighbourhood]" in capsys.readouterr().out


def test_bad_file_is_a_one_line_error(
    gaz_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    bad = tmp_path / "SY.txt"
    bad.write_text("1\tOnly\tthree\n", encoding="utf-8")
    code = main(["gazetteer", "--gazetteer", str(gaz_path), "import", "geonames", str(bad)])
    assert code == 1
    assert capsys.readouterr().err == (
        f"Error: {bad}: line 1: expected 19 tab-separated columns (GeoNames format), found 3\n"
    )


def test_bad_column_mapping(gaz_path: Path, capsys: pytest.CaptureFixture) -> None:
    code = main(
        [
            "gazetteer",
            "--gazetteer",
            str(gaz_path),
            "import",
            "csv",
            str(DATA / "villages.csv"),
            "--columns",
            "name",
        ]
    )
    assert code == 1
    assert capsys.readouterr().err == "Error: --columns: expected field=column, got 'name'\n"


def test_search_without_a_match(gaz_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["gazetteer", "--gazetteer", str(gaz_path), "search", "Atlantis"]) == 1
    assert "no place named 'Atlantis'" in capsys.readouterr().out
