"""The package the extractor reads: actors (names, aliases, offices), treaties, issues, and the
sources, events and positions already recorded, which drafts link to instead of repeating."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from indopak.schema.project import Project
from indopak.validation.records import read_records

KINDS = ("actors", "treaties", "issues", "sources", "events", "positions")


def content_stems(text: str, leave_out: set[str] | frozenset[str] = frozenset()) -> set[str]:
    """The first six letters of each word of five letters or more ("treaty", "attack", not
    "the", "said"), words in `leave_out` aside."""
    return {w[:6] for w in re.findall(r"[a-z]{5,}", text.lower()) if w not in leave_out}


@dataclass
class Registry:
    actors: dict[str, dict[str, Any]] = field(default_factory=dict)
    treaties: dict[str, dict[str, Any]] = field(default_factory=dict)
    issues: dict[str, dict[str, Any]] = field(default_factory=dict)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    events: dict[str, dict[str, Any]] = field(default_factory=dict)
    positions: dict[str, dict[str, Any]] = field(default_factory=dict)
    seeds: dict[str, str] = field(default_factory=dict)  # seed path -> its text
    parties: list[str] = field(default_factory=list)  # the state actors of the policy's parties
    _years: dict[str, tuple[int, int]] | None = field(default=None, repr=False)
    _event_words: dict[str, int] | None = field(default=None, repr=False)

    @classmethod
    def load(cls, project: Project) -> Registry:
        """Every live record of the kinds the extractor reads that parses (others are skipped)."""
        registry = cls()
        for folder in KINDS:
            target = getattr(registry, folder)
            files = sorted((project.records_dir / folder).rglob("*.yaml"))
            records, _ = read_records(project, files)
            for record in records:
                data = record.data
                if not record.id or record.retired:
                    continue
                if folder in ("actors", "treaties", "issues") and not isinstance(
                    data.get("name"), str
                ):
                    continue
                target[record.id] = data
        for data in registry.sources.values():
            seed = data.get("seed")
            if isinstance(seed, str) and seed not in registry.seeds:
                path = project.root / seed
                try:
                    if path.is_file() and path.resolve().is_relative_to(project.root.resolve()):
                        registry.seeds[seed] = path.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError):
                    continue
        states = (registry.state_by_country(country) for country in project.policy.parties)
        registry.parties = [state for state in states if state is not None]
        return registry

    def state_of(self, actor_id: str | None) -> str | None:
        """The top of an actor's parent chain (a ministry's state), or the actor itself."""
        seen: set[str] = set()
        while actor_id and actor_id in self.actors and actor_id not in seen:
            seen.add(actor_id)
            parent = self.actors[actor_id].get("parent")
            if not isinstance(parent, str) or parent not in self.actors:
                return actor_id
            actor_id = parent
        return actor_id

    def stands_for(self, person_id: str) -> str | None:
        """The actor a person speaks for: the state (or body) above their first office."""
        offices = self.actors.get(person_id, {}).get("offices") or []
        for office in offices:
            org = office.get("organization") if isinstance(office, dict) else None
            if isinstance(org, str) and org in self.actors:
                return self.state_of(org)
        return None

    def side_of(self, actor_id: str) -> str:
        """The state (or top body) an actor acts for: persons through their offices."""
        if self.actors.get(actor_id, {}).get("kind") == "person":
            return self.stands_for(actor_id) or actor_id
        return self.state_of(actor_id) or actor_id

    def active_years(self, actor_id: str) -> tuple[int, int] | None:
        """The first and last year of the recorded events an actor takes part in."""
        if self._years is None:
            self._years = {}
            for event in self.events.values():
                year = str(event.get("date", ""))[:4]
                if not year.isdigit():
                    continue
                for item in event.get("actors") or []:
                    who = item.get("actor") if isinstance(item, dict) else None
                    if isinstance(who, str):
                        low, high = self._years.get(who, (int(year), int(year)))
                        self._years[who] = (min(low, int(year)), max(high, int(year)))
        return self._years.get(actor_id)

    def event_word_counts(self) -> dict[str, int]:
        """In how many recorded events' titles and summaries each content stem occurs."""
        if self._event_words is None:
            self._event_words = {}
            for data in self.events.values():
                for stem in content_stems(f"{data.get('title', '')} {data.get('summary', '')}"):
                    self._event_words[stem] = self._event_words.get(stem, 0) + 1
        return self._event_words

    def state_by_country(self, country: str) -> str | None:
        for ident, data in self.actors.items():
            if data.get("kind") == "state" and data.get("country") == country:
                return ident
        return None
