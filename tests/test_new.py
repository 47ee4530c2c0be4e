"""indopak new: templates derived from the schemas, in the right folder, validating to the point."""

from __future__ import annotations

import pytest

from conftest import run_cli
from indopak.curate.scaffold import fields

EVENT = "data/records/events/2019/2019-02-26-strike-near-balakot.yaml"


run = run_cli


def test_event_template_fills_what_was_given_and_validate_names_the_rest(repo):
    result = run(repo, "new", "event", "--date", "2019-02-26", "--title", "Strike near Balakot")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == EVENT
    text = (repo / EVENT).read_text(encoding="utf-8")
    assert "id: 2019-02-26-strike-near-balakot\n" in text
    assert "date: '2019-02-26'\n" in text
    assert "title: Strike near Balakot\n" in text
    assert "# summary: (required) Neutral summary in a few sentences\n" in text
    assert "# event_type: (required) PLOVER event type; one of: AGREE, CONSULT," in text
    crisis = "Crisis the event belongs to; id of a crisis record (data/records/crises/)"
    assert f"# crisis: (optional) {crisis}\n" in text
    checked = run(repo, "validate", EVENT)
    assert checked.returncode == 1
    missing = sorted(line.rsplit(": ", 1)[1] for line in checked.stdout.splitlines())
    assert missing == [
        f"missing required field '{f}' in record"
        for f in ("actors", "citations", "event_type", "summary")
    ]


def test_every_schema_field_is_named_with_a_hint(project):
    for kind in ("actor", "crisis", "event", "issue", "position", "source", "treaty"):
        schema = project.record_schemas[kind]
        listed = fields(project, kind)
        assert [f for f, _, _ in listed] == list(schema["properties"])
        assert {f for f, required, _ in listed if required} == set(schema["required"])
        assert all(hint and "\n" not in hint for _, _, hint in listed)


def test_hints_follow_the_schema_descriptions(project):
    # The template reads its hints from schemas/: change a description, the hint follows.
    project.record_schemas["event"]["properties"]["summary"]["description"] = "Changed hint."
    hints = {f: h for f, _, h in fields(project, "event")}
    assert hints["summary"] == "Changed hint"


def test_actor_id_from_the_name_and_record_in_its_folder(repo):
    result = run(repo, "new", "actor", "--title", "Nafees Zakaria")
    assert result.returncode == 0, result.stderr
    path = repo / "data/records/actors/nafees-zakaria.yaml"
    assert "name: Nafees Zakaria\n" in path.read_text(encoding="utf-8")
    checked = run(repo, "validate", "data/records/actors/nafees-zakaria.yaml")
    assert sorted(checked.stdout.splitlines()) == [
        "data/records/actors/nafees-zakaria.yaml:5:1: schema-required: "
        f"missing required field '{f}' in record"
        for f in ("citations", "kind")
    ]


@pytest.mark.parametrize(
    "args, message",
    [
        (("event", "--title", "No date"), "an event needs --date"),
        (("issue", "--date", "2019-01-01", "--title", "x"), "issue records have no date"),
        (("event", "--date", "2019-02-30", "--title", "x"), "not a real date"),
        (("event", "--date", "19-02-2019", "--title", "x"), "must be written YYYY"),
        (("position", "--date", "2019-02-01"), "give --id"),
        (("actor", "--id", "Bad_Id"), "is not valid"),
        (("actor", "--id", "india"), "already exists"),
    ],
)
def test_usage_errors_exit_two_and_write_nothing(repo, args, message):
    before = sorted(p for p in (repo / "data/records").rglob("*"))
    result = run(repo, "new", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p for p in (repo / "data/records").rglob("*")) == before


def test_position_title_goes_into_the_statement(repo):
    result = run(
        repo, "new", "position", "--date", "2019-02-19", "--title", "Pakistan asks for talks"
    )
    assert result.returncode == 0, result.stderr
    path = repo / "data/records/positions/2019-02-19-pakistan-asks-for-talks.yaml"
    assert "statement: Pakistan asks for talks\n" in path.read_text(encoding="utf-8")
