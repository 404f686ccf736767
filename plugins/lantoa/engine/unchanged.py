"""Serve: what a save left as it was, found by comparing the plan before and after it (`partial`).

A page the plan took over from the previous one (the very object: `remade.py`) is written as it
was unless the card it shows was drawn anew, or something every page depends on changed (the
photos, a feed's page, address or title, the default card, the site's newest change); other pages
are compared with the previous plan's (`same_page`), and the rest fingerprinted (`reuse`).

Relies on: a rebuild renders or keeps every planned page (so the last one's sitemap entries and
search texts are every unchanged page's own); `Build.planned` holds the plan's pages by src_uri.
Saves (a title edit at 10,000 stories, in process): looking at the 12,300 planned pages one by
one cost 0.05 s; taking over the sitemap and texts, 0.04 s.
"""
from __future__ import annotations

import dataclasses

from ..plan import Page, src_uri_of
from ..previews import card_key
from ..sitemap import Entries
from ..social import absolute


def to_compare(before, build, carried: bool) -> list[Page]:
    """The planned pages that may be written otherwise than last time: those the plan made anew
    and those showing a card drawn anew; every page when something they all depend on changed
    (or the last sitemap and texts were not taken over: `carried`)."""
    pages = build.plan.pages
    if not carried or before.photos != build.photos or not _same_heads(before, build):
        return pages
    showing = _showing(build, redrawn(before.card_job, build.card_job))
    anew = _made_anew(before, build)
    if anew is not None and showing <= {id(p) for p in anew}:
        return anew
    previous = before.planned
    return [p for p in pages if previous.get(p.src_uri) is not p or id(p) in showing]


def gone(before, build) -> list[str]:
    """The src_uris of the pages planned last time that the plan has not: none when it lists the
    addresses of the previous plan in the same order (`plan_delta`; the set difference of 12,300
    addresses cost a save 0.001 s)."""
    if _made_anew(before, build) is not None:
        return []
    return sorted(before.planned.keys() - build.planned.keys())


def _made_anew(before, build) -> list[Page] | None:
    """The pages the plan made anew, in its order, when it lists the addresses of the previous
    plan in the same order (`plan_delta`): not looked for among 12,300 pages."""
    last = build.kept.plan
    if last.fresh is None or last.before is not before.plan.pages or last.pages is not build.plan.pages:
        return None
    return [last.pages[i] for i in last.fresh]


def _showing(build, keys: set) -> set[int]:
    """The pages showing the cards of `keys`: a page's own, and a listing's on all its pages."""
    found = set()
    for key in keys:
        first = build.page(src_uri_of(key))
        if first is not None:
            pager = first.context.get("pager")
            found.update(id(build.page(src_uri_of(url))) for url in (pager.urls if pager else (key,)))
    return found


def redrawn(old_job, new_job) -> set:
    """The card keys whose card is another than last time: among the keys named anew, if the job
    knows them (`CardJob.named_anew`: comparing 10,000 names cost a save 0.004 s), and those gone."""
    old, new, anew = old_job.names, new_job.names, new_job.named_anew(old_job)
    if anew is not None:
        gone = new_job.gone_since(old_job)
        return {key for key in anew if old.get(key) != new[key]} | (old.keys() - new.keys() if gone is None else gone)
    if old == new:
        return set()
    return {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}


def _same_heads(before, build) -> bool:
    """No feed's page, address or title and not the default card (nor where cards are) changed."""
    def heads(b) -> list:
        return [(f.page_url, f.url, f.title) for f in b.plan.feeds]
    old_job, new_job = before.card_job, build.card_job
    return (old_job.prefix, old_job.url("")) == (new_job.prefix, new_job.url("")) and heads(before) == heads(build)


def carry_over(before, build) -> bool:
    """The previous rebuild's sitemap entries and search texts, taken whole while the site's newest
    change is the same: an unchanged page's entry and text are then its own of last time (a page's
    sitemap date is its content's, or that newest change: `previews.lastmod`). A page rendered
    again or gone loses them first (`forget`). Listing 12,300 unchanged pages again cost a save at
    10,000 stories 0.04 s; copying the two dicts, 0.004 s: they are moved, the previous build
    (whose search index `partial.settle` has collected or cancelled) keeping empty ones."""
    if before.site_url != build.site_url or before.newest_change() != build.newest_change():
        return False
    build.sitemap, build.texts = before.sitemap, before.texts
    before.sitemap, before.texts = Entries(), {}
    return True


def forget(build, src_uri: str, url: str) -> None:
    """A page's sitemap entry and search text, taken over from the previous rebuild (`carry_over`)."""
    build.texts.pop(src_uri, None)
    if build.site_url:
        build.sitemap.pop(absolute(build.site_url, url), None)


def same_as_before(before, build):
    """A test that a planned page is equal to the one the previous build planned, with the same
    card and feeds, the photos being the same: then its fingerprint is too (equality is about three
    times faster than the fingerprint, and most pages pass it)."""
    if before.photos != build.photos:
        return lambda planned: False
    previous, equal, same_inputs = before.page, Equal(), inputs_compared(before, build)

    def unchanged(planned) -> bool:
        old = previous(planned.src_uri)
        return old is not None and same_page(old, planned, equal) and same_inputs(old, planned)
    return unchanged


def inputs_compared(before, build):
    """A test that two equal pages have the same `page_inputs` (card and announced feeds). While
    no feed's page, address or title and not the default card changed, two equal pages announce
    the same feeds, and only their own card can differ: its name is compared, not the inputs made
    twice (at 10,000 stories making them cost a save 0.05 s)."""
    if not _same_heads(before, build):
        return lambda old, new: before.page_inputs(old) == build.page_inputs(new)
    drawn = redrawn(before.card_job, build.card_job)
    return lambda old, new: card_key(new) not in drawn  # equal pages show the card of the same key


PAGE_FIELDS = tuple(f.name for f in dataclasses.fields(Page) if f.name not in ("context", "feeds", "src_uri"))


def same_page(old: Page, new: Page, equal: "Equal") -> bool:
    """old == new, with the values pages share (a campaign's figures on each page of its
    listing, the site's feed on every page) compared once per pair of objects. An item's page
    planned again from the same objects is the previous page itself (`Remade.start_plan`)."""
    if old is new:
        return True
    return all(getattr(old, name) == getattr(new, name) for name in PAGE_FIELDS) and \
        old.context.keys() == new.context.keys() and \
        all(equal(old.context[key], value) for key, value in new.context.items()) and \
        len(old.feeds) == len(new.feeds) and all(map(equal, old.feeds, new.feeds))


class Equal(dict):
    """a == b, remembered by the identity of a and b (both kept alive by their plans meanwhile)."""

    def __call__(self, a, b) -> bool:
        if a is b:  # an item or card the load and plan reused (remade.py)
            return True
        key = (id(a), id(b))
        known = self.get(key)
        if known is None:
            known = self[key] = a == b
        return known
