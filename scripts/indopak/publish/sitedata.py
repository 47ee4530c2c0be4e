"""The published tables as the explorer reads them: rows as text, and the lookups its pages
need (citations of a record, events of an actor, positions on an issue, …)."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Row = dict[str, str]


class SiteError(Exception):
    """The package cannot be read; reported on one line."""


def read_package(path: Path) -> tuple[dict[str, Any], dict[str, list[Row]]]:
    """The descriptor and every table of the CSV package at `path` (a datapackage.json or
    a folder holding one), each row a dict of strings ("" for an empty cell)."""
    descriptor_path = path / "datapackage.json" if path.is_dir() else path
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
        tables = {}
        for resource in descriptor["resources"]:
            text = (descriptor_path.parent / resource["path"]).read_text(encoding="utf-8")
            tables[resource["name"]] = list(csv.DictReader(io.StringIO(text, newline="")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SiteError(f"cannot read the package at {descriptor_path}: {exc}") from exc
    return descriptor, tables


@dataclass
class SiteData:
    descriptor: dict[str, Any]
    tables: dict[str, list[Row]]
    vocabularies: dict[str, dict[str, Any]]
    by_id: dict[str, dict[str, Row]] = field(default_factory=dict)
    citations: dict[tuple[str, str], list[Row]] = field(default_factory=dict)
    cited_by: dict[str, list[Row]] = field(default_factory=dict)
    event_actors: dict[str, list[Row]] = field(default_factory=dict)
    actor_events: dict[str, list[Row]] = field(default_factory=dict)
    claims: dict[str, list[Row]] = field(default_factory=dict)
    claims_citing: dict[str, list[Row]] = field(default_factory=dict)
    definitions: dict[str, dict[str, str]] = field(default_factory=dict)

    def rows(self, table: str) -> list[Row]:
        return self.tables.get(table, [])

    def get(self, table: str, ident: str) -> Row | None:
        return self.by_id.get(table, {}).get(ident)

    def where(self, table: str, **equal: str) -> list[Row]:
        return [row for row in self.rows(table) if all(row.get(k) == v for k, v in equal.items())]

    def cites(self, kind: str, ident: str, part: str | None = None) -> list[Row]:
        found = self.citations.get((kind, ident), [])
        return found if part is None else [c for c in found if c["part"] == part]

    def name(self, table: str, ident: str) -> str:
        row = self.get(table, ident)
        if row is None:
            return ident
        return row.get("name") or row.get("title") or ident

    def define(self, vocabulary: str, code: str) -> str:
        return self.definitions.get(vocabulary, {}).get(code, "")


def index(
    descriptor: dict[str, Any], tables: dict[str, list[Row]], vocabularies: dict[str, Any]
) -> SiteData:
    data = SiteData(descriptor, tables, vocabularies)
    for table, rows in tables.items():
        if rows and "id" in rows[0] and table not in ("citations", "claims", "treaty_actions"):
            data.by_id[table] = {row["id"]: row for row in rows}
    grouped: dict[Any, list[Row]] = defaultdict(list)
    cited: dict[str, list[Row]] = defaultdict(list)
    for row in sorted(data.rows("citations"), key=lambda r: (r["record_id"], int(r["seq"] or 0))):
        grouped[(row["record_kind"], row["record_id"])].append(row)
        cited[row["source"]].append(row)
    data.citations, data.cited_by = dict(grouped), dict(cited)
    data.event_actors, data.actor_events = _grouped(data.rows("event_actors"), "event", "actor")
    data.claims, data.claims_citing = _grouped(data.rows("claims"), "event", "source")
    data.definitions = {
        name: {str(c["code"]): str(c.get("definition", "")) for c in vocab.get("codes", [])}
        for name, vocab in vocabularies.items()
    }
    return data


def year(date: str) -> str:
    return date[:4] if date[:4].isdigit() else ""


def country_of(data: SiteData, actor: str) -> str:
    """The country of an actor, or of the nearest parent that has one."""
    seen = set()
    while actor and actor not in seen:
        seen.add(actor)
        row = data.get("actors", actor)
        if row is None:
            return ""
        if row.get("country"):
            return row["country"]
        actor = row.get("parent", "")
    return ""


def _grouped(rows: list[Row], *columns: str) -> tuple[dict[str, list[Row]], ...]:
    """The rows grouped by each of `columns` in turn (one mapping per column)."""
    groups: list[dict[str, list[Row]]] = [defaultdict(list) for _ in columns]
    for row in rows:
        for column, group in zip(columns, groups, strict=True):
            group[row[column]].append(row)
    return tuple(dict(group) for group in groups)
