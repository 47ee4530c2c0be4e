"""Strict, safe YAML loading that remembers where every key and item was written.

Records are read from the parser's event stream (libyaml's C parser when available), so the
loader can refuse what a plain `safe_load` would accept silently: duplicate keys, anchors and
aliases, explicit tags, several documents, and YAML 1.1 typing of plain scalars. Plain
scalars resolve by a small YAML 1.2-like rule set: `null`/`~`/empty, `true`/`false`, decimal
integers without leading zeros and decimal floats; everything else, dates and times included,
stays a string.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import yaml

from indopak.io.errors import Finding

try:
    from yaml.cyaml import CParser as _Parser

    _Loader: type = yaml.CSafeLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = _Parser = yaml.SafeLoader

MAX_BYTES = 256 * 1024
MAX_DEPTH = 16

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+]?[0-9]+)?")
_NUMBER_START = frozenset("-+0123456789")  # what both number patterns start with
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})

Path = tuple[str | int, ...]


@dataclass
class Layout:
    """Where values end, for tools that rewrite a file (comments live around them)."""

    line_ends: dict[int, int] = field(default_factory=dict)  # line -> last column used
    # lines that belong to multi-line scalars (after the line the scalar starts on)
    inside: set[int] = field(default_factory=set)


@dataclass
class Document:
    """A parsed record and the 1-based (line, column) of each key or item, by path."""

    data: Any
    marks: dict[Path, tuple[int, int]] = field(default_factory=dict)
    layout: Layout | None = None
    # For a document whose data came without marks (from another process): reads them.
    find_marks: Callable[[], dict[Path, tuple[int, int]]] | None = None

    def mark(self, path: Path) -> tuple[int, int]:
        """Position of `path`, or of its nearest written ancestor."""
        if self.find_marks is not None:
            self.marks, self.find_marks = self.find_marks(), None
        while path:
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), (1, 1))


def resolve_plain(value: str) -> Any:
    """Type of an unquoted scalar: null, bool, int, float or (by default) str."""
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if value[0] not in _NUMBER_START:  # most plain scalars are words: no pattern to try
        return value
    if _INT.fullmatch(value):
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


class _Abort(Exception):
    """Stops the event walk at the first structural error."""


def _check_bytes(raw: bytes, path: str) -> tuple[str | None, list[Finding]]:
    """Byte-level checks; returns the decoded text when the bytes are acceptable."""
    if len(raw) > MAX_BYTES:
        return None, [
            Finding(
                path,
                1,
                1,
                "yaml-too-large",
                f"file is {len(raw)} bytes; a record may be at most {MAX_BYTES} bytes",
            )
        ]
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [
            Finding(
                path,
                1,
                1,
                "yaml-bom",
                "file starts with a byte-order mark; save it as UTF-8 without BOM",
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = raw[: exc.start].decode("utf-8", errors="replace")
        line, col = line_col(prefix, len(prefix))
        return None, [
            Finding(
                path,
                line,
                col,
                "yaml-encoding",
                f"invalid UTF-8 byte 0x{raw[exc.start]:02x}; save the file as UTF-8",
            )
        ]
    findings = []
    for rule, char, what in (("yaml-nul", "\x00", "a NUL byte"), ("yaml-tab", "\t", "a tab")):
        if char not in text:
            continue
        seen_lines: set[int] = set()
        for match in re.finditer(re.escape(char), text):
            line, col = line_col(text, match.start())
            if line not in seen_lines:
                seen_lines.add(line)
                hint = "indent with spaces" if char == "\t" else "remove it"
                findings.append(Finding(path, line, col, rule, f"{what} is not allowed; {hint}"))
    for match in _CONFLICT.finditer(text):
        line, _col = line_col(text, match.start())
        findings.append(
            Finding(
                path,
                line,
                1,
                "yaml-merge-conflict",
                f"git merge-conflict marker {match.group(1)!r}: keep one side of the "
                "conflict, delete the markers, then validate again",
            )
        )
    if not text or text.isspace():
        findings.append(Finding(path, 1, 1, "yaml-empty", "file is empty"))
    return (None if findings else text), findings


# The lines git writes around a conflict (`=======` alone on its line in the middle).
_CONFLICT = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?= |$)", re.MULTILINE)

# libyaml's own limit on nesting, reached before ours when a flow collection opens many
# levels on one line: the same mistake as any other nesting that is too deep.
_LIBYAML_DEPTH = "exceeded maximum nesting depth"

# One-line hints for the parser errors contributors meet most.
_HINTS = (
    ("mapping values are not allowed here", "a value holding ': ' must be quoted"),
    ("found character that cannot start any token", "quote a value that starts with @, ` or %"),
    ("could not find expected ':'", "each line needs 'key: value'; check the indentation"),
    (
        "did not find expected key",
        "check the indentation of this line and that every quote is closed",
    ),
    (
        "did not find expected '-' indicator",
        "every item of a list starts with '- ' at the same indentation",
    ),
    ("found unexpected end of stream", "a quotation mark or bracket is not closed"),
)


def _syntax(path: str, line: int, col: int, problem: str) -> Finding:
    if _LIBYAML_DEPTH in problem:
        message = f"nesting deeper than {MAX_DEPTH} levels is not allowed"
        return Finding(path, line, col, "yaml-too-deep", message)
    for start, hint in _HINTS:
        if problem.startswith(start):
            problem = f"{problem} ({hint})"
            break
    return Finding(path, line, col, "yaml-syntax", problem)


def load_yaml(
    raw: bytes, path: str, layout: bool = False, marks: bool = True
) -> tuple[Document | None, list[Finding]]:
    """Parse one record file. Returns the document, or None and the reasons it was refused.

    With `layout`, the document also records where each value ends (for `indopak fmt`).
    Without `marks`, a clean file's positions are worked out only when one is asked for
    (most records are never asked: they have no finding).
    """
    text, findings = _check_bytes(raw, path)
    if text is None:
        return None, findings
    if not layout:
        fast = _load_composed(text, marks)
        if fast is not None:
            if not marks:
                fast.find_marks = partial(_marks_of, text)
            return fast, []
    walker = _Walker(path, Layout() if layout else None)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            walker.feed(event)
    except _Abort:
        pass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        walker.findings.append(_syntax(path, line, col, problem))
    except yaml.YAMLError as exc:
        position = getattr(exc, "position", None)
        line, col = line_col(text, position) if isinstance(position, int) else (1, 1)
        reason = getattr(exc, "reason", None) or str(exc).splitlines()[0]
        walker.findings.append(_syntax(path, line, col, reason))
    if walker.findings:
        return None, walker.findings
    if walker.documents == 0 or walker.root is None:
        return None, [Finding(path, 1, 1, "yaml-empty", "file holds no record")]
    if not isinstance(walker.root, dict):
        kind = "a list" if isinstance(walker.root, list) else "a single value"
        return None, [
            Finding(
                path,
                1,
                1,
                "yaml-not-mapping",
                f"a record must be a mapping of field: value, not {kind}",
            )
        ]
    return Document(walker.root, walker.marks, walker.layout), []


# Anchors, aliases and tags all need one of these characters; a file without them can be
# composed by libyaml in one call and checked by the short walk below.
_MAYBE_UNSAFE = re.compile(r"[&*!]")


_SCALAR, _MAPPING = yaml.ScalarNode, yaml.MappingNode


class _Fallback(Exception):
    """The short walk met something only the event walker reports precisely."""


class _UntypedComposer(_Parser):  # type: ignore[misc,valid-type]
    """Composes nodes without PyYAML's tag resolution: plain scalars are typed by
    resolve_plain instead, and their tags are never read. The parser calls these three
    for every node; a bound `str.format` of the empty string takes any arguments and
    returns "" without running a Python frame."""

    resolve = descend_resolver = ascend_resolver = "".format


def _load_composed(text: str, with_marks: bool = True) -> Document | None:
    """Fast path for the common, clean file: the same data and marks as the event walker
    (without `with_marks`, the data alone), or None when the file needs the event walker
    (any error, or a character that could start an anchor, alias or tag)."""
    if _MAYBE_UNSAFE.search(text):
        return None
    try:
        root = yaml.compose(text, Loader=_UntypedComposer)
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    start = root.start_mark
    marks: dict[Path, tuple[int, int]] = {(): (start.line + 1, start.column + 1)}
    try:
        data = _compose_value(root, (), marks if with_marks else None, 1)
    except _Fallback:
        return None
    return Document(data, marks if with_marks else {})


def _marks_of(text: str) -> dict[Path, tuple[int, int]]:
    doc = _load_composed(text)
    return doc.marks if doc is not None else {}


def _compose_value(node: Any, path: Path, marks: dict | None, depth: int) -> Any:
    """The value of a composed node; with `marks`, also the position of each key and item.
    Scalar children are typed in the loop: most values are scalars, and a call each would
    cost more than typing them."""
    if node.__class__ is _SCALAR:
        return node.value if node.style else resolve_plain(node.value)
    if depth >= MAX_DEPTH:
        raise _Fallback
    child = path
    if node.__class__ is _MAPPING:
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is not _SCALAR:
                raise _Fallback
            key = key_node.value
            if key in mapping:
                raise _Fallback
            if marks is not None:
                child = path + (key,)
                marks[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if value_node.__class__ is _SCALAR:
                value = value_node.value
                mapping[key] = value if value_node.style else resolve_plain(value)
            else:
                mapping[key] = _compose_value(value_node, child, marks, depth + 1)
        return mapping
    items: list[Any] = []
    for index, item in enumerate(node.value):
        if marks is not None:
            child = path + (index,)
            marks[child] = (item.start_mark.line + 1, item.start_mark.column + 1)
        if item.__class__ is _SCALAR:
            items.append(item.value if item.style else resolve_plain(item.value))
        else:
            items.append(_compose_value(item, child, marks, depth + 1))
    return items


class _Walker:
    """Builds plain Python values from parser events, refusing unsafe or ambiguous YAML."""

    def __init__(self, path: str, layout: Layout | None = None) -> None:
        self.path = path
        self.layout = layout
        self.findings: list[Finding] = []
        self.marks: dict[Path, tuple[int, int]] = {}
        self.stack: list[list[Any]] = []  # frames: [container, path, pending key or None]
        self.root: Any = None
        self.documents = 0

    def fail(self, event: Any, rule: str, message: str) -> None:
        mark = event.start_mark
        self.findings.append(Finding(self.path, mark.line + 1, mark.column + 1, rule, message))
        raise _Abort

    def feed(self, event: Any) -> None:
        if self.layout is not None and event.end_mark is not None:
            line, col = event.end_mark.line + 1, event.end_mark.column
            ends = self.layout.line_ends
            ends[line] = max(ends.get(line, 0), col)
            if isinstance(event, yaml.ScalarEvent) and event.start_mark.line + 1 < line:
                last = line if col > 0 else line - 1
                self.layout.inside.update(range(event.start_mark.line + 2, last + 1))
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.fail(
                    event,
                    "yaml-multiple-documents",
                    "a record file holds one YAML document; remove the extra '---'",
                )
            return
        if isinstance(event, yaml.AliasEvent):
            self.fail(
                event,
                "yaml-alias",
                f"alias '*{event.anchor}' is not allowed; write the value out in full",
            )
        if isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if event.anchor is not None:
                self.fail(
                    event,
                    "yaml-anchor",
                    f"anchor '&{event.anchor}' is not allowed; write values out in full",
                )
            if event.tag is not None:
                self.fail(
                    event,
                    "yaml-tag",
                    f"explicit tag '{event.tag}' is not allowed; write a plain value",
                )
        if isinstance(event, yaml.ScalarEvent):
            value = event.value if event.style else resolve_plain(event.value)
            self.place(event, value, is_container=False)
        elif isinstance(event, yaml.MappingStartEvent):
            self.place(event, {}, is_container=True)
        elif isinstance(event, yaml.SequenceStartEvent):
            self.place(event, [], is_container=True)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.stack.pop()

    def place(self, event: Any, value: Any, is_container: bool) -> None:
        mark = (event.start_mark.line + 1, event.start_mark.column + 1)
        if not self.stack:
            self.root = value
            self.marks[()] = mark
            if is_container:
                self.stack.append([value, (), None])
            return
        frame = self.stack[-1]
        container, parent, pending = frame
        if isinstance(container, dict):
            if pending is None:  # this node is a key
                if is_container:
                    self.fail(event, "yaml-complex-key", "mapping keys must be plain words")
                key = str(event.value)
                if key in container:
                    first = self.marks.get(parent + (key,), (0, 0))[0]
                    self.fail(
                        event,
                        "yaml-duplicate-key",
                        f"key '{key}' appears twice in the same mapping (first on line {first})",
                    )
                container[key] = None
                self.marks[parent + (key,)] = mark
                frame[2] = key
                return
            container[pending] = value
            path = parent + (pending,)
            frame[2] = None
        else:
            path = parent + (len(container),)
            container.append(value)
            self.marks[path] = mark
        if is_container:
            if len(self.stack) >= MAX_DEPTH:
                self.fail(
                    event, "yaml-too-deep", f"nesting deeper than {MAX_DEPTH} levels is not allowed"
                )
            self.stack.append([value, path, None])
