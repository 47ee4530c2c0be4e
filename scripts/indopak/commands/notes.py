"""indopak notes: one version's section of CHANGELOG.md, as the notes of its release."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from indopak.commands._common import EXIT_OK, UsageError


def cmd_notes(args: argparse.Namespace) -> int:
    from indopak.publish.changelog import notes

    version = args.version.removeprefix("v")
    path = Path(args.changelog)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"notes: cannot read {path}: {exc}") from exc
    section = notes(text, version)
    if section is None:
        raise UsageError(f"notes: {path} has no section '## {version}'")
    sys.stdout.write(section)
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "notes",
        help="print one version's section of CHANGELOG.md (the notes of its release)",
        description="Print the section '## VERSION' of the changelog without its heading "
        "and without the markers around the data block: the notes of a GitHub Release.",
    )
    parser.add_argument(
        "version", metavar="VERSION", help="MAJOR.MINOR.PATCH, or a tag such as v0.1.0"
    )
    parser.add_argument(
        "--changelog",
        default="CHANGELOG.md",
        metavar="PATH",
        help="the changelog to read (default: ./CHANGELOG.md)",
    )
    parser.set_defaults(run=cmd_notes)
