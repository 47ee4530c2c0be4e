"""Rules on speakers: a position's speaker held an office in the actor they speak for on
the day."""

from __future__ import annotations

import datetime as dt
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

# --- people and offices ----------------------------------------------------------------


def _belongs_to(ctx: Context, organization: str, actor: str) -> bool:
    current: Any = organization
    seen: set[str] = set()
    while isinstance(current, str) and current not in seen:
        if current == actor:
            return True
        seen.add(current)
        found = ctx.index.get("actor", current)
        current = found.data.get("parent") if found else None
    return False


def _covers(office: dict, when: tuple[dt.date, dt.date]) -> bool:
    try:
        start = dates.span(office["start"])[0] if office.get("start") else None
        end = dates.span(office["end"])[1] if office.get("end") else None
    except dates.BadDate:
        return True  # reported by rule_dates
    return (start is None or start <= when[1]) and (end is None or end >= when[0])


@registered(
    "cross",
    reads=("offices",),
    reports={
        "position-speaker-office": (
            "A speaker held an office in the actor they speak for on the position's date."
        ),
    },
)
def rule_speaker_office(ctx: Context, record: Record) -> Iterator[Finding]:
    data = record.data
    if record.kind != "position" or not isinstance(data.get("speaker"), str):
        return
    speaker, actor = data["speaker"], data.get("actor")
    person = ctx.index.get("actor", speaker)
    if person is None or person.retired or speaker == actor or not isinstance(actor, str):
        return
    try:
        when = dates.span(data.get("date", ""))
    except (dates.BadDate, ValueError, IndexError):
        return
    offices = [o for o in person.data.get("offices") or [] if isinstance(o, dict)]
    relevant = [o for o in offices if _belongs_to(ctx, str(o.get("organization")), actor)]
    if not relevant:
        yield _at(
            record,
            ("speaker",),
            "position-speaker-office",
            f"speaker '{speaker}' holds no office in '{actor}' or its bodies; "
            f"add the office to {person.path} or make the speaker the actor",
        )
    elif not any(_covers(o, when) for o in relevant):
        yield _at(
            record,
            ("date",),
            "position-speaker-office",
            f"on {data['date']} speaker '{speaker}' held no recorded office in '{actor}' "
            f"(see offices in {person.path})",
        )
