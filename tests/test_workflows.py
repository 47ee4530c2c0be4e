"""The release and pages workflows do what the README promises."""

from __future__ import annotations

import yaml

from conftest import ROOT


def workflow(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github/workflows" / name).read_text(encoding="utf-8"))


def commands(flow: dict) -> list[str]:
    return [step.get("run", "") for job in flow["jobs"].values() for step in job["steps"]]


def test_release_runs_on_version_tags_tests_first_and_attaches_everything():
    flow = workflow("release.yml")
    assert flow[True]["push"]["tags"] == ["v*"]  # YAML 1.1 reads the key `on` as True
    runs = commands(flow)
    order = [
        next(i for i, run in enumerate(runs) if needle in run)
        for needle in ("make test", "indopak release", "indopak export", "pip wheel", "gh release")
    ]
    assert order == sorted(order)
    publish = runs[order[-1]]
    for asset in (
        'india-pakistan-relations-"$VERSION".zip',
        "india-pakistan-relations.zip",
        ".sqlite",
        "-parquet.zip",
        "indopak-*.whl",
        "dist/SHA256SUMS",
        "--notes-file dist/NOTES.md",
    ):
        assert asset in publish, asset
    assert any('indopak notes "$VERSION" > dist/NOTES.md' in run for run in runs)


def test_pages_publishes_the_explorer_from_main():
    flow = workflow("pages.yml")
    assert flow[True]["push"]["branches"] == ["main"]
    assert any("indopak site --out site" in run for run in commands(flow))
    uses = [s.get("uses", "") for job in flow["jobs"].values() for s in job["steps"]]
    assert any(u.startswith("actions/deploy-pages") for u in uses)
