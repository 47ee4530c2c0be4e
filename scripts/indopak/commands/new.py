"""indopak new: write a new record file from a template derived from the schemas."""

from __future__ import annotations

import argparse
import re
import sys

from indopak.commands._common import EXIT_OK, UsageError
from indopak.curate.scaffold import make_id, record_path, render, title_field
from indopak.io.dates import BadDate, span
from indopak.schema.project import KIND_FOLDERS, Project


def cmd_new(args: argparse.Namespace) -> int:
    project = Project.find()
    kind = args.kind
    schema = project.record_schemas[kind]
    props = schema.get("properties", {})
    values: dict[str, str] = {}
    if args.date is not None:
        if "date" not in props:
            raise UsageError(f"{kind} records have no date; leave out --date")
        if not re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", args.date):
            raise UsageError(f"--date {args.date!r} must be written YYYY, YYYY-MM or YYYY-MM-DD")
        try:
            span(args.date)
        except BadDate as exc:
            raise UsageError(f"--date: {exc}") from None
        values["date"] = args.date
    if kind == "event" and args.date is None:
        raise UsageError("an event needs --date: its file goes in data/records/events/YYYY/")
    if args.title is not None:
        field = title_field(project, kind)
        if field is None or not args.title.strip():
            raise UsageError(f"--title is empty or {kind} records have no title")
        values[field] = args.title.strip()
    ident = args.id or make_id(kind, args.title, args.date)
    if ident is None:
        raise UsageError(
            f"give --id, or --title{' and --date' if kind != 'actor' else ''} "
            f"to make one (see CONTRIBUTING.md for {kind} ids)"
        )
    pattern = project.record_schemas["common"]["$defs"]["id"]["pattern"]
    if not re.fullmatch(pattern, ident):
        raise UsageError(
            f"id {ident!r} is not valid: lower-case letters, digits and single hyphens only"
        )
    path = record_path(project.records_dir, kind, ident, args.date)
    if path.exists():
        raise UsageError(f"{path.relative_to(project.root)} already exists; edit it instead")
    header = [
        f"New {kind} record. Each commented line names a field and what it holds;",
        "uncomment and fill the required ones (and any optional ones you can source),",
        f"then run: indopak validate {path.relative_to(project.root).as_posix()}",
        "",
    ]
    text = render(project, kind, {"id": ident, **values}, header)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:
        handle.write(text)
    print(path.relative_to(project.root).as_posix())
    print("fill in the commented fields, then run indopak validate on it", file=sys.stderr)
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("new", help="write a new record file from the schema's template")
    parser.add_argument("kind", choices=sorted(KIND_FOLDERS), help="record kind")
    parser.add_argument("--id", help="record id (default: made from --date and --title)")
    parser.add_argument("--date", help="date, written YYYY, YYYY-MM or YYYY-MM-DD")
    parser.add_argument("--title", help="title (or name, or statement for positions)")
    parser.set_defaults(run=cmd_new)
