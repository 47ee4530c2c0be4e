"""The README that goes into a release zip: for people who downloaded the data, not for
developers. Rendered from docs/DATA-README.md, the package metadata and the descriptor."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from indopak.io.urls import from_metadata

TEMPLATE = "docs/DATA-README.md"


def _rows(content: bytes) -> int:
    """Rows of a CSV table, after the header (a quoted cell may hold a line break)."""
    return max(sum(1 for _ in csv.reader(io.StringIO(content.decode("utf-8")))) - 1, 0)


def table_lines(descriptor: dict[str, Any], files: dict[str, bytes]) -> str:
    lines = []
    for resource in descriptor["resources"]:
        rows = _rows(files[resource["path"]]) if resource["path"] in files else 0
        lines.append(
            f"- `{resource['name']}` ({rows} rows): {resource.get('description', '')}".rstrip()
        )
    return "\n".join(lines)


def render(root: Path, meta: dict[str, Any], files: dict[str, bytes]) -> bytes:
    """docs/DATA-README.md with its {{placeholders}} filled in."""
    template = (root / TEMPLATE).read_text(encoding="utf-8")
    urls = from_metadata(meta)
    descriptor = json.loads(files["datapackage.json"])
    authors = ", ".join(str(person.get("title", "")) for person in meta.get("contributors", []))
    values = {
        "title": str(meta["title"]),
        "version": urls.version,
        "name": urls.name,
        "description": " ".join(str(meta["description"]).split()),
        "repository": urls.repository,
        "site": urls.site,
        "zip_name": urls.zip_name,
        "authors": authors,
        "tables": table_lines(descriptor, files),
    }
    for key, value in values.items():
        template = template.replace("{{" + key + "}}", value)
    return template.encode("utf-8")
