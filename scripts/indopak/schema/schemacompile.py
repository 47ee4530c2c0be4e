"""The record schemas compiled into plain Python checks.

jsonschema interprets a schema anew for every record, resolving each "$ref" through its
registry; for a dataset of many small records that costs more than parsing them. The record
schemas use a small part of JSON Schema (type, enum, pattern, lengths, bounds, properties,
required, additionalProperties, items, minItems, minProperties and $ref to shared
definitions), which this module turns into closures once. A test checks that it reports
the same errors as jsonschema on generated records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from indopak.schema.schemaref import KEYWORDS, Resolver
from indopak.schema.schemawalk import compile_pattern

Path = tuple[str | int, ...]
Check = Callable[..., None]  # (value, path, errors[, nodes])
Nodes = list[tuple[Path, Any, dict[str, Any]]]

SUPPORTED = KEYWORDS


@dataclass
class SchemaError:
    """One violation, with the attributes of a jsonschema ValidationError that we use."""

    validator: str
    validator_value: Any
    schema: dict[str, Any]
    instance: Any
    absolute_path: Path
    message: str


_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


# Types a single isinstance test decides (bool is no int here, so "integer" is not one).
_PLAIN_TYPES: dict[str, type] = {"string": str, "object": dict, "array": list}


class Compiler:
    def __init__(self, schemas: dict[str, dict[str, Any]]) -> None:
        self._done: dict[int, Check] = {}
        # the node with its "$ref" resolved: one object per node, the one nodes carry
        self.schema_of = Resolver(schemas).resolve

    def compile(self, node: dict[str, Any]) -> Check:
        key = id(node)
        if key not in self._done:
            self._done[key] = self._build(self.schema_of(node))
        return self._done[key]

    def _build(self, schema: dict[str, Any]) -> Check:
        unknown = {k for k in schema if not k.startswith("x-")} - SUPPORTED
        if unknown:
            raise ValueError(f"schema keywords not supported by the compiler: {sorted(unknown)}")
        checks: list[Check] = []

        def error(
            keyword: str, value: Any, path: Path, out: list[SchemaError], message: str
        ) -> None:
            out.append(SchemaError(keyword, schema[keyword], schema, value, path, message))

        expected = schema.get("type")
        if expected is not None:
            types = [expected] if isinstance(expected, str) else expected
            tests = [_TYPES[t] for t in types]
            plain = _PLAIN_TYPES.get(types[0]) if len(types) == 1 else None

            if plain is not None:  # the common case, without a call per test

                def check_type(value: Any, path: Path, out: list[SchemaError]) -> bool:
                    if isinstance(value, plain):
                        return True
                    error("type", value, path, out, f"{value!r} is not of type {expected!r}")
                    return False
            else:

                def check_type(value: Any, path: Path, out: list[SchemaError]) -> bool:
                    if any(test(value) for test in tests):
                        return True
                    error("type", value, path, out, f"{value!r} is not of type {expected!r}")
                    return False
        else:

            def check_type(value: Any, path: Path, out: list[SchemaError]) -> bool:
                return True

        if "enum" in schema:
            allowed = schema["enum"]
            members = set(allowed)

            def check_enum(value: Any, path: Path, out: list[SchemaError]) -> None:
                if not isinstance(value, (str, int, float)) or value not in members:
                    error("enum", value, path, out, f"{value!r} is not one of {allowed!r}")

            checks.append(check_enum)
        if "pattern" in schema:
            search = compile_pattern(schema["pattern"])

            def check_pattern(value: Any, path: Path, out: list[SchemaError]) -> None:
                if isinstance(value, str) and not search(value):
                    error("pattern", value, path, out, f"{value!r} does not match")

            checks.append(check_pattern)
        for keyword, compare in (
            ("minLength", lambda n, b: n >= b),
            ("maxLength", lambda n, b: n <= b),
        ):
            if keyword in schema:
                checks.append(self._bound(schema, keyword, compare, len, str, error))
        for keyword, compare in (
            ("minimum", lambda n, b: n >= b),
            ("maximum", lambda n, b: n <= b),
        ):
            if keyword in schema:
                checks.append(
                    self._bound(schema, keyword, compare, lambda v: v, (int, float), error)
                )
        if "minItems" in schema:
            checks.append(self._bound(schema, "minItems", lambda n, b: n >= b, len, list, error))
        if "minProperties" in schema:
            checks.append(
                self._bound(schema, "minProperties", lambda n, b: n >= b, len, dict, error)
            )
        if "required" in schema:
            required = schema["required"]

            def check_required(value: Any, path: Path, out: list[SchemaError]) -> None:
                if isinstance(value, dict):
                    for name in required:
                        if name not in value:
                            error("required", value, path, out, f"{name!r} is a required property")

            checks.append(check_required)
        properties = schema.get("properties", {})
        if schema.get("additionalProperties") is False:

            def check_extra(value: Any, path: Path, out: list[SchemaError]) -> None:
                if isinstance(value, dict) and any(k not in properties for k in value):
                    error(
                        "additionalProperties",
                        value,
                        path,
                        out,
                        "Additional properties are not allowed",
                    )

            checks.append(check_extra)
        descend: list[Check] = []  # the steps into the value's parts, which pass nodes on
        if properties:
            children = {name: self.compile(sub) for name, sub in properties.items()}

            def check_properties(
                value: Any, path: Path, out: list[SchemaError], nodes: Nodes | None
            ) -> None:
                if isinstance(value, dict):
                    for name, item in value.items():
                        child = children.get(name)
                        if child is not None:
                            child(item, (*path, name), out, nodes)

            descend.append(check_properties)
        if "items" in schema:
            child = self.compile(schema["items"])

            def check_items(
                value: Any, path: Path, out: list[SchemaError], nodes: Nodes | None
            ) -> None:
                if isinstance(value, list):
                    for index, item in enumerate(value):
                        child(item, (*path, index), out, nodes)

            descend.append(check_items)

        def check(
            value: Any, path: Path, out: list[SchemaError], nodes: Nodes | None = None
        ) -> None:
            """With `nodes`, also append (path, value, schema) of every value the schema
            describes, as schemawalk.SchemaWalker.walk yields them (in document order)."""
            if nodes is not None:
                nodes.append((path, value, schema))
            check_type(value, path, out)  # like jsonschema, the other keywords still apply
            for step in checks:
                step(value, path, out)
            for step in descend:
                step(value, path, out, nodes)

        return check

    @staticmethod
    def _bound(
        schema: dict[str, Any],
        keyword: str,
        compare: Callable[[Any, Any], bool],
        measure: Callable[[Any], Any],
        kind: Any,
        error: Callable[..., None],
    ) -> Check:
        bound = schema[keyword]

        def check(value: Any, path: Path, out: list[SchemaError]) -> None:
            if (
                isinstance(value, kind)
                and not isinstance(value, bool)
                and not compare(measure(value), bound)
            ):
                error(keyword, value, path, out, f"{value!r} fails {keyword} {bound}")

        return check


def compile_record_schemas(schemas: dict[str, dict[str, Any]]) -> dict[str, Check]:
    """Kind -> check(record, path, errors[, nodes]), for every record schema but the shared
    one. A record goes first through the schema's pass (schemapass), which only tells
    whether it meets the schema; the checks above run, to say what is wrong, when it does
    not."""
    from indopak.schema.schemapass import PassWriter

    compiler = Compiler(schemas)
    writer = PassWriter(compiler.schema_of)
    kinds = [kind for kind in schemas if kind != "common"]
    passes = writer.write({kind: schemas[kind] for kind in kinds})
    return {kind: _pass_first(passes[kind], compiler.compile(schemas[kind])) for kind in kinds}


def _pass_first(passes: Callable[[Any, Path, Nodes], bool], check: Check) -> Check:
    def checked(value: Any, path: Path, out: list[SchemaError], nodes: Nodes | None = None) -> None:
        walked = nodes if nodes is not None else []
        start = len(walked)
        if passes(value, path, walked):
            return
        del walked[start:]
        check(value, path, out, nodes)

    return checked
