"""The compiled record checks report exactly what jsonschema reports."""

from __future__ import annotations

from collections import Counter

import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT
from indopak.schema.project import Project
from indopak.schema.schemacompile import Compiler, compile_record_schemas
from indopak.schema.schemapass import PassWriter
from indopak.schema.schemawalk import SchemaWalker
from indopak.validation.records import read_records, record_files
from indopak.validation.schemacheck import reference_validators
from test_fuzz import ORIGINAL, TARGETS, paths_of, values  # shares the fuzzing profile

PROJECT = Project(ROOT)
COMPILED = compile_record_schemas(PROJECT.record_schemas)
REFERENCE = reference_validators(PROJECT)
KINDS = {
    "actors": "actor",
    "events": "event",
    "sources": "source",
    "issues": "issue",
    "positions": "position",
    "treaties": "treaty",
    "crises": "crisis",
}


def both(kind: str, data) -> tuple[Counter, Counter]:
    found: list = []
    COMPILED[kind](data, (), found)
    compiled = Counter((tuple(e.absolute_path), e.validator) for e in found)
    reference = Counter(
        (tuple(e.absolute_path), e.validator) for e in REFERENCE[kind].iter_errors(data)
    )
    return compiled, reference


@given(rel=st.sampled_from(TARGETS), data=st.data())
def test_compiled_checks_agree_with_jsonschema_on_mutated_records(rel, data):
    kind, record = mutated(rel, data)
    compiled, reference = both(kind, record)
    assert compiled == reference


def mutated(rel: str, data) -> tuple[str, dict]:
    """The record of `rel` with one to three of its values replaced by drawn ones."""
    record = yaml.safe_load(ORIGINAL[rel])
    kind = "tombstone" if "retired" in record else KINDS[rel.split("/")[2]]
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths_of(record)))
        if path:
            parent = record
            for key in path[:-1]:
                parent = parent[key]
            parent[path[-1]] = data.draw(values)
    return kind, record


def test_compiled_checks_agree_on_every_published_record():
    records, _ = read_records(PROJECT, record_files(PROJECT))
    assert records
    for record in records:
        kind = "tombstone" if record.retired else record.kind
        compiled, reference = both(kind, record.data)
        assert compiled == reference == Counter(), record.path


def _walked(kind: str, data) -> tuple[list, list]:
    """The (path, value, schema) nodes of the compiled check and of the schema walker."""
    nodes: list = []
    COMPILED[kind](data, (), [], nodes)
    walker = SchemaWalker(PROJECT.record_schemas)
    walked = list(walker.walk(PROJECT.record_schemas[kind], data))

    def key(node):
        path, value, schema = node
        return repr(path), repr(value), repr(sorted(schema.items(), key=str))

    return sorted(map(key, nodes)), sorted(map(key, walked))


def test_the_check_walks_the_same_nodes_as_the_schema_walker_on_every_published_record():
    records, _ = read_records(PROJECT, record_files(PROJECT))
    for record in records:
        kind = "tombstone" if record.retired else record.kind
        compiled, walked = _walked(kind, record.data)
        assert compiled == walked and len(compiled) > 1, record.path


@given(rel=st.sampled_from(TARGETS), data=st.data())
def test_the_check_walks_the_same_nodes_as_the_schema_walker_on_mutated_records(rel, data):
    compiled, walked = _walked(*mutated(rel, data))
    assert compiled == walked


def _passes_and_checks():
    """Each kind's pass alone, and its keyword checks alone (compile_record_schemas runs
    the first and falls back on the second)."""
    schemas = {k: v for k, v in PROJECT.record_schemas.items() if k != "common"}
    compiler = Compiler(PROJECT.record_schemas)
    passes = PassWriter(compiler.schema_of).write(schemas)
    return passes, {kind: compiler.compile(schema) for kind, schema in schemas.items()}


PASSES, CHECKS = _passes_and_checks()


def _pass_agrees_with_checks(kind: str, data) -> bool:
    """The pass says yes exactly when the checks find nothing, and then it has walked the
    same nodes; returns the verdict."""
    passed_nodes: list = []
    passed = PASSES[kind](data, (), passed_nodes)
    errors: list = []
    checked_nodes: list = []
    CHECKS[kind](data, (), errors, checked_nodes)
    assert passed == (not errors)
    if passed:
        assert [(p, v, id(s)) for p, v, s in passed_nodes] == [
            (p, v, id(s)) for p, v, s in checked_nodes
        ]
    return passed


def test_the_pass_agrees_with_the_checks_on_every_published_record():
    records, _ = read_records(PROJECT, record_files(PROJECT))
    verdicts = [
        _pass_agrees_with_checks("tombstone" if r.retired else r.kind, r.data) for r in records
    ]
    assert verdicts and all(verdicts)


@given(rel=st.sampled_from(TARGETS), data=st.data())
def test_the_pass_agrees_with_the_checks_on_mutated_records(rel, data):
    _pass_agrees_with_checks(*mutated(rel, data))


def test_the_pass_refuses_what_each_keyword_refuses():
    records, _ = read_records(PROJECT, record_files(PROJECT))
    event = next(r.data for r in records if r.kind == "event" and not r.retired)
    broken = {
        "type": {**event, "title": 7},
        "pattern": {**event, "date": "12 March 2019"},
        "required": {k: v for k, v in event.items() if k != "title"},
        "additionalProperties": {**event, "colour": "red"},
        "enum": {**event, "event_type": "not-a-code"},
        "minItems": {**event, "citations": []},
    }
    for keyword, data in broken.items():
        errors: list = []
        CHECKS["event"](data, (), errors)
        assert keyword in {e.validator for e in errors}, keyword
        assert PASSES["event"](data, (), []) is False, keyword
