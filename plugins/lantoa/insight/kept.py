"""`mkdocs serve`: the figures of the previous plan, reused while what they count is the same.

The figures (the statistics page, each campaign's and place's insight, their CSV and JSON files)
cost about 0.25 s of planning a 10,000-story site, and a save mostly changes what no figure
counts: a title, a summary, a body, a photo.

Relies on: the figures read, of the corpus, only what `KeptFigures.start` compares: the STORY_FIELDS of
stories, the NEWS_FIELDS of news (the campaign timeline names news), the campaigns and units
whole, and the settings (today, the quota). A figure that reads another field must add it there:
tests/insight/test_kept.py changes every other field and checks that no figure changes.

A save that puts a story in or takes one out changes what the statistics count, but only the
figures of its own campaigns and places: a figure given what it counts of the corpus (`counts`:
a campaign's stories and news, and the places with a page its table links) stands while those
are the same, item by item, and the shared inputs are equal; a figure made from another
(`made_from`, the campaign's CSV and JSON from its figures) stands while that is equal (at
10,000 stories over seven campaigns and 68 places, making them all again cost such a save 0.1 s).

The plain path (a build, `audit`) passes no `KeptFigures` and computes every figure.
"""
from __future__ import annotations

from operator import attrgetter
from typing import Any, Callable

from ..model import Corpus
from ..remade import SameInputs, same_items

STORY_FIELDS = ("source", "unit", "date", "draft", "campaigns", "criteria", "subject_kind", "tags")
NEWS_FIELDS = ("source", "draft", "units", "campaigns", "date", "kind", "slug", "year", "title")
_STORY, _NEWS = attrgetter(*STORY_FIELDS), attrgetter(*NEWS_FIELDS)


class KeptFigures(SameInputs):
    """The figures made for one plan, for the next (the caller keeps it across plans)."""

    def __init__(self):
        super().__init__()
        self._counted: tuple | None = None
        self._of: tuple[dict, dict] = ({}, {})  # the last plan's and this one's: name → (inputs, figure)

    def start(self, corpus: Corpus, settings: Any) -> None:  # type: ignore[override]
        """A plan begins: the figures made before stand if what they count is the same: the items
        compared one by one (most are the very objects of the last load), not made into 10,000
        tuples each plan."""
        shared = (corpus.campaigns, tuple(corpus.units.units.items()), settings)
        last, self._counted = self._counted, (shared, corpus.stories, corpus.news)
        same_shared = last is not None and last[0] == shared
        self.carry(same_shared and same_items(last[1], corpus.stories, _STORY)
                   and same_items(last[2], corpus.news, _NEWS))
        self._of = (self._of[1] if same_shared else {}, {})

    def get(self, name: tuple, make: Callable[[], Any],  # type: ignore[override]
            counts: Callable[[], tuple[list, list, Any]] | None = None, made_from: Any = None) -> Any:
        """`make()`, or what it gave in the previous plan (`name` says which figure): while every
        item is the same, or else while what it counts is (`counts()`: its stories and news, item
        by item, and what else it reads of the corpus, equal) and what it is made from
        (`made_from`) is equal (either given)."""
        if counts is None and made_from is None:
            return super().get(name, None, make)
        last = self._of[0].get(name)
        if self.carried and last is not None:
            inputs = last[0]  # the items are the same: so is what it counts
        else:
            inputs = (counts() if counts is not None else None, made_from)
            if last is not None and _same_inputs(last[0], inputs):
                make = lambda: last[1]  # noqa: E731
        figure = super().get(name, None, make)
        self._of[1][name] = (inputs, figure)
        return figure


def _same_inputs(before: tuple, now: tuple) -> bool:
    (counts, made_from), (counts_now, made_from_now) = before, now
    if not (made_from is made_from_now or made_from == made_from_now) or (counts is None) != (counts_now is None):
        return False
    if counts is None:
        return True
    (stories, news, also), (stories_now, news_now, also_now) = counts, counts_now
    return same_items(stories, stories_now, _STORY) and same_items(news, news_now, _NEWS) and also == also_now
