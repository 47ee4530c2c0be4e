"""indopak export: the published package as a SQLite database and Parquet files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from indopak.commands._common import EXIT_OK, UsageError, add_package_argument


def cmd_export(args: argparse.Namespace) -> int:
    from indopak.publish.export import ExportError, export

    if args.sqlite is None and args.parquet is None:
        raise UsageError("export: give --sqlite PATH, --parquet DIR or both")
    try:
        written = export(
            args.package,
            Path(args.sqlite) if args.sqlite else None,
            Path(args.parquet) if args.parquet else None,
        )
    except ExportError as exc:
        raise UsageError(str(exc)) from exc
    print(f"wrote {len(written)} file(s)", file=sys.stderr)
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("export", help="write the package as SQLite and/or Parquet")
    add_package_argument(parser)
    parser.add_argument("--sqlite", metavar="PATH", help="SQLite database to write")
    parser.add_argument("--parquet", metavar="DIR", help="folder for one .parquet per table")
    parser.set_defaults(run=cmd_export)
