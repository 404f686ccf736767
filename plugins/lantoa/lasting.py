"""`mkdocs serve`: fragments of a page that show one value (a campaign's or a place's figures),
kept from one rebuild to the next while that value is the very object.

A title edit makes the campaign and place pages that list the story render again; their
figures (`insight/kept.py` keeps them while what they count is the same) do not change. A
campaign's figures are a table of places by month, 280 KB of HTML at 10,000 stories over seven
years: rendering them again cost a save 0.03 s of its 0.15 s.

Relies on: a fragment reads nothing but its value, what `also` holds, and the page it is on (its
links are relative to the page); the value is never changed once made (frozen dataclasses).
The plain path (a build) renders every fragment (`Build.kept` is None there).
"""
from __future__ import annotations

from typing import Any, Callable, Hashable


class LastingFragments:
    """The last HTML of each fragment on each page, with the value it showed."""

    def __init__(self):
        self._kept: dict[tuple, tuple[Any, tuple, str]] = {}  # (name, page) → (value, also, html)

    def get(self, name: str, page: Hashable, value: Any, also: tuple, render: Callable[[], str]) -> str:
        """`render()`, or what it gave on `page` the last time, for this very `value` and equal `also`."""
        key = (name, page)
        known = self._kept.get(key)
        if known is None or known[0] is not value or known[1] != also:
            known = self._kept[key] = (value, also, render())
        return known[2]

    def clear(self) -> None:
        """Another template or configuration: every fragment is rendered again."""
        self._kept.clear()
