"""Tests of feed watching against a local server: conditional polls, polite fetching,
failures recorded and loud, pages ingested, state kept in the ledger."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.feedserver import FeedServer, Reply, serve
from tollwatch.cli import main
from tollwatch.errors import ConfigError
from tollwatch.ingest.fetch import Fetcher
from tollwatch.jobs.watch import parse_every, poll_once, watch
from tollwatch.ledger import feeds as lf
from tollwatch.ledger import schema as s

ETAG = '"v1"'
MODIFIED = "Tue, 06 Feb 2018 10:00:00 GMT"


def page(title: str, body: str) -> bytes:
    return (
        f"<html><head><title>{title}</title></head><body><nav>Home</nav>"
        f"<article><h1>{title}</h1><p>{body}</p><p>Residents said the area was calm by "
        "nightfall and that shops had reopened.</p></article></body></html>"
    ).encode()


def rss(base: str, items: list[tuple[str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{t}</title><link>{base}{path}</link><guid>{base}{path}</guid>"
        "<pubDate>Tue, 06 Feb 2018 09:00:00 GMT</pubDate></item>"
        for t, path in items
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"<link>{base}/</link><description>d</description>{entries}</channel></rss>"
    ).encode()


def atom(base: str, items: list[tuple[str, str]]) -> bytes:
    entries = "".join(
        f'<entry><title>{t}</title><link href="{base}{path}"/><id>tag:x,2018:{path}</id>'
        "<updated>2018-02-07T08:00:00Z</updated></entry>"
        for t, path in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Atom wire</title><id>tag:x,2018:feed</id><updated>2018-02-07T08:00:00Z</updated>{entries}</feed>"
    ).encode()


def conditional(body: bytes):
    """The feed with validators: a 304 when the client sends them back."""

    def reply(headers: dict[str, str]) -> Reply:
        if headers.get("if-none-match") == ETAG or headers.get("if-modified-since") == MODIFIED:
            return Reply(304, b"")
        return Reply(
            200,
            body,
            {"Content-Type": "application/rss+xml", "ETag": ETAG, "Last-Modified": MODIFIED},
        )

    return reply


@pytest.fixture
def server():
    yield from serve()


@pytest.fixture
def site(server: FeedServer) -> FeedServer:
    """A news site: robots.txt, an RSS feed, an Atom feed, and pages that go wrong."""
    b = server.base
    server.routes["/robots.txt"] = Reply(200, b"User-agent: *\nDisallow: /private/\n")
    server.routes["/a1.html"] = Reply(
        200, page("Ariha", "Medics said 5 killed in Ariha on 2017-04-04 in an air strike.")
    )
    server.routes["/moved.html"] = Reply(301, b"", {"Location": "/a2.html"})
    server.routes["/a2.html"] = Reply(
        200, page("Douma", "Rescuers said 7 killed in Douma on 2017-05-05 after shelling.")
    )
    server.routes["/private/a3.html"] = Reply(200, page("Hidden", "Not to be fetched."))
    server.routes["/big.html"] = Reply(200, b"<html>" + b"x" * 300_000 + b"</html>")
    flaky = iter(
        [
            Reply(503, b"busy"),
            Reply(200, page("Mosul", "Police said 9 killed in Mosul on 2017-06-06.")),
        ]
    )
    server.routes["/flaky.html"] = lambda headers: next(flaky)
    server.routes["/feed.xml"] = conditional(
        rss(b, [("Ariha", "/a1.html"), ("Douma", "/moved.html"), ("Hidden", "/private/a3.html"),
                ("Huge", "/big.html"), ("Mosul", "/flaky.html")])
    )  # fmt: skip
    server.routes["/atom.xml"] = Reply(
        200,
        atom(b, [("Ariha again", "/a1.html"), ("Slow", "/slow.html")]),
        {"Content-Type": "application/atom+xml"},
    )
    server.routes["/slow.html"] = Reply(200, page("Slow", "Too late."), delay=1.0)
    server.routes["/broken.xml"] = Reply(500, b"oops")
    return server


def fetcher() -> Fetcher:
    return Fetcher(
        delay=0.0,
        backoff=0.01,
        retries=1,
        read_timeout=0.3,
        max_bytes=100_000,
        sleep=lambda s: None,
    )


def test_a_poll_ingests_new_pages_and_records_every_failure(
    store, site: FeedServer, fake_extractor
):
    feed, atom_url = site.url("/feed.xml"), site.url("/atom.xml")
    with fetcher() as f:
        first = poll_once([feed, atom_url], store=store, fetcher=f, extractor=fake_extractor)
    rss_poll, atom_poll = first.feeds
    assert (rss_poll.status, rss_poll.entries, rss_poll.new_entries) == (200, 5, 5)
    assert (rss_poll.pages_fetched, rss_poll.pages_failed) == (3, 2)  # robots, too big
    # The Atom feed lists a1 again (fetched for the RSS feed in this poll: not again) and a
    # slow page.
    assert (atom_poll.pages_fetched, atom_poll.pages_failed) == (0, 1)
    assert len(site.hits["/a1.html"]) == 1
    assert first.ingest is not None and first.ingest.reports_new == 3
    assert len(site.hits["/flaky.html"]) == 2  # a 503, then retried
    assert len(site.hits["/robots.txt"]) == 1
    assert "/private/a3.html" not in site.hits

    failures = {(r["kind"], r["url"].removeprefix(site.base)) for r in lf.fetch_failures(store)}
    assert failures == {
        ("robots", "/private/a3.html"),
        ("too_big", "/big.html"),
        ("timeout", "/slow.html"),
    }
    state = lf.feed_state(store, feed)
    assert (state.etag, state.last_modified, state.title, state.failures) == (
        ETAG,
        MODIFIED,
        "Wire",
        0,
    )
    with store.read() as conn:
        entries = {
            (r.feed_url, r.url.removeprefix(site.base), r.status)
            for r in conn.execute(select(s.feed_entries))
        }
        reports = conn.execute(select(s.reports.c.url, s.reports.c.published)).all()
    assert (feed, "/moved.html", "stored") in entries
    assert (feed, "/big.html", "failed") in entries
    assert {u.removeprefix(site.base) for u, _ in reports} == {
        "/a1.html",
        "/a2.html",
        "/flaky.html",
    }
    assert all(p is not None for _, p in reports)
    assert (atom_url, "/a1.html", "stored") in entries

    # The next poll: the RSS feed answers 304 to the validators; failed pages are tried again;
    # stored ones are not fetched again.
    hits_before = {p: len(h) for p, h in site.hits.items()}
    with fetcher() as f:
        second = poll_once([feed, atom_url], store=store, fetcher=f, extractor=fake_extractor)
    assert second.feeds[0].not_modified
    assert site.hits["/feed.xml"][-1]["if-none-match"] == ETAG
    assert site.hits["/feed.xml"][-1]["if-modified-since"] == MODIFIED
    assert len(site.hits["/a1.html"]) == hits_before["/a1.html"]
    assert len(site.hits["/slow.html"]) > hits_before["/slow.html"]
    assert lf.feed_state(store, feed).not_modified == 1


def test_a_failing_feed_keeps_failing_loudly_and_is_recorded(store, site: FeedServer):
    broken = site.url("/broken.xml")
    with fetcher() as f:
        for n in (1, 2, 3):
            poll = poll_once([broken], store=store, fetcher=f).feeds[0]
            assert poll.error == f"{broken}: HTTP 500 (after 2 attempts)"
            assert poll.failures_in_a_row == n
    assert poll.line() == (
        f"feed {broken}: FAILING (3 polls in a row, never polled ok): {broken}: HTTP 500 "
        "(after 2 attempts)"
    )
    assert [r["kind"] for r in lf.fetch_failures(store, feed_url=broken)] == ["status"] * 3
    state = lf.feed_state(store, broken)
    assert (state.polls, state.failures, state.last_status) == (3, 3, 500)


def test_a_document_that_is_no_feed_is_a_recorded_failure(store, site: FeedServer):
    site.routes["/notafeed"] = Reply(200, b"<html><body>hello</body></html>")
    with fetcher() as f:
        [poll] = poll_once([site.url("/notafeed")], store=store, fetcher=f).feeds
    assert poll.error is not None and "not an RSS or Atom feed" in poll.error
    assert [r["kind"] for r in lf.fetch_failures(store)] == ["parse"]


def test_watch_polls_every_period_until_told_to_stop(store, site: FeedServer, fake_extractor):
    waits: list[float] = []
    with fetcher() as f:
        last = watch(
            [site.url("/feed.xml")],
            store=store,
            every=900,
            fetcher=f,
            extractor=fake_extractor,
            sleep=waits.append,
            polls=3,
        )
    assert len(waits) == 2 and all(890 < w <= 900 for w in waits)
    assert last.feeds[0].not_modified
    assert lf.feed_state(store, site.url("/feed.xml")).polls == 3


def test_durations_and_urls_are_checked():
    assert [parse_every(v) for v in ("15m", "1h", "90s", "2d", "30")] == [900, 3600, 90, 172800, 30]
    with pytest.raises(ConfigError, match="expected a duration"):
        parse_every("soon")
    with pytest.raises(ConfigError, match="is not an http"):
        watch(["ftp://example.org/feed"], store=None, once=True)  # type: ignore[arg-type]


@pytest.mark.usefixtures("nlp")
def test_the_watch_command_exits_non_zero_while_a_feed_fails(
    site: FeedServer, tmp_path: Path, capsys
):
    db = f"sqlite:///{tmp_path / 'w.sqlite'}"
    args = ["watch", site.url("/feed.xml"), site.url("/broken.xml"), "--db", db, "--once"]
    args += ["--delay", "0", "--retries", "0", "--timeout", "2", "--json"]
    assert main(args) == 1
    out, err = capsys.readouterr()
    assert f"Error: feed {site.url('/broken.xml')}: FAILING (1 polls in a row" in err
    assert f"feed {site.url('/feed.xml')}: 5 entries, 5 new" in err
    poll = json.loads(out)
    assert poll["ingest"]["reports_new"] >= 2
    # Only the good feed: exit 0, and the next poll is a 304.
    assert main(["watch", site.url("/feed.xml"), "--db", db, "--once", "--delay", "0"]) == 0
    assert f"feed {site.url('/feed.xml')}: not modified" in capsys.readouterr().err
