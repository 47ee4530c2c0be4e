"""indopak verify-sources: quotes looked up on pages served from 127.0.0.1, the ledger,
the findings and their formats, --changed, and the offline exit."""

from __future__ import annotations

import json
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import run_cli
from indopak.curate.verify import ledger as ledger_module
from indopak.curate.verify.check import printable
from indopak.curate.verify.text import contains, normalise, page_text
from indopak.io.errors import Finding
from localsite import ARCHIVED, ARTICLE, Site, serve

SOURCE = "data/records/sources/test-wire-2019-02-21-follow-up.yaml"
EVENT = "data/records/events/2019/2019-02-19-minister-calls-for-talks.yaml"
LEDGER = "data/verification/test-wire-2019-02-21-follow-up.json"
OLD_URL = "https://news.example.org/2019/02/21/follow-up"
FAST = ("--delay", "0", "--timeout", "1")


@pytest.fixture
def site() -> Iterator[Site]:
    with serve(Site()) as running:
        yield running


def point_source(repo: Path, url: str, archive: str | None = None) -> None:
    path = repo / SOURCE
    text = path.read_text().replace(OLD_URL, url)
    if archive:
        text += f"archive_url: {archive}\n"
    path.write_text(text)


def verify(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return run_cli(repo, "verify-sources", *FAST, *args)


def ledger(repo: Path) -> dict:
    return json.loads((repo / LEDGER).read_text())


# --- normalising and looking up ------------------------------------------------------------


def test_normalise_makes_typographic_variants_equal():
    page = normalise(
        "He said \u201cwe\u2019ll wait\u201d \u2014 the\u00a0nego\u00adtiations in 1947\u201348"
    )
    assert page == normalise('he said "we\'ll wait" - the negotiations in 1947-48')
    assert normalise("\ufb01nal   OFFER\n") == "final offer"  # NFKC ligature, spaces, case


def test_a_quote_with_an_omission_matches_its_parts_in_order():
    text = normalise("First the minister spoke; later, after a pause, she left the room.")
    assert contains(text, "the minister spoke \u2026 she left the room")
    assert contains(text, "the minister spoke [...] she left")
    assert not contains(text, "she left the room ... the minister spoke")


def test_the_article_text_leaves_out_menus_and_footers():
    text = page_text(ARTICLE.encode(), "text/html; charset=utf-8")
    assert text is not None
    assert "india said it had received the proposal." in text.article
    assert "home world sport" not in text.article and "home world sport" in text.page


def test_a_pdf_has_no_page_text():
    assert page_text(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "application/pdf") is None


def test_github_annotations_escape_messages_and_properties():
    finding = Finding("data/a:b,c.yaml", 3, 5, "quote-not-on-page", "100% sure\r\nnot")
    assert finding.github("warning") == (
        "::warning file=data/a%3Ab%2Cc.yaml,line=3,col=5,title=quote-not-on-page"
        "::100%25 sure%0D%0Anot"
    )


# --- the command ---------------------------------------------------------------------------


def test_every_quote_citing_the_source_is_found(repo, site):
    site.html("/follow-up", ARTICLE)
    point_source(repo, site.url("/follow-up"))
    done = verify(repo)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert "3 quote(s) found, 0 missing" in done.stderr
    entry = ledger(repo)
    assert entry["http_status"] == 200 and entry["outcome"] == "ok"
    assert entry["final_url"] == site.url("/follow-up")
    assert len(entry["text_sha256"]) == 64
    # the event's claim, an actor's citation and a treaty action's citation
    assert {(q["record"], q["at"]) for q in entry["quotes"]} == {
        (EVENT, "claims/0"),
        ("data/records/actors/india.yaml", "citations/0"),
        ("data/records/treaties/sample-accord-2019.yaml", "status_history/1/citations/0"),
    }
    assert all(q["found"] and q["where"] == "article" for q in entry["quotes"])


def test_the_ledger_is_deterministic_and_holds_no_page_text(repo, site):
    site.html("/follow-up", ARTICLE)
    point_source(repo, site.url("/follow-up"))
    verify(repo)
    first = (repo / LEDGER).read_bytes()
    verify(repo)
    assert (repo / LEDGER).read_bytes() == first
    assert list(json.loads(first)) == sorted(json.loads(first))
    assert b"Neither government" not in first and b"received the proposal" not in first
    assert sorted(p.name for p in (repo / "data/verification").iterdir()) == [Path(LEDGER).name]


def test_a_paraphrase_is_reported_at_its_quote(repo, site):
    site.html("/follow-up", ARTICLE)
    point_source(repo, site.url("/follow-up"))
    event = repo / EVENT
    event.write_text(
        event.read_text().replace(
            'quote: "India said it had received the proposal."',
            'quote: "India confirmed that the proposal had reached it."',
        )
    )
    done = verify(repo)
    assert done.returncode == 1
    line = next(
        n for n, text in enumerate(event.read_text().splitlines(), 1) if "India confirmed" in text
    )
    assert done.stdout.startswith(f"{EVENT}:{line}:5: quote-not-on-page: quote not found on ")
    assert done.stdout.count("\n") == 1
    found = {q["record"]: q["found"] for q in ledger(repo)["quotes"]}
    assert found[EVENT] is False and found["data/records/actors/india.yaml"] is True
    github = verify(repo, "--format", "github")
    assert github.stdout.startswith(
        f"::error file={EVENT},line={line},col=5,title=quote-not-on-page::quote not found"
    )
    as_json = json.loads(verify(repo, "--format", "json").stdout)
    assert [(f["path"], f["rule"]) for f in as_json] == [(EVENT, "quote-not-on-page")]


def test_a_quote_outside_the_article_is_found_on_the_page(repo, site):
    page = ARTICLE.replace("India said it had received the proposal. ", "").replace(
        "</article>",
        '</article><div class="standfirst">India said it had received the proposal.</div>',
    )
    site.html("/follow-up", page)
    point_source(repo, site.url("/follow-up"))
    assert verify(repo).returncode == 0
    assert {q["where"] for q in ledger(repo)["quotes"]} == {"page"}


@pytest.mark.parametrize(
    ("path", "outcome", "status"),
    [
        ("/gone", "http-error", 404),
        ("/loop", "redirect-loop", 302),
        ("/huge", "too-large", 200),
        ("/slow", "timeout", None),
        ("/report.pdf", "not-html", 200),
        ("/private/follow-up", "robots-disallowed", None),
        ("/to-ftp", "bad-redirect", 302),
    ],
)
def test_a_page_that_cannot_be_read_is_a_warning(repo, site, path, outcome, status):
    site.redirect("/loop", "/loop")
    site.pages["/report.pdf"] = (200, {"Content-Type": "application/pdf"}, b"%PDF-1.7\n")
    site.html("/private/follow-up", ARTICLE)
    site.redirect("/to-ftp", "ftp://127.0.0.1/follow-up.txt")
    point_source(repo, site.url(path))
    done = verify(repo, "--max-bytes", "200000", "--format", "github")
    assert done.returncode == 0, done.stderr
    url_line = next(
        n
        for n, line in enumerate((repo / SOURCE).read_text().splitlines(), 1)
        if line.startswith("url:")
    )
    assert done.stdout.startswith(
        f"::warning file={SOURCE},line={url_line},col=1,title=source-unchecked::"
    )
    entry = ledger(repo)
    assert (entry["outcome"], entry["http_status"], entry["text_sha256"]) == (outcome, status, None)
    assert all(q["found"] is None for q in entry["quotes"])
    assert "/private/follow-up" not in site.paths()


def test_the_archived_copy_is_read_when_the_page_is_gone(repo, site):
    site.html("/archive/follow-up", ARCHIVED)
    point_source(repo, site.url("/gone"), archive=site.url("/archive/follow-up"))
    done = verify(repo)
    assert done.returncode == 0 and done.stdout == ""
    entry = ledger(repo)
    assert [a["outcome"] for a in entry["attempts"]] == ["http-error", "ok"]
    assert entry["final_url"] == site.url("/archive/follow-up")
    assert all(q["found"] for q in entry["quotes"])


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_without_network_it_says_so_and_exits_2(repo):
    point_source(repo, f"http://127.0.0.1:{closed_port()}/follow-up")
    done = verify(repo)
    assert done.returncode == 2
    assert done.stderr.startswith("indopak: no network:") and done.stderr.count("\n") == 1
    assert not (repo / "data/verification").exists()  # nothing recorded


def test_an_unknown_source_is_a_usage_error(repo):
    done = verify(repo, "--source", "no-such-source")
    assert done.returncode == 2 and "no-such-source" in done.stderr
    assert "Traceback" not in done.stderr


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
    )


def test_changed_checks_only_the_sources_that_changed_records_cite(repo, site):
    site.html("/follow-up", ARTICLE)
    point_source(repo, site.url("/follow-up"))
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    nothing = verify(repo, "--changed")
    assert nothing.returncode == 0 and "no sources with a url to check" in nothing.stderr
    assert site.paths() == []
    actor = repo / "data/records/actors/india.yaml"
    actor.write_text(actor.read_text() + "aliases: [New Delhi]\n")
    done = verify(repo, "--changed", "--base", "main")
    assert done.returncode == 0, done.stderr
    assert site.paths() == ["/robots.txt", "/follow-up"]


def test_text_from_a_server_is_printed_without_control_characters():
    assert printable("page\x1b[2J\u202eevil") == "page\\x1b[2J\\x202eevil"


def test_a_full_run_drops_entries_of_sources_that_are_gone(repo, site):
    site.html("/follow-up", ARTICLE)
    point_source(repo, site.url("/follow-up"))
    stale = repo / "data/verification/retired-source.json"
    stale.parent.mkdir(parents=True)
    stale.write_text("{}\n")
    verify(repo, "--source", "test-wire-2019-02-21-follow-up")
    assert stale.exists()  # a partial run keeps what it did not look at
    verify(repo)
    assert not stale.exists() and (repo / LEDGER).exists()


def test_an_id_that_cannot_be_a_file_name_gets_no_entry(tmp_path):
    assert ledger_module.write(tmp_path, "../escape", {"source": "x"}) is None
    assert list(tmp_path.iterdir()) == []
