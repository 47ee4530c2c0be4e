"""Publishing as one transaction: a lock against concurrent builds, a staging folder and a
journal outside the working tree, so a crash or a failing write leaves the old package or the
new one, never a mix; and the recovery that puts back an interrupted publish."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from indopak.io.errors import BuildLocked, Finding
from indopak.schema.project import Project
from indopak.schema.state import ensure, state_dir

OUTPUT_DIRS = ("data/csv", "data/json")
TOP_LEVEL_OUTPUTS = ("datapackage.json", "CODEBOOK.md")
JOURNAL, MARKER, STAGING = "publish-journal", "PUBLISHING", "staging"


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


def staging_dir(project: Project) -> Path:
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


def publish_files(
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


def interrupted_finding() -> Finding:
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
