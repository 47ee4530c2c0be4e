"""Records added, changed (field by field) and retired between two snapshots of the package.

Identifiers are forever, so the comparison also reports, as errors, every break of that
promise: a retired id used again, a tombstone that disappeared, or a record removed without
leaving a tombstone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from indopak.publish.snapshot import Key, Snapshot

LABEL_FIELDS = ("title", "name", "statement")


@dataclass
class FieldChange:
    path: str
    old: Any
    new: Any


@dataclass
class Diff:
    old: Snapshot
    new: Snapshot
    added: list[Key] = field(default_factory=list)
    changed: dict[Key, list[FieldChange]] = field(default_factory=dict)
    retired: list[Key] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def label(self, key: Key) -> str:
        """A short human name of a record of the new snapshot (or the old one)."""
        record = self.new.records.get(key) or self.old.records.get(key) or {}
        return next((str(record[f]) for f in LABEL_FIELDS if record.get(f)), "")


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Leaf values of a nested record by path: `location.place`, `status_history[signed].date`."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key in sorted(value):
            out.update(flatten(value[key], f"{prefix}.{key}" if prefix else key))
        return out
    if isinstance(value, list):
        out = {}
        for index, item in enumerate(value):
            tag = item["id"] if isinstance(item, dict) and "id" in item else index
            out.update(flatten(item, f"{prefix}[{tag}]"))
        return out
    return {prefix: value}


def field_changes(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    before, after = flatten(old), flatten(new)
    return [
        FieldChange(path, before.get(path), after.get(path))
        for path in sorted(set(before) | set(after))
        if before.get(path) != after.get(path)
    ]


def _integrity(old: Snapshot, new: Snapshot) -> list[str]:
    """Broken promises about identifiers between the two snapshots."""
    errors = []
    new_active_ids: dict[str, list[str]] = {}
    for kind, rid in new.active:
        new_active_ids.setdefault(rid, []).append(kind)
    for kind, rid in sorted(old.retired):
        if rid in new_active_ids:
            errors.append(
                f"{kind} {rid} was retired in {old.label} but the id is used again "
                f"in {new.label} (as {', '.join(sorted(new_active_ids[rid]))}); "
                "a retired id never comes back"
            )
        elif (kind, rid) not in new.retired:
            errors.append(
                f"{kind} {rid}: its tombstone is missing from {new.label}; tombstones stay forever"
            )
    for kind, rid in sorted(new.retired):
        if rid in new_active_ids:
            errors.append(f"{kind} {rid} is both retired and in use in {new.label}")
    for key in sorted(old.active):
        if key not in new.records:
            errors.append(
                f"{key[0]} {key[1]} disappeared from {new.label} without a tombstone; "
                "retire it instead of deleting it"
            )
    return errors


def compare(old: Snapshot, new: Snapshot) -> Diff:
    diff = Diff(old, new, errors=_integrity(old, new))
    old_active, new_active = old.active, new.active
    for key in sorted(new_active):
        if key not in old_active and key not in old.retired:
            diff.added.append(key)
        elif key in old_active:
            changes = field_changes(old_active[key], new_active[key])
            if changes:
                diff.changed[key] = changes
    diff.retired = sorted(key for key in new.retired if key not in old.retired)
    return diff


def _show(value: Any, width: int = 80) -> str:
    if value is None:
        return "(none)"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else text[: width - 1] + '…"'


def retirement_note(record: dict[str, Any]) -> str:
    retired = record["retired"]
    note = f"{retired['date']}: {retired['reason']}"
    if retired.get("replaced_by"):
        note += f"; replaced by {retired['replaced_by']}"
    return note


def render_text(diff: Diff) -> str:
    def named(snapshot: Snapshot) -> str:
        return snapshot.label + (f" ({snapshot.version})" if snapshot.version else "")

    lines = [
        f"{named(diff.old)} -> {named(diff.new)}: "
        f"{len(diff.added)} added, {len(diff.changed)} changed, "
        f"{len(diff.retired)} retired"
    ]
    if diff.added:
        lines.append("added")
        lines += [
            f"  {kind} {rid}" + (f": {label}" if (label := diff.label((kind, rid))) else "")
            for kind, rid in diff.added
        ]
    if diff.changed:
        lines.append("changed")
        for (kind, rid), changes in diff.changed.items():
            lines.append(f"  {kind} {rid}")
            lines += [f"    {c.path}: {_show(c.old)} -> {_show(c.new)}" for c in changes]
    if diff.retired:
        lines.append("retired")
        lines += [
            f"  {kind} {rid} ({retirement_note(diff.new.records[(kind, rid)])})"
            for kind, rid in diff.retired
        ]
    lines += [f"error: {message}" for message in diff.errors]
    return "\n".join(lines)


def render_json(diff: Diff) -> str:
    def key(k: Key) -> dict[str, str]:
        return {"kind": k[0], "id": k[1]}

    return json.dumps(
        {
            "old": {"label": diff.old.label, "version": diff.old.version},
            "new": {"label": diff.new.label, "version": diff.new.version},
            "added": [key(k) for k in diff.added],
            "changed": [
                {
                    **key(k),
                    "fields": [{"path": c.path, "old": c.old, "new": c.new} for c in changes],
                }
                for k, changes in diff.changed.items()
            ],
            "retired": [{**key(k), **diff.new.records[k]["retired"]} for k in diff.retired],
            "errors": diff.errors,
        },
        ensure_ascii=False,
        indent=2,
    )
