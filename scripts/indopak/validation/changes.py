"""Which records differ from a git ref, for `indopak validate --changed`."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from indopak.io.yamlload import load_yaml
from indopak.schema.project import FOLDER_KINDS, Project


class GitError(Exception):
    """git is missing, the folder is not a repository, or the ref does not exist."""


@dataclass
class ChangeSet:
    paths: set[str] = field(default_factory=set)  # changed, added or deleted record files
    old_ids: set[tuple[str, str]] = field(default_factory=set)  # (kind, id) before the change
    old_paths: dict[tuple[str, str], str] = field(default_factory=dict)  # where each one was


def _git(project: Project, *args: str) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-C", str(project.root), *args], capture_output=True, check=False
        )
    except FileNotFoundError as exc:
        raise GitError("git is not installed") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {' '.join(args)} failed")
    return done.stdout


def changes_since(project: Project, base: str) -> ChangeSet:
    """Record files that differ between `base` and the working tree, untracked ones included."""
    _git(project, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
    listed = _git(project, "diff", "--name-only", "--no-renames", "-z", base, "--", "data/records")
    untracked = _git(
        project, "ls-files", "--others", "--exclude-standard", "-z", "--", "data/records"
    )
    paths = {p for p in (listed + untracked).decode("utf-8").split("\0") if p}
    change = ChangeSet(paths=paths)
    for path in sorted(paths):
        parts = PurePosixPath(path).parts
        kind = FOLDER_KINDS.get(parts[2]) if len(parts) > 3 else None
        if kind is None:
            continue
        try:
            before = _git(project, "show", f"{base}:{path}")
        except GitError:
            continue  # the file is new
        doc, _ = load_yaml(before, path)
        if doc is not None and isinstance(doc.data.get("id"), str):
            change.old_ids.add((kind, doc.data["id"]))
            change.old_paths[(kind, doc.data["id"])] = path
    return change
