"""The shared pieces of the explorer's pages: escaping, links to records and sources,
codes with their definitions, the page frame, citations and lists of events and positions."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from indopak.io.urls import Urls
from indopak.publish.sitedata import Row, SiteData

ASSETS = Path(__file__).with_name("site_assets")
KINDS = {  # table -> (folder, singular, plural)
    "events": ("events", "event", "Events"),
    "actors": ("actors", "actor", "Actors"),
    "treaties": ("treaties", "treaty", "Treaties"),
    "issues": ("issues", "issue", "Issues"),
    "crises": ("crises", "crisis", "Crises"),
    "sources": ("sources", "source", "Sources"),
}
RECORD_TABLE = {singular: table for table, (_f, singular, _p) in KINDS.items()}
IWT = "indus-waters-treaty-1960"
SIDES = (("IND", "India"), ("PAK", "Pakistan"))


def e(value: Any) -> str:
    """Text for HTML: every value from the data goes through here."""
    return html.escape("" if value is None else str(value), quote=True)


def lead(text: str, limit: int = 100) -> str:
    """The opening of a summary for the timeline, where every event's full summary would
    make the page too heavy to load at once: up to `limit` characters, cut at a word, the
    whole text on the event's page."""
    text = text or ""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def page_name(ident: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", ident) + ".html"


def safe_url(url: str) -> str | None:
    return url if url.startswith(("https://", "http://")) else None


class Html:
    def __init__(self, data: SiteData, urls: Urls) -> None:
        self.data = data
        self.urls = urls
        self.meta = data.descriptor

    # -- links ---------------------------------------------------------------------------
    def href(self, table: str, ident: str, up: str) -> str:
        return f"{up}{KINDS[table][0]}/{page_name(ident)}"

    def link(self, table: str, ident: str, up: str, label: str | None = None) -> str:
        if not ident:
            return ""
        if self.data.get(table, ident) is None:
            return e(label or ident)
        text = label if label is not None else self.data.name(table, ident)
        return f'<a href="{e(self.href(table, ident, up))}">{e(text)}</a>'

    def record_link(self, kind: str, ident: str, part: str, up: str) -> str:
        """A link to the page that shows a cited record (positions live on issue pages)."""
        if kind == "position":
            position = self.data.get("positions", ident)
            if position is None:
                return e(ident)
            target = self.href("issues", position["issue"], up) + "#position-" + ident
            return f'<a href="{e(target)}">{e(position["statement"] or ident)}</a>'
        table = RECORD_TABLE.get(kind)
        if table is None:
            return e(ident)
        anchor = f"#action-{part}" if part and kind == "treaty" else ""
        label = self.data.name(table, ident) + (f" ({part})" if part else "")
        return f'<a href="{e(self.href(table, ident, up) + anchor)}">{e(label)}</a>'

    def external(self, url: str, label: str | None = None) -> str:
        good = safe_url(url)
        if not good:
            return e(label or url)
        return f'<a href="{e(good)}" rel="noopener noreferrer">{e(label or url)}</a>'

    def code(self, vocabulary: str, value: str, explained: bool = True) -> str:
        if not value:
            return ""
        definition = self.data.define(vocabulary, value) if explained else ""
        title = f' title="{e(definition)}"' if definition else ""
        return f'<span class="code"{title}>{e(value)}</span>'

    # -- pieces --------------------------------------------------------------------------
    def page(self, title: str, body: str, up: str, script: bool = False) -> str:
        nav = [
            ("index.html", "Timeline"),
            ("crises.html", "Crises"),
            ("treaties.html", "Treaties"),
            (f"treaties/{page_name(IWT)}", "Indus Waters Treaty"),
            ("issues.html", "Issues"),
            ("actors.html", "Actors"),
            ("sources.html", "Sources"),
            ("codebook.html", "Codebook"),
            ("download.html", "Download"),
        ]
        links = " ".join(f'<a href="{e(up + href)}">{e(text)}</a>' for href, text in nav)
        tail = f'<script src="{e(up)}explorer.js"></script>\n' if script else ""
        return (
            "<!doctype html>\n"
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{e(title)} · {e(self.meta.get('title', ''))}</title>\n"
            f'<link rel="stylesheet" href="{e(up)}style.css">\n</head>\n<body>\n'
            f'<header><a class="home" href="{e(up)}index.html">{e(self.meta.get("title"))}</a>'
            f"\n<nav>{links}</nav></header>\n<main>\n{body}\n</main>\n"
            f"<footer>Version {e(self.meta.get('version'))} · data CC BY 4.0 · "
            f"{self.external(self.urls.repository, 'source repository')} · "
            f'<a href="{e(up)}download.html">download</a></footer>\n{tail}</body>\n</html>\n'
        )

    def citations(self, cites: Iterable[Row], up: str) -> str:
        items = []
        for cite in cites:
            source = self.data.get("sources", cite["source"])
            where = ""
            if source:
                where = (
                    f" — {self.link('sources', cite['source'], up)}, {e(source['publisher'])}"
                    + (f", {e(source['date'])}" if source.get("date") else "")
                    + (f" ({self.external(source['url'], 'link')})" if source.get("url") else "")
                )
            quote = f"<q>{e(cite['quote'])}</q>" if cite.get("quote") else "<i>no quote</i>"
            field = f' <span class="field">on {e(cite["field"])}</span>' if cite["field"] else ""
            items.append(f'<li class="citation">{quote}{where}{field}</li>')
        if not items:
            return ""
        return '<ul class="citations">' + "".join(items) + "</ul>"

    def facts(self, pairs: Iterable[tuple[str, str]]) -> str:
        rows = "".join(f"<dt>{e(k)}</dt><dd>{v}</dd>" for k, v in pairs if v)
        return f'<dl class="facts">{rows}</dl>'

    def event_item(self, event: Row, up: str) -> str:
        return (
            f"<li><time>{e(event['date'])}</time> {self.code('event_type', event['event_type'])}"
            f" {self.link('events', event['id'], up)}</li>"
        )

    def events_list(self, events: Iterable[Row], up: str) -> str:
        ordered = sorted(events, key=lambda r: (r["date_first"], r["id"]))
        if not ordered:
            return "<p>None.</p>"
        return '<ul class="events">' + "".join(self.event_item(r, up) for r in ordered) + "</ul>"

    def position_card(self, position: Row, up: str, show_issue: bool = False) -> str:
        speaker = position.get("speaker", "")
        by = self.link("actors", position["actor"], up)
        if speaker:
            by += f" ({self.link('actors', speaker, up)})"
        about = f"<p>On {self.link('issues', position['issue'], up)}</p>" if show_issue else ""
        event = (
            f"<p>Said at {self.link('events', position['event'], up)}</p>"
            if position.get("event")
            else ""
        )
        quote = f"<blockquote>{e(position['quote'])}</blockquote>" if position["quote"] else ""
        return (
            f'<article class="position" id="position-{e(position["id"])}">'
            f"<p><time>{e(position['date'])}</time> {by} "
            f'<span class="stance stance-{e(position["stance"])}">{e(position["stance"])}</span>'
            f"</p>{about}<p>{e(position['statement'])}</p>{quote}{event}"
            f"{self.citations(self.data.cites('position', position['id']), up)}</article>"
        )

    # -- the timeline --------------------------------------------------------------------
