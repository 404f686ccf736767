"""The site's feeds from its plan (`feeds.py` writes the RSS): a channel for every planned feed
and an entry per item, with its card and the names of its campaigns.

Under serve (`KeptFeeds`), a feed of the very same items and cards under the same head is the
one made last (`_Made.stands`, found in C); otherwise it is made again only when its channel or
one of its entries changed, and an entry only for another item or card, or when the campaigns'
names or the site's address changed: 76 feeds of 3,700 entries at 10,000 stories, 0.05 s a save
before, 0.005 s entry by entry. A build passes no `KeptFeeds` and makes every entry; a warm one
(`engine.previous_site`) takes a feed's file from the previous site when its entries are the same.
"""
from __future__ import annotations

import dataclasses
import hashlib
from operator import is_
from typing import Callable, Iterator

from .cards import logo as feed_logo
from .feed_items import feed_bytes
from .feeds import Enclosure, FeedEntry, FeedSpec, last_change
from .load import item_url
from .model import Story
from .plan import SitePlan
from .remade import SameInputs
from .social import absolute, describe


@dataclasses.dataclass
class KeptFeeds:
    """What `mkdocs serve` keeps of the feeds from one rebuild to the next."""
    xml: dict[str, "_Made"] = dataclasses.field(default_factory=dict)  # url → the feed made last
    entries: SameInputs = dataclasses.field(default_factory=SameInputs)  # item source → its entry


def feed_files(plan: SitePlan, cards: dict, site_url: str, logo: str | None, kept: KeptFeeds | None = None,
               placed: Callable[[str, bytes], bool] | None = None) -> Iterator[tuple[str, bytes | None]]:
    """(site-relative path, bytes) of the feeds' logo (unless the union's own is used) and of
    every feed. `cards`: the build's cards by page URL. `placed(path, digest of the feed's inputs)`
    (a build's: the previous site's file put in place if made from the same) makes it (path, None)."""
    if feed_logo.usable(logo):
        image = absolute(site_url, logo)
    else:
        image = absolute(site_url, feed_logo.LOGO_URL)
        yield feed_logo.LOGO_URL, feed_logo.logo_bytes()
    campaigns = {slug: c.title for slug, c in plan.corpus.campaigns.items() if not c.draft}
    if kept is not None:
        kept.entries.start((site_url, campaigns))
    for feed in plan.feeds:
        head = (feed.title, feed.page_url, image)
        known = kept.xml.get(feed.url) if kept else None
        if known is not None and kept.entries.carried and known.stands(head, feed.items, cards):
            yield feed.url, known.data
            continue
        spec = FeedSpec(title=feed.title, link=absolute(site_url, feed.page_url),
                        feed_url=absolute(site_url, feed.url), image=image,
                        description=f"Câu chuyện và tin mới: {feed.title}")
        keys = tuple(map(_card_key, feed.items))
        inputs = (spec, [_entry(item, key, cards, campaigns, site_url, kept) for item, key in zip(feed.items, keys)])
        if placed is not None and placed(feed.url, _digest(inputs)):
            yield feed.url, None
            continue
        data = known.data if known and known.inputs == inputs else feed_bytes(*inputs)
        if kept is not None:
            kept.xml[feed.url] = _Made(inputs, data, head, feed.items, keys, tuple(map(cards.get, keys)))
        yield feed.url, data
    if kept is not None:  # the entries of feeds that stood, for when one of those changes
        kept.entries.keep_all()


def _digest(inputs: tuple) -> bytes:
    """What a feed's bytes are made of: its head and entries, and its date (an empty feed's is
    SOURCE_DATE_EPOCH's, which a build may change while nothing else does)."""
    spec, entries = inputs
    return hashlib.blake2b(repr((spec, entries, last_change(entries))).encode(), digest_size=20).digest()


@dataclasses.dataclass
class _Made:
    """A feed made under serve, and what it was made of."""
    inputs: tuple
    data: bytes
    head: tuple  # its title, page and image
    items: tuple
    keys: tuple  # each item's card's key
    cards: tuple  # each item's card (None: none)

    def stands(self, head: tuple, items: tuple, cards: dict) -> bool:
        """Made of the very same items and cards, under the same head (while the campaigns' names
        and the site's address are the same): found in C, not entry by entry (3,700 entries at
        10,000 stories cost a save 0.005 s)."""
        return head == self.head and len(items) == len(self.items) and all(map(is_, items, self.items)) \
            and all(map(is_, map(cards.get, self.keys), self.cards))


def _card_key(item) -> str:
    return item_url("story" if isinstance(item, Story) else "news", item.slug, item.year)


def _entry(item, key: str, cards: dict, campaigns: dict[str, str], site_url: str, kept: KeptFeeds | None) -> FeedEntry:
    card = cards.get(key)
    if kept is None:
        return feed_entry(item, card, campaigns, site_url)
    return kept.entries.get(item.source, (item, card), lambda: feed_entry(item, card, campaigns, site_url))


def feed_entry(item, card, campaigns: dict[str, str], site_url: str) -> FeedEntry:
    """The entry of a story or news item (`campaigns`: the published campaigns' titles by slug)."""
    url = item_url("story" if isinstance(item, Story) else "news", item.slug, item.year)
    names = [campaigns[slug] for slug in item.campaigns if slug in campaigns]
    return FeedEntry(title=item.title, url=absolute(site_url, url), summary=describe(item.summary, 500),
                     published=item.date, updated=item.updated, author=item.byline,
                     card=Enclosure(absolute(site_url, card.url), card.bytes) if card else None,
                     categories=tuple(dict.fromkeys([*names, *item.tags])))
