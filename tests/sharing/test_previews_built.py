"""Every page previews as itself, on the built example: its own title, description and card, read
by three HTML parsers that must agree (lxml through BeautifulSoup, lxml.html, the standard
library's html.parser, which reads the first of each tag as Facebook's crawler does); places say
what they are, their period and successor; generic titles carry the site's name; every page
announces the site's feed, and campaign, place and story pages their own; the sitemap's dates come
from the content; feeds carry the union's logo and their items' campaigns."""
from __future__ import annotations

import datetime as dt
import html.parser
from collections import Counter
from pathlib import Path

import feedparser
import lxml.html
import pytest
import yaml
from bs4 import BeautifulSoup
from lxml import etree

from lantoa.text import parse_date

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0])
SITE_URL, SITE_NAME = CONFIG["site_url"], CONFIG["site_name"]
UNION = "Hội Liên hiệp Phụ nữ tỉnh Lạng Sơn"
KEYS = ("og:title", "og:description", "og:image")


class FirstMeta(html.parser.HTMLParser):
    """The standard library's parser: the first content of each property, as crawlers read it."""

    def __init__(self):
        super().__init__()
        self.found: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "meta" and values.get("property") in KEYS:
            self.found.setdefault(values["property"], values.get("content") or "")


def read_three_ways(path: Path) -> dict[str, str]:
    source = path.read_text(encoding="utf-8")
    soup = BeautifulSoup(source, "lxml")
    by_soup = {k: soup.select_one(f'meta[property="{k}"]')["content"] for k in KEYS
               if soup.select_one(f'meta[property="{k}"]')}
    tree = lxml.html.fromstring(source)
    by_lxml = {k: tree.xpath(f'//meta[@property="{k}"]/@content')[0] for k in KEYS
               if tree.xpath(f'//meta[@property="{k}"]/@content')}
    first = FirstMeta()
    first.feed(source)
    assert by_soup == by_lxml == first.found, path
    return by_soup


def public_pages(site: Path) -> dict[str, Path]:
    out = {}
    for path in sorted(site.rglob("index.html")):
        url = path.parent.relative_to(site).as_posix() + "/"
        url = "" if url == "./" else url
        text = path.read_text(encoding="utf-8")
        if 'content="noindex"' in text or url.startswith(("assets/", "loi-noi-dung/", "admin/")):
            continue
        out[url] = path
    return out


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def test_no_two_public_pages_share_title_description_and_card(example_site):
    previews = {url: read_three_ways(path) for url, path in public_pages(example_site).items()}
    assert len(previews) > 100
    for url, found in previews.items():
        assert set(found) == set(KEYS), url
    triples = Counter(tuple(found[k] for k in KEYS) for found in previews.values())
    assert [t for t, n in triples.items() if n > 1] == []
    home = previews[""]
    for url in ("luu-tru/", "the/", "tim-kiem/", "thong-ke/", "nhan-vat/", "dia-ban/", "phong-trao/",
                "huong-dan/"):
        assert previews[url]["og:description"] != home["og:description"], url
        assert previews[url]["og:image"] != home["og:image"], url
        assert SITE_NAME in previews[url]["og:title"], url
    places = {url: found for url, found in previews.items() if url.startswith("dia-ban/") and "trang-" not in url}
    for key in ("og:title", "og:description", "og:image"):
        values = Counter(found[key] for found in places.values())
        assert [v for v, n in values.items() if n > 1] == [], key


def test_an_abolished_district_says_when_it_ended_and_what_succeeded_it(example_site):
    found = read_three_ways(example_site / "dia-ban" / "huyen-van-quan" / "index.html")
    assert found["og:title"] == "Huyện Văn Quan (đến 30/6/2025)"
    assert "đến 30/6/2025, nay thuộc xã Văn Quan" in found["og:description"]
    assert "gương điển hình" in found["og:description"]
    old, new = (read_three_ways(example_site / "dia-ban" / k / "index.html")
                for k in ("phuong-tam-thanh-cu", "phuong-tam-thanh"))
    assert old["og:title"].endswith("(đến 30/6/2025)") and new["og:title"].endswith("(từ 1/7/2025)")


def feeds_announced(path: Path) -> list[str]:
    return [link["href"] for link in soup(path).select('link[rel="alternate"][type="application/rss+xml"]')]


def test_every_page_announces_the_site_feed_and_its_own(example_site):
    for url, path in public_pages(example_site).items():
        announced = feeds_announced(path)
        assert SITE_URL + "rss.xml" in announced, url
        if url.startswith(("phong-trao/", "dia-ban/")) and url.count("/") == 2:
            assert SITE_URL + url + "rss.xml" in announced, url
        if url.startswith("cau-chuyen/") and url.count("/") == 3:
            assert any("/phong-trao/" in href for href in announced), url
            assert any("/dia-ban/" in href for href in announced), url
    for href in {h for p in public_pages(example_site).values() for h in feeds_announced(p)}:
        assert (example_site / href[len(SITE_URL):]).is_file(), href


def test_every_sitemap_url_has_a_date_from_content(example_site):
    tree = etree.parse(str(example_site / "sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    dates = {u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns) for u in tree.getroot()}
    assert dates and all(dates.values()), [u for u, d in dates.items() if not d]
    stories = {}
    for path in (ROOT / "stories").glob("*/*/*/index.md"):
        data = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        if not data.get("draft"):
            stories[path] = data
    changed = lambda d: parse_date(d.get("updated") or d["date"]).isoformat()  # noqa: E731
    newest = max(changed(d) for d in stories.values())
    assert dates[SITE_URL] == newest
    assert max(dates.values()) == newest  # never the build's date (unless content is that new)
    for campaign in (ROOT / "stories" / "campaigns").iterdir():
        listed = [changed(d) for d in stories.values()
                  if campaign.name in (d.get("campaigns") or [])]
        record = yaml.safe_load((campaign / "index.md").read_text(encoding="utf-8").split("---")[1])
        if record.get("draft"):
            continue
        own = parse_date(record.get("issued") or record["start"]).isoformat()
        assert dates[f"{SITE_URL}phong-trao/{campaign.name}/"] == max([own, *listed]), campaign.name


def test_feeds_carry_the_logo_campaigns_and_distinct_titles_naming_the_union(example_site):
    titles = []
    for path in sorted(example_site.rglob("rss.xml")):
        data = path.read_bytes()
        parsed = feedparser.parse(data)
        assert not parsed.bozo, (path, parsed.bozo_exception)
        channel = etree.fromstring(data).find("channel")
        title, link = channel.findtext("title"), channel.findtext("link")
        titles.append(title)
        assert UNION in title or "Hội LHPN tỉnh Lạng Sơn" in title, title
        for required in ("title", "link", "description", "language"):
            assert channel.findtext(required), (path, required)
        assert channel.findtext("lastBuildDate") or not channel.findall("item"), path
        image = channel.find("image")
        assert image is not None, path
        assert (image.findtext("title"), image.findtext("link")) == (title, link)  # as RSS 2.0 requires
        logo = example_site / image.findtext("url")[len(SITE_URL):]
        assert logo.is_file() and logo.suffix in (".png", ".jpg", ".gif"), logo
        for item in channel.findall("item"):
            assert item.findtext("title") and item.findtext("link") and item.findtext("pubDate")
        if "/dia-ban/huyen-van-quan/" in str(path) or "/dia-ban/phuong-tam-thanh-cu/" in str(path):
            assert "đến 30/6/2025" in title, title
    assert len(titles) == len(set(titles)), [t for t, n in Counter(titles).items() if n > 1]
    site = feedparser.parse((example_site / "rss.xml").read_bytes())
    campaigns = {yaml.safe_load(p.read_text(encoding="utf-8").split("---")[1])["title"]
                 for p in (ROOT / "stories" / "campaigns").glob("*/index.md")}
    assert any({t.term for t in entry.tags} & campaigns for entry in site.entries)
