"""Whole-site, campaign and unit figures, computed from the corpus (drafts left out)."""
from __future__ import annotations

import datetime as dt
from collections import Counter

from .. import text
from ..load import item_url
from ..model import Campaign, Corpus, Story
from ..schema import SPECIAL_GROUPS, SUBJECT_KINDS
from ..units import day_before
from .grid import build_grid, handover_note, is_row_unit, row_key, row_units
from .index import Index, index
from .model import (CampaignInsight, CampaignSummary, Count, CriterionCount, Grid, Month, Statistics, Totals,
                    UnitCampaign, UnitInsight, month_range)
from .svg import heatmap_svg
from .timeline import timeline

WINDOW = 24  # months on the statistics page and unit pages


def campaigns_of(corpus: Corpus) -> list[Campaign]:
    """Published campaigns, oldest first."""
    return sorted((c for c in corpus.campaigns.values() if not c.draft),
                  key=lambda c: (c.start or dt.date.min, c.slug))


def totals(stories: list[Story], campaigns: list[Campaign]) -> Totals:
    per_kind = Counter(s.subject_kind for s in stories)
    per_criterion = Counter(pair for s in stories for pair in set(s.criteria))
    per_group = Counter(tag for s in stories for tag in {text.fold(t) for t in s.tags})
    kinds = tuple(Count(k, per_kind[k]) for k in SUBJECT_KINDS)
    criteria = tuple(CriterionCount(c.title, c.slug, criterion.id, criterion.name,
                                    per_criterion[(c.slug, criterion.id)])
                     for c in campaigns for criterion in c.criteria)
    groups = []
    for group in SPECIAL_GROUPS:
        count = per_group[text.fold(group)]
        groups.append(Count(group, count, f"the/{text.tag_slug(group)}/" if count else None))
    return Totals(len(stories), kinds, criteria, tuple(groups))


def recent_window(found: Index, today: dt.date, last: Month | None = None,
                  not_before: Month | None = None) -> tuple[Month, ...]:
    """The last WINDOW months up to `last` (today's month), never before the first published story."""
    last = last or Month.of(today)
    first = last.plus(1 - WINDOW)
    if found.first:
        first = max(first, min(found.first, last))
    if not_before:
        first = max(first, not_before)
    return month_range(first, last)


def statistics(corpus: Corpus, today: dt.date, quota: int = 2, found: Index | None = None) -> Statistics:
    found = found or index(corpus)
    stories = found.stories
    months = recent_window(found, today)
    grid = build_grid(corpus.units, stories, months, quota, row_units(corpus.units, months), found.urls,
                      assign=lambda s: found.row_of[s.source])
    campaigns = campaigns_of(corpus)
    summaries = tuple(CampaignSummary(c.slug, c.title, item_url("campaign", c.slug), c.status(today),
                                      len(found.by_campaign.get(c.slug, ())))
                      for c in reversed(campaigns))
    return Statistics(today, quota, grid, totals(stories, campaigns), summaries,
                      heatmap_svg(grid, grid_title("Gương điển hình theo địa bàn và tháng", grid)))


def grid_title(head: str, grid: Grid) -> str:
    if not grid.months:
        return head
    return f"{head}, {grid.months[0].label}–{grid.months[-1].label}"


# ---- campaigns -------------------------------------------------------------------
def campaign_months(campaign: Campaign, today: dt.date) -> tuple[Month, ...]:
    """The campaign's period up to today's month (nothing before it starts)."""
    if campaign.start is None or today < campaign.start:
        return ()
    end = min(campaign.end or today, today)
    return month_range(Month.of(campaign.start), Month.of(max(end, campaign.start)))


def campaign_scope(corpus: Corpus, campaign: Campaign, months: tuple[Month, ...]) -> set[str]:
    """Rows a campaign expects stories from: all, or the rows of its launching unit and its successors."""
    registry = corpus.units
    rows = row_units(registry, months)
    if not campaign.unit or campaign.unit not in registry or not registry[campaign.unit].parent:
        return rows
    start = campaign.start or dt.date.min
    own = {row_key(registry, campaign.unit, start)}
    pending = list(own)
    while pending:
        key = pending.pop()
        for successor in registry[key].successors if key in registry else ():
            if successor not in own:
                own.add(successor)
                pending.append(successor)
    return {k for k in rows if k in own}


def campaign_insight(corpus: Corpus, campaign_slug: str, today: dt.date, quota: int = 2,
                     found: Index | None = None) -> CampaignInsight:
    found = found or index(corpus)
    campaign = corpus.campaigns[campaign_slug]
    stories = found.by_campaign.get(campaign_slug, [])
    months = campaign_months(campaign, today)
    grid = build_grid(corpus.units, stories, months, quota, campaign_scope(corpus, campaign, months),
                      found.urls, assign=lambda s: found.row_of[s.source])
    charted = set(months)
    outside = sum(1 for s in stories if Month.of(s.date) not in charted)
    svg = heatmap_svg(grid, grid_title(f"Gương điển hình theo địa bàn và tháng: {campaign.title}", grid)) \
        if grid.rows and months else ""
    steps = timeline(campaign, found.news_by_campaign.get(campaign_slug, []), today)
    return CampaignInsight(campaign_slug, campaign.title, today, quota, grid, totals(stories, [campaign]), steps,
                           svg, outside, bool(months))


# ---- units -------------------------------------------------------------------------
def unit_stories(corpus: Corpus, key: str, found: Index) -> list[Story]:
    """A row unit's stories by the hand-over rule; any other unit's own stories."""
    groups = found.by_row if is_row_unit(corpus.units, key) else found.by_unit
    return groups.get(key, [])


def unit_months(corpus: Corpus, key: str, stories: list[Story], today: dt.date, found: Index
                ) -> tuple[Month, ...]:
    unit = corpus.units[key]
    last = Month.of(today)
    if unit.valid_to:
        latest = max([unit.valid_to, *(s.date for s in stories)])
        last = min(last, Month.of(latest))
    since = Month.of(unit.valid_from) if unit.valid_from else None
    return recent_window(found, today, last, since)


def unit_insight(corpus: Corpus, unit_key: str, today: dt.date, quota: int = 2,
                 found: Index | None = None) -> UnitInsight:
    found = found or index(corpus)
    registry = corpus.units
    unit = registry[unit_key]
    stories = unit_stories(corpus, unit_key, found)
    months = unit_months(corpus, unit_key, stories, today, found)
    grid = build_grid(registry, stories, months, quota, {unit_key}, found.urls, assign=lambda s: unit_key)
    label = unit.label[:1].upper() + unit.label[1:]
    svg = heatmap_svg(grid, grid_title(f"Gương điển hình theo tháng: {label}", grid)) if months else ""
    return UnitInsight(unit_key, unit.label, today, quota, grid, svg, is_row_unit(registry, unit_key),
                       unit_campaigns(corpus, unit_key, stories, today), unit_notes(corpus, unit_key))


def unit_campaigns(corpus: Corpus, key: str, stories: list[Story], today: dt.date) -> tuple[UnitCampaign, ...]:
    out = []
    per_campaign = Counter(slug for s in stories for slug in set(s.campaigns))
    for campaign in reversed(campaigns_of(corpus)):
        count = per_campaign[campaign.slug]
        runs = campaign.unit == key
        if count or runs:
            out.append(UnitCampaign(campaign.slug, campaign.title, item_url("campaign", campaign.slug),
                                    campaign.status(today), count, runs))
    return tuple(out)


def unit_notes(corpus: Corpus, key: str) -> tuple[str, ...]:
    """How this unit's line relates to the units before and after it."""
    registry = corpus.units
    unit = registry[key]
    notes = []
    if unit.valid_to and is_row_unit(registry, key):
        notes.append(handover_note(registry, key))
    if unit.valid_from and registry.predecessors.get(key):
        before = day_before(unit.valid_from)
        rows = sorted({row_key(registry, p, before) for p in registry.predecessors[key]},
                      key=lambda k: text.sort_key(registry[k].name) if k in registry else ((), (), k))
        labels = ", ".join(registry[k].label if k in registry else k for k in rows)
        notes.append(f"Địa bàn thành lập ngày {text.format_date(unit.valid_from)}; bài viết trước ngày đó "
                     f"được tính cho {labels}.")
    if not is_row_unit(registry, key):
        district = registry.district_of(key)
        notes.append(f"Bài viết của địa bàn này được tính vào chỉ tiêu của {district.label}." if district else
                     "Chỉ tiêu hằng tháng tính cho cấp huyện và cấp xã trực thuộc tỉnh; dòng này chỉ ghi số bài.")
    return tuple(notes)
