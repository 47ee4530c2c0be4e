"""PLOVER event types read from the words of an event's sentence.

A sentence often holds several actions ("closed the crossing ... a day after New Delhi put
the treaty in abeyance"); the one a date expression dates is the trigger nearest to it in the
same clause. Reporting verbs are never triggers: a date that dates a reporting verb ("said on
Monday that it rejected ...", "..., the spokesman told reporters on Thursday") dates what was
said, typed by its first action word, a denial typed as a rejection.
"""

from __future__ import annotations

import re

# Per type, the words that trigger it; on equal distance the earlier type wins.
_TYPES: list[tuple[str, str]] = [
    (
        "ASSAULT",
        r"attack\w*|kill\w*|bomb\w*|air ?strikes?|struck|strikes? on|shell\w*|"
        r"exchang\w* (?:of )?(?:fire|firing)|trad(?:e|ed|ing) (?:heavy )?(?:fire|gunfire)|"
        r"fir(?:ed|ing) "
        r"on|opened fire|ambush\w*|shot down|suicide|gunmen|raids?|fighting|clash\w*|"
        r"downed|explo(?:sions?|ded?)|blasts?|set (?:fire|ablaze)|strikes|shot dead|"
        r"gunned down|massacr\w*|wounded|injured|artillery|mortars?|wars?|went off|goes off|"
        r"detonat\w*|hanged|executed|strafe\w*|fired (?:at|on|upon)|"
        r"(?:cross-border|heavy|unprovoked|intense) (?:firing|shelling)|"
        r"strike (?:on|against|across)",
    ),
    (
        "SANCTION",
        r"expel\w*|expulsions?|suspend\w*|suspension|downgrad\w*|recall\w*|calling back|"
        r"abeyance|closure|br(?:oke|oken|eaks?|eaking) off|"
        r"ban(?:ned|s)?|closed|clos(?:e|ing) (?:the|its|down)|shut\w*|sever\w*|halt\w*|"
        r"persona non grata|revok\w*|special status|sanctions list|"
        # listing as terrorists, not "the focal persons designated by both countries"
        r"designat\w* (?:\w+ )?(?:as|under)\b|designations?|"
        r"listed|boycott\w*|barr(?:ed|ing)|bars|"
        r"(?:not|n't|never) (?:attend|participate|take part)|stay(?:ed)? away|"
        r"pull(?:s|ed)? out|(?:asked|told|ordered|directed) to leave|ordered out|"
        r"cut (?:off|down|back|the|its|their|all|diplomatic|trade)|(?:sent|turned) (?:back|away)|"
        r"stop(?:s|ped|ping)? (?:the )?(?:flow|supply|trade)|freez\w*|froze|frozen|embargo\w*|"
        r"scrap\w*|abrogat\w*|terminat\w*|paus(?:e|ed|es|ing)|prohibit\w*|"
        # a court's verdict against a party (PLOVER's sanction-convict)
        r"sentenc\w*|convict\w*|ruled|ruling",
    ),
    ("COERCE", r"arrest\w*|detain\w*|captur\w*|seiz\w*|custody"),
    (
        "MOBILIZE",
        r"deploy\w*|mobili[sz]\w*|high alert|troops? build-?up|(?:nuclear|missile|atomic) tests?|"
        r"test-fir\w*|tested (?:[\w-]+ ){0,3}(?:devices?|missiles?|bombs?|weapons?)|"
        r"(?:carried out|conducted) (?:[\w-]+ ){0,3}tests?|"
        r"tests? of (?:the |an? |its )?(?:[\w-]+ ){0,2}(?:missiles?|devices?|bombs?)|"
        r"mov(?:ed|es|ing) (?:[\w-]+ ){0,4}(?:divisions|troops|brigades|forces) (?:to|into|up)|"
        r"airlift\w*|(?:were|was) flown in",
    ),
    # handing over a list or a dossier gives back nothing
    (
        "RETREAT",
        r"releas\w*|hand(?:ed|s|ing)? over(?! (?:an? |the |its |their )?(?:\w+ )?(?:lists?|"
        r"dossiers?|letters?|documents?|evidence|notes?|files?|cop(?:y|ies)))|"
        r"withdr[ae]w\w*|repatriat\w*|freed|frees|pull(?:s|ed|ing)? (?:[\w-]+ ){0,2}back|"
        r"pull-?back|cease(?:d|s)? fire|firing stopped|stop(?:ped)? (?:all )?(?:firing|fighting)|"
        r"halt(?:ed)? (?:the )?(?:firing|fighting)|laid down (?:its|their) arms|surrender\w*|"
        # a ceasefire taking hold is the guns falling silent; agreeing to one is AGREE
        r"(?:cease-?fire|truce)(?: [\w.-]+){0,8}? (?:came|comes|took|takes|went|goes) "
        r"(?:into )?effect|(?:cease-?fire|truce) (?:has|had) been in force|"
        r"declared (?:a |the )?(?:cease-?fire|truce)",
    ),
    (
        "AGREE",
        r"sign\w*|agreed|agree|agreement|accord|understanding|recommit\w*|cease-?fire|truce|"
        r"joint (?:statement|declaration|communiqu\w*)|"
        r"approved|grant\w*|(?:came|comes?|coming|entered|enters?|"
        r"entering) into force|offer\w*|ready to|willing to|prepared to|stands? ready|promis\w*|"
        r"pledg\w*|accept(?:s|ed|ing)?|assur\w*|reaffirm\w* (?:\w+ ){0,2}commitment|"
        r"(?:was|were) extended (?:for|by|until|till)",
    ),
    ("THREATEN", r"warn\w*|threat\w*|ultimatum|would respond|vow\w*|act of war"),
    (
        "ACCUSE",
        r"accus\w*|blam\w*|alleg\w*|breach\w*|violat\w*|condemn\w*|critici[sz]\w*|summon\w*|"
        r"complain\w*|complaints?|disappoint\w*|instituted|"
        r"denounc\w*|deplor\w*|lambast\w*|slam(?:s|med)?|lodged (?:a |an )?(?:\w+ )?protest|"
        r"(?:hit|hits|lashed) out|approached the (?:ICJ|International Court|court)",
    ),
    # owning up to one's own act, or easing a restriction of one's own
    (
        "CONCEDE",
        r"acknowledg\w*|admit\w*|apologi[sz]\w*|conced\w*|expressed regret|reopen\w*|"
        r"lift(?:s|ed|ing)? (?:the |its |a )?(?:\w+ )?(?:ban|restrictions?|curbs?|closure)",
    ),
    (
        "REJECT",
        r"reject\w*|den(?:y|ied|ies)|refus\w*|dismiss\w*|technical holds?|block\w*|"
        r"no such|unserious|backtrack\w*|decided against|decid\w* not to|rebuff\w*|"
        r"brush(?:ed|es|ing)? aside|"
        r"rul(?:ed|es|ing) out|turn(?:ed|s)? down|spurn\w*|veto\w*|object(?:ed|s|ions?)|"
        r"(?:not|n't|never)\s+(?:\w+\s+)?(?:accept|agree)\w*|call(?:ed|s|ing)? off|postpon\w*|"
        r"put off|cancel\w*",
    ),
    (
        "REQUEST",
        # "sought to put ties back on track": tried to, not asked
        r"ask\w*|urg(?:e|es|ed|ing)|sought(?! to\b)|seek\w*(?! to\b)|request\w*|appeal\w*|"
        r"call(?:ed|s)? (?:for|on)|"
        r"letter|ordered(?! (?:[\w.]+ ){0,3}(?:troops|forces|army|soldiers|units) to)|"
        r"demand\w*|notice(?! to airmen)|propos\w*|await(?:s|ed|ing)?|"
        r"encourag\w*|press(?:ed|es|ing)? (?:for|on)|invit\w*|suggest\w*|remind\w*|"
        # a body adopting a resolution asks something of the parties
        r"(?:approv|adopt|pass)(?:ed|es|ing) (?:a |an |the |its )?(?:[\w-]+ ){0,2}resolution",
    ),
    (
        "CONSULT",
        r"met|meet\w*|talks?|visit\w*|telephon\w*|phoned|spoke|dialogue|hotline|"
        r"(?:will|would|to) speak|speak again|"
        r"stop(?:over| in)|unscheduled stop|arriv(?:ed|es|ing|al)|consultations|meeting|"
        r"discuss\w*|summit|"
        r"address(?:ed|es|ing)|hears? the|conversations?|spoken|(?:phone |telephone )?calls?|"
        r"hearings?|attend\w*|host(?:s|ed|ing)|convened|travel(?:s|led|ed)? to|"
        r"(?:take|takes|took|taking) part in|participat\w* in|banquet|dinner|luncheon|"
        r"conferences?|"
        r"(?:came|going|went|flew) to (?=[A-Z])",
    ),
    ("PROTEST", r"protest\w*|demonstrat\w*|rall(?:y|ied)|solidarity"),
    (
        "SUPPORT",
        r"welcom\w*|prais\w*|endors\w*|back(?:ed|s)|thank\w*|support\w*|congratulat\w*|"
        r"appreciat\w*|hail(?:s|ed)|laud\w*|commend\w*|condolences?|recogni[sz](?:ed|es|ing)",
    ),
    (
        "COOPERATE",
        r"inaugurat\w*|opened|open(?:s|ing)? the|cooperat\w*|flag(?:s|ged)? off|exchang\w*|"
        r"foundation stone|ground-?breaking|"
        r"resum\w*|restor\w*|shared|"
        r"launch(?:ed|es|ing)? (?:the |a |an )?(?:\w+ )?(?:service|link|route)|"
        r"(?:was|were) (?:first )?(?:launched|run)|first ran|returned to (?:his|her|their) posts?|"
        r"(?:service|link|route|train|bus)\w* (?:will |would )?(?:start|begin|run)\w*|inspect\w*|"
        r"hand(?:ed|s|ing)? over (?:an? |the |its |their )?(?:\w+ )?lists?|"
        r"issu(?:ed|es|ing) (?:[\w,.-]+ ){0,4}?visas",
    ),
    ("AID", r"aid|assistance|relief"),
]
_COMPILED = [(code, re.compile(rf"\b(?:{words.rstrip('|')})\b", re.I)) for code, words in _TYPES]
# Between a date and a trigger, these start another clause.
_ACCORD = r"(?:treaty|agreement|accord|pact|declaration|understanding|protocol)"
_BOUNDARY = re.compile(
    r";|—|\s–\s|,\s*(?:saying|(?:in |at |of |during |under )?which|who|while|after|before|as|"
    r"and that|an?|the (?:day|night|morning|evening|week)|[a-z]+ing|"
    r"(?:the|its|their) (?:first|second|third|last|latest|biggest|largest|worst))\b|"
    r"\b(?:a day after|after|before|when|since|saying|said|told|tweeted|wrote)\b|"
    rf"\b{_ACCORD}\s+that\b",  # "the agreement that the two signed at Simla on July 2"
    re.I,
)
_FAR = 500
# ", and the two prime ministers signed ...": a coordinate clause with a subject of its own
_AND_CLAUSE = re.compile(r",\s+and\s+(?=(?:the|a|an|its|their|his|her|[A-Z])\b)")
# Signing an accord is what a meeting that signs one is remembered for.
_SIGNING = re.compile(
    rf"\bsign(?:ed|s|ing)?\s+(?:[\w-]+\s+){{0,3}}?{_ACCORD}|"
    rf"{_ACCORD}\s+(?:was|were|had been|has been)\s+(?:signed|concluded)",
    re.I,
)
# The second half of a compound is no action word: "non-attack", "anti-terror".
_COMPOUND = re.compile(r"\b(?:non|anti|long|pre|post|self)-$", re.I)
# "the killing of Burhan Wani in July": the date closes a noun phrase and dates its noun.
_OF_NAME = re.compile(r"^\s+of\s+(?:[a-z]+\s+){0,2}[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*\s+$")
_DETERMINER = re.compile(
    r"\b(?:the|a|an|its|their|his|her|our|any|this|these)\s+(?:[\w'’.-]+\s+){0,3}$", re.I
)
NOUN_PENALTY = 30
# a verb form: after an auxiliary or "to", or a past participle ("was killed", "signed")
_VERB_FORM = re.compile(
    r"(?:\b(?:will|would|shall|to|has|have|had|was|were|is|are|be|been)\s+\w+|\w+ed)$", re.I
)
# between a verb and its date: a passive's agent ("signed by Prime Minister X on ..."), "here"
# ("agreed here Saturday") and a preposition
_NEXT_TO = re.compile(
    r"\s*(?:by\s+(?:[A-Z][\w.'’-]*\s+){1,6})?(?:(?:here|there)\s+)?"
    r"(?:(?i:from|on|in|at|by|since|until|till)\s+)?"
)
# Verbs whose object names the act: "ordered the expulsion", "resumed the dialogue", "opened
# high-level talks"
_LIGHT_VERB = re.compile(r"order(?:s|ed)?|resum\w*|restor\w*|opened|reopen\w*", re.I)
_ASIDE_AFTER = re.compile(
    r",\s*(?:after|during|following|at the end of|on the sidelines of)\b[^,;]{3,80},",
    re.I,
)
_COURT_ASKED = re.compile(r"\b(?:court|ICJ|tribunal)\b[^.;]{0,60}\b(?:ask|order|direct)\w*$", re.I)
_MEETING_OPENED = re.compile(
    r"\b(?:meeting|talks|session|round|conference|summit|hearings?)s?,?\s+(?:which\s+)?"
    r"(?:was\s+|were\s+|had\s+)?opened$",
    re.I,
)
_FEW_WORDS = re.compile(r"\s+(?:[\w-]+\s+){0,3}")
_FOLLOWING = re.compile(
    r"\b(?:following|after|since|amid|before)\s+(?:the|a|an|its|their)\s+(?:[\w'’-]+\s+){0,3}$",
    re.I,
)
_WHEN_AFTER = re.compile(r",?\s+when\b", re.I)
# The end of a range's first or second date ("between March 2016", "... and March 2017").
_RANGE = re.compile(r"\bbetween\s+[^,;]{1,30}?(?:\s+and\s+[^,;]{1,30})?$", re.I)

_SPEECH_VERB = (
    r"said|says|told(?: [\w-]+){0,6}|stated|added|announced|declared|wrote|tweeted|posted|"
    r"remarked|maintained|asserted|insisted|noted|observed|clarified|confirmed|(?:a|the) statement|"
    r"called(?! (?:for|on|off|upon|in|back)\b)|"
    r"(?:a|the) (?:news|press) (?:conference|briefing)|(?:a|the) (?:weekly )?briefing"
)
# A date that dates a reporting verb: "said on Monday", "told reporters late on Sunday",
# "said in a statement on Friday", or "on Monday said".
_SAID_BEFORE = re.compile(
    rf"\b(?:{_SPEECH_VERB})(?:\s+(?:in|at|on|to)\s+(?:a|an|the|his|her|its)\s+[\w\s-]{{0,30}}?)?"
    r"\s*$",
    re.I,
)
_SUBJECT_SAID = re.compile(rf"^\s*(?:[\w'’.-]+\s+){{1,6}}?(?:{_SPEECH_VERB})\b\s*(?:that\s+)?")
_SAID_AFTER = re.compile(rf"^\s*(?:\w+ly\s+)?(?:{_SPEECH_VERB})\b", re.I)
# the subject of an opening date's sentence: names, titles and roles ("India's Education
# Minister, Mr M. C. Chagla,"; "Pakistan's foreign secretary")
_SUBJECT_WORD = (
    r"(?:[A-Z][\w'’.-]*|of|the|for|and|foreign|prime|defence|external|affairs|home|interior|"
    r"minister|secretary|spokesman|spokesperson|ministry|office|army|military|government|"
    r"president|chief|commissioner|high|deputy|adviser|national|security|envoy|ambassador)"
)
# "On a visit to Mumbai on Friday, the prime minister said ...": an opening phrase of place
_OPENER = re.compile(r"^(?:On|During|In|At)\b[^,;]{0,60}$")
_OPENING_SUBJECT_SAID = re.compile(rf"^,?\s*(?:{_SUBJECT_WORD},?\s+){{1,10}}?(?:{_SPEECH_VERB})\b")
# What was said: a direct quote of the sentence, or the clause the reporting verb opens (after
# "that"), or, for a closing attribution, the sentence before it.
_DIRECT = re.compile(r"“([A-Z][^”]+)”|\"([A-Z][^\"]+)\"")
_TOPIC = re.compile(
    r"\b(?:over|about|into|regarding|concerning)\s+(?:the|a|an|its|their|this|that)\s+"
    r"(?:[\w'’-]+\s+)?$",
    re.I,
)
_POSSESSED = re.compile(
    r"(?:\b(?:the|a|an|its|their|his|her|our|this|these)|['’]s)\s+(?:[\w'’.-]+\s+){0,2}$", re.I
)
# "the Indus Waters Treaty of September 1960", "the 1972 accord": the date names an accord.
_ACCORD_BEFORE = re.compile(rf"\b{_ACCORD}\s+(?:of|signed (?:in|on))\s*$", re.I)
# "the commission's resolution of August 13": the date names a resolution, which asks
_RESOLUTION_BEFORE = re.compile(r"\bresolution\s+of\s*$", re.I)
_ACCORD_AFTER = re.compile(
    rf"^\s*(?:(?!(?:the|a|an|that|this|its|which|and|to|of|in|on|had|has|was)\b)[\w–-]+\s+)"
    rf"{{0,3}}?{_ACCORD}\b",
    re.I,
)
# "the summit held in Makkah last week": the date dates the noun the participle follows
_PARTICIPLE = re.compile(
    r"\b(?P<noun>[\w-]+),?\s+(?:held|signed|reached|adopted|issued|made|launched|placed|"
    r"announced|taken|concluded|convened|carried out)(?:\s+(?:in|at)\s+(?:the\s+)?"
    r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)?\s*$"
)
# A name is not an action: "the Simla Agreement", "the Organisation of Islamic Cooperation".
_PROPER = re.compile(r"\b[A-Z][\w–-]*\s+(?:(?:of|for|on)\s+)?[A-Z][a-z]+$")
_NAMED = re.compile(r"[A-Z][\w–-]*\s+(?:Agreement|Accord|Treaty|Pact|Declaration|Understanding)$")
_DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied)|reject\w*|nothing to do|no (?:connection|role|link|evidence|"
    r"proof)|false flag|baseless|unfounded|without (?:any )?(?:evidence|proof|investigation)|"
    r"dismiss\w*|(?:cannot|can ?not|can't) (?:go together|happen|coexist|flow together)|"
    r"dead document|defunct|lost (?:its|their) (?:relevance|sanctity|validity)|"
    r"no longer (?:held|holds|valid|applicable|relevant|bound)|null and void|"
    r"neither\b[^.;]{0,40}\bnor)\b",
    re.I,
)


def triggers(sentence: str) -> list[tuple[int, int, str, int]]:
    """(start, end, type, rank) of every trigger word in the sentence."""
    found = []
    for rank, (code, pattern) in enumerate(_COMPILED):
        for m in pattern.finditer(sentence):
            if _NAMED.search(sentence[: m.end()]) or _PROPER.search(sentence[: m.end()]):
                continue
            if _COMPOUND.search(sentence[: m.start()]):
                continue
            found.append((m.start(), m.end(), code, rank))
    # "approved a Pakistani resolution": the longer phrase says more than its first word
    return [t for t in found if not any(o[0] == t[0] and o[1] > t[1] for o in found)]


def main_trigger(sentence: str, after: int) -> tuple[int, int] | None:
    """The first trigger after `after` (the end of the sentence's first actor): the verb of
    the main clause, which roles are read from."""
    found = sorted(t for t in triggers(sentence) if t[0] >= after)
    return (found[0][0], found[0][1]) if found else None


def said_span(sentence: str, near: tuple[int, int]) -> tuple[int, int] | None:
    """Where the words said lie, when the date at `near` dates a reporting verb ("a day after
    the minister said ..." dates the saying)."""
    before, after = sentence[: near[0]], sentence[near[1] :]
    if re.search(r"\b(?:after|before)\s*$", sentence[near[0] : near[1]]):
        subject = _SUBJECT_SAID.match(after)
        if subject is None:
            return None
        start = near[1] + subject.end()
        stop = _BOUNDARY.search(sentence, start)
        return start, stop.start() if stop and stop.start() > start else len(sentence)
    if re.search(r"\bcalled\s*$", before) and re.match(r"\s*(?:for|on|off|upon)\b", after):
        return None  # "called on Wednesday for talks": a call for, not a saying
    opens = _SAID_AFTER.match(after)
    if not opens and (not before.strip(" ,") or _OPENER.match(before)):
        # "Last Friday India's minister, Mr X, told the Council that ...": a date opening its
        # sentence dates the subject's saying, when a reporting verb follows the subject
        opens = _OPENING_SUBJECT_SAID.match(after)
    if not _SAID_BEFORE.search(before) and not opens:
        return None
    quote = next((q for q in _DIRECT.finditer(sentence) if len(q.group(0).split()) >= 5), None)
    that = re.match(r"\s*that\s+", sentence[near[1] + (opens.end() if opens else 0) :])
    if quote and not that:
        group = 1 if quote.group(1) is not None else 2
        return quote.start(group), quote.end(group)
    tail = near[1] + (opens.end() if opens else 0)
    rest = sentence[tail:]
    comma = before.rfind(", ")
    if comma > 15 and re.match(r"\s*(?:[,.;]|$)", rest):
        # "X, sources said on Friday, accusing ...": the words said come before
        return 0, comma
    opening = re.match(r"\s*(?:,\s*)?(?:that\s+)?", rest)
    start = tail + (opening.end() if opening else 0)
    end = len(sentence)
    stop = _BOUNDARY.search(sentence, start)
    if stop and stop.start() > start:
        end = stop.start()
    if end - start > 15:
        return start, end
    return (0, comma) if comma > 15 else None


_ATTRIBUTION = re.compile(
    r"\b(?:(?:is|are|was|were) behind|carried out by|masterminded|sponsored by|at the behest of|"
    r"cross-border (?:links|linkages)|(?:executed|perpetrated|orchestrated) (?:jointly )?by|"
    r"(?:a|any) (?:role|hand) in|involvement in|"
    r"responsible for the (?:attack|blasts?|bombings?|killings?))\b",
    re.I,
)
_JUDGEMENT = re.compile(
    r"\b(?:arrogant|farcical|irresponsible|absurd|reckless|provocative|unacceptable|hostile|"
    r"knee-jerk|propaganda|lies|false|regrettable|deplorable|untenable)\b",
    re.I,
)


# Acts of goodwill a speaker says will be done are promised; "would" alone, not "would not".
_GOODWILL = {"CONSULT", "COOPERATE", "SUPPORT", "AID"}
_WOULD = re.compile(r"\b(?:would|will|shall)\s+(?!not\b|never\b)(?:[a-z]+\s+){0,2}$")
# Talks said to be needed, or to need something, are asked for.
_OBLIGATION = re.compile(
    r"\b(?:must|should|needs? to|needed to|necessary|essential|has to|have to|imperative)\b",
    re.I,
)


def said_type(sentence: str, span: tuple[int, int]) -> tuple[str | None, tuple[int, int] | None]:
    """The type of what was said: its first action word, a denial being a rejection."""
    words = sentence[span[0] : span[1]]
    denial = _DENIAL.search(words)
    if denial:
        return "REJECT", (span[0] + denial.start(), span[0] + denial.end())
    # saying who was behind an attack accuses ("the ISI is behind this", "cross-border links")
    blame = _ATTRIBUTION.search(words)
    if blame:
        return "ACCUSE", (span[0] + blame.start(), span[0] + blame.end())
    # words that judge the other side ("arrogant", "farcical") criticise it, whatever deed
    # they are about
    judged = _JUDGEMENT.search(words)
    if judged:
        return "ACCUSE", (span[0] + judged.start(), span[0] + judged.end())
    found = sorted(triggers(words), key=lambda t: (t[0], -t[1]))
    if not found:
        return None, None
    # what the words are about is no action of theirs ("sending a team over the attack")
    found = [t for t in found if not _TOPIC.search(words[: t[0]])]
    if not found:
        return None, None
    # the first verb rather than a noun ("India's request ... would lead one to support it")
    verbs = [t for t in found if not _POSSESSED.search(words[: t[0]])]
    start, end, code, _ = (verbs or found)[0]
    if code in _GOODWILL and _WOULD.search(words[:start]):
        code = "AGREE"  # "said Pakistan would keep taking part": a promise to take part
    elif code in ("CONSULT", "COOPERATE") and _OBLIGATION.search(words):
        code = "REQUEST"  # "said an environment free of terror was necessary for talks"
    return code, (span[0] + start, span[0] + end)


def event_type_of(
    sentence: str, near: tuple[int, int] | None = None, future: bool = False
) -> tuple[str | None, tuple[int, int] | None]:
    """The event type of the action a date expression (at `near`) dates, and its trigger; a
    `future` date ("agreed to resume talks next month") dates what was agreed, not the
    agreeing."""
    if near is not None:
        named = _ACCORD_BEFORE.search(sentence[: near[0]]) or _ACCORD_AFTER.match(
            sentence[near[1] :]
        )
        if named:
            at = named.start() if named.end() <= near[0] else near[1] + named.start()
            return "AGREE", (at, at + len(named.group(0)))
        resolution = _RESOLUTION_BEFORE.search(sentence[: near[0]])
        if resolution:
            return "REQUEST", (resolution.start(), resolution.start() + len("resolution"))
        said = said_span(sentence, near)
        if said is not None:
            return said_type(sentence, said)
        held = _PARTICIPLE.search(sentence[: near[0]])
        if held:
            noun = [
                t
                for t in triggers(sentence)
                if t[0] < held.end("noun") and held.start("noun") < t[1]  # "joint statement"
            ]
            if noun:
                return noun[0][2], (noun[0][0], noun[0][1])
    found = triggers(sentence)
    if not found:
        return None, None
    if near is None:
        start, end, code, _ = min(found, key=lambda t: t[3])
        return code, (start, end)

    if future and near is not None:
        ahead = [t for t in found if not (t[2] in ("AGREE", "REQUEST") and t[1] <= near[0])]
        found = ahead or found
    # "since February 1999, when the two signed ...": the when-clause is the date's
    when = _WHEN_AFTER.match(sentence, near[1]) if near is not None else None
    if when:
        inside = [t for t in found if t[0] >= when.end()]
        if inside:
            start, end, code, _ = min(inside, key=lambda t: (t[0], t[3]))
            return code, (start, end)
    # "a day after X": the date is X's, and X follows the expression
    if re.search(r"\b(?:after|before)\s*$", sentence[near[0] : near[1]]):
        following = [t for t in found if t[0] >= near[1]]
        found = following or found
    # "asked 13 times between March 2016 and March 2017": a range dates the verb before it
    elif _RANGE.search(sentence[: near[1]]):
        preceding = [t for t in found if t[1] <= near[0]]
        found = preceding or found

    def cost(item: tuple[int, int, str, int]) -> tuple[int, int]:
        start, end, _, rank = item
        if 0 <= start - near[1] <= 1:
            return 0, rank  # "the 1960 accord": the date names the thing after it
        if end <= near[0]:
            gap, between = near[0] - end, sentence[end : near[0]]
        else:
            gap, between = max(0, start - near[1]), sentence[near[1] : start]
        if _BOUNDARY.search(between):
            gap += _FAR
        if _DETERMINER.search(sentence[:start]):
            gap += NOUN_PENALTY  # "rejected the allegations": the verb dates, not the noun
        return gap, rank

    chosen = min(found, key=cost)
    aside = _ASIDE_AFTER.match(sentence, near[1])
    if not sentence[: near[0]].strip() and aside:
        # "On February 4, after five days of talks, the secretaries signed ...": the date
        # opens the main clause, past the phrase set between commas
        main = [t for t in found if t[0] >= aside.end()]
        if main:
            start, end, code, _ = min(main, key=lambda t: (t[0], t[3]))
            return code, (start, end)
    if chosen[2] == "CONSULT" and _OPENER.match(sentence[: near[0]]):
        # "At talks in Islamabad in September the secretaries signed an agreement", "In a
        # call on April 30, the prime minister rejected ...": the main clause's act, not the
        # meeting it happened at
        stop = _BOUNDARY.search(sentence, near[1])
        end = stop.start() if stop else len(sentence)
        acts = [t for t in found if near[1] <= t[0] < end and t[2] != "CONSULT"]
        if acts:
            start, stop_at, code, _ = min(acts, key=lambda t: (t[0], t[3]))
            return code, (start, stop_at)
    phrase = _noun_phrase(sentence, near, found)
    if phrase is not None:
        return phrase[2], (phrase[0], phrase[1])
    clause = _clause_first(sentence, near, found)
    # a verb the date directly follows ("... was killed on Monday") dates its own clause
    verb = [
        t
        for t in found
        if t[1] <= near[0]
        and _NEXT_TO.fullmatch(sentence[t[1] : near[0]])
        and _VERB_FORM.search(sentence[: t[1]])
    ]
    # "following the Pahalgam attack last month": the date closes what the sentence follows
    after_what = [
        t
        for t in found
        if t[1] <= near[0]
        and _NEXT_TO.fullmatch(sentence[t[1] : near[0]])
        and _FOLLOWING.search(sentence[: t[0]])
    ]
    if after_what:
        chosen = after_what[-1]
    elif verb:
        chosen = verb[-1]  # "agreed here Saturday to resume talks": the agreeing
    elif clause is not None and cost(clause)[0] < _FAR:
        chosen = clause
    start, end, code, _ = chosen
    if code == "REQUEST" and _COURT_ASKED.search(sentence[:end]):
        return "SANCTION", (start, end)  # "the court ordered Pakistan to review": a ruling
    if code == "COOPERATE" and _MEETING_OPENED.search(sentence[:end]):
        return "CONSULT", (start, end)  # "the meeting, which opened on Monday": talks
    if _LIGHT_VERB.fullmatch(sentence, start, end):
        # "ordered the expulsion", "resumed the dialogue": the act is the noun that follows
        nouns = [t for t in found if end < t[0] and _FEW_WORDS.fullmatch(sentence, end, t[0])]
        if nouns:
            start, end, code, _ = min(nouns)
    return code, (start, end)


def _noun_phrase(
    sentence: str, near: tuple[int, int], found: list[tuple[int, int, str, int]]
) -> tuple[int, int, str, int] | None:
    """The action noun a date closes the phrase of ("the killing of X in July")."""
    opening = re.match(r"(?:in|on|of)\b", sentence[near[0] : near[1]], re.I)
    if not opening:
        return None
    for item in sorted(found, key=lambda t: -t[1]):
        if item[1] > near[0]:
            continue
        between = sentence[item[1] : near[0]]
        # "the killing of X in July"; "the war of 1971"
        named = _OF_NAME.match(between) if opening.group(0).lower() != "of" else not between.strip()
        if _DETERMINER.search(sentence[: item[0]]) and named:
            return item
        return None
    return None


def _clause_first(
    sentence: str, near: tuple[int, int], found: list[tuple[int, int, str, int]]
) -> tuple[int, int, str, int] | None:
    """When a date closes its clause ("China placed a technical hold on the proposal in
    March"), the clause's first action, not the nearest noun, is what it dates."""
    stops = [*_BOUNDARY.finditer(sentence), *_AND_CLAUSE.finditer(sentence)]
    left = max((m.end() for m in stops if m.end() <= near[0]), default=0)
    right = min((m.start() for m in stops if m.start() >= near[1]), default=len(sentence))
    inside = sorted(
        (t for t in found if left <= t[0] and t[1] <= right), key=lambda t: (t[0], -t[1])
    )
    if not inside or any(t[0] >= near[1] for t in inside):
        return None
    if inside[0][2] == "CONSULT":
        return _signing(sentence, inside, left, right) or inside[0]
    return inside[0]


def _signing(
    sentence: str, found: list[tuple[int, int, str, int]], start: int, end: int
) -> tuple[int, int, str, int] | None:
    """The AGREE trigger of an accord's signing between start and end, if there is one."""
    signing = _SIGNING.search(sentence, start, end)
    if signing is None:
        return None
    return next(
        (t for t in found if t[2] == "AGREE" and signing.start() <= t[0] < signing.end()), None
    )
