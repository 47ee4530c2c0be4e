"""The benchmark layer (see docs/ARCHITECTURE.md)."""
