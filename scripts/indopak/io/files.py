"""Reading a file of the repository safely: only a regular file that lies inside the
repository (after following links), its type and size checked before a byte is read, and
never more than the limit plus one byte."""

from __future__ import annotations

import errno
import os
import stat

_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class Refused(Exception):
    """A file that is not read, with the rule and message of the finding it gives."""

    def __init__(self, rule: str, message: str, missing: bool = False) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message
        self.missing = missing  # there is no file (or the link leads nowhere)


def inside(path: str, root: str) -> bool:
    """Whether `path` (resolved) lies inside the folder `root` (resolved)."""
    return path == root or path.startswith(root.rstrip("/") + "/")


def read_inside(path: str, root: str, limit: int) -> tuple[bytes, os.stat_result]:
    """The bytes of `path` and its status, or Refused: a link leading outside `root`, a
    folder, a pipe, device or socket, a file larger than `limit` bytes, or one that cannot
    be opened. A named pipe is opened without waiting for a writer, so it never hangs."""
    try:
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        if exc.errno != errno.ELOOP:
            raise _unreadable(exc) from None
        real = os.path.realpath(path)
        if not inside(real, os.path.realpath(root)):
            raise Refused(
                "file-outside",
                "is a link to a file outside the repository; only files inside it are read",
            ) from None
        try:
            fd = os.open(real, _FLAGS)
        except OSError as again:
            raise _unreadable(again) from None
    try:
        status = os.fstat(fd)
        if stat.S_ISDIR(status.st_mode):
            raise Refused(
                "file-folder",
                "is a folder reached through a link (or not readable as a folder); "
                "linked folders are not read: move the records into data/records/",
            )
        if not stat.S_ISREG(status.st_mode):
            kind = next((name for test, name in _KINDS if test(status.st_mode)), "not a file")
            raise Refused("file-special", f"is {kind}, not a regular file; remove it")
        if status.st_size > limit:
            raise _too_large(status.st_size, limit)
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        raw = b"".join(chunks)
        if len(raw) > limit:
            raise _too_large(len(raw), limit)
        return raw, status
    except OSError as exc:
        raise _unreadable(exc) from None
    finally:
        os.close(fd)


def _unreadable(exc: OSError) -> Refused:
    missing = exc.errno == errno.ENOENT
    return Refused("file-unreadable", f"cannot be read: {exc.strerror or exc}", missing)


def _too_large(size: int, limit: int) -> Refused:
    return Refused("file-too-large", f"is {size} bytes or more; the limit is {limit} bytes")
