"""indopak synth: write a synthetic corpus of valid records, for benchmarks and tests."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from indopak.commands._common import EXIT_OK, UsageError
from indopak.schema.project import Project


def cmd_synth(args: argparse.Namespace) -> int:
    from indopak.curate.synth import synthesize
    from indopak.curate.synthprofile import MIN_RECORDS

    if args.records < MIN_RECORDS:
        raise UsageError(f"--records must be at least {MIN_RECORDS}")
    out: Path = args.out
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UsageError(f"--out {out} exists and is not an empty folder")
    template = Project.find()
    if out.resolve().is_relative_to(template.root):
        raise UsageError(
            f"--out {out} lies inside the dataset at {template.root}; "
            "write synthetic corpora elsewhere (under /tmp, say)"
        )
    counts = synthesize(template.root, out, args.records, args.seed)
    summary = ", ".join(f"{count} {kind}" for kind, count in sorted(counts.items()))
    print(f"wrote {sum(counts.values())} synthetic records to {out} ({summary})", file=sys.stderr)
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "synth", help="write a synthetic repository of N valid records (for benchmarks)"
    )
    parser.add_argument(
        "--records", type=int, required=True, metavar="N", help="how many records to write"
    )
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="DIR",
        help="new or empty folder to write the repository into",
    )
    parser.add_argument(
        "--seed", type=int, default=0, help="random seed; the same seed gives byte-identical files"
    )
    parser.set_defaults(run=cmd_synth)
