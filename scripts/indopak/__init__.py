"""india-pakistan-relations: validate, build and load the dataset."""

__version__ = "0.1.0"
