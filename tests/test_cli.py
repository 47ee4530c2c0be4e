"""The indopak command as a contributor meets it: messages, formats and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli
from indopak.cli import main

EVENT = "data/records/events/2019/2019-02-19-minister-calls-for-talks.yaml"


run = run_cli


def break_event(repo: Path) -> None:
    path = repo / EVENT
    text = path.read_text().replace("summary:", "sumary:")
    path.write_text(text.replace("{actor: india,", "{actor: indai,"))


def test_clean_dataset_exits_zero(repo):
    result = run(repo, "validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "12 record file(s) checked: ok" in result.stderr


def test_each_mistake_is_one_located_line_and_exit_one(repo):
    break_event(repo)
    result = run(repo, "validate")
    assert result.returncode == 1
    # the schema mistakes and, in the same run, the reference mistake beside them
    assert result.stdout.splitlines() == [
        f"{EVENT}:1:1: schema-required: missing required field 'summary' in record",
        f"{EVENT}:4:1: schema-unknown-field: unknown field 'sumary'; did you mean 'summary'?",
        f"{EVENT}:10:6: ref-unknown: no actor with id 'indai'; did you mean 'india'?",
    ]
    assert "Traceback" not in result.stderr


def test_references_are_checked_when_the_schema_passes(repo):
    path = repo / EVENT
    path.write_text(path.read_text().replace("{actor: india,", "{actor: indai,"))
    result = run(repo, "validate", EVENT)
    assert result.returncode == 1
    assert result.stdout.strip() == (
        f"{EVENT}:10:6: ref-unknown: no actor with id 'indai'; did you mean 'india'?"
    )


def test_json_and_github_formats(repo):
    break_event(repo)
    as_json = json.loads(run(repo, "validate", "--format", "json").stdout)
    assert as_json[1] == {
        "path": EVENT,
        "line": 4,
        "col": 1,
        "rule": "schema-unknown-field",
        "message": "unknown field 'sumary'; did you mean 'summary'?",
    }
    github = run(repo, "validate", "--format", "github").stdout.splitlines()
    assert github[1] == (
        f"::error file={EVENT},line=4,col=1,title=schema-unknown-field::"
        "unknown field 'sumary'; did you mean 'summary'?"
    )


def test_paths_limit_the_report(repo):
    break_event(repo)
    result = run(repo, "validate", "data/records/actors")
    assert result.returncode == 0
    assert "5 record file(s) checked: ok" in result.stderr


def test_usage_errors_exit_two_without_traceback(repo, tmp_path):
    missing = run(repo, "validate", "no/such/file.yaml")
    assert missing.returncode == 2
    assert "no such file or folder: no/such/file.yaml" in missing.stderr
    outside = run(tmp_path, "validate")
    assert outside.returncode == 2
    assert "no dataset found" in outside.stderr
    bad_flag = run(repo, "validate", "--format", "xml")
    assert bad_flag.returncode == 2
    for result in (missing, outside, bad_flag):
        assert "Traceback" not in result.stderr


def test_zero_records_is_an_error(repo):
    for path in (repo / "data/records").rglob("*.yaml"):
        path.unlink()
    result = run(repo, "validate")
    assert result.returncode == 1
    assert "no record files were found" in result.stderr


def test_build_refuses_invalid_records_and_check_detects_staleness(repo):
    assert run(repo, "build").returncode == 0
    assert run(repo, "build", "--check").returncode == 0
    issue = repo / "data/records/issues/bilateral-dialogue-resumption.yaml"
    issue.write_text(issue.read_text().replace("resume talks", "meet again"))
    stale = run(repo, "build", "--check")
    assert stale.returncode == 1
    assert "data/csv/issues.csv: out of date" in stale.stdout
    break_event(repo)
    refused = run(repo, "build")
    assert refused.returncode == 1
    assert "nothing was written" in refused.stderr


@pytest.mark.parametrize("argv", [[], ["nonsense"]])
def test_bad_subcommands_exit_two(argv, capsys):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
