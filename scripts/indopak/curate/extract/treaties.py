"""Treaties named in an article, through the registry's names and their usual variants.

Variants are generated from each registry name: the distinctive part ("Simla", "Indus
Waters") with any of the usual head nouns (agreement, accord, treaty, pact, declaration),
known spelling pairs (Simla/Shimla, Water/Waters) and the initials of the full name (IWT).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indopak.curate.extract.registry import Registry

_HEADS = r"(?:Agreement|Accord|Treaty|Pact|Declaration|Understanding|Deal|Agreements)"
_SPELLINGS = {
    "Simla": "S(?:h)?imla",
    "Shimla": "S(?:h)?imla",
    "Waters": "Waters?",
    "Water": "Waters?",
}
# Names the registry's own names do not generate: other well-established names of a treaty.
EXTRA_NAMES = {
    "nehru-liaquat-pact-1950": [r"Delhi Pact", r"Liaquat[-–]Nehru Pact"],
    "nuclear-installations-agreement-1988": [
        r"(?:non-nuclear aggression|nuclear installations?) (?:agreement|pact|accord)"
    ],
    "ballistic-missile-pre-notification-agreement-2005": [
        r"(?:missile|missile[- ]test) pre-notification (?:agreement|pact)",
        r"pre-notification of (?:flight[- ]testing of )?ballistic missiles?(?: agreement)?",
    ],
    "ceasefire-understanding-2003": [
        r"2003 ceasefire(?: understanding| agreement| accord)?",
        r"ceasefire (?:understanding|agreement) of 2003",
    ],
    "ceasefire-understanding-2025": [
        r"May 10 ceasefire(?: understanding)?",
        r"10 May ceasefire(?: understanding)?",
    ],
    "kartarpur-corridor-agreement-2019": [r"Kartarpur (?:Corridor )?(?:agreement|pact|deal)"],
}


@dataclass
class TreatyHit:
    id: str
    name: str
    mentions: list[str] = field(default_factory=list)


def _core(name: str) -> str | None:
    """The distinctive words of a treaty's name, without its head noun."""
    bare = re.sub(r"\s*\(.*?\)", "", name)
    m = re.fullmatch(rf"(?:The )?(.+?)\s+{_HEADS}", bare, re.I)
    if m is None or m.group(1).lower().startswith(("agreement", "india")):
        return None
    return m.group(1)


def _patterns(ident: str, name: str) -> list[str]:
    out = [re.escape(name)]
    core = _core(name)
    if core:
        words = [_SPELLINGS.get(w, re.escape(w)) for w in re.split(r"[\s–-]+", core)]
        joined = r"[\s–-]+".join(words)
        out.append(rf"{joined}\s+{_HEADS}")
        # Short forms only for plain multi-word names ("Indus treaty", "IWT"), not for names
        # joined by a dash, whose first word alone names something else.
        if len(words) > 1 and not re.search(r"[–-]", core):
            out.append(rf"{words[0]}\s+(?:Treaty|Pact|Accord)")
            initials = "".join(w[0] for w in f"{core} {name.split()[-1]}".split())
            out.append(re.escape(initials.upper()))
    out += EXTRA_NAMES.get(ident, [])
    return out


def find_treaties(
    registry: Registry, text: str, start: int, skip: list[tuple[int, int]] = ()
) -> list[TreatyHit]:
    found: dict[str, TreatyHit] = {}
    taken: list[tuple[int, int]] = list(skip)
    spans: list[tuple[int, str, str]] = []
    for ident, data in registry.treaties.items():
        for pattern in _patterns(ident, data["name"]):
            flags = 0 if pattern.isupper() else re.I
            for m in re.finditer(rf"(?<![\w-]){pattern}(?![\w-])", text[start:], flags):
                span = (start + m.start(), start + m.end())
                if any(span[0] < b and a < span[1] for a, b in taken):
                    continue
                taken.append(span)
                spans.append((span[0], ident, m.group(0)))
    for _, ident, mention in sorted(spans):
        hit = found.setdefault(ident, TreatyHit(ident, registry.treaties[ident]["name"]))
        if mention not in hit.mentions:
            hit.mentions.append(mention)
    return list(found.values())
