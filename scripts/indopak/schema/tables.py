"""Records (nested, as people write them) to table rows (flat, as computers join them), and
back, driven by the `x-table` annotations of the record schemas.

A record schema names its table (`x-table` at its top) and each list of objects that gets a
table of its own (`x-table` on the list, or on the shared definition it refers to). Every
scalar leaf becomes one column: named after its property, or `<object>_<property>` inside a
nested object, or as its `x-column` says. The few columns that are not values of the record
(date precision and first/last day, order numbers, the owning record's id, citation ids) are
declared with an `x-derive` in `common.json`'s `x-table-fields` or in the table's `fields`.
The mapping is lossless: `records_from_tables` rebuilds the records from the rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from indopak.io import dates
from indopak.schema.schemaref import Resolver, SchemaDefinitionError

if TYPE_CHECKING:
    from indopak.validation.records import Record

Row = dict[str, Any]
Tables = dict[str, list[Row]]

# Record kind -> the table of its records (the targets of foreign keys).
_TYPE_MAP = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean"}
_CONSTRAINTS = ("pattern", "minimum", "maximum", "minLength", "maxLength")


@dataclass(frozen=True)
class Context:
    kind: str
    record_id: str
    part: str | None = None
    seq: int = 0


def _date_last(obj: dict[str, Any], _ctx: Context) -> str:
    return dates.span(obj.get("date_end") or obj["date"])[1].isoformat()


DERIVATIONS: dict[str, Callable[[dict[str, Any], Context], Any]] = {
    "date-precision": lambda obj, _ctx: dates.precision(obj["date"]),
    "date-first": lambda obj, _ctx: dates.span(obj["date"])[0].isoformat(),
    "date-last": _date_last,
    "seq": lambda _obj, ctx: ctx.seq,
    "record-kind": lambda _obj, ctx: ctx.kind,
    "record-id": lambda _obj, ctx: ctx.record_id,
    "part": lambda _obj, ctx: ctx.part,
    "citation-id": lambda _obj, ctx: (
        f"{ctx.kind}:{ctx.record_id}" + (f"/{ctx.part}" if ctx.part else "") + f"#{ctx.seq}"
    ),
}


@dataclass(frozen=True)
class Column:
    name: str
    path: tuple[str, ...] | None  # where the value sits in the row's object
    derive: str | None  # or how it is derived

    def getter(self) -> Callable[[dict[str, Any], Context], Any]:
        if self.derive is not None:
            return DERIVATIONS[self.derive]
        path = self.path or ()
        if len(path) == 1:
            key = path[0]
            return lambda obj, _ctx: obj.get(key)
        outer, inner = path
        return lambda obj, _ctx: (obj.get(outer) or {}).get(inner)


@dataclass
class Table:
    name: str
    columns: list[Column]
    schema: dict[str, Any]  # the Frictionless Table Schema, with title and description


@dataclass
class Node:
    """An object schema whose instances are rows of `table`, with its lists of objects."""

    table: Table
    children: list[tuple[str, Node]] = field(default_factory=list)
    getters: list[tuple[str, Callable[[dict[str, Any], Context], Any]]] = field(
        default_factory=list
    )


@dataclass
class Plan:
    tables: dict[str, Table]  # by name, sorted
    roots: dict[str, Node]  # record kind (and "tombstone") -> node

    @property
    def schemas(self) -> dict[str, dict[str, Any]]:
        return {name: table.schema for name, table in self.tables.items()}


class _Planner:
    def __init__(self, schemas: dict[str, dict[str, Any]]) -> None:
        self.resolver = Resolver(schemas)
        self.shared_fields: dict[str, dict[str, Any]] = schemas["common"].get("x-table-fields", {})
        self.tables: dict[str, Table] = {}
        self.nodes: dict[int, Node] = {}
        self.kind_tables: dict[str, str] = {}

    def plan(self, schemas: dict[str, dict[str, Any]]) -> Plan:
        roots = {}
        for kind, schema in schemas.items():
            if kind == "common":
                continue
            if "x-table" not in schema:
                raise SchemaDefinitionError(f"schemas/records/{kind}.json: no x-table annotation")
            self.kind_tables[kind] = schema["x-table"]["name"]
        for kind, schema in schemas.items():
            if kind != "common":
                roots[kind] = self.node(schema, schema["x-table"], f"{kind}.json")
        for table in self.tables.values():
            self._foreign_keys(table)
        return Plan(dict(sorted(self.tables.items())), roots)

    def node(self, obj: dict[str, Any], spec: dict[str, Any], where: str) -> Node:
        key = id(spec)
        if key in self.nodes:  # a shared definition (citations): one table, one node
            return self.nodes[key]
        name = spec.get("name")
        if not isinstance(name, str) or not name:
            raise SchemaDefinitionError(f"schemas/records/{where}: x-table without a name")
        if name in self.tables:
            raise SchemaDefinitionError(f"schemas/records/{where}: table {name!r} declared twice")
        leaves: dict[str, tuple[Column, dict[str, Any]]] = {}
        node = Node(Table(name, [], {}))
        self.nodes[key] = node
        self._walk(obj, (), True, leaves, node, where)
        derived = {**self.shared_fields}
        for col, declared in spec.get("fields", {}).items():
            derived[col] = {**self.shared_fields.get(col, {}), **declared}
        order = list(spec.get("columns", []))
        order += [col for col in leaves if col not in order]  # new fields publish at the end
        columns, fields = [], []
        for col in order:
            if col in leaves:
                column, leaf_field = leaves[col]
            elif col in derived and "x-derive" in derived[col]:
                how = derived[col]["x-derive"]
                if how not in DERIVATIONS:
                    raise SchemaDefinitionError(
                        f"schemas/records/{where}: column {col!r} of table {name!r} has an "
                        f"unknown x-derive {how!r} (known: {', '.join(sorted(DERIVATIONS))})"
                    )
                column = Column(col, None, how)
                leaf_field = {
                    k: v for k, v in derived[col].items() if k not in ("x-derive", "enum")
                }
            else:
                raise SchemaDefinitionError(
                    f"schemas/records/{where}: column {col!r} of table {name!r} is neither a "
                    "field of the record nor a derived field"
                )
            columns.append(column)
            fields.append({"name": col, **leaf_field})
        node.table.columns = columns
        node.table.schema = {
            "title": spec.get("title", name),
            "description": spec.get("description", ""),
            "fields": fields,
            "primaryKey": list(spec.get("primaryKey", [])),
        }
        node.getters = [(c.name, c.getter()) for c in columns]
        self.tables[name] = node.table
        return node

    def _walk(
        self,
        obj: dict[str, Any],
        prefix: tuple[str, ...],
        required_here: bool,
        leaves: dict[str, tuple[Column, dict[str, Any]]],
        node: Node,
        where: str,
    ) -> None:
        required = set(obj.get("required", []))
        parent_label = obj.get("description") if prefix else None
        for prop, raw in obj.get("properties", {}).items():
            schema = self.resolver.resolve(raw, where)
            kind = schema.get("type")
            if kind == "array":
                spec = raw.get("x-table") or schema.get("x-table")
                items = self.resolver.resolve(schema.get("items", {}), where)
                if spec is None or items.get("type") != "object":
                    raise SchemaDefinitionError(
                        f"schemas/records/{where}: list {'.'.join((*prefix, prop))!r} has no "
                        "x-table to publish it in"
                    )
                if prefix:
                    raise SchemaDefinitionError(
                        f"schemas/records/{where}: list {'.'.join((*prefix, prop))!r} inside "
                        "a nested object cannot be published"
                    )
                node.children.append((prop, self.node(items, spec, where)))
            elif kind == "object":
                if prefix:
                    raise SchemaDefinitionError(
                        f"schemas/records/{where}: object {'.'.join((*prefix, prop))!r} is "
                        "nested two deep; flatten it"
                    )
                inner = {**schema, "description": raw.get("description")}
                self._walk(inner, (prop,), required_here and prop in required, leaves, node, where)
            elif kind in _TYPE_MAP:
                path = (*prefix, prop)
                col = schema.get("x-column", "_".join(path))
                if col in leaves:
                    raise SchemaDefinitionError(
                        f"schemas/records/{where}: two fields map to column {col!r}"
                    )
                leaves[col] = (
                    Column(col, path, None),
                    self._field(schema, required_here and prop in required, parent_label),
                )
            else:
                raise SchemaDefinitionError(
                    f"schemas/records/{where}: field {'.'.join((*prefix, prop))!r} has type "
                    f"{kind!r}, which no column can hold"
                )

    @staticmethod
    def _field(schema: dict[str, Any], required: bool, label: str | None) -> dict[str, Any]:
        description = schema.get("description", "")
        if label and description:
            description = f"{label}: {description[0].lower()}{description[1:]}"
        column_type = schema.get("x-type", _TYPE_MAP[schema["type"]])
        out: dict[str, Any] = {"type": column_type, "description": description}
        constraints: dict[str, Any] = {"required": True} if required else {}
        constraints.update({k: schema[k] for k in _CONSTRAINTS if k in schema})
        if column_type == "date":  # a date column checks its form itself
            constraints.pop("pattern", None)
        if constraints:
            out["constraints"] = constraints
        if "x-vocabulary" in schema:
            out["x-vocabulary"] = schema["x-vocabulary"]
        if "x-ref" in schema:
            out["x-ref"] = schema["x-ref"]
        return out

    def _foreign_keys(self, table: Table) -> None:
        keys = []
        for spec in table.schema["fields"]:
            target = spec.pop("x-ref", None)
            if target in self.kind_tables and target != "tombstone":
                keys.append(
                    {
                        "fields": [spec["name"]],
                        "reference": {"resource": self.kind_tables[target], "fields": ["id"]},
                    }
                )
        if keys:
            table.schema["foreignKeys"] = keys


def plan(schemas: dict[str, dict[str, Any]]) -> Plan:
    """The tables of the record schemas (kind -> JSON Schema, with "common")."""
    return _Planner(schemas).plan(schemas)


# --- records to rows ------------------------------------------------------------------


def _emit(node: Node, obj: dict[str, Any], ctx: Context, out: Tables) -> None:
    out[node.table.name].append({name: get(obj, ctx) for name, get in node.getters})
    part = obj.get("id") if ctx.seq else ctx.part  # an item's own lists belong to the item
    for prop, child in node.children:
        for seq, item in enumerate(obj.get(prop) or (), 1):
            _emit(child, item, Context(ctx.kind, ctx.record_id, part, seq), out)


def add_record(out: Tables, record: Record, the_plan: Plan) -> None:
    """Append the rows of one record to `out`."""
    d = record.data
    root = the_plan.roots["tombstone" if record.retired else record.kind]
    _emit(root, d, Context(record.kind, d["id"]), out)


def tables_from_records(records: list[Record], the_plan: Plan) -> Tables:
    """Rows of every table, ordered by primary key, columns in schema order."""
    out: Tables = defaultdict(list)
    for record in records:
        add_record(out, record, the_plan)
    result: Tables = {}
    for name, table in the_plan.tables.items():
        key = table.schema["primaryKey"]
        rows = out.get(name, [])
        rows.sort(key=lambda row: tuple(_sort_key(row[k]) for k in key))
        result[name] = rows
    return result


def _sort_key(value: Any) -> tuple[int, Any]:
    return (0, value) if isinstance(value, int) else (1, str(value))


# --- rows back to records ---------------------------------------------------------------


def _derived(node: Node) -> dict[str, str]:
    """Derivation -> the name of the column that holds it, in the node's table."""
    return {c.derive: c.name for c in node.table.columns if c.derive is not None}


def _values(node: Node, row: Row) -> dict[str, Any]:
    """The record (or item) values of a row, nested again; derived columns dropped."""
    obj: dict[str, Any] = {}
    for column in node.table.columns:
        value = row.get(column.name)
        if column.path is None or value is None:
            continue
        if len(column.path) == 1:
            obj[column.path[0]] = value
        else:
            obj.setdefault(column.path[0], {})[column.path[1]] = value
    return obj


def records_from_tables(tables: Tables, the_plan: Plan) -> dict[tuple[str, str], dict[str, Any]]:
    """Rebuild records, keyed by (kind, id), from table rows (the inverse of the build)."""
    owned: dict[str, dict[tuple[str, str, str | None], list[Row]]] = {}

    def rows_of(node: Node, kind: str) -> dict[tuple[str, str, str | None], list[Row]]:
        name = node.table.name
        if name not in owned:
            groups: dict[tuple[str, str, str | None], list[Row]] = defaultdict(list)
            derived = _derived(node)
            seq, of_kind, of_part = (derived.get(d) for d in ("seq", "record-kind", "part"))
            of_record = derived["record-id"]
            rows = tables.get(name, [])
            for row in sorted(rows, key=lambda r: r[seq]) if seq else rows:
                # the record (or the part of one) the row belongs to
                owner = (
                    row.get(of_kind) if of_kind else kind,
                    row.get(of_record),
                    row.get(of_part) if of_part else None,
                )
                groups[owner].append(row)
            owned[name] = groups
        return owned[name]

    def fill(node: Node, obj: dict[str, Any], kind: str, record_id: str, part: str | None):
        for prop, child in node.children:
            items = []
            for row in rows_of(child, kind).get((kind, record_id, part), []):
                item = _values(child, row)
                if child.children:
                    fill(child, item, kind, record_id, item.get("id"))
                items.append(item)
            if items:
                obj[prop] = items

    records: dict[tuple[str, str], dict[str, Any]] = {}
    for kind, root in the_plan.roots.items():
        kind_column = _derived(root).get("record-kind")  # a tombstone's kind is a column
        for row in tables.get(root.table.name, []):
            record = _values(root, row)
            if kind == "tombstone":
                records[(row[kind_column], record["id"])] = record
                continue
            fill(root, record, kind, record["id"], None)
            records[(kind, record["id"])] = record
    return records
