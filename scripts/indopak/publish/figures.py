"""Figures of the published package, drawn with matplotlib's Agg backend into PNG files.

Every figure is made from the frames of `indopak.load()`, so it shows what downloaders get.
The PNGs carry no software version or date, so the same package gives the same bytes.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from indopak.loading.frames import load  # noqa: E402

YEARS = (1947, 2026)
CRISES = ("2019-pulwama-balakot", "2025-india-pakistan-crisis")
TREATY = "indus-waters-treaty-1960"
DPI = 110
PALETTE = plt.get_cmap("tab20").colors
SIDES = {"india": "#e07b00", "pakistan": "#1a7f37"}
THIRD_PARTY = "#4b5fa8"

plt.rcParams.update(
    {
        "font.family": "DejaVu Sans",
        "font.size": 9,
        "axes.titlesize": 12,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "svg.hashsalt": "indopak",
    }
)


def _type_colours(codes: list[str]) -> dict[str, tuple]:
    """One fixed colour per event type code, in vocabulary order (stable across figures)."""
    return {code: PALETTE[i % len(PALETTE)] for i, code in enumerate(codes)}


def _save(figure: Figure, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=DPI, metadata={"Software": None}, bbox_inches="tight", pad_inches=0.2)
    plt.close(figure)
    return path


def _empty(figure: Figure, ax: plt.Axes, message: str) -> None:
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)


def events_per_year(events: pd.DataFrame, path: Path) -> Path:
    """Stacked bars: events per year (by first possible day), by PLOVER event type."""
    codes = list(events["event_type"].cat.categories)
    colours = _type_colours(codes)
    years = range(YEARS[0], YEARS[1] + 1)
    counts = (
        events.assign(year=events["date_first"].dt.year)
        .loc[lambda f: f["year"].between(*YEARS)]
        .groupby(["year", "event_type"], observed=False)
        .size()
        .unstack(fill_value=0)
        .reindex(index=years, columns=codes, fill_value=0)
    )
    present = [code for code in codes if counts[code].sum() > 0]
    figure, ax = plt.subplots(figsize=(13, 5.2))
    if not present:
        _empty(figure, ax, "no events in the package")
        return _save(figure, path)
    bottom = pd.Series(0, index=counts.index)
    for code in present:
        ax.bar(
            counts.index,
            counts[code],
            bottom=bottom,
            width=0.85,
            color=colours[code],
            label=f"{code} ({int(counts[code].sum())})",
            linewidth=0,
        )
        bottom += counts[code]
    ax.set_xlim(YEARS[0] - 1, YEARS[1] + 1)
    ax.set_xticks(range(1950, YEARS[1] + 1, 5))
    ax.xaxis.set_minor_locator(matplotlib.ticker.MultipleLocator(1))
    ax.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_ylabel("events")
    ax.set_title(
        f"Events per year by PLOVER event type, {YEARS[0]}–{YEARS[1]} "
        f"({int(counts.to_numpy().sum())} events)",
        loc="left",
    )
    ax.legend(
        title="event type (events)", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False
    )
    return _save(figure, path)


def _short(text: str, width: int = 80) -> str:
    return textwrap.shorten(str(text), width=width, placeholder="…")


def crisis_timeline(events: pd.DataFrame, crises: pd.DataFrame, crisis: str, path: Path) -> Path:
    """Events of one crisis day by day: events per day on top, the chronology below."""
    rows = (
        events[events["crisis"] == crisis]
        .sort_values(["date_first", "date_last", "id"])
        .reset_index(drop=True)
    )
    info = crises[crises["id"] == crisis]
    name = info["name"].iloc[0] if len(info) else crisis
    codes = list(events["event_type"].cat.categories)
    colours = _type_colours(codes)
    list_height = 0.24 * max(len(rows), 4)
    height = 3.4 + list_height
    figure, (top, chronology) = plt.subplots(
        2,
        1,
        figsize=(12, height),
        gridspec_kw={
            "height_ratios": [2.2, list_height],
            "hspace": 0.9 / ((2.2 + list_height) / 2),
        },
    )
    figure.subplots_adjust(top=1 - 0.75 / height, bottom=0.2 / height)
    figure.suptitle(f"{name}: {len(rows)} events, day by day", x=0.01, ha="left", fontsize=13)
    if rows.empty:
        _empty(figure, top, f"no events of crisis {crisis} in the package")
        chronology.set_axis_off()
        return _save(figure, path)
    _daily_counts(top, rows, colours, info)
    _chronology(chronology, rows, colours)
    return _save(figure, path)


def _daily_counts(
    ax: plt.Axes, rows: pd.DataFrame, colours: dict[str, tuple], info: pd.DataFrame
) -> None:
    exact = rows[rows["date_precision"] == "day"]
    dated = exact if len(exact) else rows
    start, end = dated["date_first"].min(), dated["date_first"].max()
    days = pd.date_range(start, end, freq="D")
    counts = (
        exact.groupby(["date_first", "event_type"], observed=True)
        .size()
        .unstack(fill_value=0)
        .reindex(days, fill_value=0)
    )
    bottom = pd.Series(0, index=days)
    for code in [c for c in colours if c in counts.columns]:
        ax.bar(days, counts[code], bottom=bottom, width=0.8, color=colours[code], linewidth=0)
        bottom += counts[code]
    if len(info) and pd.notna(info["date_last"].iloc[0]):
        first, last = info["date_first"].iloc[0], info["date_last"].iloc[0]
        ax.axvspan(
            first - pd.Timedelta(hours=12),
            last + pd.Timedelta(hours=12),
            color="#f2e6c9",
            zorder=0,
            label="crisis dates in the crises table",
        )
        ax.legend(loc="upper right", frameon=False)
    ax.set_xlim(start - pd.Timedelta(days=1), end + pd.Timedelta(days=1))
    span = (end - start).days
    ax.xaxis.set_major_locator(mdates.DayLocator(interval=max(1, span // 14 or 1)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b\n%Y"))
    ax.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.set_ylabel("events per day")
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)


def _chronology(ax: plt.Axes, rows: pd.DataFrame, colours: dict[str, tuple]) -> None:
    ax.set_xlim(0, 1)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_axis_off()
    previous = last_exact = None
    for i, row in rows.iterrows():
        day = row["date_first"]
        if row["date_precision"] == "day":
            when = day.strftime("%a %d %b %Y")
        else:
            when = day.strftime("%B %Y") if row["date_precision"] == "month" else str(day.year)
        exact = row["date_precision"] == "day"
        if exact and last_exact is not None and (day - last_exact).days > 1:
            ax.axhline(i - 0.5, color="#bbbbbb", linewidth=0.6, linestyle=":")
            gap = (day - last_exact).days - 1
            ax.text(
                1.0,
                i - 0.5,
                f"{gap} day{'s' if gap > 1 else ''} without events",
                ha="right",
                va="center",
                fontsize=7,
                color="#888888",
                backgroundcolor="white",
            )
        same_day = previous is not None and day == previous
        ax.text(0.155, i, "" if same_day else when, ha="right", va="center")
        ax.scatter([0.17], [i], s=40, color=colours[row["event_type"]], zorder=3)
        ax.text(
            0.182,
            i,
            row["event_type"],
            ha="left",
            va="center",
            fontsize=7.5,
            color="#444444",
            family="DejaVu Sans Mono",
        )
        ax.text(0.26, i, _short(row["title"]), ha="left", va="center")
        previous = day
        last_exact = day if exact else last_exact


ZOOM_FROM = pd.Timestamp("2015-01-01")  # the IWT figure widens the years of dense activity


def iwt_status_history(
    actions: pd.DataFrame,
    actors: pd.DataFrame,
    path: Path,
    treaty: str = TREATY,
    treaty_name: str | None = None,
) -> Path:
    """Every dated action on the treaty, by kind of action, coloured by who acted.

    Two panels share the rows: 1958-2014 on the left, and from 2015, when most actions
    happen, on a wider scale on the right.
    """
    rows = actions[actions["treaty"] == treaty].sort_values(["date_first", "seq"])
    names = dict(zip(actors["id"], actors["name"], strict=True))
    height = 0.42 * max(rows["action"].nunique(), 4) + 1.8
    figure, (early, late) = plt.subplots(
        1,
        2,
        sharey=True,
        figsize=(14, height),
        gridspec_kw={"width_ratios": [1, 1.5], "wspace": 0.04},
    )
    if rows.empty:
        _empty(figure, early, f"no status history of {treaty} in the package")
        late.set_axis_off()
        return _save(figure, path)
    kinds = [code for code in rows["action"].cat.categories if code in set(rows["action"])]
    level = {code: i for i, code in enumerate(kinds)}
    end = pd.Timestamp(f"{max(rows['date_first'].max().year, YEARS[1])}-12-31")
    for ax, (first, last) in (
        (early, (pd.Timestamp("1958-01-01"), ZOOM_FROM)),
        (late, (ZOOM_FROM, end)),
    ):
        _actions_panel(ax, rows, names, level, end)
        ax.set_xlim(first, last)
    early.xaxis.set_major_locator(mdates.YearLocator(10))
    late.xaxis.set_major_locator(mdates.YearLocator(1))
    late.spines["left"].set_linestyle((0, (2, 2)))
    late.tick_params(axis="y", length=0)
    early.set_yticks(range(len(kinds)), [k.replace("-", " ") for k in kinds])
    early.set_ylim(len(kinds) - 0.5, -0.5)
    early.set_title(
        f"{treaty_name or treaty}: status history ({len(rows)} dated actions)", loc="left"
    )
    late.set_title(f"from {ZOOM_FROM.year}, wider scale", loc="left", fontsize=9, color="#555555")
    late.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, title="who acted")
    return _save(figure, path)


def _actions_panel(
    ax: plt.Axes,
    rows: pd.DataFrame,
    names: dict[str, str],
    level: dict[str, int],
    end: pd.Timestamp,
) -> None:
    abeyance = rows[rows["action"] == "held-in-abeyance"]
    if not abeyance.empty:
        since, by = abeyance["date_first"].iloc[0], abeyance["actor"].iloc[0]
        ax.axvspan(
            since,
            end,
            color="#f6d8d8",
            zorder=0,
            label=f"held in abeyance by {names.get(by, by)} since {since:%d %b %Y}",
        )
    groups = [
        (names.get(side, side), colour, rows[rows["actor"] == side])
        for side, colour in SIDES.items()
    ]
    groups.append(
        (
            "others (World Bank, neutral expert, courts …)",
            THIRD_PARTY,
            rows[~rows["actor"].isin(list(SIDES))],
        )
    )
    for label, colour, group in groups:
        exact = group[group["date_precision"] == "day"]
        vague = group[group["date_precision"] != "day"]
        ax.scatter(
            exact["date_first"],
            exact["action"].map(level).astype(float),
            s=55,
            zorder=3,
            color=colour,
            alpha=0.85,
            label=label if len(exact) else None,
        )
        # known to the month or year only: a hollow marker in the middle of the period
        offset = vague["date_precision"].map({"month": 14, "year": 182}).astype(float)
        middle = vague["date_first"] + pd.to_timedelta(offset.fillna(0), unit="D")
        ax.scatter(
            middle,
            vague["action"].map(level).astype(float),
            s=55,
            zorder=3,
            color="white",
            edgecolors=colour,
            linewidths=1.4,
            label=label if len(vague) and not len(exact) else None,
        )
    ax.scatter(
        [],
        [],
        s=55,
        color="white",
        edgecolors="#666666",
        linewidths=1.4,
        label="date known to the month or year only",
    )
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
    ax.grid(axis="y", color="#f0f0f0", linewidth=0.6)
    ax.set_axisbelow(True)


def _treaty_name(treaties: pd.DataFrame, treaty: str = TREATY) -> str | None:
    match = treaties.loc[treaties["id"] == treaty, "name"]
    return str(match.iloc[0]) if len(match) else None


FIGURES: dict[str, Callable[[dict[str, pd.DataFrame], Path], Path]] = {
    "events-per-year-by-type.png": lambda t, p: events_per_year(t["events"], p),
    **{
        f"crisis-{crisis}.png": (
            lambda t, p, c=crisis: crisis_timeline(t["events"], t["crises"], c, p)
        )
        for crisis in CRISES
    },
    "iwt-status-history.png": lambda t, p: iwt_status_history(
        t["treaty_actions"], t["actors"], p, treaty_name=_treaty_name(t["treaties"])
    ),
}


def draw_all(package: str | Path | None, folder: Path) -> list[Path]:
    """Every figure of FIGURES from the package into `folder`; the paths written."""
    tables = load(package, tables=["events", "crises", "treaty_actions", "treaties", "actors"])
    return [draw(tables, folder / name) for name, draw in FIGURES.items()]
