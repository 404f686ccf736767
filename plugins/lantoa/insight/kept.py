"""`mkdocs serve`: the figures of the previous plan, reused while what they count is the same.

The figures (the statistics page, each campaign's and place's insight, their CSV and JSON files)
cost about 0.25 s of planning a 10,000-story site, and a save mostly changes what no figure
counts: a title, a summary, a body, a photo.

Relies on: the figures read, of the corpus, only what `KeptFigures.start` compares: the STORY_FIELDS of
stories, the NEWS_FIELDS of news (the campaign timeline names news), the campaigns and units
whole, and the settings (today, the quota). A figure that reads another field must add it there:
tests/insight/test_kept.py changes every other field and checks that no figure changes.

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

    def start(self, corpus: Corpus, settings: Any) -> None:  # type: ignore[override]
        """A plan begins: the figures made before stand if what they count is the same: the items
        compared one by one (most are the very objects of the last load), not made into 10,000
        tuples each plan."""
        shared = (corpus.campaigns, tuple(corpus.units.units.items()), settings)
        last, self._counted = self._counted, (shared, corpus.stories, corpus.news)
        self.carry(last is not None and last[0] == shared and same_items(last[1], corpus.stories, _STORY)
                   and same_items(last[2], corpus.news, _NEWS))

    def get(self, name: tuple, make: Callable[[], Any]) -> Any:  # type: ignore[override]
        """`make()`, or what it gave in the previous plan (`name` says which figure)."""
        return super().get(name, None, make)
