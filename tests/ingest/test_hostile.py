"""Hostile inputs at the reader: each is a Discard with an exact reason or a clean report, and
the good reports around it are still read. Everything here is generated, not stored."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from tollwatch.errors import InputError
from tollwatch.ingest import Discard, read_inputs
from tollwatch.ingest.html import read_html, read_paths, walk
from tollwatch.ingest.language import check_english, guess_language
from tollwatch.model import Report

GOOD = "Shelling killed at least 14 civilians in the town of Ariha on Monday, a rescue group said."
GOOD2 = "An air strike killed six people in a market in Saraqib on Tuesday, activists said."


def _line(text: str, **extra: object) -> str:
    return json.dumps({"text": text, **extra})


def _read(paths: list[str | Path]) -> list[Report | Discard]:
    return list(read_paths(paths))


def _summary(items: list[Report | Discard]) -> list[str]:
    return [
        f"report {i.text[:20]!r}" if isinstance(i, Report) else f"discard {i.message}"
        for i in items
    ]


def test_a_bom_on_any_jsonl_line_is_dropped(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes(
        b"\xef\xbb\xbf" + _line(GOOD).encode() + b"\n\xef\xbb\xbf" + _line(GOOD2).encode() + b"\n"
    )
    items = _read([corpus])
    assert [i.text for i in items if isinstance(i, Report)] == [GOOD, GOOD2]


def test_deeply_nested_json_is_discarded_and_the_next_line_read(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    nested = "[" * 200_000 + "]" * 200_000
    corpus.write_text(f"{_line(GOOD)}\n{nested}\n{_line(GOOD2)}\n")
    assert _summary(_read([corpus])) == [
        f"report {GOOD[:20]!r}",
        f"discard {corpus}:2: not a report: JSON nested too deeply",
        f"report {GOOD2[:20]!r}",
    ]


@pytest.mark.parametrize("field", ["text", "title", "outlet"])
def test_lone_surrogates_and_nul_become_replacement_characters(tmp_path: Path, field: str) -> None:
    corpus = tmp_path / "c.jsonl"
    hostile = "Aleppo \ud800 Post \x00 \udfff"
    record: dict[str, object] = {"text": GOOD, "meta": {}}
    if field == "text":
        record["text"] = GOOD + " " + hostile
    else:
        record["meta"] = {field: hostile}
    corpus.write_text(json.dumps(record) + "\n" + _line(GOOD2) + "\n")
    first, second = _read([corpus])
    assert isinstance(first, Report) and isinstance(second, Report)
    value = first.text if field == "text" else getattr(first, field)
    assert value.endswith("Aleppo \ufffd Post \ufffd \ufffd")
    value.encode("utf-8")  # writable


def test_an_id_over_200_characters_is_discarded_with_its_reason(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(_line(GOOD, id="x" * 201) + "\n" + _line(GOOD2, id="y" * 200) + "\n")
    first, second = _read([corpus])
    assert isinstance(first, Discard)
    assert first.reason == '"id" is longer than 200 characters (201)'
    assert first.doc_id == "x" * 200
    assert isinstance(second, Report) and second.doc_id == "y" * 200


def test_ansi_escapes_in_a_title_do_not_survive(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"text": GOOD, "meta": {"title": "\x1b[31mRed\x1b[0m\nnews"}}))
    (report,) = _read([corpus])
    assert isinstance(report, Report) and report.title == "[31mRed [0m news"


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    result: list[list[Report | Discard]] = []
    worker = threading.Thread(target=lambda: result.append(_read([fifo, good])), daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "reading a FIFO blocked"
    assert _summary(result[0]) == [
        f"discard {fifo}: not a regular file (a FIFO): refused unread",
        f"report {GOOD[:20]!r}",
    ]


def test_a_device_is_refused() -> None:
    items = list(read_inputs(["/dev/zero"]))
    assert _summary(items) == [
        "discard /dev/zero: not a regular file (a character device): refused unread"
    ]


def test_a_fifo_in_a_folder_is_refused_not_skipped(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "b.txt")
    (tmp_path / "a.txt").write_text(GOOD)
    assert _summary(_read([tmp_path])) == [
        f"report {GOOD[:20]!r}",
        f"discard {tmp_path / 'b.txt'}: not a regular file (a FIFO): refused unread",
    ]


def test_symlink_loops_are_followed_once(tmp_path: Path) -> None:
    top = tmp_path / "top"
    (top / "sub").mkdir(parents=True)
    (top / "sub" / "a.txt").write_text(GOOD)
    (top / "sub" / "back").symlink_to(top)  # a loop
    (top / "sub" / "self").symlink_to(top / "sub")  # another
    (top / "again.txt").symlink_to(top / "sub" / "a.txt")  # the same file twice
    (top / "loop.txt").symlink_to(top / "loop.txt")  # a link to itself
    files = [p.relative_to(top).as_posix() for p in walk(top)]
    assert files == ["again.txt", "loop.txt"]
    items = _read([top])
    assert _summary(items) == [
        f"report {GOOD[:20]!r}",
        f"discard {top / 'loop.txt'}: cannot read: Too many levels of symbolic links",
    ]


BOX_PAGE = "<html><head><title>Saraqib</title></head><body>{}</body></html>"
BODY = f"<p>{GOOD} The wounded were taken to hospitals in the north, a doctor said.</p>"


@pytest.mark.parametrize(
    "page",
    [
        BOX_PAGE.format("<div>" * 40_000 + BODY + "</div>" * 40_000),
        BOX_PAGE.format("<div>" * 160_000 + BODY),
        BOX_PAGE.format(BODY + "<div>" * 160_000),
    ],
    ids=["nested", "unclosed-before", "unclosed-after"],
)
def test_html_nested_too_deep_still_gives_its_main_text(page: str) -> None:
    report = read_html(page.encode())
    assert report.text.startswith(GOOD)


# -- language ------------------------------------------------------------------------------

SPANISH = (
    "Un bombardeo mató a doce civiles en el mercado de la ciudad el lunes por la mañana, "
    "según informaron los equipos de rescate, que siguen buscando a los desaparecidos."
)
FRENCH = (
    "Un bombardement a tué douze civils sur le marché de la ville lundi matin, selon les "
    "secouristes, qui cherchent encore les disparus sous les décombres."
)
ARABIC = "قتل اثنا عشر مدنيا في قصف على سوق المدينة صباح يوم الاثنين بحسب فرق الإنقاذ التي لا تزال تبحث عن المفقودين"


@pytest.mark.parametrize("text", [SPANISH, FRENCH, ARABIC])
def test_a_report_not_in_english_is_discarded_with_the_language(tmp_path: Path, text: str) -> None:
    code = guess_language(text).code
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(_line(text) + "\n" + _line(GOOD) + "\n")
    assert _summary(_read([corpus])) == [
        f"discard {corpus}:1: not in English: the text reads as language {code!r} "
        f"(probability {guess_language(text).confidence:.2f}); tollwatch reads English reports only",
        f"report {GOOD[:20]!r}",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "IDPs total 122 387",
        "Number of displaced: 452",
        "Bombardeos en Alepo: 12 muertos",  # too short to judge: read
        "Aleppo, Idlib, Hama, Homs: 12, 4, 7 and 9 killed",
        "25 April 2017 51 martyrs from Kefraya and al-Fouaa escorted from Military Hospital",
        GOOD,
    ],
)
def test_short_or_name_heavy_english_is_never_refused(text: str) -> None:
    check_english(text)


def test_the_language_check_refuses_in_its_own_words() -> None:
    with pytest.raises(InputError, match=r"^not in English: the text reads as language 'es' "):
        check_english(SPANISH)
