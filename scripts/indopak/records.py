"""Finding record files under data/records/ and parsing them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import Finding
from .project import FOLDER_KINDS, Project
from .yamlload import Document, load_yaml


@dataclass
class Record:
    """One parsed record file."""

    kind: str
    path: str  # relative to the repository root, with forward slashes
    doc: Document

    @property
    def data(self) -> dict[str, Any]:
        return self.doc.data

    @property
    def id(self) -> str | None:
        value = self.data.get("id")
        return value if isinstance(value, str) else None

    @property
    def stem(self) -> str:
        return Path(self.path).stem

    @property
    def retired(self) -> bool:
        return "retired" in self.data

    def at(self, *path: str | int) -> tuple[int, int]:
        return self.doc.mark(tuple(path))


def relative(project: Project, path: Path) -> str:
    try:
        return path.resolve().relative_to(project.root).as_posix()
    except ValueError:
        return path.as_posix()


def record_files(project: Project) -> list[Path]:
    """Every file under data/records/, sorted (YAML or not: strays are reported)."""
    return sorted(p for p in project.records_dir.rglob("*") if p.is_file())


def kind_of(project: Project, path: Path) -> str | None:
    """Record kind implied by a file's folder, or None outside the known folders."""
    try:
        parts = path.resolve().relative_to(project.records_dir).parts
    except ValueError:
        return None
    return FOLDER_KINDS.get(parts[0]) if len(parts) > 1 else None


def read_records(project: Project, files: Iterable[Path]) -> tuple[list[Record], list[Finding]]:
    """Parse files into records; files that cannot be records become findings."""
    records: list[Record] = []
    findings: list[Finding] = []
    for path in files:
        rel = relative(project, path)
        if path.name.startswith("."):
            continue
        kind = kind_of(project, path)
        if path.suffix != ".yaml":
            findings.append(Finding(rel, 1, 1, "file-extension",
                                    "record files end in .yaml (not .yml or another extension)"))
            continue
        if kind is None:
            folders = ", ".join(sorted(FOLDER_KINDS))
            findings.append(Finding(rel, 1, 1, "file-location",
                                    f"record files belong in one of data/records/{{{folders}}}/"))
            continue
        try:
            raw = path.read_bytes()
        except OSError as exc:
            findings.append(Finding(rel, 1, 1, "file-unreadable", exc.strerror or str(exc)))
            continue
        doc, problems = load_yaml(raw, rel)
        findings.extend(problems)
        if doc is not None:
            records.append(Record(kind, rel, doc))
    return records, findings
