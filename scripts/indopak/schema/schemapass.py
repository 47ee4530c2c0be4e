"""The record schemas written out as Python functions that only tell whether a value passes.

Almost every record meets its schema, and for those the compiled checks (schemacompile)
spend most of their time calling one small closure per keyword. Here each schema becomes one
function whose keywords are inline tests: it returns False at the first one that fails and
builds no error (the compiled checks then run to say what is wrong), and on the way it adds
the (path, value, schema) node of every value it passes, as the compiled checks do.

A test holds the two to the same verdict and the same nodes on every published record and
on mutated ones.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from indopak.schema.schemawalk import compile_pattern

Pass = Callable[[Any, tuple, list], bool]

# A value's test for each JSON Schema type (bool is not an integer or a number here).
_TYPE_TESTS = {
    "string": "isinstance(v, str)",
    "integer": "(isinstance(v, int) and not isinstance(v, bool))",
    "number": "(isinstance(v, (int, float)) and not isinstance(v, bool))",
    "object": "isinstance(v, dict)",
    "array": "isinstance(v, list)",
    "boolean": "isinstance(v, bool)",
    "null": "v is None",
}
_GUARDS = {kind: f"isinstance(v, {kind})" for kind in ("str", "dict", "list")}
_ONE_TEST_TYPES = {"string": "str", "object": "dict", "array": "list"}
# (keyword, the kind of value it bounds the size of, the comparison a value must pass)
_SIZE_BOUNDS = (
    ("minLength", "str", ">="),
    ("maxLength", "str", "<="),
    ("minItems", "list", ">="),
    ("minProperties", "dict", ">="),
)
_NUMERIC = "isinstance(v, (int, float)) and not isinstance(v, bool)"


class PassWriter:
    """Writes the pass functions of a set of schemas into one module's source."""

    def __init__(self, schema_of: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
        self.schema_of = schema_of  # resolves "$ref", one object per schema node
        self.names: dict[int, str] = {}
        self.constants: dict[str, Any] = {}
        self.children: dict[str, dict[str, str]] = {}  # constant -> {property: function}
        self.source: list[str] = []

    def write(self, schemas: dict[str, dict[str, Any]]) -> dict[str, Pass]:
        """The pass function of each named schema."""
        names = {kind: self._function(schema) for kind, schema in schemas.items()}
        namespace: dict[str, Any] = dict(self.constants)
        exec(compile("\n".join(self.source), "<schema passes>", "exec"), namespace)
        for constant, functions in self.children.items():
            namespace[constant] = {key: namespace[name] for key, name in functions.items()}
        return {kind: namespace[name] for kind, name in names.items()}

    def _constant(self, value: Any) -> str:
        name = f"_c{len(self.constants) + len(self.children)}"
        self.constants[name] = value
        return name

    def _function(self, node: dict[str, Any]) -> str:
        key = id(node)
        if key in self.names:
            return self.names[key]
        schema = self.schema_of(node)
        name = self.names[key] = f"_pass{len(self.names)}"
        body = self._body(schema)  # writes the functions of its parts first
        self.source += [f"def {name}(v, path, nodes):", *body, "    return True", ""]
        return name

    def _body(self, schema: dict[str, Any]) -> list[str]:
        lines = [f"    nodes.append((path, v, {self._constant(schema)}))"]
        expected = schema.get("type")
        types = [] if expected is None else [expected] if isinstance(expected, str) else expected
        known = _ONE_TEST_TYPES.get(types[0]) if len(types) == 1 else None
        if types:
            tests = " or ".join(_TYPE_TESTS[t] for t in types)
            lines.append(f"    if not ({tests}): return False")

        def when(kind: str, test: str) -> None:
            # the keyword applies to values of one kind; the type test may already say so
            guard = "" if known == kind else f"{_GUARDS[kind]} and "
            lines.append(f"    if {guard}{test}: return False")

        if "enum" in schema:
            members = self._constant(set(schema["enum"]))
            guard = "" if known == "str" else "not isinstance(v, (str, int, float)) or "
            lines.append(f"    if {guard}v not in {members}: return False")
        if "pattern" in schema:
            when("str", f"not {self._constant(compile_pattern(schema['pattern']))}(v)")
        for keyword, kind, operator in _SIZE_BOUNDS:
            if keyword in schema:
                when(kind, f"not (len(v) {operator} {schema[keyword]!r})")
        for keyword, operator in (("minimum", ">="), ("maximum", "<=")):
            if keyword in schema:  # `not (a >= b)`, not `a < b`: a NaN fails as in the checks
                bound = self._constant(schema[keyword])
                lines.append(f"    if {_NUMERIC} and not (v {operator} {bound}): return False")
        if "required" in schema:
            when("dict", f"not (v.keys() >= {self._constant(frozenset(schema['required']))})")
        properties = schema.get("properties", {})
        if schema.get("additionalProperties") is False:
            when("dict", f"not (v.keys() <= {self._constant(frozenset(properties))})")
        if properties:
            functions = {name: self._function(sub) for name, sub in properties.items()}
            children = f"_c{len(self.constants) + len(self.children)}"
            self.children[children] = functions
            lines += _loop(
                "dict",
                known,
                "for name, item in v.items():",
                f"part = {children}.get(name)",
                "if part is not None and not part(item, (*path, name), nodes):",
            )
        if "items" in schema:
            part = self._function(schema["items"])
            lines += _loop(
                "list",
                known,
                "for index, item in enumerate(v):",
                f"if not {part}(item, (*path, index), nodes):",
            )
        return lines


def _loop(kind: str, known: str | None, head: str, *body: str) -> list[str]:
    """Lines of a loop over the parts of a value of `kind` whose last line fails the pass;
    guarded by a type test unless the schema's own type test already made it."""
    guard = "" if known == kind else f"    if {_GUARDS[kind]}:\n"
    indent = "    " if known == kind else "        "
    return [
        f"{guard}{indent}{head}",
        *(f"{indent}    {line}" for line in body),
        f"{indent}        return False",
    ]
