"""Records and table rows map both ways from the record schemas alone.

The published tables are declared by `x-table` annotations in schemas/records/; nothing in
the code names a column. These tests read the schemas on their own terms: every value a
record can hold lands in a column, a record that fills every field survives the trip to
tables and back, and a field added to a schema is published with no other change.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT, run_cli
from indopak.io.yamlload import Document
from indopak.publish.build import build
from indopak.schema.project import Project
from indopak.schema.schemaref import SchemaDefinitionError
from indopak.schema.tables import records_from_tables, tables_from_records
from indopak.validation.records import Record

PROJECT = Project(ROOT)
SCHEMAS = PROJECT.record_schemas
DEFS = SCHEMAS["common"]["$defs"]


def _deref(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target = DEFS[node["$ref"].split("/")[-1]]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _leaves(node: dict[str, Any], path: tuple[str, ...] = ()):
    """(path, schema) of every scalar a record can hold; "[]" marks a list item."""
    node = _deref(node)
    if node.get("type") == "object":
        for name, sub in node.get("properties", {}).items():
            yield from _leaves(sub, (*path, name))
    elif node.get("type") == "array":
        yield from _leaves(node["items"], (*path, "[]"))
    else:
        yield path, node


def _sample(path: tuple[str, ...], schema: dict[str, Any], n: int) -> Any:
    """A value of the leaf's type, distinct per leaf and per list item."""
    if schema.get("x-date"):
        return f"20{10 + n:02d}-0{n}-1{n}"
    if schema["type"] == "integer":
        return 10 + n
    if schema["type"] == "number":
        return 1.5 + n
    if "enum" in schema:
        return schema["enum"][n % len(schema["enum"])]
    return f"{'-'.join(p for p in path if p != '[]').replace('_', '-')}-{n}"


def _fill(node: dict[str, Any], path: tuple[str, ...] = (), n: int = 1) -> Any:
    node = _deref(node)
    if node.get("type") == "object":
        return {name: _fill(sub, (*path, name), n) for name, sub in node["properties"].items()}
    if node.get("type") == "array":
        return [_fill(node["items"], (*path, "[]"), i) for i in (1, 2)]
    return _sample(path, node, n)


def _full_record(kind: str) -> Record:
    data = _fill(SCHEMAS[kind])
    return Record(kind=kind, path=f"{kind}.yaml", doc=Document(data))


def _tombstone() -> Record:
    data = _fill(SCHEMAS["tombstone"])
    return Record(kind="event", path="gone.yaml", doc=Document(data))


KINDS = [k for k in SCHEMAS if k not in ("common", "tombstone")]


def test_every_value_a_record_can_hold_lands_in_a_column():
    mapped = set()
    for table in PROJECT.table_plan.tables.values():
        mapped |= {c.path for c in table.columns if c.path is not None}
    for kind in [*KINDS, "tombstone"]:
        for path, _schema in _leaves(SCHEMAS[kind]):
            item_path = tuple(path[path.index("[]") + 1 :]) if "[]" in path else path
            while "[]" in item_path:
                item_path = item_path[item_path.index("[]") + 1 :]
            assert item_path in mapped, f"{kind}: {'.'.join(path)} maps to no column"


@pytest.mark.parametrize("kind", KINDS)
def test_a_record_filling_every_field_round_trips_through_the_tables(kind):
    record = _full_record(kind)
    assert record.retired is False
    tables = tables_from_records([record], PROJECT.table_plan)
    back = records_from_tables(tables, PROJECT.table_plan)
    assert back == {(kind, record.data["id"]): record.data}


def test_a_tombstone_round_trips_with_its_kind():
    record = _tombstone()
    tables = tables_from_records([record], PROJECT.table_plan)
    assert [row["kind"] for row in tables["retired"]] == ["event"]
    back = records_from_tables(tables, PROJECT.table_plan)
    assert back == {("event", record.data["id"]): record.data}


def test_citations_of_a_treaty_action_keep_their_part():
    record = _full_record("treaty")
    tables = tables_from_records([record], PROJECT.table_plan)
    actions = [a["id"] for a in record.data["status_history"]]
    parts = {row["part"] for row in tables["citations"]}
    assert parts == {None, *actions}
    first = next(row for row in tables["citations"] if row["part"] == actions[0])
    assert first["id"] == f"treaty:{record.data['id']}/{actions[0]}#1"


def _add_event_field(repo: Path, name: str, spec: dict[str, Any]) -> None:
    path = repo / "schemas" / "records" / "event.json"
    schema = json.loads(path.read_text())
    schema["properties"][name] = spec
    path.write_text(json.dumps(schema, indent=2))


def test_a_field_added_to_a_record_schema_is_published_with_no_other_change(repo):
    _add_event_field(repo, "sector", {"type": "string", "description": "Army sector."})
    event = next((repo / "data" / "records" / "events").rglob("*.yaml"))
    event.write_text(event.read_text() + "sector: Uri\n")
    result = build(Project(repo))
    assert not result.findings
    with open(repo / "data" / "csv" / "events.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["sector"] for r in rows if r["id"] == event.stem] == ["Uri"]
    assert all(r["sector"] == "" for r in rows if r["id"] != event.stem)
    descriptor = json.loads((repo / "datapackage.json").read_text())
    events = next(r for r in descriptor["resources"] if r["name"] == "events")
    assert events["schema"]["fields"][-1] == {
        "name": "sector",
        "type": "string",
        "description": "Army sector.",
    }


def test_a_column_named_in_x_table_that_no_field_holds_is_a_clear_error(repo):
    path = repo / "schemas" / "records" / "issue.json"
    schema = json.loads(path.read_text())
    schema["x-table"]["columns"].append("sumary")
    path.write_text(json.dumps(schema))
    with pytest.raises(SchemaDefinitionError, match=r"issue\.json: column 'sumary'"):
        Project(repo).table_plan  # noqa: B018
    done = run_cli(repo, "validate")
    assert done.returncode == 2
    assert "column 'sumary' of table 'issues'" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_list_without_a_table_is_a_clear_error(repo):
    _add_event_field(
        repo, "sectors", {"type": "array", "items": {"type": "object", "properties": {}}}
    )
    done = run_cli(repo, "build")
    assert done.returncode == 2
    assert "event.json: list 'sectors' has no x-table" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_unknown_schema_keyword_is_exit_2_naming_the_keyword_and_file(repo):
    _add_event_field(repo, "sectors", {"type": "array", "maxItems": 3, "items": {"type": "string"}})
    done = run_cli(repo, "validate")
    assert done.returncode == 2
    assert "event.json: keyword 'maxItems' at /properties/sectors" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_published_schemas_come_from_the_record_schemas():
    """One description, pattern and length per field: what a contributor reads in the
    record schema is what a user reads in datapackage.json."""
    descriptor = json.loads((ROOT / "datapackage.json").read_text())
    events = next(r for r in descriptor["resources"] if r["name"] == "events")
    fields = {f["name"]: f for f in events["schema"]["fields"]}
    title = _deref(SCHEMAS["event"]["properties"]["title"])
    assert fields["title"]["description"] == title["description"]
    assert fields["title"]["constraints"]["maxLength"] == title["maxLength"]
    source = yaml.safe_load((ROOT / "schemas" / "vocabularies.yaml").read_text())
    assert fields["event_type"]["constraints"]["enum"] == [
        c["code"] for c in source["event_type"]["codes"]
    ]
