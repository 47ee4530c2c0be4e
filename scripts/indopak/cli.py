"""The `indopak` command. Each subcommand lives in a module of indopak.commands."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from indopak import __version__, commands
from indopak.commands._common import EXIT_OK, EXIT_USAGE, UsageError
from indopak.io.errors import BuildLocked, WorkerFailed
from indopak.schema.project import ProjectNotFound
from indopak.schema.schemaref import SchemaDefinitionError


def _data_version() -> str:
    """The version of the dataset in the checkout around the working directory, if any."""
    from indopak.schema.project import find_root

    try:
        path = find_root() / "schemas" / "package.yaml"
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("version:"):
                return line.split(":", 1)[1].strip().strip("\"'")
    except (ProjectNotFound, OSError, UnicodeDecodeError):
        pass
    return "not in a checkout"


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="indopak",
        description="Validate, build and explore the india-pakistan-relations dataset.",
    )
    top.add_argument(
        "--version",
        action="version",
        version=f"indopak {__version__} (data {_data_version()})",
        help="print the version of indopak and of the data, then exit",
    )
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            importlib.import_module(f"{commands.__name__}.{info.name}").register(sub)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except (ProjectNotFound, UsageError, WorkerFailed, BuildLocked, SchemaDefinitionError) as exc:
        print(f"indopak: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into a command that stopped reading
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
