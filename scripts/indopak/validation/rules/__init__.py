"""Layer 3: rules that look across records or inside values the schema cannot judge.

Each rule is a function registered with `@registered` (see rulebook.py) in the module of its
theme; importing this package registers them all, in this order.
"""

from __future__ import annotations

from indopak.io.errors import Finding
from indopak.validation.records import Record
from indopak.validation.rulebook import CHECKS, checks
from indopak.validation.rules import identity, people, sources, text, values  # noqa: F401
from indopak.validation.rules.context import (
    _BIDI,
    _INVISIBLE,
    SEED_MAX_BYTES,
    Context,
    Index,
    Rule,
    lookup_view,
    squash,
)
from indopak.validation.rules.identity import rule_identity, rule_references
from indopak.validation.rules.sources import url_problem

__all__ = [
    "_BIDI",
    "_INVISIBLE",
    "CROSS_RULES",
    "LOCAL_RULES",
    "LOOKUP_FIELDS",
    "SEED_MAX_BYTES",
    "Context",
    "Index",
    "check_cross",
    "check_local",
    "lookup_fields",
    "lookup_view",
    "squash",
    "url_problem",
]

# Rules that read nothing but the record itself (and the schemas, seeds and date, which
# the cache's fingerprint covers) run where the file is read, on any core; the others look
# other records up in the index.
LOCAL_RULES: tuple[Rule, ...] = checks("local")
CROSS_RULES: tuple[Rule, ...] = checks("cross")
LOOKUP_FIELDS = tuple(
    dict.fromkeys(name for check in CHECKS if check.scope == "cross" for name in check.reads)
)


def check_local(ctx: Context, record: Record) -> list[Finding]:
    """The rules that need no other record, on a schema-valid record (whose linking nodes
    are noted on the way, for the cross-record rules)."""
    findings: list[Finding] = []
    for rule in LOCAL_RULES:
        findings.extend(rule(ctx, record))
    ctx.linking_nodes(record)
    return findings


def check_cross(ctx: Context, record: Record, valid: bool) -> list[Finding]:
    """The rules that look other records up. When its schema check failed, only those
    that stand on their own: identity, and the references whose values are ids, so a
    contributor sees every independent mistake in one run."""
    findings: list[Finding] = []
    if not valid:
        if record.id is not None:
            findings.extend(rule_identity(ctx, record))
        findings.extend(rule_references(ctx, record))
        return findings
    for rule in CROSS_RULES:
        findings.extend(rule(ctx, record))
    return findings


def lookup_fields(data: dict) -> dict:
    """The fields of a record that the rules of other records may read."""
    return {name: data[name] for name in LOOKUP_FIELDS if name in data}
