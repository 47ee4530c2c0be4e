"""The compiled record checks report exactly what jsonschema reports."""

from __future__ import annotations

from collections import Counter

import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT
from indopak.project import Project
from indopak.records import read_records, record_files
from indopak.schemacheck import reference_validators
from indopak.schemacompile import compile_record_schemas
from indopak.schemawalk import SchemaWalker
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
