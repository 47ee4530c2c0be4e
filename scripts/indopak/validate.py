"""The validator: YAML, record schemas and cross-record rules, in one report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .changes import ChangeSet
from .errors import Finding
from .project import Project
from .records import Record, read_records, record_files, relative
from .rules import check_records, make_context, referenced_ids
from .schemacheck import SchemaChecker


@dataclass
class Report:
    records: list[Record]  # every record that parsed
    findings: list[Finding]
    checked: int  # files the report covers

    @property
    def ok(self) -> bool:
        return not self.findings

    def valid_records(self) -> list[Record]:
        bad = {f.path for f in self.findings}
        return [r for r in self.records if r.path not in bad]


def validate(
    project: Project,
    only: Iterable[Path] | None = None,
    today: dt.date | None = None,
    changed: ChangeSet | None = None,
) -> Report:
    """Validate all records; report only on `only` (files or folders) when given.

    Cross-record rules always see every record, so a reference from a checked file to an
    unchecked one still resolves. With `changed`, the report covers the changed files and
    every record that refers to an id the change added, edited or removed.
    """
    files = record_files(project)
    records, findings = read_records(project, files)
    checker = SchemaChecker(project)
    valid: set[int] = set()
    for record in records:
        problems = checker.check(record)
        findings.extend(problems)
        if not problems:
            valid.add(id(record))
    findings.extend(check_records(project, records, valid, today))
    checked = len(files)
    if changed is not None:
        touched = _touched_by(project, records, valid, changed, today)
        findings = [f for f in findings if f.path in touched]
        checked = len(touched & {relative(project, p) for p in files})
    if only is not None:
        wanted = [relative(project, Path(p)) for p in only]

        def covered(path: str) -> bool:
            return any(path == w or path.startswith(w.rstrip("/") + "/") for w in wanted)

        findings = [f for f in findings if covered(f.path)]
        checked = sum(1 for p in files if covered(relative(project, p)))
    return Report(records, sorted(set(findings)), checked)


def _touched_by(
    project: Project,
    records: list[Record],
    valid: set[int],
    changed: ChangeSet,
    today: dt.date | None,
) -> set[str]:
    """Changed files, plus the files of records that refer to a changed id."""
    ids = set(changed.old_ids)
    ids |= {(r.kind, r.id) for r in records if r.path in changed.paths and r.id}
    ctx = make_context(project, records, valid, today)
    touched = set(changed.paths)
    for record in records:
        if record.path not in touched and id(record) in valid and referenced_ids(ctx, record) & ids:
            touched.add(record.path)
    return touched
