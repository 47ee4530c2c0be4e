"""The balance audit: whose sources, whose positions, whose claims, and how the records name
and date things. `run` gives every figure as plain data; `auditreport` writes it out.

Sources are counted once per group of records that cite them: overall (every source cited
by any record), per crisis (the crisis record, its events with their claims, and the
positions and treaty actions said at those events) and per decade (events, positions and
treaty actions dated in it). Targets come from schemas/policy.yaml; they are reported, never
enforced.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from indopak.io import dates
from indopak.schema.project import Project
from indopak.validation.records import Record
from indopak.validation.validate import validate

GOVERNMENT_KINDS = frozenset(
    {"state", "government", "ministry", "agency", "military", "paramilitary"}
)
_LOC = re.compile(r"\bLine of Control\b|\bLoC\b")
_FIGHTING = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
# A figure: digits (with thousands commas or a decimal point), not a year and not the day
# of a date ("14 February", "February 14"), which the record's date fields carry.
_FIGURE = re.compile(
    rf"(?<![\w.,])(?!(?:19|20)[0-9]{{2}}\b)([0-9][0-9,]*(?:\.[0-9]+)?)(?![\w])"
    rf"(?!\s+(?:{_MONTHS})\b)(?![–-][0-9]{{1,2}}\s+(?:{_MONTHS})\b)(?!:[0-9])",
    re.IGNORECASE,
)
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS})\s+$", re.IGNORECASE)
# A number that names something rather than counts it: "Resolution 39", "Point 4590".
_NAMING_BEFORE = re.compile(
    r"\b(?:resolutions?|points?|articles?|annexures?|no\.|number|flight|ic-|posts?|"
    r"hill|round|session|meeting|paragraph|clause)\s*$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")
# "COVID-19", "S-400", the "48" of "1947-48"; "the 1267 committee"
_LABEL_BEFORE = re.compile(r"(?:[A-Za-z]|\b(?:19|20)[0-9]{2})[-–]$")
_NAMING_AFTER = re.compile(r"^\s*(?:committee|sanctions|regime)\b", re.IGNORECASE)
_TIME_AFTER = re.compile(r"^\s*(?:a\.?m\.?|p\.?m\.?|hours|hrs)\b", re.IGNORECASE)
UNKNOWN = "unknown"
UNTOLD = "XXX"  # publisher_country when the publisher's country cannot be told


class Corpus:
    """The live (not retired) records of a project, by kind and id."""

    def __init__(self, records: Iterable[Record]) -> None:
        self.by_kind: dict[str, dict[str, Record]] = defaultdict(dict)
        for record in records:
            if record.id is not None and not record.retired:
                self.by_kind[record.kind].setdefault(record.id, record)

    def all(self, kind: str) -> list[Record]:
        return [self.by_kind[kind][key] for key in sorted(self.by_kind[kind])]

    def get(self, kind: str, ident: Any) -> dict[str, Any]:
        record = self.by_kind[kind].get(ident) if isinstance(ident, str) else None
        return record.data if record is not None else {}


def _cited(data: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(source id, quote, the item citing it) of a record part's citations and claims."""
    for key in ("citations", "claims"):
        for item in data.get(key) or []:
            if isinstance(item, dict) and isinstance(item.get("source"), str):
                yield item["source"], str(item.get("quote") or ""), item


def _parts(record: Record) -> Iterator[tuple[str, dict[str, Any]]]:
    """(label, data) of what a record dates and cites: the record, or each treaty action."""
    if record.kind == "treaty":
        for action in record.data.get("status_history") or []:
            if isinstance(action, dict):
                yield f"{record.id}/{action.get('id')}", action
    else:
        yield str(record.id), record.data


def _decade(date: Any) -> str | None:
    if not isinstance(date, str) or not re.match(r"[0-9]{4}", date):
        return None
    return f"{date[:3]}0s"


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


class Auditor:
    def __init__(self, project: Project, records: Iterable[Record]) -> None:
        self.project = project
        self.corpus = Corpus(records)
        self.policy = project.policy
        self.thresholds = self.policy.thresholds
        self.parties = self.policy.parties

    # -- sources ---------------------------------------------------------------------

    def breakdown(self, source_ids: Iterable[str], targets: str = "") -> dict[str, Any]:
        """Counts of distinct sources by publisher country, origin and side, with the
        policy's targets checked: "overall" (no country above its share) or "crisis" (and
        each party and the other countries at least theirs)."""
        ids = sorted(set(source_ids))
        countries: Counter[str] = Counter()
        origins: Counter[str] = Counter()
        for ident in ids:
            source = self.corpus.get("source", ident)
            countries[str(source.get("publisher_country") or UNKNOWN)] += 1
            origins[str(source.get("origin") or UNKNOWN)] += 1
        total = len(ids)
        sides = {party: countries.get(party, 0) for party in self.parties}
        sides["other"] = total - sum(sides.values()) - countries.get(UNTOLD, 0)
        sides["unknown"] = countries.get(UNTOLD, 0)
        out: dict[str, Any] = {
            "sources": total,
            "countries": dict(sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))),
            "origins": dict(sorted(origins.items(), key=lambda kv: (-kv[1], kv[0]))),
            "sides": sides,
            "shares": {side: _share(n, total) for side, n in sides.items()},
        }
        out["checks"] = self.checks(countries, sides, total, targets) if total and targets else []
        return out

    def checks(
        self, countries: Counter[str], sides: dict[str, int], total: int, targets: str
    ) -> list[dict[str, Any]]:
        found = []
        most = self.thresholds.get("max_country_share")
        if most is not None:
            country, count = max(countries.items(), key=lambda kv: (kv[1], kv[0]))
            found.append(_check(f"largest country share ({country})", count, total, "<=", most))
        if targets != "crisis":
            return found
        least = self.thresholds.get("min_each_party_share")
        if least is not None:
            for party in self.parties:
                found.append(_check(f"{party} share", sides[party], total, ">=", least))
        neutral = self.thresholds.get("min_neutral_share")
        if neutral is not None:
            found.append(_check("other countries' share", sides["other"], total, ">=", neutral))
        return found

    def crisis_sources(self) -> dict[str, set[str]]:
        events: dict[str, str] = {}
        cited: dict[str, set[str]] = defaultdict(set)
        for crisis in self.corpus.all("crisis"):
            cited[str(crisis.id)].update(s for s, _q, _i in _cited(crisis.data))
        for event in self.corpus.all("event"):
            crisis_id = event.data.get("crisis")
            if isinstance(crisis_id, str):
                events[str(event.id)] = crisis_id
                cited[crisis_id].update(s for s, _q, _i in _cited(event.data))
        for position in self.corpus.all("position"):
            crisis_id = events.get(position.data.get("event"))  # type: ignore[arg-type]
            if crisis_id is not None:
                cited[crisis_id].update(s for s, _q, _i in _cited(position.data))
        for treaty in self.corpus.all("treaty"):
            for action in treaty.data.get("status_history") or []:
                crisis_id = events.get(action.get("event")) if isinstance(action, dict) else None
                if crisis_id is not None:
                    cited[crisis_id].update(s for s, _q, _i in _cited(action))
        return cited

    def decade_sources(self) -> dict[str, set[str]]:
        cited: dict[str, set[str]] = defaultdict(set)
        for kind in ("event", "position", "treaty"):
            for record in self.corpus.all(kind):
                for _label, part in _parts(record):
                    decade = _decade(part.get("date"))
                    if decade is not None:
                        cited[decade].update(s for s, _q, _i in _cited(part))
        return cited

    def sources(self) -> dict[str, Any]:
        everything: set[str] = set()
        for kind in ("actor", "crisis", "event", "issue", "position", "treaty"):
            for record in self.corpus.all(kind):
                for _label, part in _parts(record):
                    everything.update(s for s, _q, _i in _cited(part))
                everything.update(s for s, _q, _i in _cited(record.data))
        held = set(self.thresholds.get("crises") or [])
        return {
            "overall": self.breakdown(everything, "overall"),
            "crises": {
                crisis: self.breakdown(ids, "crisis" if crisis in held else "")
                for crisis, ids in sorted(self.crisis_sources().items())
            },
            "decades": {
                decade: self.breakdown(ids) for decade, ids in sorted(self.decade_sources().items())
            },
        }

    # -- positions, claims, places ---------------------------------------------------

    def side_of(self, actor_id: Any, government_only: bool) -> str | None:
        """The party an actor belongs to (its country), or None; with `government_only`,
        only states and their governments, ministries and forces count."""
        actor = self.corpus.get("actor", actor_id)
        country = actor.get("country")
        if government_only and actor.get("kind") not in GOVERNMENT_KINDS:
            return None
        return country if country in self.parties else None

    def issues(self) -> list[dict[str, Any]]:
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for position in self.corpus.all("position"):
            side = self.side_of(position.data.get("actor"), government_only=True)
            if side is not None:
                counts[str(position.data.get("issue"))][side] += 1
        out = []
        for issue in self.corpus.all("issue"):
            found = counts.get(str(issue.id), Counter())
            out.append(
                {
                    "issue": issue.id,
                    "positions": {party: found.get(party, 0) for party in self.parties},
                    "missing": [party for party in self.parties if not found.get(party)],
                }
            )
        return out

    def positions_without_home_source(self) -> list[dict[str, Any]]:
        out = []
        for position in self.corpus.all("position"):
            side = self.side_of(position.data.get("actor"), government_only=True)
            if side is None:
                continue
            sources = [self.corpus.get("source", s) for s, _q, _i in _cited(position.data)]
            countries = sorted({str(s.get("publisher_country") or UNKNOWN) for s in sources})
            # a government's own text counts wherever it was published (a UN record, a wire)
            issuers = {s.get("issuer_country") for s in sources}
            if side not in countries and side not in issuers:
                out.append({"position": position.id, "side": side, "cited": countries})
        return out

    def claims(self) -> list[dict[str, Any]]:
        out = []
        for event in self.corpus.all("event"):
            claims = [c for c in event.data.get("claims") or [] if isinstance(c, dict)]
            if not claims:
                continue
            claimants = sorted({str(c.get("claimant")) for c in claims})
            sides = sorted(
                {s for c in claims if (s := self.side_of(c.get("claimant"), False)) is not None}
            )
            out.append(
                {
                    "event": event.id,
                    "claimants": claimants,
                    "sides": sides,
                    "missing": [party for party in self.parties if party not in sides],
                }
            )
        return out

    def line_of_control(self) -> dict[str, Any]:
        """Events placed on the Line of Control (by their location's names), and fighting
        whose title names it, with the country each is placed in."""
        events = []
        for event in self.corpus.all("event"):
            location = event.data.get("location")
            location = location if isinstance(location, dict) else {}
            names = " ".join(str(location.get(k, "")) for k in ("place", "district", "admin1"))
            fighting = event.data.get("event_type") in _FIGHTING and _LOC.search(
                str(event.data.get("title", ""))
            )
            if _LOC.search(names) or fighting:
                events.append({"event": event.id, "country": location.get("country") or UNKNOWN})
        placed = Counter(e["country"] for e in events)
        return {"events": events, "by_country": dict(sorted(placed.items()))}

    # -- dates and words -------------------------------------------------------------

    def relative_dates(self) -> list[dict[str, Any]]:
        """Records dated on their source's own date whose quote from it places what it
        reports on another day ("yesterday", a weekday other than the record's own)."""
        words = [w.lower() for w in self.policy.relative_day_words]
        pattern = re.compile(
            r"\b(" + "|".join(re.escape(w) for w in words) + r")\b" if words else "(?!)",
            re.IGNORECASE,
        )
        out = []
        for kind in ("event", "position", "treaty"):
            for record in self.corpus.all(kind):
                for label, part in _parts(record):
                    out.extend(self._relative(record, label, part, pattern))
        return out

    def relative_dates_to_review(self) -> tuple[list[dict[str, Any]], list[str]]:
        """The relative-day listings not yet checked, and those checked and kept (named in
        the policy's `relative_dates_reviewed`)."""
        reviewed = self.policy.relative_dates_reviewed
        listed = self.relative_dates()
        kept = sorted({item["record"] for item in listed if item["record"] in reviewed})
        return [item for item in listed if item["record"] not in reviewed], kept

    def _relative(
        self, record: Record, label: str, part: dict[str, Any], pattern: re.Pattern[str]
    ) -> Iterator[dict[str, Any]]:
        for source_id, quote, item in _cited(part):
            date = item.get("date", part.get("date")) if "claimant" in item else part.get("date")
            source_date = self.corpus.get("source", source_id).get("date")
            if not isinstance(date, str) or len(date) != 10 or date != source_date:
                continue
            try:
                weekday = _WEEKDAYS[dates.span(date)[0].weekday()]
            except dates.BadDate:
                continue
            said = [m.group().lower() for m in pattern.finditer(quote)]
            said += [
                m.group().lower() for m in _WEEKDAY.finditer(quote) if m.group().lower() != weekday
            ]
            if said:
                where = label + (f"/claims/{item.get('id')}" if "claimant" in item else "")
                yield {
                    "record": where,
                    "path": record.path,
                    "date": date,
                    "weekday": weekday,
                    "source": source_id,
                    "words": sorted(set(said)),
                }

    def unquoted_figures(self) -> list[dict[str, Any]]:
        """Figures in a record's own words (title, summary, statement) that none of its
        quotes carries: a count or a number the sources, as quoted, do not show."""
        out = []
        for kind in ("event", "position", "treaty"):
            for record in self.corpus.all(kind):
                for label, part in _parts(record):
                    quoted = " ".join(
                        [quote for _s, quote, _i in _cited(part)] + [str(part.get("quote") or "")]
                    )
                    # in a quote, any digits count: "number 10,000", "23rd", "S-400"
                    shown = {_plain(f).rstrip(",.") for f in _DIGITS.findall(quoted)}
                    own = " ".join(
                        str(part.get(key) or "") for key in ("title", "summary", "statement")
                    )
                    missing = sorted({f for f in map(_plain, _figures(own)) if f not in shown})
                    if missing:
                        out.append({"record": label, "path": record.path, "figures": missing})
        return out

    def pending(self) -> dict[str, list[str]]:
        """Records the policy and the lexicon let pass until they are corrected."""
        sources = self.corpus.by_kind["source"]
        ids = {ident for kind in self.corpus.by_kind.values() for ident in kind}
        lexicon = self.project.lexicon
        pending = {s for s in self.policy.pending if s in sources}
        return {
            "refused_domain_sources": sorted(pending),
            "loaded_ids": sorted(i for i in lexicon.get("pending_ids") or [] if i in ids),
            "resting_on_refused": self.resting_on(pending),
        }

    def resting_on(self, pending: set[str]) -> list[str]:
        """Records (or treaty actions) every citation of which is a source still pending
        replacement: nothing acceptable supports them yet."""
        out = []
        for kind in sorted(self.corpus.by_kind):
            if kind == "source":
                continue
            for record in self.corpus.all(kind):
                for label, data in _parts(record):
                    # the record's own citations; a claim's source supports only the claim
                    cited = [s for s, _q, item in _cited(data) if "claimant" not in item]
                    if cited and all(s in pending for s in cited):
                        out.append(label)
        return out


def _figures(text: str) -> list[str]:
    return [
        m.group(1).rstrip(",.")
        for m in _FIGURE.finditer(text)
        if not _MONTH_BEFORE.search(text[: m.start()])
        and not _NAMING_BEFORE.search(text[: m.start()])
        and not _TIME_AFTER.match(text[m.end() :])
        and not _NAMING_AFTER.match(text[m.end() :])
        and not _LABEL_BEFORE.search(text[: m.start()])
        and not text[: m.start()].endswith(":")
    ]


def _plain(figure: str) -> str:
    return figure.replace(",", "")


def _check(what: str, part: int, whole: int, op: str, limit: float) -> dict[str, Any]:
    value = _share(part, whole)
    ok = value <= limit if op == "<=" else value >= limit
    return {"target": what, "value": value, "op": op, "limit": limit, "ok": ok}


def run(project: Project, today: dt.date | None = None) -> dict[str, Any]:
    """Every figure of the audit, as plain data (what `--format json` prints)."""
    report = validate(project, today=today, use_cache=True, load_all=True)
    auditor = Auditor(project, report.records)
    relative, reviewed = auditor.relative_dates_to_review()
    watched = ("lexicon-loaded-term", "lexicon-unattributed-quote", "source-domain-refused")
    return {
        "sources": auditor.sources(),
        "issues": auditor.issues(),
        "positions_without_home_source": auditor.positions_without_home_source(),
        "claims": auditor.claims(),
        "line_of_control": auditor.line_of_control(),
        "relative_dates": relative,
        "relative_dates_reviewed": reviewed,
        "unquoted_figures": auditor.unquoted_figures(),
        "pending": auditor.pending(),
        "findings": [
            {"path": f.path, "line": f.line, "rule": f.rule, "message": f.message}
            for f in report.findings
            if f.rule in watched
        ],
        "thresholds": auditor.thresholds,
    }
