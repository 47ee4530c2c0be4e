"""Link before drafting: what the article reports that the package already holds.

Each finder returns a `Link`: `link` with the id of the existing record it repeats, or
`create` when nothing recorded matches. Matching looks at what a curator would check first:
the same document (seed text, URL), the same words cited from it, and for events from other
documents the same kind of event with the same actors within a few days, whose record shares
a word of what happened with the article's sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from indopak.curate.extract.registry import Registry, content_stems

EVENT_WINDOW_DAYS = 3
_FIRST = ("initiator", "perpetrator")
_SECOND = ("target", "victim")
_STATES = {"india", "pakistan"}
POSITION_WINDOW_DAYS = 3
MIN_WORD_OVERLAP = 0.6
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Link:
    action: str  # "link" or "create"
    id: str | None
    reason: str

    def as_json(self) -> dict[str, Any]:
        return {"action": self.action, "id": self.id, "reason": self.reason}


CREATE = Link("create", None, "nothing recorded matches")


def squash(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def same_words(a: str, b: str) -> bool:
    """Whether two excerpts quote the same words: one holds the other, or most words are shared."""
    a, b = squash(a).strip(" \"'“”.,"), squash(b).strip(" \"'“”.,")
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= MIN_WORD_OVERLAP


def _url_key(url: str) -> str:
    url = url.strip().lower()
    url = re.sub(r"^https?://(www\.|m\.)?", "", url)
    url = re.sub(r"[?#].*$", "", url)
    url = url.replace("/amp/", "/").removesuffix("/amp")
    return url.rstrip("/")


def link_source(registry: Registry, text: str, headline: str, date: str, url: str | None) -> Link:
    """The source record of this very document: same seed text, same URL, or same headline
    and date."""
    body = squash(text)
    for ident, data in sorted(registry.sources.items()):
        seed = data.get("seed")
        if isinstance(seed, str) and squash(registry.seeds.get(seed, "")) == body:
            return Link("link", ident, f"same text as {seed}")
    if url:
        key = _url_key(url)
        for ident, data in sorted(registry.sources.items()):
            if isinstance(data.get("url"), str) and _url_key(data["url"]) == key:
                return Link("link", ident, "same URL")
    if headline:
        for ident, data in sorted(registry.sources.items()):
            title = data.get("title")
            if (
                isinstance(title, str)
                and squash(title).lower() == squash(headline).lower()
                and str(data.get("date")) == date
            ):
                return Link("link", ident, "same headline and date")
    return CREATE


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if len(str(value)) == 10 else None
    except ValueError:
        return None


def _close(a: str, b: str, days: int) -> bool:
    """Dates within `days` of each other; a month or year matches the days inside it."""
    da, db = _day(a), _day(b)
    if da and db:
        return abs((da - db).days) <= days
    shorter = min(len(a), len(b))
    return shorter >= 7 and a[:shorter] == b[:shorter]


def _distance(a: str, b: str) -> int:
    da, db = _day(a), _day(b)
    return abs((da - db).days) if da and db else EVENT_WINDOW_DAYS


def _cites(record: dict[str, Any], source: str | None, words: str) -> bool:
    if source is None:
        return False
    for citation in record.get("citations") or []:
        if (
            isinstance(citation, dict)
            and citation.get("source") == source
            and isinstance(citation.get("quote"), str)
            and same_words(citation["quote"], words)
        ):
            return True
    return False


def link_event(
    registry: Registry,
    event: dict[str, Any],
    source: str | None,
    actors: list[dict[str, Any]],
) -> Link:
    """The recorded event this one repeats: cited from the same words of the same source, or
    of the same type with overlapping actors (by side) within a few days."""
    for ident, data in sorted(registry.events.items()):
        if _cites(data, source, event["evidence"]) and _close(
            str(data.get("date")), event["date"], EVENT_WINDOW_DAYS
        ):
            return Link("link", ident, "the recorded event cites these words of this source")
    ids = {a["id"] for a in actors if a.get("id")}
    if not ids or not event.get("event_type"):
        return CREATE
    sides = {registry.side_of(i) for i in ids}
    initiators = {
        registry.side_of(a["id"]) for a in actors if a.get("id") and a.get("role") in _FIRST
    }
    targets = {
        registry.side_of(a["id"]) for a in actors if a.get("id") and a.get("role") in _SECOND
    }
    best: tuple[tuple[int, int], str] | None = None
    common = _common_words(registry)
    for ident, data in sorted(registry.events.items()):
        if data.get("event_type") != event["event_type"]:
            continue
        if not _close(str(data.get("date")), event["date"], EVENT_WINDOW_DAYS):
            continue
        if len(str(data.get("date"))) != len(event["date"]):
            continue  # a record dated to a month is not the event of one day in it
        theirs = [a for a in data.get("actors") or [] if isinstance(a, dict)]
        their_ids = {a.get("actor") for a in theirs}
        their_init = {registry.side_of(a["actor"]) for a in theirs if a.get("role") in _FIRST}
        their_targets = {registry.side_of(a["actor"]) for a in theirs if a.get("role") in _SECOND}
        if initiators and their_init:
            same = bool(initiators & their_init)
        else:
            same = bool((ids & their_ids) - _STATES) or sides <= {
                registry.side_of(str(i)) for i in their_ids
            }
        days = _distance(str(data.get("date")), event["date"])
        # a day or two apart a shared word will do; further apart, it takes two
        needed = 1 if days <= 1 else 2
        shared = _shared_matter(event, data, registry, ids | their_ids, common)
        if not same or shared < needed:
            continue
        rank = (len(targets & their_targets), -_distance(str(data.get("date")), event["date"]))
        if best is None or rank > best[0]:
            best = (rank, ident)
    if best is not None:
        data = registry.events[best[1]]
        return Link(
            "link",
            best[1],
            f"recorded {data['event_type']} event of {data.get('date')} with the same actors",
        )
    return CREATE


def _shared_matter(
    event: dict[str, Any],
    data: dict[str, Any],
    registry: Registry,
    actors: set[Any],
    common: set[str],
) -> int:
    """How many words of what happened the words share with the record's title and summary,
    beyond the actors' names, the words most records use (`common`) and the word of the act
    itself, which both already share by type ("rejected the suspension of the Indus Waters
    Treaty" is not a denial of a link to an attack, though both are Pakistan's rejections)."""
    names = " ".join(str(registry.actors.get(str(a), {}).get("name", "")) for a in actors if a)
    named = set(re.findall(r"[a-z]+", names.lower()))
    act = content_stems(str(event.get("trigger") or ""))
    said = content_stems(str(event["evidence"]), named) - common - act
    return len(said & content_stems(f"{data.get('title', '')} {data.get('summary', '')}", named))


_COMMON_SHARE = 0.05


def _common_words(registry: Registry) -> set[str]:
    """Words in more than one recorded event in twenty ("talks", "minister"): sharing one
    says nothing of sharing a matter."""
    counts = registry.event_word_counts()
    limit = _COMMON_SHARE * max(1, len(registry.events))
    return {w for w, n in counts.items() if n > limit}


def link_position(
    registry: Registry,
    position: dict[str, Any],
    source: str | None,
    actor: str | None,
    event: str | None = None,
) -> Link:
    """The recorded position this one repeats: the same words cited from the same source; or
    the same actor (and speaker, when both name one) within a few days saying the same words,
    taking the same stance on the same issue, or speaking at the same recorded event."""
    quote = position["quote"]
    for ident, data in sorted(registry.positions.items()):
        if _cites(data, source, quote):
            return Link("link", ident, "the recorded position cites these words of this source")
    if actor is None:
        return CREATE
    speaker = position.get("speaker_id")
    for ident, data in sorted(registry.positions.items()):
        if data.get("actor") != actor or not _close(
            str(data.get("date")), position["date"], POSITION_WINDOW_DAYS
        ):
            continue
        if speaker and data.get("speaker") and data["speaker"] != speaker:
            continue
        if isinstance(data.get("quote"), str) and same_words(data["quote"], quote):
            return Link("link", ident, "the same actor's same words, recorded from another source")
        issue = position.get("issue")
        if issue and data.get("issue") == issue and data.get("stance") == position.get("stance"):
            return Link("link", ident, "the same actor's same stance on the same issue")
        if event and data.get("event") == event:
            return Link(
                "link",
                ident,
                "the same actor's stance at the same recorded event (check the issue: "
                f"{data.get('issue')})",
            )
    return CREATE
