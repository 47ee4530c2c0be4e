"""The io layer (see docs/ARCHITECTURE.md)."""
