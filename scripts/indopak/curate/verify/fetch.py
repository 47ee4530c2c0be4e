"""Polite fetching of cited pages.

Only http(s) addresses are requested, redirects included; each host's robots.txt is read
once and obeyed (with its Crawl-delay when longer than ours); requests to one host are
spaced by a delay; every request has a timeout and a total time limit, reads at most
`max_bytes` of body, and follows at most `max_redirects` redirects. Nothing here raises on
a bad page: every failure is a `Response` with an `outcome` other than "ok".
"""

from __future__ import annotations

import errno
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, replace
from email.message import Message
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

AGENT = "indopak-verify-sources"
PURPOSE = "checks that quotes in the india-pakistan-relations dataset occur on the pages it cites"
REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
_MAX_CRAWL_DELAY = 60.0


def user_agent(contact: str | None = None) -> str:
    """The User-Agent header: the product token robots.txt rules match, what it does and,
    when given, where to reach the people who run it."""
    about = f"+{contact}; {PURPOSE}" if contact else PURPOSE
    return f"{AGENT}/1.0 ({about})"


@dataclass(frozen=True)
class Policy:
    timeout: float = 20.0  # seconds: each socket operation, and the whole of one request
    max_bytes: int = 5 * 1024 * 1024  # body bytes read at most
    max_redirects: int = 5
    delay: float = 2.0  # seconds between two requests to the same host
    user_agent: str = user_agent()


@dataclass(frozen=True)
class Response:
    url: str  # the address asked for
    final_url: str  # the last address requested (after redirects)
    outcome: str  # "ok" or what went wrong (see OUTCOMES)
    detail: str = ""  # a short explanation for people
    status: int | None = None  # HTTP status of the last response, if one came
    content_type: str = ""
    body: bytes | None = None
    network_down: bool = False  # the host could not be resolved or reached at all

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"


OUTCOMES = {
    "ok": "fetched",
    "bad-url": "not an http(s) address",
    "bad-redirect": "redirected to an address that is not http(s)",
    "redirect-loop": "redirects lead back to an address already visited",
    "too-many-redirects": "too many redirects",
    "robots-disallowed": "robots.txt does not allow fetching it",
    "robots-unreachable": "robots.txt could not be read (treated as disallowing everything)",
    "http-error": "the server answered with an error status",
    "too-large": "the page is larger than the size cap",
    "timeout": "the server did not answer in time",
    "network-error": "the host could not be reached",
    "not-html": "not an HTML or plain-text page",
}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects come back as responses, so that each hop is checked here."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _network_down(reason: object) -> bool:
    if isinstance(reason, socket.gaierror | ConnectionRefusedError):
        return True
    return getattr(reason, "errno", None) in (errno.ENETUNREACH, errno.EHOSTUNREACH)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def is_http(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


class Fetcher:
    """Fetches pages one at a time under a `Policy`; remembers robots.txt and the time
    of the last request to each host."""

    def __init__(
        self,
        policy: Policy,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.policy = policy
        self._clock, self._sleep = clock, sleep
        self._opener = urllib.request.build_opener(_NoRedirect)
        self._last: dict[str, float] = {}  # host -> when its last request ended
        self._robots: dict[str, RobotFileParser | Response] = {}
        self._delays: dict[str, float] = {}  # host -> delay its robots.txt asks for

    def get(self, url: str) -> Response:
        """The page at `url`, following redirects that robots.txt allows."""
        return self._follow(url, check_robots=True)

    def _follow(self, url: str, check_robots: bool) -> Response:
        current, seen, status = url, set(), None  # status: of the last redirect
        for hop in range(self.policy.max_redirects + 1):
            if not is_http(current):
                outcome = "bad-redirect" if hop else "bad-url"
                return Response(url, current, outcome, f"{OUTCOMES[outcome]}: {current}", status)
            if current in seen:
                return Response(url, current, "redirect-loop", OUTCOMES["redirect-loop"], status)
            seen.add(current)
            if check_robots:
                refused = self._robots_refusal(current)
                if refused is not None:
                    return replace(refused, url=url, final_url=current)
            response = self._request(url, current)
            if response.outcome == "redirect":
                current, status = urljoin(current, response.detail), response.status
                continue
            return response
        detail = f"more than {self.policy.max_redirects} redirects"
        return Response(url, current, "too-many-redirects", detail, status)

    def _wait_turn(self, url: str) -> str:
        host = urlsplit(url).netloc.lower()
        delay = max(self.policy.delay, self._delays.get(host, 0.0))
        last = self._last.get(host)
        if last is not None:
            wait = last + delay - self._clock()
            if wait > 0:
                self._sleep(wait)
        return host

    def _request(self, asked: str, url: str) -> Response:
        """One GET without following redirects; a redirect's `detail` is its Location."""
        host = self._wait_turn(url)
        try:
            return self._exchange(asked, url)
        finally:
            self._last[host] = self._clock()

    def _exchange(self, asked: str, url: str) -> Response:
        policy = self.policy
        request = urllib.request.Request(
            url,
            headers={
                "User-Agent": policy.user_agent,
                "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
            },
        )
        started = self._clock()
        try:
            handle = self._opener.open(request, timeout=policy.timeout)
        except urllib.error.HTTPError as exc:
            status, headers = exc.code, exc.headers
            exc.close()
            if status in REDIRECTS:
                location = headers.get("Location", "")
                if location:
                    return Response(asked, url, "redirect", location, status)
            return Response(asked, url, "http-error", f"HTTP {status} from {url}", status)
        except (urllib.error.URLError, OSError, ValueError) as exc:
            return self._failure(asked, url, getattr(exc, "reason", exc))
        with handle:
            status = handle.status
            headers: Message = handle.headers
            content_type = headers.get("Content-Type", "")
            try:
                length = int(headers.get("Content-Length", "0"))
            except ValueError:
                length = 0
            if length > policy.max_bytes:
                return self._too_large(asked, url, status, content_type)
            chunks, size = [], 0
            try:
                while chunk := handle.read(_CHUNK):
                    chunks.append(chunk)
                    size += len(chunk)
                    if size > policy.max_bytes:
                        return self._too_large(asked, url, status, content_type)
                    if self._clock() - started > policy.timeout:
                        return Response(
                            asked, url, "timeout", f"reading {url} took over {policy.timeout:g} s"
                        )
            except (OSError, ValueError) as exc:
                return self._failure(asked, url, exc)
        return Response(asked, url, "ok", "", status, content_type, b"".join(chunks))

    def _too_large(self, asked: str, url: str, status: int, content_type: str) -> Response:
        detail = f"{url} is larger than {self.policy.max_bytes} bytes"
        return Response(asked, url, "too-large", detail, status, content_type)

    def _failure(self, asked: str, url: str, reason: object) -> Response:
        if isinstance(reason, TimeoutError | socket.timeout):
            detail = f"no answer from {url} within {self.policy.timeout:g} s"
            return Response(asked, url, "timeout", detail)
        down = _network_down(reason)
        detail = f"cannot reach {urlsplit(url).netloc}: {reason}"
        return Response(asked, url, "network-error", detail, network_down=down)

    def _robots_refusal(self, url: str) -> Response | None:
        """None when robots.txt lets us fetch `url`; else why not (or why it could not be
        read: a host that cannot be reached fails here first)."""
        origin = _origin(url)
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        rules = self._robots[origin]
        if isinstance(rules, Response):
            return rules
        if rules.can_fetch(self.policy.user_agent, url):
            return None
        return Response(url, url, "robots-disallowed", f"{origin}/robots.txt disallows {url}")

    def _read_robots(self, origin: str) -> RobotFileParser | Response:
        """robots.txt as RFC 9309 reads it: a 4xx means no rules; a 5xx or no answer
        means every path is disallowed."""
        address = f"{origin}/robots.txt"
        response = self._follow(address, check_robots=False)
        rules = RobotFileParser(address)
        if response.ok and response.body is not None:
            rules.parse(response.body.decode("utf-8", "replace").splitlines())
        elif response.status is not None and 400 <= response.status < 500:
            rules.parse([])
        elif response.network_down:
            return response
        else:
            return Response(
                address,
                response.final_url,
                "robots-unreachable",
                f"{OUTCOMES['robots-unreachable']}: {response.detail or response.outcome}",
                response.status,
            )
        delay = rules.crawl_delay(self.policy.user_agent)
        if delay:
            host = urlsplit(origin).netloc
            self._delays[host] = min(float(delay), _MAX_CRAWL_DELAY)
        return rules
