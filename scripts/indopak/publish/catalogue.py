"""docs/RULES.md: every rule with a real mistake and the message it produces.

The examples are the fixtures in tests/fixtures/broken/, run through the validator each
time the page is generated, so the page cannot drift from the code.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import yaml

from indopak.schema.project import Project
from indopak.validation.rulebook import RULES
from indopak.validation.validate import validate

# The examples are validated as of a fixed day, so the page does not change with the calendar
# (date-future prints the day it compared with).
EXAMPLES_TODAY = dt.date(2026, 11, 28)

LAYERS = {"file": "Files", "yaml": "YAML", "schema": "Record schemas", "records": "Across records"}


def _case_repo(root: Path, case: Path, target: Path) -> list[dict]:
    shutil.copytree(root / "schemas", target / "schemas")
    shutil.copytree(root / "tests" / "fixtures" / "base", target, dirs_exist_ok=True)
    spec = yaml.safe_load((case / "expect.yaml").read_text(encoding="utf-8"))
    for rel in spec.get("remove", []):
        (target / rel).unlink()
    shutil.copytree(case / "files", target, dirs_exist_ok=True)
    return spec["expect"]


def _excerpt(path: Path, line: int) -> str:
    raw = path.read_bytes()
    text = raw.decode("utf-8", errors="replace")
    lines = text.splitlines() or [""]
    shown = lines[line - 1] if 0 < line <= len(lines) else ""
    shown = shown.encode("unicode_escape").decode("ascii").replace("\\\\", "\\")
    if raw.startswith(b"\xef\xbb\xbf") and line == 1:
        shown = "<BOM>" + shown.lstrip("\ufeff").replace("\\ufeff", "")
    if len(shown) > 70:
        shown = shown[:67] + "..."
    return shown.replace("|", "\\|").replace("`", "'")


def render_catalogue(root: Path) -> str:
    examples: dict[str, list[tuple[str, str, str]]] = {rule: [] for rule in RULES}
    for case in sorted((root / "tests" / "fixtures" / "broken").iterdir()):
        with tempfile.TemporaryDirectory() as tmp:
            repo = Path(tmp) / "repo"
            expected = _case_repo(root, case, repo)
            first_rule = expected[0]["rule"]
            for finding in validate(Project(repo), today=EXAMPLES_TODAY).findings:
                if finding.rule == first_rule:
                    excerpt = _excerpt(repo / finding.path, finding.line)
                    examples.setdefault(finding.rule, []).append(
                        (case.name, excerpt, finding.text())
                    )
                    break
    out = [
        "# Validation rules",
        "",
        "Generated from the rule registry (`scripts/indopak/validation/`) and the fixtures in "
        "`tests/fixtures/broken/` by `make docs`; a test fails when it is out of date.",
        "Each example is a real fixture: the offending line and what `indopak validate` "
        "prints for it.",
        "",
    ]
    for layer, title in LAYERS.items():
        out += [
            f"## {title}",
            "",
            "| rule | checks | example (line) | message |",
            "| --- | --- | --- | --- |",
        ]
        for rule, (rule_layer, description) in RULES.items():
            if rule_layer != layer:
                continue
            cases = examples.get(rule) or [("", "", "")]
            _name, excerpt, message = cases[0]
            shown = f"`{excerpt}`" if excerpt else "(built in tests)"
            message = message.replace("|", "\\|")
            out.append(f"| `{rule}` | {description} | {shown} | {message} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def main() -> None:
    root = Project.find().root
    target = root / "docs" / "RULES.md"
    target.parent.mkdir(exist_ok=True)
    target.write_text(render_catalogue(root), encoding="utf-8")
    print(f"wrote {target.relative_to(root)}")


if __name__ == "__main__":
    main()
