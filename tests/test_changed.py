"""validate --changed: the changed records and every record that refers to them."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from indopak.schema.project import Project
from indopak.validation.changes import GitError, changes_since
from indopak.validation.validate import validate

EVENT = "data/records/events/2019/2019-02-19-minister-calls-for-talks.yaml"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def committed(repo: Path) -> Path:
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    return repo


def test_unchanged_tree_has_nothing_to_check(committed):
    project = Project(committed)
    report = validate(project, changed=changes_since(project, "HEAD"))
    assert report.checked == 0 and report.findings == []


def test_renaming_an_actor_reports_every_record_still_using_the_old_id(committed):
    old = committed / "data/records/actors/india.yaml"
    new = committed / "data/records/actors/republic-of-india.yaml"
    new.write_text(old.read_text().replace("id: india", "id: republic-of-india"))
    old.unlink()
    project = Project(committed)
    changed = validate(project, changed=changes_since(project, "HEAD"))
    full = validate(project)
    # every problem of this change, and no other; the renamed id is lost without a tombstone
    deleted = [f for f in changed.findings if f.rule == "id-deleted"]
    assert [f for f in changed.findings if f not in deleted] == full.findings
    assert {(f.path, f.rule) for f in changed.findings} == {
        (EVENT, "ref-unknown"),
        ("data/records/treaties/sample-accord-2019.yaml", "ref-unknown"),
        ("data/records/actors/india.yaml", "id-deleted"),
    }
    assert changed.checked == 3  # the new file and the two records that refer to india


def test_an_edit_elsewhere_is_not_reported(committed):
    issue = committed / "data/records/issues/bilateral-dialogue-resumption.yaml"
    issue.write_text(issue.read_text() + "sumary: typo\n")
    event = committed / EVENT
    event.write_text(event.read_text().replace("title:", "title: Renamed"))
    project = Project(committed)
    git(committed, "add", "-A")
    git(committed, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "x")
    event.write_text(event.read_text().replace("event_type: REQUEST", "event_type: REQUESTT"))
    report = validate(project, changed=changes_since(project, "HEAD"))
    assert [(f.path, f.rule) for f in report.findings] == [(EVENT, "vocab-unknown-code")]
    assert {f.path for f in validate(project).findings} == {
        EVENT,
        "data/records/issues/bilateral-dialogue-resumption.yaml",
    }


def test_unknown_ref_is_a_usage_error(committed):
    with pytest.raises(GitError):
        changes_since(Project(committed), "no-such-branch")


def test_a_deleted_record_is_reported_and_a_tombstone_is_not(committed):
    issue = committed / "data/records/issues/bilateral-dialogue-resumption.yaml"
    issue.unlink()
    project = Project(committed)
    report = validate(project, changed=changes_since(project, "HEAD"))
    lost = [(f.path, f.line, f.rule) for f in report.findings if f.rule == "id-deleted"]
    assert lost == [("data/records/issues/bilateral-dialogue-resumption.yaml", 1, "id-deleted")]
    assert "issue bilateral-dialogue-resumption was deleted" in report.findings[0].message
    issue.write_text(
        "id: bilateral-dialogue-resumption\nretired:\n  date: '2019-03-01'\n"
        "  reason: Merged into a broader issue.\n"
    )
    report = validate(project, changed=changes_since(project, "HEAD"))
    assert not [f for f in report.findings if f.rule == "id-deleted"]
