"""indopak stats on the small base dataset, whose counts are known by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import VERSION, make_repo
from indopak.cli import main
from indopak.publish.build import build
from indopak.schema.project import Project


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = make_repo(tmp_path_factory.mktemp("stats") / "repo")
    assert build(Project(root)).findings == []
    return root


def stats(root: Path, capsys, monkeypatch) -> list[str]:
    monkeypatch.chdir(root)
    assert main(["stats"]) == 0
    return capsys.readouterr().out.splitlines()


def test_counts_types_quotes_and_decades(built, capsys, monkeypatch):
    lines = stats(built, capsys, monkeypatch)
    assert lines[0] == f"package datapackage.json: india-pakistan-relations {VERSION}"
    # base fixture: 4 actors (plus one tombstone), 1 event, 2 sources, 2 treaty actions
    assert "  actors                    4" in lines
    assert "  events                    1" in lines
    assert "  retired                   1" in lines
    assert "  treaty_actions            2" in lines
    events_by_type = lines.index("events by event_type")
    assert lines[events_by_type + 1].split() == ["REQUEST", "1"]
    actors_by_kind = lines.index("actors by kind")
    assert [line.split() for line in lines[actors_by_kind + 1 : actors_by_kind + 4]] == [
        ["state", "2"],
        ["ministry", "1"],
        ["person", "1"],
    ]
    assert lines[lines.index("retired by kind") + 1].split() == ["actor", "1"]
    # every non-source record of the fixture has a citation with a quote: 4+1+1+1+1+1
    assert "  all            9/9     100.0%" in lines
    assert "  position       1/1     100.0%" in lines
    decades = lines.index("coverage by decade (first possible day)")
    assert lines[decades + 1].split() == ["decade", "events", "positions", "treaty_actions"]
    assert lines[decades + 2].split() == ["2010s", "1", "1", "2"]
    assert len(lines) == decades + 3


def test_share_of_positions_with_a_quote_follows_the_data(tmp_path, capsys, monkeypatch):
    root = make_repo(tmp_path / "repo")
    position = root / "data/records/positions/2019-02-19-pakistan-supports-dialogue.yaml"
    position.write_text(
        position.read_text().replace('quote: "Dialogue is the only way forward"\n', "")
    )
    assert build(Project(root)).findings == []
    lines = stats(root, capsys, monkeypatch)
    assert "  position       0/1       0.0%" in lines


def test_missing_package_is_a_usage_error(tmp_path, capsys):
    assert main(["stats", "--package", str(tmp_path / "nothing.zip")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("indopak: stats: cannot load") and err.count("\n") == 1
