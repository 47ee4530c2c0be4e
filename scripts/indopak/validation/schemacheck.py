"""Layer 2: each record against the JSON Schema of its kind."""

from __future__ import annotations

import difflib
import re
from typing import Any

from indopak.io.errors import Finding
from indopak.schema.project import Project
from indopak.schema.schemacompile import Nodes, SchemaError, compile_record_schemas
from indopak.validation.records import Record

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
    names = [c for c in candidates if isinstance(c, str)]
    match = difflib.get_close_matches(value, names, n=1, cutoff=0.6)
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
        self.vocabularies = project.vocabularies

    def _codes(self, vocab: str) -> list[str]:
        entries = self.vocabularies.get(vocab, {}).get("codes", [])
        return [str(e["code"]) for e in entries if isinstance(e, dict) and "code" in e]

    def _code_hint(self, value: str, vocab: str, codes: list[str]) -> str:
        """The nearest code by spelling, else a code whose definition uses the word, and
        the whole list when it is short."""
        by_lower = {str(c).lower(): str(c) for c in codes}
        near = difflib.get_close_matches(value.lower(), list(by_lower), n=1, cutoff=0.6)
        guess = by_lower[near[0]] if near else None
        if guess is None and len(value) >= 3:
            word = re.compile(rf"\b{re.escape(value.lower())}", re.IGNORECASE)
            entries = self.vocabularies.get(vocab, {}).get("codes", [])
            guess = next(
                (str(e["code"]) for e in entries if word.search(str(e.get("definition", "")))),
                None,
            )
        hint = f"; did you mean '{guess}'?" if guess else ""
        if len(codes) <= 16:
            hint += f" (codes: {', '.join(str(c) for c in codes)})"
        return hint

    def errors(self, record: Record, nodes: Nodes | None = None) -> list[SchemaError]:
        """The record's schema errors; with `nodes`, also the (path, value, schema) of each
        of its values, which the record rules would otherwise walk the record again for."""
        kind = "tombstone" if record.retired else record.kind
        found: list[SchemaError] = []
        self.checks[kind](record.data, (), found, nodes)
        return found

    def check(self, record: Record, nodes: Nodes | None = None) -> list[Finding]:
        findings: list[Finding] = []
        errors = self.errors(record, nodes)
        mistyped = {tuple(e.absolute_path) for e in errors if e.validator == "type"}
        for error in errors:
            if error.validator == "enum" and tuple(error.absolute_path) in mistyped:
                continue  # a value of the wrong type: its type finding says what to write
            findings.extend(self._explain(record, error))
        return findings

    @staticmethod
    def _missing(record: Record, path: tuple, mapping: Any, key: str, name: str) -> Finding:
        """A missing required field, pointing at the text that swallowed it when the key
        was indented under a block of text (`summary: >-` with `key: value` beneath)."""
        written = re.compile(rf"(?:^|\s){re.escape(key)}:(?:\s|$)")
        for field, text in mapping.items() if isinstance(mapping, dict) else ():
            if isinstance(text, str) and written.search(text):
                line, col = record.at(*path, field)
                return Finding(
                    record.path,
                    line,
                    col,
                    "schema-required",
                    f"missing required field '{key}' in {name}: '{key}:' is inside the text "
                    f"of {field}, indented as part of it; start '{key}:' at the beginning of "
                    "its line",
                )
        line, col = record.at(*path)
        return Finding(
            record.path, line, col, "schema-required", f"missing required field '{key}' in {name}"
        )

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
            return [self._missing(record, path, value, key, name) for key in found]
        if keyword == "type":
            expected = schema.get("type")
            words = (
                _TYPE_WORDS.get(expected, expected)
                if isinstance(expected, str)
                else " or ".join(_TYPE_WORDS.get(t, t) for t in expected)
            )
            hint = ""
            vocab = schema.get("x-vocabulary")
            if vocab and isinstance(value, int) and not isinstance(value, bool):
                padded = [c for c in self._codes(vocab) if c.lstrip("0") == str(value).lstrip("0")]
                hint = f'; write it as text: "{padded[0]}"' if padded else ""
            return [
                finding("schema-type", f"{name} must be {words}, not {_type_name(value)}{hint}")
            ]
        if keyword == "enum":
            vocab = schema.get("x-vocabulary", "")
            hint = self._code_hint(str(value), vocab, list(error.validator_value))
            return [
                finding(
                    "vocab-unknown-code",
                    f"'{value}' is not a code of vocabulary {vocab} "
                    f"(schemas/vocabularies.yaml){hint}",
                )
            ]
        if keyword == "pattern":
            form = schema.get("x-form") or f"text matching {error.validator_value}"
            return [finding("schema-pattern", f"{name} {value!r} is not valid: expected {form}")]
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
