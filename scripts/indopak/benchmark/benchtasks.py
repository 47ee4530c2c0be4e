"""One benchmark measurement, run in a fresh process by indopak.benchmark.bench.

The parent loads this file by its path (see CHILD_CODE), not as `indopak.benchmark.benchtasks`, so
that a baseline's process imports nothing of indopak. The process imports what the task
needs, then times only the task itself, and prints one JSON object: {"task", "seconds",
"ok", "detail", "peak_kib", "workers_peak_kib"}.

Peak memory is the process's own high-water resident set size (VmHWM in /proc/self/status),
read at the end, and that of the largest worker process it started and waited for. The
first is not taken from the parent's os.wait4/RUSAGE_CHILDREN: on Linux a child's
ru_maxrss keeps the resident size of the parent it was forked from, so small children
would all report the parent's size.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

Outcome = tuple[bool, str]  # (succeeded, a short note)

# `python -c CHILD_CODE PATH TASK ROOT [ARG ...]` runs main() of the file at PATH.
CHILD_CODE = (
    "import importlib.util, sys\n"
    "spec = importlib.util.spec_from_file_location('benchtasks', sys.argv[1])\n"
    "module = importlib.util.module_from_spec(spec)\n"
    "spec.loader.exec_module(module)\n"
    "sys.exit(module.main(sys.argv[2:]))\n"
)


# What each command imports lazily; imported before the clock starts.
_COMMAND_IMPORTS = {
    "validate": ("indopak.validation.validate",),
    "build": (
        "indopak.validation.validate",
        "indopak.publish.build",
        "indopak.loading.frames",
        "frictionless",
    ),
}


def _cli(root: Path, argv: list[str]) -> Callable[[], Outcome]:
    """The `indopak` command run in-process inside root, its output swallowed."""
    import importlib

    from indopak.cli import main

    for module in _COMMAND_IMPORTS.get(argv[0], ()):
        importlib.import_module(module)
    os.chdir(root)

    def run() -> Outcome:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
        lines = (out.getvalue() + err.getvalue()).strip().splitlines()
        return code == 0, f"exit {code}: {lines[-1] if lines else ''}"

    return run


def _parse(root: Path) -> Callable[[], Outcome]:
    """The floor: read and parse every record file with PyYAML's C loader, nothing else."""
    import yaml

    files = sorted(p for p in (root / "data" / "records").rglob("*.yaml") if p.is_file())

    def run() -> Outcome:
        loader = yaml.CSafeLoader
        for path in files:
            yaml.load(path.read_bytes(), Loader=loader)
        return True, f"{len(files)} files"

    return run


def _load(root: Path) -> Callable[[], Outcome]:
    from indopak import load  # pandas and pandera are imported here, before the clock

    def run() -> Outcome:
        frames = load(root / "datapackage.json")
        return True, f"{len(frames)} tables, {sum(len(f) for f in frames.values())} rows"

    return run


def _frictionless(root: Path) -> Callable[[], Outcome]:
    from frictionless import validate

    def run() -> Outcome:
        report = validate(str(root / "datapackage.json"))
        return bool(report.valid), f"{len(report.tasks)} resources, valid={report.valid}"

    return run


def _read_csv(root: Path) -> Callable[[], Outcome]:
    import pandas as pd

    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    paths = [root / resource["path"] for resource in descriptor["resources"]]

    def run() -> Outcome:
        rows = sum(len(pd.read_csv(path)) for path in paths)
        return True, f"{len(paths)} tables, {rows} rows"

    return run


def prepare(task: str, root: Path, args: list[str]) -> Callable[[], Outcome]:
    """Import and set up for a task; returns the callable to time."""
    if task == "parse":
        return _parse(root)
    if task == "validate":
        return _cli(root, ["validate", *args])
    if task == "build":
        return _cli(root, ["build", *args])
    if task == "load":
        return _load(root)
    if task == "frictionless":
        return _frictionless(root)
    if task == "read_csv":
        return _read_csv(root)
    raise SystemExit(f"unknown task {task!r}")


TASKS = ("parse", "validate", "build", "load", "frictionless", "read_csv")


def peak_kib() -> int:
    """Peak resident set size of this process, in KiB."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource  # not Linux: the best the platform offers

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def workers_peak_kib() -> int:
    """High-water resident set size of the largest child process this one has waited for
    (the worker processes of validate), in KiB; 0 when it started none."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not Unix
        return 0
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def main(argv: list[str]) -> int:
    task, root, *args = argv
    run = prepare(task, Path(root).resolve(), args)
    start = time.perf_counter()
    try:
        ok, detail = run()
    except Exception as exc:  # a failed measurement is reported, not raised
        ok, detail = False, f"{type(exc).__name__}: {exc}"[:500]
    seconds = time.perf_counter() - start
    sys.stdout.write(
        json.dumps(
            {
                "task": task,
                "seconds": seconds,
                "ok": ok,
                "detail": detail,
                "peak_kib": peak_kib(),
                "workers_peak_kib": workers_peak_kib(),
            }
        )
        + "\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
