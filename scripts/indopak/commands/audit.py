"""indopak audit: the balance of the evidence, against the targets of schemas/policy.yaml.

Balance figures never fail the command: loaded terms in the dataset's voice and sources on
refused domains fail `indopak validate`, which the audit lists too.
"""

from __future__ import annotations

import argparse

from indopak.commands._common import EXIT_OK
from indopak.schema.project import Project

AUDIT_FORMATS = ("json", "markdown", "text")  # the keys of auditreport.FORMATS (a test checks)


def cmd_audit(args: argparse.Namespace) -> int:
    # imported here, as the other commands do, so that `indopak validate` starts fast
    from indopak.publish.audit import run
    from indopak.publish.auditreport import FORMATS

    audit = run(Project.find())
    print(FORMATS[args.format](audit), end="")
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "audit",
        help="report the balance of sources, positions and claims",
        description=__doc__,
    )
    parser.add_argument(
        "--format",
        choices=AUDIT_FORMATS,
        default="text",
        help="text for people (default), json for programs, markdown for a report page",
    )
    parser.set_defaults(run=cmd_audit)
