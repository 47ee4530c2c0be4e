"""indopak stats: what the published package holds, counted.

The counts come from the published package (datapackage.json, or the package given with
--package, such as a release zip) loaded with `indopak.load()`, so they describe exactly
what a downloader gets; run `indopak build` first to count the latest records.
"""

from __future__ import annotations

import argparse
from collections import Counter
from typing import TYPE_CHECKING

from indopak.commands._common import EXIT_OK, UsageError, add_package_argument

if TYPE_CHECKING:
    import pandas as pd

# Table -> its column of codes that says what type of row it is.
TYPE_COLUMNS = {
    "actors": "kind",
    "events": "event_type",
    "positions": "stance",
    "sources": "kind",
    "treaties": "kind",
    "treaty_actions": "action",
    "retired": "kind",
}
# Record kind -> the table of its records (sources are what the others cite, so they are
# left out of the share of records with a quoted citation).
RECORD_TABLES = {
    "actor": "actors",
    "crisis": "crises",
    "event": "events",
    "issue": "issues",
    "position": "positions",
    "treaty": "treaties",
}
DECADE_TABLES = {"events": "date_first", "positions": "date_first", "treaty_actions": "date_first"}


def _share(part: int, whole: int) -> str:
    return f"{part:5}/{whole:<5} {100 * part / whole:5.1f}%" if whole else f"{part:5}/{whole:<5}"


def table_counts(tables: dict[str, pd.DataFrame]) -> list[str]:
    lines = ["rows per table"]
    lines += [f"  {name:20} {len(frame):6}" for name, frame in sorted(tables.items())]
    return lines


def type_counts(tables: dict[str, pd.DataFrame]) -> list[str]:
    lines = []
    for table, column in TYPE_COLUMNS.items():
        if table not in tables or tables[table].empty:
            continue
        lines.append(f"{table} by {column}")
        counts = tables[table][column].value_counts(sort=False)
        ordered = sorted(
            ((int(n), str(code)) for code, n in counts.items() if n),
            key=lambda item: (-item[0], item[1]),
        )
        lines += [f"  {code:26} {count:6}" for count, code in ordered]
    return lines


def quote_shares(tables: dict[str, pd.DataFrame]) -> list[str]:
    """Records whose own citations carry a verbatim quote, and positions quoting the speaker."""
    lines = ["records with a quoted citation (every record should have one)"]
    cited: Counter[str] = Counter()
    if "citations" in tables:
        quoted = tables["citations"].dropna(subset=["quote"])
        quoted = quoted[quoted["part"].isna()]
        for kind, ids in quoted.groupby("record_kind", observed=True)["record_id"]:
            table = RECORD_TABLES.get(str(kind))
            if table in tables:
                cited[str(kind)] = len(set(ids) & set(tables[table]["id"]))
    total_cited = total = 0
    for kind, table in RECORD_TABLES.items():
        if table in tables:
            whole = len(tables[table])
            lines.append(f"  {kind:10} {_share(cited[kind], whole)}")
            total_cited, total = total_cited + cited[kind], total + whole
    lines.append(f"  {'all':10} {_share(total_cited, total)}")
    if "positions" in tables:
        positions = tables["positions"]
        lines.append("positions that quote the speaker's own words")
        quoting = int(positions["quote"].notna().sum())
        lines.append(f"  {'position':10} {_share(quoting, len(positions))}")
    return lines


def decade_coverage(tables: dict[str, pd.DataFrame]) -> list[str]:
    present = {t: c for t, c in DECADE_TABLES.items() if t in tables}
    decades: dict[str, Counter[int]] = {
        t: Counter((tables[t][c].dropna().dt.year // 10 * 10).astype(int))
        for t, c in present.items()
    }
    every = sorted(set().union(*decades.values())) if decades else []
    if not every:
        return []
    lines = [
        "coverage by decade (first possible day)",
        "  decade " + "".join(f"{t:>16}" for t in present),
    ]
    for decade in range(every[0], every[-1] + 10, 10):
        lines.append(f"  {decade}s  " + "".join(f"{decades[t][decade]:16}" for t in present))
    return lines


def cmd_stats(args: argparse.Namespace) -> int:
    from indopak.loading.frames import _open_package, load
    from indopak.publish.snapshot import READ_ERRORS

    try:
        descriptor = _open_package(args.package).descriptor
        tables = load(args.package)
    except READ_ERRORS as exc:
        raise UsageError(f"stats: cannot load {args.package}: {exc}") from exc
    head = [f"package {args.package}: {descriptor.get('name')} {descriptor.get('version')}"]
    blocks = [
        head,
        table_counts(tables),
        type_counts(tables),
        quote_shares(tables),
        decade_coverage(tables),
    ]
    print("\n".join(line for block in blocks for line in block))
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "stats", help="counts of the published package: tables, types, quotes, decades"
    )
    add_package_argument(parser)
    parser.set_defaults(run=cmd_stats)
