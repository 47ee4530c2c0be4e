"""CODEBOOK.md documents every table, column and code, and build --check keeps it current."""

from __future__ import annotations

import json

from indopak.publish.build import build


def test_codebook_covers_every_table_column_and_code(project):
    build(project)
    text = (project.root / "CODEBOOK.md").read_text(encoding="utf-8")
    for name, schema in project.table_schemas.items():
        assert f"### Table {name}\n" in text
        for field in schema["fields"]:
            assert f"| `{field['name']}` | {field['type']} |" in text
            assert field["description"] in text
    for name, vocab in project.vocabularies.items():
        assert f"### Vocabulary {name}\n" in text
        for entry in vocab["codes"]:
            assert f"| `{entry['code']}` | {entry['definition']}" in text


def test_editing_a_schema_description_makes_the_codebook_stale(project):
    build(project)
    path = project.schemas_dir / "records" / "issue.json"
    schema = json.loads(path.read_text())
    schema["properties"]["name"]["description"] = "A renamed description."
    path.write_text(json.dumps(schema))
    from indopak.schema.project import Project

    changed = build(Project(project.root), check=True).changed
    assert "CODEBOOK.md" in changed
