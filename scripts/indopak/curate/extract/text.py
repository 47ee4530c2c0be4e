"""Sentences with their offsets, and small helpers on spans of text."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations after which a full stop does not end a sentence.
_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "lt",
    "gen",
    "col",
    "maj",
    "capt",
    "brig",
    "cdr",
    "sgt",
    "sr",
    "jr",
    "prof",
    "rev",
    "gov",
    "sen",
    "rep",
    "no",
    "vs",
    "etc",
    "inc",
    "co",
    "ltd",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.n",
    "u.k",
    "i.e",
    "e.g",
    "approx",
    "adm",
    "air",
    "wg",
    "sqn",
    "fl",
    "hon",
}
_END = re.compile(r"[.!?]+[\"'”’)]*(?=\s+|$)")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


def _ends_sentence(text: str, stop: int, after: int) -> bool:
    """Whether the full stop at `stop` ends a sentence (not an abbreviation or initial)."""
    word = re.search(r"([A-Za-z.]+)$", text[:stop])
    token = word.group(1).lower() if word else ""
    initials = re.fullmatch(r"(?:[a-z]\.)*[a-z]", token)
    if text[stop] == "." and (token.rstrip(".") in _ABBREV or initials):
        return False
    nxt = text[after : after + 1]
    return not nxt or not nxt.islower()


def sentences(text: str, start: int = 0) -> list[Sentence]:
    """Split text[start:] into sentences; paragraphs are separated by line breaks."""
    out: list[Sentence] = []
    for paragraph, para in enumerate(re.finditer(r"[^\n]+", text[start:])):
        p_start, p_end = start + para.start(), start + para.end()
        cursor = p_start
        for match in _END.finditer(text, p_start, p_end):
            after = match.end()
            while after < p_end and text[after] == " ":
                after += 1
            if _ends_sentence(text, match.start(), after):
                _add(out, text, cursor, match.end(), paragraph)
                cursor = after
        _add(out, text, cursor, p_end, paragraph)
    return out


def _add(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end], paragraph))


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding spaces and dangling punctuation."""
    while start < end and (text[start].isspace() or text[start] in ",;:-–—"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:-–—."):
        end -= 1
    return start, end
