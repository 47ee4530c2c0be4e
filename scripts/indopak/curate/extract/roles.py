"""Roles of the actors of an event, read from where they stand in its sentence.

A role is given only when the sentence shows it: the subject of the event's verb initiates it,
its object is the target, the parties joined by "and" to an agreement or a meeting take part,
an armed group that carries out or claims an attack is its perpetrator or claimant and the
force or people it hits are its victims. Otherwise the role is left empty for review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Verbs that open an event's action, by event type (a subset of the event type triggers).
_JOINT = {"AGREE", "CONSULT", "COOPERATE"}
_ATTACKERS = {"armed-group"}
_FORCES = {"military", "paramilitary", "police"}
_CLAIMED = re.compile(r"\bclaimed\s+by\s*$|\bclaimed\b.*\bby\s*$", re.I)
_AGENT = re.compile(r"\b(?:by|from)\s+(?:the\s+)?$", re.I)
_OBJECT = re.compile(
    r"\b(?:to|with|on|against|at|targeting|from|into|toward|towards|over|of)\s+(?:the\s+)?"
    r"(?:[\w'’-]+\s+){0,2}$",
    re.I,
)
_REPORTED = re.compile(
    r",\s*(?:[^,]{0,60}?)\b(?:said|says|told|added|stated|reported|announced)\b[^,]*$", re.I
)


@dataclass(frozen=True)
class Placed:
    key: str  # actor key
    start: int  # offset inside the sentence
    end: int
    kind: str | None


def attribution_start(sentence: str) -> int:
    """Where a closing attribution (", the foreign office said.") starts, or the end."""
    match = _REPORTED.search(sentence.rstrip(' ."”'))
    return match.start() if match else len(sentence)


def roles_of(
    sentence: str, placed: list[Placed], trigger: tuple[int, int] | None, event_type: str | None
) -> dict[str, str | None]:
    """Actor key -> role (None when the sentence does not show it)."""
    roles: dict[str, str | None] = {}
    for item in placed:
        before = sentence[max(0, item.start - 40) : item.start]
        role: str | None = None
        if event_type == "ASSAULT":
            if item.kind in _ATTACKERS:
                role = "claimant" if _CLAIMED.search(before) else "perpetrator"
            elif item.kind in _FORCES and (
                trigger is None
                or item.start > trigger[0]
                or re.search(r"\b(?:were|was|been|being)\b", sentence[item.end : trigger[0]])
            ):
                role = "victim"
            elif trigger is not None and item.end <= trigger[0] and item.kind == "state":
                role = "initiator"
            elif trigger is not None and item.start >= trigger[1] and _OBJECT.search(before):
                role = "target"
        elif trigger is not None:
            if item.end <= trigger[0]:
                joined = re.search(r"\band\b", sentence[item.end : trigger[0]])
                role = "participant" if event_type in _JOINT and joined else "initiator"
                if event_type in _JOINT and re.search(r"\band\s+(?:the\s+)?$", before):
                    role = "participant"
            elif item.start >= trigger[1]:
                if _AGENT.search(before):
                    role = "initiator"
                elif event_type in _JOINT and re.search(r"\bwith\s+(?:the\s+)?$", before):
                    role = "participant"
                elif _OBJECT.search(before) or item.start - trigger[1] < 4:
                    role = "target"
        if item.key not in roles or roles[item.key] is None:
            roles[item.key] = role
    return roles
