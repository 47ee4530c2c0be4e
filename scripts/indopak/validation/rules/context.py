"""What every rule across records works with: the index of other records, the context of
a run, and the located finding."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from indopak.io.errors import Finding
from indopak.io.files import Refused, read_inside
from indopak.io.lexicon import Lexicon
from indopak.io.yamlload import Document
from indopak.schema.project import Project
from indopak.schema.schemawalk import SchemaWalker
from indopak.validation.records import Record

# What a spreadsheet may take for the start of a formula, also behind blanks and in the
# full-width forms (＝＋－＠) that some spreadsheets fold to the ASCII ones.
_FORMULA = re.compile("[ \u00a0\u3000]*[=+\\-@\uff1d\uff0b\uff0d\uff20]|[\t\r]")
_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
# Characters that change or hide what a reader sees: C0 and C1 controls and DEL (except
# the newline), bidi overrides, and the zero-width and soft-hyphen characters (U+00AD,
# U+200B, U+2060 to U+2064, U+FEFF) that make two equal-looking names differ.
_ZERO_WIDTH = "\u00ad\u200b\u2060\u2061\u2062\u2063\u2064\ufeff"
_INVISIBLE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f" + "".join(sorted(_BIDI)) + _ZERO_WIDTH + "]")
_SPACES = re.compile(r"\s+")
SEED_MAX_BYTES = 4 * 1024 * 1024
# The date an event or position id starts with: YYYY, YYYY-MM or YYYY-MM-DD, then a word.
_DATE_SHAPE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
_ID_DATE = re.compile(r"([0-9]{4}(?:-[0-9]{2}){0,2})-(?![0-9])")
_URL_UNSAFE = re.compile(r"[\s\\\x00-\x1f\x7f]")
_HOST = re.compile(r"[a-z0-9.-]+|\[[0-9a-f:.]+\]")


def squash(text: str) -> str:
    """Whitespace-insensitive form used to find a quote in its document."""
    return _SPACES.sub(" ", text).strip()


# `Index.get` lends a rule the LOOKUP_FIELDS of another record only: what the registered
# rules declare they read (rules/__init__.py). Keeping it short lets a run that reads files
# in several processes hand each process these fields of every record, not the records.


def lookup_view(kind: str, path: str, fields: dict[str, Any]) -> Record:
    """A record as the index lends it to the rules of other records."""
    return Record(kind, path, Document(fields))


class Index:
    """What every rule may ask about the whole set of records, and a log of what it asked.

    Rules read the LOOKUP_FIELDS of schema-valid records only (`get`), so a broken record
    never breaks a rule that looks at it from elsewhere; `exists` and `first_path` cover every
    parsed record, so references to a broken record still resolve and duplicates are still
    found. The fields come on demand from `load` (a path's LOOKUP_FIELDS, or None when
    the file cannot be read), so a run that re-checks a few records reads only those and
    what they refer to. While `reads` is a set, every question adds the key it asked about
    (`kind/id`, or `kind/*` for the whole id list): the dependencies that decide when a
    cached result must be recomputed.
    """

    def __init__(
        self,
        entries: Iterable[tuple[str, str | None, str | None, bool]],
        load: Callable[[str], dict[str, Any] | None],
    ) -> None:
        self._load = load
        self._views: dict[str, Record] = {}
        self.first: dict[str, dict[str, str]] = defaultdict(dict)
        self.valid: dict[str, dict[str, str]] = defaultdict(dict)
        for path, kind, ident, valid in entries:  # in file order: the first path wins
            if kind is None or ident is None:
                continue
            self.first[kind].setdefault(ident, path)
            if valid:
                self.valid[kind].setdefault(ident, path)
        self.reads: set[str] | None = None

    def _note(self, kind: str, ident: str) -> None:
        if self.reads is not None:
            self.reads.add(f"{kind}/{ident}")

    def get(self, kind: str, ident: str) -> Record | None:
        self._note(kind, ident)
        path = self.valid[kind].get(ident)
        if path is None:
            return None
        view = self._views.get(path)
        if view is None:
            fields = self._load(path)
            if fields is None:
                return None
            view = self._views[path] = lookup_view(kind, path, fields)
        return view

    def exists(self, kind: str, ident: str) -> bool:
        self._note(kind, ident)
        return ident in self.first[kind]

    def first_path(self, kind: str, ident: str) -> str | None:
        self._note(kind, ident)
        return self.first[kind].get(ident)

    def ids(self, kind: str) -> set[str]:
        self._note(kind, "*")
        return set(self.first[kind])


Rule = Callable[["Context", Record], Iterator[Finding]]


class Context:
    """Shared state for one validation run."""

    def __init__(self, project: Project, index: Index, today: dt.date) -> None:
        self.project = project
        self.index = index
        self.today = today
        self.schemas = project.record_schemas
        self.walker = SchemaWalker(self.schemas)
        self.mode_types = {
            entry["code"]: entry["event_type"]
            for entry in project.vocabularies["event_mode"]["codes"]
        }
        self.lexicon = Lexicon(project.lexicon)
        self.any_term = self.lexicon.any_term
        self._seeds: dict[str, str | None] = {}
        self._seed_problems: dict[str, str] = {}
        self._walked: Record | None = None
        self._nodes: list[tuple[tuple, Any, dict]] = []

    def seed_text(self, seed: str) -> str | None:
        """The text of a seed document, whitespace squashed; None when it cannot be read
        (`seed_problem` says why)."""
        if seed not in self._seeds:
            root = str(self.project.root)
            try:
                raw, _status = read_inside(f"{root}/{seed}", root, SEED_MAX_BYTES)
                self._seeds[seed] = squash(raw.decode("utf-8"))
            except Refused as refused:
                problem = "does not exist" if refused.missing else refused.message
                self._seeds[seed], self._seed_problems[seed] = None, problem
            except UnicodeDecodeError:
                self._seeds[seed], self._seed_problems[seed] = None, "is not UTF-8 text"
        return self._seeds[seed]

    def seed_problem(self, seed: str) -> str:
        return self._seed_problems.get(seed, "does not exist")

    def may_hold_term(self, text: str) -> bool:
        """False only when no lexicon term can occur in the text."""
        return self.lexicon.may_hold(text)

    def walked(self, record: Record, nodes: list[tuple[tuple, Any, dict]]) -> None:
        """Take the record's nodes from a walk already made (by the schema check)."""
        self._walked, self._nodes = record, nodes

    def nodes(self, record: Record) -> list[tuple[tuple, Any, dict]]:
        """(path, value, schema) of every value of the record; kept for the record the rules
        are looking at, since each rule walks it."""
        if self._walked is not record:
            kind = "tombstone" if record.retired else record.kind
            self._nodes = list(self.walker.walk(self.schemas[kind], record.data))
            self._walked = record
        return self._nodes

    def linking_nodes(self, record: Record) -> list[tuple[tuple, Any, dict]]:
        """The nodes through which a record points at others: values the schema marks as
        references ("x-ref") and objects that cite a source with a quote. Taken from the
        record when it was read, since the rules that need no other record walked it then."""
        if record.links is None:
            record.links = [
                node
                for node in self.nodes(record)
                if "x-ref" in node[2]
                or (
                    isinstance(node[1], dict)
                    and isinstance(node[1].get("source"), str)
                    and isinstance(node[1].get("quote"), str)
                )
            ]
        return record.links


def _at(record: Record, path: tuple, rule: str, message: str) -> Finding:
    line, col = record.at(*path)
    return Finding(record.path, line, col, rule, message)
