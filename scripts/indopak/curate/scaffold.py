"""Record templates derived from the record schemas: every field named, with a one-line hint.

Given values are written as YAML; every other field stays a comment, so `indopak validate`
reports exactly the required fields still missing.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from indopak.schema.project import KIND_FOLDERS, Project

MAX_CODES = 20


def slug(text: str, limit: int = 60) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > limit:
            break
        out = f"{out}-{word}" if out else word
    return out


def _resolve(project: Project, node: dict[str, Any]) -> dict[str, Any]:
    return project.resolver.resolve(node)


def _codes(project: Project, vocabulary: str) -> str:
    codes = project.codes.get(vocabulary, [])
    if len(codes) <= MAX_CODES:
        return "one of: " + ", ".join(codes)
    return f"a code of vocabulary {vocabulary} (schemas/vocabularies.yaml), e.g. " + ", ".join(
        codes[:6]
    )


def hint(project: Project, node: dict[str, Any]) -> str:
    """One line saying what a field holds, from its schema description and constraints."""
    own = node.get("description")
    node = _resolve(project, node)
    parts = []
    target = node.get("x-ref")
    description = own if target else node.get("description")
    if description:
        parts.append(description.rstrip("."))
    if target:
        folder = KIND_FOLDERS.get(target, "")
        parts.append(
            f"id of {'a' if target[0] not in 'aeiou' else 'an'} {target} record"
            + (f" (data/records/{folder}/)" if folder else "")
        )
    if node.get("x-vocabulary"):
        parts.append(_codes(project, node["x-vocabulary"]))
    items = node.get("items")
    if node.get("type") == "array" and isinstance(items, dict):
        items = _resolve(project, items)
        if items.get("x-vocabulary"):
            parts.append("items: " + _codes(project, items["x-vocabulary"]))
        props = items.get("properties")
        if props:
            required = set(items.get("required", []))
            keys = ", ".join(k if k in required else f"{k}?" for k in props)
            parts.append(f"list of {{{keys}}}")
    elif node.get("type") == "object" and node.get("properties"):
        required = set(node.get("required", []))
        keys = ", ".join(k if k in required else f"{k}?" for k in node["properties"])
        parts.append(f"{{{keys}}}")
    return "; ".join(parts) or "see the schema"


def fields(project: Project, kind: str) -> list[tuple[str, bool, str]]:
    """(field, required, hint) for every field of a record kind, in schema order."""
    schema = project.record_schemas[kind]
    required = set(schema.get("required", []))
    return [
        (key, key in required, hint(project, node))
        for key, node in schema.get("properties", {}).items()
    ]


def _dump(key: str, value: Any) -> str:
    return yaml.safe_dump(
        {key: value}, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100
    ).rstrip("\n")


def render(
    project: Project, kind: str, values: dict[str, Any], header: list[str] | None = None
) -> str:
    """The YAML text of a record: given values filled in, every other field a comment."""
    lines = [f"# {line}" if line else "#" for line in header or []]
    for key, required, text in fields(project, kind):
        if key in values and values[key] is not None:
            lines.append(_dump(key, values[key]))
        else:
            mark = "required" if required else "optional"
            lines.append(f"# {key}: ({mark}) {text}")
    unknown = sorted(set(values) - {k for k, _, _ in fields(project, kind)})
    if unknown:
        raise KeyError(f"{kind} records have no field(s) {', '.join(unknown)}")
    return "\n".join(lines) + "\n"


def title_field(project: Project, kind: str) -> str | None:
    """The field a one-line title goes into: title, else name, else statement."""
    props = project.record_schemas[kind].get("properties", {})
    return next((k for k in ("title", "name", "statement") if k in props), None)


def make_id(kind: str, title: str | None, date: str | None) -> str | None:
    """An id following CONTRIBUTING.md's naming conventions, or None when one cannot be made."""
    if not title:
        return None
    words = slug(title, 60)
    if not words:
        return None
    if kind in ("event", "position", "source") and date:
        return f"{date}-{words}"
    if kind in ("treaty",) and date:
        return f"{words}-{date[:4]}"
    if kind == "crisis" and date:
        return f"{date[:4]}-{words}"
    if kind in ("event", "position", "treaty", "crisis"):
        return None  # their ids carry a date
    return words


def record_path(root: Path, kind: str, ident: str, date: str | None) -> Path:
    """Where a record of this kind and id lives, below `root` (data/records/ or a draft folder)."""
    folder = root / KIND_FOLDERS[kind]
    if kind == "event":
        folder = folder / (date or "")[:4]
    return folder / f"{ident}.yaml"
