"""The site plan: every generated page (url, template, context), derived from the corpus once.

These are its records; `planning/` makes them. Plain data in, plain data out. The plugin hands these pages to MkDocs as
virtual files kept out of the navigation tree; templates read `lantoa` (the
page's context) and never reach back into the corpus.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, NamedTuple

from . import text
from .model import Body, Corpus, Photo


@dataclasses.dataclass(frozen=True)
class Settings:
    site_name: str = "Lan Tỏa"
    union_name: str = "Hội Liên hiệp Phụ nữ"
    page_size: int = 24
    today: dt.date = dt.date(2026, 1, 1)
    related: int = 4
    quota: int = 2  # stories expected per unit per month (statistics)
    site_url: str | None = None  # mkdocs.yml's: links to the site's own address are checked too
    # The URLs of the hand-written pages (docs/), which links may name: sorted, as its repr is part of
    # the site's digest (a frozenset's order changes between processes: no warm build would reuse a page).
    documents: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class Card:
    """One item as listings show it."""
    url: str
    kind: str  # story | news | campaign
    kind_label: str
    title: str
    subject: str | None
    subject_kind: str | None
    place: str | None
    date: dt.date | None
    summary: str
    cover: Photo | None

    @property
    def date_text(self) -> str:
        return text.format_date(self.date)


class Person(NamedTuple):
    """A line of the names page: who, of what kind, where, and the link to her story (not its
    title: a story retitled leaves the page as it is)."""
    url: str
    subject: str
    subject_kind: str | None
    place: str | None


@dataclasses.dataclass(frozen=True)
class Link:
    url: str | None  # None when the target has no page
    label: str


PAGER_REACH = 2  # page numbers the pager shows each side of the current one


@dataclasses.dataclass(frozen=True)
class Pager:
    number: int
    total: int
    urls: tuple[str, ...]  # url of every page of the listing

    @property
    def previous(self) -> str | None:
        return self.urls[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.urls[self.number] if self.number < self.total else None

    @property
    def shown(self) -> tuple[tuple[int, str] | None, ...]:
        """The pages the pager links by number: the first, the last, and PAGER_REACH each side of
        this one; None where numbers are left out ("…"), never for a single page. A listing of
        100 pages showed 100 numbers, 16 rows of tap targets on a phone."""
        near = range(max(1, self.number - PAGER_REACH), min(self.total, self.number + PAGER_REACH) + 1)
        numbers = sorted({1, self.total, *near})
        shown: list[tuple[int, str] | None] = []
        for before, number in zip([0, *numbers], numbers):
            if number - before == 2:
                shown.append((before + 1, self.urls[before]))
            elif number - before > 2:
                shown.append(None)
            shown.append((number, self.urls[number - 1]))
        return tuple(shown)


@dataclasses.dataclass(frozen=True)
class Feed:
    """An RSS feed: the site's, a campaign's or a unit's (so a district union can follow its own)."""
    url: str  # site-relative, e.g. "phong-trao/x/rss.xml"
    title: str
    page_url: str  # the page the feed belongs to
    items: tuple  # Story | News, newest first

    @property
    def ref(self) -> FeedRef:
        return FeedRef(self.url, self.title, self.page_url)


@dataclasses.dataclass(frozen=True)
class FeedRef:
    """A feed as a page announces it: its address and title, not its items (the site's feed,
    announced on most pages, changes with each new story; the pages do not)."""
    url: str
    title: str
    page_url: str


@dataclasses.dataclass(frozen=True)
class Page:
    url: str  # "phong-trao/x/" (site-relative, folder style)
    role: str  # home, campaigns, campaign, units, unit, story, news, archive, year, month, tags, tag, names,
    #            problems, search
    title: str
    template: str
    context: dict[str, Any]
    markdown: Body | None = None  # the body, for story, news and campaign pages (the item's own)
    summary: str = ""
    date: dt.date | None = None
    cover: Photo | None = None
    source: str | None = None  # the index.md it comes from
    feeds: tuple[FeedRef, ...] = ()
    src_uri: str = dataclasses.field(init=False, repr=False, compare=False)  # its Markdown file's, for MkDocs

    def __post_init__(self):  # asked for 200,000 times in a 10,000-story save under serve
        object.__setattr__(self, "src_uri", src_uri_of(self.url))

    @property
    def source_text(self) -> str:
        """What its Markdown file holds: the body, or nothing (a listing)."""
        return self.markdown.text if self.markdown is not None else ""


# Pages kept out of the sitemap, search engines and share cards: what is wrong with the content,
# and the folders that only send the browser on (planning/sections.py).
UNLISTED = ("problems", "held", "redirect")


def src_uri_of(url: str) -> str:
    """The Markdown file MkDocs knows the page at `url` by."""
    return (url + "index.md") if url else "index.md"


@dataclasses.dataclass
class SitePlan:
    pages: list[Page]
    photos: list[tuple[Photo, str]]  # every photo the site shows, with the item file naming it
    attachments: list[tuple[str, Any]]  # (site-relative url, Attachment)
    feeds: list[Feed]
    corpus: Corpus
    data_files: dict[str, bytes]  # site-relative path → bytes (statistics as CSV and JSON)
    reported_links: frozenset[tuple[str, str]] = frozenset()  # (page src_uri, URL): body_links checked it

    def by_url(self) -> dict[str, Page]:
        return {p.url: p for p in self.pages}
