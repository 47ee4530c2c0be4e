"""Citation and archiving metadata agree with schemas/package.yaml, the one setting that
every address of the dataset is made from."""

from __future__ import annotations

import datetime as dt
import json
import re

import yaml

from conftest import ROOT
from indopak.io.urls import from_metadata

META = yaml.safe_load((ROOT / "schemas/package.yaml").read_text(encoding="utf-8"))
CITATION = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
ZENODO = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
URLS = from_metadata(META)


def test_descriptor_has_homepage_and_id_from_package_yaml():
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["homepage"] == META["homepage"] == URLS.repository
    assert descriptor["id"] == META["id"]
    json_descriptor = json.loads((ROOT / "data/json/datapackage.json").read_text("utf-8"))
    assert json_descriptor["homepage"] == META["homepage"]


def test_citation_is_complete():
    for field in ("title", "abstract", "authors", "version", "license", "keywords", "message"):
        assert CITATION[field], field
    assert CITATION["repository-code"] == CITATION["url"] == URLS.repository
    assert CITATION["version"] == META["version"]
    dt.date.fromisoformat(str(CITATION["date-released"]))


def test_zenodo_metadata_matches_the_citation():
    assert ZENODO["upload_type"] == "dataset"
    assert ZENODO["title"] == CITATION["title"]
    assert ZENODO["version"] == CITATION["version"] == META["version"]
    assert ZENODO["license"] == CITATION["license"].lower()
    assert ZENODO["keywords"] == CITATION["keywords"]
    assert ZENODO["description"] == " ".join(CITATION["abstract"].split())
    assert [c["name"] for c in ZENODO["creators"]] == [a["name"] for a in CITATION["authors"]]
    assert {r["identifier"] for r in ZENODO["related_identifiers"]} == {URLS.repository}


def test_every_address_in_the_readmes_comes_from_the_homepage():
    """No address of the dataset is written with another owner or repository name."""
    for name in ("README.md", "docs/DATA-README.md", "CONTRIBUTING.md", "docs/DEVELOPING.md"):
        path = ROOT / name
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        for found in re.findall(
            r"https://(?:github\.com|raw\.githubusercontent\.com)/[^\s)`\"']+", text
        ):
            assert found.split("/")[3:5] == [URLS.owner, URLS.repo], (name, found)
        for found in re.findall(r"https://[a-z0-9-]+\.github\.io/[^\s)`\"']*", text):
            assert found.startswith(URLS.site), (name, found)


def test_readme_starts_with_the_two_set_up_commands_then_speaks_to_users():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = text.split("```sh\n", 1)[1].split("```", 1)[0]
    assert [line.split()[:2] for line in first_block.splitlines()] == [
        ["make", "build"],
        ["make", "test"],
    ]
    assert text.index("```sh") < text.index("## ")
    headings = re.findall(r"^## (.*)$", text, re.MULTILINE)
    assert headings[:3] == ["Get the data", "How to cite", "Contribute"]
    for internal in ("inode", "row store", "## Performance", "make bench", "| step |"):
        assert internal not in text, internal


def test_readme_gives_the_stable_addresses_made_from_the_homepage():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for url in (URLS.site, URLS.latest_zip, URLS.releases, URLS.descriptor(), URLS.csv("events")):
        assert url in text, url
    assert f'BASE = "{URLS.raw()}"' in text
    assert '"frictionless[json' in text
