"""The reply rules, one module per theme; ALL lists them in the order they run."""
