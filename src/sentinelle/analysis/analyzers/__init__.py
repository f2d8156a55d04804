"""One module per analyzer; see `sentinelle.analysis.registry` for the list."""
