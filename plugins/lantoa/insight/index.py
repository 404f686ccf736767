"""The published stories and news grouped once, so figures for each unit and campaign never rescan the corpus."""
from __future__ import annotations

import dataclasses
from collections import defaultdict

from ..model import Corpus, News, Story
from .grid import published, row_key, unit_urls
from .model import Month


@dataclasses.dataclass(frozen=True)
class Index:
    stories: list[Story]  # published, in corpus order; every list below keeps that order
    row_of: dict[str, str]  # story source → the row it counts for
    by_row: dict[str, list[Story]]
    by_unit: dict[str, list[Story]]
    by_campaign: dict[str, list[Story]]
    news_by_campaign: dict[str, list[News]]
    urls: dict[str, str]  # unit key → page url
    first: Month | None  # month of the earliest published story


def index(corpus: Corpus) -> Index:
    registry = corpus.units
    stories = published(corpus)
    row_of, by_row, by_unit, by_campaign = {}, defaultdict(list), defaultdict(list), defaultdict(list)
    for story in stories:
        row = row_of[story.source] = row_key(registry, story.unit, story.date)
        by_row[row].append(story)
        by_unit[story.unit].append(story)
        for slug in dict.fromkeys(story.campaigns):
            by_campaign[slug].append(story)
    news_by_campaign = defaultdict(list)
    for news in corpus.news:
        if not news.draft:
            for slug in dict.fromkeys(news.campaigns):
                news_by_campaign[slug].append(news)
    first = Month.of(min(s.date for s in stories)) if stories else None
    return Index(stories, row_of, dict(by_row), dict(by_unit), dict(by_campaign), dict(news_by_campaign),
                 unit_urls(corpus), first)
