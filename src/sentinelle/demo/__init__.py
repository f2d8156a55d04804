"""Demo data for Sentinelle: one synthetic week of mentions about the fictional brand Vélonova."""
