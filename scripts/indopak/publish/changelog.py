"""The data part of CHANGELOG.md: one generated block per version, between markers.

Everything outside the markers is written by people and kept as it is. Writing the block of a
version again replaces it; a version without a block gets a new `## VERSION` section above
the newest one (or, when a `## VERSION` section exists, at the end of that section).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections import Counter
from pathlib import Path

from indopak.publish.diff import Diff, retirement_note

BEGIN = "<!-- data-changes {version} begin: written by `indopak diff --changelog`; edits inside are overwritten -->"  # noqa: E501
END = "<!-- data-changes {version} end -->"


def _counts(keys: list[tuple[str, str]]) -> str:
    counts = Counter(kind for kind, _ in keys)
    return ", ".join(f"{count} {kind}" for kind, count in sorted(counts.items()))


def section(diff: Diff) -> str:
    """The markdown of the data changes, without the markers."""
    since = f"since {diff.old.version}" if diff.old.version else f"compared with {diff.old.label}"
    lines = [
        "### Data changes",
        "",
        f"{len(diff.added)} added, {len(diff.changed)} changed, "
        f"{len(diff.retired)} retired ({since}).",
    ]
    if diff.added:
        lines += ["", "Added:", ""]
        if not diff.old.records:  # a first release: the list would be the whole dataset
            lines.append(f"- {_counts(diff.added)}")
        else:
            for key in diff.added:
                label = diff.label(key)
                lines.append(f"- {key[0]} `{key[1]}`" + (f": {label}" if label else ""))
    if diff.changed:
        lines += ["", "Changed:", ""]
        for (kind, rid), changes in diff.changed.items():
            fields = ", ".join(f"`{c.path}`" for c in changes)
            lines.append(f"- {kind} `{rid}`: {fields}")
    if diff.retired:
        lines += ["", "Retired:", ""]
        for kind, rid in diff.retired:
            lines.append(f"- {kind} `{rid}` ({retirement_note(diff.new.records[(kind, rid)])})")
    return "\n".join(lines)


def update(text: str, version: str, body: str) -> str:
    """`text` with the block of `version` set to `body`, the rest unchanged."""
    begin, end = BEGIN.format(version=version), END.format(version=version)
    block = f"{begin}\n{body}\n{end}"
    existing = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.DOTALL)
    if existing.search(text):
        return existing.sub(lambda _: block, text, count=1)
    heading = re.compile(rf"^## {re.escape(version)}(?=\s|$).*$", re.MULTILINE)
    found = heading.search(text)
    if found:  # at the end of that version's section, after the notes written by hand
        following = re.compile(r"^## ", re.MULTILINE).search(text, found.end())
        cut = following.start() if following else len(text)
        tail = text[cut:]
        return f"{text[:cut].rstrip(chr(10))}\n\n{block}\n" + (f"\n{tail}" if tail else "")
    newest = re.search(r"^## ", text, re.MULTILINE)
    new_section = f"## {version}\n\n{block}\n\n"
    if newest:
        return text[: newest.start()] + new_section + text[newest.start() :]
    return text.rstrip("\n") + ("\n\n" if text.strip() else "") + new_section.rstrip("\n") + "\n"


def write(path: Path, diff: Diff, version: str) -> None:
    """Update the block of `version` in the changelog at `path` (created if missing)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Changelog\n"
    updated = update(text, version, section(diff))
    handle, temp = tempfile.mkstemp(prefix=".changelog-", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(updated)
    os.chmod(temp, 0o644)
    os.replace(temp, path)


def notes(text: str, version: str) -> str | None:
    """The section of `version` (its notes and data block, without the `## VERSION`
    heading), or None when the changelog has no such section."""
    heading = re.compile(rf"^## {re.escape(version)}(?=\s|$).*$", re.MULTILINE)
    found = heading.search(text)
    if not found:
        return None
    following = re.compile(r"^## ", re.MULTILINE).search(text, found.end())
    body = text[found.end() : following.start() if following else len(text)]
    body = re.sub(r"^<!-- data-changes .*-->\n?", "", body, flags=re.MULTILINE)
    return body.strip("\n") + "\n"
