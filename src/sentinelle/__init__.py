"""Sentinelle: catch online complaints before they become crises."""
