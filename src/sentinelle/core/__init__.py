"""Shared infrastructure: clock, configuration, text helpers, outbox."""
