"""indopak figures: draw the README's figures from the published package."""

from __future__ import annotations

import argparse
from pathlib import Path

from indopak.commands._common import EXIT_OK, UsageError, add_package_argument


def cmd_figures(args: argparse.Namespace) -> int:
    from indopak.publish.figures import draw_all
    from indopak.publish.snapshot import READ_ERRORS

    try:
        written = draw_all(args.package, Path(args.out))
    except READ_ERRORS as exc:
        raise UsageError(f"figures: cannot draw from {args.package}: {exc}") from exc
    for path in written:
        print(path)
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("figures", help="draw the figures (PNG) from the package")
    add_package_argument(parser)
    parser.add_argument(
        "--out",
        default="docs/figures",
        metavar="DIR",
        help="folder for the PNG files (default: docs/figures)",
    )
    parser.set_defaults(run=cmd_figures)
