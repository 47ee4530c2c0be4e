"""Rules on evidence: a source can be found and is allowed by the source policy, quotes
occur in seed documents and in the position's citations, and nothing is dated after all of
its evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from indopak.io import dates
from indopak.io.errors import Finding
from indopak.validation.records import Record
from indopak.validation.rulebook import registered
from indopak.validation.rules.context import (
    _HOST,
    _URL_UNSAFE,
    Context,
    _at,
    squash,
)

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
