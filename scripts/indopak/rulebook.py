"""Every rule id the validator can report, with its layer and what it guards against."""

from __future__ import annotations

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
    # layer 3: across records
    "id-mismatch": ("records", "A record's id equals its file name."),
    "id-duplicate": ("records", "No two records of a kind share an id."),
    "id-date": ("records", "An event or position id starts with the record's own date."),
    "ref-unknown": ("records", "Every reference names an existing record (with a suggestion)."),
    "ref-retired": ("records", "No reference to a retired id; use its replacement."),
    "actor-parent-cycle": ("records", "An actor is never its own ancestor."),
    "retired-cycle": (
        "records",
        "A tombstone's replaced_by never leads back to itself, directly or through others.",
    ),
    "date-invalid": ("records", "Dates name real days (no 2019-02-30)."),
    "date-future": ("records", "No date after today."),
    "date-order": ("records", "Ends are not before starts; accessed is not before publication."),
    "count-order": ("records", "Counts satisfy low <= best <= high."),
    "duplicate-item": (
        "records",
        "Items of a list do not repeat (actors and roles, aliases, ids).",
    ),
    "source-locator": ("records", "A source has a url with an access date, or a seed document."),
    "url-scheme": ("records", "URLs are http(s) addresses with a host."),
    "source-domain-refused": (
        "records",
        "A source is not on a domain that schemas/policy.yaml refuses (document dumps, "
        "personal blogs, spam and copied pages).",
    ),
    "url-tracking-param": (
        "records",
        "Source URLs carry no tracking parameters (utm_*, fbclid, ...; `indopak fmt` strips them).",
    ),
    "date-after-sources": (
        "records",
        "An event, position or treaty action is not dated after every source that evidences it.",
    ),
    "seed-missing": ("records", "A seed document named by a source exists."),
    "seed-refused": (
        "records",
        "A seed document is a regular UTF-8 file inside the repository, at most 4 MiB.",
    ),
    "quote-not-in-seed": ("records", "A quote citing a seed document occurs in it verbatim."),
    "position-quote-cited": (
        "records",
        "A position's quote occurs inside one of its citation quotes.",
    ),
    "position-speaker-office": (
        "records",
        "A speaker held an office in the actor they speak for on the position's date.",
    ),
    "event-mode-type": ("records", "A PLOVER mode belongs to the event's type."),
    "text-formula": (
        "records",
        "No text starts with =, +, -, @ (also behind blanks or full-width), tab or CR "
        "(spreadsheet formulas).",
    ),
    "text-control": (
        "records",
        "No control, bidirectional-override, zero-width or soft-hyphen characters.",
    ),
    "text-nfc": ("records", "Text is in Unicode NFC form."),
    "text-blank": ("records", "No text of blanks only (a quote of spaces quotes nothing)."),
    "lexicon-loaded-term": (
        "records",
        "The dataset's own text (ids, names, aliases, places, claim values and every "
        "free-text field) avoids the loaded terms of schemas/lexicon.yaml outside quotation "
        "marks.",
    ),
    "lexicon-unattributed-quote": (
        "records",
        "A loaded term in quotation marks in the dataset's own text stands beside an "
        "attribution (says, calls, describes as ...).",
    ),
}
