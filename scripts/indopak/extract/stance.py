"""Issues and stances of positions, given only when the words carry them.

The issue is the one of the `issues` table whose name and definition share the most telling
words with the statement (proper names such as Pulwama or Kartarpur weigh most, and words the
rest of the article uses count a little); with too little evidence it is left out.

The stance is read towards the issue's proposition. Each issue's definition also says what
goes against it: the words after "rather than" ("rather than be suspended or held in
abeyance"), and the usual opposites of its head noun (the suspension of what should continue,
the denial of a responsibility, bilateral talks instead of a third party). Then:
- a speaker who rejects, denies or condemns what goes against the issue supports it; one who
  announces or welcomes it opposes the issue;
- rejecting or denying the issue's own matter opposes it; asking for, welcoming or committing
  to it supports it; a speaker's own action framed as its justification supports it;
- the same support under a condition ("if", "unless", "without compromising") is mixed;
- declining a role or a side ("no role beyond a facilitator", "following closely") is neutral;
- anything else gets no stance, and the draft asks a curator for one.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

_STOP_WORDS = """
    the and of in to a an on for with whether should be or by its it as at from that this is
    are was were has have had not no between india pakistan indian pakistani their them they
    which who what when where rather than other others such including including any all
    under into over about after before against still must also more most only both either
    his her our your said says would could will shall may might been being than then there
    these those some each very much many kept keep
"""
_STOP = frozenset(_STOP_WORDS.split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")

# Opposites of the head noun of an issue's proposition.
_ANTI = [
    (
        r"continu|remain|in force|observ|kept|keeps|role",
        r"suspen\w*|abeyance|abandon\w*|abrogat\w*|scrap\w*|terminat\w*|revok\w*|"
        r"violat\w*|breach\w*|unilateral\w*|water warfare|stop or divert",
    ),
    (
        r"responsib|attribut",
        r"nothing to do|no connection|false flag|no evidence|without (?:any )?(?:evidence|"
        r"investigation)|before investigations?|baseless|absurd|den(?:y|ies|ied)|no role",
    ),
    (r"interven|mediat|third", r"bilateral\w*|no third party|internal matter"),
    (
        r"justif",
        r"aggression|violation of \w+ sovereignty|uncalled|fictitious|self serving|"
        r"act of war",
    ),
    (r"resum|dialogue", r"no talks|cannot go together|call(?:ed)? off|postpon\w*"),
    (r"competen", r"illegal\w*|not recogni[sz]e|does not recognise"),
]
_NEGATIVE = re.compile(
    r"\b(?:reject\w*|den(?:y|ied|ies)|oppos\w*|refus\w*|condemn\w*|absurd|baseless|"
    r"unacceptable|not acceptable|dismiss\w*|no such|never|illegal\w*|unjust|reckless|"
    r"grievous error|nullif\w*|devoid of|cowardly|does not recogni[sz]e|not recogni[sz]e|"
    r"nor take part|not take part|protest\w*|unfortunate|surprising|no words of "
    r"condemnation|violation|no evidence|not (?:be )?allow\w*|unserious|inappropriate|"
    r"nothing to do)\b",
    re.I,
)
_POSITIVE = re.compile(
    r"\b(?:seek\w*|sought|urg\w*|ask\w*|welcom\w*|support\w*|call(?:ed|s)? (?:for|on)|"
    r"must|should|request\w*|appeal\w*|back(?:ed|s)?|imperative|committed|commitment|"
    r"ready to|willing to|stands? ready|agree\w*|appreciat\w*|hope\w*|grateful|thank\w*|"
    r"vindicat\w*|will grant|have to|continue to|recommit\w*|would love|prayers|"
    r"opening|open our|peace|resolved peacefully|restraint|no objection|does not have "
    r"objection|high point|goodwill|provided to|investigate|action against|firm and "
    r"immediate|prompt and decisive|strongly emphasi[sz]ed)\b",
    re.I,
)
_JUSTIFY = re.compile(
    r"\b(?:pre-emptive|non-military|non-escalatory|measured|proportionate|in response to|"
    r"right to respond|self-defen[cs]e|focused)\b",
    re.I,
)
_CONDITION = re.compile(
    r"\b(?:if|unless|provided(?: that)?|on condition|as long as|only when|only if|subject to|"
    r"without compromising|despite|based on solid|according to (?:pakistani )?laws?|"
    r"as per law|first)\b",
    re.I,
)
_NEUTRAL = re.compile(
    r"\b(?:no role|facilitator|not (?:to )?take sides|neutral|following (?:the \w+ )?"
    r"(?:[\w\s]{0,30})?closely|monitoring|premature|formality|no cause for complaint|"
    r"requires the two countries|no clause|no direct contact|declined to comment|"
    r"not step in|would not step in)\b",
    re.I,
)


@dataclass
class IssueIndex:
    weights: dict[str, dict[str, float]]  # issue id -> stem -> weight
    anti: dict[str, re.Pattern[str]]  # issue id -> what goes against it
    names: dict[str, str]

    @classmethod
    def build(cls, issues: dict[str, dict[str, Any]]) -> IssueIndex:
        docs: dict[str, dict[str, float]] = {}
        anti: dict[str, re.Pattern[str]] = {}
        for ident, data in issues.items():
            name = str(data.get("name", ""))
            description = str(data.get("description", ""))
            own, _, against = description.partition("rather than")
            weights: dict[str, float] = {}
            for text, scale in ((ident.replace("-", " "), 1.0), (name, 1.0), (own, 0.5)):
                for word in _WORD.findall(text):
                    stem = _stem(word)
                    if stem is None:
                        continue
                    boost = 2.0 if word[0].isupper() and text is not ident else 1.0
                    weights[stem] = max(weights.get(stem, 0.0), scale * boost)
            docs[ident] = weights
            patterns = [p for head, p in _ANTI if re.search(head, name.lower())]
            words = [w for w in _WORD.findall(against) if _stem(w)]
            if words:
                patterns.append("|".join(re.escape(w) for w in words[:6]))
            if patterns:
                anti[ident] = re.compile(rf"\b(?:{'|'.join(patterns)})", re.I)
        count = len(docs) or 1
        df: dict[str, int] = {}
        for weights in docs.values():
            for stem in weights:
                df[stem] = df.get(stem, 0) + 1
        for weights in docs.values():
            for stem in weights:
                weights[stem] *= math.log(1 + count / df[stem])
        return cls(docs, anti, {i: str(d.get("name", "")) for i, d in issues.items()})

    def issue_of(self, words: str, context: str = "") -> str | None:
        """The issue the words are about, or None when the evidence is thin or split."""
        seen = {s for w in _WORD.findall(words) if (s := _stem(w))}
        around = {s for w in _WORD.findall(context) if (s := _stem(w)) and w[0].isupper()}
        scores = []
        for ident, weights in self.weights.items():
            score = sum(weights.get(s, 0.0) for s in seen)
            score += 0.5 * sum(weights.get(s, 0.0) for s in around - seen)
            if self.anti.get(ident) and self.anti[ident].search(words):
                score += 1.0
            scores.append((score, ident))
        scores.sort(reverse=True)
        if not scores:
            return None
        best, ident = scores[0]
        second = scores[1][0] if len(scores) > 1 else 0.0
        if best < MIN_ISSUE_SCORE or best < second * ISSUE_MARGIN:
            return None
        return ident


MIN_ISSUE_SCORE = 4.0
ISSUE_MARGIN = 1.15


def _stem(word: str) -> str | None:
    low = word.lower().strip("'’-")
    if low in _STOP or len(low) < 4:
        return None
    return low[:6]


def stance_of(quote: str, sentence: str, issue: str | None, index: IssueIndex) -> str | None:
    """support, oppose, mixed or neutral when the words carry it; None otherwise."""
    words = quote
    frame = sentence[: max(0, sentence.find(quote))] if quote in sentence else ""
    if _NEUTRAL.search(words):
        return "neutral"
    negative = bool(_NEGATIVE.search(words) or _NEGATIVE.search(frame))
    positive = bool(_POSITIVE.search(words) or _POSITIVE.search(frame))
    against = bool(issue and index.anti.get(issue) and index.anti[issue].search(words))
    if against:
        if negative:
            stance = "support"
        elif positive or re.search(r"\b(?:will|would)\b", words):
            stance = "oppose"
        else:
            return None
    elif negative and not positive:
        stance = "oppose"
    elif positive and not negative:
        stance = "support"
    elif positive and negative:
        return "mixed"
    elif _JUSTIFY.search(words):
        stance = "support"
    else:
        return None
    if stance == "support" and _CONDITION.search(words):
        return "mixed"
    return stance
