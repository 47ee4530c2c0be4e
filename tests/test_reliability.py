"""Nothing escapes, nothing corrupts: hostile and unlucky input around validate and build.

Each test plants what a hostile contribution or an unlucky machine could leave in a
checkout (a journal, links, pipes, a damaged cache, a crash, a second build, a permission
change) and checks that the commands report it as a located finding, write nothing outside
the published files, and leave the published package whole.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, make_repo, run_cli
from indopak.io.errors import BuildLocked, Finding, render
from indopak.publish import build as build_module
from indopak.publish.build import build, frictionless_findings, interrupted, recover
from indopak.schema.project import Project
from indopak.schema.state import cache_dir, state_dir
from indopak.validation.validate import validate
from test_build import outputs

ISSUE = "data/records/issues/bilateral-dialogue-resumption.yaml"
SOURCE = "data/records/sources/test-wire-2019-02-21-follow-up.yaml"


def rules_at(findings: list[Finding]) -> set[tuple[str, str]]:
    return {(f.path, f.rule) for f in findings}


def tree_snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every file of the tree with its size and modification time (links not followed)."""
    found = {}
    for folder, _dirs, names in os.walk(root):
        for name in names:
            path = Path(folder, name)
            status = path.lstat()
            found[path.relative_to(root).as_posix()] = (status.st_size, status.st_mtime_ns)
    return found


def edit_issue(repo: Path, old: str = "resume talks", new: str = "hold talks again") -> None:
    path = repo / ISSUE
    path.write_text(path.read_text().replace(old, new))


# --- 1. the publish journal is never taken from the tree --------------------------------


def plant_journal(repo: Path, victim: Path) -> None:
    journal = repo / ".publish-journal"
    (journal / "old" / ".git" / "hooks").mkdir(parents=True)
    (journal / "old" / ".git" / "hooks" / "post-checkout").write_text("#!/bin/sh\necho owned\n")
    (journal / "created.json").write_text(json.dumps([str(victim), "../outside.txt"]))
    (journal / "PUBLISHING").write_text("publishing\n")


@pytest.mark.parametrize("check", [False, True])
def test_a_journal_planted_in_the_tree_is_ignored(tmp_path, check):
    repo = make_repo(tmp_path / "repo")
    build(Project(repo))
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    (tmp_path / "outside.txt").write_text("keep me too\n")
    plant_journal(repo, victim)
    edit_issue(repo)
    build(Project(repo), check=check)
    assert victim.read_text() == "keep me\n"
    assert (tmp_path / "outside.txt").exists()
    assert not (repo / ".git").exists()  # no hook was installed
    assert (repo / ".publish-journal" / "PUBLISHING").exists()  # not ours: left alone


def test_build_check_writes_nothing_at_all(tmp_path):
    repo = make_repo(tmp_path / "repo")
    build(Project(repo))
    edit_issue(repo)
    state = state_dir(Project(repo))
    shutil.rmtree(state, ignore_errors=True)
    before = tree_snapshot(repo)
    result = build(Project(repo), check=True)
    assert result.changed and not result.findings
    assert tree_snapshot(repo) == before
    assert not state.exists()


def test_a_journal_only_restores_published_paths(tmp_path):
    """Even the state folder's own journal is held to the published files."""
    repo = make_repo(tmp_path / "repo")
    build(Project(repo))
    journal = state_dir(Project(repo)) / "publish-journal"
    (journal / "old" / "schemas").mkdir(parents=True)
    (journal / "old" / "schemas" / "lexicon.yaml").write_text("terms: []\n")
    (journal / "created.json").write_text(json.dumps(["README.md", "schemas/package.yaml"]))
    (journal / "PUBLISHING").write_text("publishing\n")
    before = tree_snapshot(repo)
    assert recover(Project(repo)) is True
    assert tree_snapshot(repo) == before


# --- 2. links, pipes, devices and folders ------------------------------------------------


def test_a_record_linked_to_a_file_outside_the_repository_is_not_read(tmp_path):
    repo = make_repo(tmp_path / "repo")
    outside = tmp_path / "elsewhere.yaml"
    shutil.copy(repo / "data/records/actors/india.yaml", outside)
    (repo / "data/records/actors/india.yaml").unlink()
    (repo / "data/records/actors/india.yaml").symlink_to(outside)
    findings = validate(Project(repo)).findings
    assert ("data/records/actors/india.yaml", "file-outside") in rules_at(findings)


def test_a_record_linked_to_a_device_is_refused_before_reading(tmp_path):
    repo = make_repo(tmp_path / "repo")
    (repo / "data/records/actors/zero.yaml").symlink_to("/dev/zero")
    done = run_cli(repo, "validate", "--no-cache")
    assert done.returncode == 1
    assert "data/records/actors/zero.yaml:1:1: file-outside:" in done.stdout


@pytest.mark.parametrize("where", ["data/records/actors/pipe.yaml", "seeds/pipe.txt"])
def test_a_named_pipe_never_hangs_validate_or_build(tmp_path, where):
    repo = make_repo(tmp_path / "repo")
    os.mkfifo(repo / where)
    if where.startswith("seeds/"):
        source = repo / "data/records/sources/seed-sample.yaml"
        text = source.read_text()
        seed = next(line for line in text.splitlines() if line.startswith("seed:"))
        source.write_text(text.replace(seed, f"seed: {where}"))
    for args in (("validate",), ("build",)):
        done = subprocess.run(
            [sys.executable, "-m", "indopak.cli", *args],
            cwd=repo,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 1, done.stderr
        rule = "file-special" if where.startswith("data/") else "seed-refused"
        assert f": {rule}:" in done.stdout


def test_a_seed_linked_outside_cannot_confirm_a_quote(tmp_path):
    repo = make_repo(tmp_path / "repo")
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    source = repo / "data/records/sources/seed-sample.yaml"
    seed = next(line for line in source.read_text().splitlines() if line.startswith("seed:"))
    target = repo / seed.split(":", 1)[1].strip()
    target.unlink()
    target.symlink_to(secret)
    findings = validate(Project(repo)).findings
    assert ("data/records/sources/seed-sample.yaml", "seed-refused") in rules_at(findings)


def test_a_linked_folder_and_a_hidden_file_are_reported(tmp_path):
    repo = make_repo(tmp_path / "repo")
    elsewhere = tmp_path / "more-actors"
    elsewhere.mkdir()
    shutil.copy(repo / "data/records/actors/india.yaml", elsewhere / "bharat.yaml")
    (repo / "data/records/actors/linked").symlink_to(elsewhere, target_is_directory=True)
    (repo / "data/records/actors/.draft.yaml").write_text("id: draft\n")
    found = rules_at(validate(Project(repo)).findings)
    assert ("data/records/actors/linked", "file-outside") in found
    assert ("data/records/actors/.draft.yaml", "file-hidden") in found
    inside = repo / "data/records/linked-inside"
    inside.symlink_to(repo / "data/records/actors", target_is_directory=True)
    found = rules_at(validate(Project(repo)).findings)
    assert ("data/records/linked-inside", "file-folder") in found


@pytest.mark.parametrize("output", ["data/json", "data/csv/issues.csv", "datapackage.json"])
def test_a_build_never_writes_through_a_linked_output(tmp_path, output):
    repo = make_repo(tmp_path / "repo")
    build(Project(repo))
    target = tmp_path / "target"
    original = repo / output
    if original.is_dir():
        shutil.copytree(original, target)
        shutil.rmtree(original)
    else:
        shutil.copy(original, target)
        original.unlink()
    original.symlink_to(target)
    before = tree_snapshot(tmp_path / "target") if target.is_dir() else target.read_bytes()
    edit_issue(repo)
    result = build(Project(repo))
    assert (output, "output-symlink") in rules_at(result.findings)
    after = tree_snapshot(tmp_path / "target") if target.is_dir() else target.read_bytes()
    assert after == before


# --- 3. output injection ------------------------------------------------------------------


def test_github_annotations_escape_every_property_and_the_message():
    forged = "x\n::warning file=README.md,line=1::forged.yaml"
    line = Finding(forged, 1, 2, "yaml-syntax", "bad: 100%\r\nnext").github()
    assert "\n" not in line and "\r" not in line
    assert line.startswith("::error file=x%0A%3A%3Awarning file=README.md%2Cline=1%3A%3Aforged")
    assert line.endswith("::bad: 100%25%0D%0Anext")


def test_text_output_shows_control_characters_escaped():
    finding = Finding("data/records/actors/a\x1b[2J.yaml", 1, 1, "id-mismatch", "id 'x\ny\u202e'")
    text = render([finding], "text")
    assert "\x1b" not in text and "\n" not in text and "\u202e" not in text
    assert "a\\x1b[2J.yaml" in text and "x\\ny\\u202e" in text
    assert "\\u202e" in render([finding], "json")


def test_a_record_file_named_to_forge_an_annotation_stays_one_line(tmp_path):
    repo = make_repo(tmp_path / "repo")
    name = "x\n::warning file=README.md,line=1::forged.yaml"
    (repo / "data/records/actors" / name).write_text("id: x\n")
    done = run_cli(repo, "validate", "--format", "github")
    lines = [line for line in done.stdout.splitlines() if "forged" in line]
    assert lines and all(line.startswith("::error file=data/records/actors/x%0A") for line in lines)
    assert not any(line.startswith("::warning") for line in done.stdout.splitlines())


# --- 5, 6. the cache -----------------------------------------------------------------------


def test_random_damage_to_any_cache_file_never_reaches_the_published_files(tmp_path):
    reference = make_repo(tmp_path / "reference")
    edit_issue(reference)
    build(Project(reference))
    expected = outputs(reference)
    repo = make_repo(tmp_path / "repo")
    project = Project(repo)
    rng = random.Random(15)
    trials = 0
    while trials < 40:
        build(project, use_cache=True)  # fills the cache
        cached = sorted(p for p in cache_dir(project).iterdir() if p.is_file())
        victim = cached[trials % len(cached)]  # every cache file in turn, at a random byte
        data = bytearray(victim.read_bytes())
        at = rng.randrange(len(data))
        data[at] = (data[at] + rng.randrange(1, 256)) % 256
        victim.write_bytes(bytes(data))
        edit_issue(repo)
        result = build(project, use_cache=True)
        assert not result.findings and outputs(repo) == expected, f"trial {trials}: {victim}"
        edit_issue(repo, "hold talks again", "resume talks")
        trials += 1


def test_an_edit_with_its_modification_time_put_back_is_seen(tmp_path):
    repo = make_repo(tmp_path / "repo")
    project = Project(repo)
    path = repo / ISSUE
    validate(project, use_cache=True)
    old = path.stat()
    time.sleep(0.01)
    text = path.read_text().replace("resume talks", "resume talks!")  # same length + 1
    path.write_text(text.replace("resume talks!", "RESUME-TALKS"))
    assert path.stat().st_size == old.st_size
    os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns))  # as cp -p or touch -r do
    report = validate(project, use_cache=True)
    assert report.reread >= 1
    build(project, use_cache=True)
    assert b"RESUME-TALKS" in (repo / "data/csv/issues.csv").read_bytes()


# --- 7. crashes and failing writes ----------------------------------------------------------


def test_validate_puts_back_a_half_published_package(tmp_path):
    repo = make_repo(tmp_path / "repo")
    build(Project(repo))
    before = outputs(repo)
    edit_issue(repo)
    killed = subprocess.run(
        [sys.executable, "-m", "indopak.cli", "build"],
        cwd=repo,
        env={**os.environ, "INDOPAK_FAULT_AFTER_WRITES": "1"},
        capture_output=True,
    )
    assert killed.returncode == 137
    assert interrupted(Project(repo))
    check = run_cli(repo, "build", "--check")
    assert check.returncode == 1 and "publish-interrupted" in check.stdout
    done = run_cli(repo, "validate")
    assert done.returncode == 0 and "interrupted build was undone" in done.stderr
    assert outputs(repo) == before
    assert frictionless_findings(repo, "datapackage.json") == []


def test_a_failing_write_restores_the_old_files_and_says_so(tmp_path, monkeypatch):
    repo = make_repo(tmp_path / "repo")
    build(Project(repo))
    before = outputs(repo)
    edit_issue(repo)
    real_replace = os.replace
    calls = {"n": 0}

    def failing_replace(src, dst, *args, **kwargs):
        if str(dst).startswith(str(repo / "data")) and ".restore" not in str(src):
            calls["n"] += 1
            if calls["n"] == 2:
                raise PermissionError(13, "Permission denied", str(dst))
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(build_module.os, "replace", failing_replace)
    result = build(Project(repo))
    assert [f.rule for f in result.findings] == ["publish-failed"]
    assert "nothing changed" in result.findings[0].message
    assert outputs(repo) == before
    assert not interrupted(Project(repo))


# --- 8. two builds at once ------------------------------------------------------------------


def test_a_second_build_while_one_runs_exits_2_and_touches_nothing(tmp_path):
    repo = make_repo(tmp_path / "repo")
    project = Project(repo)
    with build_module.build_lock(project):
        with pytest.raises(BuildLocked):
            build(project)
        done = run_cli(repo, "build")
        assert done.returncode == 2 and "another build is running" in done.stderr
        assert not (repo / "data/csv").exists()


# --- 9. permissions ---------------------------------------------------------------------------


def _run_unprivileged(repo: Path, *args: str) -> subprocess.CompletedProcess:
    """The command run without the power to read what file permissions forbid (root
    drops the capabilities that override them)."""
    prefix = []
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root and setpriv (util-linux) is missing to drop privileges")
        prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]
    return subprocess.run(
        [*prefix, sys.executable, "-m", "indopak.cli", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_unreadable_folder_and_file_are_findings_and_never_cached(tmp_path):
    repo = make_repo(tmp_path / "repo")
    assert _run_unprivileged(repo, "validate").returncode == 0
    folder = repo / "data/records/issues"
    record = repo / "data/records/actors/india.yaml"
    os.chmod(folder, 0o000)
    os.chmod(record, 0o000)
    done = _run_unprivileged(repo, "validate")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "data/records/issues:1:1: file-unreadable:" in done.stdout
    assert "data/records/actors/india.yaml:1:1: file-unreadable:" in done.stdout
    again = _run_unprivileged(repo, "validate")
    assert "data/records/actors/india.yaml:1:1: file-unreadable:" in again.stdout
    os.chmod(folder, 0o755)
    os.chmod(record, 0o644)
    for args in (("validate",), ("validate", "--no-cache")):
        fixed = _run_unprivileged(repo, *args)
        assert fixed.returncode == 0, fixed.stdout + fixed.stderr


# --- 17. load() names the file's line --------------------------------------------------------


def test_load_reports_the_line_of_the_file_even_after_a_cell_with_a_line_break(tmp_path):
    from indopak.loading.frames import LoadError, load

    repo = make_repo(tmp_path / "repo")
    build(Project(repo))
    events = repo / "data/csv/event_actors.csv"
    lines = events.read_text(encoding="utf-8").splitlines(keepends=True)
    # a quoted cell spanning two lines in the first data row, a dangling actor in the last
    first, last = lines[1].rstrip("\n").split(","), lines[-1].rstrip("\n").split(",")
    lines[1] = ",".join([f'"{first[0][:4]}\n{first[0][4:]}"', *first[1:]]) + "\n"
    lines[-1] = ",".join([last[0], "nobody", *last[2:]]) + "\n"
    text = "".join(lines)
    events.write_text(text, encoding="utf-8")
    expected = next(n for n, line in enumerate(text.splitlines(), 1) if ",nobody," in line)
    with pytest.raises(LoadError) as raised:
        load(repo, validate=True)
    assert f"event_actors: line {expected}: ['actor']=['nobody']" in str(raised.value)


# --- 4. URLs ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "accepted"),
    [
        ("https://user:pass@www.example.com/x", False),
        ("https://evil.example\\@good.example/", False),
        ("https://www.example.com/a b", False),
        ("javascript:alert(1)", False),
        ("HTTPS://EXAMPLE.COM/x", True),
        ("https://www.dawn.com/news/1464581", True),
    ],
)
def test_source_urls_are_plain_web_addresses(tmp_path, url, accepted):
    repo = make_repo(tmp_path / "repo")
    path = repo / SOURCE
    text = path.read_text()
    old = next(line for line in text.splitlines() if line.startswith("url:"))
    path.write_text(text.replace(old, f"url: {json.dumps(url)}"))
    found = rules_at(validate(Project(repo)).findings)
    assert ((SOURCE, "url-scheme") not in found) is accepted
    if accepted:
        assert build(Project(repo)).findings == []  # and the published package takes it


# --- 10, 11. what validate accepts, build accepts; what neither should accept --------------


def test_every_integer_field_of_the_record_schemas_has_a_64_bit_bound():
    schemas = Project(ROOT).record_schemas

    def integers(node, where=()):
        if isinstance(node, dict):
            if node.get("type") == "integer":
                yield where, node
            for key, value in node.items():
                if not key.startswith("x-"):  # annotations describe tables, not records
                    yield from integers(value, (*where, key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from integers(value, (*where, index))

    found = [(kind, where, node) for kind, s in schemas.items() for where, node in integers(s)]
    assert found
    for kind, where, node in found:
        assert node.get("maximum", 2**63) < 2**63, (kind, where)
        assert node.get("minimum", -(2**63) - 1) >= -(2**63), (kind, where)


@pytest.mark.parametrize("value", ['"2025-04-24\\n"', '"2019-02-19 "'])
def test_a_date_with_a_trailing_newline_or_blank_is_refused_by_validate(tmp_path, value):
    repo = make_repo(tmp_path / "repo")
    path = repo / "data/records/events/2019/2019-02-19-minister-calls-for-talks.yaml"
    text = path.read_text()
    path.write_text(text.replace('date: "2019-02-19"', f"date: {value}", 1))
    found = rules_at(validate(Project(repo)).findings)
    assert (path.relative_to(repo).as_posix(), "schema-pattern") in found


def test_ten_thousand_levels_of_flow_nesting_are_too_deep(tmp_path):
    repo = make_repo(tmp_path / "repo")
    deep = repo / "data/records/actors/deep.yaml"
    deep.write_text("id: deep\nname: " + "[" * 10_000 + "]" * 10_000 + "\n")
    found = rules_at(validate(Project(repo)).findings)
    assert ("data/records/actors/deep.yaml", "yaml-too-deep") in found


def test_a_conflicted_record_does_not_cascade_into_unknown_references(tmp_path):
    repo = make_repo(tmp_path / "repo")
    india = repo / "data/records/actors/india.yaml"
    text = india.read_text()
    india.write_text(
        text.replace(
            "name: India\n",
            "<<<<<<< HEAD\nname: India\n=======\nname: Republic of India\n>>>>>>> other\n",
        )
    )
    findings = validate(Project(repo)).findings
    assert {f.rule for f in findings} == {"yaml-merge-conflict"}


@pytest.mark.parametrize("target", ["/etc/passwd", "schemas", "../elsewhere.yaml"])
def test_validate_refuses_paths_outside_the_records_as_a_usage_error(tmp_path, target):
    repo = make_repo(tmp_path / "repo")
    (tmp_path / "elsewhere.yaml").write_text("id: x\n")
    done = run_cli(repo, "validate", target)
    assert done.returncode == 2 and "only files and folders under" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_tombstone_keeps_its_old_id_even_when_the_lexicon_now_refuses_the_word(tmp_path):
    """Ids are forever: once retired, an id holding a loaded word stays as history, and
    only a live record with such an id is refused."""
    repo = make_repo(tmp_path / "repo")
    old = repo / "data/records/actors/old-ministry-name.yaml"
    retired = repo / "data/records/actors/terrorist-ministry-name.yaml"
    retired.write_text(
        old.read_text().replace("id: old-ministry-name", "id: terrorist-ministry-name")
    )
    assert validate(Project(repo)).findings == []
    live = repo / "data/records/actors/terrorist-group-name.yaml"
    live.write_text(
        (repo / "data/records/actors/india.yaml")
        .read_text()
        .replace("id: india", "id: terrorist-group-name")
    )
    found = rules_at(validate(Project(repo)).findings)
    assert ("data/records/actors/terrorist-group-name.yaml", "lexicon-loaded-term") in found
