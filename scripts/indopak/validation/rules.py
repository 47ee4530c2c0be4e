"""Layer 3: rules that look across records or inside values the schema cannot judge."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

from indopak.io import dates
from indopak.io.errors import Finding
from indopak.io.files import Refused, read_inside
from indopak.io.lexicon import Lexicon
from indopak.io.yamlload import Document
from indopak.schema.project import Project
from indopak.schema.schemawalk import SchemaWalker
from indopak.validation.records import Record
from indopak.validation.rulebook import CHECKS, checks, registered
from indopak.validation.schemacheck import suggest

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


# The only fields of another record that the cross-record rules read (`Index.get` returns
# a record holding just these): what the rules registered below declare they read. Keeping
# it short lets a run that reads files in several processes hand each process these fields
# of every record instead of the records.
# (LOOKUP_FIELDS is set at the end of this module, once every rule is registered.)


def lookup_fields(data: dict[str, Any]) -> dict[str, Any]:
    return {name: data[name] for name in LOOKUP_FIELDS if name in data}


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


# --- identity and location -------------------------------------------------------------


def _real_date(text: str) -> bool:
    if not _DATE_SHAPE.fullmatch(text):
        return False
    try:
        dates.span(text)
    except dates.BadDate:
        return False
    return True


@registered(
    "cross",
    reports={
        "id-mismatch": "A record's id equals its file name.",
        "id-duplicate": "No two records of a kind share an id.",
        "id-date": "An event or position id starts with the record's own date.",
    },
)
def rule_identity(ctx: Context, record: Record) -> Iterator[Finding]:
    ident = record.id
    if ident is None:
        return
    if ident != record.stem:
        yield _at(
            record,
            ("id",),
            "id-mismatch",
            f"id '{ident}' differs from the file name '{record.stem}.yaml'; "
            "rename the file or fix the id",
        )
    first = ctx.index.first_path(record.kind, ident)
    if first is not None and first != record.path:
        yield _at(
            record,
            ("id",),
            "id-duplicate",
            f"{record.kind} id '{ident}' is already used by {first}",
        )
    date = record.data.get("date")
    prefix = _ID_DATE.match(ident)
    dated = record.kind in ("event", "position") and isinstance(date, str)
    dated = dated and _real_date(date)  # an invalid date has its own finding
    if dated and prefix and not date.startswith(prefix.group(1)):
        yield _at(
            record,
            ("id",),
            "id-date",
            f"id starts with {prefix.group(1)} but the record is dated {date}; "
            f"start the id (and file name) with {date}",
        )
    if record.kind == "event" and isinstance(date, str) and re.match(r"[0-9]{4}(-|$)", date):
        year = record.data["date"][:4]
        expected = f"data/records/events/{year}/{record.stem}.yaml"
        if record.path != expected:
            yield _at(
                record,
                ("date",),
                "file-location",
                f"an event dated {record.data['date']} belongs in {expected}",
            )
    elif record.kind != "event" and record.path.count("/") != 3:
        folder = "/".join(record.path.split("/")[:3])
        yield _at(
            record,
            (),
            "file-location",
            f"{record.kind} records sit directly in {folder}/, not in a subfolder",
        )


# --- references ------------------------------------------------------------------------


@registered(
    "cross",
    reads=("retired",),
    reports={
        "ref-unknown": "Every reference names an existing record (with a suggestion).",
        "ref-retired": "No reference to a retired id; use its replacement.",
    },
)
def rule_references(ctx: Context, record: Record) -> Iterator[Finding]:
    listed = record.data.get("provisions") if record.kind == "treaty" else None
    provisions = (
        {p["id"] for p in listed if isinstance(p, dict) and isinstance(p.get("id"), str)}
        if isinstance(listed, list)
        else set()
    )
    for path, value, schema in ctx.linking_nodes(record):
        target = schema.get("x-ref")
        if target is None or not isinstance(value, str):
            continue
        if target == "provision":
            if value not in provisions:
                yield _at(
                    record,
                    path,
                    "ref-unknown",
                    f"provision '{value}' is not among this treaty's provisions"
                    f"{suggest(value, provisions)}",
                )
            continue
        kind = record.kind if target == "self" else target
        found = ctx.index.get(kind, value)
        if found is None and ctx.index.exists(kind, value):
            continue  # the record exists but is broken; its own findings say how
        if found is None:
            yield _at(
                record,
                path,
                "ref-unknown",
                f"no {kind} with id '{value}'{suggest(value, ctx.index.ids(kind))}",
            )
        elif found.retired and path[:1] != ("retired",):
            info = found.data["retired"]
            replacement = info.get("replaced_by")
            hint = f"; use '{replacement}'" if replacement else ""
            yield _at(
                record,
                path,
                "ref-retired",
                f"{kind} '{value}' was retired on {info.get('date')} ({info.get('reason')}){hint}",
            )


@registered(
    "cross",
    reads=("parent",),
    reports={
        "actor-parent-cycle": "An actor is never its own ancestor.",
    },
)
def rule_parent_cycle(ctx: Context, record: Record) -> Iterator[Finding]:
    if record.kind != "actor" or not isinstance(record.data.get("parent"), str):
        return
    seen = {record.id}
    current = record.data["parent"]
    while isinstance(current, str):
        if current in seen:
            yield _at(
                record,
                ("parent",),
                "actor-parent-cycle",
                f"parent chain of '{record.id}' loops back through '{current}'",
            )
            return
        seen.add(current)
        parent = ctx.index.get("actor", current)
        current = parent.data.get("parent") if parent else None


# --- dates and counts ------------------------------------------------------------------

_ORDERED_PAIRS = (("date", "date_end"), ("start", "end"), ("date", "accessed"))


@registered(
    "local",
    reports={
        "date-invalid": "Dates name real days (no 2019-02-30).",
        "date-future": "No date after today.",
        "date-order": "Ends are not before starts; accessed is not before publication.",
    },
)
def rule_dates(ctx: Context, record: Record) -> Iterator[Finding]:
    spans: dict[tuple, tuple[dt.date, dt.date]] = {}
    for path, value, schema in ctx.nodes(record):
        if not schema.get("x-date") or not isinstance(value, str):
            continue
        if not re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", value):
            continue  # the schema layer reports the shape
        try:
            first, last = dates.span(value)
        except dates.BadDate as exc:
            yield _at(record, path, "date-invalid", str(exc))
            continue
        if first > ctx.today:
            yield _at(
                record,
                path,
                "date-future",
                f"{path[-1]} {value} is in the future (today is {ctx.today.isoformat()})",
            )
        spans[path] = (first, last)
    for path, (_first, last) in spans.items():
        for start_key, end_key in _ORDERED_PAIRS:
            if path[-1] != end_key:
                continue
            start = spans.get(path[:-1] + (start_key,))
            if start is not None and last < start[0]:
                yield _at(
                    record,
                    path,
                    "date-order",
                    f"{end_key} {_text(record, path)} is before "
                    f"{start_key} {_text(record, path[:-1] + (start_key,))}",
                )


def _text(record: Record, path: tuple) -> Any:
    value: Any = record.data
    for key in path:
        value = value[key]
    return value


@registered(
    "local",
    reports={
        "count-order": "Counts satisfy low <= best <= high.",
    },
)
def rule_counts(ctx: Context, record: Record) -> Iterator[Finding]:
    for path, value, schema in ctx.nodes(record):
        if not schema.get("x-count") or not isinstance(value, dict):
            continue
        present = [(k, value[k]) for k in ("low", "best", "high") if isinstance(value.get(k), int)]
        for (k1, v1), (k2, v2) in zip(present, present[1:], strict=False):
            if v1 > v2:
                yield _at(
                    record,
                    path + (k2,),
                    "count-order",
                    f"{path[-1]}: {k1} ({v1}) is greater than {k2} ({v2}); "
                    "expected low <= best <= high",
                )


@registered(
    "local",
    reports={
        "duplicate-item": "Items of a list do not repeat (actors and roles, aliases, ids).",
    },
)
def rule_unique_items(ctx: Context, record: Record) -> Iterator[Finding]:
    for path, value, schema in ctx.nodes(record):
        keys = schema.get("x-unique")
        if not keys or not isinstance(value, list):
            continue
        seen: dict[tuple, int] = {}
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                continue
            key = tuple(item.get(k) for k in keys)
            if key in seen:
                yield _at(
                    record,
                    path + (index,),
                    "duplicate-item",
                    f"{path[-1]} item {index + 1} repeats item {seen[key] + 1} "
                    f"({', '.join(keys)} must differ)",
                )
            else:
                seen[key] = index


@registered(
    "cross",
    reads=("retired",),
    reports={
        "retired-cycle": (
            "A tombstone's replaced_by never leads back to itself, directly or through others."
        ),
    },
)
def rule_retired_chain(ctx: Context, record: Record) -> Iterator[Finding]:
    """A tombstone's replacement never leads back to itself, directly or through other
    tombstones, so that an old id always resolves to a live record."""
    if not record.retired or not isinstance(record.data["retired"], dict):
        return
    seen = [record.id]
    current = record.data["retired"].get("replaced_by")
    while isinstance(current, str):
        if current in seen:
            loop = " -> ".join([*seen, current])
            yield _at(
                record,
                ("retired", "replaced_by"),
                "retired-cycle",
                f"replaced_by leads back to '{current}' ({loop}); "
                "point it at the live record that replaces this one",
            )
            return
        seen.append(current)
        found = ctx.index.get(record.kind, current)
        if found is None or not found.retired:
            return
        current = (found.data.get("retired") or {}).get("replaced_by")


# --- sources and quotes ----------------------------------------------------------------


@registered(
    "local",
    reports={
        "source-locator": "A source has a url with an access date, or a seed document.",
        "url-scheme": "URLs are http(s) addresses with a host.",
        "seed-missing": "A seed document named by a source exists.",
        "seed-refused": (
            "A seed document is a regular UTF-8 file inside the repository, at most 4 MiB."
        ),
        "source-domain-refused": (
            "A source is not on a domain that schemas/policy.yaml refuses (document dumps, "
            "personal blogs, spam and copied pages)."
        ),
        "url-tracking-param": (
            "Source URLs carry no tracking parameters (utm_*, fbclid, ...; `indopak fmt` strips "
            "them)."
        ),
    },
)
def rule_source(ctx: Context, record: Record) -> Iterator[Finding]:
    if record.kind != "source" or record.retired:
        return
    data = record.data
    url, seed = data.get("url"), data.get("seed")
    if url is None and seed is None:
        yield _at(
            record, (), "source-locator", "a source needs a url (with accessed) or a seed document"
        )
    if url is not None and "accessed" not in data:
        yield _at(
            record, ("url",), "source-locator", "a source with a url needs accessed: YYYY-MM-DD"
        )
    for field in ("url", "archive_url"):
        value = data.get(field)
        problem = url_problem(value) if isinstance(value, str) else None
        if problem is not None:
            yield _at(record, (field,), "url-scheme", f"{field} {value!r} {problem}")
    if isinstance(seed, str) and ctx.seed_text(seed) is None:
        problem = ctx.seed_problem(seed)
        if problem == "does not exist":
            yield _at(record, ("seed",), "seed-missing", f"seed document {seed} does not exist")
        else:
            yield _at(record, ("seed",), "seed-refused", f"seed document {seed} {problem}")

    yield from _source_policy(ctx, record)


def _source_policy(ctx: Context, record: Record) -> Iterator[Finding]:
    """A source's URLs against schemas/policy.yaml: no refused domain (save the sources the
    policy lists as pending correction), no tracking parameter."""
    policy = ctx.project.policy
    for field in ("url", "archive_url"):
        value = record.data.get(field)
        if not isinstance(value, str):
            continue
        refusal = policy.refusal(value)
        if refusal is not None and record.id not in policy.pending:
            yield _at(
                record,
                (field,),
                "source-domain-refused",
                f"{field} is on {refusal.domain}, which schemas/policy.yaml refuses: "
                f"{refusal.reason}",
            )
        tracking = policy.tracking(value)
        if tracking:
            yield _at(
                record,
                (field,),
                "url-tracking-param",
                f"{field} carries the tracking parameter(s) {', '.join(tracking)}; "
                "`indopak fmt` removes them",
            )


def url_problem(url: str) -> str | None:
    """Why `url` is not a plain web address (None when it is): the scheme must be http or
    https (in any case), the host a dotted name, and the address may carry no user name or
    password, no backslash and no blank or control character."""
    if _URL_UNSAFE.search(url):
        return "holds a space, a backslash or a control character"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "is not a well-formed address"
    if parts.scheme.lower() not in ("http", "https"):
        return "is not an http(s) address"
    if "@" in parts.netloc:
        return "carries a user name or password before the host; give the plain address"
    host = parts.hostname or ""
    if "." not in host.strip(".") or not _HOST.fullmatch(host) or port == 0:
        return "is not an http(s) address with a host name"
    return None


@registered(
    "cross",
    reads=("seed",),
    reports={
        "quote-not-in-seed": "A quote citing a seed document occurs in it verbatim.",
    },
)
def rule_quotes_in_seed(ctx: Context, record: Record) -> Iterator[Finding]:
    for path, value, _schema in ctx.linking_nodes(record):
        if not (
            isinstance(value, dict)
            and isinstance(value.get("source"), str)
            and isinstance(value.get("quote"), str)
        ):
            continue
        source = ctx.index.get("source", value["source"])
        seed = source.data.get("seed") if source else None
        if not isinstance(seed, str):
            continue
        text = ctx.seed_text(seed)
        if text is not None and squash(value["quote"]) not in text:
            yield _at(
                record,
                path + ("quote",),
                "quote-not-in-seed",
                f"quote does not occur verbatim in {seed}",
            )


@registered(
    "local",
    reports={
        "position-quote-cited": "A position's quote occurs inside one of its citation quotes.",
    },
)
def rule_position_quote(ctx: Context, record: Record) -> Iterator[Finding]:
    if record.kind != "position" or not isinstance(record.data.get("quote"), str):
        return
    quote = squash(record.data["quote"])
    cited = [
        squash(c.get("quote", ""))
        for c in record.data.get("citations") or []
        if isinstance(c, dict) and isinstance(c.get("quote"), str)
    ]
    if not any(quote in c for c in cited):
        yield _at(
            record,
            ("quote",),
            "position-quote-cited",
            "the position's quote must occur inside one of its citation quotes",
        )


# --- dates against the sources -----------------------------------------------------


def _dated_parts(record: Record) -> Iterator[tuple[tuple, Any, list]]:
    """(path of the date, the date, citations) of what a record dates: an event or a
    position as a whole, and each action of a treaty's status history."""
    data = record.data
    if record.kind in ("event", "position"):
        yield ("date",), data.get("date"), data.get("citations") or []
    elif record.kind == "treaty":
        for index, action in enumerate(data.get("status_history") or []):
            if isinstance(action, dict):
                yield (
                    ("status_history", index, "date"),
                    action.get("date"),
                    action.get("citations") or [],
                )


@registered(
    "cross",
    reads=("date",),
    reports={
        "date-after-sources": (
            "An event, position or treaty action is not dated after every source that evidences it."
        ),
    },
)
def rule_date_after_sources(ctx: Context, record: Record) -> Iterator[Finding]:
    """A record cannot be dated after every document that evidences it."""
    if record.retired:
        return
    for path, value, citations in _dated_parts(record):
        if not isinstance(value, str):
            continue
        try:
            first = dates.span(value)[0]
        except (dates.BadDate, ValueError, IndexError):
            continue
        if first > ctx.today:
            continue  # date-future says so
        latest: tuple[dt.date, str] | None = None
        for cite in citations:
            if not isinstance(cite, dict) or not isinstance(cite.get("source"), str):
                continue
            source = ctx.index.get("source", cite["source"])
            when = source.data.get("date") if source else None
            try:
                last = dates.span(when)[1] if isinstance(when, str) else None
            except (dates.BadDate, ValueError, IndexError):
                last = None
            if last is None:
                latest = None  # a source of unknown date: nothing can be said
                break
            if latest is None or last > latest[0]:
                latest = (last, f"{cite['source']} ({when})")
        if latest is not None and first > latest[0]:
            yield _at(
                record,
                path,
                "date-after-sources",
                f"dated {value}, after every source that evidences it (latest: {latest[1]}); "
                "date it by when it happened or was said",
            )


# --- people and offices ----------------------------------------------------------------


def _belongs_to(ctx: Context, organization: str, actor: str) -> bool:
    current: Any = organization
    seen: set[str] = set()
    while isinstance(current, str) and current not in seen:
        if current == actor:
            return True
        seen.add(current)
        found = ctx.index.get("actor", current)
        current = found.data.get("parent") if found else None
    return False


def _covers(office: dict, when: tuple[dt.date, dt.date]) -> bool:
    try:
        start = dates.span(office["start"])[0] if office.get("start") else None
        end = dates.span(office["end"])[1] if office.get("end") else None
    except dates.BadDate:
        return True  # reported by rule_dates
    return (start is None or start <= when[1]) and (end is None or end >= when[0])


@registered(
    "cross",
    reads=("offices",),
    reports={
        "position-speaker-office": (
            "A speaker held an office in the actor they speak for on the position's date."
        ),
    },
)
def rule_speaker_office(ctx: Context, record: Record) -> Iterator[Finding]:
    data = record.data
    if record.kind != "position" or not isinstance(data.get("speaker"), str):
        return
    speaker, actor = data["speaker"], data.get("actor")
    person = ctx.index.get("actor", speaker)
    if person is None or person.retired or speaker == actor or not isinstance(actor, str):
        return
    try:
        when = dates.span(data.get("date", ""))
    except (dates.BadDate, ValueError, IndexError):
        return
    offices = [o for o in person.data.get("offices") or [] if isinstance(o, dict)]
    relevant = [o for o in offices if _belongs_to(ctx, str(o.get("organization")), actor)]
    if not relevant:
        yield _at(
            record,
            ("speaker",),
            "position-speaker-office",
            f"speaker '{speaker}' holds no office in '{actor}' or its bodies; "
            f"add the office to {person.path} or make the speaker the actor",
        )
    elif not any(_covers(o, when) for o in relevant):
        yield _at(
            record,
            ("date",),
            "position-speaker-office",
            f"on {data['date']} speaker '{speaker}' held no recorded office in '{actor}' "
            f"(see offices in {person.path})",
        )


@registered(
    "local",
    reports={
        "event-mode-type": "A PLOVER mode belongs to the event's type.",
    },
)
def rule_event_mode(ctx: Context, record: Record) -> Iterator[Finding]:
    data = record.data
    mode = data.get("mode")
    if record.kind != "event" or not isinstance(mode, str) or mode not in ctx.mode_types:
        return
    expected = ctx.mode_types[mode]
    if data.get("event_type") != expected:
        yield _at(
            record,
            ("mode",),
            "event-mode-type",
            f"mode '{mode}' belongs to event type {expected}, not {data.get('event_type')}",
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
