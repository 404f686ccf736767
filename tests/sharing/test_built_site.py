"""Previews on the built example site: every tag, absolute image URLs whose files exist with the declared
size, 1200×630 cards within the byte limit, and feeds that parse and list the right items."""
from __future__ import annotations

import urllib.parse
from pathlib import Path

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup
from PIL import Image

from lantoa.cards.model import MAX_BYTES

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0])["site_url"]
REQUIRED = ["og:title", "og:description", "og:url", "og:type", "og:locale", "og:site_name", "og:image",
            "og:image:width", "og:image:height", "og:image:alt", "og:image:type"]


def meta(page: BeautifulSoup) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for tag in page.select("meta[property], meta[name]"):
        out.setdefault(tag.get("property") or tag["name"], []).append(tag["content"])
    return out


def local(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    path = site / urllib.parse.unquote(url[len(SITE_URL):])
    return path / "index.html" if url.endswith("/") else path


def pages(site: Path) -> dict[str, Path]:
    first = lambda pattern: sorted(site.glob(pattern))[0]  # noqa: E731
    return {"home": site / "index.html", "story": first("cau-chuyen/*/*/index.html"),
            "news": first("tin-tuc/*/*/index.html"), "campaign": first("phong-trao/*/index.html"),
            "unit": first("dia-ban/*/index.html")}


@pytest.mark.parametrize("kind", ["home", "story", "news", "campaign", "unit"])
def test_every_preview_tag_with_an_image_that_exists(example_site, kind):
    path = pages(example_site)[kind]
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    tags = meta(page)
    missing = [name for name in REQUIRED if name not in tags]
    assert not missing, f"{path}: {missing}"
    assert tags["twitter:card"] == ["summary_large_image"] and tags["og:locale"] == ["vi_VN"]
    canonical = page.select_one('link[rel="canonical"]')["href"]
    assert canonical == tags["og:url"][0] and local(example_site, canonical) == path
    assert len(tags["og:description"][0]) <= 200
    image = local(example_site, tags["og:image"][0])
    with Image.open(image) as card:
        assert card.size == (int(tags["og:image:width"][0]), int(tags["og:image:height"][0])) == (1200, 630)
        assert card.format == "JPEG" and tags["og:image:type"] == ["image/jpeg"]
    assert image.stat().st_size <= MAX_BYTES
    if kind in ("story", "news"):
        assert tags["og:type"] == ["article"] and tags["article:published_time"]
    if kind == "story":
        assert tags["article:section"]


def test_every_card_in_the_site_is_1200x630_within_the_limit(example_site):
    cards = sorted((example_site / "the-chia-se").glob("*.jpg"))
    assert len(cards) > 40
    for card in cards:
        with Image.open(card) as image:
            assert image.size == (1200, 630), card
        assert card.stat().st_size <= MAX_BYTES, card


def published_stories() -> dict[str, dict]:
    out = {}
    for path in (ROOT / "stories").glob("*/*/*/index.md"):
        data = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        if not data.get("draft"):
            section = "cau-chuyen" if path.parts[-4] == "people" else "tin-tuc"
            out[f"{SITE_URL}{section}/{path.parts[-3]}/{path.parts[-2]}/"] = data
    return out


def test_site_feed_parses_and_lists_the_newest_items(example_site):
    feed = feedparser.parse((example_site / "rss.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    items = published_stories()
    links = [entry.link for entry in feed.entries]
    assert links and set(links) <= set(items)
    newest = sorted(items, key=lambda url: (str(items[url]["date"]), url), reverse=True)[:len(links)]
    assert set(links) == set(newest)
    for entry in feed.entries:
        assert entry.enclosures and entry.enclosures[0].href.startswith(SITE_URL)


def test_campaign_and_unit_feeds_list_their_own_items(example_site):
    items = published_stories()
    for feed_path in [*example_site.glob("phong-trao/*/rss.xml"), *example_site.glob("dia-ban/*/rss.xml")]:
        feed = feedparser.parse(feed_path.read_bytes())
        assert not feed.bozo, (feed_path, feed.bozo_exception)
        slug = feed_path.parent.name
        for entry in feed.entries:
            data = items[entry.link]
            if feed_path.parts[-3] == "phong-trao":
                assert slug in (data.get("campaigns") or []), (feed_path, entry.link)
    page = BeautifulSoup((sorted(example_site.glob("phong-trao/*/index.html"))[0]).read_text(encoding="utf-8"), "lxml")
    alternates = [link["href"] for link in page.select('link[rel="alternate"][type="application/rss+xml"]')]
    assert any(href.endswith("/rss.xml") and "/phong-trao/" in href for href in alternates)


def test_sitemap_has_content_dates_and_no_drafts(example_site):
    sitemap = BeautifulSoup((example_site / "sitemap.xml").read_text(encoding="utf-8"), "xml")
    urls = {u.loc.text: (u.lastmod.text if u.lastmod else None) for u in sitemap.find_all("url")}
    for url, data in published_stories().items():
        assert urls[url] == str(data["date"]), url
    assert not any("loi-noi-dung" in u for u in urls)
