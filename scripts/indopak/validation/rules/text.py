"""Rules on the dataset's own text: no spreadsheet formulas, invisible characters or
unnormalised Unicode, and the lexicon's loaded terms only inside attributed quotes."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

from indopak.io.errors import Finding
from indopak.validation.records import Record
from indopak.validation.rulebook import registered
from indopak.validation.rules.context import (
    _FORMULA,
    _INVISIBLE,
    Context,
    _at,
)

# --- text ------------------------------------------------------------------------------


@registered(
    "local",
    reports={
        "text-formula": (
            "No text starts with =, +, -, @ (also behind blanks or full-width), tab or CR "
            "(spreadsheet formulas)."
        ),
        "text-control": "No control, bidirectional-override, zero-width or soft-hyphen characters.",
        "text-nfc": "Text is in Unicode NFC form.",
        "text-blank": "No text of blanks only (a quote of spaces quotes nothing).",
        "lexicon-loaded-term": (
            "The dataset's own text (ids, names, aliases, places, claim values and every free-"
            "text field) avoids the loaded terms of schemas/lexicon.yaml outside quotation marks."
        ),
        "lexicon-unattributed-quote": (
            "A loaded term in quotation marks in the dataset's own text stands beside an "
            "attribution (says, calls, describes as ...)."
        ),
    },
)
def rule_text(ctx: Context, record: Record) -> Iterator[Finding]:
    nodes = ctx.nodes(record)
    texts = [(path, value) for path, value, _schema in nodes if isinstance(value, str)]
    # Most records are plain ASCII with no control character and no loaded word: one look
    # at all their text together spares the per-value checks.
    joined = "\n".join(value for _path, value in texts)
    suspect = not joined.isascii() or _INVISIBLE.search(joined) is not None
    for path, value in texts:
        if not value:
            continue
        formula = _FORMULA.match(value)
        if formula is not None:
            start = formula.group().strip(" \u00a0\u3000") or formula.group()
            yield _at(
                record,
                path,
                "text-formula",
                f"{path[-1]} starts with {start!r}, which spreadsheets run as a formula",
            )
        if value.isspace():
            yield _at(record, path, "text-blank", f"{path[-1]} holds only blanks; write the text")
        if suspect:
            bad = _INVISIBLE.search(value)
            if bad is not None:
                yield _at(
                    record,
                    path,
                    "text-control",
                    f"{path[-1]} contains the invisible character U+{ord(bad.group()):04X}",
                )
            if not value.isascii() and not unicodedata.is_normalized("NFC", value):
                yield _at(
                    record, path, "text-nfc", f"{path[-1]} is not in Unicode NFC form; normalise it"
                )
    if ctx.lexicon.may_hold(joined):
        yield from _loaded_terms(ctx, record, nodes)


def _loaded_terms(
    ctx: Context, record: Record, nodes: list[tuple[tuple, Any, dict]]
) -> Iterator[Finding]:
    """Loaded terms in the record's own voice: every text but quotes, addresses, codes and
    references (the record referred to answers for its own id). A claim's text is its
    claimant's: there, quotation marks are attribution enough."""
    lexicon = ctx.lexicon
    kind = "tombstone" if record.retired else record.kind
    for path, value, schema in nodes:
        if (
            not isinstance(value, str)
            or "x-ref" in schema
            or "enum" in schema
            or not lexicon.may_hold(value)
            or not lexicon.checks(kind, path, record.data)
        ):
            continue
        field = next((p for p in reversed(path) if isinstance(p, str)), "value")
        if field == "id" and (value in lexicon.pending_ids or record.retired):
            continue  # pending: listed by the audit until retired; a tombstone's id is history
        for use in lexicon.uses(value):
            prefer = use.entry["prefer"]
            if field == "id" and lexicon.attributed_in_id(value, use):
                continue
            if not use.quoted:
                yield _at(
                    record,
                    path,
                    "lexicon-loaded-term",
                    f"{field} uses the loaded term '{use.text}' outside a quotation; "
                    f"prefer: {prefer}",
                )
            elif "claims" not in path and not lexicon.attributed(value, use):
                yield _at(
                    record,
                    path,
                    "lexicon-unattributed-quote",
                    f"{field} quotes the loaded term '{use.text}' without saying whose word it "
                    f'is ("X calls ...", "says"); or prefer: {prefer}',
                )
