"""The published rows of one record, rendered once and kept with the file's status.

A build needs every record's rows; rendering them means parsing every file again. Instead,
each record's rows are rendered as soon as the record is read (by validate, on every core)
into one string: for each row its table, a sort key that orders as the primary key does,
its CSV line and its JSON object. `RowStore` keeps these strings by file status, so a build
after an edit parses and renders only the edited files and assembles the tables from
strings. `assemble` gives exactly the bytes of `build.render_csv` and `render_json_rows`.
"""

from __future__ import annotations

import array
import contextlib
import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from indopak.schema.project import Project
from indopak.schema.state import cache_dir
from indopak.schema.tables import Plan, Tables, add_record
from indopak.validation.cache import (
    RACY_NS,
    SEPARATOR,
    STALE,
    WIDTH,
    Stat,
    join_column,
    read_sealed,
    split_column,
    write_sealed,
)
from indopak.validation.records import Record

FORMAT = 4
FILE = "rows.marshal"
# Separators: between the four parts of a row and between rows alike (every row has four
# parts, so one split of any number of rows gives them four by four), and between the parts
# of a sort key (lower than any character a valid record's text may hold: the text rules
# refuse control characters other than the newline).
PART, KEY = "\x1f", "\x02"


def reserved_in(text: str) -> bool:
    """Whether the text holds a character the row strings use as a separator (a test of
    each character runs in C, several times faster than a character-class search)."""
    return "\x00" in text or "\x01" in text or KEY in text or PART in text


_INT_WIDTH = 20


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def sort_text(values: Iterable[Any]) -> str | None:
    """A string whose order is the order of the key tuple (ints before text, ints by
    value); None when a value cannot be encoded so (the caller then keeps no rows)."""
    parts = []
    for value in values:
        if isinstance(value, int):  # bools too, as tables._sort_key treats them
            if value < 0 or len(str(int(value))) > _INT_WIDTH:
                return None
            parts.append(f"0{int(value):0{_INT_WIDTH}d}")
        else:
            text = str(value)
            if reserved_in(text):
                return None
            parts.append("1" + text)
    return KEY.join(parts)


def csv_field(text: str) -> str:
    """A cell as the csv module writes it with lineterminator "\n": quoted when it holds
    a comma, a double quote or a newline (and then quotes doubled)."""
    if "," in text or '"' in text or "\n" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_line(values: list[str]) -> str:
    """A row as `csv.writer(..., lineterminator="\n").writerow` writes it."""
    if values == [""]:
        return '""\n'  # a lone empty cell is quoted, or the row would read as blank
    line = ",".join(values)
    if line.count(",") == len(values) - 1 and '"' not in line and "\n" not in line:
        return line + "\n"  # no cell needs quotes: one join, no call per cell
    return ",".join([csv_field(v) for v in values]) + "\n"


def _row_encoder() -> Callable[[dict], str]:
    """`json.dumps(row, ensure_ascii=False)` for rows of plain values. The C encoder is made
    once, not once a row as `dumps` does; rows hold no containers, so it skips the check
    for circular references."""
    encoder = json.JSONEncoder(ensure_ascii=False)
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # pragma: no cover - a Python without the C accelerator
        return encoder.encode
    chunks = make(
        None,
        encoder.default,
        json.encoder.encode_basestring,
        None,
        encoder.key_separator,
        encoder.item_separator,
        False,
        False,
        True,
    )
    return lambda row: "".join(chunks(row, 0))


class Renderer:
    """Renders a record's rows for the tables of `plan`."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        schemas = plan.schemas
        self.columns = {name: [f["name"] for f in s["fields"]] for name, s in schemas.items()}
        self.templates = {name: dict.fromkeys(columns) for name, columns in self.columns.items()}
        self.key_positions = {
            name: [self.columns[name].index(k) for k in s["primaryKey"]]
            for name, s in schemas.items()
        }
        self.encode = _row_encoder()

    def render(self, record: Record) -> str | None:
        """The record's rows as one string, or None when they cannot be rendered."""
        out: Tables = defaultdict(list)
        try:
            add_record(out, record, self.plan)
        except Exception:  # a record the rules reject; the build stops before its rows
            return None
        rendered = []
        for table, rows in out.items():
            if table not in self.columns:
                return None
            columns, key = self.columns[table], self.key_positions[table]
            template = self.templates[table]
            for raw in rows:
                row = template.copy()  # every column, in order, None where the row has none
                row.update(raw)
                if len(row) != len(columns):  # the row has a field no column holds: drop it
                    row = {c: raw.get(c) for c in columns}
                values = list(row.values())
                order = sort_text([values[i] for i in key])
                cells = ["" if v is None else v if v.__class__ is str else cell(v) for v in values]
                line = csv_line(cells)
                if order is None or reserved_in(line):
                    return None  # json.dumps escapes control characters; CSV does not
                rendered.append(PART.join((table, order, line, self.encode(row))))
        return PART.join(rendered)


def assemble(blobs: Iterable[str], schemas: dict[str, dict]) -> dict[str, tuple[bytes, bytes, int]]:
    """(CSV bytes, JSON bytes, row count) of every table, from the records' row strings
    in file order."""
    text = PART.join(blob for blob in blobs if blob)
    parts = text.split(PART) if text else []
    tables, orders, lines, objects = parts[0::4], parts[1::4], parts[2::4], parts[3::4]
    by_table: dict[str, list[int]] = defaultdict(list)
    for i, table in enumerate(tables):
        by_table[table].append(i)
    result = {}
    for table, schema in schemas.items():
        # by key; the sort is stable, so rows with equal keys keep file order
        mine = sorted(by_table.get(table, ()), key=orders.__getitem__)
        header = csv_line([f["name"] for f in schema["fields"]])
        csv_bytes = (header + "".join(map(lines.__getitem__, mine))).encode("utf-8")
        if mine:
            joined = ",\n".join(map(objects.__getitem__, mine))
            json_bytes = f"[\n{joined}\n]\n".encode()
        else:
            json_bytes = b"[]\n"
        result[table] = (csv_bytes, json_bytes, len(mine))
    return result


def _columns(stored: dict[str, Any] | None) -> tuple[str, bytes, array.array, str] | None:
    """(paths column, statuses, row string lengths (-1: none), joined rows) of a stored
    file, when they fit one another; None for none or a damaged store."""
    if stored is None:
        return None
    paths, stats, rows = stored.get("paths"), stored.get("stats"), stored.get("rows")
    if not (isinstance(paths, str) and isinstance(stats, bytes) and isinstance(rows, str)):
        return None
    lengths = array.array("q")
    try:
        lengths.frombytes(stored.get("lengths"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    count = paths.count(SEPARATOR) + 1 if paths else 0
    joined = sum(lengths) + lengths.count(-1) + len(lengths) - 1 if lengths else 0
    if len(lengths) != count or len(stats) != 8 * WIDTH * count or joined != len(rows):
        return None
    return paths, stats, lengths, rows


class RowStore:
    """Row strings by file path and status, in the cache folder's `rows.marshal`."""

    def __init__(self, project: Project, key: str) -> None:
        self.path = cache_dir(project) / FILE
        self.key = key

    def stored(self) -> dict[str, Any] | None:
        """The saved file, when it is of this format and fingerprint."""
        stored = read_sealed(self.path)
        if not isinstance(stored, dict):
            return None
        if stored.get("format") != FORMAT or stored.get("fingerprint") != self.key:
            return None
        return stored

    def load(self, stored: dict[str, Any] | None = None) -> dict[str, tuple[Stat, str]]:
        """Row strings by path (from `stored`, else read from disk)."""
        columns = _columns(stored if stored is not None else self.stored())
        if columns is None:
            return {}
        paths, stats, lengths, text = columns
        found = {}
        start = 0
        numbers = iter(array.array("q", stats))
        statuses = zip(*[numbers] * WIDTH, strict=True)
        for path, length, stat in zip(split_column(paths), lengths, statuses, strict=True):
            if length >= 0:
                found[path] = (stat, text[start : start + length])
            start += max(length, 0) + 1
        return found

    @staticmethod
    def signature(files: dict[str, Stat]) -> tuple[str, bytes]:
        """The paths and statuses a store of exactly these files holds, in that order."""
        statuses = array.array("q", [n for stat in files.values() for n in stat])
        return join_column(list(files)), statuses.tobytes()

    def whole(self, stored: dict[str, Any] | None = None) -> tuple[str, bytes, str] | None:
        """The paths and statuses of the store (`stored`, else read from disk) and the rows
        of all its files joined as `assemble` takes them; None unless every file in it has
        rows."""
        columns = _columns(stored if stored is not None else self.stored())
        if columns is None:
            return None
        paths, stats, lengths, text = columns
        if not lengths or min(lengths) < 1:
            return None  # a file without rows (or one left unread)
        return paths, stats, text

    def joined(self, files: dict[str, Stat], stored: dict[str, Any] | None = None) -> str | None:
        """The rows of exactly `files`, in that order, joined as `assemble` takes them,
        straight from the stored text (`stored`, else read from disk); None unless the
        store holds just those files, with those statuses, each with rows (then `load`
        gives them one by one)."""
        stored = stored if stored is not None else self.stored()
        if stored is None or (stored.get("paths"), stored.get("stats")) != self.signature(files):
            return None
        whole = self.whole(stored)
        return whole[2] if whole is not None else None

    def save(self, rows: dict[str, tuple[Stat, str | None]]) -> None:
        racy = time.time_ns() - RACY_NS
        stats = array.array("q")
        for stat, _blob in rows.values():
            stats.extend(stat if stat[1] < racy else STALE)
        blobs = [blob for _stat, blob in rows.values()]
        lengths = array.array("q", [-1 if blob is None else len(blob) for blob in blobs])
        stored = {
            "format": FORMAT,
            "fingerprint": self.key,
            "paths": join_column(list(rows)),
            "stats": stats.tobytes(),
            # the row strings joined by the separator the rows themselves use, so that all
            # of them are the text `assemble` takes as they are; the lengths split them
            "lengths": lengths.tobytes(),
            "rows": PART.join(["" if blob is None else blob for blob in blobs]),
        }
        with contextlib.suppress(OSError):
            write_sealed(self.path, stored)
