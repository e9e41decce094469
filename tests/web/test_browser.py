"""The desk in a real browser: Playwright driving Debian's Chromium (never a downloaded one).

The desk runs on 127.0.0.1 on a free port (uvicorn in a thread) over a copy of the small test
ledger (on SQLite, then on PostgreSQL), and is stopped after the tests. The tests save screenshots into a temporary folder, or
into ``$TOLLWATCH_SCREENSHOTS`` when it is set (``TOLLWATCH_SCREENSHOTS=docs/screenshots``
refreshes the README's). scripts/setup.sh installs chromium with apt where it is missing.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.conftest import PASSWORD, LiveDesk, Template, _copy

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(
    shutil.which(CHROMIUM) is None, reason="Debian's chromium is not installed (scripts/setup.sh)"
)


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the screenshots go."""
    chosen = os.environ.get("TOLLWATCH_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def live(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[LiveDesk, object]]:
    """The desk served over a copy of the small ledger, on SQLite, then on PostgreSQL."""
    template: Template = request.getfixturevalue(
        f"{'sqlite' if request.param == 'sqlite' else 'pg'}_template"
    )
    for desk in _copy(template, tmp_path):
        server = LiveDesk(desk)
        try:
            yield server, desk
        finally:
            server.stop()


@pytest.fixture
def page(browser, live):
    server, _desk = live
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server.url)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on(
        "console",
        lambda msg: problems.append(f"console: {msg.text}") if msg.type == "error" else None,
    )
    page.problems = problems  # type: ignore[attr-defined]
    yield page
    context.close()


def login(page, name: str = "reviewer", *, then: str = "/incidents") -> None:
    page.goto(then)
    assert "/login" in page.url
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button[type=submit]")
    page.wait_for_url(re.compile(re.escape(then.split("?")[0])))


def wait_for_map(page) -> int:
    page.wait_for_selector("#map[data-ready='1']", state="attached", timeout=15000)
    return int(page.get_attribute("#map", "data-marks"))


def wait_for_timeline(page, *, bars: int = 1) -> int:
    """Wait until the timeline has drawn at least ``bars`` bars (it draws after the map's data)."""
    page.wait_for_function(
        "n => document.querySelectorAll('#timeline svg rect.bar').length >= n",
        arg=bars,
        timeout=15000,
    )
    return page.locator("#timeline svg rect.bar").count()


def test_log_in_and_see_the_desk(page, live, shots):
    login(page)
    assert page.locator("header .user").inner_text().startswith("reviewer")
    marks = wait_for_map(page)
    assert marks >= 4
    assert wait_for_timeline(page, bars=11) > 10
    assert page.locator("table.incidents tbody tr.incident").count() >= 5
    # The Ariha and Saraqib marks cluster at this zoom: the sum of their tolls sits in the
    # middle of the cluster's disc.
    offset = page.evaluate(
        """() => {
          const icon = document.querySelector('.marker-cluster-sum');
          if (!icon) return null;
          const b = icon.getBoundingClientRect(), s = icon.firstElementChild.getBoundingClientRect();
          return [(s.left + s.right - b.left - b.right) / 2, (s.top + s.bottom - b.top - b.bottom) / 2];
        }"""
    )
    assert offset is not None and all(abs(d) < 2 for d in offset), offset
    page.wait_for_timeout(500)  # let the borders draw
    page.screenshot(path=str(shots / "desk-incidents.png"), full_page=True)
    assert page.problems == []


def test_review_a_claim_and_see_the_estimate_change(page, live, shots):
    _server, desk = live
    incident = desk.incidents["a1"]
    login(page, then=f"/incidents/{incident}")
    ucdp = page.locator("tr[data-rule='ucdp'] td.est-killed")
    before = ucdp.inner_text()
    assert before.startswith("12")
    row = page.locator("tr.claim", has=page.locator("td.value", has_text=re.compile(r"^12$")))
    row.locator("details.correct summary").click()
    row.locator("input[name=value]").fill("30")
    row.locator("form.correct-form input[name=note]").fill("the report's later toll")
    row.locator("form.correct-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"msg=claim\+corrected"))
    assert page.locator("p.flash.ok").inner_text() == "claim corrected"
    after = page.locator("tr[data-rule='ucdp'] td.est-killed").inner_text()
    assert after.startswith("15") and after != before  # 15 and 30: the lower median
    assert page.locator("tr[data-rule='max'] td.est-killed").inner_text().startswith("30")
    corrected = page.locator("tr.claim.corrected")
    assert corrected.count() == 1 and "corrected by reviewer" in corrected.inner_text()
    # The keyboard: j moves to the next claim, a accepts it.
    target = page.evaluate(
        "Array.from(document.querySelectorAll('tr.claim')).findIndex("
        "r => r.classList.contains('unreviewed'))"
    )
    assert target >= 0
    for _ in range(target + 1):
        page.keyboard.press("j")
    assert "unreviewed" in page.get_attribute("tr.claim.current", "class")
    page.keyboard.press("a")
    page.wait_for_url(re.compile(r"msg=claim\+accepted"))
    assert page.locator("tr.claim.accepted").count() == 1
    page.screenshot(path=str(shots / "desk-incident.png"), full_page=True)
    assert page.problems == []


def test_merge_two_incidents_and_undo_it(page, live):
    _server, desk = live
    douma, mosul = desk.incidents["d1"], desk.incidents["m1"]
    login(page, then=f"/incidents/{douma}")
    assert "1 reports" in page.locator("p.meta").inner_text()
    page.keyboard.press("m")
    page.keyboard.type(mosul)
    page.click("#merge-form button[type=submit]")
    page.wait_for_url(re.compile(r"msg=merged"))
    assert "2 reports" in page.locator("p.meta").inner_text()
    page.goto(f"/incidents/{mosul}")
    assert page.locator("span.status").inner_text() == "merged"
    page.goto(f"/incidents/{douma}")
    page.click("ul.decisions form.undo button")
    page.wait_for_url(re.compile(r"msg=decision\+\d+\+undone"))
    assert "1 reports" in page.locator("p.meta").inner_text()
    assert page.locator("ul.decisions form.undo").count() == 0  # nothing left to undo
    page.goto(f"/incidents/{mosul}")
    assert page.locator("span.status").inner_text() == "active"
    assert page.problems == []


def test_filter_the_timeline_and_the_map_follows(page, live):
    login(page, "viewer")
    everything = wait_for_map(page)
    rows = page.locator("table.incidents tbody tr.incident").count()
    wait_for_timeline(page)
    box = page.locator("#timeline svg").bounding_box()
    # Drag across the first tenth of the timeline: the first week of April 2017.
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.1, y, steps=5)
    page.mouse.up()
    page.wait_for_url(re.compile(r"since=2017-04-04&until=2017-04-\d\d"))
    narrowed = wait_for_map(page)
    assert 0 < narrowed < everything
    assert page.locator("table.incidents tbody tr.incident").count() < rows
    since = page.input_value("input[name=since]")
    assert since == "2017-04-04"
    assert "incidents on the map" in page.locator("#map-status").inner_text()
    assert page.problems == []


def test_a_hostile_report_stays_inert(page, live, shots):
    _server, desk = live
    incident = desk.incidents["evil"]
    login(page, "viewer", then=f"/incidents/{incident}")
    page.click("table.claims a[href^='/reports/']")
    page.wait_for_selector("article.report-text")
    text = page.locator("article.report-text").inner_text()
    assert '<script>document.title="pwned"</script>' in text
    assert "onerror=" in text
    assert page.title() != "pwned"
    assert page.evaluate("document.body.dataset.pwned") is None
    assert page.locator("article.report-text img, article.report-text script").count() == 0
    assert page.locator("h1 b").count() == 0 and "<b onmouseover" in page.locator("h1").inner_text()
    # A highlight leads to its claim.
    page.click("article.report-text a.evidence")
    assert re.search(r"#claim-", page.url)
    page.screenshot(path=str(shots / "desk-report.png"), full_page=True)
    assert page.problems == []


def test_the_queue_opens_with_the_keyboard(page, live, shots):
    login(page, then="/queue")
    assert page.locator("li.queue-item").count() >= 1
    page.screenshot(path=str(shots / "desk-queue.png"), full_page=True)
    page.keyboard.press("j")
    page.keyboard.press("o")
    page.wait_for_url(re.compile(r"/incidents/inc-"))
    assert page.problems == []
