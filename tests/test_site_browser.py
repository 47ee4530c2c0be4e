"""The explorer in a real headless browser (the system's Chromium, driven by Playwright):
filter, search, follow links and read what a person sees; any console error, page error or
failed load fails the test. Screenshots go to build/screenshots/.

Skipped, with the reason, when Playwright or a Chromium cannot be found (`make browser`
installs both); with INDOPAK_REQUIRE_BROWSER=1, as in CI, they fail instead."""

from __future__ import annotations

import csv
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT, make_repo
from test_site import HOSTILE, hostile_package, make_site

SHOTS = ROOT / "build" / "screenshots"
IWT = "indus-waters-treaty-1960"
CRISIS = "2019-pulwama-balakot"


def find_browser() -> tuple[str | None, str]:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return None, "Playwright's Python package is not installed (run `make browser`)"
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path, ""
    return None, "no Chromium or Chrome on PATH (run `make browser`)"


def rows(table: str) -> list[dict[str, str]]:
    with open(ROOT / f"data/csv/{table}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def browser() -> Iterator:
    path, reason = find_browser()
    if path is None:
        if os.environ.get("INDOPAK_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests required but cannot run: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        launched = driver.chromium.launch(
            executable_path=path, args=["--no-sandbox", "--disable-gpu"]
        )
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return make_site(ROOT / "datapackage.json", tmp_path_factory.mktemp("explorer") / "site")


class Visit:
    """A browser page that records every console error, page error and failed load."""

    def __init__(self, browser, root: Path) -> None:
        self.root = root
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.page.on(
            "console",
            lambda m: self.problems.append(f"console: {m.text}") if m.type == "error" else None,
        )
        self.page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed to load {r.url}"))
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, rel: str):
        self.page.goto((self.root / rel).as_uri() if "#" not in rel else self._uri(rel))
        return self.page

    def _uri(self, rel: str) -> str:
        path, anchor = rel.split("#", 1)
        return f"{(self.root / path).as_uri()}#{anchor}"

    def shot(self, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)

    def count(self) -> str:
        return self.page.locator("#count").inner_text()

    def visible_titles(self) -> list[str]:
        return self.page.locator("#timeline > li:visible > a").all_inner_texts()


@pytest.fixture
def visit(browser, site) -> Iterator[Visit]:
    opened = Visit(browser, site)
    yield opened
    problems = opened.problems
    opened.page.close()
    assert problems == []


def test_timeline_filters_by_crisis_type_years_actor_and_country(visit):
    events = rows("events")
    page = visit.open("index.html")
    assert page.title().startswith("Timeline")
    assert visit.count() == f"{len(events)} of {len(events)} events"

    page.select_option("#crisis", CRISIS)
    in_crisis = [e for e in events if e["crisis"] == CRISIS]
    assert visit.count() == f"{len(in_crisis)} of {len(events)} events"
    assert sorted(visit.visible_titles()) == sorted(e["title"] for e in in_crisis)
    assert page.url.endswith(f"#crisis={CRISIS}")
    visit.shot("timeline-crisis")

    page.select_option("#type", "ASSAULT")
    assaults = [e for e in in_crisis if e["event_type"] == "ASSAULT"]
    assert assaults and sorted(visit.visible_titles()) == sorted(e["title"] for e in assaults)

    page.click("#clear")
    page.fill("#year-from", "1965")
    page.fill("#year-to", "1966")
    in_years = [e for e in events if e["date_last"][:4] >= "1965" and e["date_first"][:4] <= "1966"]
    assert in_years and visit.count() == f"{len(in_years)} of {len(events)} events"
    assert all(
        t.split("-")[0] in ("1965", "1966")
        for t in page.locator("#timeline > li:visible > time").all_inner_texts()
    )

    page.click("#clear")
    page.select_option("#actor", "united-nations")
    with_un = {r["event"] for r in rows("event_actors") if r["actor"] == "united-nations"}
    assert with_un and visit.count() == f"{len(with_un)} of {len(events)} events"
    page.select_option("#country", "IND")
    assert int(visit.count().split()[0]) <= len(with_un)

    page.click("#clear")
    assert visit.count() == f"{len(events)} of {len(events)} events"
    page.fill("#year-from", "3000")
    assert page.locator("#none").is_visible()
    assert page.locator("#none").inner_text() == "No event matches these filters."


def test_text_search_shows_only_matching_events(visit):
    page = visit.open("index.html")
    page.fill("#q", "indus waters")
    shown = page.locator("#timeline > li:visible")
    assert shown.count() > 0
    for text in shown.all_inner_texts():
        assert "indus" in text.lower() and "waters" in text.lower()
    hidden = page.locator("#timeline > li:not(:visible)").all_text_contents()
    assert not any("indus" in t.lower() and "waters" in t.lower() for t in hidden)
    visit.shot("timeline-search")


def test_a_filtered_address_opens_the_filtered_timeline(visit):
    page = visit.open(f"crises/{CRISIS}.html")
    with page.expect_navigation():  # read the filters of the page the link opens
        page.click("text=Show these events on the timeline")
    assert page.locator("#crisis").input_value() == CRISIS
    assert page.locator("#timeline > li:visible").count() == sum(
        1 for e in rows("events") if e["crisis"] == CRISIS
    )
    page = visit.open("actors/united-nations.html")
    listed = page.locator("ul.events > li").count()
    with page.expect_navigation():  # read the filters of the page the link opens
        page.click("text=Show these events on the timeline")
    assert page.locator("#actor").input_value() == "united-nations"
    assert page.locator("#timeline > li:visible").count() == listed > 0


def test_follow_an_event_to_its_sources(visit):
    cited_events = {c["record_id"] for c in rows("citations") if c["record_kind"] == "event"}
    event = next(e for e in rows("events") if e["crisis"] == CRISIS and e["id"] in cited_events)
    page = visit.open("index.html")
    page.fill("#q", event["title"])
    page.click(f"#timeline > li:visible > a:text-is({event['title']!r})")
    assert page.locator("h1").inner_text() == event["title"]
    assert event["summary"] in page.locator("main").inner_text()
    cited = [
        c
        for c in rows("citations")
        if c["record_kind"] == "event" and c["record_id"] == event["id"]
    ]
    quotes = page.locator("h2:text-is('Sources') + ul.citations q").all_inner_texts()
    assert sorted(quotes) == sorted(c["quote"] for c in cited)
    visit.shot("event")
    source = next(s for s in rows("sources") if s["id"] == cited[0]["source"])
    page.locator("ul.citations a", has_text=source["title"]).first.click()
    assert page.locator("h1").inner_text() == source["title"]
    assert page.locator(f"a[href='{source['url']}']").count() == 1
    assert event["title"] in page.locator("ul.cited-by").inner_text()
    visit.shot("source")
    page.locator("ul.cited-by a", has_text=event["title"]).first.click()
    assert page.locator("h1").inner_text() == event["title"]


def test_issue_shows_both_governments_side_by_side(visit):
    positions = rows("positions")
    issue = next(
        i
        for i in rows("issues")
        if {p["actor"] for p in positions if p["issue"] == i["id"]} >= {"india", "pakistan"}
    )
    page = visit.open(f"issues/{issue['id']}.html")
    india = page.locator("section.side[data-side=IND]")
    pakistan = page.locator("section.side[data-side=PAK]")
    assert india.locator("h3").inner_text() == "India"
    assert pakistan.locator("h3").inner_text() == "Pakistan"
    left, right = india.bounding_box(), pakistan.bounding_box()
    assert left["y"] == right["y"] and left["x"] + left["width"] <= right["x"]
    india_says = [
        p["statement"] for p in positions if p["issue"] == issue["id"] and p["actor"] == "india"
    ]
    assert all(s in india.inner_text() for s in india_says)
    visit.shot("issue-side-by-side")


def test_indus_waters_treaty_status_history(visit):
    page = visit.open("index.html")
    page.click("nav >> text=Indus Waters Treaty")
    actions = [a for a in rows("treaty_actions") if a["treaty"] == IWT]
    history = page.locator("table.history tbody tr")
    assert history.count() == len(actions) >= 30
    dates = history.locator("td:first-child").all_inner_texts()
    assert dates[0].startswith("1960")
    cited = history.locator("q")
    assert cited.count() >= len(actions)
    visit.shot("iwt-status-history")


def test_codebook_and_downloads(visit):
    page = visit.open("index.html")
    page.click("nav >> text=Codebook")
    assert page.locator("h2#table-events").inner_text() == "Table events"
    page.click("a[href='#vocabulary-event_type']")
    assert "ASSAULT" in page.locator("#vocabulary-event_type + p + table").inner_text()
    page.click("nav >> text=Download")
    latest = page.locator("a", has_text="The newest release (zip)")
    assert latest.get_attribute("href").endswith(
        "/releases/latest/download/india-pakistan-relations.zip"
    )
    visit.shot("download")


def test_markup_in_the_data_shows_as_text(browser, tmp_path):
    package = hostile_package(make_repo(tmp_path / "repo"))
    hostile = Visit(browser, make_site(package, tmp_path / "site"))
    page = hostile.open("index.html")
    assert HOSTILE in page.locator("#timeline").inner_text()
    page.click("#timeline > li > a")
    assert page.locator("h1").inner_text() == HOSTILE
    assert "<script>document.title='owned'</script>" in page.locator("main").inner_text()
    assert "owned" not in page.title()
    hostile.shot("escaped")
    assert hostile.dialogs == []
    assert hostile.problems == []
    hostile.page.close()
