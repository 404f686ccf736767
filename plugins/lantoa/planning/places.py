"""Place pages: one per unit with stories (a district gathers its communes), and the index of places."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from .. import insight, text
from ..previews import newest_change, place_summary, place_title
from ..model import News, Story
from ..units import Unit
from .planner import Planner


def place_pages(p: Planner) -> None:
    stories_at: dict[str, list[Story]] = defaultdict(list)
    news_at: dict[str, list[News]] = defaultdict(list)
    for story in p.stories:
        stories_at[story.unit].append(story)
    for news in p.news:
        for key in news.units:
            news_at[key].append(news)
    totals = {}
    for key in sorted(p.unit_pages):
        unit = p.units[key]
        keys = _descendants(p, key) if unit.is_district else [key]
        stories = sorted((s for k in keys for s in stories_at[k]), key=lambda s: (s.date, s.source),
                         reverse=True)
        news = sorted({n.source: n for k in keys for n in news_at[k]}.values(),
                      key=lambda n: (n.date, n.source), reverse=True)
        totals[key] = len(stories)
        title = unit.label[:1].upper() + unit.label[1:]
        p.listing(f"dia-ban/{key}/", "unit", title, "lantoa/unit.html", stories,
                  _unit_context(p, unit, stories, news),
                  summary=place_summary(unit, p.units, len(stories), len(news), p.settings.union_name),
                  feeds=p.feed(f"dia-ban/{key}/", p.named(f"Địa bàn: {place_title(unit)}"), [*stories, *news]))
    _units_index(p, totals)


def _unit_context(p: Planner, unit: Unit, stories: list[Story], news: list[News]) -> dict:
    communes = [p.unit_link(k) for k in sorted(p.units.children.get(unit.key, ()), key=lambda k: _unit_order(p, k))
                if k in p.unit_pages]
    return dict(
        unit=unit, parent=p.unit_link(unit.parent) if unit.parent and unit.parent in p.unit_pages else None,
        valid_from=text.format_date(unit.valid_from), valid_to=text.format_date(unit.valid_to),
        successors=[p.unit_link(k) for k in unit.successors],
        successor_since=text.format_date(unit.valid_to + dt.timedelta(days=1)) if unit.valid_to else "",
        predecessors=[p.unit_link(k) for k in sorted(p.units.predecessors.get(unit.key, ()))],
        communes=communes, aliases=list(unit.aliases),
        news=[p.card(n) for n in news[:10]], news_total=len(news), modified=newest_change([*stories, *news]),
        insight=p.figure(("unit", unit.key), lambda: insight.unit_insight(
            p.corpus, unit.key, p.settings.today, p.settings.quota, p.found)),
    )


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


def _descendants(p: Planner, key: str) -> list[str]:
    out, stack = [], [key]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(p.units.children.get(current, ()))
    return out


def _unit_order(p: Planner, key: str) -> tuple:
    unit = p.units.units.get(key)
    return (text.sort_key(unit.name), text.sort_key(unit.label), key) if unit else ((), (), key)
