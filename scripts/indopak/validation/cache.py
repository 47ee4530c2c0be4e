"""The validation cache: what each record file gave last time, and what that depended on.

An entry is keyed by the file's path and remembers the file's status (size, modification
time, inode and change time: the test git uses to spot an edited file; the change time is
set by the kernel on every write and cannot be put back as a modification time can), its
kind and id, whether it passed the schema, its findings, and the keys (`kind/id`,
`kind/*`) its rules looked up in the index. A file whose status is unchanged and none of
whose keys were touched by the edit keeps its findings. Anything that could change every
result — the code, the schemas, the seed documents, today's date — is folded into a
fingerprint; a different fingerprint discards the whole cache. Every cache file carries a
checksum of its content, checked before the content is used: a missing, foreign or damaged
cache file just means a full run. The files live outside the working tree (`state.py`).
"""

from __future__ import annotations

import array
import hashlib
import marshal
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from indopak.io.errors import Finding
from indopak.io.files import Refused, read_inside
from indopak.schema.project import Project
from indopak.schema.state import cache_dir, ensure

FORMAT = 6
FILE = "validate.marshal"

Stat = tuple[int, int, int, int]  # size, mtime_ns, inode, ctime_ns
WIDTH = 4  # numbers per status in the status columns
FindingRow = tuple[str, int, int, str, str]


DIGEST_SIZE = 16
NO_DIGEST = bytes(DIGEST_SIZE)


def digest_of(raw: bytes | None) -> bytes:
    return NO_DIGEST if raw is None else hashlib.blake2b(raw, digest_size=DIGEST_SIZE).digest()


@dataclass(slots=True)
class Entry:
    stat: Stat
    kind: str | None
    ident: str | None
    valid: bool
    base: list[FindingRow]  # YAML and schema findings
    rules: list[FindingRow]  # findings of the rules
    deps: str  # index keys the rules read, each between newlines: "\nactor/india\n..."
    digest: bytes = NO_DIGEST  # hash of the file's content
    rows: str | None = None  # the record's rendered rows, when read for them (not stored)


def join_keys(keys: Iterable[str]) -> str:
    return "\n" + "\n".join(sorted(keys)) + "\n" if keys else ""


def rows(findings: list[Finding]) -> list[FindingRow]:
    return [(f.path, f.line, f.col, f.rule, f.message) for f in findings]


def stat_key(status: os.stat_result) -> Stat:
    # the change time too: a tool can put the modification time back (`cp -p`, `touch -r`)
    # but not the change time, which the kernel sets on every write
    return (status.st_size, status.st_mtime_ns, status.st_ino, status.st_ctime_ns)


# A sealed file: a magic string, the BLAKE2b digest of the payload, then the payload
# (marshal bytes). A file whose digest does not match is not used.
_MAGIC = b"indopak-sealed-1\n"
_SEAL = 32
_SEALED_MAX = 1 << 34  # a bound for the read, far above any real cache


def write_sealed(path: Path, value: object) -> None:
    """Write `value` to `path` atomically, with a checksum of its bytes."""
    payload = marshal.dumps(value)
    digest = hashlib.blake2b(payload, digest_size=_SEAL).digest()
    ensure(path.parent)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with open(temporary, "wb") as handle:
        handle.write(_MAGIC + digest + payload)
    os.replace(temporary, path)


def read_sealed(path: Path) -> object | None:
    """The value of a sealed file, or None when it is missing, not a regular file, or its
    content does not match its checksum."""
    try:
        raw, _status = read_inside(str(path), str(path.parent), _SEALED_MAX)
    except Refused:
        return None
    head = len(_MAGIC) + _SEAL
    if not raw.startswith(_MAGIC) or len(raw) < head:
        return None
    payload = memoryview(raw)[head:]
    if hashlib.blake2b(payload, digest_size=_SEAL).digest() != raw[len(_MAGIC) : head]:
        return None
    try:
        return marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None


def fingerprint(project: Project, today: str) -> str:
    digest = hashlib.sha256(f"{FORMAT}\n{today}\n".encode())
    package = Path(__file__).parents[1]  # the whole indopak package
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    for path in sorted(project.root.joinpath("schemas").rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(project.root).as_posix().encode())
            digest.update(path.read_bytes())
    seeds = project.root / "seeds"
    if seeds.is_dir():
        for path in sorted(seeds.rglob("*")):
            if path.is_file():
                digest.update(f"{path.relative_to(project.root).as_posix()}\0".encode())
                digest.update(repr(stat_key(path.stat())).encode())
    return digest.hexdigest()


# A file modified this close to the save could be modified again within the clock's
# granularity without its status changing; such entries are stored as stale.
RACY_NS = 2_000_000_000
STALE: Stat = (-1, -1, -1, -1)
# Entries written since the last full save go to a small delta file, so that a run after a
# one-file edit writes a few entries instead of all of them.
DELTA = "validate-delta.marshal"
DELTA_LIMIT = 5000


class Table:
    """Per-file results by column, in file order: what a run reads, updates and saves.

    Columns load and save many times faster than one object per file, and a run touches
    only the rows of the files it reads or re-checks.
    """

    def __init__(self) -> None:
        self.paths: list[str] = []
        self.stats = array.array("q")  # size, mtime_ns, inode per file
        self.kinds: list[str | None] = []
        self.idents: list[str | None] = []
        self.valid = bytearray()
        self.deps: list[str] = []
        self.digests = bytearray()
        self.findings: dict[str, tuple[list[FindingRow], list[FindingRow]]] = {}
        self.position: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.paths)

    def stat(self, i: int) -> Stat:
        return tuple(self.stats[WIDTH * i : WIDTH * (i + 1)])  # type: ignore[return-value]

    def entry(self, i: int) -> Entry:
        path = self.paths[i]
        base, rules = self.findings.get(path, ([], []))
        return Entry(
            self.stat(i),
            self.kinds[i],
            self.idents[i],
            bool(self.valid[i]),
            base,
            rules,
            self.deps[i],
            self.digest(i),
        )

    def digest(self, i: int) -> bytes:
        return bytes(self.digests[DIGEST_SIZE * i : DIGEST_SIZE * (i + 1)])

    def put(self, i: int, entry: Entry) -> None:
        self.stats[WIDTH * i : WIDTH * (i + 1)] = array.array("q", entry.stat)
        self.kinds[i], self.idents[i] = entry.kind, entry.ident
        self.valid[i] = entry.valid
        self.deps[i] = entry.deps
        self.digests[DIGEST_SIZE * i : DIGEST_SIZE * (i + 1)] = entry.digest
        self.set_findings(self.paths[i], entry.base, entry.rules)

    def set_findings(self, path: str, base: list, rules: list) -> None:
        if base or rules:
            self.findings[path] = (list(base), list(rules))
        else:
            self.findings.pop(path, None)

    def reordered(self, paths: list[str], fresh: dict[str, Entry]) -> Table:
        """A table of exactly `paths`, in that order: rows from `fresh`, else from here."""
        entries = [
            entry if (entry := fresh.get(path)) is not None else self.entry(self.position[path])
            for path in paths
        ]
        table = Table()  # built column by column, not row by row: several times faster
        table.paths = list(paths)
        table.position = dict(zip(table.paths, range(len(paths)), strict=True))
        table.stats = array.array("q", [n for entry in entries for n in entry.stat])
        table.kinds = [entry.kind for entry in entries]
        table.idents = [entry.ident for entry in entries]
        table.valid = bytearray([entry.valid for entry in entries])
        table.deps = [entry.deps for entry in entries]
        table.digests = bytearray(b"".join([entry.digest for entry in entries]))
        table.findings = {
            path: (list(entry.base), list(entry.rules))
            for path, entry in zip(table.paths, entries, strict=True)
            if entry.base or entry.rules
        }
        return table

    def pack(self, racy: int) -> dict[str, object]:
        stats = array.array("q", self.stats)
        for i in range(len(self.paths)):
            if stats[WIDTH * i + 1] >= racy:
                stats[WIDTH * i : WIDTH * (i + 1)] = array.array("q", STALE)
        return {
            "paths": join_column(self.paths),
            "stats": stats.tobytes(),
            "kinds": join_column(self.kinds),
            "idents": join_column(self.idents),
            "valid": bytes(self.valid),
            "deps": join_column(self.deps),
            "digests": bytes(self.digests),
            "findings": self.findings,
        }

    @classmethod
    def unpack(cls, stored: dict) -> Table:
        table = cls()
        table.paths = split_column(stored["paths"])
        table.stats.frombytes(stored["stats"])
        table.kinds, table.idents = split_column(stored["kinds"]), split_column(stored["idents"])
        table.valid = bytearray(stored["valid"])
        table.deps = split_column(stored["deps"])
        table.digests = bytearray(stored["digests"])
        table.findings = stored["findings"]
        n = len(table.paths)
        sizes = {len(table.kinds), len(table.idents), len(table.valid), len(table.deps)}
        shapes = (len(table.stats) == WIDTH * n, len(table.digests) == DIGEST_SIZE * n)
        if sizes != {n} or not all(shapes) or not isinstance(table.findings, dict):
            raise ValueError("damaged cache")
        table.position = dict(zip(table.paths, range(n), strict=True))
        return table


# Text columns are stored as one string each: one large object loads far faster than a
# hundred thousand small ones. NONE stands for a missing value.
SEPARATOR, NONE = "\x00", "\x01"


def join_column(column: list) -> str:
    return SEPARATOR.join(NONE if value is None else value for value in column)


def split_column(text: str) -> list:
    if not text:
        return []
    return [None if value == NONE else value for value in text.split(SEPARATOR)]


class Store:
    """The cache files of one project for one fingerprint."""

    def __init__(self, project: Project, key: str) -> None:
        self.folder = cache_dir(project)
        self.key = key
        self.token = ""  # identifies the full save the delta applies to
        self.delta: dict[str, tuple | None] = {}

    def load(self) -> Table:
        try:
            stored = read_sealed(self.folder / FILE)
            if not isinstance(stored, dict):
                return Table()
            if stored["format"] != FORMAT or stored["fingerprint"] != self.key:
                return Table()
            table = Table.unpack(stored)
            self.token = stored["token"]
        except (OSError, EOFError, ValueError, TypeError, KeyError):
            self.token, self.delta = "", {}
            return Table()
        self.delta = self._load_delta()
        if any(value is None or path not in table.position for path, value in self.delta.items()):
            self.token, self.delta = "", {}  # a delta only updates rows: this one is foreign
            return Table()
        for path, value in self.delta.items():
            table.put(table.position[path], Entry(*value))  # type: ignore[misc]
        return table

    def _load_delta(self) -> dict[str, tuple | None]:
        stored = read_sealed(self.folder / DELTA)
        if not isinstance(stored, dict) or stored.get("token") != self.token:
            return {}
        entries = stored.get("entries")
        return entries if isinstance(entries, dict) else {}

    def save(self, table: Table, changed: set[str], whole: bool = False) -> None:
        """Write the changed rows atomically, or the whole table when there are many or
        `whole` says files were added or removed (the delta only updates rows in place);
        a cache that cannot be written is simply not kept."""
        racy = time.time_ns() - RACY_NS
        try:
            if not whole and self.token and len(self.delta) + len(changed) <= DELTA_LIMIT:
                for path in changed:
                    i = table.position.get(path)
                    self.delta[path] = None if i is None else _row(table.entry(i), racy)
                self._write(DELTA, {"token": self.token, "entries": self.delta})
                return
            self.token = f"{os.getpid()}-{time.time_ns()}"
            stored = {"format": FORMAT, "fingerprint": self.key, "token": self.token}
            self._write(FILE, {**stored, **table.pack(racy)})
            (self.folder / DELTA).unlink(missing_ok=True)
            self.delta = {}
        except OSError:
            pass

    def _write(self, name: str, value: object) -> None:
        write_sealed(self.folder / name, value)


def _row(e: Entry, racy: int) -> tuple:
    stat = e.stat if e.stat[1] < racy else STALE
    return (stat, e.kind, e.ident, e.valid, e.base, e.rules, e.deps, e.digest)
