"""METHODS.md: its figures come from the package, and the page in the repository is current."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, make_repo
from indopak.cli import main
from indopak.loading.frames import load
from indopak.publish.build import build
from indopak.publish.methods import BEGIN, END, MissingBlock, blocks, modes_per_type, update
from indopak.schema.project import Project


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = make_repo(tmp_path_factory.mktemp("methods") / "repo")
    assert build(Project(root)).findings == []
    return root


@pytest.fixture(scope="module")
def figures(built) -> dict[str, str]:
    project = Project(built)
    tables = load(built / "datapackage.json")
    return blocks(tables, project.policy.pending, modes_per_type(project.vocabularies))


def rows(markdown: str) -> list[list[str]]:
    """The cells of a markdown table, header and separator left out."""
    lines = [line for line in markdown.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:]]


def page(names) -> str:
    body = "\n\n".join(f"{BEGIN.format(name=n)}\n{END.format(name=n)}" for n in names)
    return f"# Methods\n\nWritten by hand.\n\n{body}\n\nAlso by hand.\n"


# The base fixture, counted by hand: 4 actors (one person with one dated office) and a
# tombstone, 1 event (REQUEST, mode request-meet, no context, CAMEO 02, a place in PAK,
# fatalities 0/0/0, one claim about its response), 1 position, 1 treaty with 2 actions,
# all in 2019; 2 sources: seed-sample (PAK, wire) and test-wire (XIN, wire).
def test_records_per_table(figures):
    counted = dict(rows(figures["records"]))
    assert counted["`actors`"] == "4"
    assert (
        counted["`citations`"] == "11"
    )  # 4 actors, crisis, event, issue, position, treaty, 2 actions
    assert counted["`events`"] == "1"
    assert counted["`retired`"] == "1"
    assert counted["`treaty_actions`"] == "2"


def test_coverage_by_decade_and_kind(figures):
    assert rows(figures["coverage"]) == [
        ["2010s", "1", "1", "2"],
        ["all", "**1**", "**1**", "**2**"],
    ]


def test_event_types_with_modes(figures):
    # the vocabulary gives REQUEST four modes
    assert rows(figures["event-types"]) == [["`REQUEST`", "1", "1", "4"]]
    assert figures["modeless-events"].startswith("0 of 1 events have no PLOVER mode: 0 ")


def test_sources_by_country_and_origin(figures):
    assert rows(figures["sources"]) == [
        ["`PAK`", "1", "1", "50.0 %"],
        ["`XIN`", "1", "1", "50.0 %"],
        ["all", "2", "2", ""],
    ]


def test_citations_by_decade_and_side(figures):
    # event, position and the signature cite seed-sample (PAK); the notice cites the XIN wire
    assert rows(figures["cited-by-decade"]) == [["2010s", "0", "3", "1", "4", "0.0 %", "75.0 %"]]


def test_decades_leaning_on_one_side(figures):
    assert figures["lean-decades"].splitlines() == [
        "- `IND`: under 10 % of the citations in the 2010s (0.0 %).",
        "- `PAK`: at least 10 % of the citations in every decade.",
    ]


def test_completeness_of_events_and_offices(figures):
    tables = figures["completeness"].split("\n\n")
    assert rows(tables[0]) == [
        ["PLOVER mode", "1", "100.0 %"],
        ["PLOVER context", "0", "0.0 %"],
        ["CAMEO root code", "1", "100.0 %"],
        ["country of the place", "1", "100.0 %"],
        ["fatality figures (low, best or high)", "1", "100.0 %"],
        ["fatality claims", "0", "0.0 %"],
    ]
    assert rows(tables[1]) == [
        ["all", "1", "100.0 %"],
        ["with a start", "1", "100.0 %"],
        ["with an end", "1", "100.0 %"],
    ]


def test_sparse_columns(figures):
    sparse = [(table, column) for table, column, _filled, _share in rows(figures["sparse-columns"])]
    assert sparse == [
        ("`events`", f"`{column}`")
        for column in (
            "date_end",
            "context",
            "location_district",
            "injured_low",
            "injured_best",
            "injured_high",
            "treaty",
        )
    ] + [("`actors`", "`parent`"), ("`actors`", "`description`")] + [
        ("`treaties`", f"`{column}`") for column in ("in_force", "unts")
    ]
    assert ["`actors`", "`parent`", "1/4", "25.0 %"] in rows(figures["sparse-columns"])


def test_thin_decades_and_pending_sources(built, figures):
    assert figures["thin-decades"] == (
        "Decades with fewer than 15 events: 2010s (1). Fewest events: 2010s (1)."
    )
    assert figures["pending-sources"] == "No source in the package is waiting for replacement."
    tables = load(built / "datapackage.json")
    listed = blocks(tables, ["seed-sample", "not-in-the-package"])["pending-sources"]
    # seed-sample: 3 actors, the crisis, event, issue, position, treaty and its signature
    assert rows(listed) == [["`seed-sample`", "9"]]


def test_update_keeps_the_hand_written_text_and_is_idempotent(figures):
    text = page(figures)
    once = update(text, figures)
    assert once.startswith("# Methods\n\nWritten by hand.\n\n")
    assert once.endswith("\n\nAlso by hand.\n")
    assert "| `REQUEST` | 1 | 1 | 4 |" in once
    assert update(once, figures) == once


def test_a_missing_block_is_named(figures):
    with pytest.raises(MissingBlock, match="no block 'coverage'"):
        update(page(["records"]), figures)


def test_command_writes_checks_and_reports(built, figures, capsys, monkeypatch):
    monkeypatch.chdir(built)
    (built / "METHODS.md").write_text(page(figures), encoding="utf-8")
    assert main(["methods", "--check"]) == 1
    assert "out of date" in capsys.readouterr().out
    assert main(["methods"]) == 0
    assert "| `REQUEST` | 1 | 1 | 4 |" in (built / "METHODS.md").read_text(encoding="utf-8")
    assert main(["methods", "--check"]) == 0
    (built / "METHODS.md").write_text("# Methods\n", encoding="utf-8")
    assert main(["methods"]) == 2
    assert "no block 'records'" in capsys.readouterr().err


def test_methods_page_is_current():
    """Fails when records changed since METHODS.md was written: run `make docs`
    (or `indopak build && indopak methods`)."""
    project = Project(ROOT)
    tables = load(ROOT / "datapackage.json")
    generated = blocks(tables, project.policy.pending, modes_per_type(project.vocabularies))
    text = (ROOT / "METHODS.md").read_text(encoding="utf-8")
    assert update(text, generated) == text, "run `make docs` to regenerate METHODS.md's figures"
