"""Positions: quoted or reported speech, with its speaker and the actor the speaker stands for.

Quotes are always exact spans of the article. Direct quotes of five words or more are
positions in their own right; shorter ones are scare quotes inside reported speech.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from indopak.curate.extract.actors import ActorIndex, Hit
from indopak.curate.extract.gazetteer import DEMONYMS, ROLES
from indopak.curate.extract.text import Sentence, trim_span

_QUOTE = re.compile(r"“[^”\n]+”|\"[^\"\n]+\"")
_VERBS = (
    r"said|says|say|told|tells|stated|added|asserted|alleged|claimed|claims|maintained|"
    r"insisted|insists|warned|warns|urged|urges|asked|asks|demanded|sought|seeks|"
    r"rejected|rejects|denied|denies|accused|accuses|condemned|condemns|welcomed|"
    r"welcomes|pleaded|wrote|writes|noted|stressed|emphasi[sz]ed|reiterated|declared|"
    r"announced|argued|vowed|requested|made it clear|called for|called on|calls for|"
    r"appealed|described|dismissed|termed|hinted|threatened|blamed|backed|opposed|"
    r"expressed|conveyed|informed|tweeted|posted|clarified|responded|replied|"
    r"appreciated|praised|hailed|lauded|criticised|criticized|slammed|stressed|"
    r"went on to (?:claim|say|add|allege)|called (?=(?:it|this|that|the|a|an|his|her|their|its)\b)|"
    # "called Pakistan a \"terrorist state\"": calling something by quoted words
    r"called (?=[^.;\"“”]{0,90}[\"“])|put forward|pressed for|felt|"
    # "repeated his formula that", not "India's repeated violations"
    r"(?:repeated|restated)(?= (?:that|his|her|its|their|the|a|an|this)\b| ?[\"“:])|"
    r"holds that|suspects?|"
    r"blames|complained|complains|proposed|proposes|suggested|suggests|objected|objects|"
    r"voiced|deplored|deplores|regretted|regrets|assured|assures|promised|pledged|"
    r"affirmed|reaffirmed|acknowledged|admitted|confirmed|brushed aside|ruled out|"
    r"refused to accept|explained|recalled|cautioned|offered|offers|mooted|wanted|wants|"
    r"asking|saying|urging|demanding|refused to|objected to|assuring|stressing|insisting|"
    r"warning|adding|arguing|reiterating|declaring|claiming|alleging|accusing|calling for|citing|"
    r"pinned (?:the )?(?:responsibility|blame)|held (?:\w+ )?responsible|(?:hit|lashed) out at|"
    # the other forms of the verbs above, where they are not more often nouns ("notes",
    # "requests"), and common reporting verbs
    r"asserts|alleges|maintains|accused|accuses|pleads|stresses|emphasi[sz]es|reiterates|"
    r"declares|announces|argues|vows|describes|dismisses|threatens|opposes|expresses|"
    r"conveys|informs|clarifies|responds|appreciates|praises|hails|lauds|critici[sz]es|"
    r"slams|affirms|reaffirms|acknowledges|admits|confirms|explains|cautions|"
    r"observed|observes|remarked|remarks that|contended|contends|underlined|underlines|"
    r"underscored|highlighted|pointed out|points out|conceded|concedes|questioned|disputed|"
    r"commented|telling|stating|asserting|maintaining|noting|emphasi[sz]ing|describing|"
    r"terming|expressing|conveying|welcoming|condemning|rejecting|denying|blaming|"
    r"criticising|criticizing|threatening|vowing|pledging|promising|proposing|suggesting|"
    r"requesting|appealing|explaining|confirming|acknowledging|admitting|pointing out"
)
_SPEECH = re.compile(rf"\b(?:{_VERBS})\b")
# Verbs that close an attribution ("..., the minister stressed"); others take an object.
_CLOSING_VERBS = (
    r"said|says|told|tells|stated|added|asserted|alleged|claimed|claims|maintained|insisted|"
    r"insists|warned|warns|noted|stressed|emphasi[sz]ed|reiterated|declared|announced|argued|"
    r"tweeted|posted|wrote|writes|clarified|responded|replied|explained|recalled|confirmed|"
    r"cautioned|observed|remarked|felt|suggested|admitted|acknowledged"
)
# ", the foreign office said today." closing a sentence: a short subject, then at most a
# few words of time or manner (not "as ..." or "that ...", which start a new clause).
_FINAL = re.compile(
    rf",\s*(?P<subj>(?:[^\s,\"“”]+\s+){{0,6}}?[^\s,\"“”]+)\s+(?:{_CLOSING_VERBS})\b"
    r"(?P<tail>(?:\s+(?!as\b|that\b)[^\s,\"“”]+){0,6})[.!?]?[\"”]?$"
)
_NOT_SPEECH = re.compile(
    r"^\s+(?:responsibility|the attack|the (?:bombing|strike|killing)s?|"
    r"credit)\b"
)
_PASSIVE_SPEECH = re.compile(r"\b(?:was|were|been|being|is|are)\s+$")
_RELATIVE = re.compile(r",\s+(?:which|who|whose|meeting|chaired)\b[^,]*,")
_ACCORDING = re.compile(r"^According to (?P<subj>[^,]{2,90}),\s*")
# "the ministry said": the body of that kind named last before.
_BODY_KINDS = {
    "ministry": {"ministry"},
    "foreign office": {"ministry"},
    "office": {"ministry", "government"},
    "committee": {"government", "agency"},
    "council": {"international-organization", "government", "agency"},
    "government": {"government", "state"},
    "court": {"tribunal", "judiciary"},
    "military": {"military"},
    "army": {"military"},
    "bank": {"international-organization"},
}
_BODY = re.compile(
    r"\bthe (ministry|foreign office|office|committee|council|government|court|"
    r"military|army|bank)\b"
)
# "..., a charge Islamabad denies", "..., an attack India blames on X": another party's denial
# or attribution closing a sentence
_COUNTER = re.compile(
    r"\s*[,;—–-]\s*(?P<claim>(?:(?:a|an)\s+(?:charge|claim|allegation|accusation|assertion|"
    r"attack|strike|bombing|killing|incident|move|decision|step|argument)s?\s+(?:that\s+)?|"
    r"something\s+|which\s+)"
    r"(?P<subj>(?:[^,.;]|(?<=\bM[rs])\.|(?<=\bMrs)\.|(?<=\bDr)\.){2,60}?)\s+"
    r"(?:(?:has|have|had)\s+)?(?:den(?:y|ies|ied)|reject(?:s|ed)?|disput(?:e|es|ed)|dismiss(?:es|ed)?|"
    # "a move New Delhi had termed \"pre-mature\"": another's verdict on it
    r"blam(?:e|es|ed)\s+on|call(?:s|ed)?|term(?:s|ed)?|describ(?:es|ed))\b[^.;]*)[.]?$"
)
# "a joint statement said", "both sides reaffirmed": the words of the two parties together
_JOINT = re.compile(
    r"\b(?:(?:a|the) joint (?:statement|declaration|communiqu[eé])|both (?:sides|countries|"
    r"governments|nations)|the two (?:sides|countries|governments|nations|delegations|"
    r"neighbou?rs))\b",
    re.I,
)
# "the statement said" after the joint statement just quoted: the same two parties
_SAME_STATEMENT = re.compile(r"\b(?:the (?:statement|declaration|communiqu[eé])|it)\b", re.I)
_STATEMENT_NAMED = re.compile(
    r"\b(?P<joint>joint\s+)?(?:statement|declaration|communiqu[eé])\b", re.I
)
# what follows a closing speech verb when it says nothing more: when, where, how
_ONLY_CIRCUMSTANCE = re.compile(
    r"\s+(?:on|in|at|to|during|via|through|early|late|earlier|later|yesterday|today)\b"
    r"[^,;:\"“”]*$",
    re.I,
)
_OPENING_PHRASE = re.compile(
    r"(?:In|On|At|During|After|Before|Speaking|Addressing|Talking|Later|Earlier|Meanwhile|"
    r"However|Separately|Responding|Replying)\b"
)
_REPORTING = {"said", "says", "told", "added", "stated", "tweeted", "wrote", "posted", "noted"}
NEAR_END = 40
_ATTRIBUTION = re.compile(
    r"\b(?:according to|in (?:a|his|her|its|their) (?:statement|tweet|post|letter|speech|"
    r"message|interview)|quoted|reads?|read out|wrote|statement)\b|:\s*$",
    re.I,
)
# "the Pakistani premier", "Pakistan's army chief": a role named through its country
_NATIONAL_ROLE = re.compile(
    r"\b(?:(?P<the>[Tt]he )?(?P<country>[A-Z][a-z]+)(?(the)|['’]s)) (?:new |top )?"
    r"(?P<role>(?i:" + "|".join(sorted(ROLES, key=len, reverse=True)) + r"|minister|envoy|"
    r"ambassador|leader))\b"
)
_OWN_BODY = re.compile(r"\bthe (?:foreign |external affairs )?ministry\b(?! of)")
_HERE = re.compile(
    r"\b(?:officials?|sources|authorities|diplomats?|observers|spokes(?:man|woman|person))"
    r"\s+(?:here|in the capital)\b",
    re.I,
)
_SAID_NEXT = re.compile(
    rf"(?<=[,?!][\"”])\s+(?:[\w.'’-]+\s+){{1,6}}?(?:{_CLOSING_VERBS})\b|"
    rf"(?<=[,?!][\"”])\s+(?:{_CLOSING_VERBS})\s+[A-Z]"
)
_INNER_VERB = re.compile(
    rf"\s+(?:(?:had|has|have|also|then|later|earlier|again)\s+)*(?:{_VERBS})\b"
)
_LEADS_IN = re.compile(rf"\b(?:{_VERBS})\b[^.\"“”]{{0,40}}?(?:\bthat|:)\s*$")
_ASIDE_BEFORE = re.compile(r"(?:^|,\s+)(?P<subject>[^,]{2,60}),\s+[a-z]+ing\b[^,]{0,60},\s*$")
_ADDING = re.compile(r",\s+adding(?:\s+that)?\s+(?=[a-z])")
_PRONOUN = re.compile(r"\b(?:He|She|he|she)\b")
# "it added", "the official said": the speaker named last
_ANAPHOR = re.compile(
    r"\b(?:[Ii]t|[Tt]hey|[Tt]he (?:official|spokesperson|spokesman|spokeswoman|minister|"
    r"statement))\b"
)
# "said (on Monday|in a statement|to reporters ...) that": a time, place or audience before
# "that", not a clause of its own ("said Islamabad opposed any action that ...")
_THAT = re.compile(
    r"^(?:that\s+|(?:in|on|at|to|during|after|before|late|early|earlier|later|last|this|"
    r"the|a|an|his|her|their|its|reporters|journalists|lawmakers|parliament)\b"
    r"[^,.\"“”]{0,50}?\sthat\s+)",
    re.I,
)


@dataclass
class Position:
    actor: str | None  # key of the actor whose stance it is
    speaker: str | None  # key of the person who said it
    quote: tuple[int, int]
    sentence: Sentence


class PositionFinder:
    def __init__(
        self,
        text: str,
        sentences: list[Sentence],
        actors: ActorIndex,
        person_keys: set[str],
        parties: Sequence[str] = (),
        here: str | None = None,
    ) -> None:
        self.text = text
        self.sentences = sentences
        self.actors = actors
        self.persons = person_keys
        self.parties = tuple(parties)  # who speaks in "a joint statement" of the two
        self.here = here  # the state of the dateline's city: "officials here"
        self.last_speaker: str | None = None
        self.last_joint = False  # the last position was the two parties' joint words
        # where the article names a statement, and whether it was a joint one
        self.statements = [
            (m.end(), bool(m.group("joint"))) for m in _STATEMENT_NAMED.finditer(text)
        ]

    def find(self) -> list[Position]:
        # A direct quote opens with a capital; a lower-case one is a fragment quoted inside
        # reported speech ('said it would respond "at the time and place of its choosing"').
        long_quotes = (
            [
                m.span()
                for m in _QUOTE.finditer(self.text, self.sentences[0].start)
                if m.group(0)[1:2].isupper()
                and (
                    len(m.group(0).split()) >= 5
                    # '"They are finished," Asif said.': a short sentence with its speaker
                    or (len(m.group(0).split()) >= 3 and _SAID_NEXT.match(self.text, m.end()))
                )
            ]
            if self.sentences
            else []
        )
        out: list[Position] = []
        done: set[tuple[int, int]] = set()
        for sentence in self.sentences:
            quotes = [q for q in long_quotes if q[0] < sentence.end and sentence.start < q[1]]
            if quotes:
                for quote in quotes:  # '"...," she said, adding: "..."': each its position
                    if quote not in done:
                        done.add(quote)
                        out += self._direct(quote)
                out += self._added(sentence, quotes[-1][1])
                continue
            counter = _COUNTER.search(sentence.text)
            main = sentence
            if counter:
                cut = counter.start()
                main = Sentence(
                    sentence.start, sentence.start + cut, sentence.text[:cut], sentence.paragraph
                )
            for clause in _clauses(main):
                out += self._reported(clause)
            if counter:
                out += self._counter(sentence, counter)
        return out

    def _counter(self, sentence: Sentence, counter: re.Match[str]) -> list[Position]:
        """'..., a charge Islamabad denies': the denial is a position of its own, and so is
        each later clause with a speaker ("an incident New Delhi blamed on X and Islamabad
        denied")."""
        at = sentence.start
        claim = Sentence(
            at + counter.start("claim"), sentence.end, counter.group("claim"), sentence.paragraph
        )
        first, *rest = _clauses(claim)
        speaker = self._speaker_in((at + counter.start("subj"), at + counter.end("subj")))
        out = (
            []
            if speaker is None
            else [self._make(speaker, trim_span(self.text, first.start, first.end), sentence)]
        )
        for clause in rest:
            out += self._reported(clause)
        return out

    # -- direct quotes ----------------------------------------------------------------------

    def _direct(self, quote: tuple[int, int]) -> list[Position]:
        first = next(s for s in self.sentences if s.end > quote[0])
        last = next(s for s in reversed(self.sentences) if s.start < quote[1])
        after = (quote[1], last.end)
        before = (first.start, quote[0])
        speaker = None
        inner = trim_span(self.text, quote[0] + 1, quote[1] - 1)
        if self._continues_joint(after):
            return self._joint(self.text[after[0] : after[1]], inner, first, together=True)
        # 'X told the Council that "..." since August 5, and asked ...': the verb leading into
        # the quote attributes it, not a later clause
        leads_in = _LEADS_IN.search(self.text, before[0], before[1])
        for span in (before, after) if leads_in else (after, before):
            words = self.text[span[0] : span[1]]
            # the side that attributes it: a speech verb ('..., following which "..." and X
            # went back' names no speaker)
            if span[1] - span[0] > 1 and (_SPEECH.search(words) or _ATTRIBUTION.search(words)):
                speaker = self._speaker_in(span, opens=first.start)
                if speaker:
                    break
        around = self.text[after[0] : after[1]] + self.text[before[0] : before[1]]
        if (
            speaker is None
            and self.last_speaker
            # "he said", or a quote standing alone: the speaker quoted last goes on
            and (_PRONOUN.search(around) or not re.search(r"[A-Za-z]", around))
        ):
            speaker = self.last_speaker
        if speaker is None:
            said = self.text[after[0] : after[1]] + self.text[before[0] : before[1]]
            return self._joint(said, inner, first)
        return [self._make(speaker, inner, first)]

    def _added(self, sentence: Sentence, after: int) -> list[Position]:
        """'"...," Qureshi told reporters, adding that the next meeting would be held ...':
        words the speaker of the quote went on to report, after the last quote."""
        adding = _ADDING.search(self.text, max(after, sentence.start), sentence.end)
        if (
            adding is None
            or self.last_speaker is None
            or _QUOTE.search(self.text, adding.end(), sentence.end)
        ):
            return []
        span = trim_span(self.text, adding.end(), sentence.end)
        if span[1] - span[0] < 15:
            return []
        return [self._make(self.last_speaker, span, sentence)]

    # -- reported speech ---------------------------------------------------------------------

    def _reported(self, sentence: Sentence) -> list[Position]:
        text = sentence.text
        final = _FINAL.search(text)
        if final:
            subj = (sentence.start + final.start("subj"), sentence.start + final.end("subj"))
            said = trim_span(self.text, sentence.start, sentence.start + final.start())
            if self._continues_joint(subj):
                return self._joint(final.group("subj"), said, sentence, together=True)
            speaker = self._speaker_in(subj)
            if speaker:
                return [self._make(speaker, said, sentence)]
            joint = self._joint(final.group("subj"), said, sentence)
            if joint:
                return joint
        according = _ACCORDING.match(text)
        if according:
            subj = (
                sentence.start + according.start("subj"),
                sentence.start + according.end("subj"),
            )
            speaker = self._speaker_in(subj)
            said = trim_span(self.text, sentence.start + according.end(), sentence.end)
            if speaker:
                return [self._make(speaker, said, sentence)]
            joint = self._joint(
                according.group("subj") + " " + text[according.end() :], said, sentence
            )
            if joint:
                return joint  # "According to a joint statement, the two sides agreed ..."
        for verb in _SPEECH.finditer(text):
            pre = text[: verb.start()]
            if _QUOTE.search(pre):
                continue
            if verb.group(0).endswith("ing") and pre.rstrip().endswith(","):
                # "Pakistan on Sunday allowed its team to travel, saying that ...": the
                # main clause's subject says it
                speaker = self._speaker_in(_subject_span(sentence))
                rest = verb.end()
                that = re.match(r"\s*that\s+", text[rest:])
                span = trim_span(
                    self.text, sentence.start + rest + (that.end() if that else 0), sentence.end
                )
                if speaker and span[1] - span[0] >= 15:
                    return [self._make(speaker, span, sentence)]
                continue
            aside = _ASIDE_BEFORE.search(pre)
            long_opening = len(_RELATIVE.sub("", pre).split()) > 16
            if long_opening and aside:
                # "..., the Prime Minister, referring to the Kashmir issue, said": the subject
                # before the aside
                offset = aside.start("subject")
                pre = pre[offset:]
            elif long_opening:
                # "..., a day after New Delhi said ...": the subject of the last clause
                cut = pre.rfind(", ")
                if cut == -1 or len(pre[cut:].split()) > 8:
                    continue
                pre = pre[cut + 2 :]
                offset = cut + 2
            else:
                offset = 0
            if verb.group(0).startswith("claim") and _NOT_SPEECH.match(text[verb.end() :]):
                continue
            if _PASSIVE_SPEECH.search(text[: verb.start()]) or (
                verb.group(0) in ("told", "asked", "urged", "sought", "seeks")
                and text[verb.end() :].startswith(" to ")
            ):
                continue  # "were told to leave": spoken to; "sought to formulate": tried to
            speaker = self._speaker_in((sentence.start + offset, sentence.start + verb.start()))
            if speaker is None and offset and re.fullmatch(r"\s*and\s+(?:also\s+)?", pre):
                # "X came to Lahore today to give ..., and said that ...": X, the first named
                named = self.actors.in_span(sentence.start, sentence.start + verb.start())
                speaker = named[0].key if named else None
            if speaker is None and not _JOINT.search(pre):
                continue
            rest = verb.end()
            that = _THAT.match(text[rest:].lstrip())
            if that:
                rest = len(text) - len(text[rest:].lstrip()) + that.end()
            span = trim_span(self.text, sentence.start + rest, sentence.end)
            lead = text.rfind(", ", 0, verb.start())
            if (
                lead > 0
                and verb.group(0) in _REPORTING
                and _ONLY_CIRCUMSTANCE.match(text, rest)
                and len(text[:lead].split()) >= 4
                and not _OPENING_PHRASE.match(text)
            ):
                # "X violated the LoC, the spokesman said on his Twitter account early on
                # Tuesday": what was said is the clause before the attribution
                span = trim_span(self.text, sentence.start, sentence.start + lead)
            if verb.group(0) in (
                "rejected",
                "rejects",
                "sought",
                "seeks",
                "urged",
                "urges",
                "asked",
                "asks",
                "denied",
                "denies",
                "called for",
                "called on",
                "condemned",
                "welcomed",
                "dismissed",
            ):
                span = trim_span(
                    self.text, sentence.start + offset + _subject_start(pre), sentence.end
                )
            if span[1] - span[0] < 15:
                continue
            if speaker is None:
                return self._joint(pre, span, sentence)
            both = self._coordinated(sentence.start + offset, sentence.start + verb.start())
            if len(both) > 1:
                return [self._make(who, span, sentence) for who in both]
            return [self._make(speaker, span, sentence)]
        return []

    def _coordinated(self, start: int, end: int) -> list[str]:
        """Two speakers joined by "and" right before the verb ("China and the US urged",
        "Manmohan Singh and his Pakistani counterpart Yousuf Raza Gilani said"): both."""
        hits = [  # "his Pakistani counterpart": an adjective, not a speaker
            h for h in self.actors.in_span(start, end) if self.text[h.start : h.end] not in DEMONYMS
        ]
        if len(hits) < 2 or len(self.text[hits[-1].end : end].split()) > 3:
            return []  # the second speaker stands right before the verb ("... on Thursday")
        first, second = hits[-2], hits[-1]
        # "Hari Narayan, who led his country's delegation, and his Pakistani counterpart"
        joined = _RELATIVE.sub("", self.text[first.end : second.start], count=1)
        # "Mr Agha Shahi, and his Indian counterpart, Mr P. V. Narasimha Rao, announced"
        if not re.fullmatch(r",?\s+and\s+(?:the\s+)?(?:[\w'’.-]+,?\s+){0,4}", joined):
            return []
        keys = [first.key, second.key]
        return keys if len({self._side(k) for k in keys}) == 2 else []

    def _side(self, key: str) -> str:
        found = self.actors.found.get(key)
        return (found.stands_for or key) if found is not None else key

    # -- speakers ---------------------------------------------------------------------------

    def _speaker_in(self, span: tuple[int, int], opens: int | None = None) -> str | None:
        """The actor named in an attribution: a person first, then a body or a state."""
        words = self.text[span[0] : span[1]]
        clauses = [(span[0] + m.start(), span[0] + m.end()) for m in _RELATIVE.finditer(words)]
        hits: list[Hit] = [
            h
            for h in self.actors.in_span(*span)
            if not any(a <= h.start and h.end <= b for a, b in clauses)
        ]
        people = [h for h in hits if h.key in self.persons]
        verb = _SPEECH.search(words)
        if people:
            # "Misri said, describing what Modi told Trump": the subject of the first verb;
            # "Dar briefed Wang and said": the first person of its clause, not a possessor.
            # A span with no verb ends where the verb of a reported clause stands.
            at = verb.start() if verb is not None else len(words)
            cut = span[0] + at
            clause = span[0] + max(words.rfind(",", 0, at), words.rfind(";", 0, at)) + 1
            ahead = [h for h in people if clause <= h.start < cut] or [
                h for h in people if h.start < cut
            ]
            owners = [h for h in ahead if not re.match(r"['’]s\b", self.text[h.end : h.end + 2])]
            if owners:
                return owners[0].key
            if not ahead and verb is not None:
                # '"...," said Ramesh Singh Arora': the subject follows the verb; after a
                # subject of its own ('the prime minister said at a meeting with X'), none
                inverted = not re.search(r"\w", words[: verb.start()])
                people = [h for h in people if h.start >= cut][:1] if inverted else []
                if people:
                    return people[0].key
        if people:
            return people[-1].key
        lowered = words.lower()
        if (
            not hits
            and _OWN_BODY.search(lowered)
            and self.last_speaker is not None
            and self.last_speaker not in self.persons
        ):
            return self.last_speaker  # "the foreign ministry said": of the state just speaking
        national = _NATIONAL_ROLE.search(words)
        country = self._country_named(span[0] + national.start("country")) if national else None
        if national and country:
            holder = self.actors.roles.get((country, national.group("role").lower()))
            if holder:
                return holder  # "Pakistan's president has rejected": the president it names
            person = self._person_of(country, span[0]) if national.group("the") else None
            if person:
                return person  # "the Pakistani premier added": the Pakistani named before
        for title, key in self.actors.titles.items():
            if re.search(rf"\bthe\b[\w\s'’-]{{0,30}}\b{re.escape(title)}\b", lowered):
                return key
        if _PRONOUN.search(words) and self.last_speaker in self.persons:
            # `opens`: where the quote's first sentence starts ("he" is no one it names)
            return self._subject_before(span[0] if opens is None else opens) or self.last_speaker
        body = _BODY.search(lowered)
        if body:
            kinds = _BODY_KINDS[body.group(1)]
            named = [h for h in hits if self.actors.found[h.key].kind in kinds]
            if named:
                return named[-1].key
            earlier = [
                h
                for h in self.actors.hits
                if h.start < span[0] and self.actors.found[h.key].kind in kinds
            ]
            if earlier:
                return earlier[-1].key
        if hits:
            # the subject of the speech verb: the body named last before it ("Pakistan's
            # foreign office said in a statement, blaming India"), or first after it
            if verb is not None:
                # the verb next to the quote: the last one when the words end with it
                last = list(_SPEECH.finditer(words))[-1]
                said = last if len(words) - last.end() < NEAR_END else verb
                subject = [h for h in hits if h.start < span[0] + said.start()]
                return subject[-1].key if subject else hits[0].key
            return hits[-1].key
        if _HERE.search(words) and self.here is not None:
            return self.here
        if _ANAPHOR.search(words) and self.last_speaker is not None:
            return self.last_speaker
        if _PRONOUN.search(words):
            earlier = [h for h in self.actors.hits if h.key in self.persons and h.start < span[0]]
            return earlier[-1].key if earlier else None
        return None

    def _subject_before(self, at: int) -> str | None:
        """The person the sentence before `at` is about, when it reports no words ("Sharif
        made the remarks on Tuesday. '...,' he said."): "he" is that person."""
        earlier = [s for s in self.sentences if s.end <= at]
        if not earlier or _SPEECH.search(earlier[-1].text):
            return None
        sentence = earlier[-1]
        people = [
            h for h in self.actors.in_span(sentence.start, sentence.end) if h.key in self.persons
        ]
        # its subject: a person named first, after at most a title ("Pakistan Prime Minister")
        if not people or people[0].start - sentence.start > 40:
            return None
        return people[0].key

    def _country_named(self, at: int) -> str | None:
        """The country of the state or demonym named at a point."""
        hit = next((h for h in self.actors.hits if h.start == at), None)
        return self._country(hit.key) if hit is not None else None

    def _person_of(self, country: str, before: int) -> str | None:
        """The one person of a country the article has named before a point."""
        people = {
            h.key
            for h in self.actors.hits
            if h.start < before
            and h.key in self.persons
            and self.actors.found[h.key].stands_for
            and self._country(self.actors.found[h.key].stands_for) == country
        }
        return people.pop() if len(people) == 1 else None

    def _country(self, key: str | None) -> str | None:
        found = self.actors.found.get(key or "")
        return found.country if found is not None else None

    def _continues_joint(self, span: tuple[int, int]) -> bool:
        """ "the statement said", naming no one, right after the parties' joint words."""
        words = self.text[span[0] : span[1]]
        if not _SAME_STATEMENT.search(words) or self.actors.in_span(*span):
            return False
        if self.last_joint:
            return True
        # "the statement said" when the statement named last before was a joint one
        named = [joint for end, joint in self.statements if end <= span[0]]
        return bool(named) and named[-1] and "the statement" in words.lower()

    def _joint(
        self, words: str, span: tuple[int, int], sentence: Sentence, together: bool = False
    ) -> list[Position]:
        """The same words as a position of each party, when the two speak together ("a joint
        statement said", "both sides reaffirmed", or `together` known already) and the
        article names both."""
        named = len(self.parties) >= 2 and all(p in self.actors.found for p in self.parties)
        if not named or not (together or _JOINT.search(words)):
            return []
        made = [self._make(party, span, sentence) for party in self.parties]
        self.last_joint = True
        return made

    def _inner_speaker(self, span: tuple[int, int]) -> str | None:
        """The person the reported words open with, when a speech verb follows them."""
        hits = self.actors.in_span(*span)
        if not hits or hits[0].key not in self.persons or hits[0].start - span[0] > 40:
            return None
        if re.search(r"[,;:\"“”]", self.text[span[0] : hits[0].start]):
            return None
        verb = _INNER_VERB.match(self.text, hits[0].end)
        return hits[0].key if verb else None

    def _make(self, speaker: str, span: tuple[int, int], sentence: Sentence) -> Position:
        if speaker not in self.persons:
            # "the Foreign Office said Dar had rejected ...": the stance is the person's the
            # body reports on
            speaker = self._inner_speaker(span) or speaker
        self.last_speaker = speaker
        self.last_joint = False
        found = self.actors.found.get(speaker)
        if found is not None and found.kind == "person":
            return Position(found.stands_for, speaker, span, sentence)
        actor = found.stands_for if found is not None else speaker
        return Position(actor, None, span, sentence)


# A second clause with a named subject of its own that speaks: "... blamed on the army and
# Islamabad denied", "...; Islamabad has rejected the charge", "..., hours after New Delhi
# rejected any talk of a deal", "..., while India asked for a neutral expert".
_JOINER = (
    r"(?:;|,?\s+(?:and|while|whereas|but)|,\s+(?:(?:hours|a day|days|a week|weeks) )?"
    r"(?:after|as|when))\s+"
)
_NEXT_CLAUSE = re.compile(
    rf"{_JOINER}(?=(?:[A-Z][\w'’.-]+\s+){{1,5}}"
    # "while Indian authorities publicly described it as ..."
    r"(?:(?:officials|authorities|sources|diplomats|leaders)\s+)?"
    rf"(?:(?:has|have|had|also|again|separately|publicly|\w+ly)\s+)*(?:{_VERBS})\b)"
)


def _clauses(sentence: Sentence) -> list[Sentence]:
    """The sentence cut before each clause whose named subject speaks, joiners left out."""
    quoted = [q.span() for q in _QUOTE.finditer(sentence.text)]
    joins = [  # "and Mr. Shastri made it clear" inside a quote is the quote's own clause
        m
        for m in _NEXT_CLAUSE.finditer(sentence.text)
        if not any(a < m.start() < b for a, b in quoted)
    ]
    starts = [0] + [m.end() for m in joins]
    ends = [m.start() for m in joins] + [len(sentence.text)]
    return [
        Sentence(sentence.start + a, sentence.start + b, sentence.text[a:b], sentence.paragraph)
        for a, b in zip(starts, ends, strict=True)
    ]


def _subject_span(sentence: Sentence) -> tuple[int, int]:
    """The subject of a sentence's main clause: its words up to the first comma or verb."""
    words = sentence.text[:80]
    stop = re.search(r",|\b(?:on|has|have|had|was|were|is|are|will|would)\b|\b\w+ed\b", words)
    return sentence.start, sentence.start + (stop.start() if stop else len(words))


def _subject_start(pre: str) -> int:
    """Where the subject of a clause starts: after an opening phrase such as "In his letter,"."""
    comma = pre.rfind(", ")
    return comma + 2 if comma != -1 and len(pre[comma:].split()) > 1 else 0
