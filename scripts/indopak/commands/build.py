"""indopak build: write the tables and datapackage.json from the records."""

from __future__ import annotations

import argparse
import sys

from indopak.commands._common import EXIT_DATA, EXIT_OK, add_format_argument, print_findings
from indopak.schema.project import Project


def cmd_build(args: argparse.Namespace) -> int:
    from indopak.publish.build import build

    project = Project.find()
    result = build(
        project,
        check=args.check,
        use_cache=not args.no_cache,
        frictionless=args.frictionless,
    )
    if result.findings:
        print_findings(result.findings, args.format)
        print("build stopped: nothing was written", file=sys.stderr)
        return EXIT_DATA
    if args.check:
        if result.changed:
            for rel in result.changed:
                print(f"{rel}: out of date with data/records/; run `indopak build`")
            return EXIT_DATA
        print(f"generated files are up to date ({result.records} records)", file=sys.stderr)
        return EXIT_OK
    print(f"built {result.records} records; {len(result.changed)} file(s) changed", file=sys.stderr)
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "build", help="validate, then write data/csv, data/json, datapackage.json"
    )
    parser.add_argument(
        "--frictionless",
        action="store_true",
        help="also have frictionless read every row of both packages before publishing "
        "(slow; `make build` runs `frictionless validate` on the published package)",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="check every record again instead of reusing the results of earlier runs",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if the generated files are out of date",
    )
    add_format_argument(parser)
    parser.set_defaults(run=cmd_build)
