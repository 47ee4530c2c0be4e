"""Reading record files: parse and schema-check each one, on every core when it pays.

With many files, worker processes (forked, so they share the loaded schemas) read and check
batches of files and send back each record's data and cache entry. The data travels without
its marks (line and column of every key), which are most of its size; a record that later
needs a position for a finding reads its marks from the file again.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections.abc import Iterator
from functools import partial

from indopak.io.files import Refused
from indopak.io.yamlload import Document, load_yaml
from indopak.schema.project import FOLDER_KINDS, Project
from indopak.validation.cache import STALE, Entry, Stat, digest_of, rows
from indopak.validation.records import Record, read_file, read_record_bytes, status_of
from indopak.validation.rows import Renderer
from indopak.validation.rules import Context, Index, check_local
from indopak.validation.schemacheck import SchemaChecker

# Findings about reading a file rather than its content: never kept as the file's result.
NEVER_CACHED = frozenset({"file-unreadable", "file-outside", "file-folder", "file-special"})
PARALLEL_MIN = 2000  # fewer files are read faster than worker processes start
BATCH = 500

Item = tuple[str, str, Stat | None]  # repository-relative path, path on disk, file status

_checker: SchemaChecker | None = None
_renderer: Renderer | None = None
_local: Context | None = None
_keep_data = True  # worker state, set by read_all before the workers fork


def read_checked(
    checker: SchemaChecker | None,
    item: Item,
    renderer: Renderer | None = None,
    local: Context | None = None,
) -> tuple[Record | None, Entry]:
    """A file's record and cache entry (without a checker: parsed only, marked invalid).
    With `local`, a schema-valid record also goes through the rules that need no other
    record; with a renderer, the entry also carries the rows of a schema-valid record."""
    rel, path, status = item
    record, findings, raw, opened = read_record_bytes(rel, path, marks=False)
    if status is None:  # listed without its status: the one taken as it was opened
        status = opened or status_of(path)
    valid = False
    if record is not None and checker is not None:
        nodes: list = []  # the schema check's walk, which the record rules then reuse
        problems = checker.check(record, nodes if local is not None else None)
        findings = findings + problems
        valid = not problems
        if valid and local is not None:
            local.walked(record, nodes)
            findings = findings + check_local(local, record)
    kind, ident = (record.kind, record.id) if record is not None else implied_identity(rel)
    if any(f.rule in NEVER_CACHED for f in findings):
        status = STALE  # a file that could not be read is read again next time
    entry = Entry(status, kind, ident, valid, rows(findings), [], "", digest_of(raw))
    if renderer is not None and record is not None and (valid or checker is None):
        entry.rows = renderer.render(record)
    return record, entry


def implied_identity(rel: str) -> tuple[str | None, str | None]:
    """The kind and id a record file stands for by its folder and file name: for a file that
    could not be parsed, so that references to it count as references to a broken record
    (which its own findings explain) rather than to no record at all."""
    parts = rel.split("/")
    name = parts[-1]
    if len(parts) < 4 or parts[:2] != ["data", "records"] or not name.endswith(".yaml"):
        return None, None
    if name.startswith("."):
        return None, None
    return FOLDER_KINDS.get(parts[2]), name[: -len(".yaml")]


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def configure(
    project: Project,
    check: bool = True,
    render: bool = False,
    keep_data: bool = True,
    today: dt.date | None = None,
) -> None:
    """Set what reading a file involves, in this process and the workers it will fork."""
    global _checker, _renderer, _keep_data, _local
    _checker = SchemaChecker(project) if check else None
    _renderer = Renderer(project.table_plan) if render else None
    _local = Context(project, Index([], _no_records), today) if check and today else None
    _keep_data = keep_data


def checker() -> SchemaChecker | None:
    return _checker


def renderer() -> Renderer | None:
    return _renderer


def local() -> Context | None:
    return _local


def parallel(count: int, batch: int) -> int:
    """How many worker processes to read `count` files with (0: read them here)."""
    workers = min(cores(), count // batch)
    if count < PARALLEL_MIN or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    return workers


def read_all(
    project: Project,
    items: list[Item],
    check: bool = True,
    render: bool = False,
    keep_data: bool = True,
    today: dt.date | None = None,
) -> Iterator[tuple[Record | None, Entry]]:
    """(record or None, cache entry) of every item, in order. `check=False` only parses;
    with `today`, checked records also go through the rules that need no other record;
    `render` puts each record's rendered rows on its entry; without `keep_data` no record
    is returned (the rows are what the caller wants)."""
    configure(project, check, render, keep_data, today)
    workers = parallel(len(items), BATCH)
    if not workers:
        for item in items:
            record, entry = read_checked(_checker, item, _renderer, _local)
            yield (record if keep_data else None), entry
        return
    batches = [items[i : i + BATCH] for i in range(0, len(items), BATCH)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for batch, results in zip(batches, pool.imap(_read_batch, batches), strict=True):
            for (rel, path, _status), (data, fields) in zip(batch, results, strict=True):
                entry = Entry(*fields)
                record = None
                if data is not None and entry.kind is not None:
                    record = Record(
                        entry.kind, rel, Document(data, {}, None, partial(marks, rel, path))
                    )
                yield record, entry


def _read_batch(batch: list[Item]) -> list[tuple[object, tuple]]:
    out = []
    for item in batch:
        record, e = read_checked(_checker, item, _renderer, _local)
        data = record.data if record is not None and _keep_data else None
        fields = (e.stat, e.kind, e.ident, e.valid, e.base, e.rules, e.deps, e.digest, e.rows)
        out.append((data, fields))
    return out


def _no_records(path: str) -> None:
    return None


def marks(rel: str, path: str) -> dict:
    """The marks of a file, read again (for a record that travelled without them)."""
    try:
        raw, _status = read_file(rel, path)
    except Refused:
        return {}
    doc, _problems = load_yaml(raw, rel)
    return doc.marks if doc is not None else {}
