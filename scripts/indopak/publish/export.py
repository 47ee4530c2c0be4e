"""Other formats of the published package: one SQLite database and one Parquet file per table.

Both are made from the frames of `indopak.load()`, so they hold exactly the validated rows of
the CSV tables. SQLite gets the column types, NOT NULL, vocabulary CHECKs, primary keys and
foreign keys of the Table Schemas (datasette shows the keys as links); Parquet keeps the
loader's dtypes (strings, nullable integers, floats, timestamps, dictionary-encoded codes).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from indopak.loading.frames import _open_package, load
from indopak.publish.snapshot import READ_ERRORS

SQLITE_NAME = "india-pakistan-relations.sqlite"
SQL_TYPES = {
    "string": "TEXT",
    "integer": "INTEGER",
    "number": "REAL",
    "date": "TEXT",
    "boolean": "INTEGER",
}


class ExportError(Exception):
    """The package could not be read or a format could not be written."""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _names(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def create_table_sql(name: str, schema: dict[str, Any]) -> str:
    """CREATE TABLE for a Frictionless Table Schema, with its keys and constraints."""
    key = _names(schema.get("primaryKey", []))
    lines = []
    for field in schema["fields"]:
        constraints = field.get("constraints", {})
        column = f"{_quote(field['name'])} {SQL_TYPES.get(field['type'], 'TEXT')}"
        if constraints.get("required") or field["name"] in key:
            column += " NOT NULL"
        if "enum" in constraints:
            codes = ", ".join(_literal(str(code)) for code in constraints["enum"])
            column += f" CHECK ({_quote(field['name'])} IN ({codes}))"
        lines.append(column)
    if key:
        lines.append(f"PRIMARY KEY ({', '.join(map(_quote, key))})")
    for fk in schema.get("foreignKeys", []):
        target = fk["reference"].get("resource") or name
        local = ", ".join(map(_quote, _names(fk["fields"])))
        remote = ", ".join(map(_quote, _names(fk["reference"]["fields"])))
        lines.append(f"FOREIGN KEY ({local}) REFERENCES {_quote(target)} ({remote})")
    return f"CREATE TABLE {_quote(name)} (\n  " + ",\n  ".join(lines) + "\n)"


def _python(value: Any) -> Any:
    """A cell of a typed frame as the value SQLite stores."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def write_sqlite(frames: dict[str, pd.DataFrame], resources: dict[str, dict], path: Path) -> None:
    """Every table into a new SQLite file at `path` (replaced atomically)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".export-", suffix=".sqlite", dir=path.parent)
    os.close(handle)
    try:
        connection = sqlite3.connect(temp)
        try:
            for name in sorted(frames):
                schema = resources[name]["schema"]
                connection.execute(create_table_sql(name, schema))
                columns = [f["name"] for f in schema["fields"]]
                marks = ", ".join("?" for _ in columns)
                rows = (
                    [_python(v) for v in row]
                    for row in frames[name][columns].astype(object).itertuples(index=False)
                )
                connection.executemany(f"INSERT INTO {_quote(name)} VALUES ({marks})", rows)
            connection.commit()
            broken = connection.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise ExportError(
                    f"SQLite reports {len(broken)} broken foreign key(s), "
                    f"first in table {broken[0][0]}"
                )
            connection.execute("VACUUM")
        finally:
            connection.close()
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def write_parquet(frames: dict[str, pd.DataFrame], folder: Path) -> list[Path]:
    """One `<table>.parquet` per frame in `folder`, keeping the frames' dtypes."""
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".export-", dir=folder))
    written = []
    try:
        for name in sorted(frames):
            frames[name].to_parquet(staging / f"{name}.parquet", engine="pyarrow", index=False)
        for name in sorted(frames):
            target = folder / f"{name}.parquet"
            os.replace(staging / f"{name}.parquet", target)
            written.append(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written


def export(
    package: str | Path, sqlite: Path | None = None, parquet: Path | None = None
) -> list[Path]:
    """Load and validate the package, then write the formats asked for; the files written."""
    try:
        descriptor = _open_package(package).descriptor
        frames = load(package)
    except READ_ERRORS as exc:
        raise ExportError(f"cannot read the package {package}: {exc}") from exc
    resources = {r["name"]: r for r in descriptor["resources"]}
    written: list[Path] = []
    try:
        if sqlite is not None:
            write_sqlite(frames, resources, sqlite)
            written.append(sqlite)
        if parquet is not None:
            written += write_parquet(frames, parquet)
    except (OSError, sqlite3.Error) as exc:
        raise ExportError(f"cannot write: {exc}") from exc
    return written
