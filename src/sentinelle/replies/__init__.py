"""Replies: templates, holding statements, the reply linter and precedents."""
