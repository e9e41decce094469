"""Tests of HTML pages as reports and of folder walking."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tollwatch.errors import InputError
from tollwatch.ingest.html import looks_like_html, read_html, read_paths
from tollwatch.ingest.readers import Discard
from tollwatch.model import Report

PAGE = """<!DOCTYPE html>
<html><head><title>Strike on market kills 9 - The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2017-04-05T08:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Strike on market kills 9</h1>
<p>At least nine civilians were killed when warplanes struck a market in the town of Ariha on
Tuesday, rescuers said.</p>
<p>The Syrian Civil Defence said the toll could rise as people remained under the rubble of
two buildings.</p></article>
<footer>Copyright The Daily Example. Subscribe to our newsletter.</footer>
</body></html>
"""


def test_a_page_gives_its_main_text_title_date_and_outlet():
    report = read_html(PAGE, source="page.html")
    assert "At least nine civilians were killed" in report.text
    assert "Subscribe" not in report.text and "Sport" not in report.text
    assert report.title == "Strike on market kills 9"
    assert report.published == date(2017, 4, 5)
    assert report.outlet == "The Daily Example"
    assert report.source == "page.html"
    assert report.id.startswith("sha256:")


def test_a_page_without_a_date_keeps_none_unless_given():
    page = PAGE.replace(
        '<meta property="article:published_time" content="2017-04-05T08:30:00Z">', ""
    )
    assert read_html(page).published is None
    assert read_html(page, published=date(2017, 4, 6)).published == date(2017, 4, 6)


def test_a_page_without_main_text_is_refused():
    with pytest.raises(InputError, match="^HTML page has no main text$"):
        read_html("<html><head><title>x</title></head><body></body></html>")


def test_html_is_recognised_by_its_start():
    assert looks_like_html(b"<!doctype html><html>")
    assert looks_like_html(b"\xef\xbb\xbf  <!-- c --> <HTML lang=en>")
    assert not looks_like_html(b"Plain report text about <html> tags.")


def test_folders_are_walked_in_name_order_skipping_hidden_and_other_files(tmp_path: Path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Two people were hurt.", encoding="utf-8")
    (tmp_path / "1.txt").write_text("One man was killed.", encoding="utf-8")
    (tmp_path / "page.htm").write_text(PAGE, encoding="utf-8")
    (tmp_path / "corpus.jsonl").write_text('{"id": "k", "text": "Three died."}\n', encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    items = list(read_paths([tmp_path]))
    assert all(isinstance(i, Report) for i in items)
    assert [Path(i.source).name for i in items] == [
        "1.txt",
        "b/2.txt".split("/")[1],
        "corpus.jsonl:1",
        "page.htm",
    ]
    assert items[2].doc_id == "k"


def test_an_empty_folder_is_a_discard(tmp_path: Path):
    (tmp_path / "empty").mkdir()
    [item] = list(read_paths([tmp_path / "empty"]))
    assert isinstance(item, Discard)
    assert item.reason == "folder holds no report files"


def test_an_html_file_named_txt_is_read_as_html(tmp_path: Path):
    path = tmp_path / "saved.txt"
    path.write_text(PAGE, encoding="utf-8")
    [report] = list(read_paths([path]))
    assert isinstance(report, Report)
    assert "<p>" not in report.text and report.outlet == "The Daily Example"
