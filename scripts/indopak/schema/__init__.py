"""The schema layer (see docs/ARCHITECTURE.md)."""
