"""PLOVER event types guessed from the words of an event's sentence."""

from __future__ import annotations

import re

# First match wins: the more specific kinds of action come first.
_TYPES: list[tuple[str, str]] = [
    (
        "ASSAULT",
        r"attack\w*|kill\w*|bomb\w*|air ?strikes?|strikes? on|shell\w*|fir(?:ed|ing) "
        r"on|ambush\w*|shot down|suicide",
    ),
    (
        "SANCTION",
        r"expel\w*|suspend\w*|downgrad\w*|recall\w*|calling back|abeyance|"
        r"ban(?:ned|s)?|closed|shut|sever\w*|halt\w*",
    ),
    ("COERCE", r"arrest\w*|detain\w*|captur\w*|seiz\w*|custody"),
    ("MOBILIZE", r"deploy\w*|mobili[sz]\w*|high alert|troops? build-?up"),
    ("RETREAT", r"releas\w*|handed over|hand over|withdr[ae]w\w*|repatriat\w*"),
    ("AGREE", r"sign\w*|agreed|agreement|accord|understanding|recommit\w*|ceasefire"),
    ("THREATEN", r"warn\w*|threat\w*|ultimatum"),
    ("ACCUSE", r"accus\w*|blam\w*|alleg\w*"),
    ("REJECT", r"reject\w*|den(?:y|ied|ies)|refus\w*|dismiss\w*"),
    (
        "REQUEST",
        r"ask\w*|urg\w*|sought|seek\w*|request\w*|appeal\w*|call(?:ed|s)? (?:for|on)|"
        r"letter",
    ),
    ("CONSULT", r"met|meet\w*|talks|visit\w*|call(?:ed)? (?:up)?|spoke|dialogue|hotline"),
    ("PROTEST", r"protest\w*|demonstrat\w*|rall(?:y|ied)"),
    ("SUPPORT", r"welcom\w*|prais\w*|endors\w*|back(?:ed|s)"),
    ("AID", r"aid|assistance|relief"),
]
_COMPILED = [(code, re.compile(rf"\b(?:{words})\b", re.I)) for code, words in _TYPES]


def event_type_of(sentence: str) -> str | None:
    for code, pattern in _COMPILED:
        if pattern.search(sentence):
            return code
    return None
