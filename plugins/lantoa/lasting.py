"""`mkdocs serve`: fragments of a page that show one value (a campaign's or a place's figures),
kept from one rebuild to the next while that value is the very object.

A title edit makes the campaign and place pages that list the story render again; their
figures (`insight/kept.py` keeps them while what they count is the same) do not change. A
campaign's figures are a table of places by month, 280 KB of HTML at 10,000 stories over seven
years: rendering them again cost a save 0.03 s of its 0.15 s.

Relies on: a fragment reads nothing but its value, what `also` holds, and the page it is on (its
links are relative to the page); the value is never changed once made (frozen dataclasses).

Listing cards are kept the same way (`card`), by the place they are seen from: a story in or
out of a campaign moves every other story of its paged list by one place, so each of its 107
pages at 10,000 stories rendered again, and its 20 cards with it, all seen on the same pages
before the save (drawing them again cost that save 0.14 s). A card's HTML reads nothing but the
card, its cover's processed photo and where it is seen from (the key); the card is the plan's
very object while its item is (`remade.card`). Only the CARDS_KEPT seen last are kept (a build
of 10,000 stories draws 60,000, 1–2 KB each).

The plain path (a build) renders every fragment (`Build.kept` is None there).
"""
from __future__ import annotations

from typing import Any, Callable, Hashable

from .recent import Recent

CARDS_KEPT = 16_384


class LastingFragments:
    """The last HTML of each fragment on each page, with the value it showed."""

    def __init__(self):
        self._kept: dict[tuple, tuple[Any, tuple, str]] = {}  # (name, page) → (value, also, html)
        self._cards: Recent = Recent(CARDS_KEPT)  # where seen → (card, photo, html)

    def get(self, name: str, page: Hashable, value: Any, also: tuple, render: Callable[[], str]) -> str:
        """`render()`, or what it gave on `page` the last time, for this very `value` and equal `also`."""
        key = (name, page)
        known = self._kept.get(key)
        if known is None or known[0] is not value or known[1] != also:
            known = self._kept[key] = (value, also, render())
        return known[2]

    def card(self, seen: Hashable, card: Any, photo: Any, render: Callable[[], str]) -> str:
        """`render()`, or what it gave where `seen` the last time, for this very `card` and an equal
        `photo` (its cover's processed photo, made again by each rebuild)."""
        known = self._cards.get(seen)
        if known is None or known[0] is not card or known[1] != photo:
            known = self._cards[seen] = (card, photo, render())
        return known[2]

    def clear(self) -> None:
        """Another template or configuration: every fragment is rendered again."""
        self._kept.clear()
        self._cards.clear()
