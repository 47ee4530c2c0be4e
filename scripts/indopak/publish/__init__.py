"""The publish layer (see docs/ARCHITECTURE.md)."""
