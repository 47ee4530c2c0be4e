"""Build: validated records -> CSV and JSON tables and datapackage.json, written atomically."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .buildahead import ValidatedAside
from .cache import fingerprint
from .codebook import render_codebook
from .errors import Finding
from .project import Project
from .reading import read_all
from .rows import Renderer, RowStore, assemble
from .validate import Report, validate

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
OUTPUT_DIRS = ("data/csv", "data/json")
TOP_LEVEL_OUTPUTS = ("datapackage.json", "CODEBOOK.md")
JOURNAL, MARKER = ".publish-journal", "PUBLISHING"


@dataclass
class BuildResult:
    findings: list[Finding] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)  # files that differ (check) or were written
    records: int = 0


def published_schema(project: Project, table: str) -> dict[str, Any]:
    """A table schema as published: vocabularies become categories plus an enum constraint."""
    schema = json.loads(json.dumps(project.table_schemas[table]))
    schema.pop("title", None)
    schema.pop("description", None)
    for column in schema["fields"]:
        vocab = column.pop("x-vocabulary", None)
        if vocab is not None:
            codes = project.codes[vocab]
            column["categories"] = codes
            column.setdefault("constraints", {})["enum"] = codes
    schema["missingValues"] = [""]
    return schema


def render_json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _resource(project: Project, table: str, path: str, fmt: str, content: bytes) -> dict:
    schema_file = project.table_schemas[table]
    return {
        "name": table,
        "type": "table",
        "path": path,
        "format": fmt,
        "mediatype": "text/csv" if fmt == "csv" else "application/json",
        "encoding": "utf-8",
        "title": schema_file["title"],
        "description": schema_file["description"],
        "bytes": len(content),
        "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
        "schema": published_schema(project, table),
    }


def render_package(
    project: Project, tables: dict[str, tuple[bytes, bytes, int]]
) -> dict[str, bytes]:
    """Every generated file, by path relative to the repository root, from each table's
    CSV bytes, JSON bytes and row count (`rows.assemble`)."""
    files: dict[str, bytes] = {}
    csv_resources, json_resources = [], []
    for table in sorted(tables):
        csv_bytes, json_bytes, rows = tables[table]
        files[f"data/csv/{table}.csv"] = csv_bytes
        files[f"data/json/{table}.json"] = json_bytes
        csv_resources.append(_resource(project, table, f"data/csv/{table}.csv", "csv", csv_bytes))
        if rows:  # frictionless cannot read an empty JSON array as a table
            resource = _resource(project, table, f"{table}.json", "json", json_bytes)
            # frictionless does not measure JSON sources, so it would reject bytes and hash
            del resource["bytes"], resource["hash"]
            json_resources.append(resource)
    files["CODEBOOK.md"] = render_codebook(project).encode("utf-8")
    meta = project.package_metadata
    head = {"$schema": PROFILE, **meta}
    files["datapackage.json"] = render_json({**head, "resources": csv_resources})
    json_head = {
        **head,
        "name": f"{meta['name']}-json",
        "description": meta["description"]
        + (" This descriptor serves the JSON tables; tables without rows are left out."),
    }
    files["data/json/datapackage.json"] = render_json({**json_head, "resources": json_resources})
    return files


def _row_strings(project: Project, report: Report, use_cache: bool) -> list[str]:
    """Every record's rendered rows in file order: from the row store or the report where
    the file is unchanged, the others read and rendered here (on every core)."""
    if not use_cache:
        renderer = Renderer(project.table_schemas)
        return [renderer.render(record) or "" for record in report.records]
    store = RowStore(project, report.cache_key)
    status = {rel: found[1] for rel, found in report.files.items()}
    stored = store.stored()
    if not report.rows:  # the usual build after a validate: every row is in the store
        whole = store.joined(status, stored)
        if whole is not None:
            return [whole]
    kept = store.load(stored)
    known = {**kept, **report.rows}
    missing = [
        (rel, report.files[rel][0], status[rel])
        for rel in report.files
        if known.get(rel, (None,))[0] != status[rel]
    ]
    fresh = {}
    if missing:
        read = read_all(project, missing, check=False, render=True, keep_data=False)
        for (rel, _path, stat), (_record, entry) in zip(missing, read, strict=True):
            fresh[rel] = (stat, entry.rows)
    known.update(fresh)
    if fresh or report.rows:
        store.save({rel: known[rel] for rel in report.files})
    return [known[rel][1] or "" for rel in report.files]


def _validated_and_assembled(
    project: Project,
) -> tuple[Report | None, dict[str, bytes] | None]:
    """Validate in a second process while assembling the package from the stored rows in
    this one (buildahead); the files only when the report shows the store was current."""
    store = RowStore(project, fingerprint(project, dt.date.today().isoformat()))
    aside = ValidatedAside.start(project, store)
    if aside is None:
        return None, None
    try:
        whole = store.whole()
        files = None
        if whole is not None:
            files = render_package(project, assemble([whole[2]], project.table_schemas))
    except BaseException:
        aside.close(wait=0)
        raise
    report = aside.report()
    if (
        report is None
        or report.rows  # it read files it did not save rows for
        or report.cache_key != store.key
        or whole is None
        or whole[:2] != RowStore.signature({rel: found[1] for rel, found in report.files.items()})
    ):
        files = None
    return report, files


DESCRIPTORS = ("datapackage.json", "data/json/datapackage.json")


def descriptor_findings(root: Path, descriptor: str) -> list[Finding]:
    """A written descriptor against the Data Package profile, without reading any row."""
    from frictionless import FrictionlessException, Package

    try:
        data = json.loads((root / descriptor).read_text(encoding="utf-8"))
        errors = list(Package.metadata_validate(data))
    except FrictionlessException as exc:
        errors = [exc.error]
    except (OSError, ValueError) as exc:
        return [Finding(descriptor, 1, 1, "package-descriptor", str(exc))]
    return [Finding(descriptor, 1, 1, f"package-{e.type}", e.message) for e in errors]


def frictionless_findings(root: Path, descriptor: str) -> list[Finding]:
    """Validate a written package with frictionless; problems become findings."""
    from frictionless import validate as fl_validate

    report = fl_validate(str(root / descriptor))
    findings = []
    for task in report.tasks:
        for error in task.errors:
            row = getattr(error, "row_number", None) or 1
            col = getattr(error, "field_number", None) or 1
            path = task.place or descriptor
            findings.append(Finding(str(path), row, col, f"package-{error.type}", error.message))
    for error in report.errors:
        findings.append(Finding(descriptor, 1, 1, f"package-{error.type}", error.message))
    return findings


def pandera_findings(root: Path) -> list[Finding]:
    """Load the written package into pandas and validate it with pandera."""
    from .frames import LoadError, load

    try:
        load(root / "datapackage.json")
    except LoadError as exc:
        return [Finding("datapackage.json", 1, 1, "package-pandera", str(exc))]
    return []


def _published(project: Project) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for folder in OUTPUT_DIRS:
        base = project.root / folder
        if base.is_dir():
            for path in sorted(base.iterdir()):
                if path.is_file():
                    files[path.relative_to(project.root).as_posix()] = path.read_bytes()
    for name in TOP_LEVEL_OUTPUTS:
        top = project.root / name
        if top.is_file():
            files[name] = top.read_bytes()
    return files


def build(
    project: Project,
    check: bool = False,
    report: Report | None = None,
    use_cache: bool = False,
    frictionless: bool = False,
) -> BuildResult:
    """Validate, render, verify, then publish (or, with check, compare).

    Files identical to the published ones need no verification: the same bytes passed it
    when they were published. Changed files are written to a staging folder and verified
    there before anything is replaced: each descriptor against the Data Package profile,
    every table loaded with its pandera schema and the cross-table checks (types, codes,
    patterns, keys, foreign keys, ordered dates and counts) and, with `frictionless`, every
    row of both packages read by frictionless (the slowest step by far; `make build` and
    CI run `frictionless validate` on the published package instead).
    """
    recover(project)
    files = None
    if use_cache and report is None:
        report, files = _validated_and_assembled(project)
    report = report or validate(project, use_cache=use_cache, load_all=not use_cache)
    records = len(report.records)
    if use_cache:  # the report holds only the records this run read; count the files
        records = sum(1 for rel in report.files if not rel.rpartition("/")[2].startswith("."))
    result = BuildResult(records=records)
    if report.findings:
        result.findings = report.findings
        return result
    if files is None:
        tables = assemble(_row_strings(project, report, use_cache), project.table_schemas)
        files = render_package(project, tables)
    current = _published(project)
    result.changed = sorted(
        rel for rel in set(files) | set(current) if files.get(rel) != current.get(rel)
    )
    if not result.changed:
        return result
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=project.root))
    try:
        for rel, content in files.items():
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        for descriptor in DESCRIPTORS:
            result.findings.extend(descriptor_findings(staging, descriptor))
            if frictionless:
                result.findings.extend(frictionless_findings(staging, descriptor))
        if not result.findings:
            result.findings.extend(pandera_findings(staging))
        if result.findings:
            return result
        if not check:
            _publish(project, staging, files, current)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result


def _publish(
    project: Project, staging: Path, files: dict[str, bytes], current: dict[str, bytes]
) -> None:
    """Replace the published files as one unit.

    Before anything is replaced, the files about to change are copied into a journal
    folder and a marker is written. If the process dies while files are being replaced,
    the next `recover()` finds the marker and puts every old file back; removing the
    marker is the commit point.
    """
    changing = sorted(rel for rel in files if current.get(rel) != files[rel])
    removed = sorted(rel for rel in current if rel not in files)
    if not changing and not removed:
        return
    journal = project.root / JOURNAL
    shutil.rmtree(journal, ignore_errors=True)
    (journal / "old").mkdir(parents=True)
    for rel in changing + removed:
        if rel in current:
            backup = journal / "old" / rel
            backup.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(project.root / rel, backup)
    created = [rel for rel in changing if rel not in current]
    (journal / "created.json").write_text(json.dumps(created))
    _durable_create(journal / MARKER)
    fault_after = int(os.environ.get("INDOPAK_FAULT_AFTER_WRITES", "-1"))
    # descriptors last, so a reader never sees a descriptor newer than its tables
    for count, rel in enumerate(
        sorted(changing, key=lambda r: (r.endswith(".json") and "datapackage" in r, r))
    ):
        if count == fault_after:
            os._exit(137)  # fault injection for tests: die as a killed process would
        target = project.root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / rel, target)
    for rel in removed:
        (project.root / rel).unlink()
    (journal / MARKER).unlink()
    shutil.rmtree(journal, ignore_errors=True)


def _durable_create(path: Path) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("publishing\n")
        handle.flush()
        os.fsync(handle.fileno())


def recover(project: Project) -> bool:
    """Undo a publish that was interrupted; returns True if files were restored."""
    for leftover in project.root.glob(".build-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    journal = project.root / JOURNAL
    if not journal.exists():
        return False
    restored = False
    if (journal / MARKER).exists():
        old = journal / "old"
        for backup in sorted(p for p in old.rglob("*") if p.is_file()):
            target = project.root / backup.relative_to(old)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(backup, target)
        created = json.loads((journal / "created.json").read_text())
        for rel in created:
            (project.root / rel).unlink(missing_ok=True)
        restored = True
    shutil.rmtree(journal, ignore_errors=True)
    return restored
