"""The explorer's page of each record: event, actor, treaty, issue, crisis and source."""

from __future__ import annotations

from indopak.publish.sitedata import Row, country_of
from indopak.publish.sitehtml import (
    SIDES,
    Html,
    e,
)


class RecordPages(Html):
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
                ("Issued by the government of", e(source.get("issuer_country", ""))),
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
