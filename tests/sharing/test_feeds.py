"""RSS feeds and the sitemap: parse with real parsers, right items, deterministic bytes."""
from __future__ import annotations

import datetime as dt
import gzip
import html
import time

import feedparser
import pytest
from lxml import etree

from lantoa.feeds import Enclosure, FeedEntry, FeedSpec, feed_bytes, write_feed
from lantoa.sitemap import sitemap_bytes, write_sitemap

SITE = "https://phunu.example.vn/"
SPEC = FeedSpec(
    title="Hội LHPN tỉnh Cao Bằng: Xây dựng người Phụ nữ Việt Nam thời đại mới",
    link=SITE + "phong-trao/xay-dung-nguoi-phu-nu/",
    feed_url=SITE + "phong-trao/xay-dung-nguoi-phu-nu/rss.xml",
    description="Gương điển hình & tin tức của phong trào",
)


def entry(n: int, day: dt.date | dt.datetime, **changes) -> FeedEntry:
    values = dict(
        title=f"Chị Hường <{n}> giữ nghề dệt & thêu",
        url=f"{SITE}nguoi-tot/2024/chi-huong-{n}/",
        summary=f"Ở xã Thành Công, chị em người Tày khôi phục nghề dệt ({n}).",
        published=day, author="Lan Anh",
        card=Enclosure(f"{SITE}the-chia-se/{n:04d}.jpg", 54321 + n),
        categories=("Xây dựng người Phụ nữ Việt Nam thời đại mới",),
    )
    values.update(changes)
    return FeedEntry(**values)


ENTRIES = [entry(1, dt.date(2024, 3, 8)), entry(2, dt.datetime(2024, 10, 20, 9, 30)),
           entry(3, dt.date(2023, 6, 28), author=None, card=None, categories=())]


def test_feed_parses_and_lists_the_items_newest_first(tmp_path):
    path = write_feed(SPEC, ENTRIES, tmp_path / "phong-trao" / "rss.xml")
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert parsed.feed.title == SPEC.title
    assert parsed.feed.link == SPEC.link
    assert parsed.feed.language == "vi"
    assert [e.link for e in parsed.entries] == [ENTRIES[1].url, ENTRIES[0].url, ENTRIES[2].url]
    first = parsed.entries[1]
    assert first.title == "Chị Hường <1> giữ nghề dệt & thêu"
    assert first.summary == ENTRIES[0].summary
    assert first.author == "Lan Anh"
    assert first.id == ENTRIES[0].url
    assert first.published_parsed == time.struct_time((2024, 3, 7, 17, 0, 0, 3, 67, 0))  # 0:00 +07:00
    assert first.enclosures == [{"href": f"{SITE}the-chia-se/0001.jpg", "length": "54322",
                                 "type": "image/jpeg"}]
    assert [t.term for t in first.tags] == ["Xây dựng người Phụ nữ Việt Nam thời đại mới"]
    assert "author" not in parsed.entries[2] and parsed.entries[2].enclosures == []


@pytest.mark.parametrize("summary", ["Giải <b nhất & nhì", "<img src=x onerror=alert(1)> chị Mai"])
def test_a_summary_reads_as_the_text_written(summary):
    """Found by the audit: readers take a description as HTML, and the plain text went in escaped
    for XML only: "<b" opened a tag, an <img onerror> was an image (feedparser kept the tag)."""
    parsed = feedparser.parse(feed_bytes(SPEC, [entry(1, dt.date(2024, 3, 8), summary=summary)]))
    shown = parsed.entries[0].summary
    assert "<" not in shown and html.unescape(shown) == summary


def test_every_link_is_absolute():
    tree = etree.fromstring(feed_bytes(SPEC, ENTRIES))
    urls = tree.xpath("//link/text() | //guid/text() | //enclosure/@url | //*[local-name()='link']/@href")
    assert urls and all(url.startswith("https://") for url in urls)


def test_feed_is_deterministic_and_dated_by_its_newest_entry(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    once = feed_bytes(SPEC, ENTRIES)
    assert feed_bytes(SPEC, list(reversed(ENTRIES))) == once
    parsed = feedparser.parse(once)
    assert parsed.feed.updated == "Sun, 20 Oct 2024 09:30:00 +0700"


def test_empty_feed_has_no_build_time(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    data = feed_bytes(SPEC, [])
    assert b"lastBuildDate" not in data and b"pubDate" not in data
    assert not feedparser.parse(data).bozo
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert feedparser.parse(feed_bytes(SPEC, [])).feed.updated == "Tue, 14 Nov 2023 22:13:20 +0000"


@pytest.mark.parametrize("bad", ["<script>", "]]>", "&amp;", "\"'"])
def test_markup_in_titles_stays_text(bad):
    parsed = feedparser.parse(feed_bytes(SPEC, [entry(9, dt.date(2024, 1, 1), title=f"Tin {bad}")]))
    assert not parsed.bozo and parsed.entries[0].title == f"Tin {bad}"


# ---------------------------------------------------------------- sitemap

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_sitemap_lists_pages_with_content_dates(tmp_path):
    pages = [
        (SITE + "nguoi-tot/2024/chi-huong/", dt.date(2024, 3, 8)),
        (SITE, dt.date(2024, 10, 20)),
        (SITE + "gioi-thieu/", None),
        (SITE + "tim?q=a&b", dt.datetime(2024, 5, 1, 8, 0)),
        (SITE, dt.date(2024, 1, 1)),  # the same page twice: the later date wins
    ]
    written = write_sitemap(pages, tmp_path / "sitemap.xml")
    assert written == [tmp_path / "sitemap.xml", tmp_path / "sitemap.xml.gz"]
    tree = etree.fromstring(written[0].read_bytes())
    rows = [(u.findtext("s:loc", namespaces=NS), u.findtext("s:lastmod", namespaces=NS))
            for u in tree.findall("s:url", NS)]
    assert rows == [
        (SITE, "2024-10-20"),
        (SITE + "gioi-thieu/", None),
        (SITE + "nguoi-tot/2024/chi-huong/", "2024-03-08"),
        (SITE + "tim?q=a&b", "2024-05-01"),
    ]
    assert gzip.decompress(written[1].read_bytes()) == written[0].read_bytes()


def test_sitemap_is_deterministic(tmp_path):
    pages = [(f"{SITE}p{n}/", dt.date(2024, 1, 1 + n)) for n in range(5)]
    first = write_sitemap(pages, tmp_path / "a.xml")
    second = write_sitemap(list(reversed(pages)), tmp_path / "b.xml")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert sitemap_bytes(pages) == first[0].read_bytes()


def test_sitemap_entries_know_whether_they_changed_since_written():
    """Serve moves the entries from one rebuild to the next and writes the sitemap again only when
    one of them is not what it was (`sitemap.Entries`)."""
    from lantoa.sitemap import Entries
    day, other = dt.date(2024, 3, 8), dt.date(2024, 3, 9)
    entries = Entries({f"{SITE}a/": day, f"{SITE}b/": day}).written()
    entries[f"{SITE}a/"] = day
    assert not entries.changed()
    entries.pop(f"{SITE}b/")
    assert entries.changed()
    entries[f"{SITE}b/"] = day  # taken out and listed again, the same: as written
    assert not entries.changed()
    entries.pop(f"{SITE}c/", None)
    assert not entries.changed()
    entries[f"{SITE}a/"] = other
    assert entries.changed()
    assert not entries.written().changed()
    entries[f"{SITE}c/"] = day
    assert entries.changed()
    del entries[f"{SITE}c/"]
    assert not entries.changed()
