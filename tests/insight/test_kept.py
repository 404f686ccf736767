"""insight.kept: figures reused between plans only while what they count is the same."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from insight_corpus import TODAY
from lantoa import insight
from lantoa.insight.grid import is_row_unit
from lantoa.insight.kept import NEWS_FIELDS, STORY_FIELDS, KeptFigures
from lantoa.model import News, Story
from lantoa.plan import Settings
from lantoa.planning.site import plan_site


def every_figure(corpus) -> tuple:
    found = insight.index(corpus)
    stats = insight.statistics(corpus, TODAY, 2, found)
    campaigns = {slug: insight.campaign_insight(corpus, slug, TODAY, 2, found) for slug in corpus.campaigns}
    units = {key: insight.unit_insight(corpus, key, TODAY, 2, found) for key in found.urls}
    return stats, campaigns, units, insight.data_files(stats, campaigns)


def other(value):
    """A different value of the same shape (or, where there is none, of another)."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str):
        return value + " khác"
    if isinstance(value, Path):
        return value / "khac"
    if isinstance(value, dt.date):
        return value + dt.timedelta(days=40)
    if isinstance(value, tuple):
        return (*value, *value) if value else ("khác",)
    return "khác"


def changed(corpus, kind, name, values):
    """`corpus` with field `name` of its items of `kind` set to `values(items)`, in order."""
    items = [i for i in [*corpus.stories, *corpus.news] if isinstance(i, kind)]
    new = {id(i): dataclasses.replace(i, **{name: v}) for i, v in zip(items, values(items), strict=True)}
    return dataclasses.replace(corpus, stories=[new.get(id(s), s) for s in corpus.stories],
                               news=[new.get(id(n), n) for n in corpus.news])


def rotated(name):
    """Each item takes the value of the next one: a real other value (a story's tags are another's)."""
    return lambda items: [getattr(i, name) for i in items[1:] + items[:1]]


@pytest.mark.parametrize("kind, counted", [(Story, STORY_FIELDS), (News, NEWS_FIELDS)])
def test_no_figure_reads_a_field_it_does_not_count(corpus, kind, counted):
    before = every_figure(corpus)
    free = [f.name for f in dataclasses.fields(kind) if f.name not in counted]
    assert free  # title, body, photos…: what a save mostly changes
    for name in free:
        for values in (rotated(name), emptied(name)):
            assert every_figure(changed(corpus, kind, name, values)) == before, \
                f"{kind.__name__}.{name} changes a figure: add it to the counted fields"


def emptied(name):
    return lambda items: [type(getattr(i, name))() if isinstance(getattr(i, name), tuple) else other(getattr(i, name))
                          for i in items]


UNSEEN_HERE = {"units"}  # read (a place a news item names gets a page), but this corpus's news name districts, which have one anyway


@pytest.mark.parametrize("kind, counted", [(Story, STORY_FIELDS), (News, NEWS_FIELDS)])
def test_the_check_finds_the_fields_counted(corpus, kind, counted):
    """The check above can fail: each field counted (but the source) changes some figure there."""
    before = every_figure(corpus)
    found = {name for name in counted if any(every_figure(changed(corpus, kind, name, values)) != before
                                             for values in (rotated(name), emptied(name)))}
    assert found == set(counted) - {"source"} - UNSEEN_HERE


def plan_figures(plan) -> tuple:
    stats = next(p for p in plan.pages if p.role == "stats").context["stats"]
    units = [p.context["insight"] for p in plan.pages if p.role == "unit" and "insight" in p.context]
    campaigns = [p.context["insight"] for p in plan.pages if p.role == "campaign" and "insight" in p.context]
    return stats, units, campaigns


def test_a_plan_reuses_the_figures_while_what_they_count_is_the_same(corpus):
    settings, kept = Settings(today=TODAY), KeptFigures()
    first = plan_figures(plan_site(corpus, settings, figures=kept))
    retitled = dataclasses.replace(corpus, stories=[dataclasses.replace(s, title=s.title + " mới")
                                                    for s in corpus.stories])
    again = plan_figures(plan_site(retitled, settings, figures=kept))
    assert first[1] and all(a is b for a, b in zip(first[0:1] + tuple(first[1]), again[0:1] + tuple(again[1])))

    moved = dataclasses.replace(corpus, stories=[dataclasses.replace(s, unit="xa-my-tu") for s in corpus.stories])
    fresh = plan_figures(plan_site(moved, settings))
    kept_now = plan_figures(plan_site(moved, settings, figures=kept))
    assert kept_now == fresh and kept_now[0] is not first[0] and kept_now != first


def test_one_item_changed_among_the_very_same_objects_is_counted_again(corpus):
    """The items are compared one by one, by identity first: one moved story, or one story fewer,
    among the very objects of the last plan makes every figure again; a retitled one does not."""
    settings, kept = Settings(today=TODAY), KeptFigures()
    first = plan_figures(plan_site(corpus, settings, figures=kept))
    one = [*corpus.stories]
    one[-1] = dataclasses.replace(one[-1], unit="xa-my-tu" if one[-1].unit != "xa-my-tu" else "xa-moi")
    moved = dataclasses.replace(corpus, stories=one)
    now = plan_figures(plan_site(moved, settings, figures=kept))
    assert now == plan_figures(plan_site(moved, settings)) and now[0] is not first[0]
    retitled = dataclasses.replace(moved, stories=[*one[:-1], dataclasses.replace(one[-1], title="Chị khác")])
    assert plan_figures(plan_site(retitled, settings, figures=kept))[0] is now[0]
    fewer = dataclasses.replace(corpus, stories=one[:-1])
    after = plan_figures(plan_site(fewer, settings, figures=kept))
    assert after == plan_figures(plan_site(fewer, settings)) and after[0] is not now[0]


def campaign_figures(plan) -> dict:
    return {p.url: p.context["insight"] for p in plan.pages if p.role == "campaign" and "insight" in p.context}


def test_a_story_in_or_out_makes_again_only_its_campaigns_figures(corpus):
    """One story fewer: the statistics and the figures of the story's campaigns are made again
    (equal to a fresh plan's), every other campaign's are the very objects of the last plan, and
    so are their data files."""
    settings, kept = Settings(today=TODAY), KeptFigures()
    first_plan = plan_site(corpus, settings, figures=kept)
    first = campaign_figures(first_plan)
    gone = next(s for s in reversed(corpus.stories) if s.campaigns and not s.draft)
    fewer = dataclasses.replace(corpus, stories=[s for s in corpus.stories if s is not gone])
    plan, fresh = plan_site(fewer, settings, figures=kept), plan_site(fewer, settings)
    now = campaign_figures(plan)
    assert now == campaign_figures(fresh) and plan.data_files == fresh.data_files
    assert plan_figures(plan)[0] is not plan_figures(first_plan)[0]
    own = {f"phong-trao/{slug}/" for slug in gone.campaigns}
    assert own & now.keys() and now.keys() - own
    assert all((now[url] is first[url]) == (url not in own) for url in now)
    for url in now.keys() - own:
        figures = now[url]
        assert all(plan.data_files[u] is first_plan.data_files[u] for u in (figures.csv_url, figures.json_url))
    back = plan_site(corpus, settings, figures=kept)
    assert campaign_figures(back) == first and back.data_files == first_plan.data_files


def test_a_campaigns_figures_follow_a_story_of_it_changed_in_what_they_count(corpus):
    """A story of a campaign moved to another place: that campaign's figures are made again,
    though the campaign's stories are the very same list but for that one."""
    settings, kept = Settings(today=TODAY), KeptFigures()
    first = campaign_figures(plan_site(corpus, settings, figures=kept))
    story = next(s for s in corpus.stories if s.campaigns and not s.draft)
    moved = dataclasses.replace(story, unit="xa-my-tu" if story.unit != "xa-my-tu" else "xa-moi")
    changed_corpus = dataclasses.replace(corpus, stories=[moved if s is story else s for s in corpus.stories])
    now = campaign_figures(plan_site(changed_corpus, settings, figures=kept))
    assert now == campaign_figures(plan_site(changed_corpus, settings))
    assert any(now[f"phong-trao/{slug}/"] is not first[f"phong-trao/{slug}/"] for slug in story.campaigns)


def test_a_place_losing_its_page_makes_again_the_figures_that_link_it(corpus):
    """The last story naming a commune that is a row of the tables (under the province since 2025)
    taken out: the commune has no page any more, so every figure whose table linked it
    (campaigns', places', the statistics') is made again, equal to a fresh plan's, though a
    campaign's own stories may be the same."""
    settings, kept = Settings(today=TODAY), KeptFigures()
    plan_site(corpus, settings, figures=kept)
    found = insight.index(corpus)
    districts = {u.key for u in corpus.units.units.values() if u.is_district}
    named_by_news = {k for n in corpus.news if not n.draft for k in n.units}
    lonely = sorted(k for k in found.urls if k not in districts | named_by_news and is_row_unit(corpus.units, k))
    assert lonely, "the corpus needs a place with a page only for its stories"
    fewer = dataclasses.replace(corpus, stories=[s for s in corpus.stories if s.unit != lonely[0]])
    plan, fresh = plan_site(fewer, settings, figures=kept), plan_site(fewer, settings)
    assert plan_figures(plan) == plan_figures(fresh) and plan.data_files == fresh.data_files
    assert campaign_figures(plan) == campaign_figures(fresh)


def test_the_oldest_story_out_makes_again_the_places_figures_it_began(corpus):
    """The places' tables begin at the month of the oldest story (within two years): the stories
    of that month taken out, every place's figures are made again, equal to a fresh plan's."""
    settings, kept = Settings(today=TODAY), KeptFigures()
    first = plan_figures(plan_site(corpus, settings, figures=kept))
    oldest = insight.index(corpus).first
    assert oldest is not None and oldest.plus(insight.figures.WINDOW) > insight.Month.of(TODAY)
    later = dataclasses.replace(corpus, stories=[s for s in corpus.stories if insight.Month.of(s.date) != oldest])
    now = plan_figures(plan_site(later, settings, figures=kept))
    assert now == plan_figures(plan_site(later, settings)) and now[1] != first[1]
