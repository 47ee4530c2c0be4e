"""A build killed at any point leaves the previously published package in place."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import make_repo
from indopak.publish.build import build, frictionless_findings, recover
from indopak.schema.project import Project
from indopak.schema.state import state_dir
from test_build import outputs

ISSUE = "data/records/issues/bilateral-dialogue-resumption.yaml"


def start_build(repo: Path, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "indopak.cli", "build"],
        cwd=repo,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def edit_record(repo: Path) -> None:
    path = repo / ISSUE
    path.write_text(path.read_text().replace("resume talks", "hold talks again"))


def test_death_at_each_file_replacement_is_rolled_back(tmp_path):
    repo = make_repo(tmp_path / "repo")
    build(Project(repo))
    before = outputs(repo)
    edit_record(repo)
    deaths = 0
    for fault in range(6):
        process = start_build(repo, INDOPAK_FAULT_AFTER_WRITES=str(fault))
        if process.wait() != 137:
            break  # fewer files change than `fault`: the build finished
        deaths += 1
        assert recover(Project(repo)) is True
        assert outputs(repo) == before
        assert frictionless_findings(repo, "datapackage.json") == []
    assert deaths >= 3  # the edit changes at least issues.csv, issues.json and a descriptor
    assert not (state_dir(Project(repo)) / "publish-journal").exists()


def test_killed_at_random_moments_the_package_is_old_or_new_never_mixed(tmp_path):
    repo, finished = make_repo(tmp_path / "repo"), make_repo(tmp_path / "finished")
    build(Project(repo))
    before = outputs(repo)
    edit_record(repo)
    edit_record(finished)
    build(Project(finished))
    after = outputs(finished)
    rng = random.Random(7)
    for _ in range(8):
        process = start_build(repo)
        time.sleep(rng.uniform(0.0, 1.5))
        process.send_signal(signal.SIGKILL)
        process.wait()
        recover(Project(repo))
        assert outputs(repo) in (before, after)
        if outputs(repo) == after:  # that run completed; publish the old state again
            path = repo / ISSUE
            path.write_text(path.read_text().replace("hold talks again", "resume talks"))
            build(Project(repo))
            edit_record(repo)
        assert frictionless_findings(repo, "datapackage.json") == []
