"""Every option of every command says what it does; --version; the release notes helper."""

from __future__ import annotations

import argparse

import pytest

from conftest import ROOT, VERSION, run_cli
from indopak import __version__
from indopak.cli import main, parser
from indopak.publish.changelog import notes


def subcommands() -> dict[str, argparse.ArgumentParser]:
    top = parser()
    found = next(a for a in top._actions if isinstance(a, argparse._SubParsersAction))
    return dict(found.choices)


def test_every_option_of_every_command_has_help():
    missing = [
        f"{name} {action.option_strings or action.dest}"
        for name, sub in {"indopak": parser(), **subcommands()}.items()
        for action in sub._actions
        if not action.help and not isinstance(action, argparse._SubParsersAction)
    ]
    assert missing == []
    listed = parser().format_help()
    for name in subcommands():
        assert name in listed


def test_version_names_the_tool_and_the_data(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"indopak {__version__} (data {VERSION})\n"


def test_version_outside_a_checkout(tmp_path):
    done = run_cli(tmp_path, "--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"indopak {__version__} (data not in a checkout)"


CHANGELOG = """# Changelog

Intro.

## 0.2.0

Hand-written notes.

<!-- data-changes 0.2.0 begin: written by `indopak diff --changelog`; x -->
### Data changes

2 added.
<!-- data-changes 0.2.0 end -->

## 0.1.0

First.
"""


def test_notes_are_the_version_section_without_heading_or_markers():
    assert notes(CHANGELOG, "0.2.0") == ("Hand-written notes.\n\n### Data changes\n\n2 added.\n")
    assert notes(CHANGELOG, "0.1.0") == "First.\n"
    assert notes(CHANGELOG, "0.1") is None


def test_notes_command(tmp_path, monkeypatch, capsys):
    (tmp_path / "CHANGELOG.md").write_text(CHANGELOG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["notes", "v0.2.0"]) == 0
    assert capsys.readouterr().out.startswith("Hand-written notes.\n")
    assert main(["notes", "9.9.9"]) == 2
    assert capsys.readouterr().err == "indopak: notes: CHANGELOG.md has no section '## 9.9.9'\n"
    assert main(["notes", "0.1.0", "--changelog", str(ROOT / "CHANGELOG.md")]) == 0
    assert "### Data changes" in capsys.readouterr().out
