"""indopak validate: check records and report every problem."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from indopak.commands._common import (
    EXIT_DATA,
    EXIT_OK,
    UsageError,
    add_format_argument,
    print_findings,
)
from indopak.schema.project import Project


def cmd_validate(args: argparse.Namespace) -> int:
    from indopak.publish.transaction import recover_if_idle
    from indopak.validation.validate import validate

    project = Project.find()
    if recover_if_idle(project):
        print(
            "indopak: an interrupted build was undone; the last whole package is back",
            file=sys.stderr,
        )
    only = None
    if args.paths:
        missing = [p for p in args.paths if not Path(p).exists() and not Path(p).is_symlink()]
        if missing:
            raise UsageError(f"no such file or folder: {', '.join(missing)}")
        records = project.records_dir.resolve()
        outside = [p for p in args.paths if not _within(Path(p), records)]
        if outside:
            raise UsageError(
                f"only files and folders under {records} are validated, not: " + ", ".join(outside)
            )
        only = [Path(p) for p in args.paths]
    changed = None
    if args.changed or args.base:
        from indopak.validation.changes import GitError, changes_since

        try:
            changed = changes_since(project, args.base or "HEAD")
        except GitError as exc:
            raise UsageError(f"--changed needs a git checkout and a valid --base: {exc}") from exc
    report = validate(project, only, changed=changed, use_cache=not args.no_cache)
    print_findings(report.findings, args.format)
    if report.checked == 0 and changed is not None:
        if args.format == "text":
            print("no changed record files to validate", file=sys.stderr)
        return EXIT_OK
    if report.checked == 0:
        print("indopak: no record files were found to validate", file=sys.stderr)
        return EXIT_DATA
    if args.format == "text":
        status = "ok" if report.ok else f"{len(report.findings)} problem(s)"
        print(f"{report.checked} record file(s) checked: {status}", file=sys.stderr)
    return EXIT_OK if report.ok else EXIT_DATA


def _within(path: Path, folder: Path) -> bool:
    """Whether `path` (its folder's links resolved, the name itself not followed) lies
    inside `folder`."""
    absolute = path.absolute()
    located = absolute.parent.resolve() / absolute.name
    return located == folder or folder in located.parents


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("validate", help="check records and report every problem")
    parser.add_argument("paths", nargs="*", help="files or folders to report on (default: all)")
    add_format_argument(parser)
    parser.add_argument(
        "--changed",
        action="store_true",
        help="report only on records that differ from --base (default HEAD) "
        "and on records that refer to them",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="check every record again instead of reusing the results of earlier runs",
    )
    parser.add_argument("--base", metavar="REF", help="git ref to compare with (implies --changed)")
    parser.set_defaults(run=cmd_validate)
