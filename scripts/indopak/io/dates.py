"""Partial dates (YYYY, YYYY-MM, YYYY-MM-DD) as the span of days they cover."""

from __future__ import annotations

import calendar
import datetime as dt

PRECISION = {4: "year", 7: "month", 10: "day"}


class BadDate(ValueError):
    """A date written in the right shape that names no real day, month or year."""


def span(text: str) -> tuple[dt.date, dt.date]:
    """First and last day covered by a partial date; raises BadDate for impossible dates."""
    try:
        year = int(text[0:4])
        if len(text) == 4:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        month = int(text[5:7])
        if len(text) == 7:
            if not 1 <= month <= 12:
                raise BadDate(f"{text} has no month {month}")
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last)
        day = dt.date(year, month, int(text[8:10]))
        return day, day
    except ValueError as exc:
        if isinstance(exc, BadDate):
            raise
        raise BadDate(f"{text} is not a real date") from None


def precision(text: str) -> str:
    return PRECISION[len(text)]
