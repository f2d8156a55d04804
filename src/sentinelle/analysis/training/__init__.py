"""Training and evaluation from the shared data directory (never shipped data)."""
