"""The registry of rules: every rule id the validator can report, with its layer and what it
guards against.

The rules of the first three layers (files and YAML, the record schemas) are reported by the
readers and the schema check, and declared here. The rules across records register
themselves where they are written (`@registered` in rules.py), each saying whether it reads
other records and which of their fields. The rule catalogue, the lists of rules the
validator runs, the fields the index lends and the tests all derive from this registry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

RULES: dict[str, tuple[str, str]] = {
    # layer 1: files and YAML
    "file-extension": ("file", "Record files end in .yaml."),
    "file-location": (
        "file",
        "A record sits in its kind's folder (events in the folder of "
        "their year), not in a subfolder.",
    ),
    "file-unreadable": ("file", "The file could not be read."),
    "file-hidden": ("file", "No hidden files (names starting with a dot) among the records."),
    "file-outside": ("file", "No links to files outside the repository."),
    "file-folder": ("file", "No links to folders among the records; they are not entered."),
    "file-special": ("file", "Records are regular files, not pipes, devices or sockets."),
    "id-deleted": (
        "file",
        "No record file is deleted: a removed record stays as a tombstone, so its id keeps "
        "resolving (seen by `validate --changed` against its base).",
    ),
    "yaml-merge-conflict": ("yaml", "No git merge-conflict markers left in the file."),
    "yaml-too-large": ("yaml", "A record file is at most 256 KiB."),
    "yaml-bom": ("yaml", "No byte-order mark at the start of the file."),
    "yaml-encoding": ("yaml", "The file is valid UTF-8."),
    "yaml-nul": ("yaml", "No NUL bytes."),
    "yaml-tab": ("yaml", "No tab characters; indent with spaces."),
    "yaml-empty": ("yaml", "The file holds a record."),
    "yaml-syntax": ("yaml", "The file is well-formed YAML."),
    "yaml-multiple-documents": ("yaml", "One YAML document per file."),
    "yaml-duplicate-key": ("yaml", "No key appears twice in one mapping."),
    "yaml-anchor": ("yaml", "No anchors (&name): every value is written out."),
    "yaml-alias": ("yaml", "No aliases (*name): every value is written out."),
    "yaml-tag": (
        "yaml",
        "No explicit tags (!!python/object, !!str, ...); they are never executed or honoured.",
    ),
    "yaml-complex-key": ("yaml", "Mapping keys are plain words."),
    "yaml-too-deep": ("yaml", "Nesting is at most 16 levels deep."),
    "yaml-not-mapping": (
        "yaml",
        "A record is a mapping of field: value, not a list or a single value.",
    ),
    # layer 2: record schemas
    "schema-unknown-field": (
        "schema",
        "Only fields the record schema defines (typos get a suggestion).",
    ),
    "schema-required": ("schema", "Every required field is present."),
    "schema-type": ("schema", "Each value has the schema's type (text, number, list, ...)."),
    "schema-pattern": (
        "schema",
        "Ids, dates, codes and other patterned values have the right shape.",
    ),
    "schema-max-length": ("schema", "Text is not longer than allowed (quotes: 300)."),
    "schema-min-length": ("schema", "Text is not empty."),
    "schema-min-items": ("schema", "Lists that need items have them (at least one citation)."),
    "schema-range": ("schema", "Numbers lie in their range (latitude, counts, ...)."),
    "vocab-unknown-code": ("schema", "Codes come from schemas/vocabularies.yaml."),
}


@dataclass(frozen=True)
class Check:
    """A function of rules.py and the rules it reports."""

    function: Callable[..., Any]
    scope: str  # "local": reads the record only; "cross": looks other records up
    reads: tuple[str, ...]  # the fields of other records it reads
    reports: tuple[str, ...]


CHECKS: list[Check] = []


def registered(
    scope: str, reports: dict[str, str], reads: tuple[str, ...] = ()
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare a rule function: its scope, the fields of other records it reads, and each
    rule id it reports with its one-line meaning."""
    if scope not in ("local", "cross") or (reads and scope != "cross"):
        raise ValueError(f"a rule reads other records only when it is 'cross': {scope}, {reads}")

    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        for rule_id, meaning in reports.items():
            if rule_id in RULES:
                raise ValueError(f"rule {rule_id!r} is declared twice")
            RULES[rule_id] = ("records", meaning)
        CHECKS.append(Check(function, scope, reads, tuple(reports)))
        return function

    return register


def checks(scope: str) -> tuple[Callable[..., Any], ...]:
    """The registered rule functions of one scope, in the order written."""
    return tuple(check.function for check in CHECKS if check.scope == scope)


# registers the rules across records
from indopak.validation import rules as _rules  # noqa: E402,F401
