"""Tests for the reply linter (pure Python, no database)."""
