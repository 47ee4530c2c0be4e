"""The source policy of schemas/policy.yaml: refused domains and tracking parameters."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote_plus, urlsplit, urlunsplit


@dataclass(frozen=True)
class Refusal:
    domain: str
    reason: str


class Policy:
    """What schemas/policy.yaml says about sources, ready to ask about one URL."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.refused = {
            str(e["domain"]).lower(): Refusal(str(e["domain"]).lower(), str(e["reason"]))
            for e in data.get("refused_domains") or []
        }
        domains = "|".join(re.escape(d) for d in sorted(self.refused, key=len, reverse=True))
        self._refused = re.compile(rf"(?:^|\.)({domains})$" if domains else "(?!)")
        self.pending = frozenset(data.get("pending_refused_sources") or [])
        names = [str(p) for p in data.get("tracking_parameters") or []]
        exact = [re.escape(n) for n in names if not n.endswith("*")]
        prefixes = [re.escape(n[:-1]) + ".*" for n in names if n.endswith("*")]
        self._tracking = re.compile("|".join(exact + prefixes) or "(?!)", re.IGNORECASE)
        self.relative_day_words = [str(w) for w in data.get("relative_day_words") or []]
        # each entry's note is for people reading policy.yaml; the audit needs the record
        self.relative_dates_reviewed = frozenset(
            str(e["record"])
            for e in data.get("relative_dates_reviewed") or []
            if isinstance(e, dict) and e.get("record")
        )
        self.thresholds: dict[str, Any] = dict(data.get("thresholds") or {})
        # the two countries whose relations the dataset records (ISO 3166-1 alpha-3)
        self.parties: list[str] = list(self.thresholds.get("parties") or ["IND", "PAK"])

    def refusal(self, url: str) -> Refusal | None:
        """Why the URL's host is refused, or None: a domain covers its subdomains."""
        match = self._refused.search(host_of(url))
        return self.refused[match.group(1)] if match else None

    def tracking(self, url: str) -> list[str]:
        """The names of the URL's query parameters that only track the reader."""
        if "?" not in url:
            return []
        return [name for name, _piece in _pairs(_query(url)) if self.is_tracking(name)]

    def is_tracking(self, name: str) -> bool:
        return self._tracking.fullmatch(name) is not None

    def strip_tracking(self, url: str) -> str:
        """The URL without its tracking parameters, every other character as it was."""
        if not self.tracking(url):
            return url
        parts = urlsplit(url)
        kept = [piece for name, piece in _pairs(parts.query) if not self.is_tracking(name)]
        return urlunsplit(parts._replace(query="&".join(kept)))


def _pairs(query: str) -> list[tuple[str, str]]:
    """(decoded name, raw text) of each parameter of a query string."""
    return [(unquote_plus(piece.split("=", 1)[0]), piece) for piece in query.split("&") if piece]


_HOST = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?(\[[^\]]*\]|[^/?#:]*)")


def host_of(url: str) -> str:
    """The URL's host name, lower case, without a leading www."""
    match = _HOST.match(url)
    return match.group(1).lower().removeprefix("www.") if match else ""


def _query(url: str) -> str:
    try:
        return urlsplit(url).query
    except ValueError:
        return ""
