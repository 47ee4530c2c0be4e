"""Actors in an article: registry names and aliases first, then new actors from patterns.

Every mention is an exact span of the text. Registry matches win over pattern guesses; a
longer match wins over a shorter one inside it ("UN Security Council" over "UN").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indopak.curate.extract.article import Article
from indopak.curate.extract.gazetteer import (
    CHAMBERS,
    DEMONYMS,
    FORMER_STATE_ADJECTIVES,
    NOT_NAME,
    ORG_HEADS,
    OUTLETS,
    PORTFOLIO_WORDS,
    ROLE_HEADS,
    ROLES,
    STATES,
    TITLES,
)
from indopak.curate.extract.registry import Registry

_UP = "A-ZÀ-ÞĀ-Ž"
_WORD = rf"[{_UP}][\w'’]*(?:-[\w'’]+)*"
_INITIALS = rf"(?:[{_UP}]\.\s?){{1,3}}"
_NAME = (
    rf"(?:{_INITIALS})?{_WORD}(?:\s+(?:(?:bin|bint|ul|ud|al|de|van|von)\s+)?"
    rf"(?:{_INITIALS})?{_WORD}){{0,4}}"
)
# a state after these is where something happens; one appealed "to" may be an actor
_PLACE_WORDS = r"in|at|near|inside|visited|into|across"
_IN_PLACE = re.compile(rf"\b(?:{_PLACE_WORDS})\s+$", re.I)
# a city after these, or after "outside", "around" and "to", is a place, not its state
_LOCATIVE = re.compile(rf"\b(?:{_PLACE_WORDS}|outside|around|to)\s+$", re.I)
# a state the registry may lack, not the first word of a longer name ("Nepal Army")
_STATE_NAMES = re.compile(
    rf"(?<![\w-])(?:{'|'.join(re.escape(n) for n in STATES)})(?![\w-])(?![ \t]+[{_UP}])"
)
_POSSESSIVE = r"(?:'s|’s)"
_INITIALS_WORD = re.compile(r"(?:[A-Z]\.)+")
# A third country reached or left ("a trip to Russia", "kidnapped from Iran", "flights from
# the United States") is a place; one appealed to or heard from is an actor.
_TRAVEL = re.compile(
    r"\b(?:trip|visit|travel\w*|flights?|flew|kidnapped|abducted|way|journey|tour|route|"
    r"headed|bound|arrived|returned|fled|held|met|meeting|talks|summit|based|born|"
    r"exile|living)\b[^.,;]{0,18}\b(?:to|from|in|at|into)\s+(?:the\s+)?"
    r"(?:[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2}\s+and\s+(?:the\s+)?)?$"
)
_PLACE_NOUN = re.compile(r"\s+(?:city|town|capital|port|village|resort|province|border town)\b")
# "Minister for Foreign Affairs Khurshid Kasuri": the portfolio ends the title and the name
# starts after it
_PORTFOLIO = (
    r"(?:Minister|Secretary|Adviser|Advisor)(?: of State)? (?:of|for|on) (?:the )?"
    rf"(?:[A-Z][\w-]*,? (?:and |& )?){{0,3}}?(?:{'|'.join(sorted(PORTFOLIO_WORDS))})"
)
_HONORIFICS = {"Mr", "Mr.", "Ms", "Ms.", "Mrs", "Mrs.", "Dr", "Dr.", "Maulana"}


@dataclass
class Hit:
    start: int
    end: int
    key: str  # registry id, or "new:" + proposed name


@dataclass
class Found:
    key: str
    name: str
    id: str | None
    kind: str | None
    country: str | None
    mentions: list[str] = field(default_factory=list)
    stands_for: str | None = None  # key of the actor a person speaks for


@dataclass
class ActorIndex:
    """Everything the later steps ask about the actors of one article."""

    found: dict[str, Found]
    hits: list[Hit]
    titles: dict[str, str]  # "foreign minister" -> key of the person introduced with it
    # (country, role) -> the one person of the article holding it ("PAK", "army chief")
    roles: dict[tuple[str, str], str] = field(default_factory=dict)

    def in_span(self, start: int, end: int) -> list[Hit]:
        return [h for h in self.hits if start <= h.start and h.end <= end]


@dataclass(frozen=True)
class _Form:
    surface: str
    ids: tuple[str, ...]  # several when the form is ambiguous (e.g. "Defence Ministry")
    fold_case: bool


def _derived_forms(ident: str, data: dict, registry: Registry) -> list[tuple[str, bool]]:
    """Names an actor goes by beyond those written in its record (short forms of bodies)."""
    name = data["name"]
    kind = data.get("kind")
    forms = [(name, False)]
    bare = re.sub(r"\s*\(.*?\)", "", name).strip()
    if bare != name:
        forms.append((bare, False))
    forms += [
        (a["name"], False)
        for a in data.get("aliases") or []
        if isinstance(a, dict) and isinstance(a.get("name"), str)
    ]
    if kind == "person":
        return forms
    forms += _abbreviation_dots(data)
    forms += _service_forms(data, bare, registry)
    if kind == "legislature":
        forms += [(house, False) for house, code in CHAMBERS.items() if code == data.get("country")]
    of_state = re.fullmatch(r"(.+?) of (India|Pakistan)", bare)
    if of_state and not bare.startswith(("Ministry of", "Government of")):
        forms.append((of_state.group(1), False))
    parent = data.get("parent")
    if parent == "united-nations" and bare.startswith("United Nations "):
        rest = bare[len("United Nations ") :]
        if " " in rest:
            forms.append((rest, False))
        forms.append((f"U.N. {rest}", False))  # "the U.N. Security Council", not the U.N.
    ministry = re.fullmatch(r"Ministry of (.+?)(?: of ([A-Z]\w+))?", bare)
    if ministry:
        subject = ministry.group(1)
        forms.append((f"Ministry of {subject}", True))
        forms.append((f"{subject} Ministry", True))
        short = re.sub(r" Affairs$", "", subject)
        first = re.split(r" and | ", short)[0]
        for word in {short, first}:
            forms.append((f"{word} Ministry", True))
        if subject == "External Affairs" and ministry.group(2):
            # the press calls a ministry of external affairs its country's foreign ministry
            country = ministry.group(2)
            forms.append((f"{country}'s Foreign Ministry", True))
            forms.append((f"{country}’s Foreign Ministry", True))
            owner = data.get("country")
            forms += [
                (f"{dem} Foreign Ministry", True) for dem, code in DEMONYMS.items() if code == owner
            ]
    government = re.fullmatch(r"Government of ([A-Z]\w+)", bare)
    if government:
        country = data.get("country")
        forms.append((f"{government.group(1)} government", True))
        forms += [(f"{dem} government", True) for dem, code in DEMONYMS.items() if code == country]
    return forms


def _abbreviation_dots(data: dict) -> list[tuple[str, bool]]:
    """ "U.S." and "U.K." for the abbreviations US and UK."""
    return [
        (".".join(a["name"]) + ".", False)
        for a in data.get("aliases") or []
        if isinstance(a, dict)
        and a.get("kind") == "abbreviation"
        and re.fullmatch(r"[A-Z]{2,3}", str(a.get("name", "")))
    ]


def _service_forms(data: dict, bare: str, registry: Registry) -> list[tuple[str, bool]]:
    """ "Pakistan's army", "the Pakistani military", "India's navy": a country's armed service
    named through its country, for the services the registry records."""
    service = re.fullmatch(r"\S+ (Army|Navy|Air Force)", bare)
    owner = data.get("country")
    state = registry.state_by_country(owner) if owner else None
    if not service or not state:
        return []
    country = registry.actors[state]["name"]
    owners = [f"{country}'s", f"{country}’s"]
    demonyms = [dem for dem, code in DEMONYMS.items() if code == owner]
    forms = [(f"{who} {service.group(1)}", True) for who in owners + demonyms]
    if service.group(1) == "Army":
        # "the Pakistani military court" is an adjective; "Pakistan's military said" the army
        forms += [(f"{who} military", True) for who in owners]
    return forms


def _bare_ministry(surface: str, text: str, at: int) -> bool:
    """ "the foreign ministry" in lower case, with no country before it, is anyone's."""
    if not surface.islower() or not surface.endswith("ministry"):
        return False
    return not re.search(r"[A-Z][a-z]+(?:'s|’s)?\s+$", text[max(0, at - 30) : at])


class ActorFinder:
    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        table: dict[tuple[str, bool], list[str]] = {}
        for ident, data in registry.actors.items():
            for surface, derived in _derived_forms(ident, data, registry):
                fold = derived or (
                    data.get("kind") != "person" and " " in surface and not surface.isupper()
                )
                key = (surface.lower() if fold else surface, fold)
                if ident not in table.setdefault(key, []):
                    table[key].append(ident)
        for demonym, code in DEMONYMS.items():
            state = registry.state_by_country(code)
            if state:
                table.setdefault((demonym, False), [state])
        for adjective, name in FORMER_STATE_ADJECTIVES.items():
            former = [i for i, d in registry.actors.items() if d["name"] == name]
            if former:
                table.setdefault((adjective, False), former[:1])
        self.forms = sorted(
            (_Form(s, tuple(ids), fold) for (s, fold), ids in table.items()),
            key=lambda f: -len(f.surface),
        )
        self.persons = {
            ident: d for ident, d in registry.actors.items() if d.get("kind") == "person"
        }
        self.by_surname: dict[str, list[str]] = {}  # last word of a name -> those people
        for ident, d in self.persons.items():
            self.by_surname.setdefault(d["name"].split()[-1], []).append(ident)
        # "R.G.K. Kapoor" and "R. G. K. Kapoor" are one name written two ways.
        # the words of each person's name, for names written more fully or spelt otherwise
        self.name_words = {
            ident: _name_words(str(d["name"]))
            for ident, d in self.persons.items()
            if len(str(d["name"]).split()) >= 2
        }
        self.by_plain_name = {
            _plain(form): ident
            for ident, d in self.persons.items()
            for form, _ in _derived_forms(ident, d, registry)
        }

    # -- public -------------------------------------------------------------------------

    def find(self, article: Article, skip: list[tuple[int, int]]) -> ActorIndex:
        text = article.text
        start = article.body_start
        blocked = list(skip) + self._outlets(text, start)
        hits, unresolved = self._registry_hits(text, start, blocked, article.date.year)
        new_hits, proposals = self._pattern_hits(text, start, blocked, hits)
        hits = _merge(hits, new_hits)
        hits += self._surname_hits(text, start, blocked, hits, proposals)
        hits.sort(key=lambda h: h.start)
        hits = self._resolve_by_speaker(text, hits, unresolved, proposals)
        found = self._collect(text, hits, proposals)
        titles = self._titles(text, start, hits)
        roles = self._role_holders(found, titles, article.date.isoformat())
        return ActorIndex(found, hits, titles, roles)

    def _role_holders(
        self, found: dict[str, Found], titles: dict[str, str], on: str
    ) -> dict[tuple[str, str], str]:
        """Who holds each role of each country among the article's people: one it introduces
        with the role's title, or one the registry records in the role's office on the
        article's date ("Pakistan's army chief" in April 2012 is Kayani, if named)."""
        held: dict[tuple[str, str], set[str]] = {}
        for role, posts in ROLES.items():
            titled = {post.lower() for post in posts}
            for title, key in titles.items():
                country = found[key].country if key in found else None
                if country and title in titled:
                    held.setdefault((country, role), set()).add(key)
            for key in found.keys() & self.persons.keys():
                for office in self.persons[key].get("offices") or []:
                    if not isinstance(office, dict) or not str(office.get("post", "")).startswith(
                        posts
                    ):
                        continue
                    begun = str(office.get("start") or "") <= on
                    if begun and on <= str(office.get("end") or "9999"):
                        state = self.registry.state_of(str(office.get("organization")))
                        country = self.registry.actors.get(state or "", {}).get("country")
                        if country:
                            held.setdefault((country, role), set()).add(key)
        return {where: next(iter(keys)) for where, keys in held.items() if len(keys) == 1}

    # -- registry matches -----------------------------------------------------------------

    def _outlets(self, text: str, start: int) -> list[tuple[int, int]]:
        spans = []
        for outlet in OUTLETS:
            for m in re.finditer(rf"(?<![\w-]){re.escape(outlet)}(?![\w-])", text[start:]):
                spans.append((start + m.start(), start + m.end()))
        return spans

    def _registry_hits(
        self, text: str, start: int, blocked: list[tuple[int, int]], year: int | None = None
    ) -> tuple[list[Hit], list[tuple[int, int, tuple[str, ...]]]]:
        """Registry matches, and the spans of forms several actors share that nothing next to
        them decides ("told Parliament": whose parliament is for the sentence to say)."""
        hits: list[Hit] = []
        unresolved: list[tuple[int, int, tuple[str, ...]]] = []
        taken = list(blocked)
        for form in self.forms:
            flags = re.I if form.fold_case else 0
            pattern = re.compile(rf"(?<![\w]){re.escape(form.surface)}(?![\w])", flags)
            for m in pattern.finditer(text, start):
                span = (m.start(), m.end())
                if any(span[0] < b and a < span[1] for a, b in taken):
                    continue
                ident = self._choose(form, text, m.start(), year)
                if ident is not None and _bare_ministry(m.group(0), text, m.start()):
                    continue
                if ident is None and len(form.ids) > 1:
                    unresolved.append((span[0], span[1], form.ids))
                if ident is None or self._is_place(ident, form, text, m):
                    continue
                taken.append(span)
                hits.append(Hit(span[0], span[1], ident))
        return hits, unresolved

    def _resolve_by_speaker(
        self,
        text: str,
        hits: list[Hit],
        unresolved: list[tuple[int, int, tuple[str, ...]]],
        proposals: dict[str, Found],
    ) -> list[Hit]:
        """A shared form is the one of the country of the nearest actor before it in its
        sentence ("Mr Shastri told Parliament": India's), or after "its" of the sentence's
        first actor."""
        added = []
        for s, e, ids in unresolved:
            if any(h.start < e and s < h.end for h in hits):
                continue
            sentence_start = max(text.rfind(". ", 0, s), text.rfind("\n", 0, s)) + 1
            before = [h for h in hits if sentence_start <= h.start and h.end <= s]
            if re.search(r"\b(?:its|their)\s+$", text[max(0, s - 8) : s]):
                before = before[:1]  # "its Parliament": the subject's, named first
            for hit in reversed(before):
                country = self._country_of(hit.key, proposals)
                chosen = [i for i in ids if self.registry.actors[i].get("country") == country]
                if country and len(chosen) == 1:
                    added.append(Hit(s, e, chosen[0]))
                    break
        return sorted(hits + added, key=lambda h: h.start) if added else hits

    def _country_of(self, key: str, proposals: dict[str, Found]) -> str | None:
        if key in self.registry.actors:
            return self.registry.actors[key].get("country")
        found = proposals.get(key)
        return found.country if found else None

    def _is_place(self, ident: str, form: _Form, text: str, m: re.Match[str]) -> bool:
        """A capital after "in", "at", "visited" ... is a place, not its government; so is a
        demonym that only says where a place is ("the Russian city of Yekaterinburg")."""
        if form.surface in DEMONYMS and _PLACE_NOUN.match(text, m.end()):
            return True
        aliases = self.registry.actors[ident].get("aliases") or []
        metonym = any(
            isinstance(a, dict) and a.get("name") == form.surface and a.get("kind") == "metonym"
            for a in aliases
        )
        if metonym and _LOCATIVE.search(text[max(0, m.start() - 12) : m.start()]):
            return True
        data = self.registry.actors[ident]
        return (
            data.get("kind") == "state"
            and ident not in self.registry.parties
            and _is_where(text, m.start())
        )

    def _choose(self, form: _Form, text: str, at: int, year: int | None = None) -> str | None:
        """Pick among actors sharing a form: its own name first, then the country named
        right before it ("India's foreign office" is not Pakistan's Foreign Office)."""
        adjacent = re.search(r"([A-Z][a-z]+)(?:'s|’s)?\s+$", text[max(0, at - 30) : at])
        codes = self._countries_in(adjacent.group(1)) if adjacent else []
        named = [i for i in form.ids if self.registry.actors[i]["name"] == form.surface]
        if len(named) == 1:
            return named[0]
        if len(form.ids) == 1:
            ident = form.ids[0]
            data = self.registry.actors[ident]
            own = data.get("country")
            if (
                form.fold_case
                and data.get("kind") != "state"
                and codes
                and own
                and codes[-1] != own
            ):
                return None
            return ident
        for ident in form.ids:
            if codes and self.registry.actors[ident].get("country") == codes[-1]:
                return ident
        return self._active_in(form.ids, year)

    def _active_in(self, ids: tuple[str, ...], year: int | None) -> str | None:
        """Of bodies of no country sharing a name (two courts of arbitration), the only one
        whose recorded events span the article's year. Bodies of a country are told apart by
        the country the sentence speaks of."""
        if year is None or any(self.registry.actors[i].get("country") for i in ids):
            return None
        active = [
            i for i in ids if (span := self.registry.active_years(i)) and span[0] <= year <= span[1]
        ]
        return active[0] if len(active) == 1 else None

    def _countries_in(self, context: str) -> list[str]:
        codes = []
        for m in re.finditer(r"[A-Z][a-z]+", context):
            word = m.group(0)
            if word in DEMONYMS:
                codes.append(DEMONYMS[word])
            else:
                state = next(
                    (
                        d
                        for d in self.registry.actors.values()
                        if d.get("kind") == "state" and d["name"] == word
                    ),
                    None,
                )
                if state and state.get("country"):
                    codes.append(state["country"])
        return codes

    # -- pattern proposals ----------------------------------------------------------------

    def _pattern_hits(
        self, text: str, start: int, blocked: list[tuple[int, int]], hits: list[Hit]
    ) -> tuple[list[Hit], dict[str, Found]]:
        proposals: dict[str, Found] = {}
        out: list[Hit] = []

        def propose(s: int, e: int, kind: str, country: str | None, single: bool = False) -> None:
            if text.endswith(("'s", "’s"), s, e):
                e -= 2
            if kind == "person":
                s, e = _trim_name(text, s, e)
            else:
                s, e = _trim_org(text, s, e)
                owner = re.search(r"['’]s?\s+(?P<next>\S+(?:\s+\S+)?)", text[s:e])
                if owner and _starts_with_title(owner.group("next")):
                    e = s + owner.start()  # "Ministry of Foreign Affairs’ Director General"
            if e <= s or any(s < b and a < e for a, b in blocked):
                return
            name = text[s:e]
            if kind == "person" and (" " not in name or _bad_name(name)):
                known = self._by_surname(name, hits, proposals)
                if known:
                    out.append(Hit(s, e, known))
                shared = len(self.by_surname.get(name, []))
                if known or not single or _bad_name(name) or shared > 1:
                    return  # "Mrs Gandhi" is one of the Gandhis known, not a new person
            known = (
                self.by_plain_name.get(_plain(name)) or self._same_person(name)
                if kind == "person"
                else None
            )
            if known:
                out.append(Hit(s, e, known))
                return
            inside = [h for h in hits if s <= h.start and h.end <= e]
            if inside and any(h.end == e or (h.start == s and h.end == e) for h in inside):
                return  # the registry already names this body or person
            if any(h.start < e and s < h.end and not (s <= h.start and h.end <= e) for h in hits):
                return
            key = "new:" + name
            longer = [k for k, f in proposals.items() if f.kind == kind and k.endswith(" " + name)]
            if kind != "person" and len(longer) == 1:
                key = longer[0]  # "the High Commission" after "the Pakistan High Commission"
            proposals.setdefault(key, Found(key, name, None, kind, country))
            out.append(Hit(s, e, key))

        title_re = "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True))
        titled = (
            rf"(?<![\w-])(?:{title_re}|{_PORTFOLIO})(?:\s+\((?:retd|retired)\.?\))?"
            rf"\s+(?P<name>{_NAME})"
        )
        for m in re.finditer(titled, text[start:]):
            s, e = start + m.start("name"), start + m.end("name")
            propose(s, e, "person", self._country_near(text, start + m.start()))
        roles = "|".join(ROLE_HEADS)
        appos = re.compile(
            rf"(?P<name>{_NAME}),\s+(?:the |a |an |its |{_WORD}{_POSSESSIVE} )?"
            rf"(?:[\w-]+\s+){{0,5}}?(?i:{roles})\b"
        )
        for m in appos.finditer(text, start):
            name = m.group("name")
            if " " in name and not _bad_name(name):
                propose(
                    m.start("name"),
                    m.end("name"),
                    "person",
                    self._country_near(text, m.end("name"), m.end()),
                )
        # "Mr Parthasarathi": an honorific makes a single word a person's name
        honoured = re.compile(r"\b(?:Mr|Mrs|Ms|Dr)\.?\s+(?P<name>[A-Z][a-z][\w'’-]+)\b(?!\s+[A-Z])")
        for m in honoured.finditer(text, start):
            propose(m.start("name"), m.end("name"), "person", None, single=True)
        said = re.compile(
            rf"(?P<name>{_NAME})(?:\s+(?:said|says|told|added|tweeted|wrote|noted)\b|"
            # "a letter to Tajuddin Ahmed, who heads ...": a relative "who" follows a person
            r",\s+who\s+(?:heads|leads|led|chairs|is|was|has|had)\b)"
        )
        # "said Pradeep Kumar Saxena, who ..."; "the aviation secretary, Shahrukh Nusrat, told"
        said_after = re.compile(rf"\b(?:said|says|added)\s+(?P<name>{_NAME})(?=,|\.)")
        role_first = re.compile(
            rf"\b(?i:{roles})\w*(?:\s+(?:of|for|on)\s+(?:the\s+)?{_WORD}(?:\s+{_WORD}){{0,2}})?"
            rf",\s+(?P<name>{_NAME})(?=,|\.|\s+(?:said|says|told)\b)"
        )
        for m in [*said.finditer(text, start), *said_after.finditer(text, start)] + [
            *role_first.finditer(text, start)
        ]:
            name = m.group("name")
            if " " in name and not _bad_name(name):
                propose(m.start("name"), m.end("name"), "person", None)
        heads = "|".join(re.escape(h) for h in sorted(ORG_HEADS, key=len, reverse=True))
        joiner = r"(?:\s+(?:of|for|and|on)(?:\s+the)?\s+|\s+|-)"
        joiner_last = r"(?:\s+(?:of|for|on)(?:\s+the)?\s+|\s+|-)"
        org_last = re.compile(rf"(?<![\w-])(?:{_WORD}{joiner_last}){{1,5}}(?:{heads})\b")
        org_first = re.compile(
            rf"(?<![\w-])(?:{heads})\s+of(?:\s+the)?\s+(?:{_WORD})"
            rf"(?:{joiner}{_WORD}){{0,4}}"
        )
        urdu = re.compile(
            rf"(?<![\w-])[{_UP}]\w+-(?:e|ul|ud|i|al|e-)-[{_UP}]\w+(?:-\w+)*"
            rf"(?:\s+[{_UP}]\w+)?"
        )
        for pattern in (org_last, org_first, urdu):
            for m in pattern.finditer(text, start):
                s, e = _strip_article(text, m.start(), m.end())
                head = next(
                    (
                        h
                        for h in ORG_HEADS
                        if text[s:e].endswith(h) or text[s:e].startswith(h + " ")
                    ),
                    None,
                )
                if pattern is urdu and re.search(r"\b(?:at|in|from)\s+(?:the\s+)?$", text[:s]):
                    continue  # "at the Aiwan-i-Sadr": a place, not a body
                kind = ORG_HEADS.get(head or "", "armed-group")
                if pattern is urdu or (e - s > len(head or "") + 2):
                    propose(s, e, kind, self._country_near(text, s, e))
        for m in _STATE_NAMES.finditer(text, start):
            s, e = m.start(), m.end()
            named_place = re.search(r"[A-Z]\w*\s*\($", text[max(0, s - 60) : s])
            if not (named_place or _is_where(text, s)):  # "Addu City (Maldives)", "in Nepal"
                propose(s, e, "state", None)
        return out, proposals

    def _country_near(self, text: str, start: int, end: int | None = None) -> str | None:
        context = text[max(0, start - 35) : end if end is not None else start]
        codes = self._countries_in(context)
        return codes[-1] if codes else None

    def _same_person(self, name: str) -> str | None:
        """The one registry person a fuller or differently spelt name stands for: the same
        last two words ("Kanwar Natwar Singh", "K. Natwar Singh"), or, in names of three
        words or more, the same first and last ("Khurshid Mahmood Kasuri")."""
        words = _name_words(name)
        if len(words) < 2:
            return None
        found = set()
        for ident, theirs in self.name_words.items():
            same_end = (
                theirs[-2:] == words[-2:]
                and len(theirs[-2]) > 1
                # "Shafqat Ali Khan" is not "Liaquat Ali Khan": the words before must agree
                and all(
                    _same_word(a, b) for a, b in zip(theirs[-3::-1], words[-3::-1], strict=False)
                )
            )
            long = max(len(theirs), len(words)) >= 3
            if same_end or (long and (theirs[0], theirs[-1]) == (words[0], words[-1])):
                found.add(ident)
        return found.pop() if len(found) == 1 else None

    def _by_surname(self, name: str, hits: list[Hit], proposals: dict[str, Found]) -> str | None:
        """A known person whose last name (or name) this is: earlier hits first."""
        last = name.split()[-1]
        for hit in reversed(hits):
            if hit.key in self.persons and self.persons[hit.key]["name"].split()[-1] == last:
                return hit.key
        for key, found in proposals.items():
            if found.kind == "person" and found.name.split()[-1] == last:
                return key
        matches = self.by_surname.get(last, [])
        return matches[0] if len(matches) == 1 else None

    def _surname_hits(
        self,
        text: str,
        start: int,
        blocked: list[tuple[int, int]],
        hits: list[Hit],
        proposals: dict[str, Found],
    ) -> list[Hit]:
        """Later mentions of a person by last name alone ("Mr Qureshi", "Baloch said"), or, for
        two-word names, by the other word ("Prime Minister Imran", "Zhang said") when no other
        person of the article has it."""
        people: dict[str, str] = {}
        first_seen: dict[str, int] = {}
        given: dict[str, set[str]] = {}
        for hit in hits:
            if hit.key in self.persons:
                names = [self.persons[hit.key]["name"]]
            elif hit.key in proposals and proposals[hit.key].kind == "person":
                names = [proposals[hit.key].name]
            else:
                continue
            # the article's own spelling too: "Sharief" after "Nawaz Sharief"
            written = text[hit.start : hit.end]
            if written != names[0] and written[:1].isupper():
                names.append(written)
            for name in names:
                last = name.split()[-1]
                if " " in name and last not in NOT_NAME:
                    people.setdefault(last, hit.key)
                    first_seen.setdefault(last, hit.start)
                words = name.split()
                if len(words) == 2 and len(words[0]) >= 4 and words[0] not in NOT_NAME:
                    given.setdefault(words[0], set()).add(hit.key)
                    first_seen.setdefault(words[0], hit.start)
        for word, keys in given.items():
            if len(keys) == 1 and word not in people:
                people[word] = next(iter(keys))
        taken = blocked + [(h.start, h.end) for h in hits]
        out = []
        for last, key in people.items():
            for m in re.finditer(rf"(?<![\w-]){re.escape(last)}(?![\w-])", text):
                span = (m.start(), m.end())
                if m.start() < first_seen[last] or any(
                    span[0] < b and a < span[1] for a, b in taken
                ):
                    continue
                if re.match(rf"\s+[{_UP}]", text[m.end() : m.end() + 2]):
                    continue  # part of a longer name
                out.append(Hit(span[0], span[1], key))
        return out

    # -- results --------------------------------------------------------------------------

    def _collect(self, text: str, hits: list[Hit], proposals: dict[str, Found]) -> dict[str, Found]:
        found: dict[str, Found] = {}
        for hit in hits:
            if hit.key not in found:
                if hit.key in proposals:
                    found[hit.key] = proposals[hit.key]
                else:
                    data = self.registry.actors[hit.key]
                    found[hit.key] = Found(
                        hit.key, data["name"], hit.key, data.get("kind"), data.get("country")
                    )
            mention = text[hit.start : hit.end]
            if mention not in found[hit.key].mentions:
                found[hit.key].mentions.append(mention)
        for item in found.values():
            item.stands_for = self._stands_for(item)
            if item.kind == "person" and item.stands_for == item.key:
                first = next(h for h in hits if h.key == item.key)
                body = next(
                    (
                        h
                        for h in reversed(hits)
                        if h.end <= first.start
                        and first.start - h.end <= 30
                        and h.key in self.registry.actors
                        and h.key not in self.persons
                        and not re.search(r"[.;\n]", text[h.end : first.start])
                    ),
                    None,
                )
                country = self._country_near(text, first.start)
                if body is not None:
                    item.stands_for = self.registry.state_of(body.key)
                else:
                    item.stands_for = (
                        country and self.registry.state_by_country(country)
                    ) or item.key
        return found

    def _stands_for(self, item: Found) -> str | None:
        if item.id is not None:
            if item.kind == "person":
                return self.registry.stands_for(item.id) or item.id
            top = self.registry.state_of(item.id)
            # a ministry speaks for its state; a UN organ for itself, not for the whole UN
            if top and self.registry.actors.get(top, {}).get("kind") == "state":
                return top
            return item.id
        if item.country:
            return self.registry.state_by_country(item.country) or item.key
        return item.key

    def _titles(self, text: str, start: int, hits: list[Hit]) -> dict[str, str]:
        """Titles the article gives its people ("Foreign Minister Shah Mahmood Qureshi")."""
        titles: dict[str, str] = {}
        people = [h for h in hits if h.key in self.persons or h.key.startswith("new:")]
        for title in TITLES:
            if title in _HONORIFICS or len(title) < 4:
                continue
            for m in re.finditer(rf"(?<![\w-]){re.escape(title)}\s+", text[start:]):
                end = start + m.end()
                hit = next((h for h in people if h.start == end), None)
                if hit is not None:
                    titles.setdefault(title.lower(), hit.key)
        return titles


def _merge(hits: list[Hit], new: list[Hit]) -> list[Hit]:
    """Pattern hits replace registry hits they contain (a party named after its state)."""
    merged = list(hits)
    for hit in sorted(new, key=lambda h: h.start - h.end):
        if any(h.start < hit.end and hit.start < h.end and h.key == hit.key for h in merged):
            continue
        merged = [h for h in merged if not (hit.start <= h.start and h.end <= hit.end)]
        if any(h.start < hit.end and hit.start < h.end for h in merged):
            continue
        merged.append(hit)
    return merged


def _trim_name(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop words that cannot belong to a name from the end of a candidate name."""
    words = list(re.finditer(r"\S+", text[start:end]))
    while words and words[-1].group(0).rstrip(".,") in NOT_NAME:
        words.pop()
    while words and (words[0].group(0) in NOT_NAME or words[0].group(0) in PORTFOLIO_WORDS):
        words.pop(0)
    if not words:
        return start, start
    return start + words[0].start(), start + words[-1].end()


_DATE_WORDS = re.compile(
    r"(?:\s+(?:on|in|last|this|next)?\s*(?:Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday|January|February|March|April|May|"
    r"June|July|August|September|October|November|December))+$"
)


def _trim_org(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop trailing date words ("Ministry of External Affairs on Thursday")."""
    match = _DATE_WORDS.search(text, start, end)
    return (start, match.start()) if match else (start, end)


# Spellings of the same sound in romanised South Asian names: Sharief/Sharif, Mahmood/Mahmud
_SPELLINGS = (("ee", "i"), ("ie", "i"), ("oo", "u"), ("aa", "a"))


def _is_where(text: str, at: int) -> bool:
    """Whether a state named at `at` is where something happens or someone went ("talks in
    Nepal", "a trip to Russia"), not who acts."""
    return bool(
        _TRAVEL.search(text[max(0, at - 60) : at]) or _IN_PLACE.search(text[max(0, at - 12) : at])
    )


def _same_word(a: str, b: str) -> bool:
    """Two words of a name that can be one: equal, or one the other's initial."""
    return a == b or ((len(a) == 1 or len(b) == 1) and a[:1] == b[:1])


def _name_words(name: str) -> list[str]:
    words = []
    for word in name.split():
        folded = word.strip(".").lower()
        for spelling, sound in _SPELLINGS:
            folded = folded.replace(spelling, sound)
        words.append(folded)
    return words


def _plain(name: str) -> str:
    return re.sub(r"[\s.]+", "", name).lower()


_TITLE_STARTS = tuple(t.lower() for t in [*TITLES, *ROLE_HEADS])


def _starts_with_title(words: str) -> bool:
    """Whether words open with a title or role ("Director General", "spokesman")."""
    return words.lower().startswith(_TITLE_STARTS)


def _bad_name(name: str) -> bool:
    words = name.split()
    return any(
        w in NOT_NAME
        or w in ORG_HEADS
        or (w.isupper() and len(w.rstrip(".")) > 1 and not _INITIALS_WORD.fullmatch(w))
        for w in words
    )


def _strip_article(text: str, start: int, end: int) -> tuple[int, int]:
    for lead in ("The ", "the ", "A ", "An "):
        if text.startswith(lead, start):
            start += len(lead)
    return start, end
