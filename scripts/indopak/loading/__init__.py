"""The loading layer (see docs/ARCHITECTURE.md)."""
