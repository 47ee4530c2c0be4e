"""indopak fmt: rewrite records in the canonical layout (or, with --check, show the diff)."""

from __future__ import annotations

import argparse
import difflib
import os
import sys
import tempfile
from pathlib import Path

from indopak.commands._common import EXIT_DATA, EXIT_OK, UsageError
from indopak.schema.project import Project
from indopak.validation.records import kind_of, record_files, relative


def cmd_fmt(args: argparse.Namespace) -> int:
    from indopak.curate.fmt import FormatError, Formatter

    project = Project.find()
    if args.paths:
        missing = [p for p in args.paths if not Path(p).exists()]
        if missing:
            raise UsageError(f"no such file or folder: {', '.join(missing)}")
        files = sorted(
            {
                f
                for p in args.paths
                for f in ([Path(p)] if Path(p).is_file() else Path(p).rglob("*.yaml"))
            }
        )
    else:
        files = [p for p in record_files(project) if p.suffix == ".yaml"]
    formatter = Formatter(project)
    status, changed = EXIT_OK, 0
    for path in files:
        kind = kind_of(project, path)
        rel = relative(project, path)
        if kind is None:
            continue
        try:
            original = path.read_bytes().decode("utf-8")
            formatted = formatter.format_text(original, kind, rel)
        except (FormatError, UnicodeDecodeError) as exc:
            print(f"{rel}: not formatted: {exc}", file=sys.stderr)
            status = EXIT_DATA
            continue
        if formatted == original:
            continue
        changed += 1
        if args.check:
            sys.stdout.writelines(
                difflib.unified_diff(
                    original.splitlines(keepends=True),
                    formatted.splitlines(keepends=True),
                    fromfile=f"a/{rel}",
                    tofile=f"b/{rel}",
                )
            )
            status = EXIT_DATA
        else:
            handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".fmt-")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(formatted)
            os.replace(temp, path)
    verb = "would reformat" if args.check else "reformatted"
    print(f"{verb} {changed} of {len(files)} file(s)", file=sys.stderr)
    return status


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("fmt", help="rewrite records in the canonical layout")
    parser.add_argument("paths", nargs="*", help="files or folders (default: all records)")
    parser.add_argument(
        "--check",
        action="store_true",
        help="change nothing; print a diff and exit 1 if a file would change",
    )
    parser.set_defaults(run=cmd_fmt)
