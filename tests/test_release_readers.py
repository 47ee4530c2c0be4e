"""A release zip is the data package itself: frictionless, pandas and indopak.load read it
as it is, and `frictionless validate` on the zip checks the tables, so a corrupted cell fails."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from conftest import VERSION, make_repo
from indopak import load
from indopak.publish.release import release
from test_release import releasable

FRICTIONLESS = str(Path(sys.executable).with_name("frictionless"))


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("readers")
    project = releasable(make_repo(root / "repo"))
    return release(project, VERSION, root / "dist").archive


def validate(path: Path) -> dict:
    done = subprocess.run(
        [FRICTIONLESS, "validate", "--json", str(path)], capture_output=True, text=True
    )
    report = json.loads(done.stdout)
    assert (done.returncode == 0) == report["valid"], done.stderr
    return report


def rewritten(archive: Path, target: Path, change) -> Path:
    """A copy of the zip in which `change(name, bytes)` may replace any entry's content."""
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            out.writestr(info, change(info.filename, source.read(info.filename)))
    return target


def test_frictionless_validate_checks_every_table_of_the_zip(archive):
    report = validate(archive)
    assert report["valid"]
    checked = {task["name"] for task in report["tasks"]}
    descriptor = json.loads(zipfile.ZipFile(archive).read("datapackage.json"))
    assert checked == {r["name"] for r in descriptor["resources"]}
    assert descriptor["id"] == descriptor["homepage"]
    assert all(task["type"] == "table" for task in report["tasks"])


def test_frictionless_package_reads_the_zip(archive):
    from frictionless import Package

    package = Package(str(archive))
    assert package.name == "india-pakistan-relations"
    assert (
        package.homepage == "https://github.com/india-pakistan-relations/india-pakistan-relations"
    )
    events = package.get_resource("events").to_pandas().reset_index()
    assert "2019-02-19-minister-calls-for-talks" in set(events["id"])


def test_pandas_and_indopak_read_the_zip(archive):
    with zipfile.ZipFile(archive) as z:
        events = pd.read_csv(
            z.open("data/csv/events.csv"), dtype=str, keep_default_na=False, na_values=[""]
        )
    tables = load(archive)
    assert list(tables["events"]["id"]) == list(events["id"])
    assert str(tables["events"].dtypes["date_first"]).startswith("datetime64")


def test_a_corrupted_cell_makes_frictionless_validate_fail(archive, tmp_path):
    def corrupt(name: str, content: bytes) -> bytes:
        if name == "data/csv/events.csv":
            lines = content.decode("utf-8").split("\n")
            header = lines[0].split(",")
            cells = lines[1].split(",")
            assert cells[header.index("date_first")] == "2019-02-19"
            cells[header.index("date_first")] = "2019-02-30"
            lines[1] = ",".join(cells)
            return "\n".join(lines).encode("utf-8")
        return content

    # As it arrives corrupted: the cell and the file's hash are both wrong.
    report = validate(rewritten(archive, tmp_path / "bad.zip", corrupt))
    assert not report["valid"]
    events = next(t for t in report["tasks"] if t["name"] == "events")
    assert not events["valid"]

    # Even with the descriptor's hash and size made to fit, the cell itself is caught.
    bad = corrupt("data/csv/events.csv", zipfile.ZipFile(archive).read("data/csv/events.csv"))

    def refit(name: str, content: bytes) -> bytes:
        if name == "data/csv/events.csv":
            return bad
        if name == "datapackage.json":
            descriptor = json.loads(content)
            for resource in descriptor["resources"]:
                if resource["name"] == "events":
                    resource["bytes"] = len(bad)
                    resource["hash"] = "sha256:" + hashlib.sha256(bad).hexdigest()
            return json.dumps(descriptor).encode("utf-8")
        return content

    report = validate(rewritten(archive, tmp_path / "refit.zip", refit))
    assert not report["valid"]
    events = next(t for t in report["tasks"] if t["name"] == "events")
    assert [(e["type"], e["rowNumber"], e["fieldName"]) for e in events["errors"]] == [
        ("type-error", 2, "date_first")
    ]


def test_the_unzipped_release_is_the_same_package(archive, tmp_path):
    with zipfile.ZipFile(archive) as z:
        z.extractall(tmp_path / "unzipped")
    assert validate(tmp_path / "unzipped" / "datapackage.json")["valid"]
    done = subprocess.run(
        ["sha256sum", "--quiet", "-c", "SHA256SUMS"],
        cwd=tmp_path / "unzipped",
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    shutil.rmtree(tmp_path / "unzipped")


def test_the_data_readme_examples_run_on_the_zip(archive, monkeypatch):
    readme = zipfile.ZipFile(archive).read("README.md").decode("utf-8")
    section = readme.split("## How to load it", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.DOTALL)
    assert len(blocks) == 3
    monkeypatch.chdir(archive.parent)
    for block in blocks:
        namespace: dict = {}
        exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102
        events = namespace["events"] if "events" in namespace else namespace["tables"]["events"]
        assert "2019-02-19-minister-calls-for-talks" in set(events["id"])
