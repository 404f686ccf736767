"""The planner keeps its lists newest first and merges them instead of sorting each listing and
feed again: what a place, campaign, tag or the archive lists, and each feed's 50 newest, are in the
order a sort by date gives, in a generated project with news across districts and campaigns."""
from __future__ import annotations

import datetime as dt
import sys

import pytest

from lantoa.load import load_corpus
from lantoa.plan import Settings
from lantoa.planning.site import plan_site
from lantoa.text import slugify
from support import ROOT

NEWS = """---
title: Tin {number} của xã
kind: hoạt động
date: {date}
units: [{units}]
campaigns: [{campaign}]
tags: [{tag}]
summary: Tin thử số {number}.
---
Chị em trong xã {number} hưởng ứng.
"""


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "scripts"))
    from benchkit import corpus as kit

    project = kit.write(kit.generate(300, seed=11), tmp_path_factory.mktemp("order") / "corpus")["lantoa"]
    corpus = load_corpus(project)
    communes = [u.key for u in corpus.units.units.values() if u.parent and not u.is_district]
    campaigns, tags = sorted(corpus.campaigns), sorted({t for s in corpus.stories for t in s.tags}) or ["thu"]
    for number in range(40):  # dated among the stories, some in two communes of a district
        units = ", ".join(communes[(number * 7 + k) % len(communes)] for k in range(1 + number % 2))
        date = dt.date(2020, 1, 1) + dt.timedelta(days=number * 53 % 2000)
        news = project / f"stories/news/{date.year}/tin-{number}/index.md"
        news.parent.mkdir(parents=True)
        news.write_text(NEWS.format(number=number, date=date, units=units, campaign=campaigns[number % len(campaigns)],
                                    tag=tags[number % len(tags)]), encoding="utf-8")
    corpus = load_corpus(project)
    assert len(corpus.news) == 40 and not [d for d in corpus.diagnostics if d.is_error]
    return plan_site(corpus, Settings(today=dt.date(2026, 1, 1), page_size=1000))


def newest_first(items) -> list:
    return sorted(items, key=lambda i: (i.date, i.source), reverse=True)


def listed(plan, url: str) -> list[str]:
    return [card.url for card in next(p for p in plan.pages if p.url == url).context["cards"]]


def urls(plan, items) -> list[str]:
    by_source = {p.source: p.url for p in plan.pages if p.source}
    return [by_source[i.source] for i in items]


def test_place_pages_list_what_is_under_them_newest_first(plan):
    corpus, units = plan.corpus, plan.corpus.units
    pages = [p for p in plan.pages if p.role == "unit" and p.context["pager"].number == 1]
    assert any(units[p.url.split("/")[1]].is_district for p in pages)
    for page in pages:
        key = page.url.split("/")[1]
        under = {key} | ({k for k in units.units if any(a.key == key for a in units.ancestors(k))}
                         if units[key].is_district else set())
        assert listed(plan, page.url) == urls(plan, newest_first(s for s in corpus.stories if s.unit in under))
        news = newest_first(n for n in corpus.news if under & set(n.units))
        assert [c.url for c in page.context["news"]] == urls(plan, news[:10])
        feed = next(f for f in plan.feeds if f.url == page.feeds[0].url)
        everything = newest_first([*(s for s in corpus.stories if s.unit in under), *news])
        assert list(feed.items) == everything[:50]


def test_campaign_tag_and_archive_listings_and_their_feeds_are_newest_first(plan):
    corpus = plan.corpus
    items = [*corpus.stories, *corpus.news]
    for slug in corpus.campaigns:
        page = next(p for p in plan.pages if p.url == f"phong-trao/{slug}/")
        assert listed(plan, page.url) == urls(plan, newest_first(s for s in corpus.stories if slug in s.campaigns))
        assert list(next(f for f in plan.feeds if f.url == page.feeds[0].url).items) == newest_first(i for i in items if slug in i.campaigns)[:50]
    tag_pages = [p for p in plan.pages if p.role == "tag"]
    assert tag_pages
    for page in tag_pages:
        slug = page.url.split("/")[1]
        assert listed(plan, page.url) == urls(plan, newest_first(i for i in items if slug in map(slugify, i.tags)))
    for page in (p for p in plan.pages if p.role == "year"):
        year = int(page.url.split("/")[1])
        assert listed(plan, page.url) == urls(plan, newest_first(i for i in items if i.date.year == year))
    assert list(next(f for f in plan.feeds if f.url == "rss.xml").items) == newest_first(items)[:50]


def test_the_archive_by_year_and_month(plan):
    """Years newest first, each followed by its months in the calendar's order, with their counts
    (the archive finds each year's and month's run of the newest-first list by bisection)."""
    items = [*plan.corpus.stories, *plan.corpus.news]
    counted: dict[int, dict[int, int]] = {}
    for item in items:
        months = counted.setdefault(item.date.year, {})
        months[item.date.month] = months.get(item.date.month, 0) + 1
    expected = [(year, f"luu-tru/{year}/", sum(counted[year].values()),
                 [(m, f"luu-tru/{year}/{m:02d}/", n) for m, n in sorted(counted[year].items())])
                for year in sorted(counted, reverse=True)]
    archive = next(p for p in plan.pages if p.url == "luu-tru/")
    assert archive.context["years"] == expected and len(expected) > 2
    order = [p.url for p in plan.pages if p.role in ("year", "month")]
    assert order == [url for year in expected for url in [year[1], *(m[1] for m in year[3])]]
    for page in (p for p in plan.pages if p.role == "month"):
        year, month = map(int, page.url.split("/")[1:3])
        assert listed(plan, page.url) == urls(plan, newest_first(
            i for i in items if (i.date.year, i.date.month) == (year, month)))
    assert f"từ năm {expected[-1][0]} đến năm {expected[0][0]}" in archive.summary
