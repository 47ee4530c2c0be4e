"""The published package: Table Schemas as published, the descriptor and its resources, and
the checks a built package must pass (descriptor, frictionless, pandera)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from indopak.io.errors import Finding
from indopak.publish.codebook import render_codebook
from indopak.schema.project import Project

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"


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
    from indopak.loading.frames import LoadError, load

    try:
        load(root / "datapackage.json")
    except LoadError as exc:
        return [Finding("datapackage.json", 1, 1, "package-pandera", str(exc))]
    return []
