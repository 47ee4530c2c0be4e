"""The words stances are read from: what goes against an issue, rejections and requests,
conditions, refusals, neutrality, and the contexts in which a cue is not the speaker's own.

`stance.py` applies them; they live apart so that the vocabulary can grow without the rules.
"""

from __future__ import annotations

import re

# What goes against an issue's proposition, by the head words of its name. Objects ("the
# suspension of the treaty") can themselves be rejected, which supports the issue; denials
# ("nothing to do with the attack") cannot.
VOID = (
    r"dead document|defunct|lost (?:its|their) (?:relevance|sanctity|validity)|no longer "
    r"(?:held|holds|valid|applicable|relevant|bound)|null and void"
)
OBJECTS = [
    (
        r"continu|remain|in force|observ|kept|keeps|role",
        r"suspen\w*|abeyance|abandon\w*|abrogat\w*|scrap\w*|terminat\w*|revok\w*|"
        r"violat\w*|breach\w*|unilateral\w*|water warfare|stop or divert|clos(?:ed|ure|ing)|"
        r"shut\w*|halt\w*",
    ),
    (r"interven|mediat|third", r"bilateral\w*|no third party|internal matter"),
    (r"unresolved|dispute", r"internal matter|integral part|settled matter"),
    (r"resum|dialogue", r"no talks|cannot go together|call(?:ed)? off|postpon\w*"),
    (r"competen", r"illegal\w*|not recogni[sz]e|does not recognise"),
    (r"listing|designat", r"technical holds?|hold on|block\w*"),
]
DENIALS = [
    (r"continu|remain|in force|observ|kept|keeps", VOID),
    (
        r"responsib|attribut",
        r"nothing to do|no connection|false flag|no evidence|without (?:any )?(?:evidence|"
        r"investigation)|before investigations?|baseless|absurd|den(?:y|ies|ied)|no role|"
        r"habit of blaming",
    ),
    (
        r"justif",
        r"aggression|violation of \w+ sovereignty|uncalled|fictitious|self serving|"
        r"act of war",
    ),
]
# Words that lay an act at someone's door, by the head words of the name: saying so
# supports an issue of responsibility.
AFFIRMATIONS = [
    (
        r"responsib|attribut",
        r"blam\w*|(?:is|are|was|were) behind|cross-border (?:links|linkages)|no doubt|"
        r"pinned (?:the )?(?:responsibility|blame)|held (?:\w+ )?responsible|"
        r"evidence|carried out by|masterminded|sponsored by|at the behest of|based in|"
        r"[\w-]+-based",
    ),
]
NEGATIVE = re.compile(
    r"\b(?:reject\w*|den(?:y|ied|ies)|oppos\w*|refus\w*|condemn\w*|absurd|baseless|"
    r"unacceptable|not acceptable|dismiss\w*|no such|never|illegal\w*|unjust\w*|reckless|"
    r"unwarranted|"
    r"grievous error|nullif\w*|devoid of|cowardly|does not recogni[sz]e|not recogni[sz]e|"
    r"nor take part|not take part|protest\w*|unfortunate|surprising|no words of "
    r"condemnation|violation|no evidence|not (?:be )?allow\w*|unserious|inappropriate|"
    r"nothing to do|act of war|warfare|usurpation|not accept|regret\w*|not let|unchallenged|"
    rf"neither|collaps\w*|no locus standi|fabricat\w*|no credibility|meaningless|"
    rf"{VOID})\b",
    re.I,
)
POSITIVE = re.compile(
    r"\b(?:seek\w*|sought|urg(?:e|es|ed|ing)|ask\w*|welcom\w*|support\w*|call(?:ed|s)? (?:for|on)|"
    r"request\w*|appeal\w*|back(?:ed|s|ing)|committed|commitment|wants?|wanted|"
    r"ready to|willing to|stands? ready|open to|agree(?:s|d|ing)?|appreciat\w*|hope\w*|"
    r"grateful|thank\w*|happy|pleased|positive|successful|fruitful|constructive|first step|"
    r"right direction|"
    r"vindicat\w*|will grant|offer\w*|expect\w*|continue to|recommit\w*|would love|prayers|"
    r"opening|open our|remains? open|stays? open|keeps? (?:\w+ )?open|peace|"
    r"renew\w*|extension of|remain(?:s|ed)? (?:in effect|in force|valid)|binding|"
    r"propos\w*|suggest\w*|demand\w*|protect\w*|safeguard\w*|observe|abide by|adhere to|"
    r"brought to justice|held accountable|"
    r"resolved peacefully|restraint|no objection|does not have "
    r"objection|high point|goodwill|provided to|investigate|action against|firm and "
    r"immediate|prompt and decisive|strongly emphasi[sz]ed|continue\w*|take (?:the matter|the "
    r"issue|it) to)\b",
    re.I,
)
# Modal demands say what the speaker wants, but only of a known issue.
WEAK_POSITIVE = re.compile(r"\b(?:must|should|have to|need to|imperative)\b", re.I)
JUSTIFY = re.compile(
    r"\b(?:pre-emptive|non-military|non-escalatory|measured|proportionate|in response to|"
    r"right to respond|self-defen[cs]e|focused)\b",
    re.I,
)
CONDITION = re.compile(
    # "as provided in the treaty" and "even if" set no condition
    r"\b(?:(?<!even )if|unless|(?<!as )provided(?: that)?|on condition|as long as|only when|"
    r"only if|subject to|"
    r"without compromising|despite|based on solid|according to (?:pakistani )?laws?|"
    r"as per law)\b",
    re.I,
)
# Asking another to undo a step of theirs opposes the step; ending something before talks
# is a condition on them.
UNDO = re.compile(
    r"\b(?:urg\w*|ask\w*|call\w* on)\b[^.]{0,40}\bto (?:reconsider|review|reverse|withdraw|"
    r"rescind|roll back|revoke)\b",
    re.I,
)
PRECONDITION = re.compile(
    r"\b(?:stop|end)\b[^.]{0,30}\b(?:to start|before)\b[^.]{0,12}\b(?:talks|dialogue)\b|"
    r"\b(?:talks|dialogue)\b[^.]{0,30}\b(?:cannot|can ?not|can't)\s+(?:happen|go|take place|"
    r"be held|coexist)|\b(?:talks|dialogue)\b[^.]{0,30}\bonly\b[^.]{0,20}\b(?:on|about)\b",
    re.I,
)
# ", which India regards as a bilateral matter": another party's view, not the speaker's
OTHERS_VIEW = re.compile(
    r",\s*which\s+(?:\w+\s+){1,3}?(?:regards?|considers?|calls?|sees?|describes?|terms?)\b"
    r"[^.;]*",
    re.I,
)
# Words with which a speaker takes up a step as their own or as the way things should be.
ENDORSE = re.compile(
    r"\b(?:will|would|shall|could|may|must|should|only|we|our|it is for|is an? internal|"
    r"are an? internal|entirely|welcom\w*|support\w*|decided|announced?)\b",
    re.I,
)
NEGATED = re.compile(r"\b(?:never|not|no|nor|n't)\s+(?:\w+\s+)?$", re.I)
# Refusals that take the words after them as their object.
REFUSAL = re.compile(
    r"\b(?:(?:will|would|shall|do|does|did|can|could)\s+not\s+(?:allow|accept|permit|tolerate)|"
    r"never\s+(?:allow|accept|permit|tolerate)\w*|reject(?:s|ed)?|refus(?:e|es|ed)\s+(?:any|to)|"
    r"no\s+room\s+for)\b",
    re.I,
)
OTHERS_ACT = re.compile(r"\b(?:at|on|upon|with|by) (?:the|its|their|his|her)\s+$", re.I)
PASSIVE = re.compile(r"\b(?:been|was|were|being|is|are)\s+$", re.I)
CONTRAST = re.compile(r"\b(?:despite|but|however|although|though|while)\b", re.I)
NEUTRAL = re.compile(
    r"\b(?:no role|facilitator|not (?:to )?take sides|"
    r"neutral(?!\s+(?:expert|venue|country|ground|investigation|probe|inquiry|site))|"
    r"following (?:the \w+ )?"
    r"(?:[\w\s]{0,30})?closely|monitoring|premature|formality|no cause for complaint|"
    r"requires the two countries|no clause|no direct contact|declined to comment|"
    r"not step in|would not step in|closely (?:following|watching|monitoring))\b",
    re.I,
)
