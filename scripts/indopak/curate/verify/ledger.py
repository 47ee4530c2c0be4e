"""The verification ledger: one small JSON file per source, `<ledger>/<source id>.json`.

One file per source lets two branches that check different sources merge without
conflict. Files are written with sorted keys, two-space indentation and a final newline,
so the same result gives the same bytes. The ledger never holds the page's text: only a
SHA-256 of its normalised form (which tells whether the page changed between checks) and,
for each quote, a SHA-256 of the normalised quote and whether it was found.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

DEFAULT = "data/verification"
_SAFE_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")


def entry_path(folder: Path, source_id: str) -> Path | None:
    """Where a source's entry lives, or None for an id that cannot be a file name."""
    if not _SAFE_ID.fullmatch(source_id) or len(source_id) > 200:
        return None
    return folder / f"{source_id}.json"


def dumps(entry: dict[str, Any]) -> str:
    return json.dumps(entry, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write(folder: Path, source_id: str, entry: dict[str, Any]) -> Path | None:
    """Write one entry (atomically: a reader never sees half a file)."""
    target = entry_path(folder, source_id)
    if target is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(dumps(entry))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def prune(folder: Path, keep: set[str]) -> list[Path]:
    """Remove the entries of sources that no longer exist (or lost their address)."""
    if not folder.is_dir():
        return []
    gone = [p for p in sorted(folder.glob("*.json")) if p.is_file() and p.stem not in keep]
    for path in gone:
        path.unlink()
    return gone
