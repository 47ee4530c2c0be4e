"""india-pakistan-relations: validate, build and load the dataset.

>>> import indopak
>>> tables = indopak.load()            # every table as a typed, validated DataFrame
>>> events = indopak.load_table("events")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from indopak.loading.frames import LoadError, load, load_table

__all__ = ["LoadError", "load", "load_table"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # pandas and pandera take about a second to import; the command line (validate, fmt,
    # new) needs neither, so the loading API is imported on first use.
    if name in __all__:
        from indopak.loading import frames

        return getattr(frames, name)
    raise AttributeError(f"module 'indopak' has no attribute {name!r}")
