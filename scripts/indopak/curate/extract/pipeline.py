"""From an article to the JSON-shaped extraction: what it reports, and what of it the package
already holds (each item says whether a draft links to a record or creates one)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from indopak.curate.extract.actors import ActorFinder, ActorIndex
from indopak.curate.extract.article import Article
from indopak.curate.extract.dates import find_dateline, find_dates
from indopak.curate.extract.events import event_type_of, main_trigger, said_span
from indopak.curate.extract.gazetteer import DATELINE_CITIES
from indopak.curate.extract.linker import CREATE, Link, link_event, link_position, link_source
from indopak.curate.extract.positions import PositionFinder
from indopak.curate.extract.registry import Registry
from indopak.curate.extract.roles import Placed, attribution_start, roles_of
from indopak.curate.extract.stance import IssueIndex, stance_basis, statement_type
from indopak.curate.extract.text import Sentence, sentences
from indopak.curate.extract.treaties import find_treaties

# Lines of web-page furniture that carry dates and names but no reporting.
_CLUTTER = re.compile(
    r"^[ \t]*(?:updated|published|last updated|first published|posted|read more|also read|"
    r"advertisement|related|follow us|subscribe|share this|click here|copyright|©|"
    r"all rights reserved|"
    r"\(with inputs|with inputs from|written by|edited by|reported by|by [A-Z][\w.]+(?: [A-Z]"
    r"[\w.]+)*\s*[|,]|image:|photo:|file photo|trending|watch:|recommended)[^\n]*$|"
    # a byline run into its date: "Naveed SiddiquiJanuary 01, 2018"
    r"^[^\n.]{0,40}?(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december)\s+\d{1,2},\s+\d{4}[ \t]*$|"
    # a time stamp line: "AMRITSAR, DECEMBER 04, 2016 00:15 IST"
    r"^[^\n]{0,50}\b(?:19|20)\d\d\b,?\s+\d{1,2}:\d{2}\b[^\n]{0,12}$",
    re.I | re.M,
)


# a date a schedule repeats: "every year on 1 January", "twice a year, on 1 January"
_RECURRING = re.compile(
    r"\b(?:every|each|twice a|once a|a)\s+(?:year|month|week)\b[^.;]{0,40}$|"
    r"\b(?:annually|yearly)\b[^.;]{0,40}$|"
    r"(?:\s+and\s+\d{1,2}\s+\w+)?,?\s+(?:every|each)\s+(?:year|month)\b",
    re.I,
)
_DEIXIS = re.compile(
    r"(?:earlier |later |late )?(?:today|tonight|tomorrow|yesterday)(?: (?:morning|afternoon|"
    r"evening|night))?|this (?:morning|afternoon|evening)|last night",
    re.I,
)


def _headline_copies(text: str, start: int, headline: str) -> list[tuple[int, int]]:
    """Lines of the body that repeat the headline: a page copied with its title."""
    title = headline.strip().lower()
    return [
        (start + m.start(), start + m.end())
        for m in re.finditer(r"[^\n]+", text[start:])
        if title and m.group(0).strip().lower() == title
    ]


def clutter_spans(text: str, start: int) -> list[tuple[int, int]]:
    return [m.span() for m in _CLUTTER.finditer(text, start)]


def extract(article: Article, registry: Registry, url: str | None = None) -> dict[str, Any]:
    text = article.text
    start = article.body_start
    skip = clutter_spans(text, start) + _headline_copies(text, start, article.headline)
    dateline = _dateline(text, start, skip, article)
    reference = article.date
    if dateline is not None:
        skip.append(dateline[0])
        reference = dateline[1] or article.date
    actors = ActorFinder(registry).find(article, skip)
    kept = [
        s for s in sentences(text, start) if not any(a <= s.start and s.end <= b for a, b in skip)
    ]
    if dateline is not None:
        kept = [_after_dateline(text, s, dateline[0][1]) for s in kept]
    source = link_source(registry, text, article.headline, article.date.isoformat(), url)
    events = _events(text, kept, reference, skip, actors, registry, source.id)
    return {
        "doc_date": article.date.isoformat(),
        "source": {**source.as_json(), "url": url},
        "actors": [
            {
                "name": f.name,
                "id": f.id,
                "kind": f.kind,
                "mentions": f.mentions,
                "link": (
                    Link("link", f.id, "a recorded actor, by name or alias")
                    if f.id
                    else Link("create", None, "no recorded actor has this name or alias")
                ).as_json(),
            }
            for f in actors.found.values()
        ],
        "events": events,
        "treaties": [
            {
                "name": t.name,
                "id": t.id,
                "mentions": t.mentions,
                "link": Link("link", t.id, "a recorded treaty").as_json(),
            }
            for t in find_treaties(registry, text, start, skip, article.date.isoformat())
        ],
        "positions": _positions(
            text,
            kept,
            actors,
            registry,
            reference,
            skip,
            source.id,
            events,
            _here(text, dateline, registry),
        ),
    }


_CITY_COUNTRY = {city.lower(): country for city, country in DATELINE_CITIES.items()}


def _here(
    text: str, dateline: tuple[tuple[int, int], Any] | None, registry: Registry
) -> str | None:
    """The recorded state whose city heads the dateline: where "officials here" are."""
    if dateline is None:
        return None
    place = re.split(r"[,(:]", text[dateline[0][0] : dateline[0][1]], maxsplit=1)[0]
    country = _CITY_COUNTRY.get(place.strip().lower())
    return registry.state_by_country(country) if country else None


DATELINE_PARAGRAPHS = 8


def _dateline(
    text: str, start: int, skip: list[tuple[int, int]], article: Article
) -> tuple[tuple[int, int], Any] | None:
    """The dateline opens the first paragraph that is not page furniture, or, with its date,
    one of the first few (after a headline, standfirst and byline copied with the page)."""
    first = True
    for seen, para in enumerate(re.finditer(r"[^\n]+", text[start:])):
        at = start + para.start()
        if seen >= DATELINE_PARAGRAPHS:
            break
        if any(a <= at < b for a, b in skip) or not para.group(0).strip():
            continue
        found = find_dateline(text, at, article.date)
        if found is not None and (first or found[1] is not None):
            return found
        first = False
    return None


_DATELINE_END = re.compile(r"[\s:\-–—]*")


def _after_dateline(text: str, sentence: Sentence, end: int) -> Sentence:
    """The sentence without the dateline that opens it ("ISLAMABAD, Aug. 6 (Xinhua) --"): its
    subject is what follows."""
    if not sentence.start <= end < sentence.end:
        return sentence
    start = _DATELINE_END.match(text, end, sentence.end).end()
    if start >= sentence.end:
        return sentence
    return Sentence(start, sentence.end, text[start : sentence.end], sentence.paragraph)


def _event_actors(
    text: str, sentence: Sentence, actors: ActorIndex, registry: Registry, trigger: Any, kind: Any
) -> list[dict[str, Any]]:
    """The actors of an event's sentence with their roles; not those of a closing attribution
    (", the foreign office said") nor a state or body named as a person's title."""
    cut = sentence.start + attribution_start(sentence.text)
    hits = [h for h in actors.in_span(sentence.start, cut)]
    placed: list[Placed] = []
    for i, hit in enumerate(hits):
        found = actors.found[hit.key]
        following = hits[i + 1] if i + 1 < len(hits) else None
        if (
            found.kind != "person"
            and following is not None
            and actors.found[following.key].kind == "person"
            and following.start - hit.end <= 45
            and not re.search(r"[,;.]|\b(?:and|to|with|by)\b", text[hit.end : following.start])
        ):
            continue
        placed.append(
            Placed(hit.key, hit.start - sentence.start, hit.end - sentence.start, found.kind)
        )
    if placed:
        trigger = main_trigger(sentence.text, placed[0].end) or trigger
    roles = roles_of(sentence.text, placed, trigger, kind)
    out: list[dict[str, Any]] = []
    for key, role in roles.items():
        found = actors.found[key]
        out.append({"name": found.name, "id": found.id, "role": role})
    return out


def _events(
    text: str,
    kept: list[Sentence],
    reference: Any,
    skip: list[tuple[int, int]],
    actors: ActorIndex,
    registry: Registry,
    source: str | None,
) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    seen: set[tuple[str, int]] = set()
    before: dt.date | None = None
    for sentence in kept:
        mentions = find_dates(text, sentence.start, sentence.end, reference, skip, before)
        days = [m.value for m in mentions if len(m.value) == 10]  # in text order
        if days:
            before = dt.date.fromisoformat(days[-1])
        for mention in mentions:
            if (mention.value, sentence.start) in seen or _quoted_deixis(text, mention):
                continue
            recurring = _RECURRING.search(
                text, max(sentence.start, mention.start - 60), mention.start
            ) or _RECURRING.match(text, mention.end)
            if recurring and not re.search(r"\d{4}", mention.text):
                continue  # "twice a year, on 1 January and 1 July": a schedule, not an event
            seen.add((mention.value, sentence.start))
            near = (mention.start - sentence.start, mention.end - sentence.start)
            ahead = mention.value > reference.isoformat()[: len(mention.value)]
            kind, trigger = event_type_of(sentence.text, near, ahead)
            said = said_span(sentence.text, near) if kind is None else None
            if said is not None:
                kind = statement_type(sentence.text[said[0] : said[1]])
            event = {
                "date": mention.value,
                "date_expression": mention.text,
                "summary": _summary(sentence.text),
                "actors": _event_actors(text, sentence, actors, registry, trigger, kind),
                "event_type": kind,
                "trigger": sentence.text[trigger[0] : trigger[1]] if trigger else None,
                "evidence": sentence.text,
            }
            event["link"] = link_event(registry, event, source, event["actors"]).as_json()
            event["review"] = _event_review(event)
            events.append(event)
    return events


def _quoted_deixis(text: str, mention: Any) -> bool:
    """A "today" or "tomorrow" inside a quote counts from the day the words were said, which the
    article need not give: such a date is left out rather than guessed."""
    if not _DEIXIS.fullmatch(mention.text.strip()):
        return False
    line = text.rfind("\n", 0, mention.start) + 1
    before = text[line : mention.start]
    return before.count('"') % 2 == 1 or before.rfind("“") > before.rfind("”")


def _event_review(event: dict[str, Any]) -> list[str]:
    notes = []
    if event["event_type"] is None:
        notes.append("event_type: no action word in the sentence; choose one")
    missing = [a["name"] for a in event["actors"] if a["role"] is None]
    if missing:
        notes.append("role: the sentence does not show the role of " + ", ".join(missing))
    if not event["actors"]:
        notes.append("actors: none named in the sentence; add who acted")
    return notes


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
    source: str | None,
    linked: list[dict[str, Any]] | None = None,
    here: str | None = None,
) -> list[dict[str, Any]]:
    persons = {key for key, f in actors.found.items() if f.kind == "person"}
    found = PositionFinder(text, kept, actors, persons, registry.parties, here).find()
    index = IssueIndex.build(registry.issues)
    context = text[kept[0].start :] if kept else ""
    events = {e["evidence"]: e["link"] for e in (linked or [])}
    out = []
    for position in found:
        quote = text[position.quote[0] : position.quote[1]]
        dates = find_dates(text, position.sentence.start, position.sentence.end, reference, skip)
        day = next((d.value for d in dates if len(d.value) == 10), reference.isoformat())
        issue = index.issue_of(quote, position.sentence.text, context, int(day[:4]))
        stance, basis = stance_basis(quote, position.sentence.text, issue, index)
        item = {
            "actor": _name(actors, registry, position.actor),
            "actor_id": _id(actors, registry, position.actor),
            "speaker": _name(actors, registry, position.speaker),
            "speaker_id": _id(actors, registry, position.speaker),
            "issue": issue,
            "stance": stance,
            "stance_basis": basis,
            "quote": quote,
            "date": day,
            "evidence": position.sentence.text,
        }
        event = events.get(position.sentence.text, {})
        recorded = event.get("id") if event.get("action") == "link" else None
        item["link"] = (
            link_position(registry, item, source, item["actor_id"], recorded) if quote else CREATE
        ).as_json()
        item["review"] = [
            note
            for note, missing in (
                (
                    "issue: no issue of the issues table fits the words clearly; choose one",
                    issue is None,
                ),
                (
                    "stance: the words do not show the stance; read them and choose one",
                    stance is None,
                ),
            )
            if missing
        ]
        out.append(item)
    return out


# A person's side may be a recorded state the article never names ("Pakistan's army chief"
# speaks for Pakistan): its name and id come from the registry.
def _id(actors: ActorIndex, registry: Registry, key: str | None) -> str | None:
    if key is None:
        return None
    if key in actors.found:
        return actors.found[key].id
    return key if key in registry.actors else None


def _name(actors: ActorIndex, registry: Registry, key: str | None) -> str | None:
    if key is None:
        return None
    if key in actors.found:
        return actors.found[key].name
    if key in registry.actors:
        return str(registry.actors[key]["name"])
    return key.removeprefix("new:")
