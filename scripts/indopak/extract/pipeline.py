"""From an article to the JSON-shaped extraction of issue 9."""

from __future__ import annotations

import re
from typing import Any

from .actors import ActorFinder, ActorIndex
from .article import Article
from .dates import find_dateline, find_dates
from .events import event_type_of
from .positions import PositionFinder, issue_of, stance_of
from .registry import Registry
from .text import Sentence, sentences
from .treaties import find_treaties

# Lines of web-page furniture that carry dates and names but no reporting.
_CLUTTER = re.compile(
    r"^[ \t]*(?:updated|published|last updated|first published|posted|read more|also read|"
    r"advertisement|related|follow us|subscribe|share this|click here|copyright|©|"
    r"all rights reserved|"
    r"\(with inputs|with inputs from|written by|edited by|reported by|by [A-Z][\w.]+(?: [A-Z]"
    r"[\w.]+)*\s*[|,]|image:|photo:|file photo|trending|watch:|recommended)[^\n]*$",
    re.I | re.M,
)


def clutter_spans(text: str, start: int) -> list[tuple[int, int]]:
    return [m.span() for m in _CLUTTER.finditer(text, start)]


def extract(article: Article, registry: Registry) -> dict[str, Any]:
    text = article.text
    start = article.body_start
    skip = clutter_spans(text, start)
    dateline = _dateline(text, start, skip, article)
    reference = article.date
    if dateline is not None:
        skip.append(dateline[0])
        reference = dateline[1]
    actors = ActorFinder(registry).find(article, skip)
    kept = [
        s for s in sentences(text, start) if not any(a <= s.start and s.end <= b for a, b in skip)
    ]
    return {
        "doc_date": article.date.isoformat(),
        "actors": [
            {"name": f.name, "id": f.id, "kind": f.kind, "mentions": f.mentions}
            for f in actors.found.values()
        ],
        "events": _events(text, kept, reference, skip, actors),
        "treaties": [
            {"name": t.name, "id": t.id, "mentions": t.mentions}
            for t in find_treaties(registry, text, start, skip)
        ],
        "positions": _positions(text, kept, actors, registry, reference, skip),
    }


def _dateline(
    text: str, start: int, skip: list[tuple[int, int]], article: Article
) -> tuple[tuple[int, int], Any] | None:
    """The dateline opens the first paragraph that is not page furniture."""
    for para in re.finditer(r"[^\n]+", text[start:]):
        at = start + para.start()
        if any(a <= at < b for a, b in skip) or not para.group(0).strip():
            continue
        return find_dateline(text, at, article.date)
    return None


def _names(actors: ActorIndex, sentence: Sentence) -> list[str]:
    names: list[str] = []
    for hit in actors.in_span(sentence.start, sentence.end):
        name = actors.found[hit.key].name
        if name not in names:
            names.append(name)
    return names


def _events(
    text: str, kept: list[Sentence], reference: Any, skip: list[tuple[int, int]], actors: ActorIndex
) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    seen: set[tuple[str, int]] = set()
    for sentence in kept:
        for mention in find_dates(text, sentence.start, sentence.end, reference, skip):
            if (mention.value, sentence.start) in seen:
                continue
            seen.add((mention.value, sentence.start))
            events.append(
                {
                    "date": mention.value,
                    "date_expression": mention.text,
                    "summary": _summary(sentence.text),
                    "actors": _names(actors, sentence),
                    "event_type": event_type_of(sentence.text),
                    "evidence": sentence.text,
                }
            )
    return events


def _summary(sentence: str) -> str:
    """A draft summary: the sentence cut to its first clause; a curator rewrites it."""
    clause = re.split(r"(?<=\w)[,;:]\s", sentence, maxsplit=1)[0]
    return clause if len(clause) > 25 else sentence[:200]


def _positions(
    text: str,
    kept: list[Sentence],
    actors: ActorIndex,
    registry: Registry,
    reference: Any,
    skip: list[tuple[int, int]],
) -> list[dict[str, Any]]:
    persons = {key for key, f in actors.found.items() if f.kind == "person"}
    found = PositionFinder(text, kept, actors, persons).find()
    out = []
    for position in found:
        quote = text[position.quote[0] : position.quote[1]]
        dates = find_dates(text, position.sentence.start, position.sentence.end, reference, skip)
        day = next((d.value for d in dates if len(d.value) == 10), reference.isoformat())
        out.append(
            {
                "actor": _name(actors, position.actor),
                "speaker": _name(actors, position.speaker),
                "issue": issue_of(position.sentence.text, registry.issues),
                "stance": stance_of(quote),
                "quote": quote,
                "date": day,
                "evidence": position.sentence.text,
            }
        )
    return out


def _name(actors: ActorIndex, key: str | None) -> str | None:
    if key is None:
        return None
    if key in actors.found:
        return actors.found[key].name
    return key.removeprefix("new:")
