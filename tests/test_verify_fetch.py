"""The polite fetcher against a local site: redirects, errors, caps, robots.txt, timing."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest

from indopak.curate.verify.fetch import AGENT, Fetcher, Policy
from localsite import ARTICLE, Site, serve


@pytest.fixture
def site() -> Iterator[Site]:
    with serve(Site()) as running:
        yield running


def fetcher(**overrides: float) -> Fetcher:
    settings = {"timeout": 1.0, "max_bytes": 1024 * 1024, "delay": 0.0, **overrides}
    return Fetcher(Policy(**settings))  # type: ignore[arg-type]


def test_a_page_is_fetched_with_the_projects_user_agent(site):
    site.html("/article", ARTICLE)
    response = fetcher().get(site.url("/article"))
    assert response.ok and response.status == 200
    assert response.body == ARTICLE.encode()
    assert response.content_type.startswith("text/html")
    assert site.paths() == ["/robots.txt", "/article"]
    assert all(agent.startswith(f"{AGENT}/") for _path, agent in site.seen)


def test_a_redirect_is_followed_and_the_final_address_kept(site):
    site.html("/article", ARTICLE)
    site.redirect("/old", "/article", 301)
    response = fetcher().get(site.url("/old"))
    assert response.ok and response.url == site.url("/old")
    assert response.final_url == site.url("/article")


def test_not_found(site):
    response = fetcher().get(site.url("/gone"))
    assert (response.outcome, response.status, response.body) == ("http-error", 404, None)
    assert "HTTP 404" in response.detail


def test_a_redirect_loop_stops(site):
    site.redirect("/a", "/b")
    site.redirect("/b", "/a")
    response = fetcher().get(site.url("/a"))
    assert response.outcome == "redirect-loop"
    assert site.paths().count("/a") == 1 and site.paths().count("/b") == 1


def test_redirects_are_capped(site):
    for step in range(4):
        site.redirect(f"/hop{step}", f"/hop{step + 1}")
    site.html("/hop4", ARTICLE)
    assert fetcher(max_redirects=4).get(site.url("/hop0")).ok
    response = fetcher(max_redirects=3).get(site.url("/hop0"))
    assert response.outcome == "too-many-redirects"
    assert "/hop4" not in site.paths()[-1:]


@pytest.mark.parametrize("target", ["ftp://127.0.0.1/file.txt", "file:///etc/passwd"])
def test_a_redirect_to_another_scheme_is_refused(site, target):
    site.redirect("/elsewhere", target)
    response = fetcher().get(site.url("/elsewhere"))
    assert response.outcome == "bad-redirect" and response.final_url == target


def test_only_http_addresses_are_requested():
    response = fetcher().get("file:///etc/passwd")
    assert response.outcome == "bad-url" and response.body is None


def test_a_huge_page_is_cut_off_at_the_size_cap(site):
    started = time.monotonic()
    response = fetcher(max_bytes=100_000).get(site.url("/huge"))
    assert response.outcome == "too-large" and response.body is None
    assert time.monotonic() - started < 5


def test_a_declared_length_over_the_cap_is_not_read(site):
    site.pages["/big"] = (200, {"Content-Type": "text/html"}, b"x" * 5000)
    assert fetcher(max_bytes=4000).get(site.url("/big")).outcome == "too-large"
    assert fetcher(max_bytes=5000).get(site.url("/big")).ok


def test_a_slow_page_times_out(site):
    started = time.monotonic()
    response = fetcher(timeout=0.5).get(site.url("/slow"))
    assert response.outcome == "timeout" and not response.network_down
    assert time.monotonic() - started < 2


def test_robots_txt_is_obeyed_and_read_once(site):
    site.html("/private/page", ARTICLE)
    site.html("/article", ARTICLE)
    fetch = fetcher()
    response = fetch.get(site.url("/private/page"))
    assert response.outcome == "robots-disallowed"
    assert fetch.get(site.url("/article")).ok
    assert site.paths() == ["/robots.txt", "/article"]  # the private page was never asked for


def test_robots_txt_rules_for_the_projects_agent(site):
    site.pages["/robots.txt"] = (200, {}, f"User-agent: {AGENT}\nDisallow: /\n".encode())
    site.html("/article", ARTICLE)
    assert fetcher().get(site.url("/article")).outcome == "robots-disallowed"


def test_a_redirect_into_a_disallowed_path_is_not_followed(site):
    site.redirect("/tease", "/private/page")
    site.html("/private/page", ARTICLE)
    assert fetcher().get(site.url("/tease")).outcome == "robots-disallowed"
    assert "/private/page" not in site.paths()


def test_missing_robots_txt_allows_everything(site):
    del site.pages["/robots.txt"]  # the site answers 404
    site.html("/article", ARTICLE)
    assert fetcher().get(site.url("/article")).ok


def test_a_failing_robots_txt_disallows_everything(site):
    site.pages["/robots.txt"] = (503, {}, b"busy")
    site.html("/article", ARTICLE)
    assert fetcher().get(site.url("/article")).outcome == "robots-unreachable"
    assert "/article" not in site.paths()


def test_requests_to_one_host_are_spaced_by_the_delay(site):
    site.html("/article", ARTICLE)
    now = [100.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    fetch = Fetcher(Policy(timeout=1.0, delay=5.0), clock=lambda: now[0], sleep=sleep)
    fetch.get(site.url("/article"))
    fetch.get(site.url("/article"))
    assert waits == [5.0, 5.0]  # robots.txt, page, page: each after the previous one


def test_robots_crawl_delay_longer_than_ours_is_kept(site):
    site.pages["/robots.txt"] = (200, {}, b"User-agent: *\nCrawl-delay: 7\n")
    site.html("/article", ARTICLE)
    now = [0.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    fetch = Fetcher(Policy(timeout=1.0, delay=1.0), clock=lambda: now[0], sleep=sleep)
    fetch.get(site.url("/article"))
    assert waits == [7.0]


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_refused_connection_is_marked_as_network_down():
    response = fetcher().get(f"http://127.0.0.1:{closed_port()}/article")
    assert response.outcome == "network-error" and response.network_down
