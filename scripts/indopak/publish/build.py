"""Build: validated records -> CSV and JSON tables and datapackage.json, written atomically."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from indopak.io.errors import Finding
from indopak.publish.package import (
    DESCRIPTORS,
    descriptor_findings,
    frictionless_findings,
    pandera_findings,
    render_package,
)
from indopak.publish.transaction import (
    OUTPUT_DIRS,
    STAGING,
    TOP_LEVEL_OUTPUTS,
    PublishError,
    build_lock,
    interrupted,
    interrupted_finding,
    publish_files,
    recover,
    staging_dir,
)
from indopak.schema.project import Project
from indopak.schema.state import state_dir
from indopak.validation.assembly import validated_tables
from indopak.validation.validate import Report


@dataclass
class BuildResult:
    findings: list[Finding] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)  # files that differ (check) or were written
    records: int = 0


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
            return BuildResult(findings=[interrupted_finding()])
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
    validated = validated_tables(project, report, use_cache)
    result = BuildResult(records=validated.records)
    if validated.tables is None:
        result.findings = validated.report.findings
        return result
    files = render_package(project, validated.tables)
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
    staging = Path(tempfile.mkdtemp(prefix="indopak-check-")) if check else staging_dir(project)
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
                publish_files(project, staging, files, current)
            except PublishError as exc:
                result.findings.append(
                    Finding("datapackage.json", 1, 1, "publish-failed", str(exc))
                )
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if not check:
            (state_dir(project) / STAGING).unlink(missing_ok=True)
    return result
