"""A small web site on 127.0.0.1 for the verify-sources tests: fixed pages, redirects,
errors, a huge page, a slow page and a robots.txt; it logs each request it receives."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Follow-up report</title></head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Follow-up report</h1>
<p>Officials in New Delhi spoke to reporters on Thursday afternoon about the letter that
had arrived from Islamabad the day before.</p>
<p>India said it had received the proposal. A spokesperson added that the text would be
studied \u201cwith care \u2014 and without\u00a0haste\u201d before any reply was sent.</p>
<p>Neither government gave a date for a meeting, and both said that the channels between
the two capitals remained open for the time being.</p>
</article>
<footer>Sample footer text written for the tests</footer>
</body></html>
"""

# the same article as an archive keeps it, under a banner of the archive's own
ARCHIVED = ARTICLE.replace(
    "<body>", "<body><div>Saved copy of a page, kept by a test archive</div>"
)

ROBOTS = "User-agent: *\nDisallow: /private/\n"

HUGE_CHUNK = b"<p>" + b"filler words for a very long page " * 30 + b"</p>\n"


@dataclass
class Site:
    """Routes: path -> (status, headers, body); `seen` logs (path, User-Agent)."""

    pages: dict[str, tuple[int, dict[str, str], bytes]] = field(default_factory=dict)
    seen: list[tuple[str, str]] = field(default_factory=list)
    slow_seconds: float = 3.0
    base: str = ""

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def html(self, path: str, text: str) -> None:
        self.pages[path] = (200, {"Content-Type": "text/html; charset=utf-8"}, text.encode())

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        self.pages[path] = (status, {"Location": location}, b"")

    def paths(self) -> list[str]:
        return [path for path, _agent in self.seen]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep the test output quiet
            pass

        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            site.seen.append((self.path, self.headers.get("User-Agent", "")))
            if self.path == "/huge":
                self._huge()
            elif self.path == "/slow":
                time.sleep(site.slow_seconds)
                self._send(200, {"Content-Type": "text/html"}, ARTICLE.encode())
            elif self.path in site.pages:
                self._send(*site.pages[self.path])
            else:
                self._send(404, {"Content-Type": "text/plain"}, b"not here")

        def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(OSError):  # the client stopped reading
                self.wfile.write(body)

        def _huge(self) -> None:
            """About 20 MB, without Content-Length: only reading tells how long it is."""
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                self.wfile.write(b"<html><body>")
                for _ in range(20_000):
                    self.wfile.write(HUGE_CHUNK)
            except OSError:
                pass

    return Handler


@contextmanager
def serve(site: Site) -> Iterator[Site]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    site.pages.setdefault("/robots.txt", (200, {"Content-Type": "text/plain"}, ROBOTS.encode()))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
