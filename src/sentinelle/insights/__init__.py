"""Insights: KPIs, root causes, champions and reports."""
