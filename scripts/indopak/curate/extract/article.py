"""Reading an article file: first line ` date YYYY-MM-DD headline`, then the body."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 2 * 1024 * 1024
_FIRST_LINE = re.compile(r"\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*(.*)")


class ArticleError(ValueError):
    """The file is not an article in the seed format; the message says why, on one line."""


@dataclass(frozen=True)
class Article:
    date: dt.date
    headline: str
    text: str  # the whole file as read; offsets and quotes refer to it
    body_start: int  # offset of the body (after the date line)

    @property
    def body(self) -> str:
        return self.text[self.body_start :]


def parse_article(text: str, name: str = "article") -> Article:
    if not text.strip():
        raise ArticleError(f"{name} is empty")
    first, _, _ = text.partition("\n")
    match = _FIRST_LINE.fullmatch(first.rstrip("\r"))
    if match is None:
        raise ArticleError(
            f"{name}: the first line must be ' date YYYY-MM-DD headline', not {first[:60]!r}"
        )
    try:
        date = dt.date.fromisoformat(match.group(1))
    except ValueError:
        raise ArticleError(
            f"{name}: {match.group(1)} on the first line is not a real date"
        ) from None
    body_start = len(first) + 1 if "\n" in text else len(text)
    return Article(date, match.group(2).strip(), text, body_start)


def read_article(path: Path) -> Article:
    """Read and parse an article file; every failure is an ArticleError."""
    try:
        if path.is_dir():
            raise ArticleError(f"{path} is a folder, not an article file")
        if path.stat().st_size > MAX_BYTES:
            raise ArticleError(f"{path} is larger than {MAX_BYTES // 1024 // 1024} MB")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ArticleError(f"no such file: {path}") from None
    except OSError as exc:
        raise ArticleError(f"cannot read {path}: {exc.strerror or exc}") from None
    if b"\x00" in raw:
        raise ArticleError(f"{path} is a binary file, not a text article")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(f"{path} is not UTF-8 text (bad byte at offset {exc.start})") from None
    return parse_article(text.replace("\r\n", "\n"), str(path))
