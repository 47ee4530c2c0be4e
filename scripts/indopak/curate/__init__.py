"""The curate layer (see docs/ARCHITECTURE.md)."""
