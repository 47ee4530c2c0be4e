"""The validator: YAML, record schemas and cross-record rules, in one report.

A run re-reads only the files whose status changed since the cached run (`cache.py`) and
re-checks those files plus every file whose rules looked up an id the change touched; all
other files keep their cached findings. Without a cache every file is read and checked.
"""

from __future__ import annotations

import array
import contextlib
import datetime as dt
import gc
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from indopak.io.errors import Finding
from indopak.io.files import Refused
from indopak.io.yamlload import Document
from indopak.schema.project import Project
from indopak.validation import reading
from indopak.validation.cache import (
    STALE,
    WIDTH,
    Entry,
    Stat,
    Store,
    Table,
    digest_of,
    fingerprint,
    join_keys,
    rows,
)
from indopak.validation.changes import ChangeSet
from indopak.validation.reading import marks, read_all
from indopak.validation.records import Record, read_file, read_record, relative, scan
from indopak.validation.rows import RowStore
from indopak.validation.rules import Context, Index, check_cross, lookup_fields
from indopak.validation.workers import Workers

# A run that read at least this many files saves their rows for the build itself; after a
# smaller edit the build takes them from the report.
ROWS_SAVED_FROM = 1000


@dataclass
class Report:
    records: list[Record]  # the records read by this run (all of them with load_all)
    findings: list[Finding]
    checked: int  # files the report covers
    reread: int = 0  # files parsed and schema-checked by this run
    rechecked: int = 0  # files whose cross-record rules ran in this run
    files: dict[str, tuple[str, Stat]] = field(default_factory=dict)  # the scan
    cache_key: str = ""  # fingerprint of the validation cache used (empty: none)
    rows: dict[str, tuple[Stat, str | None]] = field(default_factory=dict)  # rendered, unsaved

    @property
    def ok(self) -> bool:
        return not self.findings


def validate(
    project: Project,
    only: Iterable[Path] | None = None,
    today: dt.date | None = None,
    changed: ChangeSet | None = None,
    use_cache: bool = False,
    load_all: bool = False,
) -> Report:
    """Validate all records; report only on `only` (files or folders) when given.

    Cross-record rules always see every record, so a reference from a checked file to an
    unchecked one still resolves. With `changed`, the report covers the changed files and
    every record whose rules look up an id the change added, edited or removed. With
    `use_cache`, results are reused from and saved to the validation cache. With
    `load_all`, `Report.records` holds every record, even those the cache spared.
    """
    today = today or dt.date.today()
    store = Store(project, fingerprint(project, today.isoformat())) if use_cache else None
    old = store.load() if store is not None else Table()
    files = scan(project, status=len(old) > 0)  # without a cache, every file is read anyway
    rows_store = RowStore(project, store.key) if store is not None else None
    run = _Run(project, today, files, old, rows_store)
    try:
        with _collector_paused():
            table = run.check()
            if load_all and run.workers is not None:
                run.take_records()
    finally:
        run.close()
    if store is not None and run.changed:
        store.save(table, run.changed, whole=run.reshaped)
    run.save_rows()
    if load_all:
        run.read([rel for rel in files if rel not in run.records], check=False)
    findings = [Finding(*row) for base, rules in table.findings.values() for row in (*base, *rules)]
    checked = len(files)
    if changed is not None:
        touched = _touched_by(table, changed)
        findings = [f for f in findings if f.path in touched]
        findings += _deleted(changed, files)
        checked = len(touched & files.keys())
    if only is not None:
        wanted = [relative(project, Path(p)) for p in only]

        def covered(path: str) -> bool:
            return any(path == w or path.startswith(w.rstrip("/") + "/") for w in wanted)

        findings = [f for f in findings if covered(f.path)]
        checked = sum(1 for rel in files if covered(rel))
    records = [r for rel in files if (r := run.records.get(rel)) is not None]
    return Report(
        records,
        sorted(set(findings)),
        checked,
        run.reread,
        run.rechecked,
        files,
        store.key if store is not None else "",
        run.rows,
    )


class _Run:
    """One validation: which files to read again, which to check again, and the results."""

    def __init__(
        self,
        project: Project,
        today: dt.date,
        files: dict[str, tuple[str, Stat | None]],
        old: Table,
        rows_store: RowStore | None = None,
    ) -> None:
        self.project = project
        self.rows_store = rows_store
        self.render = rows_store is not None  # also render the rows of the records read
        self.rows: dict[str, tuple[Stat, str | None]] = {}
        self.today = today
        self.files = files
        self.old = old
        self.records: dict[str, Record | None] = {}
        self.changed: set[str] = set()  # rows to write back to the cache
        self.reshaped = False  # files were added or removed: the whole table is saved
        self.reread = 0
        self.rechecked = 0
        # with many files to read, worker processes read them and keep their records
        self.workers: Workers | None = None
        self.lookups: dict[str, dict] = {}  # LOOKUP_FIELDS of the valid records they read

    def record(self, rel: str) -> Record | None:
        """The parsed record of a file, read on first use."""
        if rel not in self.records and rel in self.files:
            self.records[rel] = read_record(rel, self.files[rel][0])[0]
        return self.records.get(rel)

    def lookup(self, rel: str) -> dict | None:
        """The LOOKUP_FIELDS of a valid record, for the rules of other records."""
        found = self.lookups.get(rel)
        if found is None:
            record = self.record(rel)
            if record is None or not isinstance(record.data, dict):
                return None
            found = lookup_fields(record.data)
        return found

    def read(self, rels: list[str], check: bool = True) -> dict[str, Entry]:
        """Parse and (with check) schema-check files; their records are kept (by the
        workers, when workers read them)."""
        files = self.files
        items = [(rel, *files[rel]) for rel in rels]
        entries = {}
        render = self.render and check
        count = reading.parallel(len(items), reading.BATCH) if check else 0
        if count:
            self.workers = Workers(self.project, self.today, render, count)
            for (rel, _path, _status), (entry, lookups) in zip(
                items, self.workers.read(items), strict=True
            ):
                entries[rel] = entry
                if lookups is not None:
                    self.lookups[rel] = lookups
        else:
            for (rel, _path, _status), (record, entry) in zip(
                items,
                read_all(self.project, items, check, render, today=self.today if check else None),
                strict=True,
            ):
                self.records[rel] = record
                entries[rel] = entry
        for rel, _path, status in items:
            entry = entries[rel]
            if status is None:  # listed without a status: the one taken as it was read
                files[rel] = (files[rel][0], entry.stat)
            if render:
                self.rows[rel] = (entry.stat, entry.rows)
        return entries

    def check(self) -> Table:
        old = self.old
        position, stats = old.position, old.stats
        stale = []
        for rel, (path, now) in self.files.items():
            i = position.get(rel)
            if i is None or now is None:
                stale.append(rel)
                continue
            if now == tuple(stats[WIDTH * i : WIDTH * (i + 1)]):
                continue
            if stats[WIDTH * i] in (now[0], STALE[0]) and _content_digest(rel, path) == old.digest(
                i
            ):
                stats[WIDTH * i : WIDTH * (i + 1)] = array.array("q", now)  # touched, not changed
                self.changed.add(rel)
                continue
            stale.append(rel)
        added = [rel for rel in stale if rel not in position]
        removed = (
            []
            if len(old) + len(added) == len(self.files)
            else [p for p in old.paths if p not in self.files]
        )
        self.reread = len(stale)
        if not stale and not removed:
            return old
        before = {
            (old.kinds[i], old.idents[i])
            for rel in (*stale, *removed)
            if (i := position.get(rel)) is not None and old.idents[i] is not None
        }
        fresh = self.read(stale)
        self.reshaped = bool(added or removed) or old.paths != list(self.files)
        if self.reshaped:  # rows must follow the files' order: the first of two ids wins
            table = old.reordered(list(self.files), fresh)
        else:
            table = old
            for rel in stale:
                table.put(position[rel], fresh[rel])
        after = {(e.kind, e.ident) for e in fresh.values() if e.ident is not None}

        recheck = set(stale)
        if len(stale) < len(table):
            keys = _affected_keys(table, before, after, set(stale) | set(removed))
            recheck |= _depending_on(table, keys) - set(removed)
        self.changed |= recheck | set(removed)
        self.rechecked = len(recheck)
        if self.workers is not None:  # the workers check the records they hold
            held = [(rel, bool(table.valid[table.position[rel]])) for rel in recheck]
            held = [pair for pair in held if pair[0] in self.workers.holder]
            columns = (table.paths, table.kinds, table.idents, bytes(table.valid))
            self.workers.start_cross(columns, self.lookups, held)
            self.save_rows()  # while the workers check
            for rel, (rules, deps) in self.workers.finish_cross().items():
                table.deps[table.position[rel]] = deps
                table.set_findings(rel, table.findings.get(rel, ([], []))[0], rules)
            recheck -= {rel for rel, _valid in held}
        if not recheck:
            return table
        index = Index(
            zip(table.paths, table.kinds, table.idents, table.valid, strict=True), self.lookup
        )
        ctx = Context(self.project, index, self.today)
        for rel in recheck:
            i = table.position[rel]
            record = self.record(rel)
            if record is None:
                continue
            index.reads = set()
            rules = rows(check_cross(ctx, record, bool(table.valid[i])))
            table.deps[i] = join_keys(index.reads)
            index.reads = None
            table.set_findings(rel, table.findings.get(rel, ([], []))[0], rules)
        return table

    def save_rows(self) -> None:
        """Save the rows of the records read, when they are many, for the build; after a
        smaller edit the build takes them from the report."""
        if self.rows_store is not None and len(self.rows) >= ROWS_SAVED_FROM:
            self.rows_store.save({**self.rows_store.load(), **self.rows})
            self.rows = {}

    def take_records(self) -> None:
        """Bring the records the workers hold into this process."""
        assert self.workers is not None
        for rel, (kind, data) in self.workers.data().items():
            doc = Document(data, {}, None, partial(marks, rel, self.files[rel][0]))
            self.records[rel] = Record(kind, rel, doc)

    def close(self) -> None:
        if self.workers is not None:
            self.workers.close()
            self.workers = None


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cycle collector: a run allocates many long-lived objects without cycles,
    and each collection would walk them all again (about a third of the main process's
    time on 100,000 files)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _content_digest(rel: str, path: str) -> bytes | None:
    try:
        raw, _status = read_file(rel, path)
    except Refused:
        return None
    return digest_of(raw)


def _affected_keys(
    table: Table, before: set[tuple], after: set[tuple], changed: set[str]
) -> set[str]:
    """Index keys a change touched: each id the changed files had or have, and the id list
    of a kind when one of its ids appeared or vanished."""
    touched = before | after
    idents = {ident for _kind, ident in touched}
    kept = {  # touched ids still held by a file that did not change
        (table.kinds[i], ident)
        for i, ident in enumerate(table.idents)
        if ident in idents and table.paths[i] not in changed
    }
    keys = {f"{kind}/{ident}" for kind, ident in touched}
    for kind, ident in touched:
        if ((kind, ident) in before or (kind, ident) in kept) != (
            (kind, ident) in after or (kind, ident) in kept
        ):
            keys.add(f"{kind}/*")
    return keys


def _depending_on(table: Table, keys: set[str]) -> set[str]:
    """Files whose rules looked up one of the keys."""
    if len(keys) <= 8:
        found: set[str] = set()
        for key in keys:
            needle = f"\n{key}\n"
            found |= {table.paths[i] for i, deps in enumerate(table.deps) if needle in deps}
        return found
    return {
        table.paths[i]
        for i, deps in enumerate(table.deps)
        if deps and not keys.isdisjoint(deps.split("\n"))
    }


def _deleted(changed: ChangeSet, files: dict[str, Any]) -> list[Finding]:
    """Records of the base whose id no file holds any more: deleted instead of retired."""
    present = {reading.implied_identity(rel) for rel in files}
    return [
        Finding(
            changed.old_paths.get((kind, ident), f"data/records/{ident}.yaml"),
            1,
            1,
            "id-deleted",
            f"{kind} {ident} was deleted; ids are never lost: put back the file as a tombstone "
            "(id, and retired: date, reason, replaced_by) so the id keeps resolving",
        )
        for kind, ident in sorted(changed.old_ids - present)
    ]


def _touched_by(table: Table, changed: ChangeSet) -> set[str]:
    """Changed files, plus the files whose rules look up an id the change touched."""
    keys = {f"{kind}/{ident}" for kind, ident in changed.old_ids}
    for rel in changed.paths:
        i = table.position.get(rel)
        if i is not None and table.idents[i] is not None:
            keys.add(f"{table.kinds[i]}/{table.idents[i]}")
    return set(changed.paths) | _depending_on(table, keys)
