"""Validation findings and the three ways of printing them."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Finding:
    """One mistake, located in a file: `path:line:col: rule: message`."""

    path: str
    line: int
    col: int
    rule: str
    message: str

    def text(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.rule}: {self.message}"

    def github(self, level: str = "error") -> str:
        """A GitHub Actions workflow command (`level` is error, warning or notice)."""
        return (
            f"::{level} file={github_property(self.path)},line={self.line},col={self.col},"
            f"title={github_property(self.rule)}::{github_data(self.message)}"
        )


def github_data(text: str) -> str:
    """Escape the message of a GitHub Actions workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """Escape a property value (file, title) of a GitHub Actions workflow command."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


FORMATS = ("text", "json", "github")


def render(findings: list[Finding], fmt: str) -> str:
    """Render sorted findings in one of FORMATS."""
    ordered = sorted(set(findings))
    if fmt == "json":
        return json.dumps([asdict(f) for f in ordered], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(f.github() for f in ordered)
    return "\n".join(f.text() for f in ordered)


class WorkerFailed(Exception):
    """A worker process died or failed; the run stops without saving its results."""
