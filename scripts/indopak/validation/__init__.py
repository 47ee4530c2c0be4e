"""The validation layer (see docs/ARCHITECTURE.md)."""
