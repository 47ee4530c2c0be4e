"""The small base dataset every rule test breaks must itself be valid."""

from indopak.validation.validate import validate


def test_base_fixture_is_valid(project):
    report = validate(project)
    assert [f.text() for f in report.findings] == []
    assert report.checked == 12
