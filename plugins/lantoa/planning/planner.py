"""The planner: what every kind of page shares while the plan is made.

The corpus without drafts, newest first; links to places and campaigns (a link
only where the target has a page); each item's card, made once; feeds; pagination.
"""
from __future__ import annotations

import bisect
import functools
import heapq
import itertools
from itertools import compress, count, filterfalse
from operator import attrgetter, is_not
from typing import Any, Callable

from .. import insight, plan_delta, remade
from ..load import item_url
from ..model import Corpus, News, Story
from ..insight.kept import KeptFigures
from ..plan import Card, Feed, FeedRef, Link, Page, Pager, Settings
from ..previews import newest_change
from ..schema import KIND_LABELS


newest_key = attrgetter("date", "source")  # the planner's lists are in its reverse order: newest first
_DRAFT = attrgetter("draft")


class Planner:
    def __init__(self, corpus: Corpus, settings: Settings, kept: remade.Remade | None = None,
                 figures: KeptFigures | None = None):
        self.corpus = corpus
        self.settings = settings
        self.units = corpus.units
        self.campaigns = {k: c for k, c in corpus.campaigns.items() if not c.draft}
        self.kept = kept
        self.stories = self.newest_first("planned stories", self.published("stories", corpus.stories))
        self.news = self.newest_first("planned news", self.published("news", corpus.news))
        self.pages: list[Page] = []
        self.campaign_insights: dict[str, Any] = {}
        self.data_files: dict[str, bytes] = {}
        self.reported_links: set[tuple[str, str]] = set()  # (page src_uri, URL as written): links.check_links
        newest = heapq.merge(self.stories, self.news, key=newest_key, reverse=True)
        self.site_feed = Feed("rss.xml", f"{self.named(settings.site_name)}: bài mới", "",
                              tuple(itertools.islice(newest, 50)))
        self.feeds: list[Feed] = [self.site_feed]
        self.unit_pages = self._units_with_pages()
        self.cards: dict[str, Card] = {}
        self.kept_cards = kept.cards if kept else None  # remade.card
        if kept is not None:
            kept.start_plan((settings, tuple(self.units.units.items()), sorted(self.unit_pages), corpus.campaigns))
        self.kept_pages = kept.pages if kept else None  # Remade.start_plan
        self.kept_listings = kept.listings if kept else None
        self.kept_figures = figures
        if self.kept_figures is not None:
            self.kept_figures.start(corpus, settings)

    def published(self, name: str, items: list) -> list:
        """`items` but drafts (the load has set them aside: a corpus made otherwise may hold them);
        under serve, whether any is a draft is remembered while the items are the same (looking
        into 10,000 stories cost a save 0.004 s)."""
        drafts = self.remembered(f"drafts among {name}", None, items, _DRAFT, lambda: any(map(_DRAFT, items)))
        return list(filterfalse(_DRAFT, items)) if drafts else items

    def newest_first(self, name: str, items: list) -> list:
        """`items` sorted newest first; under serve, in the order of the last plan's `name` while
        the items' dates are the same (`Remade.sorted`: 10,000 dates compared, not sorted)."""
        return sorted(items, key=newest_key, reverse=True) if self.kept is None else \
            self.kept.sorted(name, items, newest_key, reverse=True)

    @functools.cached_property
    def found(self) -> insight.Index:
        """The corpus grouped for the figures (made only when a figure is: serve keeps them)."""
        return insight.index(self.corpus)

    def named(self, title: str) -> str:
        """`title`, naming the union unless it already does (feed titles)."""
        union = self.settings.union_name
        names = (union, union.replace("Hội Liên hiệp Phụ nữ", "Hội LHPN"))
        return title if any(name in title for name in names) else f"{title} — {union}"

    # ---- links and cards -------------------------------------------------
    def unit_link(self, key: str) -> Link:
        unit = self.units.units.get(key)
        if unit is None:
            return Link(None, key)
        return Link(f"dia-ban/{key}/" if key in self.unit_pages else None, unit.label)

    def campaign_link(self, slug: str) -> Link:
        campaign = self.campaigns.get(slug)
        return Link(item_url("campaign", slug), campaign.title) if campaign else Link(None, slug)

    def place(self, key: str) -> str | None:
        return self.units.full_label(key) if key in self.units else None

    def card(self, item) -> Card:
        """The item's card, made once: the same story shows in many listings."""
        card = self.cards.get(item.source)
        if card is None:
            card = self.cards[item.source] = remade.card(self.kept_cards, item, self._card)
        return card

    def _card(self, item) -> Card:
        if isinstance(item, Story):
            return Card(item_url("story", item.slug, item.year), "story", KIND_LABELS["story"], item.title,
                        item.subject, item.subject_kind, self.place(item.unit), item.date, item.summary, item.cover)
        if isinstance(item, News):
            place = ", ".join(self.units[u].label for u in item.units) or None
            return Card(item_url("news", item.slug, item.year), "news", item.kind.capitalize(), item.title,
                        None, None, place, item.date, item.summary, item.cover)
        return Card(item_url("campaign", item.slug), "campaign", item.kind.capitalize(), item.title, None, None,
                    self.place(item.unit) if item.unit else None, item.start, item.summary, item.cover)

    # ---- figures -----------------------------------------------------------
    def figure(self, name: tuple, make: Callable[[], Any], counts: Callable[[], tuple[list, list, Any]] | None = None,
               made_from: Any = None) -> Any:
        """`make()`: a figure of `insight`, or the previous plan's if what it counts is the same
        (serve: `insight.kept`; `counts()`, `made_from`: what this one counts, or is made from)."""
        return make() if self.kept_figures is None else self.kept_figures.get(name, make, counts, made_from)

    def remembered(self, name: str, shared: Any, items: list, fields: Callable[[Any], Any],
                   make: Callable[[], Any]) -> Any:
        """`make()`, or under serve what it gave the previous plan if `shared` is equal and `items`
        are the same, item by item, in `fields` (all `make` reads of them: `Remade.remembered_items`)."""
        return make() if self.kept is None else self.kept.remembered_items(name, shared, items, fields, make)

    def grouped(self, name: str, items: list, keys: Callable[[Any], Any], shared: Any = None) -> dict[Any, list]:
        """Each group's items in the order of `items` (`keys(item)`: the groups it is in;
        `shared`: what else `keys` reads). Under serve, the last plan's groups with the items
        made anew put in place while none moved (`plan_delta.grouped`: at 10,000 stories, grouping
        them item by item cost a save 0.004 s per listing kind). The lists are not to be changed."""
        last = self.kept.swap(f"groups {name}", None) if self.kept is not None else None
        found = plan_delta.grouped(last, shared, items, keys)
        if self.kept is not None:
            self.kept.swap(f"groups {name}", found)
        return found.groups

    # ---- pages -------------------------------------------------------------
    def feed(self, page_url: str, title: str, *newest_first: list) -> tuple[FeedRef, ...]:
        """The page's own feed (newest 50 items of lists each newest first, as the planner has
        them: merged, not sorted) plus the site's, as the page announces them (`FeedRef`). Under
        serve, the last plan's feed while the lists are the very same (`grouped` keeps a group's
        list when none of its items changed: merging the lists of 200 places cost a save at 10,000
        stories 0.002 s)."""
        def made() -> Feed:
            return Feed(page_url + "rss.xml", title, page_url, tuple(itertools.islice(
                heapq.merge(*newest_first, key=newest_key, reverse=True), 50)))
        last = self.kept.swap(f"feed {page_url}", None) if self.kept is not None else None
        if last is None or last[0] != title or not remade.same_lists(last[1], newest_first):
            last = (title, newest_first, made())
        if self.kept is not None:
            self.kept.swap(f"feed {page_url}", last)
        self.feeds.append(last[2])
        return (last[2].ref, self.site_feed.ref)

    def add(self, **fields) -> None:
        self.pages.append(Page(**fields))

    def add_item_page(self, item, shows: tuple, fields: Callable[[], dict]) -> None:
        self.pages.append(self.item_page(item, shows, fields))

    def item_page(self, item, shows: tuple, fields: Callable[[], dict]) -> Page:
        """The page of `item` (`Page(**fields())`), or the one planned last time for the same
        item if it `shows` the same (what the plan adds to the item besides its links: the related
        cards; `Remade.start_plan`)."""
        return Page(**fields()) if self.kept_pages is None else \
            self.kept_pages.get(item.source, (item, shows), lambda: Page(**fields()))

    def since_last(self, name: str, items: list, fields: Callable[[Any], Any]) -> tuple[Callable[[int, int], bool], bool]:
        """Under serve, against the last plan's list `name`: whether `items[lo:hi]` are the very
        items it had there, and whether every item is the same in `fields`; a build: neither.
        Relies on the lists not being changed once made (`remade.not_the_same`)."""
        last = self.kept.swap(name, items) if self.kept is not None else None
        if last is None or len(last) != len(items):
            return (lambda lo, hi: False), False
        places = remade.not_the_same(last, items)
        return (lambda lo, hi: bisect.bisect_left(places, lo) == bisect.bisect_left(places, hi)), \
            all(fields(last[i]) == fields(items[i]) for i in places)

    def listing_kept(self, base_url: str) -> bool:
        """Under serve, the pages the last plan made for the listing at `base_url`, for a caller
        that knows it lists the very same items with the same context (`since_last`); False: none."""
        pages = self.kept_listings.take(base_url) if self.kept_listings is not None else None
        if pages is None:
            return False
        self.pages += pages
        return True

    def listing(self, base_url: str, role: str, title: str, template: str, items: list, context: dict,
                **extra) -> None:
        """Paginated listing: page 1 at base_url, page n at base_url + 'trang-n/'. Each page's
        context has `modified`: the newest change among the items (unless the context says).
        Under serve, the pages planned last time for this listing if it lists the very same items
        with an equal context (their cards are then the same: `Remade.start_plan`); else, of those
        pages, the ones whose items are the very same (`_standing`)."""
        inputs = (role, title, template, items, context, extra)
        if self.kept_listings is None:
            self.pages += self._listing_pages(base_url, inputs)
            return
        last = self.kept_listings.last(base_url)
        self.pages += self.kept_listings.get(base_url, inputs, lambda: self._listing_pages(base_url, inputs, last))

    def _listing_pages(self, base_url: str, inputs: tuple, last: tuple | None = None) -> list[Page]:
        role, title, template, items, context, extra = inputs
        pages, size = [], self.settings.page_size
        chunks = [items[i:i + size] for i in range(0, len(items), size)] or [[]]
        urls = tuple(base_url if n == 1 else f"{base_url}trang-{n}/" for n in range(1, len(chunks) + 1))
        modified = context["modified"] if "modified" in context else newest_change(items)  # once, not per page
        standing = _standing(last, inputs, modified, size)
        for number, chunk in enumerate(chunks, 1):
            if number in standing:
                pages.append(last[1][number - 1])
                continue
            page_title = title if number == 1 else f"{title} (trang {number})"
            ctx = dict(context, cards=[self.card(i) for i in chunk], pager=Pager(number, len(chunks), urls),
                       total=len(items))
            ctx["modified"] = modified
            later = {"summary": f"{extra['summary']} (trang {number})"} if extra.get("summary") else {}
            pages.append(Page(url=urls[number - 1], role=role, title=page_title, template=template, context=ctx,
                              **(extra if number == 1 else later)))
        return pages

    def _units_with_pages(self) -> set[str]:
        """The places with a page: every district, and every unit a story or news names (under
        serve, remembered while the items name the same: 0.007 s a save at 10,000 stories)."""
        def made() -> set[str]:
            keys = {u.key for u in self.units.units.values() if u.is_district}
            for story in self.stories:
                keys.add(story.unit)
            for news in self.news:
                keys.update(news.units)
            return {k for k in keys if k in self.units}
        return made() if self.kept is None else self.kept.remembered_items(
            "places with a page", (self.units.units, [n.units for n in self.news]), self.stories, attrgetter("unit"), made)


def _standing(last: tuple | None, inputs: tuple, modified: Any, size: int) -> set[int]:
    """The numbers of a listing's pages planned `last` time ((inputs, pages)) that stand as they
    were: the listing as long, its context and newest change the same, and each of those pages'
    items the very same (found by identity in C). The first page holds `extra` (feeds, summary)
    too. At 10,000 stories a retitled story's year listing has 75 pages: one is made again."""
    if last is None:
        return set()
    (role, title, template, items, context, extra), pages = last
    if len(items) != len(inputs[3]) or (role, title, template) != inputs[:3] or context != inputs[4] or \
            pages[0].context["modified"] != modified or extra.get("summary") != inputs[5].get("summary"):
        return set()  # every page shows them (the later pages, the summary with their number)
    changed = {i // size + 1 for i in compress(count(), map(is_not, items, inputs[3]))}
    return set(range(1 if extra == inputs[5] else 2, len(pages) + 1)) - changed
