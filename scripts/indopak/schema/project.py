"""Where things live in a checkout, and the schemas read from it (the single source of truth)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from indopak.io.policy import Policy
from indopak.schema.schemaref import Resolver, SchemaDefinitionError, check_keywords
from indopak.schema.tables import Plan, plan

# Record kind -> folder under data/records/.
KIND_FOLDERS = {
    "actor": "actors",
    "crisis": "crises",
    "event": "events",
    "issue": "issues",
    "position": "positions",
    "source": "sources",
    "treaty": "treaties",
}
FOLDER_KINDS = {folder: kind for kind, folder in KIND_FOLDERS.items()}


class ProjectNotFound(Exception):
    """Raised when no dataset checkout contains the working directory."""


def find_root(start: Path | None = None) -> Path:
    """The nearest folder at or above `start` that holds schemas/ and data/records/."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "schemas" / "vocabularies.yaml").is_file() and (
            folder / "data" / "records"
        ).is_dir():
            return folder
    raise ProjectNotFound(
        f"no dataset found at or above {here} (looked for schemas/vocabularies.yaml and "
        "data/records/); run the command inside a checkout of india-pakistan-relations"
    )


def _inject_vocabularies(node: Any, vocabularies: dict[str, list[str]]) -> Any:
    """Copy of a schema in which every "x-vocabulary" also carries its list of codes."""
    if isinstance(node, list):
        return [_inject_vocabularies(item, vocabularies) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _inject_vocabularies(value, vocabularies) for key, value in node.items()}
    name = node.get("x-vocabulary")
    if name is not None:
        if name not in vocabularies:
            raise SchemaDefinitionError(f"schema names unknown vocabulary {name!r}")
        out["enum"] = vocabularies[name]
    return out


@dataclass(frozen=True)
class Project:
    root: Path

    @classmethod
    def find(cls, start: Path | None = None) -> Project:
        return cls(find_root(start))

    @property
    def records_dir(self) -> Path:
        return self.root / "data" / "records"

    @property
    def schemas_dir(self) -> Path:
        return self.root / "schemas"

    @cached_property
    def vocabularies(self) -> dict[str, dict[str, Any]]:
        """Vocabulary name -> {"description": ..., "codes": [{"code": ..., ...}]}."""
        return _read_yaml(self.schemas_dir / "vocabularies.yaml")

    @cached_property
    def codes(self) -> dict[str, list[str]]:
        """Vocabulary name -> its codes, in the order written."""
        return {
            name: [str(entry["code"]) for entry in vocab["codes"]]
            for name, vocab in self.vocabularies.items()
        }

    @cached_property
    def lexicon(self) -> dict[str, Any]:
        return _read_yaml(self.schemas_dir / "lexicon.yaml")

    @cached_property
    def policy(self) -> Policy:
        """The source policy (schemas/policy.yaml; an empty one when the file is absent)."""
        path = self.schemas_dir / "policy.yaml"
        return Policy(_read_yaml(path) if path.is_file() else {})

    def _read_json(self, path: Path) -> dict[str, Any]:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)

    @cached_property
    def record_schemas(self) -> dict[str, dict[str, Any]]:
        """Record kind (and "common", "tombstone") -> JSON Schema with vocabularies injected."""
        folder = self.schemas_dir / "records"
        schemas = {path.stem: self._read_json(path) for path in sorted(folder.glob("*.json"))}
        check_keywords(schemas)  # every pass over the schemas implements just these keywords
        return {kind: _inject_vocabularies(s, self.codes) for kind, s in schemas.items()}

    @cached_property
    def resolver(self) -> Resolver:
        """Follows "$ref" in the record schemas to the shared definitions."""
        return Resolver(self.record_schemas)

    @cached_property
    def table_plan(self) -> Plan:
        """The published tables and how records map to their rows, from the `x-table`
        annotations of the record schemas."""
        return plan(self.record_schemas)

    @cached_property
    def table_schemas(self) -> dict[str, dict[str, Any]]:
        """Table name -> Frictionless Table Schema (with title and description), generated
        from the record schemas."""
        return self.table_plan.schemas

    @cached_property
    def package_metadata(self) -> dict[str, Any]:
        return _read_yaml(self.schemas_dir / "package.yaml")


def _read_yaml(path: Path) -> Any:
    """A schema file of the project (trusted, so PyYAML's safe typing is fine), read with
    the C loader when there is one."""
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
