"""What the record schemas may say, and how a "$ref" is followed: one table of keywords and
one resolver, shared by every pass over the schemas (the compiler, the fast pass, the
walker that finds annotated values, and the table mapping)."""

from __future__ import annotations

from typing import Any

Schema = dict[str, Any]

# JSON Schema keywords the record schemas may use; each pass implements all of them.
KEYWORDS = frozenset(
    {
        "$schema",
        "$ref",
        "$defs",
        "title",
        "description",
        "type",
        "enum",
        "pattern",
        "minLength",
        "maxLength",
        "minimum",
        "maximum",
        "properties",
        "required",
        "additionalProperties",
        "items",
        "minItems",
        "minProperties",
    }
)

# Keywords of the project's own (validators ignore them; the passes named read them).
ANNOTATIONS = frozenset(
    {
        "x-ref",  # the value is the id of a record of that kind (rules)
        "x-date",  # a YYYY[-MM[-DD]] date (rules)
        "x-count",  # a low/best/high range (rules)
        "x-unique",  # items of a list differ in these keys (rules)
        "x-vocabulary",  # a controlled vocabulary (schemas, tables)
        "x-form",  # the written form, for messages (rules)
        "x-block",  # free text, written as a block in YAML (fmt)
        "x-table",  # the table of a record kind or list (tables)
        "x-table-fields",  # columns derived for every table (tables)
        "x-column",  # the column name of a field, when not its own (tables)
        "x-type",  # the type of its column, when not the JSON type (tables)
    }
)

# Keywords whose value is a schema, or a map or list of schemas, to check in turn.
_SUBSCHEMAS = {"properties": "map", "$defs": "map", "items": "one"}


class SchemaDefinitionError(Exception):
    """A schema file the tools cannot use, with the file and the place in it."""


class Resolver:
    """Follows "$ref" to the shared definitions of common.json; one object per node."""

    def __init__(self, schemas: dict[str, Schema]) -> None:
        self.defs: dict[str, Schema] = schemas["common"].get("$defs", {})
        self._resolved: dict[int, Schema] = {}

    def resolve(self, node: Schema, where: str = "common.json") -> Schema:
        """The node with any "$ref" to a shared definition merged in (the node's own
        keywords win)."""
        key = id(node)
        cached = self._resolved.get(key)
        if cached is not None:
            return cached
        resolved = node
        ref = node.get("$ref")
        if ref is not None:
            name = ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None
            if name not in self.defs:
                raise SchemaDefinitionError(
                    f"schemas/records/{where}: $ref {ref!r} names no definition of common.json"
                )
            target = self.resolve(self.defs[name], "common.json")
            resolved = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        self._resolved[key] = resolved
        return resolved


def check_keywords(schemas: dict[str, Schema]) -> None:
    """Raise SchemaDefinitionError for the first keyword no pass implements."""
    for kind, schema in schemas.items():
        _check(schema, f"{kind}.json", "")


def _check(node: Any, where: str, at: str) -> None:
    if not isinstance(node, dict):
        raise SchemaDefinitionError(f"schemas/records/{where}: {at or 'the top'} is not an object")
    for key, value in node.items():
        if key not in KEYWORDS and key not in ANNOTATIONS:
            raise SchemaDefinitionError(
                f"schemas/records/{where}: keyword {key!r} at {at or 'the top'} is not one the "
                f"tools implement (they know: {', '.join(sorted(KEYWORDS))}; and x- annotations: "
                f"{', '.join(sorted(ANNOTATIONS))})"
            )
        how = _SUBSCHEMAS.get(key)
        if how == "map" and isinstance(value, dict):
            for name, sub in value.items():
                _check(sub, where, f"{at}/{key}/{name}")
        elif how == "one":
            _check(value, where, f"{at}/{key}")
