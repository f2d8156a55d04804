"""Listening: sources, watch queries, authors and the mentions they bring in."""
