"""RSS 2.0 feeds for the whole site, each campaign and each unit (feedgen 1.0.0).

RSS 2.0 rather than Atom: it is the format Facebook and Zalo page tools, feed-to-post
services and phone feed readers read most widely, and it has `<enclosure>`, which
carries the card image. The output is deterministic: no build time anywhere, the
channel's lastBuildDate is the newest entry's change (its `updated` date, else its date).
The channel's <image> is the union's logo; an item's <category> elements are its campaigns'
names and its tags.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import html
import os
from pathlib import Path

from feedgen.feed import FeedGenerator

__all__ = ["FeedSpec", "FeedEntry", "Enclosure", "write_feed", "feed_bytes", "newest_first", "channel", "last_change",
           "add_item", "VIETNAM"]

VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")  # dates without a time are read here


@dataclasses.dataclass(frozen=True)
class FeedSpec:
    title: str  # "Hội LHPN tỉnh Cao Bằng: Phong trào …"
    link: str  # absolute URL of the page the feed follows (home, campaign, unit)
    feed_url: str  # absolute URL of the feed file itself (rel="self")
    description: str  # RSS requires one; a sentence saying what the feed carries
    language: str = "vi"
    image: str | None = None  # absolute URL of the union's logo, if any


@dataclasses.dataclass(frozen=True)
class Enclosure:
    url: str  # absolute
    length: int  # bytes
    type: str = "image/jpeg"


@dataclasses.dataclass(frozen=True)
class FeedEntry:
    title: str
    url: str  # absolute; also the guid
    summary: str  # plain text (lantoa.social.describe)
    published: dt.date | dt.datetime
    updated: dt.date | dt.datetime | None = None  # the text changed after it was published
    author: str | None = None  # the byline, written as <dc:creator>
    card: Enclosure | None = None
    categories: tuple[str, ...] = ()  # campaign names, tags


def write_feed(feed: FeedSpec, entries: list[FeedEntry], out_path: Path) -> Path:
    """Write the RSS 2.0 file for `entries` (newest first, whatever order they come in)."""
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_bytes(feed_bytes(feed, entries))
    return out_path


def feed_bytes(feed: FeedSpec, entries: list[FeedEntry]) -> bytes:
    """The feed, made whole by feedgen (`feed_items.feed_bytes` makes the same bytes faster)."""
    ordered = newest_first(entries)
    generator = channel(feed, last_change(ordered))
    for entry in ordered:
        add_item(generator, entry)
    return generator.rss_str(pretty=True)


def newest_first(entries: list[FeedEntry]) -> list[FeedEntry]:
    return sorted(entries, key=lambda e: (_moment(e.published), e.url), reverse=True)


def channel(feed: FeedSpec, updated: dt.datetime | None) -> FeedGenerator:
    """The feed's channel, without its items; `updated`: `last_change` of its entries."""
    generator = FeedGenerator()
    generator.load_extension("dc")
    generator.title(feed.title)
    generator.link(href=feed.feed_url, rel="self")
    generator.link(href=feed.link, rel="alternate")  # the last link is RSS's <link>
    generator.description(feed.description or feed.title)
    generator.language(feed.language)
    if feed.image:
        generator.image(url=feed.image, title=feed.title, link=feed.link)
    generator.lastBuildDate(updated)
    if updated is None:
        generator._FeedGenerator__rss_lastBuildDate = None  # feedgen would print "now"
    return generator


def last_change(entries: list[FeedEntry]) -> dt.datetime | None:
    """The channel's lastBuildDate: the newest change of an entry."""
    return max(_moment(e.updated or e.published) for e in entries) if entries else _source_date()


def add_item(generator: FeedGenerator, entry: FeedEntry) -> None:
    item = generator.add_entry(order="append")
    item.title(entry.title)
    item.link(href=entry.url)
    item.guid(entry.url, permalink=True)
    # RSS readers show a description as HTML: the plain text is escaped once for HTML here, once
    # for XML by feedgen ("a <b" read as a tag, a summary's <img onerror=…> run by a careless reader)
    item.description(html.escape(entry.summary or entry.title, quote=False))
    item.pubDate(_moment(entry.published))
    if entry.author:
        item.dc.dc_creator(entry.author)
    if entry.card:
        item.enclosure(entry.card.url, str(entry.card.length), entry.card.type)
    for name in entry.categories:
        item.category(term=name)


def _moment(value: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=VIETNAM)
    return dt.datetime(value.year, value.month, value.day, tzinfo=VIETNAM)


def _source_date() -> dt.datetime | None:
    """An empty feed has no entry date: SOURCE_DATE_EPOCH if set, else no date at all."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return None
