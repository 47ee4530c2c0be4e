"""Finding record files under data/records/ and parsing them."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from indopak.io.errors import Finding
from indopak.io.files import Refused, read_inside
from indopak.io.yamlload import MAX_BYTES, Document, load_yaml
from indopak.schema.project import FOLDER_KINDS, Project
from indopak.validation.cache import STALE, Stat, stat_key


@dataclass
class Record:
    """One parsed record file."""

    kind: str
    path: str  # relative to the repository root, with forward slashes
    doc: Document
    # (path, value, schema) of the values that point at other records (rules.Context)
    links: list[tuple[tuple, Any, dict]] | None = field(default=None, repr=False, compare=False)

    @property
    def data(self) -> dict[str, Any]:
        return self.doc.data

    @property
    def id(self) -> str | None:
        value = self.data.get("id")
        return value if isinstance(value, str) else None

    @property
    def stem(self) -> str:
        return os.path.splitext(self.path.rpartition("/")[2])[0]

    @property
    def retired(self) -> bool:
        return "retired" in self.data

    def at(self, *path: str | int) -> tuple[int, int]:
        return self.doc.mark(tuple(path))


def _under(path: Path, folder: Path) -> Path | None:
    """`path` relative to `folder`, resolving symlinks and `..` only when needed."""
    for resolve in (False, True):
        try:
            relative_path = (path.resolve() if resolve else path).relative_to(folder)
        except ValueError:
            continue
        if ".." not in relative_path.parts:
            return relative_path
    return None


def relative(project: Project, path: Path) -> str:
    found = _under(path, project.root)
    return found.as_posix() if found is not None else path.as_posix()


def record_files(project: Project) -> list[Path]:
    """Every file under data/records/, sorted (YAML or not: strays are reported)."""
    found = []
    for folder, dirs, files in os.walk(project.records_dir):
        dirs.sort()
        base = Path(folder)
        found.extend(base / name for name in files)
    return sorted(found)


def kind_of(project: Project, path: Path) -> str | None:
    """Record kind implied by a file's folder, or None outside the known folders."""
    found = _under(path, project.records_dir)
    if found is None:
        return None
    parts = found.parts
    return FOLDER_KINDS.get(parts[0]) if len(parts) > 1 else None


def scan(project: Project, status: bool = True) -> dict[str, tuple[str, Stat | None]]:
    """Every file under data/records/ by repository-relative path: its path on disk and
    status, in the order of `record_files` (names sorted, folders entered where they sort).
    Without `status` the files are only listed (their status is None): a run that reads
    every file anyway takes each status as it opens the file."""
    found: dict[str, tuple[str, Stat | None]] = {}
    top = str(project.records_dir)
    if os.path.isdir(top):
        _scan_folder(top, "data/records", found, status)
    return found


def _scan_folder(
    folder: str, rel: str, found: dict[str, tuple[str, Stat | None]], status: bool
) -> None:
    # names are looked up relative to the open folder, which spares the kernel walking the
    # whole path again for each of thousands of files; the folder listing tells folders
    # from files without asking for each one's status
    try:
        handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:  # unreadable: listed, so that reading it reports why
        found[rel] = (folder, STALE if status else None)
        return
    try:
        with os.scandir(handle) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
        for entry in entries:
            name = entry.name
            path = f"{folder}/{name}"
            if _is_folder(entry) and not entry.is_symlink():
                _scan_folder(path, f"{rel}/{name}", found, status)
                continue
            # files, and links to folders: those are not entered, but reading reports them
            found[f"{rel}/{name}"] = (path, _status(entry) if status else None)
    finally:
        os.close(handle)


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # unreadable: read_record reports it
        return False


def _status(entry: os.DirEntry) -> Stat:
    # a dangling link has no status of its own target: read_record reports it
    return _first_status(entry.stat, partial(entry.stat, follow_symlinks=False))


def status_of(path: str) -> Stat:
    """A file's status, as `scan` gives it."""
    return _first_status(partial(os.stat, path), partial(os.lstat, path))


def _first_status(*ways: Callable[[], os.stat_result]) -> Stat:
    for way in ways:
        try:
            return stat_key(way())
        except OSError:
            continue
    return STALE


def read_file(rel: str, path: str) -> tuple[bytes, os.stat_result]:
    """A record file's bytes and status, read as `files.read_inside` reads (Refused
    otherwise): the one way every part of a run reads a record file."""
    return read_inside(path, repository_root(rel, path), MAX_BYTES)


def repository_root(rel: str, path: str) -> str:
    """The repository folder of a file given by its relative and its disk path."""
    if path.endswith("/" + rel):
        return path[: -len(rel) - 1]
    return os.path.dirname(os.path.abspath(path)).rsplit("/data/records", 1)[0]


def read_record(rel: str, path: str) -> tuple[Record | None, list[Finding]]:
    """Parse one file found by `scan`; a file that cannot be a record gives findings."""
    record, findings, _raw, _status = read_record_bytes(rel, path)
    return record, findings


def read_record_bytes(
    rel: str, path: str, marks: bool = True
) -> tuple[Record | None, list[Finding], bytes | None, Stat | None]:
    """`read_record`, the bytes it read and the file's status when it opened it (None and
    None when it read none). Without `marks`, the positions of a clean file's keys are
    read only when a finding needs one."""
    parts = rel.split("/")
    name = parts[-1]
    if name.startswith("."):
        message = "hidden files are not records; remove it or move it out of data/records/"
        return None, [Finding(rel, 1, 1, "file-hidden", message)], None, None
    try:
        # the status before the content: an edit after it changes the status again
        raw, opened = read_file(rel, path)
    except Refused as refused:
        if refused.rule == "file-too-large":
            message = f"file is more than {MAX_BYTES} bytes; a record may be at most that"
            return None, [Finding(rel, 1, 1, "yaml-too-large", message)], None, None
        return None, [Finding(rel, 1, 1, refused.rule, f"{name} {refused.message}")], None, None
    status = stat_key(opened)
    if not name.endswith(".yaml"):
        message = "record files end in .yaml (not .yml or another extension)"
        return None, [Finding(rel, 1, 1, "file-extension", message)], None, None
    inside = len(parts) > 3 and parts[:2] == ["data", "records"]
    kind = FOLDER_KINDS.get(parts[2]) if inside else None
    if kind is None:
        folders = ", ".join(sorted(FOLDER_KINDS))
        message = f"record files belong in one of data/records/{{{folders}}}/"
        return None, [Finding(rel, 1, 1, "file-location", message)], None, None
    doc, problems = load_yaml(raw, rel, marks=marks)
    return (None if doc is None else Record(kind, rel, doc)), problems, raw, status


def read_records(project: Project, files: Iterable[Path]) -> tuple[list[Record], list[Finding]]:
    """Parse files into records; files that cannot be records become findings."""
    records: list[Record] = []
    findings: list[Finding] = []
    for path in files:
        record, problems = read_record(relative(project, path), str(path))
        findings.extend(problems)
        if record is not None:
            records.append(record)
    return records, findings
