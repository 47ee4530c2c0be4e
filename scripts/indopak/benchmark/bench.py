"""`make bench`: how validate, build and load scale with the number of records.

For each size N, a synthetic corpus (indopak.curate.synth) is generated once into a cache folder,
then every measurement runs in a fresh process (indopak.benchmark.benchtasks), so no memory carries
over from one to the next; the validation cache on disk does, as it
does for a contributor:

- the floor: parsing the same record files with PyYAML's CSafeLoader and nothing else;
- `indopak validate` from a clean tree (no validation cache), then `indopak build`, which
  reuses the checks and rows that validate cached, assembles and checks the package: once
  as it runs by default and once with `--frictionless` reading every row of both packages
  (the published files are removed before each, so both do the whole work);
- a warm re-validate after editing one record, and validating that one record
  (`validate --changed` in a git corpus, else `validate PATH`);
- `indopak.load()` with validation;
- the baselines: frictionless validate of the built package, pandas.read_csv of its tables.

Every measurement is taken in `--repeat` rounds (default 3), one after the other, and each
row reports its fastest round: a shared machine only ever adds time, so the fastest is the
closest to the cost of the code; peak memory is the largest of the rounds.

Seconds are the operation alone, timed inside the child after its imports; "process" is
the child's whole wall time (interpreter start and imports included). Peak memory is the
child's high-water resident set size (VmHWM, read by the child itself), imports included.

    python -m indopak.benchmark.bench --sizes 1000 10000 100000 [--repeat 3] [--seed 0] \
        [--cache DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

from indopak.benchmark import benchtasks
from indopak.benchmark.benchtasks import CHILD_CODE
from indopak.curate.synth import dump, synthesize
from indopak.schema.project import Project
from indopak.schema.state import state_dir
from indopak.validation.reading import cores

DEFAULT_SIZES = (1000, 10_000, 100_000)
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "indopak-bench"
EDIT_MARK = " Edited by the benchmark."


@dataclass
class Measurement:
    name: str  # row label
    task: str  # benchtasks task
    seconds: float
    process_seconds: float
    peak_mib: float
    ok: bool
    detail: str


@dataclass
class SizeResult:
    n: int
    corpus: str
    measurements: list[Measurement]
    rounds: int = 1

    def get(self, name: str) -> Measurement | None:
        return next((m for m in self.measurements if m.name == name), None)


# --- the corpus -----------------------------------------------------------------------


def _fingerprint(template: Path) -> str:
    """Changes when the generator or the schemas change, so the cache never goes stale."""
    digest = hashlib.sha256()
    for name in ("synth.py", "synthprofile.py"):
        digest.update(Path(__file__).parents[1].joinpath("curate", name).read_bytes())
    for path in sorted((template / "schemas").rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(template).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def corpus(template: Path, n: int, seed: int, cache: Path) -> Path:
    """The synthetic corpus of n records for this seed, generated on first use."""
    root = cache / f"n{n}-seed{seed}-{_fingerprint(template)}"
    if (root / ".synth-complete").is_file():
        return root
    cache.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".n{n}-", dir=cache))
    synthesize(template, staging, n, seed)
    (staging / ".synth-complete").write_text(f"{n} records, seed {seed}\n", encoding="utf-8")
    for stale in cache.glob(f"n{n}-seed{seed}-*"):  # made by an older generator or schemas
        shutil.rmtree(stale, ignore_errors=True)
    staging.rename(root)
    return root


def _warm_page_cache(root: Path) -> None:
    """Read every record once, so the first measurement does not pay for a cold disk."""
    for path in (root / "data" / "records").rglob("*.yaml"):
        path.read_bytes()


def edit_target(root: Path) -> Path:
    """The record the edit measurements change: the first event file."""
    return min((root / "data" / "records" / "events").rglob("*.yaml"))


# --- one measurement in a fresh process ------------------------------------------------


def measure(name: str, task: str, root: Path, *args: str) -> Measurement:
    """Run one benchtasks task in a new interpreter; its time, wall time and peak RSS."""
    start = time.perf_counter()
    child = subprocess.run(
        [sys.executable, "-c", CHILD_CODE, benchtasks.__file__, task, str(root), *args],
        capture_output=True,
        text=True,
        cwd=root,
        check=False,
    )
    wall = time.perf_counter() - start
    try:
        result = json.loads(child.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        problem = child.stderr.strip().splitlines()
        note = problem[-1] if problem else f"exit {child.returncode}, no result"
        return Measurement(name, task, float("nan"), wall, float("nan"), False, note)
    # Workers run side by side: count each at the largest one's peak (an upper bound, since
    # the pages a worker shares with the process it was forked from are counted twice).
    workers = result.get("workers_peak_kib", 0)
    peak = result["peak_kib"] + (cores() * workers if workers else 0)
    return Measurement(
        name, task, result["seconds"], wall, peak / 1024, bool(result["ok"]), result["detail"]
    )


def _changed_available(root: Path) -> bool:
    """`validate --changed` exists and can work here (it compares with git)."""
    done = subprocess.run(
        [sys.executable, "-m", "indopak.cli", "validate", "--help"],
        capture_output=True,
        text=True,
        cwd=root,
        check=False,
    )
    return "--changed" in done.stdout and (root / ".git").exists()


def _unpublish(root: Path) -> None:
    """Remove what a build published, so that the next build does the whole work again."""
    for name in ("data/csv", "data/json"):
        shutil.rmtree(root / name, ignore_errors=True)
    (root / "datapackage.json").unlink(missing_ok=True)


def bench_size(template: Path, n: int, seed: int, cache: Path, repeat: int = 1) -> SizeResult:
    """Every measurement of one size, `repeat` rounds in a row; each row keeps its fastest
    round (the run least disturbed by the rest of the machine) and its largest peak."""
    root = corpus(template, n, seed, cache)
    _warm_page_cache(root)
    rounds = [_one_round(root) for _ in range(repeat)]
    best = []
    for same in zip(*rounds, strict=True):
        fastest = min(same, key=lambda m: (not m.ok, m.seconds))
        fastest.peak_mib = max(m.peak_mib for m in same)
        fastest.ok = all(m.ok for m in same)
        best.append(fastest)
    return SizeResult(n, str(root), best, repeat)


def _one_round(root: Path) -> list[Measurement]:
    # the first validate is cold
    shutil.rmtree(state_dir(Project(root)), ignore_errors=True)
    rows = [
        measure("parse (CSafeLoader, floor)", "parse", root),
        measure("validate", "validate", root),
    ]
    _unpublish(root)
    rows.append(measure("build", "build", root))
    _unpublish(root)
    rows.append(measure("build --frictionless", "build", root, "--frictionless"))
    rows += [
        measure("frictionless validate", "frictionless", root),
        measure("pandas.read_csv", "read_csv", root),
        measure("load() with validation", "load", root),
    ]
    target = edit_target(root)
    original = target.read_bytes()
    rel = target.relative_to(root).as_posix()
    try:
        record = yaml.load(original, Loader=yaml.CSafeLoader)
        record["summary"] += EDIT_MARK
        target.write_text(dump(record), encoding="utf-8")
        rows.append(measure("re-validate after 1 edit", "validate", root))
        if _changed_available(root):
            rows.append(measure("validate --changed (1 edit)", "validate", root, "--changed"))
        else:
            rows.append(measure("validate PATH (1 edit)", "validate", root, rel))
    finally:
        target.write_bytes(original)
    return rows


# --- the report ------------------------------------------------------------------------

RATIOS = (  # (label, numerator rows, denominator row, target)
    ("validate / parse", ("validate",), "parse (CSafeLoader, floor)", None),
    ("build / parse", ("build",), "parse (CSafeLoader, floor)", None),
    ("(validate + build) / parse", ("validate", "build"), "parse (CSafeLoader, floor)", 1.5),
    (
        "(validate + build --frictionless) / parse",
        ("validate", "build --frictionless"),
        "parse (CSafeLoader, floor)",
        None,
    ),
    (
        "build --frictionless / frictionless validate",
        ("build --frictionless",),
        "frictionless validate",
        None,
    ),
    ("load() / read_csv", ("load() with validation",), "pandas.read_csv", 3.0),
)


def ratio(result: SizeResult, top: tuple[str, ...], bottom: str) -> float:
    rows = [result.get(name) for name in top]
    base = result.get(bottom)
    if base is None or not base.seconds or any(r is None for r in rows):
        return float("nan")
    return sum(r.seconds for r in rows if r is not None) / base.seconds


def render_header() -> str:
    return (
        f"indopak bench: {os.cpu_count()} CPU(s), Python {sys.version.split()[0]}. "
        "seconds = the operation alone, timed in a fresh process after its imports; "
        "process = that process's whole wall time; peak = its high-water resident set "
        "size (VmHWM, /proc/self/status), imports included, plus CPUs x the largest "
        "high-water size of the worker processes it started, if any."
    )


def render(results: list[SizeResult]) -> str:
    lines: list[str] = []
    for result in results:
        lines += [
            "",
            f"N = {result.n:,} records ({result.corpus}), fastest of {result.rounds} round(s)",
            f"{'measurement':46} {'seconds':>9} {'process':>9} {'peak MiB':>9}  ok",
        ]
        for m in result.measurements:
            flag = "yes" if m.ok else f"NO ({m.detail})"
            lines.append(
                f"{m.name:46} {m.seconds:9.3f} {m.process_seconds:9.3f} {m.peak_mib:9.0f}  {flag}"
            )
        for label, top, bottom, goal in RATIOS:
            value = ratio(result, top, bottom)
            target = f"  (target <= {goal})" if goal is not None else ""
            lines.append(f"{label:46} {value:9.2f}x{target}")
        edit = result.get("re-validate after 1 edit")
        if edit is not None:
            lines.append(f"{'re-validate after 1 edit':46} {edit.seconds:9.3f}s (target <= 1 s)")
        peak = max(m.peak_mib for m in result.measurements)
        lines.append(f"{'peak memory, any measurement':46} {peak:9.0f} MiB (target < 2048)")
    return "\n".join(lines)


def _ratio_named(result: SizeResult, label: str) -> float:
    top, bottom = next((t, b) for name, t, b, _goal in RATIOS if name == label)
    return ratio(result, top, bottom)


def render_summary(results: list[SizeResult]) -> str:
    """One line a size: the four targets of the issue side by side."""
    lines = [
        "",
        f"{'N':>8} {'parse s':>8} {'valid s':>8} {'build s':>8} {'(v+b)/parse':>11} "
        f"{'(v+bf)/parse':>13} {'edit s':>7} {'load/csv':>8} {'peak MiB':>8}",
    ]
    for r in results:

        def sec(name: str, result: SizeResult = r) -> float:
            m = result.get(name)
            return m.seconds if m else float("nan")

        lines.append(
            f"{r.n:>8,} {sec('parse (CSafeLoader, floor)'):8.2f} {sec('validate'):8.2f} "
            f"{sec('build'):8.2f} "
            f"{_ratio_named(r, '(validate + build) / parse'):10.2f}x "
            f"{_ratio_named(r, '(validate + build --frictionless) / parse'):12.2f}x "
            f"{sec('re-validate after 1 edit'):7.2f} "
            f"{_ratio_named(r, 'load() / read_csv'):7.2f}x "
            f"{max(m.peak_mib for m in r.measurements):8.0f}"
        )
    lines.append(
        f"{'target':>8} {'':8} {'':8} {'':8} {'<= 1.5x':>11} {'':>13} {'<= 1':>7} "
        f"{'<= 3x':>8} {'< 2048':>8}"
    )
    return "\n".join(lines)


def run(
    sizes: list[int],
    seed: int = 0,
    cache: Path = DEFAULT_CACHE,
    template: Path | None = None,
    repeat: int = 1,
) -> list[SizeResult]:
    template = template or Project.find().root
    return [bench_size(template, n, seed, cache, repeat) for n in sizes]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m indopak.benchmark.bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="rounds of every measurement; each keeps its fastest (default 3)",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=DEFAULT_CACHE,
        help=f"where corpora are kept between runs (default {DEFAULT_CACHE})",
    )
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = parser.parse_args(argv)
    print(render_header(), flush=True)
    results = []
    for n in args.sizes:
        results += run([n], args.seed, args.cache, repeat=max(1, args.repeat))
        print(render(results[-1:]), flush=True)
    print(render_summary(results))
    if args.json:
        args.json.write_text(
            json.dumps([asdict(r) for r in results], indent=2) + "\n", encoding="utf-8"
        )
    return 0 if all(m.ok for r in results for m in r.measurements) else 1


if __name__ == "__main__":
    sys.exit(main())
