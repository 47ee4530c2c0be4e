"""The explorer's pages, read as files: every record has its page, values are escaped, the
index stays small, and the command reports bad input on one line."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, make_repo, run_cli
from indopak.io.urls import from_metadata
from indopak.publish.build import build
from indopak.publish.site import build_site, page_name
from indopak.schema.project import Project

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes"'


def make_site(package: Path, out: Path) -> Path:
    project = Project(ROOT)
    build_site(
        package,
        out,
        project.vocabularies,
        project.table_schemas,
        from_metadata(project.package_metadata),
    )
    return out


@pytest.fixture(scope="module")
def real_site(tmp_path_factory) -> Path:
    return make_site(ROOT / "datapackage.json", tmp_path_factory.mktemp("site") / "site")


def hostile_package(root: Path) -> Path:
    """The fixture package with markup in an event's title and summary."""
    assert build(Project(root)).findings == []
    events = root / "data/csv/events.csv"
    rows = list(csv.DictReader(events.open(encoding="utf-8", newline="")))
    rows[0]["title"] = HOSTILE
    rows[0]["summary"] = "</p></li></ol><script>document.title='owned'</script>"
    with events.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return root / "datapackage.json"


def test_every_record_has_its_page(real_site):
    for table, folder in (
        ("events", "events"),
        ("actors", "actors"),
        ("treaties", "treaties"),
        ("issues", "issues"),
        ("crises", "crises"),
        ("sources", "sources"),
    ):
        ids = [r["id"] for r in csv.DictReader((ROOT / f"data/csv/{table}.csv").open())]
        assert ids, table
        for ident in ids:
            assert (real_site / folder / page_name(ident)).is_file(), (table, ident)
    for page in ("index.html", "codebook.html", "download.html", "explorer.js", "style.css"):
        assert (real_site / page).is_file()


def test_the_index_is_small_and_loads_nothing_from_elsewhere(real_site):
    index = (real_site / "index.html").read_text(encoding="utf-8")
    # one short line per event (title, a clipped summary, actors), never whole records: the
    # page grows with the dataset, by well under a kilobyte an event
    events = index.count("<li data-year=")
    assert events > 0 and len(index.encode("utf-8")) < 700 * events
    assert re.findall(r"<script[^>]*>", index) == ['<script src="explorer.js">']
    assert not re.search(r"""(src|href)="(https?:)?//""", index.split("<footer>")[0])
    assert "fetch(" not in (real_site / "explorer.js").read_text(encoding="utf-8")


def test_every_value_is_escaped(tmp_path):
    package = hostile_package(make_repo(tmp_path / "repo"))
    site = make_site(package, tmp_path / "site")
    for page in (site / "index.html", *site.glob("events/*.html")):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<img src=x" not in text
        assert "<script>document.title" not in text
    event = next(site.glob("events/*.html")).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in event


def test_links_point_at_pages_that_exist(real_site):
    pages = [real_site / "index.html", *sorted(real_site.glob("*/*.html"))[::25]]
    for page in pages:
        for href in re.findall(r'href="([^"#]+)', page.read_text(encoding="utf-8")):
            if href.startswith(("http://", "https://")):
                continue
            assert (page.parent / href).resolve().is_file(), (page.name, href)


def test_the_command_writes_the_site_and_reports_bad_input(tmp_path):
    root = make_repo(tmp_path / "repo")
    shutil.copy(ROOT / "schemas/package.yaml", root / "schemas/package.yaml")
    assert build(Project(root)).findings == []
    done = run_cli(root, "site", "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out/index.html").is_file()
    missing = run_cli(root, "site", "--package", "nothing.json", "--out", str(tmp_path / "x"))
    assert missing.returncode == 2
    assert missing.stderr.startswith("indopak: site: cannot read the package")
    assert missing.stderr.count("\n") == 1 and not (tmp_path / "x").exists()
