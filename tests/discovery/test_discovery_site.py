"""The built example site as search engines and phones read it (issue 16): every page parsed with
extruct and checked against Google's Article and Breadcrumb property lists, every URL absolute and
in the site, image sizes those of the files; robots.txt, the sitemap against the XSD, the
manifest and its icons, the editor served from the site with a Content-Security-Policy."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import extruct
import pytest
import yaml
from bs4 import BeautifulSoup
from lxml import etree
from PIL import Image

from lantoa import webapp
from support import ROOT, sends_on

HERE = Path(__file__).parent
SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nplugins:")[0])["site_url"]
# Google Search Central, "Article" structured data: no required property; recommended ones:
ARTICLE_RECOMMENDED = {"author", "dateModified", "datePublished", "headline", "image"}
AUTHOR_RECOMMENDED = {"@type", "name"}
# "Breadcrumb": itemListElement, each ListItem with item (but the last may omit it), name, position.
LIST_ITEM_REQUIRED = {"@type", "position", "name", "item"}


def file_of(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), f"not an absolute URL of the site: {url}"
    path = urlsplit(url).path[len(urlsplit(SITE_URL).path):]
    target = site / path
    return target / "index.html" if url.endswith("/") else target


@pytest.fixture(scope="module")
def pages(example_site):
    found = {}
    for html in sorted(example_site.rglob("*.html")):
        rel = html.relative_to(example_site).as_posix()
        if rel.startswith(("admin/", "assets/")) or rel in ("404.html", "ngoai-tuyen.html"):
            continue
        text = html.read_text(encoding="utf-8")
        if sends_on(text):
            continue
        url = SITE_URL + (rel[:-len("index.html")] if rel.endswith("index.html") else rel)
        found[url] = (text, extruct.extract(text, base_url=url, syntaxes=["json-ld"], uniform=True)["json-ld"])
    return found


def of_type(data: list[dict], kind: str) -> list[dict]:
    return [d for d in data if d.get("@type") == kind or kind in (d.get("@type") or ())]


def urls_in(value):
    if isinstance(value, dict):
        for key, inner in value.items():
            if key in ("url", "item", "contentUrl", "@id", "mainEntityOfPage") and isinstance(inner, str):
                yield inner
            else:
                yield from urls_in(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from urls_in(inner)


def test_every_url_absolute_and_in_the_site(example_site, pages):
    for url, (_, data) in pages.items():
        for found in urls_in(data):
            if found.startswith("https://zalo.me/") or found.startswith("https://www.facebook.com/"):
                continue
            assert file_of(example_site, found.split("#")[0]).exists(), f"{url}: {found} is not in the site"


def test_articles_carry_googles_properties_and_image_sizes_match_the_files(example_site, pages):
    articles = 0
    for url, (_, data) in pages.items():
        if "/cau-chuyen/" not in url and "/tin-tuc/" not in url or url.endswith(("/cau-chuyen/", "/tin-tuc/")):
            continue
        [article] = of_type(data, "NewsArticle")
        articles += 1
        assert ARTICLE_RECOMMENDED <= article.keys(), url
        assert len(article["headline"]) <= 110 and article["dateModified"] >= article["datePublished"]
        assert all(AUTHOR_RECOMMENDED <= a.keys() for a in article["author"])
        assert article["publisher"]["logo"]["width"] == 512
        images = article["image"]
        for image in images:
            with Image.open(file_of(example_site, image["url"])) as pixels:
                assert pixels.size == (image["width"], image["height"]), image["url"]
            assert image["width"] >= 1200
        ratios = {round(i["width"] / i["height"], 2) for i in images}
        assert ratios in ({1.78, 1.33, 1.0}, {1.9}), url  # the cover's three crops, or the card
        if "/cau-chuyen/" in url:
            assert article["about"]["@type"] in ("Person", "Organization") and article["contentLocation"]["name"]
            assert article["isPartOf"][0]["url"].startswith(SITE_URL + "phong-trao/")
    assert articles > 5


def test_covers_cropped_three_ways(pages):
    with_cover = [d for _, (_, data) in pages.items() for d in of_type(data, "NewsArticle")
                  if len(d["image"]) == 3]
    assert with_cover, "no story of the example has its cover's crops"


def test_breadcrumb_matches_the_visible_one_on_every_page(pages):
    for url, (text, data) in pages.items():
        soup = BeautifulSoup(text, "html.parser")
        nav = soup.select_one("nav.lt-crumbs")
        lists = of_type(data, "BreadcrumbList")
        if url == SITE_URL:
            assert nav is None and not lists
            continue
        if soup.select_one('meta[name="robots"][content*="noindex"]'):
            continue
        assert nav is not None and len(lists) == 1, url
        items = lists[0]["itemListElement"]
        assert all(LIST_ITEM_REQUIRED <= i.keys() for i in items)
        assert [i["position"] for i in items] == list(range(1, len(items) + 1))
        shown = [li.get_text(" ", strip=True) for li in nav.select("li")]
        assert shown == [i["name"] for i in items], url
        assert items[-1]["item"] == url and items[0]["item"] == SITE_URL


def test_home_has_website_and_organisation_with_logo(example_site, pages):
    _, data = pages[SITE_URL]
    [site] = of_type(data, "WebSite")
    [org] = of_type(data, "Organization")
    assert site["url"] == SITE_URL and site["inLanguage"] == "vi"
    with Image.open(file_of(example_site, org["logo"]["url"])) as logo:
        assert logo.size == (org["logo"]["width"], org["logo"]["height"])


def test_campaign_and_place_pages(pages):
    campaigns = [of_type(d, "CreativeWork") for u, (_, d) in pages.items()
                 if u.startswith(SITE_URL + "phong-trao/") and u.count("/") == 5]
    assert campaigns and all(len(c) == 1 for c in campaigns)
    work = campaigns[0][0]
    assert {"name", "temporalCoverage", "creator", "startDate"} <= work.keys()
    assert any("identifier" in c[0] for c in campaigns)
    places = [of_type(d, "Place") for u, (_, d) in pages.items() if u.startswith(SITE_URL + "dia-ban/")
              and u != SITE_URL + "dia-ban/" and "/trang-" not in u]
    assert places and all(len(p) == 1 for p in places)
    assert any(p[0].get("alternateName") for p in places)  # old and new names


def test_large_image_previews_on_public_pages_noindex_on_problems(example_site, pages):
    for url, (text, _) in pages.items():
        robots = BeautifulSoup(text, "html.parser").select('meta[name="robots"]')
        assert len(robots) == 1, url
        assert robots[0]["content"] in ("max-image-preview:large", "noindex"), url


def test_robots_txt_and_sitemap(example_site):
    robots = (example_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots
    assert "Disallow: /admin/" in robots and "Disallow: /loi-noi-dung/" in robots
    schema = etree.XMLSchema(etree.parse(str(HERE / "sitemap.xsd")))
    schema.assertValid(etree.parse(str(example_site / "sitemap.xml")))


def test_manifest_icons_and_head_tags(example_site, pages):
    manifest = json.loads((example_site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["lang"] == "vi" and manifest["description"] and manifest["theme_color"].startswith("#")
    for icon in manifest["icons"]:
        with Image.open(example_site / icon["src"]) as image:
            assert "x".join(map(str, image.size)) == icon["sizes"]
    assert {i["purpose"] for i in manifest["icons"]} == {"any", "maskable"}
    assert (example_site / "favicon.ico").is_file() and (example_site / "sw.js").is_file()
    head = BeautifulSoup(pages[SITE_URL][0], "html.parser").head
    assert head.select_one('link[rel="manifest"]')["href"] == "manifest.webmanifest"
    assert head.select_one('link[rel="apple-touch-icon"]') and head.select_one('meta[name="theme-color"]')
    assert head.select_one('link[rel="icon"]')["href"] == "favicon.ico"
    register = BeautifulSoup(pages[SITE_URL][0], "html.parser").select_one('script[src$="offline/register.js"]')
    assert register is not None and not register.has_attr("data-preview")  # a built site keeps pages offline


def test_every_page_shows_the_unions_icon_not_materials(example_site):
    """404.html too, which MkDocs renders without a page context. (The offline page is made
    whole in one file, with nothing to fetch: no icons.)"""
    pages = [p for p in example_site.rglob("*.html") if "admin" not in p.parts and p.name != webapp.OFFLINE_PAGE
             and not sends_on(p.read_text(encoding="utf-8"))]
    assert any(p.name == "404.html" for p in pages)
    for path in pages:
        head = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").head
        icons = [link["href"] for link in head.select('link[rel="icon"]')]
        assert icons and all(not href.endswith("assets/images/favicon.png") for href in icons), path
        assert head.select_one('link[rel="manifest"]'), path


def test_editor_served_from_the_site_under_a_content_security_policy(example_site):
    page = BeautifulSoup((example_site / "admin/index.html").read_text(encoding="utf-8"), "html.parser")
    csp = page.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    directives = {d.split()[0]: d.split()[1:] for d in csp.split(";")}
    # Strict for scripts: the site alone, nothing inline, no eval, no plugins, no <base>.
    assert directives["script-src"] == ["'self'", "'wasm-unsafe-eval'"]
    assert directives["object-src"] == ["'none'"] and directives["base-uri"] == ["'none'"]
    assert "'unsafe-eval'" not in csp and not any("unsafe-inline" in v for v in directives["default-src"])
    scripts = page.select("script")
    assert all(s.get("src") and not s.get("src").startswith(("http", "//")) for s in scripts)
    assert not any(s.string and s.string.strip() for s in scripts)  # nothing inline
    assert not page.find(attrs={"onerror": True}) and not page.find(attrs={"onload": True})
    assert (example_site / "admin/decap/decap-cms.js").stat().st_size > 1_000_000
    assert (example_site / "admin/editor.js").is_file()
