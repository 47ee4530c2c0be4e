"""indopak fmt: one canonical layout, comments kept, values never changed."""

from __future__ import annotations

from conftest import run_cli
from indopak.curate.fmt import Formatter
from indopak.io.yamlload import load_yaml

MESSY = """\
# Reviewed against the wire report.
citations:
  # the minister's words
  - quote: "Dialogue is the only way forward"   # exact words
    source: seed-sample
id: 2019-02-19-pakistan-supports-dialogue
statement: Pakistan's foreign minister says talks are the only way forward.
stance: support
issue: bilateral-dialogue-resumption
speaker: sample-minister
actor: pakistan
date: 2019-02-19
"""


def test_keys_follow_the_schema_and_comments_stay_in_place(project):
    text = Formatter(project).format_text(MESSY, "position")
    assert (
        text
        == """\
# Reviewed against the wire report.
id: 2019-02-19-pakistan-supports-dialogue
date: "2019-02-19"
actor: pakistan
speaker: sample-minister
issue: bilateral-dialogue-resumption
stance: support
statement: Pakistan's foreign minister says talks are the only way forward.
citations:
  # the minister's words
  - source: seed-sample
    quote: Dialogue is the only way forward  # exact words
"""
    )


def test_formatting_keeps_every_value_and_is_idempotent(project):
    formatter = Formatter(project)
    for path in sorted((project.root / "data/records").rglob("*.yaml")):
        kind = {
            "events": "event",
            "actors": "actor",
            "sources": "source",
            "issues": "issue",
            "positions": "position",
            "treaties": "treaty",
            "crises": "crisis",
        }[path.relative_to(project.root / "data/records").parts[0]]
        original = path.read_text()
        once = formatter.format_text(original, kind)
        assert formatter.format_text(once, kind) == once, path.name
        before, _ = load_yaml(original.encode(), "a")
        after, _ = load_yaml(once.encode(), "b")
        assert before.data == after.data, path.name


def test_long_text_is_folded_within_the_line_width(project):
    long_summary = " ".join(["word"] * 60)
    record = MESSY.replace(
        "statement: Pakistan's foreign minister says talks are the only way forward.",
        f"statement: {long_summary}",
    )
    text = Formatter(project).format_text(record, "position")
    assert "statement: >-\n" in text
    assert max(len(line) for line in text.splitlines()) <= 100


def run(repo, *args: str):
    return run_cli(repo, "fmt", *args)


def test_check_shows_a_diff_and_changes_nothing(repo):
    path = repo / "data/records/positions/2019-02-19-pakistan-supports-dialogue.yaml"
    path.write_text(MESSY)
    result = run(repo, "--check")
    assert result.returncode == 1
    assert '+date: "2019-02-19"' in result.stdout and "-date: 2019-02-19" in result.stdout
    assert path.read_text() == MESSY
    assert run(repo).returncode == 0
    assert run(repo, "--check").returncode == 0
    assert path.read_text().startswith("# Reviewed against the wire report.\nid: 2019-02-19-")


def test_unparseable_file_is_reported_and_left_alone(repo):
    path = repo / "data/records/issues/bilateral-dialogue-resumption.yaml"
    path.write_text("id: x\nname: [unclosed\n")
    result = run(repo, str(path.relative_to(repo)))
    assert result.returncode == 1
    assert "yaml-syntax" in result.stderr and "Traceback" not in result.stderr
    assert path.read_text() == "id: x\nname: [unclosed\n"


def test_tracking_parameters_are_taken_out_of_source_urls(repo):
    path = repo / "data" / "records" / "sources" / "test-wire-2019-02-21-follow-up.yaml"
    clean = "https://news.example.org/2019/02/21/follow-up"
    path.write_text(
        path.read_text().replace(clean, clean + "?utm_source=feed&id=7&fbclid=x%20y&UTM_Medium=rss")
    )
    result = run_cli(repo, "fmt", str(path))
    assert result.returncode == 0, result.stderr
    assert f"url: {clean}?id=7\n" in path.read_text()
    assert run_cli(repo, "validate").returncode == 0
