"""The loaded terms of schemas/lexicon.yaml, and where they stand in the dataset's own text.

A term matches as whole words, with hyphens, apostrophes and underscores treated as word
separators ("terror-linked" holds "terror", "Pak's" holds "Pak", and the id
"2019-terror-attack" holds "terror attack"). Outside quotation marks a term is the dataset
speaking (`loaded`); inside quotation marks it is someone else's word, which must stand
beside an attribution ("calls", "says", "describes as" ...), else it is `unattributed`.
Terms are ASCII and matched by ASCII rules (any other character separates words), which lets
a set lookup of a text's words rule most texts out before any pattern runs.
Proper names that hold a term (the lexicon's `names`) are not matched. An id cannot hold
quotation marks: in an id, an attribution word before the term ("...-calls-x-aggression")
stands for them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

# ASCII letters and digits to lower case, every other byte to a space: what is left
# splits into words
_WORDS_ONLY = bytes(
    c | 0x20 if chr(c).isascii() and chr(c).isalpha() else c if chr(c).isdigit() else 32
    for c in range(256)
)
_QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”|‘[^’\n]*’')
# ASCII rules: terms are ASCII, a non-ASCII character separates words, as in may_hold
_FLAGS = re.IGNORECASE | re.ASCII
_SENTENCE_END = re.compile(r"[.;!?](?=\s)")
_SEPARATORS = r"[\s\-‐‑–—'’_]+"
# A letter or digit: anything else (space, hyphen, apostrophe, underscore, dash) separates
_BEFORE = r"(?<![^\W_])"
_AFTER = r"(?![^\W_])"


@dataclass(frozen=True)
class Use:
    """A loaded term found in a text: where, which entry, and whether in quotation marks."""

    start: int
    end: int
    text: str
    entry: dict[str, Any]
    quoted: bool


def _pattern(words: str) -> str:
    """A term as a pattern: its words in order, any separator between them."""
    parts = [re.escape(w) for w in re.split(_SEPARATORS, words.strip()) if w]
    return _SEPARATORS.join(parts)


def _any_of(words: list[str]) -> re.Pattern[str]:
    """One pattern matching any of `words` as whole words (never matching when empty)."""
    if not words:
        return re.compile("(?!)")
    return re.compile(_BEFORE + "(?:" + "|".join(_pattern(w) for w in words) + ")" + _AFTER, _FLAGS)


class Lexicon:
    def __init__(self, data: dict[str, Any]) -> None:
        terms = sorted(data.get("terms") or [], key=lambda t: -len(t["term"]))
        self.terms = terms
        self.patterns = [
            (re.compile(_BEFORE + _pattern(t["term"]) + _AFTER, _FLAGS), t) for t in terms
        ]
        self.any_term = _any_of([t["term"] for t in terms])
        self.names = _any_of([str(n) for n in data.get("names") or []])
        self.attribution = _any_of([str(a) for a in data.get("attribution") or []])
        self.window = int(data.get("attribution_window", 60))
        self.exempt_fields = frozenset(data.get("exempt_fields") or [])
        by_kind = data.get("exempt_kind_fields") or {}
        self.exempt_kind_fields = {kind: frozenset(fields) for kind, fields in by_kind.items()}
        self.pending_ids = frozenset(data.get("pending_ids") or [])
        self.exempt_alias_kinds = frozenset(data.get("exempt_alias_kinds") or [])
        # The words of each term: a term can only occur where all its words are whole
        # words, which set lookups tell far faster than the pattern. Each term is
        # filed under its longest word (the rarest, as a rule), so a text is compared only
        # with the terms whose key word it holds.
        words = [frozenset(t["term"].encode().translate(_WORDS_ONLY).split()) for t in terms]
        self.by_key: dict[bytes, list[frozenset[bytes]]] | None = None
        if all(t["term"].isascii() for t in terms):
            self.by_key = defaultdict(list)
            for term_words in words:
                key = max(sorted(term_words), key=len)
                self.by_key[key].append(term_words)
        self.keys = frozenset(self.by_key or ())

    def may_hold(self, text: str) -> bool:
        """False only when no term can occur in the text."""
        if self.by_key is None:
            return True
        plain = text.encode("ascii", "replace").translate(_WORDS_ONLY).split()
        found = self.keys.intersection(plain)
        if not found:
            return False
        words = frozenset(plain)
        return any(term <= words for key in found for term in self.by_key[key])

    def uses(self, text: str) -> Iterator[Use]:
        """Every loaded term in the text, longest terms first, none overlapping another."""
        if not self.any_term.search(text):
            return
        blank = self.names.sub(lambda m: " " * len(m.group()), text)
        quoted = [range(m.start(), m.end()) for m in _QUOTED.finditer(blank)]
        taken: list[range] = []
        for pattern, entry in self.patterns:
            for match in pattern.finditer(blank):
                if any(match.start() in r for r in taken):
                    continue
                taken.append(range(match.start(), match.end()))
                inside = any(match.start() in r for r in quoted)
                yield Use(match.start(), match.end(), match.group(), entry, inside)

    def attributed(self, text: str, use: Use) -> bool:
        """Whether the quotation holding a term stands beside an attribution: a word such as
        "calls" or "says" earlier in its sentence (at most `window` characters back) or
        right after it."""
        span = next(
            (m for m in _QUOTED.finditer(text) if m.start() <= use.start < m.end()),
            None,
        )
        if span is None:
            return True
        start = max(0, span.start() - self.window)
        stop = _SENTENCE_END.search(text, span.end())
        end = min(span.end() + self.window // 2, stop.start() if stop else len(text))
        before = _SENTENCE_END.split(text[start : span.start()])[-1]
        return bool(
            self.attribution.search(before) or self.attribution.search(text, span.end(), end)
        )

    def attributed_in_id(self, text: str, use: Use) -> bool:
        """Whether an id says whose word the term is ("x-calls-...-aggression"): an id
        cannot hold quotation marks, so an attribution before the term stands for them."""
        return self.attribution.search(text, 0, use.start) is not None

    def checks(self, kind: str, path: tuple, record: dict[str, Any]) -> bool:
        """Whether the text at `path` of a record is the dataset's own voice."""
        field = next((p for p in reversed(path) if isinstance(p, str)), None)
        if field in self.exempt_fields or field in self.exempt_kind_fields.get(kind, ()):
            return False
        if len(path) == 3 and path[0] == "aliases" and path[2] == "name":
            aliases = record.get("aliases")
            alias = aliases[path[1]] if isinstance(aliases, list) else None
            if isinstance(alias, dict) and alias.get("kind") in self.exempt_alias_kinds:
                return False
        return True
