"""The three ways to load a table shown in docs/DEVELOPING.md, and the README's loading
examples, run as written on a built fixture."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from conftest import ROOT, make_repo
from indopak.publish.build import build
from indopak.schema.project import Project

EVENT = "2019-02-19-minister-calls-for-talks"


def readme_snippets() -> list[str]:
    """The python blocks of the "Loading the data" section of docs/DEVELOPING.md, in order."""
    text = (ROOT / "docs/DEVELOPING.md").read_text(encoding="utf-8")
    section = text.split("## Loading the data", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.DOTALL)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> dict:
    root = make_repo(tmp_path_factory.mktemp("load") / "repo")
    assert build(Project(root)).findings == []
    namespace: dict = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        for snippet in readme_snippets():
            exec(compile(snippet, "README.md", "exec"), namespace)  # noqa: S102
    return namespace


def test_the_readme_shows_three_ways():
    snippets = readme_snippets()
    assert len(snippets) == 3
    assert "indopak.load()" in snippets[0]
    assert 'Package("datapackage.json").get_resource("events").to_pandas()' in snippets[1]
    assert "pd.read_csv(" in snippets[2]


def test_indopak_load_gives_typed_validated_frames(loaded):
    events = loaded["events"]
    assert set(loaded["tables"]) >= {"events", "actors", "retired", "treaty_actions"}
    assert list(events["id"]) == [EVENT]
    assert str(events["date_first"].dtype) == "datetime64[ns]"
    assert str(events["fatalities_best"].dtype) == "Int64"
    assert isinstance(events["event_type"].dtype, pd.CategoricalDtype)
    assert len(events["event_type"].cat.categories) == 16  # the full PLOVER list


def test_frictionless_gives_the_same_rows(loaded):
    events = loaded["events_fl"]
    assert list(events["id"]) == [EVENT]
    row = events.iloc[0]
    assert row["fatalities_best"] == 0 and row["location_place"] == "Islamabad"
    assert pd.Timestamp(row["date_first"]) == pd.Timestamp("2019-02-19")
    assert row["cameo"] == "02"


def test_read_csv_with_the_readme_dtypes(loaded):
    events = loaded["events_pd"]
    reference = loaded["events"]
    assert list(events.columns) == list(reference.columns)
    assert str(events["fatalities_best"].dtype) == "Int64"
    assert str(events["title"].dtype) == "string"
    assert events["date_first"].dtype.kind == "M"
    assert events.loc[0, "cameo"] == "02"  # kept as text, leading zero and all
    assert pd.isna(events.loc[0, "injured_best"])  # only the empty cell is missing
    for column in reference.columns:
        mine, theirs = events[column], reference[column]
        if mine.dtype.kind == "M":
            assert (mine == theirs).all(), column
        else:
            assert (
                mine.astype(object).where(mine.notna(), None).tolist()
                == theirs.astype(object).where(theirs.notna(), None).tolist()
            ), column


def test_every_numeric_and_date_column_of_events_has_a_readme_dtype(loaded):
    """A column added to events.json as a number or date must be added to the README too."""
    schema = Project(ROOT).table_schemas["events"]
    typed = {f["name"] for f in schema["fields"] if f["type"] in ("integer", "number")}
    assert typed <= set(loaded["EVENT_DTYPES"])
    dates = {f["name"] for f in schema["fields"] if f["type"] == "date"}
    assert dates == {"date_first", "date_last"}


def readme_get_the_data(base: str) -> list[str]:
    """The python blocks of the README's "Get the data" section, reading from `base`."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Get the data", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.DOTALL)
    return [re.sub(r'^BASE = ".*"$', f"BASE = {base!r}", b, flags=re.MULTILINE) for b in blocks]


def test_the_readme_loading_examples_run_as_written(tmp_path):
    root = make_repo(tmp_path / "repo")
    assert build(Project(root)).findings == []
    snippets = readme_get_the_data(str(root))
    assert len(snippets) == 4
    assert "BASE = " in snippets[0] and "pd.read_csv(" in snippets[0]
    assert "Package(" in snippets[1] and "indopak.load(" in snippets[2]
    namespace: dict = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        for snippet in snippets[:3]:
            exec(compile(snippet, "README.md", "exec"), namespace)  # noqa: S102
            assert list(namespace["events"]["id"]) == [EVENT]
        exec(compile(snippets[3], "README.md", "exec"), namespace)  # noqa: S102
    events = namespace["events"]
    assert events.loc[0, "date"] == "2019-02-19" and isinstance(events.loc[0, "date"], str)
    assert events["date_first"].dtype.kind == "M"


def test_read_json_guesses_dates_as_the_readme_warns(tmp_path):
    """What the README warns of: without dtype=False a month becomes its first day."""
    path = tmp_path / "events.json"
    path.write_text('[{"id": "a", "date": "1947-08", "date_first": "1947-08-01"}]')
    guessed = pd.read_json(path)
    assert guessed.loc[0, "date"] == pd.Timestamp("1947-08-01")
    assert pd.read_json(path, dtype=False).loc[0, "date"] == "1947-08"
