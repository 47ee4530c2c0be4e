"""Layer 2: each record against the JSON Schema of its kind."""

from __future__ import annotations

import difflib
from typing import Any

from .errors import Finding
from .project import Project
from .records import Record
from .schemacompile import Nodes, SchemaError, compile_record_schemas

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "object": "a mapping of field: value",
    "array": "a list",
    "boolean": "true or false",
}


def _type_name(value: Any) -> str:
    if value is None:
        return "empty"
    return {
        str: "text",
        bool: "true/false",
        int: "a whole number",
        float: "a number",
        dict: "a mapping",
        list: "a list",
    }.get(type(value), type(value).__name__)


def suggest(value: str, candidates: Any) -> str:
    match = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.6)
    return f"; did you mean '{match[0]}'?" if match else ""


def reference_validators(project: Project) -> dict[str, Any]:
    """jsonschema's validators for the record schemas: the reference the compiled checks
    are tested against."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    schemas = project.record_schemas
    registry = Registry().with_resource("common.json", Resource.from_contents(schemas["common"]))
    return {
        kind: Draft202012Validator(schema, registry=registry)
        for kind, schema in schemas.items()
        if kind != "common"
    }


class SchemaChecker:
    def __init__(self, project: Project) -> None:
        self.checks = compile_record_schemas(project.record_schemas)

    def errors(self, record: Record, nodes: Nodes | None = None) -> list[SchemaError]:
        """The record's schema errors; with `nodes`, also the (path, value, schema) of each
        of its values, which the record rules would otherwise walk the record again for."""
        kind = "tombstone" if record.retired else record.kind
        found: list[SchemaError] = []
        self.checks[kind](record.data, (), found, nodes)
        return found

    def check(self, record: Record, nodes: Nodes | None = None) -> list[Finding]:
        findings: list[Finding] = []
        for error in self.errors(record, nodes):
            findings.extend(self._explain(record, error))
        return findings

    def _explain(self, record: Record, error: SchemaError | Any) -> list[Finding]:
        path = tuple(error.absolute_path)
        keyword = error.validator
        schema = error.schema if isinstance(error.schema, dict) else {}
        value = error.instance
        name = next((p for p in reversed(path) if isinstance(p, str)), "record")
        where = record.at(*path)

        def finding(rule: str, message: str, at: tuple[int, int] = where) -> Finding:
            return Finding(record.path, at[0], at[1], rule, message)

        if keyword == "additionalProperties":
            allowed = schema.get("properties", {})
            extras = [k for k in value if k not in allowed]
            return [
                finding(
                    "schema-unknown-field",
                    f"unknown field '{key}'{suggest(key, allowed)}",
                    record.at(*path, key),
                )
                for key in extras
            ]
        if keyword == "required":
            missing = error.validator_value
            found = [k for k in missing if k not in value]
            return [
                finding("schema-required", f"missing required field '{key}' in {name}")
                for key in found
            ]
        if keyword == "type":
            expected = schema.get("type")
            words = (
                _TYPE_WORDS.get(expected, expected)
                if isinstance(expected, str)
                else " or ".join(_TYPE_WORDS.get(t, t) for t in expected)
            )
            return [finding("schema-type", f"{name} must be {words}, not {_type_name(value)}")]
        if keyword == "enum":
            vocab = schema.get("x-vocabulary", "")
            hint = suggest(str(value), error.validator_value)
            return [
                finding(
                    "vocab-unknown-code",
                    f"'{value}' is not a code of vocabulary {vocab} "
                    f"(schemas/vocabularies.yaml){hint}",
                )
            ]
        if keyword == "pattern":
            meaning = schema.get("description") or f"the pattern {error.validator_value}"
            return [finding("schema-pattern", f"{name} {value!r} is not valid: expected {meaning}")]
        if keyword in ("maxLength", "minLength"):
            limit = error.validator_value
            size = "at most" if keyword == "maxLength" else "at least"
            return [
                finding(
                    f"schema-{'max' if keyword == 'maxLength' else 'min'}-length",
                    f"{name} is {len(value)} characters long; it may be {size} {limit}",
                )
            ]
        if keyword in ("minItems", "minProperties"):
            return [
                finding(
                    "schema-min-items",
                    f"{name} needs at least {error.validator_value} "
                    f"{'item' if keyword == 'minItems' else 'field'}(s)",
                )
            ]
        if keyword in ("minimum", "maximum"):
            bound = "at least" if keyword == "minimum" else "at most"
            return [
                finding(
                    "schema-range", f"{name} is {value}; it must be {bound} {error.validator_value}"
                )
            ]
        return [finding(f"schema-{keyword.lower()}", f"{name}: {error.message}")]
