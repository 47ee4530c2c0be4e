"""Records (nested, as people write them) to tables (flat, as computers join them).

The mapping is lossless: every value of a record lands in one cell, and `records_from_tables`
rebuilds the records from the rows. Derived columns (date precision and first/last day,
order numbers, citation ids) are added for the convenience of table users and dropped on
the way back.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from . import dates
from .records import Record

Row = dict[str, Any]
Tables = dict[str, list[Row]]

_NESTED = {"location": "location", "fatalities": "fatalities", "injured": "injured"}


def _date_columns(data: dict[str, Any], end_key: str | None = "date_end") -> Row:
    start = data["date"]
    first, last = dates.span(start)
    row: Row = {"date_precision": dates.precision(start), "date_first": first.isoformat()}
    if end_key is not None:
        end = data.get(end_key)
        row["date_last"] = (dates.span(end)[1] if end else last).isoformat()
    return row


def _citations(
    out: Tables, kind: str, record_id: str, citations: list[dict], part: str | None = None
) -> None:
    for seq, citation in enumerate(citations, 1):
        where = f"{kind}:{record_id}" + (f"/{part}" if part else "")
        out["citations"].append(
            {
                "id": f"{where}#{seq}",
                "record_kind": kind,
                "record_id": record_id,
                "part": part,
                "seq": seq,
                "source": citation["source"],
                "quote": citation["quote"],
                "field": citation.get("field"),
            }
        )


def _actor(out: Tables, d: dict[str, Any]) -> None:
    out["actors"].append(
        {
            k: d.get(k)
            for k in ("id", "name", "kind", "country", "parent", "description", "wikidata")
        }
    )
    for alias in d.get("aliases", []):
        out["actor_aliases"].append(
            {
                "actor": d["id"],
                "alias": alias["name"],
                "kind": alias["kind"],
                "used_by": alias.get("used_by"),
            }
        )
    for seq, office in enumerate(d.get("offices", []), 1):
        out["offices"].append(
            {
                "person": d["id"],
                "seq": seq,
                **{k: office.get(k) for k in ("organization", "post", "start", "end")},
            }
        )


def _event(out: Tables, d: dict[str, Any]) -> None:
    row: Row = {
        k: d.get(k)
        for k in (
            "id",
            "date",
            "date_end",
            "title",
            "summary",
            "event_type",
            "mode",
            "context",
            "cameo",
            "crisis",
            "treaty",
            "wikidata",
            "ucdp_ged",
            "gtd",
        )
    }
    row.update(_date_columns(d))
    for key in ("place", "district", "admin1", "country", "lat", "lon", "precision"):
        row[f"location_{key}"] = (d.get("location") or {}).get(key)
    for what in ("fatalities", "injured"):
        for bound in ("low", "best", "high"):
            row[f"{what}_{bound}"] = (d.get(what) or {}).get(bound)
    out["events"].append(row)
    for item in d["actors"]:
        out["event_actors"].append({"event": d["id"], "actor": item["actor"], "role": item["role"]})
    for claim in d.get("claims", []):
        out["claims"].append(
            {
                "event": d["id"],
                **{
                    k: claim.get(k)
                    for k in ("id", "field", "value", "claimant", "date", "source", "quote")
                },
            }
        )


def _treaty(out: Tables, d: dict[str, Any]) -> None:
    row = {
        k: d.get(k)
        for k in ("id", "name", "kind", "date", "place", "in_force", "summary", "unts", "wikidata")
    }
    row["date_precision"] = dates.precision(d["date"])
    out["treaties"].append(row)
    for party in d["parties"]:
        out["treaty_parties"].append(
            {"treaty": d["id"], "actor": party["actor"], "role": party["role"]}
        )
    for signatory in d.get("signatories", []):
        out["treaty_signatories"].append(
            {
                "treaty": d["id"],
                "actor": signatory["actor"],
                "on_behalf_of": signatory["on_behalf_of"],
            }
        )
    for seq, provision in enumerate(d.get("provisions", []), 1):
        out["treaty_provisions"].append(
            {
                "treaty": d["id"],
                "seq": seq,
                **{k: provision.get(k) for k in ("id", "label", "title", "summary")},
            }
        )
    for seq, action in enumerate(d.get("status_history", []), 1):
        row = {
            "treaty": d["id"],
            "seq": seq,
            **{
                k: action.get(k)
                for k in ("id", "date", "action", "actor", "provision", "event", "summary")
            },
        }
        row.update(_date_columns(action, end_key=None))
        out["treaty_actions"].append(row)
        _citations(out, "treaty", d["id"], action["citations"], part=action["id"])


def _position(out: Tables, d: dict[str, Any]) -> None:
    row = {
        k: d.get(k)
        for k in (
            "id",
            "date",
            "actor",
            "speaker",
            "issue",
            "stance",
            "statement",
            "quote",
            "event",
        )
    }
    row.update(_date_columns(d, end_key=None))
    out["positions"].append(row)


def _crisis(out: Tables, d: dict[str, Any]) -> None:
    row = {
        k: d.get(k) for k in ("id", "name", "date", "date_end", "summary", "icb_crisis", "wikidata")
    }
    spans = _date_columns(d)
    row.update({"date_first": spans["date_first"], "date_last": spans["date_last"]})
    out["crises"].append(row)


def _issue(out: Tables, d: dict[str, Any]) -> None:
    out["issues"].append({k: d.get(k) for k in ("id", "name", "description")})


def _source(out: Tables, d: dict[str, Any]) -> None:
    out["sources"].append(
        {
            k: d.get(k)
            for k in (
                "id",
                "kind",
                "title",
                "publisher",
                "publisher_country",
                "origin",
                "author",
                "date",
                "url",
                "accessed",
                "archive_url",
                "seed",
                "language",
            )
        }
    )


_BUILDERS = {
    "actor": _actor,
    "event": _event,
    "treaty": _treaty,
    "position": _position,
    "crisis": _crisis,
    "issue": _issue,
    "source": _source,
}


def add_record(out: Tables, record: Record) -> None:
    """Append the rows of one record to `out`."""
    d = record.data
    if record.retired:
        retired = d["retired"]
        out["retired"].append(
            {
                "kind": record.kind,
                "id": d["id"],
                "date": retired["date"],
                "reason": retired["reason"],
                "replaced_by": retired.get("replaced_by"),
            }
        )
        return
    _BUILDERS[record.kind](out, d)
    if "citations" in d:
        _citations(out, record.kind, d["id"], d["citations"])


def tables_from_records(records: list[Record], schemas: dict[str, dict]) -> Tables:
    """Rows of every table, ordered by primary key, columns in schema order."""
    out: Tables = defaultdict(list)
    for record in records:
        add_record(out, record)
    result: Tables = {}
    for name, schema in schemas.items():
        columns = [field["name"] for field in schema["fields"]]
        key = schema["primaryKey"]
        rows = [{c: row.get(c) for c in columns} for row in out.get(name, [])]
        rows.sort(key=lambda row: tuple(_sort_key(row[k]) for k in key))
        result[name] = rows
    return result


def _sort_key(value: Any) -> tuple[int, Any]:
    return (0, value) if isinstance(value, int) else (1, str(value))


# --- back from tables to records -------------------------------------------------------


def _clean(row: Row, drop: tuple[str, ...] = ()) -> Row:
    return {k: v for k, v in row.items() if v is not None and k not in drop}


def records_from_tables(tables: Tables) -> dict[tuple[str, str], dict[str, Any]]:
    """Rebuild records, keyed by (kind, id), from table rows (the inverse of the build)."""
    by: dict[str, dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
    for table, key in (
        ("actor_aliases", "actor"),
        ("offices", "person"),
        ("event_actors", "event"),
        ("claims", "event"),
        ("treaty_parties", "treaty"),
        ("treaty_signatories", "treaty"),
        ("treaty_provisions", "treaty"),
        ("treaty_actions", "treaty"),
    ):
        for row in tables.get(table, []):
            by[table][row[key]].append(row)
    cites: dict[tuple[str, str, str | None], list[Row]] = defaultdict(list)
    for row in sorted(tables.get("citations", []), key=lambda r: r["seq"]):
        cites[(row["record_kind"], row["record_id"], row["part"])].append(
            _clean(row, ("id", "record_kind", "record_id", "part", "seq"))
        )

    records: dict[tuple[str, str], dict[str, Any]] = {}

    def put(kind: str, record: dict[str, Any]) -> None:
        found = cites.get((kind, record["id"], None))
        if found:
            record["citations"] = found
        records[(kind, record["id"])] = record

    for row in tables.get("actors", []):
        record = _clean(row)
        aliases = [
            _clean({"name": a["alias"], "kind": a["kind"], "used_by": a["used_by"]})
            for a in by["actor_aliases"][row["id"]]
        ]
        offices = [
            _clean(o, ("person", "seq"))
            for o in sorted(by["offices"][row["id"]], key=lambda o: o["seq"])
        ]
        if aliases:
            record["aliases"] = aliases
        if offices:
            record["offices"] = offices
        put("actor", record)
    for row in tables.get("events", []):
        record = _clean(row, ("date_precision", "date_first", "date_last"))
        for prefix in ("location", "fatalities", "injured"):
            nested = {
                k.split("_", 1)[1]: record.pop(k)
                for k in list(record)
                if k.startswith(prefix + "_")
            }
            if nested:
                record[prefix] = nested
        record["actors"] = [_clean(a, ("event",)) for a in by["event_actors"][row["id"]]]
        claims = [_clean(c, ("event",)) for c in by["claims"][row["id"]]]
        if claims:
            record["claims"] = claims
        put("event", record)
    for row in tables.get("treaties", []):
        record = _clean(row, ("date_precision",))
        record["parties"] = [_clean(p, ("treaty",)) for p in by["treaty_parties"][row["id"]]]
        parts = {
            "signatories": [_clean(s, ("treaty",)) for s in by["treaty_signatories"][row["id"]]],
            "provisions": [
                _clean(p, ("treaty", "seq"))
                for p in sorted(by["treaty_provisions"][row["id"]], key=lambda p: p["seq"])
            ],
            "status_history": [
                {
                    **_clean(a, ("treaty", "seq", "date_precision", "date_first")),
                    "citations": cites.get(("treaty", row["id"], a["id"]), []),
                }
                for a in sorted(by["treaty_actions"][row["id"]], key=lambda a: a["seq"])
            ],
        }
        record.update({k: v for k, v in parts.items() if v})
        put("treaty", record)
    for table, kind, drop in (
        ("positions", "position", ("date_precision", "date_first")),
        ("crises", "crisis", ("date_first", "date_last")),
        ("issues", "issue", ()),
        ("sources", "source", ()),
    ):
        for row in tables.get(table, []):
            put(kind, _clean(row, drop))
    for row in tables.get("retired", []):
        retired = _clean({k: row[k] for k in ("date", "reason", "replaced_by")})
        records[(row["kind"], row["id"])] = {"id": row["id"], "retired": retired}
    return records
