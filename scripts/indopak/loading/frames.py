"""Published tables as typed, validated pandas DataFrames.

Dtypes and pandera schemas are derived from the Table Schemas inside datapackage.json, so
a downloaded package needs nothing else: strings become pandas strings, integers nullable
Int64, numbers Float64, dates datetime64, and vocabularies Categoricals with the schema's codes.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import json
import numbers
import re
import urllib.request
import zipfile
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa
import pyarrow as arrow
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

with contextlib.suppress(ImportError):
    # pandera imports its pandas checks (and hypothesis, when installed) on the first
    # validate; importing them with this module keeps that out of the first load()
    import pandera.backends.pandas.builtin_checks  # noqa: F401

DEFAULT_DESCRIPTOR = "datapackage.json"
STRING = pd.StringDtype("pyarrow")  # strings stay in arrow memory, as pyarrow read them


class LoadError(Exception):
    """The package could not be read or its tables did not pass validation."""


def dtype_of(field: dict[str, Any]) -> Any:
    codes = field.get("constraints", {}).get("enum")
    if codes is not None:
        return pd.CategoricalDtype(categories=codes)
    return {
        "integer": "Int64",
        "number": "Float64",
        "date": "datetime64[ns]",
        "boolean": "boolean",
    }.get(field["type"], STRING)


@functools.cache
def _arrow_can_match(regex: str) -> bool:
    """Whether arrow's regex engine (RE2) accepts the expression."""
    try:
        pc.match_substring_regex(arrow.array([""], arrow.string()), regex)
    except arrow.ArrowInvalid:
        return False
    return True


def _arrow_check(name: str, error: str, test: Any) -> pa.Check:
    """A pandera check that `test` runs on the column's arrow array (empty cells pass)."""

    def check(series: pd.Series) -> pd.Series:
        ok = test(_arrow(series)).fill_null(True)
        return pd.Series(ok.to_numpy(zero_copy_only=False), index=series.index)

    return pa.Check(check, name=name, error=error)


def matches(pattern: str) -> pa.Check:
    """Every value matches the whole pattern. Run by arrow on the column's own buffers:
    pandas' str.match recompiles the expression in Python on each call to vet it."""
    regex = f"^(?:{pattern})$"
    if not _arrow_can_match(regex):
        return pa.Check.str_matches(regex)
    test = functools.partial(pc.match_substring_regex, pattern=regex)
    return _arrow_check("str_matches", f"str_matches('{regex}')", test)


def length_within(low: int | None, high: int | None) -> pa.Check:
    """Every value has between `low` and `high` characters, counted by arrow on the
    column's own buffers (pandas' str.len visits each value in Python)."""

    def test(values: Any) -> Any:
        lengths = pc.utf8_length(values)
        return pc.and_(
            pc.greater_equal(lengths, low if low is not None else 0),
            pc.less_equal(lengths, high) if high is not None else pc.is_valid(lengths),
        )

    return _arrow_check("str_length", f"str_length({low}, {high})", test)


def pandera_schema(name: str, schema: dict[str, Any]) -> pa.DataFrameSchema:
    """A pandera schema equivalent to a Frictionless Table Schema (one column each)."""
    key = schema.get("primaryKey", [])
    key = [key] if isinstance(key, str) else key
    columns = {}
    for field in schema["fields"]:
        constraints = field.get("constraints", {})
        checks = []
        if "pattern" in constraints:
            checks.append(matches(constraints["pattern"]))
        if "minimum" in constraints:
            checks.append(pa.Check.ge(constraints["minimum"]))
        if "maximum" in constraints:
            checks.append(pa.Check.le(constraints["maximum"]))
        if "minLength" in constraints or "maxLength" in constraints:
            checks.append(length_within(constraints.get("minLength"), constraints.get("maxLength")))
        dtype = dtype_of(field)
        columns[field["name"]] = pa.Column(
            # read_resource gives string columns this dtype by construction, and pandera's
            # check of it formats a failure report even when every value passes
            None if dtype is STRING else dtype,
            checks=checks,
            nullable=not (constraints.get("required") or field["name"] in key),
            unique=key == [field["name"]],
        )
    # a composite key's uniqueness is checked in cross_checks: pandera's check is slow
    return pa.DataFrameSchema(columns, strict=True, ordered=True, name=name)


@dataclass
class _Package:
    descriptor: dict[str, Any]
    read: Any  # callable: resource path -> bytes


def _open_package(path_or_url: str | Path | None) -> _Package:
    source = str(path_or_url) if path_or_url is not None else DEFAULT_DESCRIPTOR
    if source.startswith(("http://", "https://")):
        base = source.rsplit("/", 1)[0] if source.endswith(".json") else source.rstrip("/")
        url = source if source.endswith(".json") else f"{base}/{DEFAULT_DESCRIPTOR}"

        def fetch(rel: str) -> bytes:
            with urllib.request.urlopen(f"{base}/{rel}", timeout=60) as response:
                return response.read()

        with urllib.request.urlopen(url, timeout=60) as response:
            return _Package(json.loads(response.read()), fetch)
    path = Path(source)
    if path.suffix == ".zip":
        archive = zipfile.ZipFile(path)
        names = archive.namelist()
        descriptor = min(
            (
                n
                for n in names
                if n.endswith(DEFAULT_DESCRIPTOR) and not n.endswith("json/" + DEFAULT_DESCRIPTOR)
            ),
            key=len,
            default=None,
        )
        if descriptor is None:
            raise LoadError(f"{path} holds no {DEFAULT_DESCRIPTOR}")
        prefix = descriptor[: -len(DEFAULT_DESCRIPTOR)]
        return _Package(
            json.loads(archive.read(descriptor)), lambda rel: archive.read(prefix + rel)
        )
    if path.is_dir():
        path = path / DEFAULT_DESCRIPTOR
    if not path.is_file():
        raise LoadError(f"no data package at {path}")
    base_dir = path.parent
    return _Package(
        json.loads(path.read_text(encoding="utf-8")), lambda rel: (base_dir / rel).read_bytes()
    )


def _arrow_type(field: dict[str, Any]) -> arrow.DataType:
    if field["type"] == "string" and "enum" in field.get("constraints", {}):
        return arrow.dictionary(arrow.int32(), arrow.string())
    return {
        "integer": arrow.int64(),
        "number": arrow.float64(),
        "date": arrow.date32(),  # strict YYYY-MM-DD, real days only
        "boolean": arrow.bool_(),
    }.get(field["type"], arrow.string())


_PANDAS_TYPES = {  # arrow type -> nullable pandas dtype; others keep pyarrow's default
    arrow.int64(): pd.Int64Dtype(),
    arrow.float64(): pd.Float64Dtype(),
    arrow.bool_(): pd.BooleanDtype(),
    arrow.string(): STRING,
}


_CONVERSION = re.compile(r"In CSV column #(\d+): CSV conversion error to .*: invalid value '(.*)'")
_TYPE_WORDS = {"date": "date (YYYY-MM-DD)"}


def _read_error(path: str, content: bytes, fields: list[dict], exc: Exception) -> str:
    """What pyarrow could not read, with the row and column of a cell of the wrong type."""
    found = _CONVERSION.search(str(exc))
    if found is None or int(found[1]) >= len(fields):
        return f"{path}: {exc}"
    column, value = int(found[1]), found[2]
    field = fields[column]
    where = next(
        (
            f"line {line}, "
            for line, row in _lines_and_rows(content)
            if len(row) > column and row[column] == value
        ),
        "",
    )
    wanted = _TYPE_WORDS.get(field["type"], field["type"])
    return f"{path}: {where}column {field['name']}: {value!r} is not a valid {wanted}"


def read_resource(content: bytes, resource: dict[str, Any]) -> pd.DataFrame:
    """One table (its CSV bytes) read by pyarrow straight into the dtypes of its Table
    Schema: cells are parsed in C, strings stay in arrow memory and vocabularies arrive
    dictionary-encoded."""
    fields = resource["schema"]["fields"]
    expected = [f["name"] for f in fields]
    options = pa_csv.ConvertOptions(
        column_types={f["name"]: _arrow_type(f) for f in fields},
        null_values=[""],
        strings_can_be_null=True,
    )
    try:
        table = pa_csv.read_csv(io.BytesIO(content), convert_options=options)
        header = table.column_names
        for i, field in enumerate(fields):
            if field["type"] == "date" and header[i : i + 1] == [field["name"]]:
                nanoseconds = pc.cast(table.column(i), arrow.timestamp("ns"))
                table = table.set_column(i, field["name"], nanoseconds)
    except (arrow.ArrowInvalid, OSError, UnicodeDecodeError) as exc:
        raise LoadError(_read_error(resource["path"], content, fields, exc)) from None
    if header != expected:
        raise LoadError(f"{resource['path']}: columns {header} differ from the schema's {expected}")
    frame = table.to_pandas(types_mapper=_PANDAS_TYPES.get)
    for field in fields:
        dtype = dtype_of(field)
        if isinstance(dtype, pd.CategoricalDtype):
            column = frame[field["name"]]
            unknown = set(column.cat.categories) - set(dtype.categories)
            if unknown:
                raise LoadError(
                    f"{resource['path']}: column {field['name']} has codes outside its "
                    f"vocabulary: {sorted(unknown)}"
                )
            frame[field["name"]] = column.astype(dtype)
    return frame


def _arrow(series: pd.Series) -> arrow.Array | arrow.ChunkedArray:
    return arrow.array(series)  # arrow-backed columns convert without a copy


def _repeated_keys(frame: pd.DataFrame, key: list[str]) -> pd.Series:
    """Rows whose composite key equals an earlier row's, hashed in arrow as one string."""
    parts = [pc.cast(_arrow(frame[k]), arrow.string()) for k in key]
    joined = pc.binary_join_element_wise(*parts, "\x1f")
    return pd.Series(joined, dtype=STRING, index=frame.index).duplicated(keep="first")


def _found(frame: pd.DataFrame, local: list[str], target: pd.DataFrame, remote: list[str]):
    """For each row, whether its foreign key is among the target's keys."""
    if len(local) == 1:
        hits = pc.is_in(_arrow(frame[local[0]]), value_set=_arrow(target[remote[0]]))
        return pd.Series(hits.to_numpy(zero_copy_only=False), index=frame.index)
    left, right = frame[local].astype(object), target[remote].astype(object)
    return pd.Series(
        pd.MultiIndex.from_frame(left).isin(pd.MultiIndex.from_frame(right)),
        index=frame.index,
    )


def _rows(frame: pd.DataFrame, mask: pd.Series, columns: list[str]) -> list[tuple[Any, list]]:
    """(row label, values of columns) of the rows where mask holds; only those are copied."""
    if not mask.any():
        return []
    picked = frame.loc[mask.to_numpy(dtype=bool), columns]
    return [
        (i, list(row)) for i, row in zip(picked.index, picked.itertuples(index=False), strict=True)
    ]


def _lines_and_rows(content: bytes) -> Iterator[tuple[int, list[str]]]:
    """Each data row of a CSV table with the line of the file it starts on (a cell may hold
    a line break, so rows and lines can differ): what an editor and frictionless show."""
    rows = csv.reader(io.StringIO(content.decode("utf-8", errors="replace"), newline=""))
    next(rows, None)
    start = rows.line_num + 1
    for row in rows:
        yield start, row
        start = rows.line_num + 1


def file_lines(content: bytes) -> list[int]:
    """The line on which each data row of a CSV table starts."""
    return [line for line, _row in _lines_and_rows(content)]


def cross_checks(
    frames: dict[str, pd.DataFrame],
    resources: dict[str, dict],
    contents: dict[str, bytes] | None = None,
) -> list[str]:
    """Rules across columns and tables that the column schemas cannot express; each problem
    names the line of the table's file where the row starts (its row number when the file's
    bytes are not given)."""
    problems = []
    for name, frame in frames.items():
        lines: list[int] | None = None

        def at(i: Any, name: str = name) -> str:
            nonlocal lines
            if contents is None or name not in contents or not isinstance(i, numbers.Integral):
                return f"row {i}"
            if lines is None:
                lines = file_lines(contents[name])
            return f"line {lines[i]}" if 0 <= i < len(lines) else f"row {i}"

        key = resources[name]["schema"].get("primaryKey", [])
        if isinstance(key, list) and len(key) > 1:
            problems += [
                f"{name}: {at(i)}: key {key}={values} repeats an earlier row"
                for i, values in _rows(frame, _repeated_keys(frame, key), key)
            ]
        if {"date_first", "date_last"} <= set(frame.columns):
            early = (frame["date_last"] < frame["date_first"]).fillna(False)
            problems += [
                f"{name}: {at(i)}: date_last before date_first"
                for i, _ in _rows(frame, early, ["date_last"])
            ]
        for what in ("fatalities", "injured"):
            cols = [f"{what}_{b}" for b in ("low", "best", "high")]
            if set(cols) <= set(frame.columns):
                for a, b in ((cols[0], cols[1]), (cols[1], cols[2]), (cols[0], cols[2])):
                    above = (frame[a] > frame[b]).fillna(False)
                    problems += [f"{name}: {at(i)}: {a} > {b}" for i, _ in _rows(frame, above, [a])]
        for fk in resources[name]["schema"].get("foreignKeys", []):
            target = fk["reference"].get("resource") or name
            if target not in frames:
                continue
            local, remote = fk["fields"], fk["reference"]["fields"]
            local = [local] if isinstance(local, str) else local
            remote = [remote] if isinstance(remote, str) else remote
            dangling = ~_found(frame, local, frames[target], remote)
            for column in local:
                dangling &= frame[column].notna().to_numpy()
            problems += [
                f"{name}: {at(i)}: {local}={values} not in {target}.{remote}"
                for i, values in _rows(frame, dangling, local)
            ]
    return problems


def _schema_problems(
    name: str, frame: pd.DataFrame, resources: dict[str, dict[str, Any]]
) -> list[str]:
    """What the table's pandera schema finds wrong with the frame (at most 20 cases)."""
    try:
        pandera_schema(name, resources[name]["schema"]).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases.head(20)
        return [
            f"{name}: {row.column}: {row.check} ({row.failure_case})" for row in cases.itertuples()
        ]
    return []


def load(
    path_or_url: str | Path | None = None,
    tables: Iterable[str] | None = None,
    validate: bool = True,
) -> dict[str, pd.DataFrame]:
    """Tables of the package as typed DataFrames, by name.

    `path_or_url`: a datapackage.json, a folder holding one, a release zip or an http(s)
    URL (default: ./datapackage.json). `tables`: names to load (default: all). With
    `validate`, every frame passes its pandera schema and the cross-table checks.
    """
    package = _open_package(path_or_url)
    resources = {r["name"]: r for r in package.descriptor["resources"]}
    wanted = list(tables) if tables is not None else list(resources)
    unknown = [t for t in wanted if t not in resources]
    if unknown:
        raise LoadError(
            f"no such table(s): {', '.join(unknown)}; "
            f"the package has {', '.join(sorted(resources))}"
        )
    contents = {name: package.read(resources[name]["path"]) for name in wanted}
    # Tables are parsed and checked on two threads: arrow parses and matches patterns
    # without holding the interpreter lock, so one table's arrow work overlaps another's.
    with ThreadPoolExecutor(max_workers=2) as pool:
        read = pool.map(lambda name: read_resource(contents[name], resources[name]), wanted)
        frames = dict(zip(wanted, read, strict=True))
        if validate:
            found = pool.map(lambda name: _schema_problems(name, frames[name], resources), wanted)
            problems = [problem for table in found for problem in table]
    if validate:
        problems += cross_checks(frames, resources, contents)
        if problems:
            raise LoadError("tables failed validation:\n  " + "\n  ".join(problems))
    return frames


def load_table(
    name: str, path_or_url: str | Path | None = None, validate: bool = True
) -> pd.DataFrame:
    """One table of the package as a typed DataFrame."""
    return load(path_or_url, tables=[name], validate=validate)[name]
