"""indopak site: the static explorer (plain HTML, one stylesheet, one small script)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from indopak.commands._common import EXIT_OK, UsageError, add_package_argument
from indopak.schema.project import Project


def cmd_site(args: argparse.Namespace) -> int:
    from indopak.io.urls import UrlError, from_metadata
    from indopak.publish.site import build_site
    from indopak.publish.sitedata import SiteError

    project = Project.find()
    try:
        urls = from_metadata(project.package_metadata)
        written = build_site(
            Path(args.package),
            Path(args.out),
            project.vocabularies,
            project.table_schemas,
            urls,
        )
    except (SiteError, UrlError) as exc:
        raise UsageError(f"site: {exc}") from exc
    print(f"wrote {written} file(s) to {args.out}", file=sys.stderr)
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "site",
        help="write the static explorer of the package (HTML, works from file://)",
        description="Write the explorer: a filterable timeline of events (index.html) and a "
        "page per event, actor, treaty, issue, crisis and source, the codebook and "
        "downloads. Plain HTML with one stylesheet and one small script; open index.html "
        "in a browser, or publish the folder.",
    )
    add_package_argument(parser)
    parser.add_argument(
        "--out",
        default="site",
        metavar="DIR",
        help="folder to write, replaced as a whole (default: site/)",
    )
    parser.set_defaults(run=cmd_site)
