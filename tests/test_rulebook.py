"""The rule registry: each rule id is declared once, where it is checked, and everything
that lists rules (the catalogue, the validator's rule lists, the fields the index lends)
derives from it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from indopak.validation import rulebook, rules
from indopak.validation.rulebook import CHECKS, RULES, registered


def test_each_rule_across_records_is_reported_by_exactly_one_registered_function():
    owners: dict[str, list[str]] = {}
    for check in CHECKS:
        for rule_id in check.reports:
            owners.setdefault(rule_id, []).append(check.function.__name__)
    across = {rule_id for rule_id, (layer, _) in RULES.items() if layer == "records"}
    assert set(owners) == across
    assert all(len(names) == 1 for names in owners.values()), owners


def _reported_in_rules_module() -> set[str]:
    """The rule ids the rules package reports: the rule argument of each finding it makes."""
    found = set()
    folder = Path(rules.__file__).parent
    nodes = [n for f in sorted(folder.glob("*.py")) for n in ast.walk(ast.parse(f.read_text()))]
    for node in nodes:
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "_at":
            rule = node.args[2]
            assert isinstance(rule, ast.Constant), ast.unparse(node)
            found.add(rule.value)
    return found


def test_every_rule_id_the_rules_module_reports_is_registered_and_none_is_idle():
    declared = {rule_id for check in CHECKS for rule_id in check.reports}
    reported = _reported_in_rules_module()
    assert declared <= reported, "a rule is registered that nothing reports"
    # a rule across records may also report a file-layer rule (an event in the wrong year's
    # folder is known only once its date is read); that rule is declared in the rulebook
    assert all(RULES[rule_id][0] != "records" for rule_id in reported - declared)
    assert reported <= set(RULES)


def test_the_validator_runs_what_the_registry_lists_by_scope():
    assert tuple(c.function for c in CHECKS if c.scope == "local") == rules.LOCAL_RULES
    assert tuple(c.function for c in CHECKS if c.scope == "cross") == rules.CROSS_RULES
    assert set(rules.LOCAL_RULES).isdisjoint(rules.CROSS_RULES)


def test_the_index_lends_exactly_the_fields_the_cross_record_rules_declare():
    declared = {name for c in CHECKS for name in c.reads}
    assert set(rules.LOOKUP_FIELDS) == declared
    assert all(not c.reads for c in CHECKS if c.scope == "local")


def test_a_rule_id_registered_twice_is_refused(monkeypatch):
    monkeypatch.setattr(rulebook, "RULES", dict(RULES))
    monkeypatch.setattr(rulebook, "CHECKS", list(CHECKS))
    with pytest.raises(ValueError, match="'date-order' is declared twice"):

        @registered("local", reports={"date-order": "Again."})
        def _again(ctx, record):  # pragma: no cover - never run
            yield from ()


def test_a_local_rule_cannot_declare_fields_of_other_records():
    with pytest.raises(ValueError, match="only when it is 'cross'"):
        registered("local", reports={"x-y": "Never."}, reads=("date",))
