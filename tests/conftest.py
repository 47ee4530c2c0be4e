"""Shared fixtures: throw-away copies of a small valid dataset that tests may break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indopak.project import Project

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


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
