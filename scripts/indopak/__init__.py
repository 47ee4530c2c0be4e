"""india-pakistan-relations: validate, build and load the dataset.

>>> import indopak
>>> tables = indopak.load()            # every table as a typed, validated DataFrame
>>> events = indopak.load_table("events")
"""

from .frames import LoadError, load, load_table

__all__ = ["LoadError", "load", "load_table"]
__version__ = "0.1.0"
