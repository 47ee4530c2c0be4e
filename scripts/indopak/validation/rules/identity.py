"""Rules on ids and references: an id matches its file and date, references name records
that exist and are not retired, and no chain of parents or replacements loops."""

from __future__ import annotations

import re
from collections.abc import Iterator

from indopak.io import dates
from indopak.io.errors import Finding
from indopak.validation.records import Record
from indopak.validation.rulebook import registered
from indopak.validation.rules.context import (
    _DATE_SHAPE,
    _ID_DATE,
    Context,
    _at,
)
from indopak.validation.schemacheck import suggest

# --- identity and location -------------------------------------------------------------


def _real_date(text: str) -> bool:
    if not _DATE_SHAPE.fullmatch(text):
        return False
    try:
        dates.span(text)
    except dates.BadDate:
        return False
    return True


@registered(
    "cross",
    reports={
        "id-mismatch": "A record's id equals its file name.",
        "id-duplicate": "No two records of a kind share an id.",
        "id-date": "An event or position id starts with the record's own date.",
    },
)
def rule_identity(ctx: Context, record: Record) -> Iterator[Finding]:
    ident = record.id
    if ident is None:
        return
    if ident != record.stem:
        yield _at(
            record,
            ("id",),
            "id-mismatch",
            f"id '{ident}' differs from the file name '{record.stem}.yaml'; "
            "rename the file or fix the id",
        )
    first = ctx.index.first_path(record.kind, ident)
    if first is not None and first != record.path:
        yield _at(
            record,
            ("id",),
            "id-duplicate",
            f"{record.kind} id '{ident}' is already used by {first}",
        )
    date = record.data.get("date")
    prefix = _ID_DATE.match(ident)
    dated = record.kind in ("event", "position") and isinstance(date, str)
    dated = dated and _real_date(date)  # an invalid date has its own finding
    if dated and prefix and not date.startswith(prefix.group(1)):
        yield _at(
            record,
            ("id",),
            "id-date",
            f"id starts with {prefix.group(1)} but the record is dated {date}; "
            f"start the id (and file name) with {date}",
        )
    if record.kind == "event" and isinstance(date, str) and re.match(r"[0-9]{4}(-|$)", date):
        year = record.data["date"][:4]
        expected = f"data/records/events/{year}/{record.stem}.yaml"
        if record.path != expected:
            yield _at(
                record,
                ("date",),
                "file-location",
                f"an event dated {record.data['date']} belongs in {expected}",
            )
    elif record.kind != "event" and record.path.count("/") != 3:
        folder = "/".join(record.path.split("/")[:3])
        yield _at(
            record,
            (),
            "file-location",
            f"{record.kind} records sit directly in {folder}/, not in a subfolder",
        )


# --- references ------------------------------------------------------------------------


@registered(
    "cross",
    reads=("retired",),
    reports={
        "ref-unknown": "Every reference names an existing record (with a suggestion).",
        "ref-retired": "No reference to a retired id; use its replacement.",
    },
)
def rule_references(ctx: Context, record: Record) -> Iterator[Finding]:
    listed = record.data.get("provisions") if record.kind == "treaty" else None
    provisions = (
        {p["id"] for p in listed if isinstance(p, dict) and isinstance(p.get("id"), str)}
        if isinstance(listed, list)
        else set()
    )
    for path, value, schema in ctx.linking_nodes(record):
        target = schema.get("x-ref")
        if target is None or not isinstance(value, str):
            continue
        if target == "provision":
            if value not in provisions:
                yield _at(
                    record,
                    path,
                    "ref-unknown",
                    f"provision '{value}' is not among this treaty's provisions"
                    f"{suggest(value, provisions)}",
                )
            continue
        kind = record.kind if target == "self" else target
        found = ctx.index.get(kind, value)
        if found is None and ctx.index.exists(kind, value):
            continue  # the record exists but is broken; its own findings say how
        if found is None:
            yield _at(
                record,
                path,
                "ref-unknown",
                f"no {kind} with id '{value}'{suggest(value, ctx.index.ids(kind))}",
            )
        elif found.retired and path[:1] != ("retired",):
            info = found.data["retired"]
            replacement = info.get("replaced_by")
            hint = f"; use '{replacement}'" if replacement else ""
            yield _at(
                record,
                path,
                "ref-retired",
                f"{kind} '{value}' was retired on {info.get('date')} ({info.get('reason')}){hint}",
            )


@registered(
    "cross",
    reads=("parent",),
    reports={
        "actor-parent-cycle": "An actor is never its own ancestor.",
    },
)
def rule_parent_cycle(ctx: Context, record: Record) -> Iterator[Finding]:
    if record.kind != "actor" or not isinstance(record.data.get("parent"), str):
        return
    seen = {record.id}
    current = record.data["parent"]
    while isinstance(current, str):
        if current in seen:
            yield _at(
                record,
                ("parent",),
                "actor-parent-cycle",
                f"parent chain of '{record.id}' loops back through '{current}'",
            )
            return
        seen.add(current)
        parent = ctx.index.get("actor", current)
        current = parent.data.get("parent") if parent else None


@registered(
    "cross",
    reads=("retired",),
    reports={
        "retired-cycle": (
            "A tombstone's replaced_by never leads back to itself, directly or through others."
        ),
    },
)
def rule_retired_chain(ctx: Context, record: Record) -> Iterator[Finding]:
    """A tombstone's replacement never leads back to itself, directly or through other
    tombstones, so that an old id always resolves to a live record."""
    if not record.retired or not isinstance(record.data["retired"], dict):
        return
    seen = [record.id]
    current = record.data["retired"].get("replaced_by")
    while isinstance(current, str):
        if current in seen:
            loop = " -> ".join([*seen, current])
            yield _at(
                record,
                ("retired", "replaced_by"),
                "retired-cycle",
                f"replaced_by leads back to '{current}' ({loop}); "
                "point it at the live record that replaces this one",
            )
            return
        seen.append(current)
        found = ctx.index.get(record.kind, current)
        if found is None or not found.retired:
            return
        current = (found.data.get("retired") or {}).get("replaced_by")
