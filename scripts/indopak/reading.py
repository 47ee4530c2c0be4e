"""Reading record files: parse and schema-check each one, on every core when it pays.

With many files, worker processes (forked, so they share the loaded schemas) read and check
batches of files and send back each record's data and cache entry. The data travels without
its marks (line and column of every key), which are most of its size; a record that later
needs a position for a finding reads its marks from the file again.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from functools import partial

from .cache import Entry, Stat, rows
from .project import Project
from .records import Record, read_record
from .schemacheck import SchemaChecker
from .yamlload import Document, load_yaml

PARALLEL_MIN = 2000  # fewer files are read faster than worker processes start
BATCH = 500

Item = tuple[str, str, Stat]  # repository-relative path, path on disk, file status

_checker: SchemaChecker | None = None


def read_checked(checker: SchemaChecker | None, item: Item) -> tuple[Record | None, Entry]:
    """A file's record and cache entry (without a checker: parsed only, marked invalid)."""
    rel, path, status = item
    record, findings = read_record(rel, path)
    valid = False
    if record is not None and checker is not None:
        problems = checker.check(record)
        findings = findings + problems
        valid = not problems
    kind, ident = (record.kind, record.id) if record is not None else (None, None)
    return record, Entry(status, kind, ident, valid, rows(findings), [], "")


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def read_all(
    project: Project, items: list[Item], check: bool = True
) -> Iterator[tuple[Record | None, Entry]]:
    """(record or None, cache entry) of every item, in order; `check=False` only parses."""
    global _checker
    _checker = SchemaChecker(project) if check else None
    workers = min(cores(), len(items) // BATCH)
    if (
        len(items) < PARALLEL_MIN
        or workers < 2
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        for item in items:
            yield read_checked(_checker, item)
        return
    batches = [items[i : i + BATCH] for i in range(0, len(items), BATCH)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for batch, results in zip(batches, pool.imap(_read_batch, batches), strict=True):
            for (rel, path, _status), (data, fields) in zip(batch, results, strict=True):
                entry = Entry(*fields)
                record = None
                if data is not None and entry.kind is not None:
                    record = Record(
                        entry.kind, rel, Document(data, {}, None, partial(_marks, rel, path))
                    )
                yield record, entry


def _read_batch(batch: list[Item]) -> list[tuple[object, tuple]]:
    out = []
    for item in batch:
        record, e = read_checked(_checker, item)
        data = record.data if record is not None else None
        out.append((data, (e.stat, e.kind, e.ident, e.valid, e.base, e.rules, e.deps)))
    return out


def _marks(rel: str, path: str) -> dict:
    try:
        with open(path, "rb") as handle:
            doc, _problems = load_yaml(handle.read(), rel)
    except OSError:
        return {}
    return doc.marks if doc is not None else {}
