"""The registry the extractor reads: actors (names, aliases, offices), treaties and issues."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..project import Project
from ..records import read_records


@dataclass
class Registry:
    actors: dict[str, dict[str, Any]] = field(default_factory=dict)
    treaties: dict[str, dict[str, Any]] = field(default_factory=dict)
    issues: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, project: Project) -> Registry:
        """Every live actor, treaty and issue record that parses (others are skipped)."""
        registry = cls()
        for folder, target in (
            ("actors", registry.actors),
            ("treaties", registry.treaties),
            ("issues", registry.issues),
        ):
            files = sorted((project.records_dir / folder).glob("*.yaml"))
            records, _ = read_records(project, files)
            for record in records:
                data = record.data
                if record.id and not record.retired and isinstance(data.get("name"), str):
                    target[record.id] = data
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

    def state_by_country(self, country: str) -> str | None:
        for ident, data in self.actors.items():
            if data.get("kind") == "state" and data.get("country") == country:
                return ident
        return None
