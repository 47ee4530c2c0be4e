"""One verification run: fetch each source (its archived copy when the page fails), take
the article text, and look up every quote that cites it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from indopak.curate.verify.citations import Citation, Source
from indopak.curate.verify.fetch import OUTCOMES, Fetcher, Response
from indopak.curate.verify.text import contains, digest, normalise, page_text
from indopak.io.errors import Finding

# How many different hosts must all be unreachable, before any answers, to call the
# network absent (fewer when the run asks fewer hosts).
OFFLINE_HOSTS = 3


def printable(text: str) -> str:
    """Text from a web server made safe to print: control characters become escapes."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


class NetworkUnavailable(Exception):
    """No host could be resolved or reached: the machine is offline."""


@dataclass
class QuoteCheck:
    citation: Citation
    found: bool | None  # None: the page could not be read
    where: str | None = None  # "article" or "page" (outside the extracted article)


@dataclass
class SourceCheck:
    source: Source
    checked: dt.date
    attempts: list[Response] = field(default_factory=list)
    used: Response | None = None  # the attempt whose text the quotes were looked up in
    text_sha256: str | None = None
    quotes: list[QuoteCheck] = field(default_factory=list)

    @property
    def network_down(self) -> bool:
        return bool(self.attempts) and all(a.network_down for a in self.attempts)

    def entry(self) -> dict[str, Any]:
        """The ledger entry: everything about the check except the page's text."""
        last = self.used or (self.attempts[-1] if self.attempts else None)
        return {
            "source": self.source.id,
            "checked": self.checked.isoformat(),
            "http_status": last.status if last else None,
            "final_url": last.final_url if last else None,
            "outcome": last.outcome if last else "not-fetched",
            "text_sha256": self.text_sha256,
            "attempts": [
                {
                    "url": a.url,
                    "final_url": a.final_url,
                    "http_status": a.status,
                    "outcome": a.outcome,
                    "content_type": a.content_type or None,
                }
                for a in self.attempts
            ],
            "quotes": sorted(
                (
                    {
                        "record": q.citation.record.path,
                        "at": q.citation.pointer,
                        "quote_sha256": digest(normalise(q.citation.quote)),
                        "found": q.found,
                        "where": q.where,
                    }
                    for q in self.quotes
                ),
                key=lambda q: (q["record"], q["at"]),
            ),
        }

    def findings(self) -> list[Finding]:
        """A missing quote at its line in the citing record; a page that could not be read
        at the source's url line."""
        if self.used is None:
            line, col = self.source.at()
            tried = "; ".join(a.detail or OUTCOMES.get(a.outcome, a.outcome) for a in self.attempts)
            message = f"could not check the quotes of source {self.source.id}: {printable(tried)}"
            return [Finding(self.source.path, line, col, "source-unchecked", message)]
        out = []
        for quote in self.quotes:
            if quote.found is False:
                line, col = quote.citation.at()
                message = (
                    f"quote not found on the page of source {self.source.id} "
                    f"({printable(self.used.final_url)}, checked {self.checked.isoformat()})"
                )
                out.append(
                    Finding(quote.citation.record.path, line, col, "quote-not-on-page", message)
                )
        return out

    @property
    def missing(self) -> int:
        return sum(q.found is False for q in self.quotes)


def check_source(
    fetcher: Fetcher, source: Source, citations: list[Citation], today: dt.date
) -> SourceCheck:
    result = SourceCheck(source, today)
    for url in source.urls:
        response = fetcher.get(url)
        text = page_text(response.body, response.content_type) if response.ok else None
        if response.ok and text is None:
            kind = response.content_type or "no content type"
            response = Response(
                response.url,
                response.final_url,
                "not-html",
                f"{response.final_url} is {kind}, not an HTML or plain-text page",
                response.status,
                response.content_type,
            )
        result.attempts.append(_without_body(response))
        if text is None:
            continue
        result.used = result.attempts[-1]
        result.text_sha256 = digest(text.article)
        for citation in citations:
            if contains(text.article, citation.quote):
                result.quotes.append(QuoteCheck(citation, True, "article"))
            elif contains(text.page, citation.quote):
                result.quotes.append(QuoteCheck(citation, True, "page"))
            else:
                result.quotes.append(QuoteCheck(citation, False))
        return result
    result.quotes = [QuoteCheck(c, None) for c in citations]
    return result


def _without_body(response: Response) -> Response:
    return Response(
        response.url,
        response.final_url,
        response.outcome,
        response.detail,
        response.status,
        response.content_type,
        None,
        response.network_down,
    )


def interleave(sources: Iterable[Source]) -> list[Source]:
    """Sources ordered so that one host's pages are spread out: while one host's delay
    runs, the next request goes to another host."""
    by_host: dict[str, list[Source]] = defaultdict(list)
    for source in sorted(sources, key=lambda s: s.id):
        by_host[urlsplit(source.urls[0]).netloc.lower()].append(source)
    ranked = [
        (rank, host, source) for host, group in by_host.items() for rank, source in enumerate(group)
    ]
    return [source for _rank, _host, source in sorted(ranked, key=lambda t: (t[0], t[1]))]


def run(
    fetcher: Fetcher,
    sources: list[Source],
    citations: dict[str, list[Citation]],
    today: dt.date,
) -> Iterator[SourceCheck]:
    """Check each source in turn. Until some host answers, results are held back: when
    the first hosts asked all fail to resolve or refuse the connection, the network is
    absent and NetworkUnavailable is raised before anything was reported."""
    order = interleave(sources)
    hosts = {urlsplit(u).netloc.lower() for s in order for u in s.urls}
    needed = min(OFFLINE_HOSTS, len(hosts))
    down: set[str] = set()
    held: list[SourceCheck] = []
    reached = False
    for source in order:
        result = check_source(fetcher, source, citations.get(source.id, []), today)
        if reached:
            yield result
            continue
        held.append(result)
        if result.network_down:
            down.update(urlsplit(a.final_url).netloc.lower() for a in result.attempts)
            if len(down) >= needed:
                raise NetworkUnavailable(
                    f"no network: none of {len(down)} host(s) could be resolved or reached "
                    f"({', '.join(sorted(down)[:OFFLINE_HOSTS])}); nothing was checked"
                )
            continue
        reached = True
        yield from held
        held.clear()
    yield from held
