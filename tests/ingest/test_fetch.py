"""Tests of the polite fetcher against a local server: robots.txt, delay, retries, limits."""

from __future__ import annotations

import pytest

from tests.feedserver import FeedServer, Reply, serve
from tollwatch.ingest.fetch import Fetcher, FetchFailed


@pytest.fixture
def server():
    yield from serve()


class Sleeps:
    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(round(seconds, 3))


def fetcher(**kw) -> Fetcher:
    options = {"delay": 0.0, "backoff": 0.01, "read_timeout": 2.0, "deadline": 5.0} | kw
    return Fetcher(**options)


def test_a_page_is_fetched_with_our_user_agent(server: FeedServer):
    server.routes["/a.html"] = Reply(200, b"<html>hello</html>", {"Content-Type": "text/html"})
    with fetcher() as f:
        got = f.fetch(server.url("/a.html"))
    assert (got.status, got.content, got.attempts) == (200, b"<html>hello</html>", 1)
    assert server.hits["/a.html"][0]["user-agent"].startswith("tollwatch/")
    assert len(server.hits["/robots.txt"]) == 1  # asked first (404 here: all allowed)


def test_robots_txt_is_obeyed_and_read_once_per_host(server: FeedServer):
    server.routes["/robots.txt"] = Reply(200, b"User-agent: *\nDisallow: /private/\n")
    server.routes["/open.html"] = Reply(200, b"ok")
    server.routes["/private/x.html"] = Reply(200, b"secret")
    with fetcher() as f:
        assert f.fetch(server.url("/open.html")).content == b"ok"
        with pytest.raises(FetchFailed) as caught:
            f.fetch(server.url("/private/x.html"))
    assert caught.value.kind == "robots"
    assert (
        caught.value.message
        == f"{server.url('/private/x.html')}: disallowed by {server.base}/robots.txt"
    )
    assert "/private/x.html" not in server.hits
    assert len(server.hits["/robots.txt"]) == 1


def test_a_robots_txt_the_server_fails_to_give_disallows_everything(server: FeedServer):
    server.routes["/robots.txt"] = Reply(503, b"down")
    server.routes["/a.html"] = Reply(200, b"ok")
    with fetcher() as f, pytest.raises(FetchFailed, match="robots.txt of .* could not be read"):
        f.fetch(server.url("/a.html"))
    assert "/a.html" not in server.hits


def test_requests_to_one_host_keep_the_delay_and_the_crawl_delay(server: FeedServer):
    server.routes["/robots.txt"] = Reply(200, b"User-agent: *\nCrawl-delay: 3\n")
    server.routes["/a"] = Reply(200, b"a")
    clock = [100.0]
    sleeps = Sleeps()

    def sleep(seconds: float) -> None:
        sleeps(seconds)
        clock[0] += seconds

    with fetcher(delay=1.0, sleep=sleep, clock=lambda: clock[0]) as f:
        f.fetch(server.url("/a"))  # robots.txt, then /a the crawl delay after it
        f.fetch(server.url("/a"))  # 3 s after the last request again
    assert sleeps.waits == [3.0, 3.0]
    with fetcher(delay=2.0, sleep=sleep, clock=lambda: clock[0]) as f:
        server.routes["/robots.txt"] = Reply(404, b"")
        f.fetch(server.url("/a"))
        clock[0] += 0.5  # half a second later: 1.5 s still to wait
        f.fetch(server.url("/a"))
    assert sleeps.waits == [3.0, 3.0, 2.0, 1.5]


def test_a_5xx_is_retried_with_backoff_and_then_succeeds(server: FeedServer):
    replies = iter([Reply(503, b"busy"), Reply(502, b"bad gateway"), Reply(200, b"at last")])
    server.routes["/flaky"] = lambda headers: next(replies)
    sleeps = Sleeps()
    with fetcher(backoff=0.5, sleep=sleeps) as f:
        got = f.fetch(server.url("/flaky"))
    assert (got.content, got.attempts) == (b"at last", 3)
    assert sleeps.waits == [0.5, 1.0]  # backoff doubles
    assert len(server.hits["/flaky"]) == 3


def test_a_5xx_that_lasts_fails_after_the_retries_and_retry_after_is_heeded(server: FeedServer):
    server.routes["/down"] = Reply(503, b"busy", {"Retry-After": "7"})
    sleeps = Sleeps()
    with fetcher(retries=2, sleep=sleeps) as f, pytest.raises(FetchFailed) as caught:
        f.fetch(server.url("/down"))
    err = caught.value
    assert (err.kind, err.status, err.attempts) == ("status", 503, 3)
    assert err.message == f"{server.url('/down')}: HTTP 503 (after 3 attempts)"
    assert sleeps.waits == [7.0, 7.0]


def test_a_4xx_is_not_retried(server: FeedServer):
    with fetcher() as f, pytest.raises(FetchFailed) as caught:
        f.fetch(server.url("/missing"))
    assert (caught.value.kind, caught.value.status, caught.value.attempts) == ("status", 404, 1)
    assert len(server.hits["/missing"]) == 1


def test_redirects_are_followed_and_bounded(server: FeedServer):
    server.routes["/old"] = Reply(301, b"", {"Location": "/new"})
    server.routes["/new"] = Reply(200, b"moved here")
    server.routes["/loop"] = Reply(302, b"", {"Location": "/loop"})
    with fetcher() as f:
        got = f.fetch(server.url("/old"))
        assert (got.url, got.content) == (server.url("/new"), b"moved here")
        with pytest.raises(FetchFailed) as caught:
            f.fetch(server.url("/loop"))
    assert caught.value.kind == "redirects"
    assert len(server.hits["/loop"]) == 6  # the first request and five redirects


def test_a_page_over_the_size_limit_is_refused(server: FeedServer):
    server.routes["/big"] = Reply(200, b"x" * 5000)
    with fetcher(max_bytes=1000) as f:
        with pytest.raises(FetchFailed, match="5000 bytes, more than the limit of 1000") as big:
            f.fetch(server.url("/big"))
        assert big.value.kind == "too_big"


def test_a_body_without_a_length_is_cut_at_the_limit(server: FeedServer):
    def chunked(headers):
        return Reply(200, b"z" * 50_000, {"Content-Length": str(50_000)})

    server.routes["/stream"] = chunked
    with fetcher(max_bytes=100_000) as f:
        assert len(f.fetch(server.url("/stream")).content) == 50_000
    with fetcher(max_bytes=10_000) as f, pytest.raises(FetchFailed) as caught:
        f.fetch(server.url("/stream"))
    assert caught.value.kind == "too_big"


def test_a_server_that_does_not_answer_in_time_times_out_and_is_retried(server: FeedServer):
    server.routes["/slow"] = Reply(200, b"late", delay=1.5)
    with fetcher(read_timeout=0.3, retries=1) as f, pytest.raises(FetchFailed) as caught:
        f.fetch(server.url("/slow"))
    assert (caught.value.kind, caught.value.attempts) == ("timeout", 2)
    assert len(server.hits["/slow"]) == 2


def test_only_http_urls_are_fetched():
    with fetcher() as f, pytest.raises(FetchFailed) as caught:
        f.fetch("file:///etc/passwd")
    assert (caught.value.kind, caught.value.message) == (
        "url",
        "file:///etc/passwd: not an http(s) URL",
    )


def test_a_host_that_does_not_answer_is_a_network_failure():
    import socket

    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/feed.xml"
    with fetcher(retries=0) as f, pytest.raises(FetchFailed) as caught:
        f.fetch(url)
    assert caught.value.kind == "network"
    assert caught.value.message.startswith(
        f"{url}: robots.txt of http://127.0.0.1:{port} could not be read, so nothing there is "
        f"fetched (http://127.0.0.1:{port}/robots.txt: ConnectError: "
    )
