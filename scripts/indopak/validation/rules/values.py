"""Rules on values the schema cannot judge: real dates in order, counts in order, list
items that do not repeat, PLOVER modes that fit the event type."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from indopak.io import dates
from indopak.io.errors import Finding
from indopak.validation.records import Record
from indopak.validation.rulebook import registered
from indopak.validation.rules.context import (
    Context,
    _at,
)

# --- dates and counts ------------------------------------------------------------------

_ORDERED_PAIRS = (("date", "date_end"), ("start", "end"), ("date", "accessed"))


@registered(
    "local",
    reports={
        "date-invalid": "Dates name real days (no 2019-02-30).",
        "date-future": "No date after today.",
        "date-order": "Ends are not before starts; accessed is not before publication.",
    },
)
def rule_dates(ctx: Context, record: Record) -> Iterator[Finding]:
    spans: dict[tuple, tuple[dt.date, dt.date]] = {}
    for path, value, schema in ctx.nodes(record):
        if not schema.get("x-date") or not isinstance(value, str):
            continue
        if not re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", value):
            continue  # the schema layer reports the shape
        try:
            first, last = dates.span(value)
        except dates.BadDate as exc:
            yield _at(record, path, "date-invalid", str(exc))
            continue
        if first > ctx.today:
            yield _at(
                record,
                path,
                "date-future",
                f"{path[-1]} {value} is in the future (today is {ctx.today.isoformat()})",
            )
        spans[path] = (first, last)
    for path, (_first, last) in spans.items():
        for start_key, end_key in _ORDERED_PAIRS:
            if path[-1] != end_key:
                continue
            start = spans.get(path[:-1] + (start_key,))
            if start is not None and last < start[0]:
                yield _at(
                    record,
                    path,
                    "date-order",
                    f"{end_key} {_text(record, path)} is before "
                    f"{start_key} {_text(record, path[:-1] + (start_key,))}",
                )


def _text(record: Record, path: tuple) -> Any:
    value: Any = record.data
    for key in path:
        value = value[key]
    return value


@registered(
    "local",
    reports={
        "count-order": "Counts satisfy low <= best <= high.",
    },
)
def rule_counts(ctx: Context, record: Record) -> Iterator[Finding]:
    for path, value, schema in ctx.nodes(record):
        if not schema.get("x-count") or not isinstance(value, dict):
            continue
        present = [(k, value[k]) for k in ("low", "best", "high") if isinstance(value.get(k), int)]
        for (k1, v1), (k2, v2) in zip(present, present[1:], strict=False):
            if v1 > v2:
                yield _at(
                    record,
                    path + (k2,),
                    "count-order",
                    f"{path[-1]}: {k1} ({v1}) is greater than {k2} ({v2}); "
                    "expected low <= best <= high",
                )


@registered(
    "local",
    reports={
        "duplicate-item": "Items of a list do not repeat (actors and roles, aliases, ids).",
    },
)
def rule_unique_items(ctx: Context, record: Record) -> Iterator[Finding]:
    for path, value, schema in ctx.nodes(record):
        keys = schema.get("x-unique")
        if not keys or not isinstance(value, list):
            continue
        seen: dict[tuple, int] = {}
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                continue
            key = tuple(item.get(k) for k in keys)
            if key in seen:
                yield _at(
                    record,
                    path + (index,),
                    "duplicate-item",
                    f"{path[-1]} item {index + 1} repeats item {seen[key] + 1} "
                    f"({', '.join(keys)} must differ)",
                )
            else:
                seen[key] = index


@registered(
    "local",
    reports={
        "event-mode-type": "A PLOVER mode belongs to the event's type.",
    },
)
def rule_event_mode(ctx: Context, record: Record) -> Iterator[Finding]:
    data = record.data
    mode = data.get("mode")
    if record.kind != "event" or not isinstance(mode, str) or mode not in ctx.mode_types:
        return
    expected = ctx.mode_types[mode]
    if data.get("event_type") != expected:
        yield _at(
            record,
            ("mode",),
            "event-mode-type",
            f"mode '{mode}' belongs to event type {expected}, not {data.get('event_type')}",
        )
