"""indopak methods: write the figures of METHODS.md from the published package."""

from __future__ import annotations

import argparse
from pathlib import Path

from indopak.commands._common import EXIT_DATA, EXIT_OK, UsageError, add_package_argument


def cmd_methods(args: argparse.Namespace) -> int:
    from indopak.loading.frames import load
    from indopak.publish.methods import MissingBlock, blocks, modes_per_type, update
    from indopak.publish.snapshot import READ_ERRORS
    from indopak.schema.project import Project, ProjectNotFound

    target = Path(args.file)
    try:
        text = target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"methods: cannot read {target}: {exc}") from exc
    try:
        tables = load(args.package)
    except READ_ERRORS as exc:
        raise UsageError(f"methods: cannot load {args.package}: {exc}") from exc
    try:  # the checkout's policy and vocabularies: sources awaiting replacement, modes
        project = Project.find()
        pending, modes = project.policy.pending, modes_per_type(project.vocabularies)
    except ProjectNotFound:
        pending, modes = frozenset(), {}
    try:
        updated = update(text, blocks(tables, pending, modes))
    except MissingBlock as exc:
        raise UsageError(f"methods: {target}: {exc}") from exc
    if args.check:
        if updated != text:
            print(f"{target}: figures are out of date; run `indopak methods`")
            return EXIT_DATA
        print(f"{target}: figures are current")
        return EXIT_OK
    if updated != text:
        target.write_text(updated, encoding="utf-8")
        print(f"wrote {target}")
    else:
        print(f"{target}: figures are current")
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "methods", help="write the generated figures of METHODS.md from the package"
    )
    add_package_argument(parser)
    parser.add_argument(
        "--file",
        default="METHODS.md",
        metavar="PATH",
        help="the page whose marked blocks are rewritten (default: ./METHODS.md)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 when the figures differ from what the package gives",
    )
    parser.set_defaults(run=cmd_methods)
