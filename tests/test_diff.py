"""indopak diff: added, changed and retired records, broken id promises, and the changelog."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, VERSION, make_repo, run_cli
from indopak.publish.build import build
from indopak.publish.changelog import BEGIN, END, update
from indopak.publish.changelog import write as write_changelog
from indopak.publish.diff import compare, flatten, render_text
from indopak.publish.snapshot import SnapshotError, open_snapshot
from indopak.schema.project import Project

EVENT = "data/records/events/2019/2019-02-19-minister-calls-for-talks.yaml"
ISSUE = "data/records/issues/bilateral-dialogue-resumption.yaml"
NEW_ISSUE = """id: kashmir-talks
name: Talks on Kashmir
description: Whether India and Pakistan should talk about Kashmir.
citations:
  - source: seed-sample
    quote: "both countries should return to talks"
"""
TOMBSTONE = """id: kashmir-talks
retired:
  date: "2026-01-20"
  reason: duplicate of bilateral-dialogue-resumption
  replaced_by: bilateral-dialogue-resumption
"""


def built(root: Path) -> Path:
    result = build(Project(root))
    assert result.findings == [], result.findings
    return root


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


@pytest.fixture(scope="module")
def versions(tmp_path_factory) -> dict[str, Path]:
    """a: the base; b: one record added, two changed; c: b with the new record retired.

    Built once for the module (a build takes seconds): tests that change one copy it first.
    """
    tmp_path = tmp_path_factory.mktemp("versions")
    a = built(make_repo(tmp_path / "a"))
    b = tmp_path / "b"
    shutil.copytree(a, b)
    edit(b, ISSUE, "resume talks", "meet again")
    edit(b, EVENT, "place: Islamabad", "place: Rawalpindi")
    (b / "data/records/issues/kashmir-talks.yaml").write_text(NEW_ISSUE)
    built(b)
    c = tmp_path / "c"
    shutil.copytree(b, c)
    (c / "data/records/issues/kashmir-talks.yaml").write_text(TOMBSTONE)
    built(c)
    return {"a": a, "b": b, "c": c}


def snap(path: Path):
    return open_snapshot(str(path), path)


def test_added_and_changed_field_by_field(versions):
    diff = compare(snap(versions["a"]), snap(versions["b"]))
    assert diff.errors == []
    assert diff.added == [("issue", "kashmir-talks")]
    assert diff.retired == []
    assert sorted(diff.changed) == [
        ("event", "2019-02-19-minister-calls-for-talks"),
        ("issue", "bilateral-dialogue-resumption"),
    ]
    place = diff.changed[("event", "2019-02-19-minister-calls-for-talks")]
    assert [(c.path, c.old, c.new) for c in place] == [
        ("location.place", "Islamabad", "Rawalpindi")
    ]
    issue = diff.changed[("issue", "bilateral-dialogue-resumption")]
    assert [(c.path, c.old, c.new) for c in issue] == [
        (
            "description",
            "Whether India and Pakistan should resume talks.",
            "Whether India and Pakistan should meet again.",
        )
    ]
    text = render_text(diff)
    assert "  issue kashmir-talks: Talks on Kashmir" in text
    assert '    location.place: "Islamabad" -> "Rawalpindi"' in text


def test_retired_records_come_from_the_tombstones(versions):
    diff = compare(snap(versions["b"]), snap(versions["c"]))
    assert diff.errors == [] and diff.added == [] and diff.changed == {}
    assert diff.retired == [("issue", "kashmir-talks")]
    assert (
        "  issue kashmir-talks (2026-01-20: duplicate of bilateral-dialogue-resumption; "
        "replaced by bilateral-dialogue-resumption)"
    ) in render_text(diff)


def test_a_retired_id_used_again_is_an_error(versions, tmp_path):
    d = tmp_path / "d"
    shutil.copytree(versions["c"], d)
    (d / "data/records/issues/kashmir-talks.yaml").write_text(
        NEW_ISSUE.replace("Talks on Kashmir", "Kashmir water talks")
    )
    built(d)
    diff = compare(snap(versions["c"]), snap(d))
    assert len(diff.errors) == 1
    assert diff.errors[0].startswith("issue kashmir-talks was retired in ")
    assert "a retired id never comes back" in diff.errors[0]


def test_removals_without_tombstones_are_errors(versions):
    lost = compare(snap(versions["b"]), snap(versions["a"]))
    assert any("issue kashmir-talks disappeared" in e for e in lost.errors)
    dropped = compare(snap(versions["c"]), snap(versions["a"]))
    assert any("kashmir-talks: its tombstone is missing" in e for e in dropped.errors)


def test_same_package_as_folder_descriptor_and_from_empty(versions):
    a = versions["a"]
    same = compare(snap(a), open_snapshot(str(a / "datapackage.json"), a))
    assert (same.added, same.changed, same.retired, same.errors) == ([], {}, [], [])
    first = compare(open_snapshot("none", a), snap(a))
    # the base fixture: 11 records and one tombstone (actor old-ministry-name)
    assert len(first.added) == 11
    assert first.retired == [("actor", "old-ministry-name")]


def test_flatten_names_list_items_by_id():
    record = {
        "id": "t",
        "status_history": [{"id": "signed", "date": "1960"}],
        "actors": [{"actor": "india"}],
        "location": {"lat": 1.5},
    }
    assert flatten(record) == {
        "actors[0].actor": "india",
        "id": "t",
        "location.lat": 1.5,
        "status_history[signed].date": "1960",
        "status_history[signed].id": "signed",
    }


def test_unreadable_inputs_raise_one_line_errors(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(SnapshotError, match="no-such-thing: no such file, folder or git ref"):
        open_snapshot("no-such-thing", tmp_path)
    with pytest.raises(SnapshotError, match="not a readable data package"):
        open_snapshot(str(tmp_path / "notes.txt"), tmp_path)
    with pytest.raises(SnapshotError, match="not a readable data package"):
        open_snapshot(str(tmp_path), tmp_path)


CHANGELOG = """# Changelog

Hand-written introduction.

## 0.1.0

Hand-written notes about 0.1.0.
"""


def test_changelog_block_is_inserted_replaced_and_the_rest_kept(versions, tmp_path):
    diff = compare(snap(versions["a"]), snap(versions["b"]))
    path = tmp_path / "CHANGELOG.md"
    path.write_text(CHANGELOG)
    write_changelog(path, diff, "0.2.0")
    text = path.read_text()
    begin, end = BEGIN.format(version="0.2.0"), END.format(version="0.2.0")
    assert text.startswith("# Changelog\n\nHand-written introduction.\n\n## 0.2.0\n\n" + begin)
    assert text.endswith(end + "\n\n" + CHANGELOG[CHANGELOG.index("## 0.1.0") :])
    block = text[text.index(begin) : text.index(end)]
    assert "- issue `kashmir-talks`: Talks on Kashmir" in block
    assert "- event `2019-02-19-minister-calls-for-talks`: `location.place`" in block
    write_changelog(path, diff, "0.2.0")
    assert path.read_text() == text  # idempotent
    later = compare(snap(versions["b"]), snap(versions["c"]))
    write_changelog(path, later, "0.2.0")
    rewritten = path.read_text()
    assert rewritten.count(begin) == 1 and "Retired:" in rewritten
    assert "Talks on Kashmir" not in rewritten.split(end)[0].split(begin)[1]


def test_changelog_block_goes_under_an_existing_heading():
    text = update(CHANGELOG, "0.1.0", "BODY")
    begin, end = BEGIN.format(version="0.1.0"), END.format(version="0.1.0")
    assert text == CHANGELOG + f"\n{begin}\nBODY\n{end}\n"
    later = update("## 0.2.0\n\nNew.\n\n## 0.1.0\n\nOld.\n", "0.2.0", "BODY")
    assert (
        later == f"## 0.2.0\n\nNew.\n\n{BEGIN.format(version='0.2.0')}\nBODY\n"
        f"{END.format(version='0.2.0')}\n\n## 0.1.0\n\nOld.\n"
    )


def test_repository_changelog_has_a_data_block_for_0_1_0():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## 0.1.0" in text
    assert BEGIN.format(version="0.1.0") in text and END.format(version="0.1.0") in text


run = run_cli


def test_command_exit_codes(versions, tmp_path):
    a, b, c = versions["a"], versions["b"], versions["c"]
    ok = run(a, "diff", str(a), str(b))
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.splitlines()[0].endswith("1 added, 2 changed, 0 retired")
    broken = run(a, "diff", str(c), str(a))
    assert broken.returncode == 1
    assert "error: issue kashmir-talks: its tombstone is missing" in broken.stdout
    missing = run(a, "diff", "nowhere", str(a))
    assert missing.returncode == 2
    assert missing.stderr == "indopak: nowhere: no such file, folder or git ref\n"


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_refs_are_read_from_the_committed_package(versions, tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(versions["a"], repo)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "base"]):
        subprocess.run(["git", *args], cwd=repo, check=True, env=env, capture_output=True)
    edit(repo, ISSUE, "resume talks", "meet again")
    built(repo)
    done = run(repo, "diff", "HEAD", "datapackage.json")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"HEAD ({VERSION}) -> datapackage.json ({VERSION}): 0 added, 1 changed, 0 retired",
        "changed",
        "  issue bilateral-dialogue-resumption",
        '    description: "Whether India and Pakistan should resume talks." -> '
        '"Whether India and Pakistan should meet again."',
    ]
    unknown = run(repo, "diff", "no-such-branch", "HEAD")
    assert unknown.returncode == 2
    assert unknown.stderr == "indopak: no-such-branch: no such file, folder or git ref\n"
