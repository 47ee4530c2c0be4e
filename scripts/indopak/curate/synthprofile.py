"""The shape of a synthetic corpus: how many records of each kind, how many actors,
citations, claims, offices and actions a record carries, which optional fields are filled,
and the words its text is made of, measured on the real records (see synth.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# Kind -> records of that kind in the measured dataset.
KIND_COUNTS = {
    "source": 490,
    "event": 351,
    "position": 226,
    "actor": 206,
    "issue": 29,
    "crisis": 14,
    "treaty": 11,
}
# Fewest records of each kind a valid, self-contained corpus needs.
KIND_MINIMUM = {
    "source": 2,
    "event": 1,
    "position": 1,
    "actor": 6,
    "issue": 1,
    "crisis": 1,
    "treaty": 1,
}
MIN_RECORDS = sum(KIND_MINIMUM.values()) + 3

# Actor kind -> share of non-person, non-state actors (measured: 48 bodies of 61).
BODY_KINDS = {
    "international-organization": 9,
    "military": 9,
    "ministry": 8,
    "armed-group": 7,
    "government": 5,
    "tribunal": 4,
    "paramilitary": 3,
    "agency": 2,
    "political-party": 1,
}
STATELESS = {"international-organization", "tribunal"}
EVENT_TYPES = {
    "CONSULT": 57,
    "ASSAULT": 52,
    "SANCTION": 45,
    "AGREE": 30,
    "REQUEST": 29,
    "COOPERATE": 23,
    "REJECT": 23,
    "ACCUSE": 21,
    "CONCEDE": 18,
    "COERCE": 14,
    "MOBILIZE": 13,
    "THREATEN": 12,
    "RETREAT": 9,
    "SUPPORT": 4,
    "AID": 1,
}
EVENT_ROLES = {
    "initiator": 434,
    "target": 302,
    "participant": 293,
    "victim": 20,
    "mediator": 19,
    "perpetrator": 9,
    "observer": 9,
    "claimant": 2,
}
STANCES = {"support": 152, "oppose": 52, "mixed": 17, "neutral": 5}
TREATY_ACTIONS = {
    "implemented": 12,
    "signed": 11,
    "decision": 8,
    "proceeding-requested": 5,
    "entered-into-force": 4,
    "reaffirmed": 4,
    "held-in-abeyance": 3,
    "paused": 2,
    "notice-of-modification": 2,
    "violation-alleged": 2,
    "ratified": 2,
    "registered": 1,
    "dispute-raised": 1,
    "proceeding-constituted": 1,
}
DATE_FORMS = {10: 0.955, 7: 0.035, 4: 0.010}  # share of dates written YYYY-MM-DD, -MM, YYYY

# Neutral filler words (none is in schemas/lexicon.yaml).
WORDS = (
    "synthetic",
    "placeholder",
    "benchmark",
    "sample",
    "record",
    "delegation",
    "meeting",
    "statement",
    "river",
    "border",
    "talks",
    "review",
    "report",
    "committee",
    "session",
    "document",
    "visit",
    "letter",
    "trade",
    "officials",
    "envoy",
    "minister",
    "council",
    "water",
    "flow",
    "data",
    "survey",
    "route",
    "notice",
    "reply",
    "schedule",
    "agenda",
    "summary",
    "clause",
    "draft",
    "region",
    "station",
    "team",
    "panel",
    "request",
)

FIRST_DAY = dt.date(1947, 8, 15)
LAST_DAY = dt.date(2024, 12, 31)
ACCESSED = "2025-06-30"


@dataclass(frozen=True)
class Profile:
    """Measured shares and means (per record of the kind) that shape a synthetic corpus."""

    person_share: float = 145 / 206
    state_share: float = 13 / 206
    body_parent_share: float = 31 / 61
    actor_alias_share: float = 94 / 206
    aliases_mean: float = 119 / 94
    person_office_share: float = 137 / 145
    offices_mean: float = 143 / 137
    office_end_share: float = 0.5
    actor_description_share: float = 15 / 206
    actor_citations: float = 216 / 206
    event_actors: float = 1088 / 351
    event_citations: float = 617 / 351
    event_claim_share: float = 33 / 351
    claims_mean: float = 66 / 33
    event_crisis_share: float = 229 / 351
    event_treaty_share: float = 45 / 351
    event_location_share: float = 193 / 351
    event_fatalities_share: float = 21 / 351
    event_injured_share: float = 3 / 351
    event_date_end_share: float = 30 / 351
    position_speaker_share: float = 139 / 226
    position_quote_share: float = 89 / 226
    position_event_share: float = 164 / 226
    position_citations: float = 246 / 226
    issue_citations: float = 30 / 29
    crisis_citations: float = 27 / 14
    crisis_date_end_share: float = 9 / 14
    treaty_citations: float = 63 / 11
    treaty_in_force_share: float = 4 / 11
    treaty_parties: float = 25 / 11
    treaty_signatory_share: float = 5 / 11
    treaty_provision_share: float = 3 / 11
    provisions_mean: float = 23 / 3
    treaty_actions: float = 58 / 11
    action_citations: float = 84 / 58
    action_event_share: float = 36 / 58
    action_provision_share: float = 24 / 58
    source_author_share: float = 22 / 490
    seed_source_share: float = 1 / 490
    seed_citation_share: float = 27 / 1199


PROFILE = Profile()


def kind_counts(n: int) -> dict[str, int]:
    """Records of each kind in a corpus of n (largest remainders, then kind minimums)."""
    if n < MIN_RECORDS:
        raise ValueError(f"a synthetic corpus needs at least {MIN_RECORDS} records, not {n}")
    total = sum(KIND_COUNTS.values())
    exact = {kind: n * count / total for kind, count in KIND_COUNTS.items()}
    counts = {kind: int(value) for kind, value in exact.items()}
    by_remainder = sorted(exact, key=lambda k: (-(exact[k] - counts[k]), k))
    for kind in by_remainder[: n - sum(counts.values())]:
        counts[kind] += 1
    for kind, least in KIND_MINIMUM.items():
        while counts[kind] < least:
            donor = max(counts, key=lambda k: counts[k] - KIND_MINIMUM[k])
            counts[donor] -= 1
            counts[kind] += 1
    return counts
