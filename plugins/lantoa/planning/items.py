"""Story and news pages: one page per item, with its links, criteria and related stories."""
from __future__ import annotations

import dataclasses
from collections import defaultdict
from operator import attrgetter

from .. import text
from ..load import item_url
from ..model import Story
from ..plan import Link
from ..plan_delta import changed_places
from .planner import Planner


def _related(p: Planner) -> dict[str, tuple[str, ...]]:
    """Each story's related stories (`_neighbours`: found again only when a story's place,
    campaigns or order by date changed)."""
    return p.remembered("related", p.settings.related, p.stories, attrgetter("source", "unit", "campaigns"),
                        lambda: _neighbours(p.stories, p.settings.related))


@dataclasses.dataclass
class _Planned:
    """What serve keeps of the last plan's story pages, for the next."""
    stories: list[Story]  # the planner's, newest first
    by_source: dict[str, Story]
    neighbours: dict[str, tuple[str, ...]]  # `_related`
    pages: list  # the stories' pages, in the order of `stories`
    index: dict[str, int] | None = None  # source → its place in `stories` (made when asked for)
    near_of: dict[str, list[str]] | None = None  # source → the stories showing it as related (idem)

    def ready(self) -> None:
        """What the next save's `_patched` would make when asked for, made now
        (`partial.after_full_build`)."""
        if self.index is None:
            self.index = {s.source: i for i, s in enumerate(self.stories)}
        if self.near_of is None:
            self.near_of = _near_of(self.neighbours)


def _untouched(last: _Planned | None, by_source: dict[str, Story], neighbours: dict) -> set[str] | None:
    """Under serve, the stories whose page is the last plan's as it was: the very same story, the
    same related stories, each the very same (then so are their cards); None: look at each."""
    if last is None:
        return None
    before, near_before = last.by_source, last.neighbours
    changed = {source for source, story in by_source.items() if before.get(source) is not story}
    changed |= before.keys() - by_source.keys()
    if near_before is not neighbours:
        changed |= {source for source, near in neighbours.items() if near_before.get(source) != near}
    return {source for source, near in neighbours.items() if source not in changed and changed.isdisjoint(near)}


def _patched(p: Planner, last: _Planned | None, neighbours: dict, named: dict) -> _Planned | None:
    """The last plan's story pages with those of the stories made anew, and of the stories showing
    them as related, planned again: when the stories are in the same order, each related to the
    same (found by identity in C: `plan_delta`); None: plan each (`_every_page`)."""
    if last is None or last.neighbours is not neighbours or not p.kept_pages.carried:
        return None
    fresh = changed_places(last.stories, p.stories, attrgetter("source"))
    if fresh is None:
        return None
    index = last.index if last.index is not None else {s.source: i for i, s in enumerate(last.stories)}
    near_of = last.near_of if last.near_of is not None else _near_of(neighbours)
    by_source, pages = dict(last.by_source), list(last.pages)
    for i in fresh:
        by_source[p.stories[i].source] = p.stories[i]
    for i in {*fresh, *(index[s] for i in fresh for s in near_of.get(p.stories[i].source, ()))}:
        pages[i] = _page(p, p.stories[i], by_source, neighbours, named)
    p.kept_pages.keep_all()
    return _Planned(p.stories, by_source, neighbours, pages, index, near_of)


def _near_of(neighbours: dict[str, tuple[str, ...]]) -> dict[str, list[str]]:
    near_of: dict[str, list[str]] = defaultdict(list)
    for source, near in neighbours.items():
        for other in near:
            near_of[other].append(source)
    return near_of


def _neighbours(stories: list[Story], wanted: int) -> dict[str, tuple[str, ...]]:
    """Up to `wanted` neighbours by date in the same place, then the same campaign: O(N), no
    pairwise scan."""
    groups: dict[tuple, list[Story]] = defaultdict(list)
    for story in stories:
        groups[("unit", story.unit)].append(story)
        for slug in story.campaigns:
            groups[("campaign", slug)].append(story)
    position = {key: {s.source: i for i, s in enumerate(members)} for key, members in groups.items()}
    related = {}
    for story in stories:
        chosen: dict[str, None] = {}
        for key in [("unit", story.unit), *(("campaign", c) for c in story.campaigns)]:
            members, here = groups[key], position[key][story.source]
            for offset in (1, -1, 2, -2, 3, -3):
                j = here + offset
                if 0 <= j < len(members) and members[j].source != story.source:
                    chosen.setdefault(members[j].source)
                if len(chosen) >= wanted:
                    break
        related[story.source] = tuple(chosen)[:wanted]
    return related


def story_pages(p: Planner) -> None:
    """Each story's page. Under serve, the last plan's pages of the stories neither made anew nor
    related to one (`_patched`, else `_untouched`): at 10,000 stories, 0.02 s a save planned one by one."""
    neighbours, named = _related(p), _criterion_names(p)
    last = p.kept.swap("story pages", None) if p.kept_pages is not None else None
    planned = _patched(p, last, neighbours, named) or _every_page(p, last, neighbours, named)
    p.pages += planned.pages
    if p.kept_pages is not None:
        p.kept.swap("story pages", planned)


def _every_page(p: Planner, last: _Planned | None, neighbours: dict, named: dict) -> _Planned:
    by_source = {s.source: s for s in p.stories}
    untouched = _untouched(last, by_source, neighbours) or ()
    pages = []
    for story in p.stories:
        kept = p.kept_pages.take(story.source) if story.source in untouched else None
        pages.append(kept if kept is not None else _page(p, story, by_source, neighbours, named))
    return _Planned(p.stories, by_source, neighbours, pages)


def _page(p: Planner, story: Story, by_source: dict, neighbours: dict, named: dict):
    related = [p.card(by_source[n]) for n in neighbours[story.source]]
    return p.item_page(story, tuple(related), lambda: _story_page(p, story, related, named))


def _story_page(p: Planner, story: Story, related: list, named: dict) -> dict:
    unit, place = p.unit_link(story.unit), p.place(story.unit)
    return dict(url=item_url("story", story.slug, story.year), role="story", title=story.title,
                template="lantoa/story.html", markdown=story.body, summary=story.summary, date=story.date,
                cover=story.cover, source=story.source,
                context=dict(item=story, date_text=text.format_date(story.date), unit=unit, place=place,
                             unit_as_written=story.unit_as_written,
                             campaigns=[p.campaign_link(c) for c in story.campaigns],
                             criteria=list(dict.fromkeys(named[c] for c in story.criteria if c in named)),
                             related=related, tags=_tag_links(story.tags)))


def _tag_links(tags) -> list[Link]:
    return [Link(f"the/{text.tag_slug(t)}/", t) for t in tags]


def _criterion_names(p: Planner) -> dict[tuple[str, str], str]:
    """(campaign slug, criterion id) → the criterion's name (the first, where an id repeats)."""
    named: dict[tuple[str, str], str] = {}
    for slug, campaign in p.corpus.campaigns.items():
        for criterion in campaign.criteria:
            named.setdefault((slug, criterion.id), criterion.name)
    return named


def news_pages(p: Planner) -> None:
    for news in p.news:
        p.add_item_page(news, (), lambda news=news: dict(
            url=item_url("news", news.slug, news.year), role="news", title=news.title,
            template="lantoa/news.html", markdown=news.body, summary=news.summary, date=news.date,
            cover=news.cover, source=news.source,
            context=dict(item=news, date_text=text.format_date(news.date),
                         units=[p.unit_link(u) for u in news.units],
                         campaigns=[p.campaign_link(c) for c in news.campaigns], tags=_tag_links(news.tags))))
