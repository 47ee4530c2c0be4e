"""The published dataset itself: records valid, generated files current, package loadable."""

from __future__ import annotations

from conftest import ROOT, SEED_ACTORS
from indopak import load
from indopak.schema.project import Project
from indopak.validation.validate import validate


def test_every_record_is_valid():
    report = validate(Project(ROOT), load_all=True)
    assert [f.text() for f in report.findings] == []
    assert report.checked > 0 and len(report.records) == report.checked


def test_seed_article_records_are_present():
    project = Project(ROOT)
    wanted = {
        "actors": list(SEED_ACTORS),
        "events/2019": [
            "2019-02-14-pulwama-attack",
            "2019-02-18-qureshi-letter-to-un-secretary-general",
        ],
        "treaties": ["indus-waters-treaty-1960"],
    }
    for folder, ids in wanted.items():
        for ident in ids:
            assert (project.records_dir / folder / f"{ident}.yaml").is_file(), ident


def test_published_package_loads_and_validates():
    frames = load(ROOT / "datapackage.json")
    assert len(frames) >= 14
    assert len(frames["events"]) > 0 and len(frames["citations"]) > 0


def test_readme_iwt_example_gives_every_action_with_its_source(monkeypatch):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Example: the status history of the Indus Waters Treaty", 1)[1]
    snippet = section.split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(ROOT)
    namespace: dict = {}
    exec(compile(snippet, "README.md", "exec"), namespace)  # noqa: S102
    history, actions = namespace["history"], namespace["actions"]
    assert len(actions) >= 30  # issue target: at least 30 dated IWT actions
    assert sorted(history["id"]) == sorted(actions["id"])  # each action kept once, with a source
    assert history["url"].notna().all() and history["quote"].str.len().gt(0).all()
    assert history["date_first"].is_monotonic_increasing
