"""Two contributions that each add a record and run `indopak build` merge without conflict:
the merge driver declared in .gitattributes keeps our side of each generated file and the
hooks in .githooks rebuild them from the merged records before the merge is committed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, make_repo
from indopak import load

SETUP = (".gitattributes", ".gitconfig", ".githooks", ".gitignore")


def source(ident: str, title: str) -> str:
    return (
        f"id: {ident}\nkind: news\ntitle: {title}\npublisher: Test Wire\n"
        "publisher_country: XIN\norigin: wire\n"
        f'date: "2019-02-22"\nurl: https://news.example.org/{ident}\n'
        'accessed: "2026-11-01"\nlanguage: en\n'
    )


def git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        # the hooks find `indopak` on PATH, as in a clone where it is installed
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "PYTHONPATH": "",
    }
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, env=env)
    if check:
        assert done.returncode == 0, f"git {' '.join(args)}\n{done.stdout}\n{done.stderr}"
    return done


def indopak(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "indopak.cli", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": ""},
    )


@pytest.fixture(scope="module")
def branches(tmp_path_factory) -> Path:
    """A repository whose main has the base records, and branches a and b that each add one
    source and ran build. Kept as a template the tests copy."""
    root = make_repo(tmp_path_factory.mktemp("merge") / "repo")
    for name in SETUP:
        path = ROOT / name
        (shutil.copytree if path.is_dir() else shutil.copy)(path, root / name)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Test")
    git(root, "config", "user.email", "test@example.org")
    assert indopak(root, "build").returncode == 0
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    for branch, ident in (
        ("a", "test-wire-2019-02-22-first"),
        ("b", "test-wire-2019-02-22-second"),
    ):
        git(root, "checkout", "-q", "-b", branch, "main")
        (root / f"data/records/sources/{ident}.yaml").write_text(source(ident, f"Report {branch}"))
        assert indopak(root, "build").returncode == 0
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", f"add source {ident}")
    git(root, "checkout", "-q", "main")
    git(root, "merge", "-q", "a")  # a fast-forward
    return root


@pytest.fixture
def repo(branches, tmp_path) -> Path:
    return Path(shutil.copytree(branches, tmp_path / "repo", symlinks=True))


def test_without_the_setup_the_generated_files_conflict(repo):
    merged = git(repo, "merge", "b", "-m", "merge b", check=False)
    assert merged.returncode != 0
    conflicted = git(repo, "diff", "--name-only", "--diff-filter=U").stdout.split()
    assert "data/csv/sources.csv" in conflicted and "datapackage.json" in conflicted
    assert not any(name.startswith("data/records/") for name in conflicted)


def test_with_the_one_line_setup_the_merge_is_clean_and_the_package_valid(repo):
    git(repo, "config", "include.path", "../.gitconfig")
    merged = git(repo, "merge", "b", "-m", "merge b")
    assert "CONFLICT" not in merged.stdout + merged.stderr
    assert git(repo, "status", "--porcelain").stdout == "", merged.stderr
    assert len(git(repo, "log", "-1", "--format=%P").stdout.split()) == 2  # a merge commit
    sources = (repo / "data/csv/sources.csv").read_text(encoding="utf-8")
    assert "test-wire-2019-02-22-first" in sources and "test-wire-2019-02-22-second" in sources
    assert "<<<<<<<" not in sources
    check = indopak(repo, "build", "--check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert {"test-wire-2019-02-22-first", "test-wire-2019-02-22-second"} <= set(
        load(repo)["sources"]["id"]
    )
    frictionless = Path(sys.executable).with_name("frictionless")
    valid = subprocess.run([frictionless, "validate", "datapackage.json"], cwd=repo)
    assert valid.returncode == 0


def test_a_merge_of_invalid_records_is_stopped_with_a_message(repo):
    git(repo, "config", "include.path", "../.gitconfig")
    git(repo, "checkout", "-q", "b")
    # b's source reuses a's id under another file name: each branch alone is fine
    path = repo / "data/records/sources/test-wire-2019-02-22-second.yaml"
    path.write_text(
        path.read_text().replace("publisher: Test Wire", "publisher: Test Wire\nlanguage_x: 1")
    )
    git(repo, "commit", "-q", "-am", "break b", "--no-verify")
    git(repo, "checkout", "-q", "main")
    merged = git(repo, "merge", "b", "-m", "merge b", check=False)
    assert merged.returncode != 0
    assert "the merged records do not validate" in merged.stderr
    assert git(repo, "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False).returncode == 0


def test_after_a_conflict_in_a_record_the_commit_rebuilds_the_package(repo):
    git(repo, "config", "include.path", "../.gitconfig")
    issue = "data/records/issues/bilateral-dialogue-resumption.yaml"
    original = (repo / issue).read_text()
    for branch, words in (("c", "hold talks"), ("d", "meet and talk")):
        git(repo, "checkout", "-q", "-b", branch, "main")
        (repo / issue).write_text(original.replace("resume talks", words))
        assert indopak(repo, "build").returncode == 0
        git(repo, "commit", "-q", "-am", f"reword on {branch}")
    git(repo, "checkout", "-q", "c")
    merged = git(repo, "merge", "d", "-m", "merge d", check=False)
    assert merged.returncode != 0
    conflicted = git(repo, "diff", "--name-only", "--diff-filter=U").stdout.split()
    assert conflicted == [issue]  # the generated files were resolved by the driver
    git(repo, "checkout", "--theirs", "--", issue)
    git(repo, "add", issue)
    git(repo, "commit", "-q", "--no-edit")  # pre-commit rebuilds from the resolved record
    assert git(repo, "status", "--porcelain").stdout == ""
    check = indopak(repo, "build", "--check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "meet and talk" in (repo / "data/csv/issues.csv").read_text(encoding="utf-8")
