"""Story and news pages: one page per item, with its links, criteria and related stories."""
from __future__ import annotations

from collections import defaultdict

from .. import text
from ..load import item_url
from ..model import Story
from ..plan import Link
from .planner import Planner


def _related(p: Planner) -> dict[str, list]:
    """Up to N neighbours by date in the same place, then the same campaign: O(N), no pairwise scan."""
    groups: dict[tuple, list[Story]] = defaultdict(list)
    for story in p.stories:
        groups[("unit", story.unit)].append(story)
        for slug in story.campaigns:
            groups[("campaign", slug)].append(story)
    position = {key: {s.source: i for i, s in enumerate(members)} for key, members in groups.items()}
    related = {}
    for story in p.stories:
        chosen: dict[str, Story] = {}
        for key in [("unit", story.unit), *(("campaign", c) for c in story.campaigns)]:
            members, here = groups[key], position[key][story.source]
            for offset in (1, -1, 2, -2, 3, -3):
                j = here + offset
                if 0 <= j < len(members) and members[j].source != story.source:
                    chosen.setdefault(members[j].source, members[j])
                if len(chosen) >= p.settings.related:
                    break
        related[story.source] = [p.card(s) for s in list(chosen.values())[:p.settings.related]]
    return related


def story_pages(p: Planner) -> None:
    related, named = _related(p), _criterion_names(p)
    for story in p.stories:
        unit, place = p.unit_link(story.unit), p.place(story.unit)
        campaigns = [p.campaign_link(c) for c in story.campaigns]
        criteria = list(dict.fromkeys(named[c] for c in story.criteria if c in named))
        shows = (unit, place, tuple(campaigns), tuple(criteria), tuple(related[story.source]))
        p.add_item_page(story, shows, lambda story=story, unit=unit, place=place, campaigns=campaigns, criteria=criteria: dict(
            url=item_url("story", story.slug, story.year), role="story", title=story.title,
            template="lantoa/story.html", markdown=story.body, summary=story.summary, date=story.date,
            cover=story.cover, source=story.source,
            context=dict(item=story, date_text=text.format_date(story.date), unit=unit, place=place,
                         unit_as_written=story.unit_as_written, campaigns=campaigns, criteria=criteria,
                         related=related[story.source], tags=_tag_links(story.tags))))


def _tag_links(tags) -> list[Link]:
    return [Link(f"the/{text.slugify(t)}/", t) for t in tags]


def _criterion_names(p: Planner) -> dict[tuple[str, str], str]:
    """(campaign slug, criterion id) → the criterion's name (the first, where an id repeats)."""
    named: dict[tuple[str, str], str] = {}
    for slug, campaign in p.corpus.campaigns.items():
        for criterion in campaign.criteria:
            named.setdefault((slug, criterion.id), criterion.name)
    return named


def news_pages(p: Planner) -> None:
    for news in p.news:
        units, campaigns = [p.unit_link(u) for u in news.units], [p.campaign_link(c) for c in news.campaigns]
        p.add_item_page(news, (tuple(units), tuple(campaigns)), lambda news=news, units=units, campaigns=campaigns: dict(
            url=item_url("news", news.slug, news.year), role="news", title=news.title,
            template="lantoa/news.html", markdown=news.body, summary=news.summary, date=news.date,
            cover=news.cover, source=news.source,
            context=dict(item=news, date_text=text.format_date(news.date), units=units, campaigns=campaigns,
                         tags=_tag_links(news.tags))))
