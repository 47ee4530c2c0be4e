"""Validating in a second process while the build assembles the package from stored rows.

After a validate, the row store (rows.py) holds the rows of every record. A build may use
them only once its own validation has found that no record changed since; that validation
(the status of every file, the validation cache) takes about as long again as assembling
the tables. So a build of a large project forks a process that validates and sends back
its report, assembles the tables from the store as it stands meanwhile, and keeps them
only when the report says the store holds exactly the files, with the statuses, that the
validation saw. Otherwise, or if anything goes wrong in that process, the build goes on as
without it.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
from dataclasses import replace
from multiprocessing.connection import Connection

from indopak.schema.project import Project
from indopak.validation.reading import cores
from indopak.validation.rows import RowStore
from indopak.validation.validate import Report, validate

# Below this size the store is assembled sooner than a process starts and reports back.
ASIDE_MIN_BYTES = 8 * 1024 * 1024


class ValidatedAside:
    """`validate(project, use_cache=True)` running in a forked process."""

    def __init__(self, conn: Connection, process: multiprocessing.Process) -> None:
        self.conn = conn
        self.process = process

    @classmethod
    def start(cls, project: Project, store: RowStore) -> ValidatedAside | None:
        """Start validating, when the store is large enough for it to pay (else None)."""
        try:
            size = store.path.stat().st_size
        except OSError:
            return None
        if (
            size < ASIDE_MIN_BYTES
            or cores() < 2
            or "fork" not in multiprocessing.get_all_start_methods()
        ):
            return None
        context = multiprocessing.get_context("fork")
        mine, theirs = context.Pipe(duplex=False)
        # not a daemon: a daemon may not start the worker processes validate may need
        process = context.Process(target=_validate, args=(theirs, project))
        process.start()
        theirs.close()
        return cls(mine, process)

    def report(self) -> Report | None:
        """The report (without the records read: a build with the cache needs none), or
        None if the process failed; the caller then validates itself."""
        try:
            found = self.conn.recv()
        except (EOFError, OSError):
            found = None
        self.close()
        return found

    def close(self, wait: float = 5.0) -> None:
        """Let the process end (after it sent its report), or stop it (`wait=0`)."""
        self.conn.close()
        self.process.join(timeout=wait)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


def _validate(conn: Connection, project: Project) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build's to handle
    found = None
    try:
        found = replace(validate(project, use_cache=True), records=[])
    except Exception:  # the build validates again itself, and meets the failure there
        found = None
    with contextlib.suppress(OSError):
        conn.send(found)
    conn.close()
