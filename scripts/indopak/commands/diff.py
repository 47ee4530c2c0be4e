"""indopak diff: records added, changed and retired between two versions of the package."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from indopak.commands._common import EXIT_DATA, EXIT_OK, UsageError
from indopak.schema.project import ProjectNotFound, find_root


def cmd_diff(args: argparse.Namespace) -> int:
    from indopak.publish.changelog import write
    from indopak.publish.diff import compare, render_json, render_text
    from indopak.publish.snapshot import SnapshotError, open_snapshot

    try:
        root = find_root()
    except ProjectNotFound:
        root = Path.cwd()
    try:
        old = open_snapshot(args.old, root)
        new = open_snapshot(args.new, root)
    except SnapshotError as exc:
        raise UsageError(str(exc)) from exc
    diff = compare(old, new)
    if args.changelog is not None:
        version = new.version
        if not version:
            raise UsageError(f"{args.new} has no version; cannot name its changelog section")
        path = Path(args.changelog) if args.changelog else root / "CHANGELOG.md"
        if not path.parent.is_dir():
            raise UsageError(f"no such folder for the changelog: {path.parent}")
        write(path, diff, version)
        print(f"{path}: data changes of {version} written", file=sys.stderr)
    print(render_json(diff) if args.format == "json" else render_text(diff))
    return EXIT_DATA if diff.errors else EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "diff",
        help="records added, changed and retired between two versions of the package",
        description="Compare two versions of the package. OLD and NEW are each a "
        "datapackage.json, a folder holding one, a release zip, a git ref of this "
        "checkout (its committed datapackage.json and CSV files), or `none` for an "
        "empty package. Exit 1 when an identifier was reused or lost.",
    )
    where = (
        "a datapackage.json, a folder holding one, a release zip, a git ref of this "
        "checkout, or none (an empty package)"
    )
    parser.add_argument("old", metavar="OLD", help=f"the older version: {where}")
    parser.add_argument("new", metavar="NEW", help=f"the newer version: {where}")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people, json for programs (default: text)",
    )
    parser.add_argument(
        "--changelog",
        nargs="?",
        const="",
        default=None,
        metavar="PATH",
        help="also write the data changes into CHANGELOG.md (or PATH) under NEW's version",
    )
    parser.set_defaults(run=cmd_diff)
