"""Draft record files from an extraction, for a curator to review and complete.

Drafts are only written for what the package does not hold yet: an item the extraction links
to a recorded source, actor, event or position is listed in LINKS.yaml instead, with the
citation to add when the article is a new source for it. Drafts fill what the article gives
(dates, verbatim quotes, actors and the roles the sentence shows, codes the rules found) and a
short neutral title built from the actors and the kind of event; summaries and statements are
left for the curator, since the dataset copies no one's text. Every value the rules could not
decide is marked REVIEW. A draft validates once a person completes what is marked.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from indopak.curate.extract.article import Article
from indopak.curate.extract.registry import Registry
from indopak.curate.scaffold import record_path, render, slug
from indopak.schema.project import Project

MAX_QUOTE = 300
ID_WORDS = 50
LINKS_FILE = Path("LINKS.yaml")

# Neutral verbs of a title, by event type: (initiator alone, initiator and target).
_TITLES: dict[str, tuple[str, str]] = {
    "ASSAULT": ("{a} carries out an attack", "{a} attack on {b}"),
    "SANCTION": ("{a} takes punitive measures", "{a} takes measures against {b}"),
    "COERCE": ("{a} detains people", "{a} detains {b}"),
    "MOBILIZE": ("{a} mobilises forces", "{a} mobilises forces against {b}"),
    "RETREAT": ("{a} steps back", "{a} steps back towards {b}"),
    "AGREE": ("{a} agrees", "{a} and {b} agree"),
    "THREATEN": ("{a} issues a warning", "{a} warns {b}"),
    "ACCUSE": ("{a} makes an accusation", "{a} accuses {b}"),
    "REJECT": ("{a} rejects a demand", "{a} rejects a demand of {b}"),
    "REQUEST": ("{a} makes a request", "{a} asks {b} for action"),
    "CONSULT": ("{a} holds talks", "{a} and {b} hold talks"),
    "PROTEST": ("{a} protests", "{a} protests against {b}"),
    "SUPPORT": ("{a} expresses support", "{a} expresses support for {b}"),
    "COOPERATE": ("{a} cooperates", "{a} and {b} cooperate"),
    "AID": ("{a} gives aid", "{a} gives aid to {b}"),
    "CONCEDE": ("{a} makes a concession", "{a} makes a concession to {b}"),
}
_STANCE_VERBS = {
    "support": "backs",
    "oppose": "opposes",
    "mixed": "sets conditions on",
    "neutral": "takes no side on",
}


def clip(quote: str) -> str:
    """A verbatim prefix of the quote of at most MAX_QUOTE characters, cut between words."""
    if len(quote) <= MAX_QUOTE:
        return quote
    cut = quote[:MAX_QUOTE]
    return cut[: cut.rfind(" ")].rstrip(" ,;:") if " " in cut else cut


class Lexicon:
    """The loaded terms of schemas/lexicon.yaml, kept out of the drafts' own words."""

    def __init__(self, project: Project) -> None:
        every = [t["term"] for t in project.lexicon.get("terms", [])]
        single = {t.lower() for t in every if " " not in t}
        # a phrase whose words hold a single-word term loses just that word ("terror attack")
        terms = sorted(
            (t for t in every if " " not in t or not single & set(t.lower().split())),
            key=len,
            reverse=True,
        )
        self.pattern = (
            re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, terms)) + r")(?![\w-])", re.I)
            if terms
            else None
        )
        self.slugs = {slug(t) for t in terms if slug(t)}

    def clean(self, text: str) -> str:
        if self.pattern is None:
            return text
        return re.sub(r"\s{2,}", " ", self.pattern.sub("", text)).strip()

    def clean_slug(self, ident: str) -> str:
        for term in sorted(self.slugs, key=len, reverse=True):
            ident = re.sub(rf"(?:^|-){re.escape(term)}(?=-|$)", "", ident)
        return ident.strip("-")


def _short(name: str) -> str:
    """A short form of an actor's name for titles: without a bracketed part."""
    return re.sub(r"\s*\(.*?\)", "", name).strip()


def event_title(event: dict[str, Any]) -> str | None:
    """A short neutral title from the event's type and its actors' roles."""
    kind = event.get("event_type")
    actors = event.get("actors") or []
    first = [a["name"] for a in actors if a.get("role") in ("initiator", "perpetrator")]
    second = [a["name"] for a in actors if a.get("role") in ("target", "victim")]
    joint = [a["name"] for a in actors if a.get("role") == "participant"]
    if kind in ("AGREE", "CONSULT", "COOPERATE") and len(joint) >= 2 and not first:
        first, second = joint[:1], joint[1:2]
    if not first and kind == "ASSAULT" and second:
        return f"Attack on {_short(second[0])}"
    if not first:
        first = joint[:1] or [a["name"] for a in actors][:1]
    if kind not in _TITLES or not first:
        return None
    alone, both = _TITLES[kind]
    if second:
        return both.format(a=_short(first[0]), b=_short(second[0]))
    return alone.format(a=_short(first[0]))


def position_title(position: dict[str, Any]) -> str:
    who = _short(position.get("speaker") or position.get("actor") or "speaker")
    issue = position.get("issue")
    if issue is None:
        return f"{who} statement"
    topic = re.sub(r"-india-pakistan$", "", issue).replace("-", " ")
    verb = _STANCE_VERBS.get(position.get("stance") or "", "speaks on")
    return f"{who} {verb} {topic}"


def _header(article_name: str, kind: str, notes: list[str]) -> list[str]:
    lines = [
        f"DRAFT {kind} written by `indopak extract` from {article_name}.",
        "Review every value against the article, fill the commented fields, then move",
        "this file under data/records/ and run indopak validate on it.",
    ]
    lines += [f"REVIEW {note}" for note in notes]
    return [*lines, ""]


def _unique(ident: str, taken: set[str]) -> str:
    out, n = ident, 2
    while out in taken:
        out = f"{ident}-{n}"
        n += 1
    taken.add(out)
    return out


def _mark_nulls(text: str) -> str:
    """`role: null` lines get a REVIEW comment: the curator chooses the role."""
    return re.sub(
        r"^(\s*(?:- )?role: null)$",
        r"\1  # REVIEW: choose the role (event_role vocabulary)",
        text,
        flags=re.M,
    )


def drafts(
    project: Project,
    article: Article,
    result: dict[str, Any],
    article_name: str,
    registry: Registry,
) -> dict[Path, str]:
    """Relative path -> YAML text of every draft record, and LINKS.yaml of the links."""
    out: dict[Path, str] = {}
    root = Path(".")
    lexicon = Lexicon(project)
    registry_ids = {data["name"]: ident for ident, data in registry.actors.items()}
    taken: set[str] = set()
    links: dict[str, Any] = {"source": None, "actors": [], "events": [], "positions": []}

    linked_source = result.get("source", {}).get("id")
    if linked_source:
        source = linked_source
        links["source"] = {"link": source, "reason": result["source"]["reason"]}
    else:
        source = _unique(
            f"draft-{article.date.isoformat()}-{slug(lexicon.clean(article.headline), 50)}".rstrip(
                "-"
            ),
            taken,
        )
        out[record_path(root, "source", source, None)] = render(
            project,
            "source",
            {
                "id": source,
                "kind": "news",
                "title": article.headline or None,
                "date": article.date.isoformat(),
                "url": result.get("source", {}).get("url"),
                "language": "en",
            },
            _header(
                article_name,
                "source",
                [
                    "id: begin it with the publisher (CONTRIBUTING.md: <publisher>-<date>-<slug>)",
                    "publisher, publisher_country, origin, url, accessed: fill from the page",
                ],
            ),
        )
        links["source"] = {"create": source}

    def actor_id(name: str | None) -> str | None:
        return None if name is None else registry_ids.get(name) or slug(name)

    def citation(quote: str) -> list[dict[str, str]]:
        return [{"source": source, "quote": clip(quote)}]

    for actor in result["actors"]:
        if actor["id"] is not None:
            links["actors"].append({"name": actor["name"], "link": actor["id"]})
            continue
        ident = _unique(lexicon.clean_slug(slug(actor["name"])) or "actor", taken)
        links["actors"].append({"name": actor["name"], "create": ident})
        first = next(
            (s for s in re.split(r"(?<=[.!?])\s+", article.body) if actor["mentions"][0] in s),
            actor["mentions"][0],
        )
        out[record_path(root, "actor", ident, None)] = render(
            project,
            "actor",
            {
                "id": ident,
                "name": actor["name"],
                "kind": actor["kind"],
                "citations": citation(first),
            },
            _header(
                article_name,
                "actor",
                ["kind, country, parent: check them"]
                + (
                    ["offices: add the post this person held when quoted (positions need it)"]
                    if actor["kind"] == "person"
                    else []
                ),
            ),
        )

    event_ids: dict[str, str] = {}  # evidence sentence -> id of its event (linked or new)
    for event in result["events"]:
        link = event.get("link") or {}
        if link.get("action") == "link":
            event_ids.setdefault(event["evidence"], link["id"])
            links["events"].append(_link_entry(link, event["evidence"], source, registry.events))
            continue
        title = event_title(event)
        title = lexicon.clean(title) if title else None
        words = lexicon.clean_slug(slug(title, ID_WORDS)) if title else ""
        notes = list(event.get("review") or [])
        if not words:
            notes.append("title and id: no neutral title could be made; write one")
            words = "event"
        ident = _unique(f"{event['date']}-{words}", taken)
        event_ids.setdefault(event["evidence"], ident)
        links["events"].append({"evidence": clip(event["evidence"]), "create": ident})
        values = {
            "id": ident,
            "date": event["date"],
            "title": title,
            "event_type": event["event_type"],
            "actors": [
                {"actor": a["id"] or actor_id(a["name"]), "role": a["role"]}
                for a in event["actors"]
            ]
            or None,
            "citations": citation(event["evidence"]),
        }
        text = render(project, "event", values, _header(article_name, "event", notes))
        out[record_path(root, "event", ident, event["date"])] = _mark_nulls(text)

    for position in result["positions"]:
        link = position.get("link") or {}
        if link.get("action") == "link":
            links["positions"].append(
                _link_entry(link, position["quote"], source, registry.positions)
            )
            continue
        quote = clip(position["quote"])
        words = lexicon.clean_slug(slug(lexicon.clean(position_title(position)), ID_WORDS))
        ident = _unique(f"{position['date']}-{words or 'statement'}", taken)
        links["positions"].append({"quote": quote, "create": ident})
        notes = list(position.get("review") or [])
        if position.get("speaker") and not position.get("speaker_id"):
            notes.append("speaker: a new person; give their actor draft the office they held")
        if position.get("stance"):
            notes.append(
                f"stance: {position['stance']}, by the rule: the speaker {position['stance_basis']}"
            )
        values = {
            "id": ident,
            "date": position["date"],
            "actor": position.get("actor_id") or actor_id(position["actor"]),
            "speaker": position.get("speaker_id") or actor_id(position["speaker"]),
            "issue": position["issue"],
            "stance": position["stance"],
            "quote": quote,
            "event": event_ids.get(position["evidence"]),
            "citations": citation(quote),
        }
        out[record_path(root, "position", ident, None)] = render(
            project, "position", values, _header(article_name, "position", notes)
        )

    out[LINKS_FILE] = (
        f"# What {article_name} reports that the package already holds (link) and what the\n"
        "# drafts beside this file create. Where a linked record does not cite this source yet,\n"
        "# `add_citation` is the citation to add to it.\n"
        + yaml.safe_dump(links, allow_unicode=True, sort_keys=False, width=100)
    )
    return out


def _link_entry(
    link: dict[str, Any], words: str, source: str, recorded: dict[str, Any]
) -> dict[str, Any]:
    entry: dict[str, Any] = {"link": link["id"], "reason": link.get("reason")}
    citations = recorded.get(link["id"], {}).get("citations") or []
    if source not in {c.get("source") for c in citations if isinstance(c, dict)}:
        entry["add_citation"] = {"source": source, "quote": clip(words)}
    return entry
