"""A pager that never counts: it fetches one row more than a page to know if there is a next."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

MAX_PAGE = 10_000


@dataclass
class Page:
    rows: list[Any]
    number: int
    has_next: bool

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1


def get_page(rows: QuerySet, raw_number: str | None, size: int) -> Page:
    """Page `raw_number` (1 when missing or wrong) of a query, without a COUNT(*)."""
    number = int(raw_number) if raw_number and raw_number.isdigit() else 1
    number = min(max(number, 1), MAX_PAGE)
    start = (number - 1) * size
    found = list(rows[start : start + size + 1])
    return Page(found[:size], number, len(found) > size)
