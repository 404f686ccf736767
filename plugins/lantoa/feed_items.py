"""A feed's bytes spliced from each entry's XML, made once (`feeds.feed_bytes`' bytes, faster).

feedgen builds an lxml tree of every entry of a feed and serializes it whole: about 0.1 ms an
entry, so the site's feeds (76 feeds, 3,700 entries at 10,000 stories, each story in three or
four of them) took a cold build 0.4 s, and serve 10–17 ms a save for the three feeds of 50 entries
a title edit changes (in process, 1,000 and 10,000 stories). Here each entry's `<item>` is
serialized once, in a feed of its own, and kept (`_item`, by the entry, which is frozen); a feed
is its channel made by feedgen without items (kept too, by its title, address and date), with
the items' bytes put before its end.

Relies on (feedgen 1.0.0, lxml): feedgen writes a channel's items after all its other elements,
last in the document, and lxml's pretty printing indents an element by its depth alone, so an
item's bytes are the same in any channel. `tests/sharing/test_feed_items.py` compares the two
paths' bytes on entries of every shape; `feeds.feed_bytes` stays the plain path beside this.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from feedgen.feed import FeedGenerator

from .feeds import FeedEntry, FeedSpec, add_item, channel, feed_bytes as made_whole, last_change, newest_first

END = b"  </channel>\n</rss>\n"  # what follows the last item
ITEM = b"\n    <item>"
_ALONE = FeedSpec(title="-", link="https://example.invalid/", feed_url="https://example.invalid/feed.xml",
                  description="-")


def feed_bytes(feed: FeedSpec, entries: list[FeedEntry]) -> bytes:
    """The bytes `feeds.feed_bytes` makes for the same feed."""
    ordered = newest_first(entries)
    updated = last_change(ordered)
    head = _channel(feed, updated, _zone(updated))
    if not head.endswith(END):  # not the shape this relies on: the plain path
        return made_whole(feed, entries)
    return b"".join((head[:-len(END)], *(_item(e, _zone(e.published), _zone(e.updated)) for e in ordered), END))


def _zone(moment: dt.date | None) -> dt.timedelta | None:
    """Part of a kept channel's or item's key: equal datetimes of other zones are written otherwise."""
    return moment.utcoffset() if isinstance(moment, dt.datetime) else None


@lru_cache(maxsize=1024)  # a channel stands while its title, address and newest change do (76 at 10,000 stories)
def _channel(feed: FeedSpec, updated: dt.datetime | None, zone) -> bytes:
    return channel(feed, updated).rss_str(pretty=True)


@lru_cache(maxsize=16384)  # 3,700 entries at 10,000 stories; ~1 KB each
def _item(entry: FeedEntry, *zones) -> bytes:
    """The entry's `<item>…</item>` and the line's end after it, as in any feed."""
    generator: FeedGenerator = channel(_ALONE, None)
    add_item(generator, entry)
    alone = generator.rss_str(pretty=True)
    return alone[alone.index(ITEM) + 1:-len(END)]
