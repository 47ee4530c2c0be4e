"""The figures of METHODS.md, counted from the published package.

METHODS.md is written by people except for blocks between markers, one per figure:
`<!-- methods NAME begin ... -->` ... `<!-- methods NAME end -->`. `indopak methods` fills
each block from the tables `indopak.load()` gives; the text around the blocks is kept as it
is, and a test fails when a block differs from what the package gives.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

import pandas as pd

BEGIN = "<!-- methods {name} begin: written by `indopak methods`; edits inside are overwritten -->"  # noqa: E501
END = "<!-- methods {name} end -->"

# A decade with fewer events than this is listed as thin (the target of the coverage work).
THIN_DECADE = 15
# A column filled in fewer than this share of its table's rows is listed as sparse.
SPARSE_SHARE = 0.5
SPARSE_TABLES = ("events", "actors", "treaties")
# A publisher country with a smaller share of the sources is counted with the other countries.
COUNTRY_SHARE = 0.01
# A decade in which one party's sources give a smaller share of the citations is listed.
LEAN_SHARE = 0.10
DATED_KINDS = {"events": "events", "positions": "positions", "treaty_actions": "treaty actions"}
PARTIES = ("IND", "PAK")

Tables = dict[str, pd.DataFrame]


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "–"


def _table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> list[str]:
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines


def _filled(frame: pd.DataFrame, column: str) -> int:
    return int(frame[column].notna().sum()) if column in frame else 0


def _decades(dates: pd.Series) -> Counter[int]:
    years = dates.dropna().dt.year
    return Counter(int(year) // 10 * 10 for year in years)


def _decade_counts(tables: Tables) -> dict[str, Counter[int]]:
    return {
        name: _decades(tables[name]["date_first"]) if name in tables else Counter()
        for name in DATED_KINDS
    }


def _decade_range(counts: Iterable[Counter[int]]) -> list[int]:
    every = set().union(*counts)
    return list(range(min(every), max(every) + 10, 10)) if every else []


def coverage(tables: Tables) -> list[str]:
    """Events, positions and treaty actions per decade of their first possible day."""
    counts = _decade_counts(tables)
    rows = [
        [f"{decade}s", *(counts[name][decade] for name in DATED_KINDS)]
        for decade in _decade_range(counts.values())
    ]
    rows.append(["all", *(f"**{sum(counts[name].values())}**" for name in DATED_KINDS)])
    return _table(["decade", *DATED_KINDS.values()], rows)


def records(tables: Tables) -> list[str]:
    """Rows per table of the package."""
    return _table(["table", "rows"], [(f"`{name}`", len(tables[name])) for name in sorted(tables)])


def event_types(tables: Tables, modes: dict[str, int]) -> list[str]:
    """Events per PLOVER event type, with how many carry a mode and how many modes the
    vocabulary offers the type (`modes`: event type -> number of mode codes)."""
    events = tables["events"]
    rows = []
    for code, group in events.groupby("event_type", observed=True, sort=False):
        rows.append((len(group), str(code), _filled(group, "mode")))
    rows.sort(key=lambda row: (-row[0], row[1]))
    return _table(
        ["event type", "events", "with a mode", "modes in the vocabulary"],
        [(f"`{code}`", n, moded, modes.get(code, 0)) for n, code, moded in rows],
    )


def modeless(tables: Tables, modes: dict[str, int]) -> list[str]:
    """Events without a mode: those of a type the vocabulary gives no mode, and the rest."""
    events = tables["events"]
    without = events[events["mode"].isna()]["event_type"].astype(object)
    none_fits = int(without.map(lambda code: modes.get(code, 0) == 0).sum())
    return [
        f"{len(without)} of {len(events)} events have no PLOVER mode: {none_fits} are of a type "
        f"for which the vocabulary has no mode, {len(without) - none_fits} of a type that has "
        "modes but carry none."
    ]


def sources(tables: Tables) -> list[str]:
    """Sources per publisher country (rows) and origin (columns); the countries with less
    than COUNTRY_SHARE of the sources share one row."""
    frame = tables["sources"]
    total = len(frame)
    countries = Counter(frame["publisher_country"].astype(object))
    shown = [c for c in countries if countries[c] >= COUNTRY_SHARE * total or c in PARTIES]
    rest = sorted(set(countries) - set(shown))
    rest_label = f"{len(rest)} other countries"
    group = {c: (c if c in shown else rest_label) for c in countries}
    pairs = Counter(
        (group[c], o)
        for c, o in zip(frame["publisher_country"].astype(object), frame["origin"], strict=True)
    )
    origin_counts = Counter(frame["origin"].astype(object))
    origins = sorted(origin_counts, key=lambda o: (-origin_counts[o], o))
    labels = sorted(shown, key=lambda c: (-countries[c], c))
    names = [f"`{c}`" for c in labels] + ([rest_label] if rest else [])
    labels += [rest_label] if rest else []
    rows = []
    for name, label in zip(names, labels, strict=True):
        n = sum(pairs[(label, o)] for o in origins)
        rows.append([name, *(pairs[(label, o)] or "" for o in origins), n, _share(n, total)])
    rows.append(["all", *(origin_counts[o] for o in origins), total, ""])
    return _table(["country", *origins, "sources", "share"], rows)


def _cited_dates(tables: Tables) -> pd.DataFrame:
    """Citations of events, positions and treaty actions with the first day of their record."""
    cites = tables["citations"][["record_kind", "record_id", "part", "source"]].astype(object)
    keyed = []
    for kind, table in (("event", "events"), ("position", "positions")):
        if table in tables:
            dates = tables[table][["id", "date_first"]].astype({"id": object})
            mine = cites[(cites["record_kind"] == kind) & cites["part"].isna()]
            keyed.append(mine.merge(dates, left_on="record_id", right_on="id"))
    if "treaty_actions" in tables:
        actions = tables["treaty_actions"][["treaty", "id", "date_first"]].astype(
            {"treaty": object, "id": object}
        )
        mine = cites[(cites["record_kind"] == "treaty") & cites["part"].notna()]
        keyed.append(mine.merge(actions, left_on=["record_id", "part"], right_on=["treaty", "id"]))
    return pd.concat(keyed, ignore_index=True) if keyed else pd.DataFrame()


def _cited_counts(tables: Tables) -> Counter[tuple[int, str]]:
    """(decade, IND / PAK / other) -> citations of dated records of that decade."""
    cited = _cited_dates(tables)
    if cited.empty:
        return Counter()
    home = tables["sources"][["id", "publisher_country"]].astype(object)
    cited = cited.merge(home, left_on="source", right_on="id", suffixes=("", "_source"))
    side = cited["publisher_country"].where(cited["publisher_country"].isin(PARTIES), "other")
    decade = cited["date_first"].dt.year // 10 * 10
    return Counter(zip(decade.astype(int), side, strict=True))


def cited_by_decade(tables: Tables) -> list[str]:
    """Citations of dated records per decade, by the home country of the cited source."""
    counts = _cited_counts(tables)
    if not counts:
        return ["No dated record cites a source."]
    sides = [*PARTIES, "other"]
    rows = []
    for decade in _decade_range([Counter(d for d, _ in counts)]):
        total = sum(counts[(decade, s)] for s in sides)
        rows.append(
            [f"{decade}s", *(counts[(decade, s)] for s in sides), total]
            + [_share(counts[(decade, p)], total) for p in PARTIES]
        )
    return _table(
        ["decade", *(f"{s} sources" for s in sides), "citations", *(f"{p} share" for p in PARTIES)],
        rows,
    )


def lean_decades(tables: Tables) -> list[str]:
    """For each party, the decades in which its sources give under LEAN_SHARE of the citations."""
    counts = _cited_counts(tables)
    decades = _decade_range([Counter(d for d, _ in counts)])
    lines = []
    for party in PARTIES:
        totals = {d: sum(n for (dd, _), n in counts.items() if dd == d) for d in decades}
        lean = [d for d in decades if totals[d] and counts[(d, party)] < LEAN_SHARE * totals[d]]
        if lean:
            listed = ", ".join(f"{d}s ({_share(counts[(d, party)], totals[d])})" for d in lean)
            lines.append(
                f"- `{party}`: under {100 * LEAN_SHARE:.0f} % of the citations in the {listed}."
            )
        else:
            lines.append(
                f"- `{party}`: at least {100 * LEAN_SHARE:.0f} % of the citations in every decade."
            )
    return lines


def completeness(tables: Tables) -> list[str]:
    """How many events carry a mode, a context, a CAMEO code, a place and fatalities, and how
    many offices are dated."""
    events = tables["events"]
    n = len(events)
    figures = [
        ("PLOVER mode", _filled(events, "mode")),
        ("PLOVER context", _filled(events, "context")),
        ("CAMEO root code", _filled(events, "cameo")),
        ("country of the place", _filled(events, "location_country")),
    ]
    fatality_columns = [
        c for c in ("fatalities_low", "fatalities_best", "fatalities_high") if c in events
    ]
    with_fatalities = (
        int(events[fatality_columns].notna().any(axis=1).sum()) if fatality_columns else 0
    )
    figures.append(("fatality figures (low, best or high)", with_fatalities))
    claims = tables.get("claims")
    if claims is not None and not claims.empty:
        claimed = claims[claims["field"].astype(object) == "fatalities"]["event"].nunique()
        figures.append(("fatality claims", int(claimed)))
    lines = _table(["events with", "events", "share"], [(w, k, _share(k, n)) for w, k in figures])
    offices = tables.get("offices")
    if offices is not None:
        m = len(offices)
        starts, ends = _filled(offices, "start"), _filled(offices, "end")
        lines += [""] + _table(
            ["offices", "rows", "share"],
            [
                ("all", m, _share(m, m)),
                ("with a start", starts, _share(starts, m)),
                ("with an end", ends, _share(ends, m)),
            ],
        )
    return lines


def sparse(tables: Tables) -> list[str]:
    """Columns of events, actors and treaties filled in fewer than half the rows."""
    rows = []
    for name in SPARSE_TABLES:
        frame = tables.get(name)
        if frame is None or frame.empty:
            continue
        for column in frame.columns:
            filled = _filled(frame, column)
            if filled < SPARSE_SHARE * len(frame):
                rows.append(
                    (
                        f"`{name}`",
                        f"`{column}`",
                        f"{filled}/{len(frame)}",
                        _share(filled, len(frame)),
                    )
                )
    if not rows:
        return ["Every column of events, actors and treaties is filled in at least half its rows."]
    return _table(["table", "column", "filled", "share"], rows)


def thin_decades(tables: Tables) -> list[str]:
    """Decades with fewer than THIN_DECADE events, and the three with the fewest."""
    counts = _decade_counts(tables)["events"]
    decades = _decade_range([counts])
    thin = [d for d in decades if counts[d] < THIN_DECADE]
    fewest = sorted(decades, key=lambda d: (counts[d], d))[:3]
    listed = ", ".join(f"{d}s ({counts[d]})" for d in fewest)
    if thin:
        head = f"Decades with fewer than {THIN_DECADE} events: " + ", ".join(
            f"{d}s ({counts[d]})" for d in thin
        )
    else:
        head = f"Every decade holds at least {THIN_DECADE} events"
    return [f"{head}. Fewest events: {listed}."]


def pending(tables: Tables, pending_ids: Iterable[str]) -> list[str]:
    """Sources on a refused domain still in the package, waiting to be replaced, with the
    number of citations of each."""
    present = sorted(set(pending_ids) & set(tables["sources"]["id"].astype(object)))
    if not present:
        return ["No source in the package is waiting for replacement."]
    uses = Counter(tables["citations"]["source"].astype(object))
    if "claims" in tables:
        uses.update(tables["claims"]["source"].astype(object))
    return _table(
        ["source", "citations and claims"], [(f"`{source}`", uses[source]) for source in present]
    )


def modes_per_type(vocabularies: dict[str, dict]) -> dict[str, int]:
    """Event type -> how many PLOVER modes schemas/vocabularies.yaml gives it."""
    codes = vocabularies.get("event_mode", {}).get("codes", [])
    return dict(Counter(str(code["event_type"]) for code in codes))


def blocks(
    tables: Tables, pending_ids: Iterable[str] = (), modes: dict[str, int] | None = None
) -> dict[str, str]:
    """Each generated block of METHODS.md by name, as markdown. `pending_ids`: the sources
    schemas/policy.yaml lists for replacement; `modes`: see modes_per_type()."""
    modes = modes or {}
    makers: dict[str, Callable[[], list[str]]] = {
        "records": lambda: records(tables),
        "coverage": lambda: coverage(tables),
        "event-types": lambda: event_types(tables, modes),
        "modeless-events": lambda: modeless(tables, modes),
        "sources": lambda: sources(tables),
        "cited-by-decade": lambda: cited_by_decade(tables),
        "lean-decades": lambda: lean_decades(tables),
        "completeness": lambda: completeness(tables),
        "sparse-columns": lambda: sparse(tables),
        "thin-decades": lambda: thin_decades(tables),
        "pending-sources": lambda: pending(tables, pending_ids),
    }
    return {name: "\n".join(make()) for name, make in makers.items()}


class MissingBlock(ValueError):
    """METHODS.md lacks the markers of a block."""


def update(text: str, generated: dict[str, str]) -> str:
    """`text` with every block replaced by its generated markdown, the rest unchanged."""
    for name, body in generated.items():
        begin, end = BEGIN.format(name=name), END.format(name=name)
        block = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.DOTALL)
        if not block.search(text):
            raise MissingBlock(f"no block '{name}': add the lines\n{begin}\n{end}")
        replacement = f"{begin}\n{body}\n{end}"
        text = block.sub(lambda _, new=replacement: new, text, count=1)
    return text
