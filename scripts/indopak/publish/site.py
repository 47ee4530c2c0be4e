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

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from indopak.io.urls import Urls
from indopak.publish.sitedata import SiteData, country_of, index, read_package, year
from indopak.publish.sitehtml import (
    ASSETS,
    KINDS,
    e,
    lead,
    page_name,
)
from indopak.publish.sitepages import RecordPages

__all__ = ["build_site", "page_name", "render", "write"]


class Site(RecordPages):
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
