"""The `indopak` command: validate, build and describe the dataset."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from .errors import FORMATS, render
from .project import Project, ProjectNotFound

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    pass


def _print_findings(findings: list, fmt: str) -> None:
    if findings or fmt == "json":
        print(render(findings, fmt))


def cmd_validate(args: argparse.Namespace) -> int:
    from .validate import validate

    project = Project.find()
    only = None
    if args.paths:
        missing = [p for p in args.paths if not Path(p).exists()]
        if missing:
            raise UsageError(f"no such file or folder: {', '.join(missing)}")
        only = [Path(p) for p in args.paths]
    report = validate(project, only)
    _print_findings(report.findings, args.format)
    if report.checked == 0:
        print("indopak: no record files were found to validate", file=sys.stderr)
        return EXIT_DATA
    if args.format == "text":
        status = "ok" if report.ok else f"{len(report.findings)} problem(s)"
        print(f"{report.checked} record file(s) checked: {status}", file=sys.stderr)
    return EXIT_OK if report.ok else EXIT_DATA


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    project = Project.find()
    result = build(project, check=args.check)
    if result.findings:
        _print_findings(result.findings, args.format)
        print("build stopped: nothing was written", file=sys.stderr)
        return EXIT_DATA
    if args.check:
        if result.changed:
            for rel in result.changed:
                print(f"{rel}: out of date with data/records/; run `indopak build`")
            return EXIT_DATA
        print(f"generated files are up to date ({result.records} records)", file=sys.stderr)
        return EXIT_OK
    print(f"built {result.records} records; {len(result.changed)} file(s) changed",
          file=sys.stderr)
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from .validate import validate

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


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="indopak", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check records and report every problem")
    v.add_argument("paths", nargs="*", help="files or folders to report on (default: all)")
    v.add_argument("--format", choices=FORMATS, default="text")
    v.set_defaults(run=cmd_validate)
    b = sub.add_parser("build", help="validate, then write data/csv, data/json, datapackage.json")
    b.add_argument("--check", action="store_true",
                   help="write nothing; exit 1 if the generated files are out of date")
    b.add_argument("--format", choices=FORMATS, default="text")
    b.set_defaults(run=cmd_build)
    s = sub.add_parser("stats", help="counts of records by kind and type")
    s.set_defaults(run=cmd_stats)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except (ProjectNotFound, UsageError) as exc:
        print(f"indopak: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into a command that stopped reading
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
