"""Rendered rows: the tables a build assembles from each record's row string are exactly
the tables rendered from all records at once, and cached row strings stay correct."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT
from indopak.curate.synth import dump, synthesize
from indopak.publish.build import build
from indopak.schema.project import Project
from indopak.schema.state import cache_dir
from indopak.schema.tables import tables_from_records
from indopak.validation.rows import Renderer, RowStore, assemble, csv_line, sort_text
from indopak.validation.validate import validate


def reference(project: Project) -> dict[str, tuple[bytes, bytes]]:
    """Tables rendered the plain way: all rows, sorted, written with the csv module."""
    records = validate(project, load_all=True).records
    tables = tables_from_records(records, project.table_plan)
    out = {}
    for name, rows in tables.items():
        columns = [f["name"] for f in project.table_schemas[name]["fields"]]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(
                [
                    "" if row[c] is None else ("true" if row[c] is True else str(row[c]))
                    for c in columns
                ]
            )
        lines = [json.dumps(row, ensure_ascii=False) for row in rows]
        text = "[\n" + ",\n".join(lines) + "\n]\n" if rows else "[]\n"
        out[name] = (buffer.getvalue().encode(), text.encode())
    return out


def aged_corpus(root: Path, seed: int) -> None:
    """300 synthetic records whose files were last changed an hour ago (so their status is
    trusted at once)."""
    synthesize(ROOT, root, 300, seed=seed)
    for path in root.rglob("*.yaml"):
        os.utime(path, ns=(int((time.time() - 3600) * 1e9),) * 2)


@pytest.mark.parametrize("corpus", ["dataset", "synthetic"])
def test_assembled_tables_equal_the_plain_rendering(corpus: str, tmp_path: Path):
    if corpus == "dataset":
        project = Project(ROOT)
    else:
        synthesize(ROOT, tmp_path / "c", 400, seed=5)
        project = Project(tmp_path / "c")
    records = validate(project, load_all=True).records
    renderer = Renderer(project.table_plan)
    strings = [renderer.render(record) for record in records]
    assert all(s is not None for s in strings)
    assembled = assemble(strings, project.table_schemas)
    expected = reference(project)
    assert set(assembled) == set(expected)
    for name, (csv_bytes, json_bytes, count) in assembled.items():
        assert (csv_bytes, json_bytes) == expected[name], name
        assert count == len(list(csv.reader(io.StringIO(csv_bytes.decode())))) - 1


def test_sort_text_orders_as_the_key_tuples():
    keys = [(2,), (10,), ("a",), ("a", 1), ("a", 2), ("a", 10), ("ab",), ("b", "x"), (1, "z")]
    by_text = sorted(keys, key=lambda k: sort_text(k))
    by_tuple = sorted(
        keys, key=lambda k: tuple((0, v) if isinstance(v, int) else (1, v) for v in k)
    )
    assert by_text == by_tuple
    assert sort_text(["a\x1fb"]) is None and sort_text([-1]) is None


def test_cached_builds_equal_uncached_builds_through_edits(tmp_path: Path):
    aged_corpus(tmp_path / "a", seed=9)
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    cached, plain = Project(tmp_path / "a"), Project(tmp_path / "b")

    def outputs(root: Path) -> dict[str, bytes]:
        return {
            p.relative_to(root).as_posix(): p.read_bytes()
            for folder in ("data/csv", "data/json")
            for p in sorted((root / folder).iterdir())
        } | {"datapackage.json": (root / "datapackage.json").read_bytes()}

    validate(cached, use_cache=True)
    for step in range(4):
        assert build(cached, use_cache=True).findings == []
        assert build(plain).findings == []
        assert outputs(cached.root) == outputs(plain.root), step
        events = sorted((tmp_path / "a" / "data/records/events").rglob("*.yaml"))
        victim = events[step * 7]
        record = yaml.safe_load(victim.read_text())
        record["title"] = f"Step {step}: {record['title']}"
        text = dump(record)
        for root in ("a", "b"):
            (tmp_path / root / victim.relative_to(tmp_path / "a")).write_text(text)


def test_rows_rendered_by_validate_spare_the_build_a_second_read(tmp_path: Path, monkeypatch):
    from indopak.validation import assembly
    from indopak.validation import validate as validate_module

    aged_corpus(tmp_path / "a", seed=2)
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    monkeypatch.setattr(validate_module, "ROWS_SAVED_FROM", 0)
    assert validate(Project(tmp_path / "a"), use_cache=True).findings == []
    assert (cache_dir(Project(tmp_path / "a")) / "rows.marshal").exists()

    def no_reading(*args, **kwargs):
        raise AssertionError("the build read record files again")

    monkeypatch.setattr(assembly, "read_all", no_reading)
    assert build(Project(tmp_path / "a"), use_cache=True).findings == []
    monkeypatch.undo()
    assert build(Project(tmp_path / "b")).findings == []
    for name in ("datapackage.json", "data/csv/events.csv", "data/json/citations.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


@given(st.lists(st.text(alphabet=st.sampled_from(list("ab ,\"\n\r\t;'é")), max_size=6), max_size=5))
def test_csv_lines_are_written_as_the_csv_module_writes_them(values):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    assert csv_line(values) == buffer.getvalue()


def test_a_build_after_validate_takes_the_stored_rows_whole_and_equals_a_plain_build(
    tmp_path: Path, monkeypatch
):
    from indopak.validation import validate as validate_module

    aged_corpus(tmp_path / "a", seed=4)
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    monkeypatch.setattr(validate_module, "ROWS_SAVED_FROM", 0)
    assert validate(Project(tmp_path / "a"), use_cache=True).findings == []
    monkeypatch.undo()

    def one_by_one(self):
        raise AssertionError("the build split the stored rows file by file")

    monkeypatch.setattr(RowStore, "load", one_by_one)
    assert build(Project(tmp_path / "a"), use_cache=True).findings == []
    monkeypatch.undo()
    assert build(Project(tmp_path / "b")).findings == []
    for folder in ("data/csv", "data/json"):
        for made in sorted((tmp_path / "b" / folder).iterdir()):
            mine = tmp_path / "a" / folder / made.name
            assert mine.read_bytes() == made.read_bytes(), made.name


def test_stored_rows_are_not_taken_whole_when_a_file_differs(tmp_path: Path, monkeypatch):
    from indopak.validation import validate as validate_module

    aged_corpus(tmp_path / "a", seed=4)
    project = Project(tmp_path / "a")
    monkeypatch.setattr(validate_module, "ROWS_SAVED_FROM", 0)
    report = validate(project, use_cache=True)
    store = RowStore(project, report.cache_key)
    status = {rel: found[1] for rel, found in report.files.items()}
    assert store.joined(status) is not None
    first = next(iter(status))
    assert store.joined({**status, first: (1, 2, 3)}) is None  # another status
    assert store.joined(dict(list(status.items())[1:])) is None  # another set of files


@pytest.mark.parametrize("aside_fails", [False, True])
def test_a_build_validating_in_a_second_process_equals_a_plain_build_through_edits(
    tmp_path: Path, monkeypatch, aside_fails: bool
):
    from indopak.validation import assembly, buildahead
    from indopak.validation import validate as validate_module

    aged_corpus(tmp_path / "a", seed=6)
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    cached, plain = Project(tmp_path / "a"), Project(tmp_path / "b")
    monkeypatch.setattr(validate_module, "ROWS_SAVED_FROM", 0)
    monkeypatch.setattr(buildahead, "ASIDE_MIN_BYTES", 0)
    taken: list[bool] = []
    both_ways = assembly._validated_and_assembled

    def noted(project: Project):
        report, tables = both_ways(project)
        taken.append(report is not None and tables is not None)
        return report, tables

    monkeypatch.setattr(assembly, "_validated_and_assembled", noted)
    if aside_fails:

        def broken(*args, **kwargs):
            raise RuntimeError("the second process fails")

        monkeypatch.setattr(buildahead, "validate", broken)
    assert validate(cached, use_cache=True).findings == []
    events = sorted((tmp_path / "a" / "data/records/events").rglob("*.yaml"))
    for step in range(3):
        assert build(cached, use_cache=True).findings == []
        assert build(plain).findings == []
        for folder in ("data/csv", "data/json"):
            for made in sorted((plain.root / folder).iterdir()):
                assert (cached.root / folder / made.name).read_bytes() == made.read_bytes()
        record = yaml.safe_load(events[step * 5].read_text())
        record["title"] = f"Step {step}: {record['title']}"
        for root in (cached.root, plain.root):
            (root / events[step * 5].relative_to(cached.root)).write_text(dump(record))
    assert len(taken) == 3
    assert taken[0] is not aside_fails  # unchanged records: the stored rows were taken
    assert not aside_fails or not any(taken)


def test_a_build_with_findings_stops_the_second_process_and_writes_nothing(
    tmp_path: Path, monkeypatch
):
    from indopak.validation import buildahead
    from indopak.validation import validate as validate_module

    aged_corpus(tmp_path / "a", seed=6)
    project = Project(tmp_path / "a")
    monkeypatch.setattr(validate_module, "ROWS_SAVED_FROM", 0)
    monkeypatch.setattr(buildahead, "ASIDE_MIN_BYTES", 0)
    assert validate(project, use_cache=True).findings == []
    victim = sorted((project.root / "data/records/events").rglob("*.yaml"))[0]
    victim.write_text(victim.read_text().replace("title:", "titel:", 1))
    result = build(project, use_cache=True)
    assert {f.rule for f in result.findings} >= {"schema-unknown-field"}
    assert not (project.root / "data" / "csv").exists()


def test_a_store_whose_lengths_do_not_fit_its_rows_is_not_used(tmp_path: Path, monkeypatch):
    import marshal

    from indopak.validation import validate as validate_module

    aged_corpus(tmp_path / "a", seed=5)
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    project = Project(tmp_path / "a")
    monkeypatch.setattr(validate_module, "ROWS_SAVED_FROM", 0)
    report = validate(project, use_cache=True)
    store = RowStore(project, report.cache_key)
    stored = store.stored()
    assert stored is not None and store.whole() is not None and store.load()
    stored["rows"] = stored["rows"][:-1]  # one character lost
    store.path.write_bytes(marshal.dumps(stored))
    assert store.whole() is None and store.load() == {}
    assert build(project, use_cache=True).findings == []
    assert build(Project(tmp_path / "b")).findings == []
    for name in ("data/csv/events.csv", "data/json/events.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
