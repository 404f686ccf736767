"""Place pages: one per unit with stories (a district gathers its communes), and the index of places."""
from __future__ import annotations

from collections import defaultdict
from operator import attrgetter

from .. import insight, text
from ..previews import newest_change, place_summary, place_title
from ..model import News, Story
from ..units import Unit, day_after
from .planner import Planner


def place_pages(p: Planner) -> None:
    stories_in, news_in = _gathered(p)
    totals = {}
    for key in sorted(p.unit_pages):
        unit, stories, news = p.units[key], stories_in[key], news_in[key]
        totals[key] = len(stories)
        title = unit.label[:1].upper() + unit.label[1:]
        p.listing(f"dia-ban/{key}/", "unit", title, "lantoa/unit.html", stories,
                  _unit_context(p, unit, stories, news),
                  summary=place_summary(unit, p.units, len(stories), len(news), p.settings.union_name),
                  feeds=p.feed(f"dia-ban/{key}/", p.named(f"Địa bàn: {place_title(unit)}"), stories, news))
    _units_index(p, totals)


def _gathered(p: Planner) -> tuple[dict[str, list[Story]], dict[str, list[News]]]:
    """Each place page's stories and news, newest first: a unit's own, and a district's those of
    every unit under it. Filled in the planner's order, newest first, so that no list is sorted."""
    pages_of: dict[str, list[str]] = {}

    def gathering(key: str) -> list[str]:  # the place pages listing what is at `key`
        if key not in pages_of:
            districts = [a.key for a in p.units.ancestors(key) if a.is_district] if key in p.units else []
            pages_of[key] = [k for k in [key, *districts] if k in p.unit_pages]
        return pages_of[key]
    shared = (p.units.units, p.unit_pages)
    stories_in = p.grouped("place stories", p.stories, lambda story: gathering(story.unit), shared)
    news_in = p.grouped("place news", p.news,
                        lambda news: dict.fromkeys(k for unit in news.units for k in gathering(unit)), shared)
    return defaultdict(list, stories_in), defaultdict(list, news_in)


def _unit_context(p: Planner, unit: Unit, stories: list[Story], news: list[News]) -> dict:
    communes = [p.unit_link(k) for k in sorted(p.units.children.get(unit.key, ()), key=lambda k: _unit_order(p, k))
                if k in p.unit_pages]
    return dict(
        unit=unit, parent=p.unit_link(unit.parent) if unit.parent and unit.parent in p.unit_pages else None,
        valid_from=text.format_date(unit.valid_from), valid_to=text.format_date(unit.valid_to),
        successors=[p.unit_link(k) for k in unit.successors],
        successor_since=text.format_date(day_after(unit.valid_to)) if unit.valid_to else "",
        predecessors=[p.unit_link(k) for k in sorted(p.units.predecessors.get(unit.key, ()))],
        communes=communes, aliases=list(unit.aliases),
        news=[p.card(n) for n in news[:10]], news_total=len(news),
        modified=max(filter(None, (p.remembered(f"unit {unit.key}", None, stories, _CHANGED, lambda: newest_change(stories)),
                                   newest_change(news))), default=None),
        insight=p.figure(("unit", unit.key), lambda: insight.unit_insight(
            p.corpus, unit.key, p.settings.today, p.settings.quota, p.found), counts=lambda: (
            insight.unit_stories(p.corpus, unit.key, p.found), [], (p.found.urls, p.found.first))),
    )


_CHANGED = attrgetter("updated", "date")  # what `newest_change` reads of a story


def _units_index(p: Planner, totals: dict[str, int]) -> None:
    districts = sorted((p.units[k] for k in p.unit_pages if p.units[k].is_district),
                       key=lambda u: _unit_order(p, u.key))
    newer = sorted((p.units[k] for k in p.unit_pages  # the province (no parent) has its own line
                    if not p.units[k].is_district and p.units.district_of(k) is None and p.units[k].parent),
                   key=lambda u: _unit_order(p, u.key))
    top = [(p.unit_link(k), totals.get(k, 0)) for k in sorted(p.unit_pages) if not p.units[k].parent]
    rows = [dict(link=p.unit_link(u.key), total=totals.get(u.key, 0), abolished=u.abolished,
                 communes=[(p.unit_link(c), totals.get(c, 0))
                           for c in sorted(p.units.children.get(u.key, ()), key=lambda k: _unit_order(p, k))
                           if c in p.unit_pages]) for u in districts]
    p.add(url="dia-ban/", role="units", title="Địa bàn", template="lantoa/units.html",
          summary=f"Gương điển hình và tin hoạt động của {p.settings.union_name} theo địa bàn: {len(rows)} huyện, "
                  f"thành phố (cả các huyện đã giải thể) và các xã, phường.",
          context=dict(districts=rows, communes=[(p.unit_link(u.key), totals.get(u.key, 0)) for u in newer],
                       province=top))


def _unit_order(p: Planner, key: str) -> tuple:
    unit = p.units.units.get(key)
    return (text.sort_key(unit.name), text.sort_key(unit.label), key) if unit else ((), (), key)
