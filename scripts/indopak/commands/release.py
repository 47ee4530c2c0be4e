"""indopak release: the published package, its documents and other formats in one zip."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from indopak.commands._common import EXIT_DATA, EXIT_OK, UsageError, print_findings
from indopak.schema.project import Project


def cmd_release(args: argparse.Namespace) -> int:
    from indopak.publish.build import build
    from indopak.publish.release import ReleaseError, release

    project = Project.find()
    if not args.no_check:
        result = build(project, check=True)
        if result.findings:
            print_findings(result.findings, "text")
            print("indopak: no release: the records do not validate", file=sys.stderr)
            return EXIT_DATA
        if result.changed:
            print(
                "indopak: no release: the published files are out of date with "
                f"data/records/ ({', '.join(result.changed)}); run `indopak build`",
                file=sys.stderr,
            )
            return EXIT_DATA
    try:
        made = release(project, args.version, Path(args.dist) if args.dist else None)
    except ReleaseError as exc:
        raise UsageError(str(exc)) from exc
    print(made.archive)
    print(f"{len(made.members)} files; checksums in {made.checksums}", file=sys.stderr)
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "release",
        help="zip the package, documents, SQLite and Parquet into dist/",
        description="Write dist/india-pakistan-relations-VERSION.zip and dist/SHA256SUMS. "
        "VERSION must equal the version in schemas/package.yaml, "
        "datapackage.json and CITATION.cff.",
    )
    parser.add_argument("version", metavar="VERSION", help="MAJOR.MINOR.PATCH")
    parser.add_argument("--dist", metavar="DIR", help="where to write (default: dist/)")
    parser.add_argument(
        "--no-check",
        action="store_true",
        help="skip checking that the published files match the records",
    )
    parser.set_defaults(run=cmd_release)
