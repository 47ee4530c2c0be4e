"""indopak stats: counts of records by kind and type."""

from __future__ import annotations

import argparse
from collections import Counter

from ..project import Project
from ._common import EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from ..validate import validate

    project = Project.find()
    report = validate(project)
    kinds = Counter(r.kind for r in report.records if not r.retired)
    print("records by kind")
    for kind, count in sorted(kinds.items()):
        print(f"  {kind:10} {count:6}")
    events = [r.data for r in report.records if r.kind == "event" and not r.retired]
    print("events by type")
    for code, count in Counter(e.get("event_type") for e in events).most_common():
        print(f"  {code!s:10} {count:6}")
    print("events by crisis")
    for code, count in Counter(e.get("crisis") for e in events).most_common():
        print(f"  {code!s:28} {count:6}")
    positions = [r.data for r in report.records if r.kind == "position"]
    print(f"positions: {len(positions)} from {len({p.get('actor') for p in positions})} actors")
    if report.findings:
        print(f"({len(report.findings)} validation problem(s): run indopak validate)")
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("stats", help="counts of records by kind and type")
    parser.set_defaults(run=cmd_stats)
