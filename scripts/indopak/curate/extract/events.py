"""PLOVER event types read from the words of an event's sentence.

A sentence often holds several actions ("closed the crossing ... a day after New Delhi put
the treaty in abeyance"); the one a date expression dates is the trigger nearest to it in the
same clause. Reporting verbs are never triggers: "said on Monday that it rejected ..." is
dated by the date and typed by what was said.
"""

from __future__ import annotations

import re

# Per type, the words that trigger it; on equal distance the earlier type wins.
_TYPES: list[tuple[str, str]] = [
    (
        "ASSAULT",
        r"attack\w*|kill\w*|bomb\w*|air ?strikes?|struck|strikes? on|shell\w*|fir(?:ed|ing) "
        r"on|opened fire|ambush\w*|shot down|suicide|gunmen|raids?|fighting|clash\w*|"
        r"downed",
    ),
    (
        "SANCTION",
        r"expel\w*|suspend\w*|suspension|downgrad\w*|recall\w*|calling back|abeyance|"
        r"ban(?:ned|s)?|closed|clos(?:e|ing) (?:the|its|down)|shut\w*|sever\w*|halt\w*|"
        r"persona non grata|cancel\w*|revok\w*|special status|sanctions list|designat\w*|"
        r"listed|boycott\w*",
    ),
    ("COERCE", r"arrest\w*|detain\w*|captur\w*|seiz\w*|custody|sentenced|convict\w*"),
    ("MOBILIZE", r"deploy\w*|mobili[sz]\w*|high alert|troops? build-?up"),
    ("RETREAT", r"releas\w*|handed over|hand over|withdr[ae]w\w*|repatriat\w*"),
    (
        "AGREE",
        r"sign\w*|agreed|agree|agreement|accord|understanding|recommit\w*|ceasefire|truce|"
        r"approved|stop (?:all )?firing|grant\w*",
    ),
    ("THREATEN", r"warn\w*|threat\w*|ultimatum|would respond|vow\w*|act of war"),
    ("ACCUSE", r"accus\w*|blam\w*|alleg\w*|breach\w*|violat\w*|condemn\w*|criticis\w*"),
    (
        "REJECT",
        r"reject\w*|den(?:y|ied|ies)|refus\w*|dismiss\w*|technical holds?|block\w*|"
        r"no such|unserious",
    ),
    (
        "REQUEST",
        r"ask\w*|urg(?:e|es|ed|ing)|sought|seek\w*|request\w*|appeal\w*|call(?:ed|s)? (?:for|on)|"
        r"letter|ordered|demand\w*|notice|ruled|ruling|propos\w*",
    ),
    (
        "CONSULT",
        r"met|meet\w*|talks?|visit\w*|telephon\w*|phoned|spoke|dialogue|hotline|"
        r"stop(?:over| in)|unscheduled stop|arrived|consultations|meeting|discuss\w*|"
        r"hearings?",
    ),
    ("PROTEST", r"protest\w*|demonstrat\w*|rall(?:y|ied)|solidarity"),
    ("SUPPORT", r"welcom\w*|prais\w*|endors\w*|back(?:ed|s)|thank\w*|offer\w*|support\w*"),
    (
        "COOPERATE",
        r"inaugurat\w*|opened|open(?:s|ing)? the|cooperat\w*|flagged off|exchang\w*",
    ),
    ("AID", r"aid|assistance|relief"),
]
_COMPILED = [(code, re.compile(rf"\b(?:{words.rstrip('|')})\b", re.I)) for code, words in _TYPES]
# Between a date and a trigger, these start another clause.
_BOUNDARY = re.compile(
    r";|—|\s–\s|,\s*(?:saying|which|who|while|after|before|as|and that)\b|"
    r"\b(?:a day after|after|before|when|since|saying|said|told|tweeted|wrote)\b",
    re.I,
)
_FAR = 500
_DETERMINER = re.compile(
    r"\b(?:the|a|an|its|their|his|her|our|any|this|these)\s+(?:[\w'’-]+\s+)?$", re.I
)
NOUN_PENALTY = 30


def triggers(sentence: str) -> list[tuple[int, int, str, int]]:
    """(start, end, type, rank) of every trigger word in the sentence."""
    found = []
    for rank, (code, pattern) in enumerate(_COMPILED):
        for m in pattern.finditer(sentence):
            found.append((m.start(), m.end(), code, rank))
    return found


def main_trigger(sentence: str, after: int) -> tuple[int, int] | None:
    """The first trigger after `after` (the end of the sentence's first actor): the verb of
    the main clause, which roles are read from."""
    found = sorted(t for t in triggers(sentence) if t[0] >= after)
    return (found[0][0], found[0][1]) if found else None


def event_type_of(
    sentence: str, near: tuple[int, int] | None = None
) -> tuple[str | None, tuple[int, int] | None]:
    """The event type of the action a date expression (at `near`) dates, and its trigger."""
    found = triggers(sentence)
    if not found:
        return None, None
    if near is None:
        start, end, code, _ = min(found, key=lambda t: t[3])
        return code, (start, end)

    # "a day after X": the date is X's, and X follows the expression
    if re.search(r"\b(?:after|before)\s*$", sentence[near[0] : near[1]]):
        following = [t for t in found if t[0] >= near[1]]
        found = following or found

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

    start, end, code, _ = min(found, key=cost)
    return code, (start, end)
