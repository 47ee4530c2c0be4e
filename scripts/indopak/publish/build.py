"""Build: validated records -> CSV and JSON tables and datapackage.json, written atomically."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indopak.io.errors import BuildLocked, Finding
from indopak.publish.buildahead import ValidatedAside
from indopak.publish.codebook import render_codebook
from indopak.schema.project import Project
from indopak.schema.state import ensure, state_dir
from indopak.validation.cache import fingerprint
from indopak.validation.reading import read_all
from indopak.validation.rows import Renderer, RowStore, assemble
from indopak.validation.validate import Report, validate

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
OUTPUT_DIRS = ("data/csv", "data/json")
TOP_LEVEL_OUTPUTS = ("datapackage.json", "CODEBOOK.md")
JOURNAL, MARKER, STAGING = "publish-journal", "PUBLISHING", "staging"


@dataclass
class BuildResult:
    findings: list[Finding] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)  # files that differ (check) or were written
    records: int = 0


def published_schema(project: Project, table: str) -> dict[str, Any]:
    """A table schema as published: vocabularies become categories plus an enum constraint."""
    schema = json.loads(json.dumps(project.table_schemas[table]))
    schema.pop("title", None)
    schema.pop("description", None)
    for column in schema["fields"]:
        vocab = column.pop("x-vocabulary", None)
        if vocab is not None:
            codes = project.codes[vocab]
            column["categories"] = codes
            column.setdefault("constraints", {})["enum"] = codes
    schema["missingValues"] = [""]
    return schema


def render_json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _resource(project: Project, table: str, path: str, fmt: str, content: bytes) -> dict:
    schema_file = project.table_schemas[table]
    return {
        "name": table,
        "type": "table",
        "path": path,
        "format": fmt,
        "mediatype": "text/csv" if fmt == "csv" else "application/json",
        "encoding": "utf-8",
        "title": schema_file["title"],
        "description": schema_file["description"],
        "bytes": len(content),
        "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
        "schema": published_schema(project, table),
    }


def render_package(
    project: Project, tables: dict[str, tuple[bytes, bytes, int]]
) -> dict[str, bytes]:
    """Every generated file, by path relative to the repository root, from each table's
    CSV bytes, JSON bytes and row count (`rows.assemble`)."""
    files: dict[str, bytes] = {}
    csv_resources, json_resources = [], []
    for table in sorted(tables):
        csv_bytes, json_bytes, rows = tables[table]
        files[f"data/csv/{table}.csv"] = csv_bytes
        files[f"data/json/{table}.json"] = json_bytes
        csv_resources.append(_resource(project, table, f"data/csv/{table}.csv", "csv", csv_bytes))
        if rows:  # frictionless cannot read an empty JSON array as a table
            resource = _resource(project, table, f"{table}.json", "json", json_bytes)
            # frictionless does not measure JSON sources, so it would reject bytes and hash
            del resource["bytes"], resource["hash"]
            json_resources.append(resource)
    files["CODEBOOK.md"] = render_codebook(project).encode("utf-8")
    meta = project.package_metadata
    head = {"$schema": PROFILE, **meta}
    files["datapackage.json"] = render_json({**head, "resources": csv_resources})
    json_head = {
        **head,
        "name": f"{meta['name']}-json",
        "description": meta["description"]
        + (" This descriptor serves the JSON tables; tables without rows are left out."),
    }
    files["data/json/datapackage.json"] = render_json({**json_head, "resources": json_resources})
    return files


def _row_strings(project: Project, report: Report, use_cache: bool) -> list[str]:
    """Every record's rendered rows in file order: from the row store or the report where
    the file is unchanged, the others read and rendered here (on every core)."""
    if not use_cache:
        renderer = Renderer(project.table_plan)
        return [renderer.render(record) or "" for record in report.records]
    store = RowStore(project, report.cache_key)
    status = {rel: found[1] for rel, found in report.files.items()}
    stored = store.stored()
    if not report.rows:  # the usual build after a validate: every row is in the store
        whole = store.joined(status, stored)
        if whole is not None:
            return [whole]
    kept = store.load(stored)
    known = {**kept, **report.rows}
    missing = [
        (rel, report.files[rel][0], status[rel])
        for rel in report.files
        if known.get(rel, (None,))[0] != status[rel]
    ]
    fresh = {}
    if missing:
        read = read_all(project, missing, check=False, render=True, keep_data=False)
        for (rel, _path, stat), (_record, entry) in zip(missing, read, strict=True):
            fresh[rel] = (stat, entry.rows)
    known.update(fresh)
    if fresh or report.rows:
        store.save({rel: known[rel] for rel in report.files})
    return [known[rel][1] or "" for rel in report.files]


def _validated_and_assembled(
    project: Project,
) -> tuple[Report | None, dict[str, bytes] | None]:
    """Validate in a second process while assembling the package from the stored rows in
    this one (buildahead); the files only when the report shows the store was current."""
    store = RowStore(project, fingerprint(project, dt.date.today().isoformat()))
    aside = ValidatedAside.start(project, store)
    if aside is None:
        return None, None
    try:
        whole = store.whole()
        files = None
        if whole is not None:
            files = render_package(project, assemble([whole[2]], project.table_schemas))
    except BaseException:
        aside.close(wait=0)
        raise
    report = aside.report()
    if (
        report is None
        or report.rows  # it read files it did not save rows for
        or report.cache_key != store.key
        or whole is None
        or whole[:2] != RowStore.signature({rel: found[1] for rel, found in report.files.items()})
    ):
        files = None
    return report, files


DESCRIPTORS = ("datapackage.json", "data/json/datapackage.json")


def descriptor_findings(root: Path, descriptor: str) -> list[Finding]:
    """A written descriptor against the Data Package profile, without reading any row."""
    from frictionless import FrictionlessException, Package

    try:
        data = json.loads((root / descriptor).read_text(encoding="utf-8"))
        errors = list(Package.metadata_validate(data))
    except FrictionlessException as exc:
        errors = [exc.error]
    except (OSError, ValueError) as exc:
        return [Finding(descriptor, 1, 1, "package-descriptor", str(exc))]
    return [Finding(descriptor, 1, 1, f"package-{e.type}", e.message) for e in errors]


def frictionless_findings(root: Path, descriptor: str) -> list[Finding]:
    """Validate a written package with frictionless; problems become findings."""
    from frictionless import validate as fl_validate

    report = fl_validate(str(root / descriptor))
    findings = []
    for task in report.tasks:
        for error in task.errors:
            row = getattr(error, "row_number", None) or 1
            col = getattr(error, "field_number", None) or 1
            path = task.place or descriptor
            findings.append(Finding(str(path), row, col, f"package-{error.type}", error.message))
    for error in report.errors:
        findings.append(Finding(descriptor, 1, 1, f"package-{error.type}", error.message))
    return findings


def pandera_findings(root: Path) -> list[Finding]:
    """Load the written package into pandas and validate it with pandera."""
    from indopak.loading.frames import LoadError, load

    try:
        load(root / "datapackage.json")
    except LoadError as exc:
        return [Finding("datapackage.json", 1, 1, "package-pandera", str(exc))]
    return []


def _published(project: Project) -> dict[str, bytes]:
    """The published files, as they are now (regular files only: `output_findings`
    reports anything else where a published file belongs)."""
    files: dict[str, bytes] = {}
    candidates = list(TOP_LEVEL_OUTPUTS)
    for folder in OUTPUT_DIRS:
        base = project.root / folder
        if base.is_dir() and not base.is_symlink():
            candidates.extend(f"{folder}/{name}" for name in sorted(os.listdir(base)))
    for rel in candidates:
        path = project.root / rel
        try:
            if stat.S_ISREG(path.lstat().st_mode):
                files[rel] = path.read_bytes()
        except OSError:
            continue
    return files


def output_findings(project: Project, rels: list[str]) -> list[Finding]:
    """Published paths that a build must not write through: a symbolic link (for the file
    or a folder on its way), or something other than a regular file or folder."""
    findings = []
    checked: set[str] = set()
    for rel in rels:
        parts = rel.split("/")
        for depth in range(1, len(parts) + 1):
            sub = "/".join(parts[:depth])
            if sub in checked:
                continue
            checked.add(sub)
            try:
                mode = (project.root / sub).lstat().st_mode
            except FileNotFoundError:
                break
            except OSError as exc:
                findings.append(Finding(sub, 1, 1, "output-unwritable", str(exc.strerror)))
                break
            last = depth == len(parts)
            if stat.S_ISLNK(mode):
                message = "is a symbolic link; published files are written only as regular files"
                findings.append(Finding(sub, 1, 1, "output-symlink", f"{sub} {message}"))
                break
            if (last and not stat.S_ISREG(mode)) or (not last and not stat.S_ISDIR(mode)):
                kind = "a regular file" if last else "a folder"
                message = f"{sub} should be {kind}; remove it and build again"
                findings.append(Finding(sub, 1, 1, "output-not-regular", message))
                break
    return findings


def build(
    project: Project,
    check: bool = False,
    report: Report | None = None,
    use_cache: bool = False,
    frictionless: bool = False,
) -> BuildResult:
    """Validate, render, verify, then publish (or, with check, compare).

    Files identical to the published ones need no verification: the same bytes passed it
    when they were published. Changed files are written to a staging folder and verified
    there before anything is replaced: each descriptor against the Data Package profile,
    every table loaded with its pandera schema and the cross-table checks (types, codes,
    patterns, keys, foreign keys, ordered dates and counts) and, with `frictionless`, every
    row of both packages read by frictionless (the slowest step by far; `make build` and
    CI run `frictionless validate` on the published package instead).
    """
    if check:
        if interrupted(project):
            return BuildResult(findings=[_interrupted_finding()])
        return _build(project, True, report, use_cache, frictionless)
    with build_lock(project):
        recover(project)
        return _build(project, False, report, use_cache, frictionless)


def _build(
    project: Project,
    check: bool,
    report: Report | None,
    use_cache: bool,
    frictionless: bool,
) -> BuildResult:
    files = None
    if use_cache and report is None:
        report, files = _validated_and_assembled(project)
    report = report or validate(project, use_cache=use_cache, load_all=not use_cache)
    records = len(report.records)
    if use_cache:  # the report holds only the records this run read; count the files
        records = sum(1 for rel in report.files if not rel.rpartition("/")[2].startswith("."))
    result = BuildResult(records=records)
    if report.findings:
        result.findings = report.findings
        return result
    if files is None:
        tables = assemble(_row_strings(project, report, use_cache), project.table_schemas)
        files = render_package(project, tables)
    current = _published(project)
    result.changed = sorted(
        rel for rel in set(files) | set(current) if files.get(rel) != current.get(rel)
    )
    if not result.changed:
        return result
    result.findings = output_findings(project, sorted(files))
    if result.findings:
        return result
    # a check verifies the files in the system's temporary folder: it writes nothing of its own
    staging = Path(tempfile.mkdtemp(prefix="indopak-check-")) if check else _staging(project)
    try:
        for rel, content in files.items():
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        for descriptor in DESCRIPTORS:
            result.findings.extend(descriptor_findings(staging, descriptor))
            if frictionless:
                result.findings.extend(frictionless_findings(staging, descriptor))
        if not result.findings:
            result.findings.extend(pandera_findings(staging))
        if result.findings:
            return result
        if not check:
            try:
                _publish(project, staging, files, current)
            except PublishError as exc:
                result.findings.append(
                    Finding("datapackage.json", 1, 1, "publish-failed", str(exc))
                )
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if not check:
            (state_dir(project) / STAGING).unlink(missing_ok=True)
    return result


class PublishError(Exception):
    """Writing the published files failed; the old files were put back (or will be by the
    next command, when putting them back failed too)."""


@contextlib.contextmanager
def build_lock(project: Project) -> Iterator[None]:
    """Hold this checkout's build lock, or raise BuildLocked at once."""
    folder = ensure(state_dir(project))
    fd = os.open(folder / "build.lock", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLocked("another build is running in this checkout; wait for it") from None
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _staging(project: Project) -> Path:
    """A fresh staging folder beside the published files (so that moving a file into place
    is a rename), noted in the state folder so that a killed build's leftover is removed."""
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=project.root))
    (ensure(state_dir(project)) / STAGING).write_text(staging.name, encoding="utf-8")
    return staging


def _journal(project: Project) -> Path:
    return state_dir(project) / JOURNAL


def publishable(rel: str) -> bool:
    """Whether `rel` names a file the build publishes: a top-level output or a file
    directly inside one of the output folders."""
    if rel in TOP_LEVEL_OUTPUTS:
        return True
    folder, _, name = rel.rpartition("/")
    return folder in OUTPUT_DIRS and bool(name) and not name.startswith(".") and "\\" not in name


def _publish(
    project: Project, staging: Path, files: dict[str, bytes], current: dict[str, bytes]
) -> None:
    """Replace the published files as one unit.

    Before anything is replaced, the files about to change are copied into a journal in the
    state folder and a marker is written. If the process dies while files are being
    replaced, the next command finds the marker and puts every old file back; removing the
    marker is the commit point. A write that fails puts the old files back at once.
    """
    changing = sorted(rel for rel in files if current.get(rel) != files[rel])
    removed = sorted(rel for rel in current if rel not in files)
    if not changing and not removed:
        return
    journal = _journal(project)
    shutil.rmtree(journal, ignore_errors=True)
    try:
        (journal / "old").mkdir(parents=True)
        for rel in changing + removed:
            if rel in current:
                backup = journal / "old" / rel
                backup.parent.mkdir(parents=True, exist_ok=True)
                backup.write_bytes(current[rel])
        created = [rel for rel in changing if rel not in current]
        (journal / "created.json").write_text(json.dumps(created))
        _durable_create(journal / MARKER)
    except OSError as exc:
        shutil.rmtree(journal, ignore_errors=True)
        raise PublishError(f"could not keep a copy of the published files: {exc}") from exc
    fault_after = int(os.environ.get("INDOPAK_FAULT_AFTER_WRITES", "-1"))
    try:
        # descriptors last, so a reader never sees a descriptor newer than its tables
        for count, rel in enumerate(
            sorted(changing, key=lambda r: (r.endswith(".json") and "datapackage" in r, r))
        ):
            if count == fault_after:
                os._exit(137)  # fault injection for tests: die as a killed process would
            target = project.root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / rel, target)
        for rel in removed:
            (project.root / rel).unlink()
    except OSError as exc:
        try:
            _restore(project, journal)
            (journal / MARKER).unlink()
            shutil.rmtree(journal, ignore_errors=True)
        except OSError:
            raise PublishError(
                f"writing the published files failed ({exc}) and so did putting the old "
                "ones back; the next indopak command restores them"
            ) from exc
        raise PublishError(f"writing the published files failed; nothing changed: {exc}") from exc
    (journal / MARKER).unlink()
    shutil.rmtree(journal, ignore_errors=True)


def _durable_create(path: Path) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("publishing\n")
        handle.flush()
        os.fsync(handle.fileno())


def interrupted(project: Project) -> bool:
    """Whether a publish was interrupted and its old files are still to be put back."""
    return (_journal(project) / MARKER).is_file()


def _interrupted_finding() -> Finding:
    return Finding(
        "datapackage.json",
        1,
        1,
        "publish-interrupted",
        "a build was interrupted while it replaced the published files; "
        "run `indopak build` (or `indopak validate`) to put the last whole package back",
    )


def _restore(project: Project, journal: Path) -> None:
    """Put back every file the journal kept and remove the files the publish created:
    only publishable paths, whatever the journal lists."""
    old = journal / "old"
    for backup in sorted(p for p in old.rglob("*") if p.is_file() and not p.is_symlink()):
        rel = backup.relative_to(old).as_posix()
        if not publishable(rel):
            continue
        target = project.root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.restore")
        shutil.copyfile(backup, temporary)
        os.replace(temporary, target)
    try:
        created = json.loads((journal / "created.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        created = []
    for rel in created if isinstance(created, list) else []:
        if isinstance(rel, str) and publishable(rel):
            (project.root / rel).unlink(missing_ok=True)


def recover_if_idle(project: Project) -> bool:
    """`recover`, unless a build is running in this checkout (it will finish or its own
    next run will recover)."""
    state = state_dir(project)
    if not (state / JOURNAL).exists() and not (state / STAGING).exists():
        return False
    try:
        with build_lock(project):
            return recover(project)
    except BuildLocked:
        return False
    except OSError:  # no state folder can be made: there is nothing to recover either
        return False


def recover(project: Project) -> bool:
    """Undo a publish that was interrupted; returns True if files were restored. Acts only
    on what this checkout's own state folder records."""
    state = state_dir(project)
    try:
        leftover = (state / STAGING).read_text(encoding="utf-8").strip()
    except OSError:
        leftover = ""
    if leftover.startswith(".build-") and "/" not in leftover:
        folder = project.root / leftover
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder, ignore_errors=True)
        (state / STAGING).unlink(missing_ok=True)
    journal = _journal(project)
    if not journal.exists():
        return False
    restored = False
    if (journal / MARKER).exists():
        _restore(project, journal)
        restored = True
    shutil.rmtree(journal, ignore_errors=True)
    return restored
