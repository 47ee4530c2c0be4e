"""Treaties named in an article, through the registry's names and their usual variants.

Variants are generated from each registry name: the distinctive part ("Simla", "Indus
Waters") with any of the usual head nouns (agreement, accord, treaty, pact, declaration),
known spelling pairs (Simla/Shimla, Water/Waters) and the initials of the full name (IWT).

A mention that follows none of these is matched by its words: a head noun ("the agreement on
the Kartarpur Sahib corridor", "the 1960 water-sharing treaty") whose phrase holds two
distinctive words of one treaty's name or id, or one of them with the treaty's year, or a
proper name only that treaty has, or one of them under the treaty's own kind ("treaty",
"declaration", "understanding"), or, in the treaty's year, a word of the description after
the head noun that only that treaty's summary uses ("the agreement guaranteeing the security
of minorities"); a year alone ("the 1972 accord") names the one treaty of that
year. Of tied treaties, the latest concluded by the article's date is meant; else none.
"""

from __future__ import annotations

import datetime as dt
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


_HEAD = re.compile(
    r"\b(?:agreements?|accords?|treat(?:y|ies)|pacts?|declarations?|understandings?|protocols?)\b",
    re.I,
)
_GENERIC_WORDS = """
    agreement agreements accord treaty pact declaration understanding protocol between india
    pakistan indian pakistani the of on and for in by regarding government republic islamic
    joint bilateral concerning relating to with from into its their this that which
"""
_GENERIC = frozenset(_GENERIC_WORDS.split())
_PROPER_WEIGHT = 10
_PHRASE_BEFORE = re.compile(r"(?:[\w'’–-]+\s+){0,6}$")
_PHRASE_AFTER = re.compile(
    r"^\s+(?:on|of|regarding|for|concerning|(?:not\s+)?to|(?:under|by|in) which|that|which|"
    r"[a-z]+ing)\s+"
    r"(?:[^,.;:()\"“”]|(?<=\b[A-Z])\.){0,90}",  # initials ("Z. A. Bhutto") do not end it
    re.I,
)
# "the agreement that X and Y signed at Simla": the place of signing names the agreement
_SIGNED_AT = re.compile(r"\bsigned\s+(?:at|in)\s+([A-Z][\w-]+)")


def _stems(words: str) -> list[tuple[str, bool]]:
    """(stem, capitalised) of the distinctive words."""
    out = []
    for word in re.findall(r"[A-Za-z]+", words):
        low = word.lower()
        if low in _GENERIC or len(low) < 3:
            continue
        if low.endswith("ies"):
            low = low[:-3] + "y"
        elif low.endswith("s") and not low.endswith("ss"):
            low = low[:-1]
        out.append((low[:6], word[0].isupper()))
    return out


def _signatures(registry: Registry) -> dict[str, tuple[set[str], str, str]]:
    """Per treaty, the stems of its name and id, its date and its kind."""
    out = {}
    for ident, data in registry.treaties.items():
        slug = re.sub(r"-\d{4}$", "", ident).replace("-", " ")
        stems = {stem for stem, _ in _stems(f"{data['name']} {slug}")}
        out[ident] = (stems, str(data.get("date", "")), str(data.get("kind", "")))
    return out


def _kind_of(head: str) -> str:
    """The treaty kind a head noun names ("treaties" -> treaty); pacts and accords are
    treaties; "agreement", the commonest word, names no kind in particular."""
    low = head.lower()
    if low.startswith(("treat", "pact", "accord")):
        return "treaty"
    if low.startswith("agreement"):
        return ""
    return low.rstrip("s")


def _by_words(
    text: str, start: int, taken: list[tuple[int, int]], registry: Registry, when: str = ""
) -> list[tuple[int, str, str]]:
    signs = _signatures(registry)
    owners: dict[str, set[str]] = {}
    for ident, (stems, _, _) in signs.items():
        for stem in stems:
            owners.setdefault(stem, set()).add(ident)
    # words only one treaty's summary uses ("minorities"): what a description may name it by
    described: dict[str, set[str]] = {}
    for ident, data in registry.treaties.items():
        for stem, _ in _stems(str(data.get("summary", ""))):
            described.setdefault(stem, set()).add(ident)
    found = []
    year_of_article = _year(when)
    for head in _HEAD.finditer(text, start):
        if any(head.start() < b and a < head.end() for a, b in taken):
            continue
        line = text.rfind("\n", 0, head.start()) + 1
        before = _PHRASE_BEFORE.search(text, max(line, head.start() - 80), head.start())
        after = _PHRASE_AFTER.match(text[head.end() : head.end() + 100])
        lo = before.start() if before else head.start()
        hi = head.end() + (after.end() if after else 0)
        phrase = text[lo:hi]
        stems = _stems(phrase)
        described_by = _stems(text[head.end() : hi]) if after else []
        # a proper name stands right before the head noun ("the Kartarpur pact")
        near = _stems(" ".join(text[lo : head.start()].split()[-2:]))
        place = _SIGNED_AT.search(text[head.end() : hi])
        if place:
            near += _stems(place.group(1))
        years = set(re.findall(r"\b(?:1[89]|20)\d\d\b", phrase))
        kind = _kind_of(head.group(0))
        scores = []
        for ident, (own, date, own_kind) in signs.items():
            if when and date[:4] > when[:4]:
                continue  # an agreement concluded after the article is not the one it describes
            shared = {stem for stem, _ in stems if stem in own}
            proper = any(cap and owners.get(stem) == {ident} for stem, cap in near)
            dated = date[:4] in years
            # "the water-sharing treaty": one word of the name and the treaty's own kind
            kinded = bool(kind) and kind == own_kind
            # "a postal agreement was concluded" in the year of the one postal agreement
            near_year = bool(year_of_article) and abs(year_of_article - _year(date)) <= 1
            own_word = len(shared) == 1 and all(owners.get(s) == {ident} for s in shared)
            # "the agreement guaranteeing the security of minorities", in the year it was made
            summarised = any(described.get(stem) == {ident} for stem, _ in described_by)
            if (
                len(shared) >= 2
                or (shared and (dated or kinded))
                or proper
                or ((own_word or summarised) and (near_year or dated))
            ):
                # a proper name before the head noun outweighs words further off ("the Delhi
                # Agreement of 1973 on the repatriation of prisoners of war")
                scores.append((len(shared) + dated + _PROPER_WEIGHT * proper, ident))
        if not scores and len(years) == 1:
            (year,) = years
            named = [i for i, (_, d, _) in signs.items() if d[:4] == year]
            close = re.search(rf"\b{year}\s+(?:[\w–-]+\s+)?$", text[lo : head.start()])
            if len(named) == 1 and close:
                scores.append((1, named[0]))
        best = [ident for score, ident in scores if score == max(scores)[0]]
        if len(best) > 1 and when:
            # "the ceasefire understanding": the latest of them concluded by the article's date
            concluded = sorted((signs[i][1], i) for i in best if signs[i][1] <= when)
            best = [concluded[-1][1]] if concluded else best
        if len(best) == 1:
            found.append((lo, best[0], text[lo:hi].strip()))
            taken.append((lo, hi))
    return found


_CEASEFIRE = re.compile(
    r"\b(?:the|a|this|that)\s+(?:[\w-]+\s+)?(?:ceasefire|cease-fire|truce)\b(?!\s+line)|"
    r"\b(?:halt|stop|end)\w*\s+(?:to\s+)?(?:all\s+)?(?:military action|hostilities|firing)\b",
    re.I,
)
RECENT_DAYS = 60
_YEAR_AFTER = re.compile(r"[^.;\n]{0,50}?\b((?:19|20)\d\d)\b")


def _ceasefire_names(registry: Registry) -> dict[str, str]:
    """Recorded ceasefire agreements: id -> date."""
    return {
        ident: str(data.get("date", ""))
        for ident, data in registry.treaties.items()
        if "ceasefire" in str(data.get("name", "")).lower()
    }


def _ceasefires(
    text: str, start: int, taken: list[tuple[int, int]], registry: Registry, when: str
) -> list[tuple[int, str, str]]:
    """ "A ceasefire ... in November 2003" names the recorded ceasefire of that year; "the
    ceasefire" in an article written within weeks of a recorded ceasefire names that one.
    Otherwise the words may mean any ceasefire, and name none."""
    agreements = _ceasefire_names(registry)
    mentions = list(_CEASEFIRE.finditer(text, start))
    found = []
    for m in mentions:
        year = _YEAR_AFTER.match(text, m.end())
        dated = [i for i, d in agreements.items() if year and d.startswith(year.group(1))]
        if len(dated) == 1 and not any(m.start() < b and a < m.end() for a, b in taken):
            taken.append((m.start(), m.end()))
            found.append((m.start(), dated[0], m.group(0)))
    if found:
        return found
    try:
        day = dt.date.fromisoformat(when)
    except ValueError:
        return []
    recent = [i for i, d in agreements.items() if _days_since(d, day) in range(RECENT_DAYS + 1)]
    if len(recent) != 1:
        return []
    for m in mentions:
        if not any(m.start() < b and a < m.end() for a, b in taken):
            taken.append((m.start(), m.end()))
            return [(m.start(), recent[0], m.group(0))]
    return []


def _year(date: str) -> int:
    return int(date[:4]) if re.match(r"\d{4}", date or "") else 0


def _days_since(date: str, day: dt.date) -> int:
    try:
        return (day - dt.date.fromisoformat(date)).days
    except ValueError:
        return -1


def find_treaties(
    registry: Registry,
    text: str,
    start: int,
    skip: list[tuple[int, int]] = (),
    when: str = "",
) -> list[TreatyHit]:
    """The recorded treaties the article names; `when` (its date, ISO) settles which of two
    treaties of the same description is meant."""
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
    spans += _by_words(text, start, taken, registry, when)
    spans += _ceasefires(text, start, taken, registry, when)
    for _, ident, mention in sorted(spans):
        hit = found.setdefault(ident, TreatyHit(ident, registry.treaties[ident]["name"]))
        if mention not in hit.mentions:
            hit.mentions.append(mention)
    return list(found.values())
