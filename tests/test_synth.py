"""Synthetic corpora (indopak synth) and a smoke run of the benchmark (no timing asserted)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT
from indopak.benchmark import bench
from indopak.cli import main
from indopak.curate.synth import Synthesizer, synthesize
from indopak.curate.synthprofile import KIND_COUNTS, MIN_RECORDS, kind_counts
from indopak.publish.build import build
from indopak.schema.project import Project
from indopak.validation.validate import validate


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "n200"
    synthesize(ROOT, out, 200, seed=0)
    return out


def test_synthetic_corpus_validates_and_builds(corpus: Path, tmp_path: Path) -> None:
    project = Project(corpus)
    report = validate(project)
    assert report.findings == []
    assert report.checked == 200
    assert Counter(r.kind for r in report.records) == kind_counts(200)
    result = build(project, report=report)
    assert result.findings == []
    assert (corpus / "datapackage.json").is_file()


def test_same_seed_gives_byte_identical_tree(corpus: Path, tmp_path: Path) -> None:
    again, other = tmp_path / "again", tmp_path / "other"
    synthesize(ROOT, again, 200, seed=0)
    synthesize(ROOT, other, 200, seed=1)

    def written(root: Path) -> dict[str, bytes]:  # not what a build adds
        return {
            k: v
            for k, v in tree(root).items()
            if k.startswith(("data/records/", "seeds/", "schemas/"))
        }

    assert written(again) == written(corpus) == tree(again)
    assert written(other) != written(corpus)


def test_kind_counts_follow_the_measured_proportions() -> None:
    total = sum(KIND_COUNTS.values())
    for n in (MIN_RECORDS, 200, 1000, 100_000):
        counts = kind_counts(n)
        assert sum(counts.values()) == n
        assert all(count >= 1 for count in counts.values())
    for kind, count in kind_counts(100_000).items():
        assert abs(count - 100_000 * KIND_COUNTS[kind] / total) <= 1
    with pytest.raises(ValueError):
        kind_counts(MIN_RECORDS - 1)


def test_corpus_exercises_the_cross_record_rules() -> None:
    made = dict(Synthesizer(1000, seed=0).records())
    positions = [r for p, r in made.items() if p.startswith("positions/")]
    events = [r for p, r in made.items() if p.startswith("events/")]
    treaties = [r for p, r in made.items() if p.startswith("treaties/")]
    assert any("speaker" in p for p in positions)
    assert any("quote" in p for p in positions)
    assert any("claims" in e for e in events) and any("location" in e for e in events)
    assert any("provisions" in t for t in treaties)
    assert any("event" in a for t in treaties for a in t["status_history"])
    assert any("seed" in r for p, r in made.items() if p.startswith("sources/"))
    for record in made.values():
        for key, value in record.items():  # no invented real text (quotes are excerpts)
            if isinstance(value, str) and " " in value and key != "quote":
                assert value.startswith("Synthetic"), value


def test_quotes_are_checked_against_generated_seed_documents(tmp_path: Path) -> None:
    out = tmp_path / "c"
    synthesize(ROOT, out, 200, seed=0)
    seed = next((out / "seeds").glob("synthetic-*.txt"))
    seed.write_text(" date 2000-01-01 emptied\n\nNothing here.\n", encoding="utf-8")
    rules = {f.rule for f in validate(Project(out)).findings}
    assert rules == {"quote-not-in-seed"}


def test_synth_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "cli"
    assert main(["synth", "--records", "60", "--out", str(out), "--seed", "3"]) == 0
    assert len(list((out / "data" / "records").rglob("*.yaml"))) == 60
    assert main(["synth", "--records", "60", "--out", str(out)]) == 2  # not empty
    assert main(["synth", "--records", "3", "--out", str(tmp_path / "small")]) == 2
    assert main(["synth", "--records", "60", "--out", str(ROOT / "synthetic")]) == 2
    assert not (ROOT / "synthetic").exists()
    assert "not an empty folder" in capsys.readouterr().err


def test_bench_runs_end_to_end(tmp_path: Path) -> None:
    results = bench.run([200], seed=0, cache=tmp_path / "cache", template=ROOT)
    [result] = results
    names = [m.name for m in result.measurements]
    assert names[:7] == [
        "parse (CSafeLoader, floor)",
        "validate",
        "build",
        "build --frictionless",
        "frictionless validate",
        "pandas.read_csv",
        "load() with validation",
    ]
    assert "re-validate after 1 edit" in names and len(names) == 9
    by_name = {m.name: m for m in result.measurements}
    assert "built 200 records" in by_name["build"].detail  # a real build
    assert all(m.ok for m in result.measurements), [m.detail for m in result.measurements]
    assert all(m.peak_mib > 0 for m in result.measurements)
    text = bench.render(results) + bench.render_summary(results)
    assert "N = 200 records" in text and "load() / read_csv" in text
    assert "(validate + build) / parse" in text
    root = Path(result.corpus)
    assert validate(Project(root)).findings == []  # the edit was undone
    assert bench.corpus(ROOT, 200, 0, tmp_path / "cache") == root  # cached by size and seed


def test_each_row_of_the_bench_keeps_its_fastest_round_and_largest_peak(tmp_path, monkeypatch):
    rounds = iter(
        [
            [
                bench.Measurement("parse", "parse", 2.0, 2.5, 80, True, ""),
                bench.Measurement("validate", "validate", 5.0, 5.5, 900, True, ""),
            ],
            [
                bench.Measurement("parse", "parse", 3.0, 3.5, 95, True, ""),
                bench.Measurement("validate", "validate", 4.0, 4.5, 700, True, ""),
            ],
            [
                bench.Measurement("parse", "parse", 1.0, 1.5, 70, False, "exit 1"),
                bench.Measurement("validate", "validate", 6.0, 6.5, 800, True, ""),
            ],
        ]
    )
    monkeypatch.setattr(bench, "corpus", lambda *args: tmp_path)
    monkeypatch.setattr(bench, "_one_round", lambda root: next(rounds))
    result = bench.bench_size(ROOT, 200, 0, tmp_path, repeat=3)
    parse, check = result.measurements
    assert (parse.seconds, parse.peak_mib, parse.ok) == (2.0, 95, False)  # a failed round fails
    assert (check.seconds, check.peak_mib, check.ok) == (4.0, 900, True)
    assert result.rounds == 3 and "fastest of 3 round(s)" in bench.render([result])
