"""Shared fixtures: throw-away copies of a small valid dataset that tests may break."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml

# Tools keep their state (cache, publish journal, lock) outside the working tree; the test
# repositories have no git folder, so point that state at one throw-away folder.
os.environ.setdefault("INDOPAK_STATE_DIR", tempfile.mkdtemp(prefix="indopak-state-"))

from indopak.schema.project import Project

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The data version under test: tests read it here, so raising it breaks none of them.
VERSION = str(yaml.safe_load((ROOT / "schemas" / "package.yaml").read_text())["version"])

# The actors the seed article names (issue 2's first data, and what extract must find).
SEED_ACTORS = (
    "india",
    "pakistan",
    "jaish-e-mohammed",
    "central-reserve-police-force",
    "shah-mahmood-qureshi",
    "antonio-guterres",
    "nawaz-sharif",
    "united-states",
    "united-nations",
    "un-security-council",
    "un-general-assembly",
)


def make_repo(target: Path) -> Path:
    """A dataset checkout in `target`: the real schemas with the small base records."""
    shutil.copytree(ROOT / "schemas", target / "schemas")
    shutil.copytree(FIXTURES / "base", target, dirs_exist_ok=True)
    return target


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo")


@pytest.fixture
def project(repo: Path) -> Project:
    return Project(repo)


def run_cli(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """`indopak ARGS` in a fresh interpreter inside `cwd`, as a contributor runs it."""
    return subprocess.run(
        [sys.executable, "-m", "indopak.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": ""},
    )
