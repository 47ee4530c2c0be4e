"""Which sources have a web address, and which quotes (of any record) cite each one."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from indopak.schema.project import Project
from indopak.validation.records import Record, read_record_bytes, scan

YamlPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Source:
    id: str
    path: str  # the source's record file
    url: str | None
    archive_url: str | None
    record: Record

    @property
    def urls(self) -> list[str]:
        """The addresses to try, in order: the page itself, then its archived copy."""
        return [u for u in (self.url, self.archive_url) if u]

    def at(self) -> tuple[int, int]:
        return self.record.at("url") if self.url else self.record.at("archive_url")


@dataclass(frozen=True)
class Citation:
    source: str  # id of the cited source
    quote: str
    record: Record  # the citing record
    path: YamlPath  # where the citation is in the record

    @property
    def pointer(self) -> str:
        """The citation's place in its record, e.g. `status_history/2/citations/0`."""
        return "/".join(str(step) for step in self.path)

    def at(self) -> tuple[int, int]:
        """Line and column of the citation's quote."""
        return self.record.at(*self.path, "quote")


@dataclass
class Catalogue:
    sources: dict[str, Source]  # sources with a url or archive_url, by id
    citations: dict[str, list[Citation]]  # source id -> the quotes that cite it


def _citations(value: Any, path: YamlPath) -> Iterator[tuple[YamlPath, dict[str, Any]]]:
    if isinstance(value, dict):
        if isinstance(value.get("source"), str) and isinstance(value.get("quote"), str):
            yield path, value
        for key, item in value.items():
            yield from _citations(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _citations(item, (*path, index))


def read_catalogue(project: Project) -> Catalogue:
    """Every readable, current record's citations, and the sources with an address.
    Files that cannot be read are left to `indopak validate`."""
    sources: dict[str, Source] = {}
    citations: dict[str, list[Citation]] = defaultdict(list)
    for rel, (path, _status) in scan(project, status=False).items():
        record, _problems, _raw, _stat = read_record_bytes(rel, path, marks=False)
        if record is None or not isinstance(record.data, dict) or record.retired:
            continue
        data = record.data
        if record.kind == "source" and record.id:
            url, archive = data.get("url"), data.get("archive_url")
            url = url if isinstance(url, str) else None
            archive = archive if isinstance(archive, str) else None
            if (url or archive) and record.id not in sources:
                sources[record.id] = Source(record.id, rel, url, archive, record)
        for where, citation in _citations(data, ()):
            citations[citation["source"]].append(
                Citation(citation["source"], citation["quote"], record, where)
            )
    return Catalogue(sources, dict(citations))


def touched_sources(catalogue: Catalogue, paths: set[str]) -> set[str]:
    """Sources whose record file is among `paths`, and sources cited by records there."""
    touched = {s.id for s in catalogue.sources.values() if s.path in paths}
    for source, cited in catalogue.citations.items():
        if any(c.record.path in paths for c in cited):
            touched.add(source)
    return touched & set(catalogue.sources)
