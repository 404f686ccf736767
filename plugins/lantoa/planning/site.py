"""The whole site plan: every kind of page planned in turn, then the photos and attachments they show."""
from __future__ import annotations

from operator import attrgetter

from ..insight.kept import KeptFigures
from ..load import item_url
from ..model import Corpus
from ..plan import SitePlan, Settings
from ..remade import Remade
from . import addresses, campaigns, held, items, links, listings, names, places, sections, sitewide
from .planner import Planner

_PHOTOS = attrgetter("photos", "source")


def plan_site(corpus: Corpus, settings: Settings, kept: Remade | None = None,
              figures: KeptFigures | None = None) -> SitePlan:
    """Serve passes what the previous plan made: `kept` (the load's `Remade`), its cards and item
    pages, reused where they are made of the very same objects; `figures`, reused while what they
    count is the same."""
    p = Planner(corpus, settings, kept, figures)
    items.story_pages(p)
    items.news_pages(p)
    campaigns.campaign_pages(p)
    places.place_pages(p)
    listings.archive_pages(p)
    sections.section_pages(p)  # after the archive's, which they lead to
    listings.tag_pages(p)
    names.names_page(p)
    sitewide.home_page(p)
    sitewide.search_page(p)
    sitewide.stats_page(p)
    links.check_links(p)  # every page is planned but the problems page and held ones
    addresses.one_page_per_address(p)  # before the problems page (Build.prepare_media), listing what it finds
    held.held_pages(p)  # after every other page: an address taken by one stays with it
    every = [*p.stories, *p.news, *p.campaigns.values()]
    photos = p.remembered("photos", None, every, _PHOTOS, lambda: [(photo, i.source) for i in every for photo in i.photos])
    attachments = [(item_url("campaign", c.slug) + a.file, a) for c in p.campaigns.values()
                   for a in c.attachments]
    return SitePlan(p.pages, photos, attachments, p.feeds, p.corpus, p.data_files, frozenset(p.reported_links))
