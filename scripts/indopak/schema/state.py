"""Where the tools keep what they write for themselves: the validation cache, the publish
journal, the build lock and the staging folders.

None of it lives in the working tree, where a checkout could plant it (a committed
journal that names files to delete, a forged cache): in a git checkout it sits inside the
git folder, which no commit can write to; elsewhere (an unpacked release) in the user's
cache folder, under a name derived from the dataset's path.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from indopak.schema.project import Project

NAME = "indopak"


def _git_folder(root: Path) -> Path | None:
    dot_git = root / ".git"
    if dot_git.is_symlink():
        return None
    if dot_git.is_dir():
        return dot_git
    if dot_git.is_file():  # a linked worktree or submodule: "gitdir: <path>"
        try:
            line = dot_git.read_text(encoding="utf-8", errors="replace").splitlines()[0]
        except (OSError, IndexError):
            return None
        if line.startswith("gitdir:"):
            target = Path(line.partition(":")[2].strip())
            target = target if target.is_absolute() else root / target
            if target.is_dir():
                return target
    return None


def state_dir(project: Project) -> Path:
    """The folder for this checkout's state (not created here)."""
    override = os.environ.get("INDOPAK_STATE_DIR")
    root = project.root.resolve()
    if override:
        return Path(override) / hashlib.sha256(str(root).encode()).hexdigest()[:16]
    git = _git_folder(root)
    if git is not None:
        return git / NAME
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / NAME / hashlib.sha256(str(root).encode()).hexdigest()[:16]


def cache_dir(project: Project) -> Path:
    return state_dir(project) / "cache"


def ensure(folder: Path) -> Path:
    """Create `folder` (private to the user) and return it."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder
