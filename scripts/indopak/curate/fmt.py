"""One canonical layout for record files, keeping their comments.

Keys follow the order of the record schema; short mappings and lists of plain values go on
one line in flow style; dates are always quoted; long text is folded at the line width.
Formatting never changes a value, except that it takes the tracking parameters of
schemas/policy.yaml out of a source's URLs: the result is parsed again and compared with
the input, and a file whose data would otherwise change is left alone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from indopak.io.yamlload import Document, Path, load_yaml, resolve_plain
from indopak.schema.project import Project
from indopak.schema.schemawalk import SchemaWalker

WIDTH = 100
MAX_FLOW_KEYS = 3  # outside lists, larger mappings (a location, say) read better as blocks
INDENT = "  "
_PLAIN_SAFE = re.compile(r"[A-Za-z0-9À-ɏḀ-ỿ(][^\n]*")
_FLOW_UNSAFE = re.compile(r"[,\[\]{}]")


class FormatError(Exception):
    """The file cannot be formatted without changing its data."""


@dataclass
class Comments:
    before: dict[Path, list[str]] = field(default_factory=dict)  # full-line comments
    after: dict[Path, str] = field(default_factory=dict)  # end-of-line comments
    tail: list[str] = field(default_factory=list)  # comments after the last value


def collect_comments(text: str, doc: Document) -> Comments:
    assert doc.layout is not None
    outer: dict[int, Path] = {}  # comments above a line belong to its outermost element
    inner: dict[int, Path] = {}  # a comment at the end of a line, to its innermost one
    for path, (line, _col) in sorted(doc.marks.items(), key=lambda kv: len(kv[0])):
        outer.setdefault(line, path)
        inner[line] = path
    lines = text.splitlines()
    out = Comments()
    pending: list[str] = []
    for number, line in enumerate(lines, 1):
        if number in doc.layout.inside:
            continue
        stripped = line.strip()
        if stripped.startswith("#"):
            pending.append(stripped)
            continue
        if number in outer:
            if pending:
                out.before.setdefault(outer[number], []).extend(pending)
                pending = []
            rest = line[doc.layout.line_ends.get(number, len(line)) :]
            match = re.match(r"\s*(#.*)$", rest)
            if match:
                out.after[inner[number]] = match.group(1).rstrip()
    out.tail = pending
    return out


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def scalar(value: Any, flow: bool = False, force_quotes: bool = False) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    plain = (
        not force_quotes
        and _PLAIN_SAFE.fullmatch(text) is not None
        and text == text.strip()
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and not (flow and _FLOW_UNSAFE.search(text))
        and resolve_plain(text) == text
        and _safe_load_equal(text)
    )
    return text if plain else _quoted(text)


def _safe_load_equal(text: str) -> bool:
    try:
        return yaml.safe_load(text) == text
    except yaml.YAMLError:
        return False


def _fold(text: str, indent: str) -> list[str] | None:
    """Lines of a folded block scalar (>-) for text, or None if folding would alter it."""
    if "\n" in text or text != text.strip() or "  " in text or "\t" in text:
        return None
    words = text.split(" ")
    lines, current = [], ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if current and len(indent) + len(candidate) > WIDTH:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return [indent + line for line in lines]


class Formatter:
    def __init__(self, project: Project) -> None:
        self.schemas = project.record_schemas
        self.walker = SchemaWalker(self.schemas)
        self.policy = project.policy

    def format_text(self, text: str, kind: str, name: str = "record") -> str:
        doc, findings = load_yaml(text.encode("utf-8"), name, layout=True)
        if doc is None:
            raise FormatError(findings[0].text() if findings else "unreadable YAML")
        schema = self.schemas["tombstone" if "retired" in doc.data else kind]
        self.comments = collect_comments(text, doc)
        data = self._untracked(doc.data) if kind == "source" else doc.data
        out: list[str] = list(self.comments.before.get((), []))  # the file's header
        self._mapping(data, schema, (), "", out)
        out += self.comments.tail
        result = "\n".join(out) + "\n"
        again, _ = load_yaml(result.encode("utf-8"), name)
        if again is None or again.data != data:
            raise FormatError("formatting would change the data; left as it is")
        return result

    def _untracked(self, data: dict) -> dict:
        """A source's data with the tracking parameters of schemas/policy.yaml taken out of
        its URLs (the one change of value that formatting makes)."""
        cleaned = dict(data)
        for key in ("url", "archive_url"):
            if isinstance(data.get(key), str):
                cleaned[key] = self.policy.strip_tracking(data[key])
        return cleaned

    # -- emitters -----------------------------------------------------------------------

    def _order(self, mapping: dict, schema: dict) -> list[str]:
        props = list(self.walker.resolve(schema).get("properties", {}))
        known = [k for k in props if k in mapping]
        return known + [k for k in mapping if k not in props]

    def _sub(self, schema: dict, key: str | None) -> dict:
        resolved = self.walker.resolve(schema)
        if key is None:
            return resolved.get("items", {})
        return resolved.get("properties", {}).get(key, {})

    def _flow(self, value: Any, schema: dict, in_list: bool = False) -> str | None:
        if isinstance(value, dict):
            if any(isinstance(v, (dict, list)) for v in value.values()) or not value:
                return None
            if not in_list and len(value) > MAX_FLOW_KEYS:
                return None
            if any(self.walker.resolve(self._sub(schema, k)).get("x-block") for k in value):
                return None  # prose (quotes, summaries) reads better one field a line
            parts = [
                f"{k}: {self._scalar(value[k], self._sub(schema, k), flow=True)}"
                for k in self._order(value, schema)
            ]
            return "{" + ", ".join(parts) + "}"
        if isinstance(value, list):
            if any(isinstance(v, (dict, list)) for v in value) or not value:
                return None
            return (
                "["
                + ", ".join(self._scalar(v, self._sub(schema, None), flow=True) for v in value)
                + "]"
            )
        return None

    def _scalar(self, value: Any, schema: dict, flow: bool = False) -> str:
        resolved = self.walker.resolve(schema)
        return scalar(value, flow=flow, force_quotes=bool(resolved.get("x-date")))

    def _note(self, path: Path, indent: str, out: list[str]) -> None:
        """Full-line comments that stood before the element at `path`."""
        out.extend(indent + line for line in self.comments.before.get(path, []))

    def _with_comment(self, line: str, path: Path, whole: bool = False) -> str:
        """The line with the end-of-line comment of `path` (with `whole`, of its parts too)."""
        if whole:
            found = [
                c
                for p, c in sorted(self.comments.after.items(), key=lambda kv: str(kv[0]))
                if p[: len(path)] == path
            ]
        else:
            found = [self.comments.after[path]] if path in self.comments.after else []
        return f"{line}  {' '.join(found)}" if found else line

    def _mapping(
        self,
        mapping: dict,
        schema: dict,
        path: Path,
        indent: str,
        out: list[str],
        first_prefix: str | None = None,
    ) -> None:
        for index, key in enumerate(self._order(mapping, schema)):
            value, sub, here = mapping[key], self._sub(schema, key), path + (key,)
            lead = first_prefix if (first_prefix is not None and index == 0) else indent
            self._note(here, indent, out)
            self._entry(f"{lead}{key}:", value, sub, here, indent, out)

    def _entry(
        self, head: str, value: Any, schema: dict, path: Path, indent: str, out: list[str]
    ) -> None:
        if isinstance(value, (dict, list)) and value:
            flow = self._flow(value, schema)
            if flow is not None and len(head) + 1 + len(flow) <= WIDTH:
                out.append(self._with_comment(f"{head} {flow}", path, whole=True))
            elif isinstance(value, dict):
                out.append(self._with_comment(head, path))
                self._mapping(value, schema, path, indent + INDENT, out)
            else:
                out.append(self._with_comment(head, path))
                self._sequence(value, schema, path, indent + INDENT, out)
            return
        if isinstance(value, (dict, list)):
            out.append(
                self._with_comment(f"{head} {'{}' if isinstance(value, dict) else '[]'}", path)
            )
            return
        rendered = self._scalar(value, schema)
        if len(head) + 1 + len(rendered) > WIDTH and isinstance(value, str):
            folded = _fold(value, indent + INDENT)
            if folded is not None:
                out.append(self._with_comment(f"{head} >-", path))
                out.extend(folded)
                return
        out.append(self._with_comment(f"{head} {rendered}", path))

    def _sequence(self, items: list, schema: dict, path: Path, indent: str, out: list[str]) -> None:
        item_schema = self._sub(schema, None)
        for index, item in enumerate(items):
            here = path + (index,)
            self._note(here, indent, out)
            flow = (
                self._flow(item, item_schema, in_list=True)
                if isinstance(item, (dict, list))
                else None
            )
            if flow is not None and len(indent) + 2 + len(flow) <= WIDTH:
                out.append(self._with_comment(f"{indent}- {flow}", here, whole=True))
            elif isinstance(item, dict) and item:
                self._mapping(
                    item, item_schema, here, indent + INDENT, out, first_prefix=f"{indent}- "
                )
            elif isinstance(item, list) and item:
                out.append(self._with_comment(f"{indent}-", here))
                self._sequence(item, item_schema, here, indent + INDENT, out)
            else:
                out.append(self._with_comment(f"{indent}- {self._scalar(item, item_schema)}", here))
