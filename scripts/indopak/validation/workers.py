"""Worker processes that read and check many record files and keep the records they read.

A validation of many files runs in two steps on every core. First each worker reads
batches of files (parse, schema, local rules, rows) and keeps its records; it sends back
only the cache entry and the LOOKUP_FIELDS of each record. Then, once the main process
has built the index of every kind and id, each worker runs the cross-record rules on its
own records. The records themselves never cross a pipe unless the caller asks for them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import multiprocessing
import os
import pickle
import signal
from collections.abc import Iterator
from functools import partial
from multiprocessing.connection import Connection, wait
from typing import Any

from indopak.io.errors import WorkerFailed
from indopak.io.yamlload import Document
from indopak.schema.project import Project
from indopak.validation import reading
from indopak.validation.cache import Entry, join_keys, rows
from indopak.validation.records import Record, read_record
from indopak.validation.rules import Context, Index, check_cross, lookup_fields

IN_FLIGHT = 2  # batches queued per worker, so none waits while the main process is busy

Item = reading.Item
Lookups = dict[str, dict[str, Any]]


class Workers:
    """A pool of forked workers, each keeping the records it read."""

    def __init__(self, project: Project, today: dt.date, render: bool, count: int) -> None:
        reading.configure(project, check=True, render=render, today=today)
        self.project = project
        self.today = today
        self.holder: dict[str, int] = {}  # which worker holds the record of a path
        self.conns: list[Connection] = []
        self.processes = []
        context = multiprocessing.get_context("fork")
        for _ in range(count):
            mine, theirs = context.Pipe()
            process = context.Process(target=_serve, args=(theirs, project, today), daemon=True)
            process.start()
            theirs.close()
            self.conns.append(mine)
            self.processes.append(process)

    def read(self, items: list[Item]) -> Iterator[tuple[Entry, dict[str, Any] | None]]:
        """(cache entry, lookup fields or None) of every item, in order."""
        size = reading.BATCH
        batches = [items[i : i + size] for i in range(0, len(items), size)]
        done: dict[int, list] = {}
        sent = 0
        waiting = {conn: 0 for conn in self.conns}
        emitted = 0
        while emitted < len(batches):
            for worker, conn in enumerate(self.conns):
                while waiting[conn] < IN_FLIGHT and sent < len(batches):
                    _send(conn, ("read", sent, batches[sent]))
                    for rel, _path, _stat in batches[sent]:
                        self.holder[rel] = worker
                    waiting[conn] += 1
                    sent += 1
            for conn in wait([c for c in self.conns if waiting[c]]):
                number, results = _receive(conn)
                waiting[conn] -= 1
                done[number] = results
            while emitted in done:
                for fields, lookups in done.pop(emitted):
                    yield Entry(*fields), lookups
                emitted += 1

    def start_cross(
        self,
        columns: tuple[list, list, list, bytes],
        lookups: Lookups,
        wanted: list[tuple[str, bool]],
    ) -> None:
        """Have the workers run the cross-record rules on each wanted (path, schema-valid)
        pair, each on the records it holds; `finish_cross` collects the results."""
        index_blob = pickle.dumps((columns, lookups), protocol=pickle.HIGHEST_PROTOCOL)
        shares: list[list[tuple[str, bool]]] = [[] for _ in self.conns]
        for rel, valid in wanted:
            shares[self.holder[rel]].append((rel, valid))
        for conn, share in zip(self.conns, shares, strict=True):
            _send(conn, ("cross", share))
            _send(conn, index_blob, raw=True)

    def finish_cross(self) -> dict[str, tuple[list, str]]:
        """(findings rows, dependency keys) of each path `start_cross` asked for."""
        found: dict[str, tuple[list, str]] = {}
        for conn in self.conns:
            found.update(_receive(conn))
        return found

    def data(self) -> dict[str, tuple[str, Any]]:
        """The kind and data of every record the workers hold, by path."""
        found: dict[str, tuple[str, Any]] = {}
        for conn in self.conns:
            _send(conn, ("data",))
        for conn in self.conns:
            found.update(_receive(conn))
        return found

    def close(self) -> None:
        for conn in self.conns:
            with contextlib.suppress(OSError):
                conn.send(("stop",))
            conn.close()
        for process in self.processes:
            process.join(timeout=5)
            if process.is_alive():
                process.kill()


_STOPPED = (
    "a worker process reading the records stopped (killed, or out of memory?); nothing was saved"
)


def _send(conn: Connection, message: Any, raw: bool = False) -> None:
    # A worker that died closes its end: writing to it fails like a closed output pipe,
    # which must not pass for one (the command line treats that as a quiet exit).
    try:
        if raw:
            conn.send_bytes(message)
        else:
            conn.send(message)
    except OSError:
        raise WorkerFailed(_STOPPED) from None


def _receive(conn: Connection) -> Any:
    try:
        message = conn.recv()
    except (EOFError, OSError):
        raise WorkerFailed(_STOPPED) from None
    if isinstance(message, tuple) and message[:1] == ("error",):
        raise WorkerFailed(f"a worker process reading the records failed:\n{message[1]}")
    return message


def _serve(conn: Connection, project: Project, today: dt.date) -> None:
    # Every record kept makes each pass of the cycle collector longer, and the reading
    # allocates enough to start many passes: with it on, reading and checking 100,000
    # files take a third longer. The records hold no reference cycles.
    gc.disable()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    records: dict[str, Record] = {}
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        try:
            if message[0] == "read":
                conn.send((message[1], _read(message[2], records)))
            elif message[0] == "cross":
                columns, lookups = pickle.loads(conn.recv_bytes())
                conn.send(_cross(project, today, records, columns, lookups, message[1]))
            elif message[0] == "data":
                conn.send({rel: (r.kind, r.data) for rel, r in records.items()})
            else:  # stop, without freeing the records one by one: the process ends here
                conn.close()
                os._exit(0)
        except Exception:  # pragma: no cover - a bug: hand the traceback to the main process
            import traceback

            conn.send(("error", traceback.format_exc()))
            return


def _read(items: list[Item], records: dict[str, Record]) -> list[tuple[tuple, Any]]:
    out = []
    for item in items:
        rel, path, _status = item
        record, e = reading.read_checked(
            reading.checker(), item, reading.renderer(), reading.local()
        )
        lookups = None
        if record is not None:
            # marks are most of a record's size: drop them, read them again if a finding needs them
            record.doc = Document(record.data, {}, None, partial(reading.marks, rel, path))
            records[rel] = record
            if e.valid:
                lookups = lookup_fields(record.data)
        fields = (e.stat, e.kind, e.ident, e.valid, e.base, e.rules, e.deps, e.digest, e.rows)
        out.append((fields, lookups))
    return out


def _cross(
    project: Project,
    today: dt.date,
    records: dict[str, Record],
    columns: tuple[list, list, list, bytes],
    lookups: Lookups,
    wanted: list[tuple[str, bool]],
) -> dict[str, tuple[list, str]]:
    paths, kinds, idents, valid = columns

    def load(rel: str) -> dict[str, Any] | None:
        found = lookups.get(rel)
        if found is None:  # valid, but not read in this run: read it now
            record = read_record(rel, str(project.root / rel))[0]
            ok = record is not None and isinstance(record.data, dict)
            found = lookup_fields(record.data) if ok else None  # type: ignore[union-attr]
        return found

    index = Index(zip(paths, kinds, idents, valid, strict=True), load)
    context = Context(project, index, today)
    out = {}
    for rel, is_valid in wanted:
        record = records.get(rel)
        if record is None:  # not a record: its file's findings say why
            continue
        index.reads = set()
        found = rows(check_cross(context, record, is_valid))
        out[rel] = (found, join_keys(index.reads))
    return out
