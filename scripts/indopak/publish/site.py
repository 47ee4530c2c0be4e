"""A static explorer of the published package: plain HTML pages, one stylesheet and one
small script, with no build step. It works from file:// (no page fetches anything) and every
value from the data is escaped where it is written into a page.

index.html: the timeline of events, filtered in the page by years, type, crisis, actor,
country and text (the filters are kept in the address, `index.html#crisis=…`, so links can
open a filtered timeline). One page per event, actor, treaty, issue, crisis and source, each
citation with its quote and a link to the source; each issue with the positions of India and
of Pakistan side by side; each treaty with its status history; the codebook; downloads.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from indopak.io.urls import Urls
from indopak.publish.sitedata import Row, SiteData, country_of, index, read_package, year

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


class Site:
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
    def index_page(self) -> str:
        data = self.data
        events = sorted(data.rows("events"), key=lambda r: (r["date_first"], r["id"]))
        years = [int(year(r["date_first"])) for r in events if year(r["date_first"])]
        lo, hi = (min(years), max(years)) if years else (0, 0)
        used_actors: set[str] = set()
        used_countries: set[str] = set()
        items = []
        for event in events:
            actors = [row["actor"] for row in data.event_actors.get(event["id"], [])]
            countries = {country_of(data, a) for a in actors} | {event["location_country"]}
            countries.discard("")
            used_actors.update(actors)
            used_countries.update(countries)
            crisis = event["crisis"]
            names = ", ".join(sorted({data.name("actors", a) for a in actors}))
            meta = []
            if names:
                meta.append(f"Actors: {e(names)}")
            if crisis:
                meta.append(f"Crisis: {e(data.name('crises', crisis))}")
            items.append(
                f'<li data-year="{e(year(event["date_first"]))}" '
                f'data-year-last="{e(year(event["date_last"]) or year(event["date_first"]))}" '
                f'data-type="{e(event["event_type"])}" data-crisis="{e(crisis)}" '
                f'data-actors=" {e(" ".join(sorted(set(actors))))} " '
                f'data-countries=" {e(" ".join(sorted(countries)))} ">'
                # the codes are explained once, in the Type filter and the codebook, not on
                # every line: the timeline must stay light enough to load at once
                f"<time>{e(event['date'])}</time> "
                f"{self.code('event_type', event['event_type'], explained=False)} "
                f'<a href="{e(self.href("events", event["id"], ""))}">{e(event["title"])}</a>'
                f'<p class="summary">{e(lead(event["summary"]))}</p>'
                f'<p class="meta">{" · ".join(meta)}</p></li>'
            )

        def options(pairs: Iterable[tuple[str, str]]) -> str:
            return '<option value="">any</option>' + "".join(
                f'<option value="{e(v)}">{e(label)}</option>' for v, label in pairs
            )

        types = [
            (c, f"{c}: {definition}")
            for c, definition in data.definitions.get("event_type", {}).items()
        ]
        crises = sorted(
            ((c["id"], c["name"]) for c in data.rows("crises")), key=lambda p: p[1].lower()
        )
        actors = sorted(
            ((a, data.name("actors", a)) for a in used_actors), key=lambda p: p[1].lower()
        )
        countries = [(c, c) for c in sorted(used_countries)]
        form = (
            '<form id="filters" class="filters" role="search">'
            f'<label>From <input type="number" id="year-from" name="from" min="{lo}" '
            f'max="{hi}" value="{lo}"></label>'
            f'<label>to <input type="number" id="year-to" name="to" min="{lo}" max="{hi}" '
            f'value="{hi}"></label>'
            f'<label>Type <select id="type" name="type">{options(types)}</select></label>'
            f'<label>Crisis <select id="crisis" name="crisis">{options(crises)}</select></label>'
            f'<label>Actor <select id="actor" name="actor">{options(actors)}</select></label>'
            f'<label>Country <select id="country" name="country">{options(countries)}'
            "</select></label>"
            '<label>Search <input type="search" id="q" name="q" '
            'placeholder="words in title, summary, actors"></label>'
            '<button type="reset" id="clear">Clear</button></form>'
        )
        body = (
            f"<h1>{e(self.meta.get('title'))}: timeline of events</h1>"
            f"<p>{e(self.meta.get('description'))}</p>"
            f"{form}"
            f'<p id="count" aria-live="polite">{len(events)} of {len(events)} events</p>'
            f'<ol id="timeline" class="timeline">{"".join(items)}</ol>'
            '<p id="none" hidden>No event matches these filters.</p>'
        )
        return self.page("Timeline", body, "", script=True)

    # -- one page per record -------------------------------------------------------------
    def event_page(self, event: Row) -> str:
        up, data = "../", self.data
        ident = event["id"]
        when = event["date"] + (f" to {event['date_end']}" if event["date_end"] else "")
        place = ", ".join(
            p
            for p in (
                event["location_place"],
                event["location_district"],
                event["location_admin1"],
                event["location_country"],
            )
            if p
        )
        figures = []
        for what in ("fatalities", "injured"):
            low, best, high = (event[f"{what}_{k}"] for k in ("low", "best", "high"))
            if low or best or high:
                figures.append(
                    (
                        what.capitalize(),
                        e(f"best {best or '–'} (low {low or '–'}, high {high or '–'})"),
                    )
                )
        facts = self.facts(
            [
                ("Date", e(when)),
                ("Type", self.code("event_type", event["event_type"])),
                ("Mode", self.code("event_mode", event["mode"])),
                ("Context", self.code("event_context", event["context"])),
                ("Place", e(place)),
                *figures,
                ("Crisis", self.link("crises", event["crisis"], up)),
                ("Treaty", self.link("treaties", event["treaty"], up)),
            ]
        )
        actors = "".join(
            f"<li>{self.link('actors', row['actor'], up)} "
            f"{self.code('event_role', row['role'])}</li>"
            for row in data.event_actors.get(ident, [])
        )
        claims = "".join(
            f"<li><b>{self.link('actors', c['claimant'], up)}</b> on {e(c['field'])}: "
            f"{e(c['value'])}"
            + self.citations([{"quote": c["quote"], "source": c["source"], "field": ""}], up)
            + "</li>"
            for c in data.claims.get(ident, [])
        )
        positions = "".join(
            self.position_card(p, up, show_issue=True) for p in data.where("positions", event=ident)
        )
        body = (
            f"<h1>{e(event['title'])}</h1>{facts}<p>{e(event['summary'])}</p>"
            + (f"<h2>Actors</h2><ul>{actors}</ul>" if actors else "")
            + (
                f"<h2>Claims</h2><p>Contested values, each as its claimant gives it.</p>"
                f'<ul class="claims">{claims}</ul>'
                if claims
                else ""
            )
            + (f"<h2>Positions taken</h2>{positions}" if positions else "")
            + f"<h2>Sources</h2>{self.citations(data.cites('event', ident), up)}"
        )
        return self.page(event["title"], body, up)

    def actor_page(self, actor: Row) -> str:
        up, data = "../", self.data
        ident = actor["id"]
        aliases = ", ".join(r["alias"] for r in data.where("actor_aliases", actor=ident))
        children = [r for r in data.rows("actors") if r.get("parent") == ident]
        offices = "".join(
            f"<li>{e(o['post'])}, {self.link('actors', o['organization'], up)} "
            f"({e(o['start'] or '?')} – {e(o['end'] or '')})</li>"
            for o in data.where("offices", person=ident)
        )
        held = "".join(
            f"<li>{self.link('actors', o['person'], up)}: {e(o['post'])} "
            f"({e(o['start'] or '?')} – {e(o['end'] or '')})</li>"
            for o in data.where("offices", organization=ident)
        )
        took_part = dict.fromkeys(r["event"] for r in data.actor_events.get(ident, []))
        events = [data.get("events", event) for event in took_part]
        positions = [
            p for p in data.rows("positions") if ident in (p["actor"], p.get("speaker", ""))
        ]
        positions.sort(key=lambda p: (p["date_first"], p["id"]))
        facts = self.facts(
            [
                ("Kind", self.code("actor_kind", actor["kind"])),
                ("Country", e(actor["country"])),
                ("Part of", self.link("actors", actor["parent"], up)),
                ("Also called", e(aliases)),
            ]
        )
        timeline = f"{up}index.html#actor={ident}"
        body = (
            f"<h1>{e(actor['name'])}</h1>{facts}<p>{e(actor['description'])}</p>"
            + (f"<h2>Offices held</h2><ul>{offices}</ul>" if offices else "")
            + (f"<h2>Office holders</h2><ul>{held}</ul>" if held else "")
            + (
                "<h2>Parts</h2><ul>"
                + "".join(f"<li>{self.link('actors', c['id'], up)}</li>" for c in children)
                + "</ul>"
                if children
                else ""
            )
            + "<h2>Events</h2>"
            + (
                f'<p><a href="{e(timeline)}">Show these events on the timeline</a></p>'
                if events
                else ""
            )
            + self.events_list([x for x in events if x], up)
            + (
                "<h2>Positions</h2>"
                + "".join(self.position_card(p, up, show_issue=True) for p in positions)
                if positions
                else ""
            )
            + f"<h2>Sources</h2>{self.citations(data.cites('actor', ident), up)}"
        )
        return self.page(actor["name"], body, up)

    def treaty_page(self, treaty: Row) -> str:
        up, data = "../", self.data
        ident = treaty["id"]
        parties = "".join(
            f"<li>{self.link('actors', p['actor'], up)} {self.code('party_role', p['role'])}</li>"
            for p in data.where("treaty_parties", treaty=ident)
        )
        signatories = "".join(
            f"<li>{self.link('actors', s['actor'], up)}"
            + (
                f" for {self.link('actors', s['on_behalf_of'], up)}"
                if s.get("on_behalf_of")
                else ""
            )
            + "</li>"
            for s in data.where("treaty_signatories", treaty=ident)
        )
        provisions = "".join(
            f'<li id="provision-{e(p["id"])}"><b>{e(p["label"])}</b> {e(p["title"])}: '
            f"{e(p['summary'])}</li>"
            for p in sorted(
                data.where("treaty_provisions", treaty=ident), key=lambda p: int(p["seq"] or 0)
            )
        )
        actions = sorted(
            data.where("treaty_actions", treaty=ident),
            key=lambda a: (a["date_first"], int(a["seq"] or 0)),
        )
        history = "".join(
            f'<tr id="action-{e(a["id"])}"><td><time>{e(a["date"])}</time></td>'
            f"<td>{self.code('treaty_action', a['action'])}</td>"
            f"<td>{self.link('actors', a['actor'], up)}</td>"
            f"<td>{e(a['summary'])}"
            + (f" (event: {self.link('events', a['event'], up)})" if a["event"] else "")
            + f"{self.citations(data.cites('treaty', ident, a['id']), up)}</td></tr>"
            for a in actions
        )
        facts = self.facts(
            [
                ("Kind", self.code("treaty_kind", treaty["kind"])),
                ("Signed", e(treaty["date"])),
                ("Place", e(treaty["place"])),
                ("In force", e(treaty["in_force"])),
                ("UN Treaty Series", e(treaty["unts"])),
            ]
        )
        events = data.where("events", treaty=ident)
        body = (
            f"<h1>{e(treaty['name'])}</h1>{facts}<p>{e(treaty['summary'])}</p>"
            + (f"<h2>Parties</h2><ul>{parties}</ul>" if parties else "")
            + (f"<h2>Signatories</h2><ul>{signatories}</ul>" if signatories else "")
            + (
                '<h2 id="status-history">Status history</h2><table class="history">'
                "<thead><tr><th>Date</th><th>Action</th><th>By</th><th>What happened, "
                f"with its sources</th></tr></thead><tbody>{history}</tbody></table>"
                if history
                else ""
            )
            + (f"<h2>Provisions</h2><ul>{provisions}</ul>" if provisions else "")
            + (f"<h2>Events</h2>{self.events_list(events, up)}" if events else "")
            + f"<h2>Sources</h2>{self.citations(data.cites('treaty', ident, ''), up)}"
        )
        return self.page(treaty["name"], body, up)

    def issue_page(self, issue: Row) -> str:
        up, data = "../", self.data
        positions = sorted(
            data.where("positions", issue=issue["id"]), key=lambda p: (p["date_first"], p["id"])
        )
        columns = []
        placed: set[str] = set()
        for code, label in SIDES:
            mine = [p for p in positions if country_of(data, p["actor"]) == code]
            placed.update(p["id"] for p in mine)
            cards = "".join(self.position_card(p, up) for p in mine) or "<p>No position yet.</p>"
            columns.append(
                f'<section class="side" data-side="{e(code)}"><h3>{e(label)}</h3>{cards}</section>'
            )
        others = [p for p in positions if p["id"] not in placed]
        body = (
            f"<h1>{e(issue['name'])}</h1><p>{e(issue['description'])}</p>"
            '<h2>Positions of the two governments</h2><div class="sides">'
            + "".join(columns)
            + "</div>"
            + (
                "<h2>Other actors</h2>" + "".join(self.position_card(p, up) for p in others)
                if others
                else ""
            )
            + f"<h2>Sources</h2>{self.citations(data.cites('issue', issue['id']), up)}"
        )
        return self.page(issue["name"], body, up)

    def crisis_page(self, crisis: Row) -> str:
        up, data = "../", self.data
        when = crisis["date"] + (f" to {crisis['date_end']}" if crisis["date_end"] else "")
        facts = self.facts(
            [
                ("Dates", e(when)),
                ("ICB crisis", e(crisis["icb_crisis"])),
            ]
        )
        timeline = f"{up}index.html#crisis={crisis['id']}"
        body = (
            f"<h1>{e(crisis['name'])}</h1>{facts}<p>{e(crisis['summary'])}</p>"
            f'<p><a href="{e(timeline)}">Show these events on the timeline</a></p>'
            f"<h2>Events</h2>{self.events_list(data.where('events', crisis=crisis['id']), up)}"
            f"<h2>Sources</h2>{self.citations(data.cites('crisis', crisis['id']), up)}"
        )
        return self.page(crisis["name"], body, up)

    def source_page(self, source: Row) -> str:
        up, data = "../", self.data
        ident = source["id"]
        facts = self.facts(
            [
                ("Publisher", e(source["publisher"])),
                ("Publisher's country", e(source.get("publisher_country", ""))),
                ("Origin", self.code("source_origin", source.get("origin", ""))),
                ("Kind", self.code("source_kind", source["kind"])),
                ("Author", e(source.get("author", ""))),
                ("Date", e(source["date"])),
                ("Address", self.external(source["url"]) if source["url"] else ""),
                ("Archived copy", self.external(source.get("archive_url", ""))),
                ("Seed document", e(source["seed"])),
                ("Read on", e(source["accessed"])),
                ("Language", e(source["language"])),
            ]
        )
        cites = "".join(
            f"<li>{self.record_link(c['record_kind'], c['record_id'], c['part'], up)}: "
            f"<q>{e(c['quote'])}</q></li>"
            for c in data.cited_by.get(ident, [])
        )
        claims = "".join(
            f"<li>Claim of {self.link('actors', c['claimant'], up)} on "
            f"{self.link('events', c['event'], up)}: <q>{e(c['quote'])}</q></li>"
            for c in data.claims_citing.get(ident, [])
        )
        body = (
            f"<h1>{e(source['title'])}</h1>{facts}"
            f'<h2>What it supports</h2><ul class="cited-by">{cites}{claims}</ul>'
        )
        return self.page(source["title"], body, up)

    # -- lists, codebook, downloads ------------------------------------------------------
    def list_page(self, table: str) -> str:
        folder, _singular, plural = KINDS[table]
        rows = self.data.rows(table)
        if table == "sources":
            rows = sorted(rows, key=lambda r: (r["publisher"].lower(), r["date"], r["id"]))
            items = "".join(
                f"<li>{self.link('sources', r['id'], '')} — {e(r['publisher'])}"
                f"{', ' + e(r['date']) if r['date'] else ''}</li>"
                for r in rows
            )
        elif table in ("crises", "treaties"):
            rows = sorted(rows, key=lambda r: (r["date"], r["id"]))
            items = "".join(
                f"<li><time>{e(r['date'])}</time> {self.link(table, r['id'], '')}</li>"
                for r in rows
            )
        else:
            rows = sorted(rows, key=lambda r: self.data.name(table, r["id"]).lower())
            items = "".join(f"<li>{self.link(table, r['id'], '')}</li>" for r in rows)
        body = f'<h1>{e(plural)}</h1><p>{len(rows)} in all.</p><ul class="list">{items}</ul>'
        return self.page(plural, body, "")

    def codebook_page(self, table_schemas: dict[str, dict[str, Any]]) -> str:
        parts = ["<h1>Codebook</h1><p>Every table, column and code of the package.</p>"]
        parts.append(
            "<ul>"
            + "".join(f'<li><a href="#table-{e(n)}">{e(n)}</a></li>' for n in table_schemas)
            + "</ul>"
        )
        for name, schema in table_schemas.items():
            rows = []
            for field in schema["fields"]:
                vocab = field.get("x-vocabulary")
                codes = f' <a href="#vocabulary-{e(vocab)}">codes: {e(vocab)}</a>' if vocab else ""
                rows.append(
                    f"<tr><td><code>{e(field['name'])}</code></td><td>{e(field['type'])}</td>"
                    f"<td>{e(field.get('description', ''))}{codes}</td></tr>"
                )
            parts.append(
                f'<h2 id="table-{e(name)}">Table {e(name)}</h2><p>{e(schema.get("description"))}'
                f"</p><p>Primary key: <code>{e(', '.join(schema.get('primaryKey', [])))}</code></p>"
                '<table class="codebook"><thead><tr><th>column</th><th>type</th>'
                f"<th>description</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
            )
        for name, vocab in self.data.vocabularies.items():
            codes = "".join(
                f"<tr><td><code>{e(c['code'])}</code></td>"
                f"<td>{e(c.get('definition', ''))}</td></tr>"
                for c in vocab.get("codes", [])
            )
            parts.append(
                f'<h2 id="vocabulary-{e(name)}">Vocabulary {e(name)}</h2>'
                f"<p>{e(vocab.get('description', ''))}</p>"
                f'<table class="codebook"><tbody>{codes}</tbody></table>'
            )
        return self.page("Codebook", "".join(parts), "")

    def download_page(self) -> str:
        urls = self.urls
        tables = "".join(
            f"<tr><td>{e(r['name'])}</td><td>{e(r.get('description', ''))}</td>"
            f"<td>{self.external(urls.csv(r['name']), 'CSV')}</td>"
            f"<td>{self.external(urls.json(r['name']), 'JSON')}</td></tr>"
            for r in self.meta.get("resources", [])
        )
        body = (
            "<h1>Download</h1>"
            "<h2>The whole dataset</h2><ul>"
            f"<li>{self.external(urls.latest_zip, 'The newest release (zip)')}: CSV and JSON "
            "tables, SQLite, Parquet, the codebook and a README; it is itself a Frictionless "
            "Data Package.</li>"
            f"<li>{self.external(urls.releases, 'Every release')}, with checksums.</li>"
            f"<li>{self.external(urls.descriptor(), 'datapackage.json')} on the main branch, "
            "for <code>frictionless</code>, <code>indopak.load</code> or pandas.</li></ul>"
            "<h2>One table</h2><table><thead><tr><th>table</th><th>what</th><th></th><th></th>"
            f"</tr></thead><tbody>{tables}</tbody></table>"
            "<h2>Load it</h2><pre><code>"
            + e(
                "import pandas as pd\n"
                f'events = pd.read_csv("{urls.csv("events")}", dtype=str,\n'
                '                     keep_default_na=False, na_values=[""])'
            )
            + "</code></pre><p>Dates are as precise as the sources: <code>1947-08</code> is a "
            "month. Sort and filter on <code>date_first</code> and <code>date_last</code>.</p>"
        )
        return self.page("Download", body, "")


def render(data: SiteData, urls: Urls, table_schemas: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Every file of the site: relative path -> text."""
    site = Site(data, urls)
    files = {
        "index.html": site.index_page(),
        "codebook.html": site.codebook_page(table_schemas),
        "download.html": site.download_page(),
        "style.css": (ASSETS / "style.css").read_text(encoding="utf-8"),
        "explorer.js": (ASSETS / "explorer.js").read_text(encoding="utf-8"),
    }
    pages = {
        "events": site.event_page,
        "actors": site.actor_page,
        "treaties": site.treaty_page,
        "issues": site.issue_page,
        "crises": site.crisis_page,
        "sources": site.source_page,
    }
    for table, make in pages.items():
        if table != "events":
            files[f"{table}.html"] = site.list_page(table)
        for row in data.rows(table):
            files[f"{KINDS[table][0]}/{page_name(row['id'])}"] = make(row)
    return files


def write(files: dict[str, str], out: Path) -> None:
    """Write the site to `out`, replacing what an earlier run wrote there."""
    out.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=".site-", dir=out.parent))
    try:
        for rel, text in files.items():
            path = temp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        os.chmod(temp, 0o755)
        if out.exists():
            shutil.rmtree(out)
        os.replace(temp, out)
    finally:
        if temp.exists():
            shutil.rmtree(temp)


def build_site(
    package: Path, out: Path, vocabularies: dict, table_schemas: dict, urls: Urls
) -> int:
    descriptor, tables = read_package(package)
    files = render(index(descriptor, tables, vocabularies), urls, table_schemas)
    write(files, out)
    return len(files)
