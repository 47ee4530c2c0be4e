"""Walking a record alongside its JSON Schema, to find the values the schema annotates.

Record schemas mark meaning with a few keywords of their own, which JSON Schema validators
ignore and this walker reads: "x-ref" (the value is the id of a record of that kind),
"x-date" (a YYYY[-MM[-DD]] date), "x-count" (a low/best/high range), "x-unique" (items of
an array must differ in these keys) and "x-vocabulary" (a controlled vocabulary).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from indopak.io.yamlload import Path
from indopak.schema.schemaref import Resolver

Schema = dict[str, Any]


def compile_pattern(pattern: str) -> Callable[[str], re.Match[str] | None]:
    """The search function of a JSON Schema pattern, with JSON Schema's meaning of `$`:
    the end of the text only. (In Python `$` also matches before a final newline, so
    `"2025-04-24\\n"` would pass `^[0-9-]+$`.)"""
    out, in_class, escaped = [], False, False
    for char in pattern:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif char == "[" and not in_class:
            in_class = True
            out.append(char)
        elif char == "]" and in_class:
            in_class = False
            out.append(char)
        elif char == "$" and not in_class:
            out.append(r"\Z")
        else:
            out.append(char)
    return re.compile("".join(out)).search


class SchemaWalker:
    def __init__(self, schemas: dict[str, Schema]) -> None:
        self.resolve = Resolver(schemas).resolve

    def walk(
        self, schema: Schema, data: Any, path: Path = ()
    ) -> Iterator[tuple[Path, Any, Schema]]:
        """Yield (path, value, resolved schema) for every value the schema describes."""
        stack = [(schema, data, path)]
        while stack:
            node, value, where = stack.pop()
            node = self.resolve(node)
            yield where, value, node
            if isinstance(value, dict):
                props = node.get("properties")
                if props:
                    for key, item in value.items():
                        sub = props.get(key)
                        if sub is not None:
                            stack.append((sub, item, where + (key,)))
            elif isinstance(value, list):
                items = node.get("items")
                if items is not None:
                    for index, item in enumerate(value):
                        stack.append((items, item, where + (index,)))
