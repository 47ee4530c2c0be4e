"""Draft record files from an extraction, for a curator to review and complete.

Drafts fill only what the article gives (ids, dates, verbatim quotes, guessed codes); neutral
titles, summaries and statements are left as commented fields, because the dataset copies no
one's text. A draft validates once a person completes it and moves it under data/records/.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..project import Project
from ..scaffold import record_path, render, slug
from .article import Article

MAX_QUOTE = 300


def clip(quote: str) -> str:
    """A verbatim prefix of the quote of at most MAX_QUOTE characters, cut between words."""
    if len(quote) <= MAX_QUOTE:
        return quote
    cut = quote[:MAX_QUOTE]
    return cut[: cut.rfind(" ")].rstrip(" ,;:") if " " in cut else cut


def _header(article_name: str, kind: str) -> list[str]:
    return [
        f"DRAFT {kind} written by `indopak extract` from {article_name}.",
        "Review every value against the article, fill the commented fields, then move",
        "this file under data/records/ and run indopak validate on it.",
        "",
    ]


def drafts(
    project: Project,
    article: Article,
    result: dict[str, Any],
    article_name: str,
    registry_ids: dict[str, str],
) -> dict[Path, str]:
    """Relative path -> YAML text of every draft record."""
    out: dict[Path, str] = {}
    root = Path(".")
    source = f"draft-{article.date.isoformat()}-{slug(article.headline, 50) or 'article'}"
    out[record_path(root, "source", source, None)] = render(
        project,
        "source",
        {
            "id": source,
            "kind": "news",
            "title": article.headline or None,
            "date": article.date.isoformat(),
            "language": "en",
        },
        _header(article_name, "source"),
    )

    def actor_id(name: str | None) -> str | None:
        return None if name is None else registry_ids.get(name) or slug(name)

    def citation(quote: str) -> list[dict[str, str]]:
        return [{"source": source, "quote": clip(quote)}]

    for actor in result["actors"]:
        if actor["id"] is not None:
            continue
        ident = slug(actor["name"])
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
            _header(article_name, "actor"),
        )
    for event in result["events"]:
        ident = f"{event['date']}-{slug(event['summary'], 50)}"
        out[record_path(root, "event", ident, event["date"])] = render(
            project,
            "event",
            {
                "id": ident,
                "date": event["date"],
                "event_type": event["event_type"],
                "actors": [{"actor": actor_id(name)} for name in event["actors"]] or None,
                "citations": citation(event["evidence"]),
            },
            _header(article_name, "event"),
        )
    for position in result["positions"]:
        ident = (
            f"{position['date']}-{slug(position['actor'] or 'actor', 30)}-"
            f"{slug(position['quote'], 40)}"
        )
        quote = clip(position["quote"])
        out[record_path(root, "position", ident, None)] = render(
            project,
            "position",
            {
                "id": ident,
                "date": position["date"],
                "actor": actor_id(position["actor"]),
                "speaker": actor_id(position["speaker"]),
                "issue": position["issue"],
                "stance": position["stance"],
                "quote": quote,
                "citations": citation(quote),
            },
            _header(article_name, "position"),
        )
    return out
