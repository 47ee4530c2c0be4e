"""Subcommands of `indopak`: each module here has register(subparsers)."""
