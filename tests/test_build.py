"""Building the package: deterministic, lossless, atomic, and valid for frictionless and pandera."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from conftest import make_repo
from indopak import LoadError, load
from indopak.io.errors import Finding
from indopak.publish import build as build_module
from indopak.publish.build import build, descriptor_findings, frictionless_findings
from indopak.schema.project import Project
from indopak.schema.tables import records_from_tables
from indopak.validation.validate import validate

UNORDERED = {
    "actors": ("actor", "role"),
    "aliases": ("name",),
    "claims": ("id",),
    "parties": ("actor", "role"),
    "signatories": ("actor",),
}


def outputs(root: Path) -> dict[str, bytes]:
    files = {
        p.relative_to(root).as_posix(): p.read_bytes()
        for folder in ("data/csv", "data/json")
        for p in (root / folder).iterdir()
    }
    files["datapackage.json"] = (root / "datapackage.json").read_bytes()
    return files


def normalise(value):
    """Records compare equal whatever the order of their set-like lists."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            item = normalise(item)
            if key in UNORDERED and isinstance(item, list):
                item = sorted(item, key=lambda d: tuple(str(d.get(k)) for k in UNORDERED[key]))
            out[key] = item
        return out
    if isinstance(value, list):
        return [normalise(v) for v in value]
    return value


def test_build_writes_every_table(project):
    result = build(project)
    assert result.findings == []
    names = {p.stem for p in (project.root / "data/csv").iterdir()}
    assert names == set(project.table_schemas)
    descriptor = json.loads((project.root / "datapackage.json").read_text())
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert len(descriptor["resources"]) == len(project.table_schemas) >= 14


def test_two_builds_are_byte_identical(tmp_path):
    first, second = make_repo(tmp_path / "a"), make_repo(tmp_path / "b")
    assert build(Project(first)).findings == build(Project(second)).findings == []
    assert outputs(first) == outputs(second)


def test_categorical_fields_carry_categories_and_enum(project):
    build(project)
    descriptor = json.loads((project.root / "datapackage.json").read_text())
    events = next(r for r in descriptor["resources"] if r["name"] == "events")
    field = next(f for f in events["schema"]["fields"] if f["name"] == "event_type")
    assert field["categories"] == field["constraints"]["enum"]
    assert "ASSAULT" in field["categories"] and "x-vocabulary" not in field


def test_records_to_tables_and_back_is_lossless(project):
    build(project)
    report = validate(project)
    original = {(r.kind, r.id): normalise(r.data) for r in report.records}
    frames = load(project.root / "datapackage.json")
    tables = {
        name: [_plain_row(row) for row in frame.to_dict("records")]
        for name, frame in frames.items()
    }
    rebuilt = {
        key: normalise(record)
        for key, record in records_from_tables(tables, project.table_plan).items()
    }
    assert rebuilt == original


def _plain_row(row: dict) -> dict:
    out = {}
    for key, value in row.items():
        if pd.isna(value):
            out[key] = None
        elif isinstance(value, pd.Timestamp):
            out[key] = value.date().isoformat()
        elif hasattr(value, "item"):
            out[key] = value.item()
        else:
            out[key] = value
    return out


def test_failed_build_leaves_published_files_untouched(project):
    build(project)
    before = outputs(project.root)
    event = project.records_dir / "events/2019/2019-02-19-minister-calls-for-talks.yaml"
    event.write_text(event.read_text().replace("title:", "titel:"))
    result = build(project)
    assert [f.rule for f in result.findings] == ["schema-required", "schema-unknown-field"]
    assert outputs(project.root) == before
    assert not list(project.root.glob(".build-*"))


def test_check_reports_stale_files_without_writing(project):
    build(project)
    assert build(project, check=True).changed == []
    before = outputs(project.root)
    issue = project.records_dir / "issues/bilateral-dialogue-resumption.yaml"
    issue.write_text(issue.read_text().replace("resume talks", "meet again"))
    changed = build(project, check=True).changed
    assert "data/csv/issues.csv" in changed and "datapackage.json" in changed
    assert outputs(project.root) == before


def test_frictionless_enforces_foreign_keys(project):
    build(project)
    path = project.root / "data/csv/event_actors.csv"
    path.write_text(path.read_text().replace(",india,", ",nobody,"))
    rules = {f.rule for f in frictionless_findings(project.root, "datapackage.json")}
    assert "package-foreign-key" in rules


def test_load_rejects_a_dangling_foreign_key(project):
    build(project)
    path = project.root / "data/csv/event_actors.csv"
    path.write_text(path.read_text().replace(",india,", ",nobody,", 1))
    with pytest.raises(
        LoadError, match=r"event_actors: line \d+: \['actor'\]=\['nobody'\] not in actors"
    ):
        load(project.root)
    assert len(load(project.root, validate=False)["event_actors"]) > 0


def test_pandera_rejects_codes_outside_the_vocabulary(project):
    build(project)
    path = project.root / "data/csv/events.csv"
    path.write_text(path.read_text().replace(",REQUEST,", ",WHATEVER,"))
    with pytest.raises(LoadError, match="event_type"):
        load(project.root, validate=False)


def test_pandera_rejects_broken_cross_field_rule(project):
    build(project)
    path = project.root / "data/csv/events.csv"
    text = path.read_text()
    path.write_text(text.replace("locality,0,0,0", "locality,9,0,0"))
    with pytest.raises(LoadError, match="fatalities_low > fatalities_best"):
        load(project.root)


def test_loaded_frames_are_typed(project):
    build(project)
    events = load(project.root, tables=["events"])["events"]
    assert str(events["date_first"].dtype) == "datetime64[ns]"
    assert str(events["fatalities_best"].dtype) == "Int64"
    assert isinstance(events["event_type"].dtype, pd.CategoricalDtype)
    assert events.loc[0, "date_first"].date() == dt.date(2019, 2, 19)


def test_descriptor_errors_are_findings_not_exceptions(project):
    build(project)
    path = project.root / "datapackage.json"
    descriptor = json.loads(path.read_text())
    descriptor["resources"][0]["schema"]["fields"][0]["type"] = "strang"
    path.write_text(json.dumps(descriptor))
    found = descriptor_findings(project.root, "datapackage.json")
    assert [(f.path, f.rule) for f in found] == [("datapackage.json", "package-field-error")]
    assert "strang" in found[0].message
    path.write_text("{not json")
    assert [f.rule for f in descriptor_findings(project.root, "datapackage.json")] == [
        "package-descriptor"
    ]


def test_unchanged_output_is_not_verified_again(project, monkeypatch):
    build(project)

    def fail(root):
        raise AssertionError("verification ran on unchanged output")

    monkeypatch.setattr(build_module, "pandera_findings", fail)
    result = build(project)
    assert result.findings == [] and result.changed == []


def test_frictionless_reads_every_row_before_publishing_when_asked(project, monkeypatch):
    build(project)
    published = outputs(project.root)
    seen: list[str] = []

    def refuse(root, descriptor):
        seen.append(descriptor)
        return [Finding(descriptor, 2, 1, "package-type-error", "bad cell")]

    monkeypatch.setattr(build_module, "frictionless_findings", refuse)
    issue = project.records_dir / "issues/bilateral-dialogue-resumption.yaml"
    issue.write_text(issue.read_text().replace("resume talks", "meet again"))
    result = build(project, frictionless=True)
    assert [f.rule for f in result.findings] == ["package-type-error"] * 2
    assert seen == ["datapackage.json", "data/json/datapackage.json"]
    assert outputs(project.root) == published  # nothing was replaced
    seen.clear()
    assert build(project).findings == []  # frictionless reads the rows only when asked
    assert seen == [] and outputs(project.root) != published


def test_load_rejects_a_repeated_composite_key(project):
    build(project)
    path = project.root / "data/csv/event_actors.csv"
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join([*lines, lines[1]]))
    with pytest.raises(LoadError, match=r"event_actors: line \d+: key .* repeats an earlier row"):
        load(project.root)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "locality,0,0,0",
            "locality,none,0,0",
            r"line \d+, column fatalities_low: 'none' is not a valid integer",
        ),
        (
            ",2019-02-19,2019-02-19,",
            ",2019-02-19,2019-02-30,",
            r"line \d+, column date_last: '2019-02-30' is not a valid date",
        ),
        (
            ",2019-02-19,2019-02-19,",
            ",2019-02-19,19/02/2019,",
            r"line \d+, column date_last: '19/02/2019' is not a valid date",
        ),
    ],
)
def test_load_names_the_row_and_column_of_a_cell_of_the_wrong_type(project, old, new, message):
    build(project)
    path = project.root / "data/csv/events.csv"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(LoadError, match=r"data/csv/events.csv: " + message):
        load(project.root, validate=False)


def test_load_rejects_an_id_that_breaks_its_pattern(project):
    build(project)
    path = project.root / "data/csv/issues.csv"
    header, first, *rest = path.read_text().splitlines(keepends=True)
    path.write_text("".join([header, "Not An Id" + first[first.index(",") :], *rest]))
    with pytest.raises(LoadError, match=r"issues: id: str_matches\(.*\) \(Not An Id\)"):
        load(project.root)


def test_load_rejects_a_name_longer_than_its_schema_allows(project):
    build(project)
    path = project.root / "data/csv/issues.csv"
    header, first, *rest = path.read_text().splitlines(keepends=True)
    fields = first.split(",")
    fields[1] = "x" * 301  # issues.name: a name, at most 300 characters in issue.json
    path.write_text("".join([header, ",".join(fields), *rest]))
    with pytest.raises(LoadError, match=r"issues: name: str_length\(1, 300\)"):
        load(project.root)


def test_load_rejects_a_table_that_is_not_utf8(project):
    build(project)
    path = project.root / "data/csv/events.csv"
    content = path.read_bytes()
    assert b"Islamabad" in content
    path.write_bytes(content.replace(b"Islamabad", b"Isl\xe4mabad", 1))
    with pytest.raises(LoadError, match=r"data/csv/events.csv: .*UTF"):
        load(project.root)


def test_load_reports_the_problems_of_every_table_in_the_package_order(project):
    build(project)
    broken = ["issues", "actors"]
    for name in broken:
        path = project.root / f"data/csv/{name}.csv"
        header, first, *rest = path.read_text().splitlines(keepends=True)
        path.write_text("".join([header, "Bad Id" + first[first.index(",") :], *rest]))
    order = [
        r["name"]
        for r in json.loads((project.root / "datapackage.json").read_text())["resources"]
        if r["name"] in broken
    ]
    with pytest.raises(LoadError) as caught:
        load(project.root)
    reported = [line.split(":")[0].strip() for line in str(caught.value).splitlines()[1:]]
    assert [name for name in dict.fromkeys(reported) if name in broken] == order
