"""Release zips: contents, checksums, determinism, loading, and refusals."""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest
import yaml

from conftest import ROOT, VERSION, make_repo, run_cli
from indopak import load
from indopak.publish.build import build
from indopak.publish.release import ReleaseError, release
from indopak.schema.project import Project

ZIP = f"india-pakistan-relations-{VERSION}.zip"


def releasable(root: Path) -> Project:
    for name in ("LICENSE", "README.md", "CITATION.cff", "docs/DATA-README.md"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, root / name)
    project = Project(root)
    assert build(project).findings == []
    return project


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    return releasable(make_repo(tmp_path_factory.mktemp("release") / "repo")).root


@pytest.fixture
def ready(base, tmp_path) -> Project:
    """A built, releasable copy of the base dataset that the test may change."""
    return Project(Path(shutil.copytree(base, tmp_path / "repo")))


def test_zip_holds_package_documents_formats_and_checksums(ready, tmp_path):
    made = release(ready, VERSION, tmp_path / "dist")
    assert made.archive == tmp_path / "dist" / ZIP
    with zipfile.ZipFile(made.archive) as archive:
        names = archive.namelist()
        assert names == sorted(names) == made.members
        for expected in (
            "datapackage.json",
            "data/csv/events.csv",
            "data/csv/retired.csv",
            "data/json/events.json",
            "data/json/datapackage.json",
            "LICENSE",
            "README.md",
            "CITATION.cff",
            "SHA256SUMS",
            "data/sqlite/india-pakistan-relations.sqlite",
            "data/parquet/events.parquet",
            "data/parquet/retired.parquet",
        ):
            assert expected in names
        assert not any("/" in n and n.split("/")[0] not in ("data",) for n in names)
        assert "docs/DATA-README.md" not in names
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert (
            archive.read("data/csv/events.csv") == (ready.root / "data/csv/events.csv").read_bytes()
        )
        sums = archive.read("SHA256SUMS").decode().splitlines()
        assert len(sums) == len(names) - 1
        for line in sums:
            digest, path = line.split("  ")
            assert hashlib.sha256(archive.read(path)).hexdigest() == digest
    digest = hashlib.sha256(made.archive.read_bytes()).hexdigest()
    assert (tmp_path / "dist/SHA256SUMS").read_text() == f"{digest}  {ZIP}\n"


def test_zip_readme_is_the_data_readme(ready, tmp_path):
    made = release(ready, VERSION, tmp_path / "dist")
    with zipfile.ZipFile(made.archive) as archive:
        readme = archive.read("README.md").decode("utf-8")
    assert readme.startswith(f"# India–Pakistan relations {VERSION}\n")
    assert "{{" not in readme and "}}" not in readme
    for needed in (
        "## What is in it",
        "## How to load it",
        "## Licence",
        "## How to cite",
        "CC BY 4.0",
        f'indopak.load("{ZIP}")',
        f'Package("{ZIP}")',
        "frictionless[json",
        "- `events` (",
        "https://github.com/india-pakistan-relations/india-pakistan-relations",
    ):
        assert needed in readme, needed
    # the developer README's set-up commands mean nothing to someone who downloaded the data
    assert "make build" not in readme and ".venv/bin" not in readme


def test_codebook_goes_in_only_when_present(ready, tmp_path):
    (ready.root / "CODEBOOK.md").write_text("# Codebook\n")
    made = release(ready, VERSION, tmp_path / "dist")
    with zipfile.ZipFile(made.archive) as archive:
        assert archive.read("CODEBOOK.md") == b"# Codebook\n"
    (ready.root / "CODEBOOK.md").unlink()
    made = release(ready, VERSION, tmp_path / "dist")
    with zipfile.ZipFile(made.archive) as archive:
        assert "CODEBOOK.md" not in archive.namelist()
        assert "LICENSE" in archive.namelist()


def test_two_releases_are_byte_identical(ready, tmp_path):
    one = release(ready, VERSION, tmp_path / "dist-a").archive.read_bytes()
    two = release(ready, VERSION, tmp_path / "dist-b").archive.read_bytes()
    assert one == two


def test_indopak_load_reads_the_zip(ready, tmp_path):
    made = release(ready, VERSION, tmp_path / "dist")
    from_zip = load(made.archive)
    from_folder = load(ready.root)
    assert sorted(from_zip) == sorted(from_folder)
    for name in from_folder:
        pd.testing.assert_frame_equal(from_zip[name], from_folder[name])
    assert from_zip["events"].loc[0, "id"] == "2019-02-19-minister-calls-for-talks"


@pytest.mark.parametrize(
    ("version", "message"),
    [
        ("1.0", "not of the form MAJOR.MINOR.PATCH"),
        (f"v{VERSION}", "not of the form MAJOR.MINOR.PATCH"),
        ("999.0.0", f"schemas/package.yaml says {VERSION}"),
    ],
)
def test_wrong_versions_are_refused(ready, tmp_path, version, message):
    with pytest.raises(ReleaseError, match=message):
        release(ready, version, tmp_path / "dist")
    assert not (tmp_path / "dist").exists()


def test_citation_version_must_agree(ready, tmp_path):
    citation = ready.root / "CITATION.cff"
    citation.write_text(citation.read_text().replace(f"version: {VERSION}", "version: 0.0.9"))
    with pytest.raises(ReleaseError, match="CITATION.cff says 0.0.9"):
        release(ready, VERSION, tmp_path / "dist")


def test_missing_document_and_edited_table_are_refused(ready, tmp_path):
    (ready.root / "LICENSE").unlink()
    with pytest.raises(ReleaseError, match="LICENSE is missing"):
        release(ready, VERSION, tmp_path / "dist")
    shutil.copy(ROOT / "LICENSE", ready.root / "LICENSE")
    events = ready.root / "data/csv/events.csv"
    events.write_text(events.read_text().replace("Islamabad", "Karachi"))
    with pytest.raises(ReleaseError, match="events.csv differs from the hash"):
        release(ready, VERSION, tmp_path / "dist")


run = run_cli


def test_command_exit_codes(ready):
    done = run(ready.root, "release", VERSION)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(ready.root / "dist" / ZIP)
    wrong = run(ready.root, "release", "9.9.9", "--no-check")
    assert wrong.returncode == 2
    assert wrong.stderr.count("\n") == 1 and "Traceback" not in wrong.stderr
    issue = ready.root / "data/records/issues/bilateral-dialogue-resumption.yaml"
    issue.write_text(issue.read_text().replace("resume talks", "meet again"))
    stale = run(ready.root, "release", VERSION)
    assert stale.returncode == 1
    assert "out of date" in stale.stderr


def test_citation_cff_describes_the_dataset():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    assert citation["type"] == "dataset"
    assert citation["version"] == VERSION
    assert citation["license"] == "CC-BY-4.0"
    assert citation["message"] and citation["title"] and citation["authors"]
    meta = yaml.safe_load((ROOT / "schemas/package.yaml").read_text(encoding="utf-8"))
    assert citation["repository-code"] == citation["url"] == meta["homepage"]
    assert citation["date-released"]
