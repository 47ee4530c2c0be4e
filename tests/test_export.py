"""SQLite and Parquet: read back, they hold the same rows and values as the CSV tables."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from conftest import make_repo
from indopak import load
from indopak.cli import main
from indopak.publish.build import build
from indopak.publish.export import ExportError, export
from indopak.schema.project import Project


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    """The base dataset, built once; the tests only read it."""
    root = make_repo(tmp_path_factory.mktemp("export") / "repo")
    assert build(Project(root)).findings == []
    return root / "datapackage.json"


def csv_rows(root: Path, table: str) -> list[list[str]]:
    with open(root / "data/csv" / f"{table}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def as_text(value) -> str:
    """A SQLite value written the way the build writes a CSV cell."""
    return "" if value is None else str(value)


def test_sqlite_holds_the_csv_rows_and_values(package, tmp_path):
    db = tmp_path / "out.sqlite"
    export(package, sqlite=db)
    connection = sqlite3.connect(db)
    tables = sorted(p.stem for p in (package.parent / "data/csv").glob("*.csv"))
    names = [
        r[0]
        for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        )
    ]
    assert names == tables
    for table in tables:
        header, *rows = csv_rows(package.parent, table)
        cursor = connection.execute(f'SELECT * FROM "{table}"')
        assert [d[0] for d in cursor.description] == header
        got = sorted([as_text(v) for v in row] for row in cursor.fetchall())
        assert got == sorted(rows), table


def test_sqlite_types_and_values_by_hand(package, tmp_path):
    db = tmp_path / "out.sqlite"
    export(package, sqlite=db)
    connection = sqlite3.connect(db)
    row = connection.execute(
        "SELECT date_first, location_place, fatalities_best, injured_best, event_type "
        "FROM events WHERE id = '2019-02-19-minister-calls-for-talks'"
    ).fetchone()
    assert row == ("2019-02-19", "Islamabad", 0, None, "REQUEST")
    assert connection.execute(
        "SELECT typeof(fatalities_best), typeof(location_place) FROM events"
    ).fetchone() == ("integer", "text")
    columns = {r[1]: r for r in connection.execute("PRAGMA table_info(event_actors)")}
    assert [name for name, r in columns.items() if r[5]] == ["event", "actor", "role"]
    assert columns["event"][3] == 1  # NOT NULL
    targets = {(r[2], r[3], r[4]) for r in connection.execute("PRAGMA foreign_key_list(claims)")}
    assert targets == {
        ("events", "event", "id"),
        ("actors", "claimant", "id"),
        ("sources", "source", "id"),
    }


def test_sqlite_enforces_keys_and_vocabularies(package, tmp_path):
    db = tmp_path / "out.sqlite"
    export(package, sqlite=db)
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA foreign_keys = ON")
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        connection.execute(
            "INSERT INTO event_actors VALUES "
            "('2019-02-19-minister-calls-for-talks', 'nobody', 'target')"
        )
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        connection.execute(
            "INSERT INTO event_actors VALUES "
            "('2019-02-19-minister-calls-for-talks', 'india', 'bystander')"
        )
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE|PRIMARY"):
        connection.execute("INSERT INTO actors (id, name, kind) VALUES ('india', 'x', 'state')")


def test_parquet_reads_back_as_the_loaded_frames_and_the_csv(package, tmp_path):
    folder = tmp_path / "parquet"
    export(package, parquet=folder)
    frames = load(package)
    assert sorted(p.stem for p in folder.iterdir()) == sorted(frames)
    for name, frame in frames.items():
        back = pd.read_parquet(folder / f"{name}.parquet")
        pd.testing.assert_frame_equal(back, frame, check_exact=True)
        header, *rows = csv_rows(package.parent, name)
        assert list(back.columns) == header
        assert len(back) == len(rows)
    events = pd.read_parquet(folder / "events.parquet")
    assert str(events["fatalities_best"].dtype) == "Int64"
    assert str(events["date_first"].dtype) == "datetime64[ns]"
    assert "ASSAULT" in events["event_type"].cat.categories
    assert events.loc[0, "location_place"] == "Islamabad"
    assert events.loc[0, "date_first"] == pd.Timestamp("2019-02-19")


def test_exports_are_byte_identical(package, tmp_path):
    first = export(package, tmp_path / "a/db.sqlite", tmp_path / "a/pq")
    second = export(package, tmp_path / "b/db.sqlite", tmp_path / "b/pq")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_bad_package_is_one_clear_error(tmp_path, capsys):
    with pytest.raises(ExportError, match="cannot read the package"):
        export(tmp_path / "missing.json", sqlite=tmp_path / "x.sqlite")
    assert (
        main(
            [
                "export",
                "--package",
                str(tmp_path / "missing"),
                "--sqlite",
                str(tmp_path / "x.sqlite"),
            ]
        )
        == 2
    )
    assert main(["export"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0].startswith("indopak: cannot read the package")
    assert err[1] == "indopak: export: give --sqlite PATH, --parquet DIR or both"
    assert not (tmp_path / "x.sqlite").exists()
