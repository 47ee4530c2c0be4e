"""The validation cache: a warm run reports exactly what a full run reports, after any edit,
while reading and re-checking only what the edit touches."""

from __future__ import annotations

import os
import random
import shutil
import time
from pathlib import Path

import pytest

from conftest import ROOT
from indopak.cli import main
from indopak.curate.synth import synthesize
from indopak.schema.project import Project
from indopak.schema.state import cache_dir
from indopak.validation import cache, reading, workers
from indopak.validation.records import scan
from indopak.validation.validate import validate

HOUR_AGO_NS = (time.time() - 3600) * 1e9


def age(root: Path) -> None:
    """Date every record file an hour back, as files in a checkout usually are."""
    for path in (root / "data" / "records").rglob("*"):
        if path.is_file() and not path.is_symlink():
            os.utime(path, ns=(int(HOUR_AGO_NS), int(HOUR_AGO_NS)))


def both(project: Project) -> tuple[list, list]:
    warm = validate(project, use_cache=True).findings
    full = validate(project).findings
    return warm, full


@pytest.fixture
def corpus(tmp_path: Path) -> Project:
    synthesize(ROOT, tmp_path / "c", 300, seed=3)
    age(tmp_path / "c")
    return Project(tmp_path / "c")


def files(project: Project) -> list[Path]:
    return sorted((project.root / "data" / "records").rglob("*.yaml"))


def test_second_run_reads_nothing(corpus: Project):
    first = validate(corpus, use_cache=True)
    second = validate(corpus, use_cache=True)
    assert first.reread == 300 and first.rechecked == 300
    assert (second.reread, second.rechecked) == (0, 0)
    assert second.findings == first.findings == []
    assert second.checked == 300


def test_editing_one_record_rechecks_it_and_what_refers_to_it(corpus: Project):
    validate(corpus, use_cache=True)
    actor = next(p for p in files(corpus) if "/actors/" in p.as_posix())
    ident = actor.stem
    actor.write_text(actor.read_text().replace(f"id: {ident}", f"id: {ident}-renamed"))
    referrers = [
        p for p in files(corpus) if p != actor and f": {ident}\n" in p.read_text(encoding="utf-8")
    ]
    report = validate(corpus, use_cache=True)
    assert report.reread == 1
    assert len(referrers) + 1 <= report.rechecked < 300
    assert report.findings == validate(corpus).findings
    rules = {f.rule for f in report.findings}
    assert {"id-mismatch", "ref-unknown"} <= rules


def test_a_fixed_file_clears_its_findings_and_those_it_caused(corpus: Project):
    source = next(p for p in files(corpus) if "/sources/" in p.as_posix())
    original = source.read_bytes()
    source.write_bytes(b"id: [unclosed\n")
    assert validate(corpus, use_cache=True).findings
    source.write_bytes(original)
    warm, full = both(corpus)
    assert warm == full == []


MUTATIONS = ("rename-id", "delete", "copy", "break-ref", "corrupt", "restore", "offices")


def mutate(rng: random.Random, project: Project, saved: dict[Path, bytes]) -> str:
    paths = files(project)
    path = rng.choice(paths)
    kind = rng.choice(MUTATIONS)
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    saved.setdefault(path, path.read_bytes())
    if kind == "rename-id":
        path.write_text(text.replace(f"id: {path.stem}", f"id: {path.stem}x", 1))
    elif kind == "delete":
        path.unlink()
    elif kind == "copy":
        shutil.copy(path, path.with_name(f"{path.stem}-copy.yaml"))
    elif kind == "break-ref":
        lines = text.splitlines(keepends=True)
        refs = [i for i, line in enumerate(lines) if line.strip().startswith(("actor:", "source:"))]
        if refs:
            i = rng.choice(refs)
            lines[i] = lines[i].rstrip("\n") + "z\n"
        path.write_text("".join(lines))
    elif kind == "corrupt":
        path.write_text(text + "\n  : [\n")
    elif kind == "restore":
        victim = rng.choice(sorted(saved))
        victim.write_bytes(saved[victim])
    elif kind == "offices":
        path.write_text(
            text.replace("start: '", "start: '2026", 1).replace('start: "', 'start: "2', 1)
        )
    return f"{kind} {path.name}"


@pytest.mark.parametrize("seed", range(4))
def test_warm_runs_equal_full_runs_through_random_edits(corpus: Project, seed: int):
    rng = random.Random(seed)
    saved: dict[Path, bytes] = {}
    validate(corpus, use_cache=True)
    for step in range(12):
        done = mutate(rng, corpus, saved)
        warm, full = both(corpus)
        assert warm == full, f"step {step}: {done}"


def test_a_damaged_cache_file_means_a_full_run(corpus: Project):
    validate(corpus, use_cache=True)
    stored = cache_dir(corpus) / cache.FILE
    stored.write_bytes(b"\x00not a cache")
    report = validate(corpus, use_cache=True)
    assert report.reread == 300 and report.findings == []


def test_a_schema_change_discards_the_cache(corpus: Project):
    validate(corpus, use_cache=True)
    lexicon = corpus.root / "schemas" / "lexicon.yaml"
    lexicon.write_text(lexicon.read_text() + "\n# edited\n")
    assert validate(corpus, use_cache=True).reread == 300


def test_an_edit_in_the_same_clock_tick_as_the_save_is_still_seen(corpus: Project):
    path = next(p for p in files(corpus) if "/sources/" in p.as_posix())
    os.utime(path)  # now: within the clock granularity of the save that follows
    validate(corpus, use_cache=True)
    before = path.stat()
    text = path.read_text()
    path.write_text(text.replace("url: https://", "url: ftp://ab", 1))  # same length
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same time
    assert path.stat().st_size == before.st_size
    report = validate(corpus, use_cache=True)
    assert report.reread == 1
    assert [f.rule for f in report.findings] == [f.rule for f in validate(corpus).findings]
    assert "url-scheme" in {f.rule for f in report.findings}


def test_a_touched_but_unchanged_file_is_not_read_again(corpus: Project):
    validate(corpus, use_cache=True)
    for path in files(corpus)[:50]:
        os.utime(path, ns=(int(HOUR_AGO_NS) + 7, int(HOUR_AGO_NS) + 7))  # as a checkout does
    assert validate(corpus, use_cache=True).reread == 0
    assert validate(corpus, use_cache=True).reread == 0


@pytest.mark.parametrize("on_workers", [False, True])
def test_a_run_without_a_cache_takes_each_status_as_it_reads_the_file(
    corpus: Project, monkeypatch, on_workers: bool
):
    records = corpus.root / "data" / "records"
    (records / "events" / ".hidden.yaml").write_text("id: x\n")
    (records / "events" / "notes.txt").write_text("a stray\n")
    link = records / "events" / "gone.yaml"
    link.symlink_to(records / "events" / "missing.yaml")
    age(corpus.root)
    os.utime(link, ns=(int(HOUR_AGO_NS), int(HOUR_AGO_NS)), follow_symlinks=False)
    if on_workers:
        monkeypatch.setattr(reading, "PARALLEL_MIN", 0)
        monkeypatch.setattr(reading, "BATCH", 40)
        monkeypatch.setattr(reading, "cores", lambda: 2)
    cold = validate(corpus, use_cache=True)  # no cache: the files are listed, not stat-ed
    assert scan(corpus, status=False).keys() == cold.files.keys()
    gone = "data/records/events/gone.yaml"
    listed = scan(corpus)  # what a scan that asks for each status finds
    assert {k: v for k, v in cold.files.items() if k != gone} == {
        k: v for k, v in listed.items() if k != gone
    }
    assert cold.files[gone][1] == cache.STALE  # a file that cannot be read is never cached
    warm = validate(corpus, use_cache=True)
    assert (warm.reread, warm.findings) == (1, cold.findings)


def test_reading_on_several_cores_gives_the_same_report(corpus: Project, monkeypatch):
    rng = random.Random(7)
    saved: dict[Path, bytes] = {}
    for _ in range(15):
        mutate(rng, corpus, saved)
    serial = validate(corpus, load_all=True)
    monkeypatch.setattr(reading, "PARALLEL_MIN", 0)
    monkeypatch.setattr(reading, "BATCH", 40)
    monkeypatch.setattr(reading, "cores", lambda: 2)
    parallel = validate(corpus, load_all=True)
    assert len(serial.findings) > 5
    assert parallel.findings == serial.findings  # positions come from marks read again
    assert [(r.path, r.data) for r in parallel.records] == [
        (r.path, r.data) for r in serial.records
    ]


def test_small_changes_go_to_the_delta_file_until_it_is_full(corpus: Project, monkeypatch):
    monkeypatch.setattr(cache, "DELTA_LIMIT", 25)
    validate(corpus, use_cache=True)
    folder = cache_dir(corpus)
    base = (folder / cache.FILE).read_bytes()
    position = next(p for p in files(corpus) if "/positions/" in p.as_posix())
    position.write_text(position.read_text() + "# edited\n")
    assert validate(corpus, use_cache=True).rechecked == 1
    assert (folder / cache.FILE).read_bytes() == base and (folder / cache.DELTA).exists()
    written: set[str] = set()
    for path in files(corpus)[:40]:
        path.write_text(path.read_text() + "# edited\n")
        report = validate(corpus, use_cache=True)
        assert report.findings == validate(corpus).findings
        written |= {path.name}
        if report.rechecked + len(written) < 25 and base == (folder / cache.FILE).read_bytes():
            assert (folder / cache.DELTA).exists()
    assert (folder / cache.FILE).read_bytes() != base  # the delta grew past its limit
    assert validate(corpus, use_cache=True).findings == []


def test_a_worker_that_dies_stops_the_run_with_one_clear_line(corpus: Project, monkeypatch, capsys):
    monkeypatch.setattr(reading, "PARALLEL_MIN", 0)
    monkeypatch.setattr(reading, "BATCH", 40)
    monkeypatch.setattr(reading, "cores", lambda: 2)
    monkeypatch.setattr(workers, "_read", lambda items, records: os._exit(9))  # in the worker
    monkeypatch.chdir(corpus.root)
    assert main(["validate"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("indopak: a worker process reading the records")
    assert not (cache_dir(corpus) / cache.FILE).exists()


def test_writing_to_a_worker_that_has_died_is_a_worker_failure_not_a_closed_output():
    import multiprocessing

    from indopak.io.errors import WorkerFailed

    ours, theirs = multiprocessing.Pipe()
    theirs.close()  # what a worker that died leaves behind
    with pytest.raises(WorkerFailed, match="stopped"):
        workers._send(ours, ("read", 0, [("data/records/x.yaml", "x.yaml", (1, 2, 3))]))


def test_a_worker_that_dies_at_once_stops_the_run_with_one_clear_line(
    corpus: Project, monkeypatch, capsys
):
    monkeypatch.setattr(reading, "PARALLEL_MIN", 0)
    monkeypatch.setattr(reading, "BATCH", 40)
    monkeypatch.setattr(reading, "cores", lambda: 2)
    monkeypatch.setattr(workers, "_serve", lambda conn, project, today: os._exit(9))
    monkeypatch.chdir(corpus.root)
    assert main(["validate"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("indopak: a worker process reading the records")
