"""Validated records as published tables: the one entry point of publishing into the
validation layer.

`build` asks for the tables of a valid checkout and gets them; how they were made is this
module's business. Plainly, every record is read, validated and rendered. With the cache,
rows rendered by an earlier run are taken from the row store, only changed files are read,
and a build validates in a second process while it assembles the stored rows in this one
(buildahead), keeping the assembly only when the validation shows the store was current.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from indopak.schema.project import Project
from indopak.validation.buildahead import ValidatedAside
from indopak.validation.cache import fingerprint
from indopak.validation.reading import read_all
from indopak.validation.rows import Renderer, RowStore, assemble
from indopak.validation.validate import Report, validate

Assembled = dict[str, tuple[bytes, bytes, int]]  # table -> (CSV bytes, JSON bytes, rows)


@dataclass
class Validated:
    report: Report
    records: int  # record files of the checkout
    tables: Assembled | None  # None when the report has findings


def validated_tables(
    project: Project, report: Report | None = None, use_cache: bool = False
) -> Validated:
    """The validation report of the checkout and, when it is clean, every published table."""
    tables = None
    if use_cache and report is None:
        report, tables = _validated_and_assembled(project)
    report = report or validate(project, use_cache=use_cache, load_all=not use_cache)
    records = len(report.records)
    if use_cache:  # the report holds only the records this run read; count the files
        records = sum(1 for rel in report.files if not rel.rpartition("/")[2].startswith("."))
    if report.findings:
        return Validated(report, records, None)
    if tables is None:
        tables = assemble(_row_strings(project, report, use_cache), project.table_schemas)
    return Validated(report, records, tables)


def _row_strings(project: Project, report: Report, use_cache: bool) -> list[str]:
    """Every record's rendered rows in file order: from the row store or the report where
    the file is unchanged, the others read and rendered here (on every core)."""
    if not use_cache:
        renderer = Renderer(project.table_plan)
        return [renderer.render(record) or "" for record in report.records]
    store = RowStore(project, report.cache_key)
    status = {rel: found[1] for rel, found in report.files.items()}
    stored = store.stored()
    if not report.rows:  # the usual build after a validate: every row is in the store
        whole = store.joined(status, stored)
        if whole is not None:
            return [whole]
    kept = store.load(stored)
    known = {**kept, **report.rows}
    missing = [
        (rel, report.files[rel][0], status[rel])
        for rel in report.files
        if known.get(rel, (None,))[0] != status[rel]
    ]
    fresh = {}
    if missing:
        read = read_all(project, missing, check=False, render=True, keep_data=False)
        for (rel, _path, stat), (_record, entry) in zip(missing, read, strict=True):
            fresh[rel] = (stat, entry.rows)
    known.update(fresh)
    if fresh or report.rows:
        store.save({rel: known[rel] for rel in report.files})
    return [known[rel][1] or "" for rel in report.files]


def _validated_and_assembled(project: Project) -> tuple[Report | None, Assembled | None]:
    """Validate in a second process while assembling the tables from the stored rows in
    this one (buildahead); the tables only when the report shows the store was current."""
    store = RowStore(project, fingerprint(project, dt.date.today().isoformat()))
    aside = ValidatedAside.start(project, store)
    if aside is None:
        return None, None
    try:
        whole = store.whole()
        tables = None
        if whole is not None:
            tables = assemble([whole[2]], project.table_schemas)
    except BaseException:
        aside.close(wait=0)
        raise
    report = aside.report()
    if (
        report is None
        or report.rows  # it read files it did not save rows for
        or report.cache_key != store.key
        or whole is None
        or whole[:2] != RowStore.signature({rel: found[1] for rel, found in report.files.items()})
    ):
        tables = None
    return report, tables
