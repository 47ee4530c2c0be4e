"""The `indopak` command. Each subcommand lives in a module of indopak.commands."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from . import commands
from .commands._common import EXIT_OK, EXIT_USAGE, UsageError
from .errors import BuildLocked, WorkerFailed
from .project import ProjectNotFound


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="indopak",
        description="Validate, build and explore the india-pakistan-relations dataset.",
    )
    sub = top.add_subparsers(dest="command", required=True)
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            importlib.import_module(f"{commands.__name__}.{info.name}").register(sub)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except (ProjectNotFound, UsageError, WorkerFailed, BuildLocked) as exc:
        print(f"indopak: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into a command that stopped reading
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
