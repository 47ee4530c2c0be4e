"""Date expressions in an article, resolved against the article's date (or its dateline).

Precision never exceeds what the words support: "on Monday" is a day, "earlier this month" a
month, "last year" a year. A week that straddles two months can only be given as a year.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
# Only an abbreviation takes a full stop ("Sept. 18"); "in November." ends a sentence.
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_DAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
# a count in words or digits ("two days", "3 weeks")
_COUNT = rf"(?:\d+|{'|'.join(_NUMBERS)})"
_FUTURE = re.compile(
    r"\b(?:will|shall|'ll|is to|are to|scheduled|due to|expected to|plans? to|set to|"
    r"slated|upcoming|to be held|would be held|is likely to|are likely to)\b",
    re.I,
)
_PLACE = r"[A-Z][A-Za-z'.]*(?:[ -][A-Z][A-Za-z'.]*){0,3}"
_ONE_PLACE = rf"(?:{_PLACE}|[A-Z]{{2,}}(?: [A-Z]{{2,}})*)"  # "NEW DELHI/ISLAMABAD" has two
# "said it would attend in November": a month ahead in reported speech
_WOULD = re.compile(r"\bwould(?! have)\b", re.I)
_DATELINE = re.compile(
    # "ISLAMABAD, Pakistan, Dec. 2 --": a city, perhaps its country, then the date
    rf"\s*{_ONE_PLACE}(?:\s*/\s*{_ONE_PLACE})*(?:,\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?=,))?"
    rf"\s*[,:]\s*(?:\w+day,?\s+)?"
    rf"(?:(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH}))"
    rf"(?:,?\s+(?P<year>\d{{4}}))?\b\s*(?:\([A-Za-z .]+\))?\s*[:\-–—]?"
)

# A dateline with no date: the place in capitals, then the agency ("UNITED NATIONS (Reuters) -",
# "ISLAMABAD:"); it names where the story was filed, not an actor
_PLACE_DATELINE = re.compile(
    r"\s*[A-Z]{2,}(?:[ .'-]+[A-Z]{2,})*(?:\s*/\s*[A-Z]{2,}(?:[ .'-]+[A-Z]{2,})*)*"
    r"\s*(?:\([A-Za-z .]+\))?\s*(?:[:\-–—]|--)\s"
)

UPCOMING_DAYS = 45
_TO_THURSDAY = dt.timedelta(days=3)

# Order matters: longer expressions first, and each span is taken once.
# "July 12-13", "14 and 15 September": a span of days is dated by its first day
_TO_DAY = r"(?:\s*[-–]\s*\d{1,2}|\s+(?:and|to)\s+\d{1,2}(?!\d|:|\.\d))?"
# "On August 5 last year"
_REL_YEAR = r"\s+(?P<ry>last|this|next) year"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "day_month",
        re.compile(
            rf"\b(?:(?i:on)\s+)?(?:(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?{_TO_DAY}"
            rf"(?:\s+of)?\s+(?P<m>{_MONTH})(?:,?\s+(?P<y>\d{{4}})|{_REL_YEAR})?)(?![\w-])"
        ),
    ),
    (
        "month_day",
        re.compile(
            rf"\b(?:(?i:on)\s+)?(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?{_TO_DAY}"
            rf"(?:,?\s+(?P<y>\d{{4}})|{_REL_YEAR})?(?![\w-])"
        ),
    ),
    # "by the end of January", "in the first week of March 2019": the month is the date
    (
        "month_part",
        re.compile(
            rf"\b(?:(?i:in|by|at|before|until|till|from|during)\s+)?(?i:the)\s+"
            rf"(?i:end|beginning|start|middle|first week|second week|third week|last week|"
            rf"first half|second half)\s+of\s+(?P<m>{_MONTH})(?:,?\s+(?P<y>\d{{4}}))?(?![\w-])"
        ),
    ),
    (
        "month_year",
        re.compile(
            rf"\b(?:(?i:in|since|until|by|during|from|early|late|mid)"
            rf"[\s-]+)?(?P<m>{_MONTH}),?\s+(?P<y>\d{{4}})\b"
        ),
    ),
    (
        "ago",
        re.compile(
            rf"\b(?P<n>{_COUNT})"
            r"\s+(?P<unit>day|week|month|year)s?\s+ago\b",
            re.I,
        ),
    ),
    (
        "relative_day",
        re.compile(
            r"\b(?:the day before yesterday|(?:earlier |later )?today|this (?:morning|afternoon|"
            r"evening)|tonight|yesterday(?: (?:morning|afternoon|evening))?|last night|"
            r"tomorrow)\b",
            re.I,
        ),
    ),
    ("new_year", re.compile(r"\b(?:(?i:on)\s+)?New Year['’]s Day\b")),
    (
        "weekday",
        re.compile(
            rf"\b(?:(?P<rel>(?i:last|next|this|on|late on|early on|late|early))\s+)?"
            rf"(?P<w>{_WEEKDAY})(?:\s+(?:night|morning|afternoon|evening))?\b"
        ),
    ),
    (
        "month_relative_year",
        re.compile(
            rf"\b(?:(?i:in|since|until|by|during|from|early|late|mid)[\s-]+)?(?P<m>{_MONTH})\s+"
            rf"(?P<rel>last|this|next) year\b"
        ),
    ),
    (
        "relative_span",
        re.compile(
            r"\b(?:(?P<q>earlier|later|late|early)\s+)?(?P<rel>this|last|next|past|previous)\s+"
            r"(?P<unit>week|month|year)\b",
            re.I,
        ),
    ),
    (
        "month",
        re.compile(
            rf"\b(?i:in|since|until|by|during|from|early|late|mid|last|this|next)"
            rf"[\s-]+(?P<m>{_MONTH})(?![\w-]| \d)"
        ),
    ),
    (
        "year",
        re.compile(
            # not the year of a name ("the World Cup 2023", "Vision 2030")
            r"(?<![\w,.$£€-])(?<!Cup )(?<!Games )(?<!Trophy )(?<!Vision )(?<!Expo )"
            r"(?:(?i:in|since|until|by|during|from|of)\s+)?"
            r"(?P<y>1[89]\d\d|20\d\d)(?!\d|[.,]\d|%)(?:-\d{2}(?!\d))?"
        ),
    ),
]


# "Monday, April 26", "Saturday (20 November)": a weekday naming the date written after it
_DATE_FOLLOWS = re.compile(
    rf",?\s*\(?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}\b)"
)
# "a day after it": counted from the day the text gave before
_AFTER_IT = re.compile(r"\s+(?:it|that|this)\b", re.I)
# "The warning came a day after ...": the warning is the last sentence's news
_CAME = re.compile(r"\s*(?:The|This|That|It)\b[^,;]{0,40}?\b(?:came|comes|followed|follows)\s+$")
# "a day after the attack", "two days earlier": counted from the date the sentence gives
# before the expression (or from the reference date when it gives none).
_SHIFT = re.compile(
    rf"\b(?P<n>{_COUNT})\s+(?P<unit>day|week)s?\s+"
    r"(?P<dir>after|before|earlier|later)\b|"
    r"\b(?:the\s+)?(?P<rel>previous|next|following)\s+day\b|"
    r"\bthe\s+day\s+(?P<the>after|before)\b|"
    r"\b(?P<same>(?:earlier|later)\s+(?:that|in\s+the)\s+day|(?:the|that)\s+same\s+day)\b",
    re.I,
)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str  # YYYY, YYYY-MM or YYYY-MM-DD


def find_dateline(
    text: str, start: int, doc_date: dt.date
) -> tuple[tuple[int, int], dt.date | None] | None:
    """The body's dateline ("Islamabad, April 24 -") and the date it gives, if any."""
    match = _DATELINE.match(text, start)
    if match is None:
        place = _PLACE_DATELINE.match(text, start)
        return ((place.start(), place.end() - 1), None) if place else None
    month = _MONTHS[(match.group("month") or match.group("month2")).rstrip(".").lower()]
    day = int(match.group("day") or match.group("day2"))
    year = int(match.group("year")) if match.group("year") else None
    try:
        date = dt.date(year or doc_date.year, month, day)
        if year is None and date > doc_date + dt.timedelta(days=1):
            date = dt.date(doc_date.year - 1, month, day)
    except ValueError:
        return None
    return (match.start(), match.end()), date


def _clause_before(text: str, start: int) -> str:
    left = max(text.rfind(c, 0, start) for c in '.;:,\n"“”')
    return text[left + 1 : start]


def _is_future(text: str, start: int, end: int) -> bool:
    """Whether the clause holding a date expression speaks of the future.

    The words before the expression decide ("will meet on Monday"); the words after it only
    when the expression opens its clause ("On Monday, the two sides will meet"), so that
    "said on Thursday it will meet" stays in the past.
    """
    before = _clause_before(text, start)
    if _FUTURE.search(before):
        return True
    if len(before.split()) > 1:
        return False
    ends = [i for i in (text.find(c, end) for c in '.;\n"“”') if i != -1]
    return bool(_FUTURE.search(text[end : min(ends) if ends else len(text)]))


def _month_of(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _span_value(first: dt.date, last: dt.date) -> str | None:
    """The finest date that covers first..last: a month, a year, or nothing."""
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.year:04d}-{first.month:02d}"
    if first.year == last.year:
        return f"{first.year:04d}"
    return None


def _resolve(kind: str, m: re.Match[str], ref: dt.date, future: bool) -> str | None:
    g = m.groupdict()
    if kind in ("day_month", "month_day"):
        month, day = _MONTHS[g["m"].rstrip(".").lower()], int(g["d"])
        year = int(g["y"]) if g.get("y") else ref.year
        if g.get("ry"):
            year = ref.year + {"last": -1, "this": 0, "next": 1}[g["ry"].lower()]
        try:
            date = dt.date(year, month, day)
        except ValueError:
            return None
        if not g.get("y") and not g.get("ry"):
            # A day in the coming weeks is an upcoming date even without "will".
            if date > ref + dt.timedelta(days=UPCOMING_DAYS) and not future:
                date = date.replace(year=ref.year - 1)
            elif date < ref - dt.timedelta(days=180) and future:
                date = date.replace(year=ref.year + 1)
        return date.isoformat()
    if kind == "month_year":
        return f"{int(g['y']):04d}-{_MONTHS[g['m'].rstrip('.').lower()]:02d}"
    if kind == "month_relative_year":
        month = _MONTHS[g["m"].rstrip(".").lower()]
        year = ref.year + {"last": -1, "this": 0, "next": 1}[g["rel"]]
        return f"{year:04d}-{month:02d}"
    if kind == "month_part":
        if g.get("y"):
            return f"{int(g['y']):04d}-{_MONTHS[g['m'].rstrip('.').lower()]:02d}"
        kind = "month"
    if kind == "month":
        month = _MONTHS[g["m"].rstrip(".").lower()]
        word = m.group(0).split()[0].lower()
        year = ref.year
        if word == "last" or (month > ref.month and not future and word != "next"):
            year -= 1
        elif word == "next" or (month < ref.month and future):
            year += 1
        return f"{year:04d}-{month:02d}"
    if kind == "year":
        year = int(g["y"])
        return f"{year:04d}" if year <= ref.year + 30 else None
    if kind == "relative_day":
        words = m.group(0).lower()
        shift = (
            -2
            if "before yesterday" in words
            else -1
            if "yesterday" in words or "last night" in words
            else 1
            if "tomorrow" in words
            else 0
        )
        return (ref + dt.timedelta(days=shift)).isoformat()
    if kind == "new_year":
        # the last New Year's Day, or the coming one in a sentence about what will happen
        return f"{ref.year + (1 if future and (ref.month, ref.day) != (1, 1) else 0):04d}-01-01"
    if kind == "weekday":
        target = _DAYS[g["w"].lower()]
        rel = (g.get("rel") or "").lower()
        back = (ref.weekday() - target) % 7
        if rel == "last":
            back = back or 7
        elif rel == "next" or (future and rel != "last"):
            # "will meet on Monday" in Monday's paper is today; "next Monday" is a week on
            ahead = (target - ref.weekday()) % 7
            if rel == "next":
                ahead = ahead or 7
            return (ref + dt.timedelta(days=ahead)).isoformat()
        return (ref - dt.timedelta(days=back)).isoformat()
    if kind == "relative_span":
        unit, rel = g["unit"].lower(), g["rel"].lower()
        step = {"this": 0, "last": -1, "past": -1, "previous": -1, "next": 1}[rel]
        if unit == "year":
            return f"{ref.year + step:04d}"
        if unit == "month":
            year, month = _month_of(ref, step)
            return f"{year:04d}-{month:02d}"
        monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=step)
        last = monday + dt.timedelta(days=6)
        if step == 0 and (g.get("q") or "").lower() == "earlier":
            last = ref
        # a week across two months is the month of its Thursday, as ISO 8601 dates weeks
        return _span_value(monday, last) or _span_value(
            monday + _TO_THURSDAY, monday + _TO_THURSDAY
        )
    if kind == "ago":
        n = _count(g["n"])
        unit = g["unit"].lower()
        if unit == "day":
            return (ref - dt.timedelta(days=n)).isoformat()
        if unit == "week":
            centre = ref - dt.timedelta(weeks=n)
            return _span_value(centre - dt.timedelta(days=3), centre + dt.timedelta(days=3)) or (
                _span_value(centre, centre)
            )
        if unit == "month":
            year, month = _month_of(ref, -n)
            return f"{year:04d}-{month:02d}"
        return f"{ref.year - n:04d}"
    return None


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word.lower()]


def _shift_days(m: re.Match[str]) -> int:
    """The days of "two days", "a week" in a _SHIFT match."""
    return _count(m.group("n")) * (7 if m.group("unit").lower() == "week" else 1)


def find_dates(
    text: str,
    start: int,
    end: int,
    ref: dt.date,
    skip: list[tuple[int, int]] = (),
    before: dt.date | None = None,
) -> list[DateMention]:
    """Every date expression in text[start:end], resolved against `ref`; `before` is the last
    day an earlier sentence gave, from which "the next day", "two days later" and "The
    warning came a day after ..." count when their own sentence gives none."""
    taken: list[tuple[int, int]] = list(skip)
    found: list[DateMention] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text, start, end):
            span = (m.start(), m.end())
            if any(span[0] < b and a < span[1] for a, b in taken):
                continue
            if kind == "weekday" and m.group(0)[0].islower() and not m.group("rel"):
                continue
            if kind == "weekday" and _DATE_FOLLOWS.match(text, m.end()):
                continue  # "on Monday, April 26": the weekday of the date that follows
            future = _is_future(text, m.start(), m.end())
            if kind in ("month", "month_part", "day_month", "month_day") and not future:
                future = bool(_WOULD.search(_clause_before(text, m.start())))
            value = _resolve(kind, m, ref, future)
            if value is None:
                continue
            taken.append(span)
            found.append(DateMention(span[0], span[1], m.group(0), value))
    for m in _SHIFT.finditer(text, start, end):
        span = (m.start(), m.end())
        if any(span[0] < b and a < span[1] for a, b in taken):
            continue
        earlier = [d for d in found if d.end <= m.start()]
        anchors = [d for d in earlier if len(d.value) == 10]
        if earlier and not anchors:
            continue  # "last month, a day after the attack": no day to count from
        onward = (
            (m.group("dir") or "").lower() == "later"
            or (m.group("rel") or "").lower() in ("next", "following")
            or bool(m.group("same"))
        )
        came = _CAME.match(text, start, m.start())
        if not anchors and m.group("the") and before is not None:
            # "Afghanistan said the day after the attack ...": the saying's day, counted on
            # from the day the text gave before (the attack's)
            shift = 1 if m.group("the").lower() == "after" else -1
            value = before + dt.timedelta(days=shift)
            taken.append(span)
            found.append(DateMention(span[0], span[1], m.group(0), value.isoformat()))
            continue
        after_it = m.group("n") and m.group("dir").lower() == "after"
        if after_it and not anchors and before is not None and _AFTER_IT.match(text, m.end()):
            # "A day after it, the minister said ...": a day after the day given before
            value = before + dt.timedelta(days=_shift_days(m))
            taken.append(span)
            found.append(DateMention(span[0], span[1], m.group(0), value.isoformat()))
            continue
        if not anchors and (onward or came) and before is not None:
            anchor = before  # "... on December 9. India rejected it the next day."
        elif not anchors and (m.group("dir") or "").lower() == "later":
            continue  # "two days later": later than a day the text does not give
        else:
            anchor = dt.date.fromisoformat(anchors[-1].value) if anchors else ref
        if m.group("same"):
            days = 0
        elif m.group("the"):
            days = -1 if m.group("the").lower() == "after" else 1  # "April 23, the day after X"
        elif m.group("rel"):
            days = -1 if m.group("rel").lower() == "previous" else 1
        else:
            days = _shift_days(m)
            # "a day after X" and "a day earlier" date X before the anchor
            if m.group("dir").lower() in ("after", "earlier"):
                days = -days
        value = anchor + dt.timedelta(days=days)
        if m.group("unit") and m.group("unit").lower() == "week":
            text_value = _span_value(value - dt.timedelta(days=3), value + dt.timedelta(days=3))
        else:
            text_value = value.isoformat()
        if text_value is None:
            continue
        taken.append(span)
        found.append(DateMention(span[0], span[1], m.group(0), text_value))
    return sorted(found, key=lambda d: d.start)
