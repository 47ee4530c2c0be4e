"""A published package at one point in time, read back into records.

A snapshot comes from a datapackage.json, a folder holding one, a release zip, a git ref of
the checkout (the files committed at that ref, read with `git show`), or `none` (an empty
package, to describe a first release).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indopak.loading.frames import DEFAULT_DESCRIPTOR, LoadError, _open_package, _Package
from indopak.schema.project import Project, ProjectNotFound, find_root
from indopak.schema.tables import Plan, Tables, records_from_tables

EMPTY = "none"
Key = tuple[str, str]  # (record kind, id)


# What reading a damaged or missing package can raise, besides LoadError.
READ_ERRORS = (LoadError, OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile)


class SnapshotError(Exception):
    """The package could not be found or read; reported on one line."""


@dataclass
class Snapshot:
    label: str
    version: str | None = None
    records: dict[Key, dict[str, Any]] = field(default_factory=dict)

    @property
    def active(self) -> dict[Key, dict[str, Any]]:
        return {k: r for k, r in self.records.items() if "retired" not in r}

    @property
    def retired(self) -> dict[Key, dict[str, Any]]:
        return {k: r for k, r in self.records.items() if "retired" in r}


def _cast(text: str, kind: str) -> Any:
    if text == "":
        return None
    if kind == "integer":
        return int(text)
    if kind == "number":
        return float(text)
    if kind == "boolean":
        return text == "true"
    return text


def read_tables(package: _Package) -> Tables:
    """Every CSV resource as rows of Python values (None for empty cells)."""
    tables: Tables = {}
    for resource in package.descriptor.get("resources", []):
        types = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
        text = package.read(resource["path"]).decode("utf-8")
        tables[resource["name"]] = [
            {name: _cast(value, types.get(name, "string")) for name, value in row.items()}
            for row in csv.DictReader(io.StringIO(text))
        ]
    return tables


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, capture_output=True)


def _git_package(ref: str, root: Path) -> _Package | None:
    """The package committed at `ref`, or None when `ref` names no commit."""
    if shutil.which("git") is None:
        return None
    if _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode != 0:
        return None

    def read(rel: str) -> bytes:
        shown = _git(root, "show", f"{ref}:./{rel}")
        if shown.returncode != 0:
            raise SnapshotError(f"{ref}: {rel} is not committed at this ref")
        return shown.stdout

    return _Package(json.loads(read(DEFAULT_DESCRIPTOR)), read)


def _plan(root: Path) -> Plan:
    """The tables of the checkout at `root`, else of the checkout this code came with."""
    try:
        return Project(find_root(root)).table_plan
    except ProjectNotFound:
        return Project(Path(__file__).resolve().parents[3]).table_plan


def open_snapshot(spec: str, root: Path) -> Snapshot:
    """Records of the package named by `spec` (path, zip, git ref of `root`, or `none`)."""
    if spec == EMPTY:
        return Snapshot(label="an empty package")
    path = Path(spec)
    try:
        if path.exists():
            package = _open_package(path)
        else:
            found = _git_package(spec, root)
            if found is None:
                raise SnapshotError(f"{spec}: no such file, folder or git ref")
            package = found
        tables = read_tables(package)
        records = records_from_tables(tables, _plan(root))
    except SnapshotError:
        raise
    except READ_ERRORS as exc:
        raise SnapshotError(f"{spec}: not a readable data package ({exc})") from exc
    return Snapshot(label=spec, version=package.descriptor.get("version"), records=records)
