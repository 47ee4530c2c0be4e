"""`indopak audit` written out: a text summary, JSON, or Markdown tables."""

from __future__ import annotations

import json
from typing import Any

SECTIONS = (
    "sources by publisher country and origin",
    "positions of each government, by issue",
    "claims: whose are present",
    "events on the Line of Control",
    "records dated on their source's date with a relative day in the quote",
    "loaded terms and refused domains",
    "figures in the dataset's own words that no quote of the record carries",
)


def _pct(value: float) -> str:
    return f"{100 * value:.0f}%"


def _mix(part: dict[str, Any], top: int = 6) -> str:
    total = part["sources"]
    countries = ", ".join(
        f"{code} {n} ({_pct(n / total)})" for code, n in list(part["countries"].items())[:top]
    )
    origins = ", ".join(f"{code} {n}" for code, n in part["origins"].items())
    return f"{total} sources; {countries}; origin: {origins}"


def _checks(part: dict[str, Any]) -> list[str]:
    return [
        f"    {'ok' if c['ok'] else 'OFF TARGET'}: {c['target']} {_pct(c['value'])} "
        f"(target {c['op']} {_pct(c['limit'])})"
        for c in part["checks"]
    ]


def text(audit: dict[str, Any]) -> str:
    out: list[str] = []
    sources = audit["sources"]
    out.append(f"== {SECTIONS[0]}")
    out.append(f"  overall: {_mix(sources['overall'])}")
    out += _checks(sources["overall"])
    out.append("  per crisis (IND / PAK / other / unknown):")
    for crisis, part in sources["crises"].items():
        shares = part["shares"]
        sides = " / ".join(_pct(v) for v in shares.values())
        out.append(f"    {crisis}: {part['sources']} sources, {sides}")
        out += ["  " + line for line in _checks(part)]
    out.append("  per decade (IND / PAK / other / unknown):")
    for decade, part in sources["decades"].items():
        sides = " / ".join(_pct(v) for v in part["shares"].values())
        out.append(f"    {decade}: {part['sources']} sources, {sides}")
    homeless = audit["positions_without_home_source"]
    out.append(f"  government positions citing no source of their own country: {len(homeless)}")
    out.append(f"== {SECTIONS[1]}")
    issues = audit["issues"]
    missing = [i for i in issues if i["missing"]]
    out.append(f"  {len(issues)} issues; {len(missing)} lack a position of a government:")
    for item in missing:
        counts = ", ".join(f"{k} {v}" for k, v in item["positions"].items())
        out.append(f"    {item['issue']}: {counts}")
    out.append(f"== {SECTIONS[2]}")
    claims = audit["claims"]
    one_sided = [c for c in claims if c["missing"]]
    out.append(f"  {len(claims)} events with claims; {len(one_sided)} lack a party's claim:")
    for item in one_sided:
        out.append(
            f"    {item['event']}: claims from {', '.join(item['sides']) or 'neither party'}"
        )
    loc = audit["line_of_control"]
    out.append(f"== {SECTIONS[3]}")
    placed = ", ".join(f"{k} {v}" for k, v in loc["by_country"].items()) or "none"
    out.append(f"  {len(loc['events'])} events; placed in: {placed}")
    out.append(f"== {SECTIONS[4]}")
    relative = audit["relative_dates"]
    kept = audit.get("relative_dates_reviewed") or []
    out.append(f"  {len(relative)} to review ({len(kept)} checked and kept, in policy.yaml):")
    for item in relative:
        out.append(
            f"    {item['record']} ({item['date']}, a {item['weekday']}): "
            f"{', '.join(item['words'])} in {item['source']}"
        )
    out.append(f"== {SECTIONS[5]}")
    findings = audit["findings"]
    pending = audit["pending"]
    out.append(f"  validation findings: {len(findings)}")
    for f in findings:
        out.append(f"    {f['path']}:{f['line']}: {f['rule']}: {f['message']}")
    out.append(
        f"  pending correction: {len(pending['refused_domain_sources'])} sources on refused "
        f"domains, {len(pending['loaded_ids'])} ids holding a loaded word"
    )
    out += [f"    source {s}" for s in pending["refused_domain_sources"]]
    out += [f"    id {i}" for i in pending["loaded_ids"]]
    resting = pending["resting_on_refused"]
    out.append(f"  records whose every citation is a source pending replacement: {len(resting)}")
    out += [f"    record {r}" for r in resting]
    figures = audit["unquoted_figures"]
    out.append(f"== {SECTIONS[6]}")
    out.append(f"  {len(figures)} to review:")
    out += [f"    {f['record']}: {', '.join(f['figures'])}" for f in figures]
    return "\n".join(out) + "\n"


def as_json(audit: dict[str, Any]) -> str:
    return json.dumps(audit, indent=2, sort_keys=False, ensure_ascii=False) + "\n"


def _md(cell: Any) -> str:
    return str(cell).replace("|", "\\|").replace("\n", " ")


def _table(head: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
    return lines + [""]


def markdown(audit: dict[str, Any]) -> str:
    out = ["# Balance audit", ""]
    sources = audit["sources"]
    out += [f"## {SECTIONS[0].capitalize()}", ""]
    groups = [("overall", sources["overall"])]
    groups += [(f"crisis {k}", v) for k, v in sources["crises"].items()]
    groups += [(f"{k}", v) for k, v in sources["decades"].items()]
    sides = list(sources["overall"]["shares"])
    rows = [
        [name, part["sources"], *(_pct(part["shares"][s]) for s in sides)]
        + ["; ".join(f"{c['target']} {'ok' if c['ok'] else 'off target'}" for c in part["checks"])]
        for name, part in groups
    ]
    out += _table(["records", "sources", *sides, "targets"], rows)
    out += [f"## {SECTIONS[1].capitalize()}", ""]
    parties = list(audit["issues"][0]["positions"]) if audit["issues"] else []
    out += _table(
        ["issue", *parties, "none from"],
        [[i["issue"], *i["positions"].values(), ", ".join(i["missing"])] for i in audit["issues"]],
    )
    out += [f"## {SECTIONS[2].capitalize()}", ""]
    out += _table(
        ["event", "claimants", "parties", "none from"],
        [
            [c["event"], ", ".join(c["claimants"]), ", ".join(c["sides"]), ", ".join(c["missing"])]
            for c in audit["claims"]
        ],
    )
    out += [f"## {SECTIONS[3].capitalize()}", ""]
    out += _table(
        ["event", "placed in"],
        [[e["event"], e["country"]] for e in audit["line_of_control"]["events"]],
    )
    out += [f"## {SECTIONS[4].capitalize()}", ""]
    out += _table(
        ["record", "date", "source", "words"],
        [
            [r["record"], r["date"], r["source"], ", ".join(r["words"])]
            for r in audit["relative_dates"]
        ],
    )
    out += [f"## {SECTIONS[5].capitalize()}", ""]
    out += _table(
        ["file", "line", "rule", "message"],
        [[f["path"], f["line"], f["rule"], f["message"]] for f in audit["findings"]],
    )
    pending = audit["pending"]
    out += _table(
        ["pending correction", "id"],
        [["source on a refused domain", s] for s in pending["refused_domain_sources"]]
        + [["id holding a loaded word", i] for i in pending["loaded_ids"]]
        + [["record resting only on such sources", r] for r in pending["resting_on_refused"]],
    )
    out += [f"## {SECTIONS[6].capitalize()}", ""]
    out += _table(
        ["record", "figures"],
        [[f["record"], ", ".join(f["figures"])] for f in audit["unquoted_figures"]],
    )
    return "\n".join(out)


FORMATS = {"text": text, "json": as_json, "markdown": markdown}
