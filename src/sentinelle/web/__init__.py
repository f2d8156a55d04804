"""Web: the dashboard shell, base templates and static assets."""
