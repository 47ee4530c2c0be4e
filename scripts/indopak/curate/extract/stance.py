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
  to it supports it, and so does laying an attack at someone's door on an issue of
  responsibility ("no doubt that the ISI is behind this"); a speaker's own action framed as its
  justification supports it;
- the same support under a condition ("if", "unless", "without compromising") is mixed;
- declining a role or a side ("no role beyond a facilitator", "following closely") is neutral;
- a clause stating the issue's matter as so ("the dispute would be settled by a
  plebiscite") supports it; one with a negation, words that only name the matter ("the
  question of listing"), and anything else get no stance, and the draft asks a curator for
  one.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from typing import Any

from indopak.curate.extract.cues import (
    AFFIRMATIONS,
    CONDITION,
    CONTRAST,
    DENIALS,
    ENDORSE,
    JUSTIFY,
    NEGATED,
    NEGATIVE,
    NEUTRAL,
    OBJECTS,
    OTHERS_ACT,
    OTHERS_VIEW,
    PASSIVE,
    POSITIVE,
    PRECONDITION,
    REFUSAL,
    UNDO,
    WEAK_POSITIVE,
)

_STOP_WORDS = """
    the and of in to a an on for with whether should be or by its it as at from that this is
    are was were has have had not no between india pakistan indian pakistani their them they
    which who what when where rather than other others such including including any all
    under into over about after before against still must also more most only both either
    his her our your said says would could will shall may might been being than then there
    these those some each very much many kept keep
"""
_STOP = frozenset(_STOP_WORDS.split())
# Capitalised words of issue names that name institutions, not the matter of the issue.
_INSTITUTIONS = {
    "unit",
    "nation",
    "securi",
    "counci",
    "genera",
    "assemb",
    "court",
    "line",
    "contro",
    "stat",
    "army",
    "agree",
    "treaty",
    "sanc",
    "regim",
    "commit",
}
_SUFFIXES = (
    "ptions",
    "ption",
    "tions",
    "tion",
    "ments",
    "ment",
    "ings",
    "ing",
    "ed",
    "es",
    "e",
    "s",
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_NAME_RUN = re.compile(r"[A-Z][A-Za-z'’-]*(?:\s+(?:of\s+|the\s+)?[A-Z][A-Za-z'’-]*)*")


GOVERN_BEFORE = 100  # characters before an object in which a rejection governs it
GOVERN_AFTER = 100


@dataclass
class IssueIndex:
    weights: dict[str, dict[str, float]]  # issue id -> stem -> weight
    objects: dict[str, re.Pattern[str]]  # issue id -> what goes against it
    denials: dict[str, re.Pattern[str]]  # issue id -> words that deny it
    unique: dict[str, str]  # a stem only one issue has -> that issue
    named: dict[str, set[str]]  # issue id -> stems of its name
    # issue id -> stems only its proper names give ("Express" of "Samjhauta Express"), which
    # count only where the words write them as a name, not as a common word ("expressed")
    proper: dict[str, set[str]] = field(default_factory=dict)
    # issue id -> the year its id names ("attribution-uri-attack-2016"): such an issue is
    # about one episode, and words years away from it are about another
    years: dict[str, int] = field(default_factory=dict)
    # issue id -> words that affirm its matter (laying an attack at the other side's door)
    affirmations: dict[str, re.Pattern[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, issues: dict[str, dict[str, Any]]) -> IssueIndex:
        docs: dict[str, dict[str, float]] = {}
        proper_only: dict[str, set[str]] = {}
        objects: dict[str, re.Pattern[str]] = {}
        denials: dict[str, re.Pattern[str]] = {}
        affirmations: dict[str, re.Pattern[str]] = {}
        for ident, data in issues.items():
            name = str(data.get("name", ""))
            description = str(data.get("description", ""))
            own, _, against = description.partition("rather than")
            weights: dict[str, float] = {}
            common: set[str] = set()
            capital: set[str] = set()
            texts = ((ident.replace("-", " "), 1.0), (name, 1.0), (own, 0.5))
            for place, (text, scale) in enumerate(texts):
                for word in _WORD.findall(text):
                    stem = _stem(word)
                    if stem is None:
                        continue
                    proper = word[0].isupper() and stem not in _INSTITUTIONS
                    if place:  # the id is all lower case: it says nothing of names
                        (capital if word[0].isupper() else common).add(stem)
                    boost = 2.0 if proper and place else 1.0
                    if stem in _INSTITUTIONS:
                        boost = INSTITUTION_WEIGHT
                    weights[stem] = max(weights.get(stem, 0.0), scale * boost)
            docs[ident] = weights
            proper_only[ident] = capital - common - _INSTITUTIONS
            words = [w for w in _WORD.findall(against) if _stem(w) and len(w) > 5]
            extra = ["|".join(re.escape(w) for w in words[:6])] if words else []
            for table, cues, more in (
                (objects, OBJECTS, extra),
                (denials, DENIALS, []),
                (affirmations, AFFIRMATIONS, []),
            ):
                pattern = _cues_for(name, cues, more)
                if pattern is not None:
                    table[ident] = pattern
        count = len(docs) or 1
        df: dict[str, int] = {}
        for weights in docs.values():
            for stem in weights:
                df[stem] = df.get(stem, 0) + 1
        for weights in docs.values():
            for stem in weights:
                weights[stem] *= math.log(1 + count / df[stem]) / math.log(1 + count)
        unique = {
            stem: ident for ident, weights in docs.items() for stem in weights if df[stem] == 1
        }
        # the words of each name, with its hyphenated words also apart ("third-party")
        named = {
            ident: {
                s
                for w in _WORD.findall(
                    f"{data.get('name', '')} {str(data.get('name', '')).replace('-', ' ')}"
                )
                if (s := _stem(w))
            }
            for ident, data in issues.items()
        }
        years = {
            ident: year for ident, data in issues.items() if (year := _episode_year(ident, data))
        }
        return cls(docs, objects, denials, unique, named, proper_only, years, affirmations)

    def refused(self, issue: str, words: str) -> bool:
        """Whether a refusal governs the issue's own matter ("will not allow any third party
        to interfere"): a word of its name within a few words after the refusal."""
        for cue in REFUSAL.finditer(words):
            after = words[cue.end() : cue.end() + REFUSAL_REACH]
            if {s for w in _WORD.findall(after) if (s := _stem(w))} & self.named.get(issue, set()):
                return True
        return False

    def affirms(self, issue: str, words: str) -> bool:
        """Whether the words restate the issue's own matter (two or more words of its name)."""
        stems = {s for w in _WORD.findall(words) if (s := _stem(w))}
        return len(stems & self.named.get(issue, set())) >= AFFIRM_WORDS

    def issue_of(
        self, quote: str, sentence: str = "", context: str = "", year: int | None = None
    ) -> str | None:
        """The issue the words are about, or None when the evidence is thin or split.

        The quote's words count fully, the rest of its sentence (the attribution) a little;
        proper names of the article that only one issue has break ties.
        """
        own = {s for w in _WORD.findall(quote) if (s := _stem(w))}
        frame = {s for w in _WORD.findall(sentence) if (s := _stem(w))} - own
        # a capitalised word with the words of its name beside it: "Jaffar Express" is not
        # "Samjhauta Express"
        runs = [
            [s for w in run.split() if (s := _stem(w))]
            for run in _NAME_RUN.findall(f"{quote} {sentence}")
        ]
        around = _capitalised_stems(context) & self.unique.keys()
        scores = []
        for ident, weights in self.weights.items():
            if year and ident in self.years and abs(year - self.years[ident]) > YEAR_REACH:
                continue
            proper = self.proper.get(ident, set())
            names = {
                stem
                for run in runs
                for i, stem in enumerate(run)
                if all(n in weights for n in run[max(0, i - 1) : i + 2])
            }
            counted = [s for s in own if s not in proper or s in names]
            framed = [s for s in frame if s not in proper or s in names]
            score = sum(weights.get(s, 0.0) for s in counted)
            score += FRAME_WEIGHT * sum(weights.get(s, 0.0) for s in framed)
            for table in (self.objects, self.denials):
                if ident in table and table[ident].search(quote):
                    score += AGAINST_BONUS
            if score and year and abs(year - self.years.get(ident, -99)) <= 1:
                score += YEAR_BONUS  # words of an episode's issue in that episode's year
            tie = sum(weights.get(s, 0.0) for s in around)
            scores.append((score, tie, ident))
        scores.sort(reverse=True)
        if not scores or scores[0][0] < MIN_ISSUE_SCORE:
            return None
        best = scores[0][0]
        close = [item for item in scores if item[0] * ISSUE_MARGIN > best]
        if len(close) == 1:
            return close[0][2]
        close.sort(key=lambda item: item[1], reverse=True)
        if close[0][1] > 0 and close[0][1] > close[1][1]:
            return close[0][2]
        return None


REFUSAL_REACH = 25
VERB_REACH = 12
YEAR_REACH = 2
YEAR_BONUS = 0.5
MIN_ISSUE_SCORE = 0.87
FRAME_WEIGHT = 0.3
AFFIRM_WORDS = 2
INSTITUTION_WEIGHT = 0.3
AGAINST_BONUS = 0.87
ISSUE_MARGIN = 1.15


@functools.lru_cache(maxsize=8)
def _capitalised_stems(text: str) -> frozenset[str]:
    """The stems of an article's capitalised words, read once for all its positions."""
    return frozenset(s for w in _WORD.findall(text) if w[0].isupper() and (s := _stem(w)))


def _episode_year(ident: str, data: dict[str, Any]) -> int | None:
    """The year of the one episode an issue is about: named in its id, or the one full date
    its definition gives ("India's air strike near Balakot on 26 February 2019")."""
    named = re.search(r"\b(?:19[4-9]\d|20[0-3]\d)\b", ident.replace("-", " "))
    if named:
        return int(named.group(0))
    dated = re.findall(r"\b\d{1,2} [A-Z][a-z]+ (\d{4})\b", str(data.get("description", "")))
    return int(dated[0]) if len(set(dated)) == 1 else None


def _verb_before(quote: str, sentence: str) -> str:
    """The few words right before a quote, where its speech verb stands ("blamed" of "New
    Delhi blamed [the attacks on its neighbour]")."""
    at = sentence.find(quote) if quote else -1
    return sentence[max(0, at - VERB_REACH) : at] if at > 0 else ""


def _stem(word: str) -> str | None:
    low = word.lower().removesuffix("'s").removesuffix("’s").strip("'’-")  # "Pakistan's"
    if low in _STOP or len(low) < 4:
        return None
    for suffix in _SUFFIXES:
        if low.endswith(suffix) and len(low) - len(suffix) >= 4:
            low = low[: -len(suffix)]
            break
    if low in _STOP:
        return None  # "keeps", "others": a stop word with an ending
    return low[:7] if low[:6] in _SHARED_PREFIXES else low[:6]


# Six-letter prefixes that unrelated words share: consular/consultations,
# responsibility/response. One letter more tells them apart.
_SHARED_PREFIXES = frozenset({"consul", "respon"})


def _cues_for(name: str, cues: list[tuple[str, str]], more: list[str]) -> re.Pattern[str] | None:
    """One pattern of the cue words whose head words the issue's name holds, and `more`."""
    patterns = [words for head, words in cues if re.search(head, name.lower())] + more
    return re.compile(rf"\b(?:{'|'.join(patterns)})", re.I) if patterns else None


def _governed(words: str, match: re.Match[str], objects: re.Pattern[str]) -> bool:
    """Whether a rejection word stands close to (and so governs) an object against the issue."""
    if re.search(r"\b(?:no|not|never|without|nor)\b(?:\s+\w+){0,2}\s*$", words[: match.start()]):
        return True
    before = objects.sub(" ", words[max(0, match.start() - GOVERN_BEFORE) : match.start()])
    after = objects.sub(" ", words[match.end() : match.end() + GOVERN_AFTER])
    return bool(NEGATIVE.search(before) or NEGATIVE.search(after))


# Participles that judge rather than report a deed done to someone: "the claims are fabricated"
_VERDICTS = frozenset({"fabricated", "unfounded", "unwarranted", "misplaced", "motivated"})


def _said(pattern: re.Pattern[str], words: str) -> bool:
    """Whether a cue occurs other than negated ("never asked", "not welcome") or as another's
    act ("at the request of Pakistan", "had been asked to leave")."""
    return any(
        not NEGATED.search(words[max(0, m.start() - 16) : m.start()])
        and not OTHERS_ACT.search(words[max(0, m.start() - 16) : m.start()])
        and not (
            m.group(0).endswith("ed")
            and m.group(0).lower() not in _VERDICTS
            and PASSIVE.search(words[max(0, m.start() - 8) : m.start()])
        )
        for m in pattern.finditer(words)
    )


_NOT_SO = re.compile(r"\b(?:not|no longer|never|nor)\b", re.I)
# a verb of a clause: words that say something of the matter, not only name it
_CLAUSE = re.compile(
    r"\b(?:is|are|was|were|be|been|would|will|shall|must|should|can|could|has|have|had|"
    r"remains?|\w{3,}ed)\b",
    re.I,
)


def stance_of(quote: str, sentence: str, issue: str | None, index: IssueIndex) -> str | None:
    """support, oppose, mixed or neutral when the words carry it; None otherwise."""
    return stance_basis(quote, sentence, issue, index)[0]


def stance_basis(
    quote: str, sentence: str, issue: str | None, index: IssueIndex
) -> tuple[str | None, str]:
    """The stance and the rule that gave it (what a curator checks first)."""
    words = OTHERS_VIEW.sub("", quote)
    frame = sentence[: max(0, sentence.find(quote))] if quote in sentence else ""
    if NEUTRAL.search(words):
        return "neutral", "declines a role or a side"
    if issue in index.denials and index.denials[issue].search(words):
        return "oppose", "denies the issue's matter"
    if issue and index.refused(issue, words):
        return "oppose", "refuses the issue's own matter"
    affirms = index.affirmations.get(issue or "")
    said = _verb_before(quote, sentence) + words
    if affirms and _said(affirms, said) and not _said(NEGATIVE, words):
        return "support", "lays the act at the other side's door"
    talks = issue is None or "dialogue" in issue
    if talks and PRECONDITION.search(words):
        return "mixed", "sets a precondition for talks"
    if issue in index.objects:
        found = list(index.objects[issue].finditer(words))
        if found:
            if any(_governed(words, m, index.objects[issue]) for m in found):
                return "support", "rejects what goes against the issue"
            if ENDORSE.search(words):
                return "oppose", "announces or upholds what goes against the issue"
            return None, "names what goes against the issue without taking it up or rejecting it"
    if PRECONDITION.search(words):
        return "mixed", "sets a precondition for talks"
    if UNDO.search(words):
        return "oppose", "asks the other side to undo its step"
    negative = _said(NEGATIVE, words) or _said(NEGATIVE, frame)
    positive = _said(POSITIVE, words) or _said(POSITIVE, frame)
    if issue and not positive and WEAK_POSITIVE.search(words):
        positive = True
    basis = "asks for, welcomes or commits to it" if positive else "rejects or condemns"
    if not negative and not positive and issue and index.affirms(issue, words):
        # stating the issue's matter as so affirms it; a negation may deny it or only a
        # part of it ("as long as the dispute is not resolved, the mandate remains")
        if _NOT_SO.search(words):
            return None, "states the issue's matter with a negation"
        if not _CLAUSE.search(words):
            return None, "names the issue's matter without saying anything of it"
        return "support", "states the issue's matter as so"
    if negative and not positive:
        stance = "oppose"
    elif positive and not negative:
        stance = "support"
    elif positive and negative:
        if CONTRAST.search(words):
            return "mixed", "support and objection joined by a contrast"
        return None, "both support and objection words, no contrast"
    elif JUSTIFY.search(words):
        stance, basis = "support", "justifies the speaker's own action"
    else:
        return None, "no words of support, objection, condition or neutrality"
    if stance == "support" and CONDITION.search(words):
        return "mixed", "support under a condition"
    return stance, basis


def statement_type(sentence: str) -> str | None:
    """The event type of a dated statement with no action word: a rejection or an
    expression of support, when its words say which."""
    negative, positive = _said(NEGATIVE, sentence), _said(POSITIVE, sentence)
    if negative and not positive:
        return "REJECT"
    if positive and not negative:
        return "SUPPORT"
    return None
