"""A feed spliced from its entries' kept XML (lantoa.feed_items) is byte for byte the feed feedgen
makes whole (lantoa.feeds.feed_bytes), for entries and channels of every shape."""
from __future__ import annotations

import datetime as dt
import random

import pytest

from lantoa import feed_items, feeds
from lantoa.feeds import VIETNAM, Enclosure, FeedEntry, FeedSpec

SITE = "https://phunu.example.vn/"
TEXTS = ["Chị Hường giữ nghề dệt", "Tổ hợp tác <may> & \"thêu\" 'Bản Giốc'", "a]]>b", "  khoảng trắng  ",
         "Đoàn kết — sáng tạo", "x" * 600, "Hà Quảng\nTrùng Khánh"]


def _entry(rng: random.Random, n: int) -> FeedEntry:
    day = dt.date(2019 + rng.randrange(7), 1 + rng.randrange(12), 1 + rng.randrange(28))
    published = day if rng.random() < 0.5 else dt.datetime(day.year, day.month, day.day, rng.randrange(24),
                                                           tzinfo=rng.choice([None, VIETNAM, dt.timezone.utc]))
    return FeedEntry(
        title=rng.choice(TEXTS), url=f"{SITE}cau-chuyen/{day.year}/chi-{n}/", summary=rng.choice(TEXTS + [""]),
        published=published, updated=rng.choice([None, day + dt.timedelta(days=rng.randrange(1, 90))]),
        author=rng.choice([None, "Lan Anh", "Nông Thị Hà & Tổ"]),
        card=rng.choice([None, Enclosure(f"{SITE}the-chia-se/{n:04d}.jpg", 1000 + n)]),
        categories=tuple(rng.sample(TEXTS[:5], rng.randrange(4))))


@pytest.mark.parametrize("seed", range(12))
def test_the_spliced_feed_is_the_feed_made_whole(seed):
    rng = random.Random(seed)
    spec = FeedSpec(title=rng.choice(TEXTS), link=SITE + "phong-trao/a/", feed_url=SITE + "phong-trao/a/rss.xml",
                    description=rng.choice(TEXTS + [""]), image=rng.choice([None, SITE + "logo.png"]))
    entries = [_entry(rng, n) for n in range(rng.choice([0, 1, 2, 17, 50]))]
    assert feed_items.feed_bytes(spec, entries) == feeds.feed_bytes(spec, entries)
    shuffled = rng.sample(entries, len(entries))  # and again from the kept items, in another order
    assert feed_items.feed_bytes(spec, shuffled) == feeds.feed_bytes(spec, entries)


def test_an_entry_is_serialized_once_for_every_feed_that_carries_it():
    feed_items._item.cache_clear()
    entry = _entry(random.Random(1), 1)
    for n in range(3):
        spec = FeedSpec(title=f"Kênh {n}", link=SITE, feed_url=f"{SITE}{n}.xml", description="d")
        assert feed_items.feed_bytes(spec, [entry]) == feeds.feed_bytes(spec, [entry])
    assert feed_items._item.cache_info().misses == 1 and feed_items._item.cache_info().hits == 2


def test_the_same_moment_in_another_zone_is_written_as_given():
    moments = [dt.datetime(2024, 3, 8, 7, tzinfo=VIETNAM), dt.datetime(2024, 3, 8, 0, tzinfo=dt.timezone.utc)]
    assert moments[0] == moments[1]
    spec = FeedSpec(title="Kênh", link=SITE, feed_url=f"{SITE}rss.xml", description="d")
    for moment in moments:
        entries = [FeedEntry(title="Tin", url=f"{SITE}tin/", summary="s", published=moment)]
        assert feed_items.feed_bytes(spec, entries) == feeds.feed_bytes(spec, entries)
