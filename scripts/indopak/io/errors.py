"""Validation findings and the three ways of printing them."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass

# Characters a terminal or a log viewer acts on instead of showing: C0 and C1 controls,
# DEL, line and paragraph separators, and the bidirectional overrides and isolates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str) -> str:
    """`text` with every control or direction-changing character written as an escape
    (`\\n`, `\\x1b`, `\\u202e`), so that echoing it cannot move the cursor, clear the
    screen or split one finding over two lines."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if char in _NAMED:
            return _NAMED[char]
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNSAFE.sub(escape, text)


def _github_data(text: str) -> str:
    """A workflow command's message: `%`, CR and LF escaped as GitHub requires."""
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _github_property(text: str) -> str:
    """A workflow command's property value: the message escapes plus `:` and `,`."""
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass(frozen=True, order=True)
class Finding:
    """One mistake, located in a file: `path:line:col: rule: message`."""

    path: str
    line: int
    col: int
    rule: str
    message: str

    def text(self) -> str:
        return f"{visible(self.path)}:{self.line}:{self.col}: {self.rule}: {visible(self.message)}"

    def github(self, level: str = "error") -> str:
        """A GitHub Actions workflow command (`level` is error, warning or notice)."""
        props = ",".join(
            f"{key}={_github_property(str(value))}"
            for key, value in (
                ("file", self.path),
                ("line", self.line),
                ("col", self.col),
                ("title", self.rule),
            )
        )
        return f"::{level} {props}::{_github_data(self.message)}"


FORMATS = ("text", "json", "github")


def render(findings: list[Finding], fmt: str) -> str:
    """Render sorted findings in one of FORMATS."""
    ordered = sorted(set(findings))
    if fmt == "json":
        # ensure_ascii keeps direction overrides and separators out of the raw output too
        return json.dumps([asdict(f) for f in ordered], ensure_ascii=True, indent=2)
    if fmt == "github":
        return "\n".join(f.github() for f in ordered)
    return "\n".join(f.text() for f in ordered)


class WorkerFailed(Exception):
    """A worker process died or failed; the run stops without saving its results."""


class BuildLocked(Exception):
    """Another build is publishing in this checkout."""
