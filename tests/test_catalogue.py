"""The rule catalogue (docs/RULES.md) is complete and current."""

from __future__ import annotations

import yaml

from conftest import FIXTURES, ROOT
from indopak.publish.catalogue import render_catalogue
from indopak.validation.rulebook import RULES
from indopak.validation.validate import validate

# rules whose cases cannot be files in a fixture (a huge or unreadable file, links, pipes,
# published outputs): test_reliability.py and test_rules.py build them
BUILT_IN_TESTS = {
    "yaml-too-large",
    "file-unreadable",
    "file-outside",
    "file-folder",
    "file-special",
    "seed-refused",
    "id-deleted",  # needs a git base: tests/test_changed.py
}


def test_docs_rules_page_is_current():
    page = (ROOT / "docs" / "RULES.md").read_text(encoding="utf-8")
    assert page == render_catalogue(ROOT), "run `make docs` to regenerate docs/RULES.md"


def test_every_rule_has_a_fixture_and_every_fixture_rule_is_documented():
    seen = set()
    for case in (FIXTURES / "broken").iterdir():
        seen |= {e["rule"] for e in yaml.safe_load((case / "expect.yaml").read_text())["expect"]}
    assert seen <= set(RULES)
    assert set(RULES) - seen == BUILT_IN_TESTS


def test_unreadable_file_is_reported_not_raised(project, monkeypatch):
    from indopak.io import files

    original = files.os.open

    def refuse(path, *args, **kwargs):
        if str(path).endswith("india.yaml"):
            raise PermissionError(13, "Permission denied")
        return original(path, *args, **kwargs)

    monkeypatch.setattr(files.os, "open", refuse)
    findings = validate(project).findings
    assert ("data/records/actors/india.yaml", "file-unreadable") in {
        (f.path, f.rule) for f in findings
    }


def test_dangling_symlink_is_reported_not_raised(project):
    (project.root / "data/records/actors/ghost.yaml").symlink_to("no-such-file.yaml")
    findings = validate(project).findings
    assert ("data/records/actors/ghost.yaml", "file-unreadable") in {
        (f.path, f.rule) for f in findings
    }
