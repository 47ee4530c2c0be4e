"""What the subcommands share: exit codes, usage errors and printing findings."""

from __future__ import annotations

import argparse

from indopak.io.errors import FORMATS, Finding, render

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad arguments; reported on one line with exit code 2."""


def print_findings(findings: list[Finding], fmt: str) -> None:
    if findings or fmt == "json":
        print(render(findings, fmt))


def add_package_argument(parser: argparse.ArgumentParser) -> None:
    """--package: which published package a command reads."""
    parser.add_argument(
        "--package",
        default="datapackage.json",
        metavar="PATH",
        help="datapackage.json, a folder holding one, or a release zip "
        "(default: ./datapackage.json)",
    )


def add_format_argument(parser: argparse.ArgumentParser) -> None:
    """--format: how a command that reports problems prints them."""
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="how to print problems: text (path:line:col: rule-id: message), json, "
        "or github (workflow annotations); default: text",
    )
