"""indopak verify-sources: check that every quote occurs on the page its source cites."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from indopak.commands._common import EXIT_DATA, EXIT_OK, EXIT_USAGE, UsageError
from indopak.curate.verify.ledger import DEFAULT as DEFAULT_LEDGER
from indopak.io.errors import FORMATS, Finding, render
from indopak.schema.project import Project

if TYPE_CHECKING:  # the verify package (and trafilatura) load only when the command runs
    from indopak.curate.verify.citations import Catalogue, Source
    from indopak.curate.verify.fetch import Policy

WARNINGS = frozenset({"source-unchecked"})  # reported, but do not fail the run


def _render(findings: list[Finding], fmt: str) -> str:
    """As `validate` prints findings, but a page that could not be read is a warning."""
    if fmt == "github":
        ordered = sorted(set(findings))
        return "\n".join(f.github("warning" if f.rule in WARNINGS else "error") for f in ordered)
    return render(findings, fmt)


def _select(project: Project, args: argparse.Namespace, catalogue: Catalogue) -> list[Source]:
    from indopak.curate.verify.citations import touched_sources

    chosen = set(catalogue.sources)
    if args.changed or args.base:
        from indopak.validation.changes import GitError, changes_since

        try:
            change = changes_since(project, args.base or "HEAD")
        except GitError as exc:
            raise UsageError(f"--changed needs a git checkout and a valid --base: {exc}") from exc
        chosen = touched_sources(catalogue, change.paths)
    if args.source:
        unknown = [s for s in args.source if s not in catalogue.sources]
        if unknown:
            raise UsageError(
                f"no source with a url or archive_url has the id {', '.join(sorted(unknown))}"
            )
        chosen &= set(args.source)
    return [catalogue.sources[s] for s in sorted(chosen)]


def _policy(args: argparse.Namespace) -> Policy:
    from indopak.curate.verify.fetch import Policy, is_http, user_agent

    if args.timeout <= 0 or args.max_bytes <= 0 or args.delay < 0 or args.max_redirects < 0:
        raise UsageError(
            "--timeout and --max-bytes must be positive, --delay and --max-redirects not negative"
        )
    if args.contact is not None and (
        not is_http(args.contact) or not args.contact.isprintable() or " " in args.contact
    ):
        raise UsageError("--contact must be an http(s) address without spaces")
    return Policy(
        timeout=args.timeout,
        max_bytes=args.max_bytes,
        max_redirects=args.max_redirects,
        delay=args.delay,
        user_agent=user_agent(args.contact),
    )


def cmd_verify_sources(args: argparse.Namespace) -> int:
    try:
        import trafilatura  # noqa: F401
    except ImportError as exc:
        raise UsageError(
            "verify-sources needs trafilatura: pip install -c constraints.txt -e '.[verify]'"
        ) from exc
    from indopak.curate.verify import ledger
    from indopak.curate.verify.check import NetworkUnavailable, run
    from indopak.curate.verify.citations import read_catalogue
    from indopak.curate.verify.fetch import Fetcher

    project = Project.find()
    policy = _policy(args)
    catalogue = read_catalogue(project)
    sources = _select(project, args, catalogue)
    folder = Path(args.ledger) if Path(args.ledger).is_absolute() else project.root / args.ledger
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--ledger {args.ledger} is not a folder")
    if not sources:
        if args.format == "json":
            print("[]")
        print("no sources with a url to check", file=sys.stderr)
        return EXIT_OK
    today = dt.datetime.now(dt.UTC).date()
    findings: list[Finding] = []
    counts = {"sources": 0, "unchecked": 0, "found": 0, "missing": 0}
    try:
        for result in run(Fetcher(policy), sources, catalogue.citations, today):
            ledger.write(folder, result.source.id, result.entry())
            findings.extend(result.findings())
            counts["sources"] += 1
            counts["unchecked"] += result.used is None
            counts["found"] += sum(q.found is True for q in result.quotes)
            counts["missing"] += result.missing
    except NetworkUnavailable as exc:
        print(f"indopak: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if not (args.source or args.changed or args.base):
        ledger.prune(folder, set(catalogue.sources))
    if findings or args.format == "json":
        print(_render(findings, args.format))
    if args.format == "text":
        print(
            f"{counts['sources']} source(s) fetched: {counts['found']} quote(s) found, "
            f"{counts['missing']} missing, {counts['unchecked']} source(s) could not be read; "
            f"ledger in {folder}",
            file=sys.stderr,
        )
    return EXIT_DATA if counts["missing"] else EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "verify-sources",
        help="fetch the cited pages and check that their quotes occur on them",
        description="Fetch each source's page (its archive_url when the page fails), take the "
        "article text and check that every quote citing the source occurs in it. Each result "
        "goes to the ledger (one JSON file per source). Exit 0: no quote missing; 1: a quote "
        "is missing; 2: usage error or no network.",
    )
    parser.add_argument(
        "--changed",
        action="store_true",
        help="only sources whose record differs from --base (default HEAD) and sources "
        "cited by records that differ",
    )
    parser.add_argument("--base", metavar="REF", help="git ref to compare with (implies --changed)")
    parser.add_argument(
        "--source", action="append", metavar="ID", help="check this source (repeatable)"
    )
    parser.add_argument(
        "--ledger",
        default=DEFAULT_LEDGER,
        metavar="PATH",
        help=f"folder of the ledger, one JSON file per source (default: {DEFAULT_LEDGER})",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (path:line:col: rule: message), json, or github (workflow annotations)",
    )
    parser.add_argument(
        "--timeout", type=float, default=20.0, metavar="S", help="seconds per request (20)"
    )
    parser.add_argument(
        "--max-bytes",
        type=int,
        default=5 * 1024 * 1024,
        metavar="N",
        help="read at most N bytes of a page (5 MiB)",
    )
    parser.add_argument(
        "--max-redirects", type=int, default=5, metavar="N", help="redirects followed (5)"
    )
    parser.add_argument(
        "--delay",
        type=float,
        default=2.0,
        metavar="S",
        help="seconds between two requests to one host (2; longer if robots.txt asks)",
    )
    parser.add_argument("--contact", metavar="URL", help="address named in the User-Agent header")
    parser.set_defaults(run=cmd_verify_sources)
