"""Synthetic corpora: N valid records in the proportions of the real dataset, for benchmarks.

`synthesize(template, out, n, seed)` writes a repository-shaped tree (a copy of the
template's schemas/ and seeds/, plus data/records/ and synthetic seed documents) that
`indopak validate` and `indopak build` accept. Everything is derived from one
`random.Random(seed)`, consumed in a fixed order, so a seed always gives the same bytes.

All text is synthetic ("Synthetic event 12 ..."); no real fact, name or quote is invented.
The shape follows the real records: how many of each kind, how many actors, citations,
claims, offices, provisions and status actions a record carries, which optional fields are
filled, how often a citation points at a seed document. The figures in PROFILE were measured
on data/records (1,327 records, 2026-11-28); re-measure them when the dataset changes shape.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from indopak.curate.synthprofile import (
    ACCESSED,
    BODY_KINDS,
    DATE_FORMS,
    EVENT_ROLES,
    EVENT_TYPES,
    FIRST_DAY,
    LAST_DAY,
    PROFILE,
    STANCES,
    STATELESS,
    TREATY_ACTIONS,
    WORDS,
    Profile,
    kind_counts,
)
from indopak.schema.project import KIND_FOLDERS


@dataclass
class _Office:
    organization: str
    state: str
    first: dt.date
    last: dt.date


@dataclass
class _State:
    """What later records need to know about the records already made."""

    states: list[str] = field(default_factory=list)
    bodies: list[tuple[str, str | None]] = field(default_factory=list)  # (id, parent state)
    persons: list[tuple[str, list[_Office]]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    seed_sources: list[str] = field(default_factory=list)
    seed_quotes: dict[str, list[str]] = field(default_factory=dict)
    events: list[str] = field(default_factory=list)
    crises: list[str] = field(default_factory=list)
    treaties: list[str] = field(default_factory=list)
    issues: list[str] = field(default_factory=list)
    unlinked_actions: list[dict[str, Any]] = field(default_factory=list)  # await an event
    quotes: int = 0
    seed_citations: int = 0


class Synthesizer:
    """Makes the records of one corpus; `records()` yields (relative path, record)."""

    def __init__(self, n: int, seed: int, profile: Profile = PROFILE) -> None:
        self.counts = kind_counts(n)
        self.rng = random.Random(seed)
        self.p = profile
        self.s = _State()

    # --- random helpers ----------------------------------------------------------------

    def chance(self, share: float) -> bool:
        return self.rng.random() < share

    def count(self, mean: float, least: int = 0) -> int:
        """A Poisson-distributed count of the given mean, at least `least`."""
        extra = max(mean - least, 0.0)
        limit, k, product = math.exp(-extra), 0, self.rng.random()
        while product > limit:
            k += 1
            product *= self.rng.random()
        return least + k

    def weighted(self, weights: dict[str, float]) -> str:
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def words(self, low: int, high: int) -> str:
        return " ".join(self.rng.choices(WORDS, k=self.rng.randint(low, high)))

    def text(self, lead: str, low: int, high: int) -> str:
        return f"{lead} {self.words(low, high)}."

    def day(self, first: dt.date = FIRST_DAY, last: dt.date = LAST_DAY) -> dt.date:
        return first + dt.timedelta(days=self.rng.randint(0, (last - first).days))

    def date(self, first: dt.date = FIRST_DAY, last: dt.date = LAST_DAY) -> str:
        written = self.day(first, last).isoformat()
        form = self.rng.choices(list(DATE_FORMS), weights=list(DATE_FORMS.values()))[0]
        return written[:form]

    def citations(self, mean: float) -> list[dict[str, Any]]:
        out = []
        for _ in range(self.count(mean, 1)):
            self.s.quotes += 1
            quote = self.text(f"Synthetic quote {self.s.quotes}:", 10, 21)
            out.append({"source": self.cite(quote), "quote": quote})
        return out

    def cite(self, quote: str) -> str:
        """A source for a quote; seed sources remember the quote for their document."""
        first = self.s.seed_citations == 0  # so that every corpus exercises the seed check
        if self.s.seed_sources and (first or self.chance(self.p.seed_citation_share)):
            source = self.rng.choice(self.s.seed_sources)
            self.s.seed_quotes[source].append(quote)
            self.s.seed_citations += 1
            return source
        return self.rng.choice(self.s.sources)

    # --- kinds, in reference order ------------------------------------------------------

    def records(self) -> list[tuple[str, dict[str, Any]]]:
        """Every record, each kind after the kinds it refers to (path under data/records/)."""
        made = [self.source(i) for i in self.numbers("source")]
        made += self.actors()
        for kind, make in (
            ("issue", self.issue),
            ("crisis", self.crisis),
            ("treaty", self.treaty),
            ("event", self.event),
            ("position", self.position),
        ):
            made += [make(i) for i in self.numbers(kind)]
        return made

    def numbers(self, kind: str) -> range:
        return range(1, self.counts[kind] + 1)

    def source(self, i: int) -> tuple[str, dict[str, Any]]:
        # published after every record's date (LAST_DAY), so no record is dated after the
        # sources that evidence it
        date = self.date(first=LAST_DAY + dt.timedelta(days=1), last=dt.date(2025, 6, 30))
        seed = i <= max(1, round(self.counts["source"] * self.p.seed_source_share))
        ident = f"synthetic-{'seed' if seed else 'news'}-{date}-source-{i}"
        record: dict[str, Any] = {
            "id": ident,
            "kind": "news",
            "title": self.text(f"Synthetic source {i}", 4, 10),
            "publisher": f"Synthetic Publisher {i % 97 + 1}",
            "publisher_country": ("IND", "PAK", "XIN", "GBR")[i % 4],
            "origin": ("press", "government", "wire", "press")[i % 4],
            "date": date,
        }
        if self.chance(self.p.source_author_share):
            record["author"] = f"Synthetic Author {i}"
        if seed:
            record["seed"] = f"seeds/synthetic-{i:04d}.txt"
            self.s.seed_sources.append(ident)
            self.s.seed_quotes[ident] = []
        else:
            record["url"] = f"https://example.org/synthetic/{ident}"
            record["accessed"] = ACCESSED
            self.s.sources.append(ident)
        record["language"] = "en"
        return f"sources/{ident}.yaml", record

    def actors(self) -> list[tuple[str, dict[str, Any]]]:
        total = self.counts["actor"]
        states = max(2, round(total * self.p.state_share))
        persons = max(1, min(total - states - 1, round(total * self.p.person_share)))
        made = [self.state(i) for i in range(1, states + 1)]
        made += [self.body(i) for i in range(1, total - states - persons + 1)]
        made += [self.person(i) for i in range(1, persons + 1)]
        return made

    def actor(self, ident: str, name: str, kind: str) -> dict[str, Any]:
        return {"id": ident, "name": name, "kind": kind}

    def finish_actor(self, ident: str, record: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        if self.chance(self.p.actor_description_share):
            record["description"] = self.text(f"Synthetic actor {ident} is a", 8, 16)
        if self.chance(self.p.actor_alias_share):
            record["aliases"] = [
                {
                    "name": f"Synthetic alias {k} of {ident}",
                    "kind": self.rng.choice(("abbreviation", "alternative-name", "metonym")),
                }
                for k in range(1, self.count(self.p.aliases_mean, 1) + 1)
            ]
        record["citations"] = self.citations(self.p.actor_citations)
        return f"actors/{ident}.yaml", record

    def state(self, i: int) -> tuple[str, dict[str, Any]]:
        ident = f"synthetic-state-{i}"
        self.s.states.append(ident)
        record = self.actor(ident, f"Synthetic State {i}", "state")
        record["country"] = country_code(i)
        return self.finish_actor(ident, record)

    def body(self, i: int) -> tuple[str, dict[str, Any]]:
        kind = self.weighted(BODY_KINDS)
        ident = f"synthetic-{kind}-{i}"
        record = self.actor(ident, f"Synthetic {kind.replace('-', ' ')} {i}", kind)
        parent = None
        if kind not in STATELESS:
            index = self.rng.randrange(len(self.s.states))
            record["country"] = country_code(index + 1)
            if self.chance(self.p.body_parent_share):
                parent = self.s.states[index]
                record["parent"] = parent
        self.s.bodies.append((ident, parent))
        return self.finish_actor(ident, record)

    def person(self, i: int) -> tuple[str, dict[str, Any]]:
        ident = f"synthetic-person-{i}"
        record = self.actor(ident, f"Synthetic Person {i}", "person")
        offices: list[_Office] = []
        written = []
        if self.chance(self.p.person_office_share):
            places = [(b, p) for b, p in self.s.bodies if p] + [(s, s) for s in self.s.states]
            for k in range(1, self.count(self.p.offices_mean, 1) + 1):
                organization, state = self.rng.choice(places)
                first = self.day(last=dt.date(2020, 12, 31))
                office = {
                    "organization": organization,
                    "post": f"Synthetic post {k}",
                    "start": first.isoformat()[:7],
                }
                last = LAST_DAY
                if self.chance(self.p.office_end_share):
                    last = self.day(first + dt.timedelta(days=400), LAST_DAY)
                    office["end"] = last.isoformat()[:7]
                # the office covers every day of the months written
                offices.append(
                    _Office(organization, state, first.replace(day=28), last.replace(day=1))
                )
                written.append(office)
            record["country"] = country_code(self.s.states.index(offices[0].state) + 1)
            record["offices"] = written
        self.s.persons.append((ident, offices))
        return self.finish_actor(ident, record)

    def issue(self, i: int) -> tuple[str, dict[str, Any]]:
        ident = f"synthetic-issue-{i}"
        self.s.issues.append(ident)
        return f"issues/{ident}.yaml", {
            "id": ident,
            "name": f"Synthetic issue {i} should be settled",
            "description": self.text(f"Synthetic issue {i} is whether", 14, 28),
            "citations": self.citations(self.p.issue_citations),
        }

    def crisis(self, i: int) -> tuple[str, dict[str, Any]]:
        first = self.day(last=dt.date(2023, 12, 31))
        ident = f"{first.year}-synthetic-crisis-{i}"
        self.s.crises.append(ident)
        record: dict[str, Any] = {
            "id": ident,
            "name": f"Synthetic crisis {i}",
            "date": first.isoformat(),
        }
        if self.chance(self.p.crisis_date_end_share):
            record["date_end"] = self.day(first, LAST_DAY).isoformat()
        record["summary"] = self.text(f"Synthetic crisis {i} summary:", 35, 60)
        record["citations"] = self.citations(self.p.crisis_citations)
        return f"crises/{ident}.yaml", record

    def treaty(self, i: int) -> tuple[str, dict[str, Any]]:
        signed = self.day(last=dt.date(2015, 12, 31))
        ident = f"synthetic-treaty-{i}-{signed.year}"
        self.s.treaties.append(ident)
        record: dict[str, Any] = {
            "id": ident,
            "name": f"Synthetic Treaty {i}",
            "kind": "agreement",
            "date": signed.isoformat(),
            "place": f"Synthetic City {i}",
        }
        if self.chance(self.p.treaty_in_force_share):
            record["in_force"] = self.day(signed, signed + dt.timedelta(days=365)).isoformat()
        record.update({"summary": self.text(f"Synthetic treaty {i} summary:", 35, 60)})
        states = self.rng.sample(
            self.s.states, min(len(self.s.states), self.count(self.p.treaty_parties, 2))
        )
        record["parties"] = [{"actor": s, "role": "party"} for s in states]
        if self.chance(self.p.treaty_signatory_share):
            person = self.rng.choice(self.s.persons)[0]
            record["signatories"] = [{"actor": person, "on_behalf_of": states[0]}]
        provisions = []
        if self.chance(self.p.treaty_provision_share):
            provisions = [
                {
                    "id": f"article-{k}",
                    "label": f"Article {k}",
                    "title": f"Synthetic article {k}",
                    "summary": self.text(f"Synthetic article {k} provides", 8, 20),
                }
                for k in range(1, self.count(self.p.provisions_mean, 1) + 1)
            ]
            record["provisions"] = provisions
        actions = []
        for k in range(1, self.count(self.p.treaty_actions, 1) + 1):
            action: dict[str, Any] = {
                "id": f"action-{k}",
                "date": self.day(signed).isoformat(),
                "action": self.weighted(TREATY_ACTIONS),
                "actor": self.rng.choice(states),
            }
            if provisions and self.chance(self.p.action_provision_share):
                action["provision"] = self.rng.choice(provisions)["id"]
            action["summary"] = self.text(f"Synthetic action {k}:", 6, 14)
            action["citations"] = self.citations(self.p.action_citations)
            actions.append(action)
        record["status_history"] = actions
        record["citations"] = self.citations(self.p.treaty_citations)
        # Treaties come before events, so an action's event link is filled in by event().
        self.s.unlinked_actions += [a for a in actions if self.chance(self.p.action_event_share)]
        return f"treaties/{ident}.yaml", record

    def event(self, i: int) -> tuple[str, dict[str, Any]]:
        date = self.date()
        ident = f"{date}-synthetic-event-{i}"
        self.s.events.append(ident)
        record: dict[str, Any] = {"id": ident, "date": date}
        if self.chance(self.p.event_date_end_share):
            start = dt.date.fromisoformat(
                (date + "-12-28")[:10] if len(date) == 4 else (date + "-28")[:10]
            )
            record["date_end"] = self.day(start, LAST_DAY).isoformat()
        record["title"] = self.text(f"Synthetic event {i}:", 6, 10)
        record["summary"] = self.text(f"Synthetic event {i} summary:", 25, 45)
        record["event_type"] = self.weighted(EVENT_TYPES)
        everyone = self.s.states + [b for b, _ in self.s.bodies] + [p for p, _ in self.s.persons]
        picked = self.rng.sample(everyone, min(len(everyone), self.count(self.p.event_actors, 1)))
        record["actors"] = [{"actor": a, "role": self.weighted(EVENT_ROLES)} for a in picked]
        if self.chance(self.p.event_location_share):
            record["location"] = {
                "place": f"Synthetic Place {i % 211 + 1}",
                "country": country_code(1),
                "precision": "locality",
            }
        for what, share in (
            ("fatalities", self.p.event_fatalities_share),
            ("injured", self.p.event_injured_share),
        ):
            if self.chance(share):
                low = self.rng.randint(0, 50)
                record[what] = {"low": low, "best": low + self.rng.randint(0, 10)}
        if self.chance(self.p.event_crisis_share):
            record["crisis"] = self.rng.choice(self.s.crises)
        if self.chance(self.p.event_treaty_share):
            record["treaty"] = self.rng.choice(self.s.treaties)
        if self.chance(self.p.event_claim_share):
            record["claims"] = []
            for k in range(1, self.count(self.p.claims_mean, 1) + 1):
                self.s.quotes += 1
                quote = self.text(f"Synthetic claim quote {self.s.quotes}:", 10, 20)
                record["claims"].append(
                    {
                        "id": f"claim-{k}",
                        "field": "fatalities",
                        "value": str(k * 3),
                        "claimant": self.rng.choice(self.s.states),
                        "source": self.cite(quote),
                        "quote": quote,
                    }
                )
        record["citations"] = self.citations(self.p.event_citations)
        if self.s.unlinked_actions:
            self.s.unlinked_actions.pop()["event"] = ident
        return f"events/{ident[:4]}/{ident}.yaml", record

    def position(self, i: int) -> tuple[str, dict[str, Any]]:
        speaker: str | None = None
        offices: list[_Office] = []
        if self.chance(self.p.position_speaker_share):
            with_office = [(p, o) for p, o in self.s.persons if o]
            if with_office:
                speaker, offices = self.rng.choice(with_office)
        if speaker is not None:
            office = self.rng.choice(offices)
            when = self.day(office.first, max(office.first, office.last))
            date, actor = when.isoformat(), office.state
        else:
            date = self.date()
            actor = self.rng.choice(self.s.states + [b for b, _ in self.s.bodies])
        ident = f"{date}-synthetic-position-{i}"
        record: dict[str, Any] = {"id": ident, "date": date, "actor": actor}
        if speaker is not None:
            record["speaker"] = speaker
        record["issue"] = self.rng.choice(self.s.issues)
        record["stance"] = self.weighted(STANCES)
        record["statement"] = self.text(f"Synthetic statement {i}:", 18, 30)
        citations = self.citations(self.p.position_citations)
        if self.chance(self.p.position_quote_share):
            words = citations[0]["quote"].split(" ")
            record["quote"] = " ".join(words[3:8])
        if self.chance(self.p.position_event_share):
            record["event"] = self.rng.choice(self.s.events)
        record["citations"] = citations
        return f"positions/{ident}.yaml", record


def country_code(i: int) -> str:
    """A synthetic ISO-shaped code: XAA, XAB, ... (X.. codes are user-assigned in ISO 3166)."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    first = "XQ"[(i - 1) // 676 % 2]
    rest = (i - 1) % 676
    return first + letters[rest // 26] + letters[rest % 26]


def seed_document(source: dict[str, Any], quotes: list[str]) -> str:
    """A seed article (first line ` date YYYY-MM-DD headline`) holding the quotes cited."""
    day = source["date"] + {4: "-01-01", 7: "-01"}.get(len(source["date"]), "")
    body = "\n\n".join(quotes) if quotes else "Synthetic seed document that nothing cites."
    return f" date {day} {source['title']}\n\n{body}\n"


def dump(record: dict[str, Any]) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(record, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)


def synthesize(template: Path, out: Path, n: int, seed: int = 0) -> dict[str, int]:
    """Write a synthetic repository of n records into out (new or empty); counts by kind."""
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} exists and is not empty")
    synth = Synthesizer(n, seed)
    made = synth.records()
    for folder in ("schemas", "seeds"):
        shutil.copytree(template / folder, out / folder, dirs_exist_ok=True)
    records = out / "data" / "records"
    for folder in KIND_FOLDERS.values():
        (records / folder).mkdir(parents=True, exist_ok=True)
    for rel, record in made:
        target = records / rel
        if not target.parent.is_dir():
            target.parent.mkdir(parents=True)
        target.write_text(dump(record), encoding="utf-8")
    for rel, record in made:
        seed_path = record.get("seed") if rel.startswith("sources/") else None
        if seed_path:
            text = seed_document(record, synth.s.seed_quotes[record["id"]])
            (out / seed_path).write_text(text, encoding="utf-8")
    return dict(synth.counts)
