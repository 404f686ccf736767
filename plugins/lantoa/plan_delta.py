"""Serve: the pages of a plan that are not the very pages of the plan before, found without
looking at 12,300 pages one by one in Python.

A save makes most pages of the new plan the previous plan's own objects (`remade.py`). When both
plans list their pages at the same addresses in the same order (a save that added, removed and
moved no page: an edit), the pages made anew are found by identity in C (`map(is_not, …)`), and
what the last rebuild worked out page by page (the pages by address, the cards' specs) is taken
over and changed for those pages only. Otherwise (`fresh` is None) everything is looked at.

Relies on: a page is never changed once planned (a frozen dataclass whose context nobody
changes); a page's src_uri is made from its url (`plan.Page`).
Saves (a title edit at 10,000 stories, in process): the pages by address and the cards' specs
cost 0.02 s looked at page by page.
"""
from __future__ import annotations

import dataclasses
from operator import attrgetter
from typing import Any, Callable

from .plan import Page
from .remade import DictSince, not_the_same


def fresh_pages(before: list[Page], now: list[Page]) -> list[int] | None:
    """The places in `now` of the pages that are not the page at the same place in `before`;
    None when the two do not list the same addresses in the same order."""
    return changed_places(before, now, attrgetter("src_uri"))


def changed_places(before: list, now: list, key: Callable[[Any], Any]) -> list[int] | None:
    """The places in `now` of the objects that are not the one at the same place in `before`;
    None when the two do not list the same `key`s in the same order."""
    if len(before) != len(now):
        return None
    fresh = not_the_same(before, now)
    return fresh if all(key(before[i]) == key(now[i]) for i in fresh) else None


@dataclasses.dataclass
class LastPlan:
    """What serve keeps of the last plan's pages for the next (`Build.load`)."""
    pages: list[Page] = dataclasses.field(default_factory=list)
    by_uri: dict[str, Page] = dataclasses.field(default_factory=dict)
    fresh: list[int] | None = None  # `fresh_pages(before, pages)`
    before: list[Page] | None = None  # the plan's pages before `pages`
    specs: tuple | None = None  # (shared inputs, pages, their by_uri, {url: spec}): `card_specs`

    def take(self, pages: list[Page]) -> dict[str, Page]:
        """`pages` by src_uri, and what changed since the last plan (`fresh`)."""
        fresh = fresh_pages(self.pages, pages)
        if fresh is None:
            by_uri = {p.src_uri: p for p in pages}
        else:
            by_uri = dict(self.by_uri)
            by_uri.update((pages[i].src_uri, pages[i]) for i in fresh)
        self.before, self.pages, self.by_uri, self.fresh = self.pages, pages, by_uri, fresh
        return by_uri


def card_specs(last: LastPlan, shared: Any, has_card: Callable[[Page], bool],
               make: Callable[[Page], Any]) -> dict[str, Any]:
    """`{page.url: make(page)}` for the pages of `last.pages` with a card, in their order: the last
    rebuild's spec for the very same page, or an equal one, while `shared` (what every spec reads
    besides its page) is equal."""
    known = last.specs if last.specs is not None and last.specs[0] == shared else None
    specs = _patched(last, known, has_card, make) if known is not None and known[1] is last.before else None
    if specs is None:
        pages, made = (known[2], known[3]) if known is not None else ({}, {})
        specs = {}
        for page in last.pages:
            if has_card(page):
                old = pages.get(page.src_uri)
                same = old is not None and (old is page or old == page) and page.url in made
                specs[page.url] = made[page.url] if same else _equal_kept(made, page.url, make(page))
    last.specs = (shared, last.pages, last.by_uri, specs)
    return specs


def _patched(last: LastPlan, known: tuple, has_card, make) -> dict | None:
    """The last specs with the fresh pages' own; None where a page gained or lost its card (the
    order of the specs would then be another)."""
    if last.fresh is None:
        return None
    specs = DictSince(known[3])  # the card job names again only the specs set here
    for i in last.fresh:
        old, page = last.before[i], last.pages[i]
        if has_card(old) != has_card(page):
            return None
        if has_card(page) and old != page:
            specs[page.url] = _equal_kept(specs, page.url, make(page))
    return specs


def _equal_kept(made: dict, url: str, spec: Any) -> Any:
    """`spec`, or the spec made before for `url` when equal: the card job names again only specs
    that are not the very objects of its last job (a story's title edit remade the specs of 81
    pages that list it, equal but for the story's own: naming them and looking for their cards
    among 10,000 in the cache cost a save 0.006 s)."""
    before = made.get(url)
    return before if before == spec else spec


@dataclasses.dataclass
class Groups:
    """What serve keeps of one grouping of the planner's items for the next (`grouped`)."""
    shared: Any
    items: list
    groups: dict[Any, list]
    places: dict[str, list[tuple[Any, int]]] | None = None  # source → (group, place in it): made when asked for

    def ready(self) -> None:
        """`places`, made now rather than when the next save asks for them
        (`partial.after_full_build`)."""
        if self.places is None:
            self.places = _places(self.groups)


def grouped(last: Groups | None, shared: Any, items: list, keys: Callable[[Any], Any]) -> Groups:
    """Each group's items (`keys(item)`: the groups an item is in), in the order of
    `items`. From `last` (the same grouping of the last plan) when `shared` is equal and `items`
    hold the same items in the same order, none made anew in other groups than before: the last
    groups, with the items made anew put in their places (copies of the groups they are in)."""
    fresh = changed_places(last.items, items, _SOURCE) if last is not None and last.shared == shared else None
    if fresh is None or any(tuple(keys(last.items[i])) != tuple(keys(items[i])) for i in fresh):
        groups: dict[Any, list] = {}
        for item in items:
            for key in keys(item):
                groups.setdefault(key, []).append(item)
        return Groups(shared, items, groups)
    if not fresh:
        return Groups(shared, items, last.groups, last.places)
    places = last.places if last.places is not None else _places(last.groups)
    groups = dict(last.groups)
    for i in fresh:
        for key, place in places.get(items[i].source, ()):
            if groups[key] is last.groups[key]:
                groups[key] = list(groups[key])
            groups[key][place] = items[i]
    return Groups(shared, items, groups, places)


_SOURCE = attrgetter("source")


def _places(groups: dict[Any, list]) -> dict[str, list[tuple[Any, int]]]:
    places: dict[str, list[tuple[Any, int]]] = {}
    for key, members in groups.items():
        for place, item in enumerate(members):
            places.setdefault(item.source, []).append((key, place))
    return places
