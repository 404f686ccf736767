"""Gate 2: no broken internal link, anchor, image candidate, social image or feed URL.

Two independent checks: linkinator crawls the served site (links, srcset, fragments);
a parser walks every file and maps each local URL, including absolute ones under the
site's canonical address (og:image, feeds, sitemap), to a file in the built site.
"""
from __future__ import annotations

import json
import subprocess
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup

from quality_gates import html_files, node_tool

MAX_LISTED = 50
URL_ATTRIBUTES = {"a": "href", "area": "href", "link": "href", "img": "src", "source": "src",
                  "script": "src", "iframe": "src", "video": "src", "audio": "src", "track": "src"}
SHARED_IMAGES = ("og:image", "og:image:url", "og:image:secure_url", "twitter:image")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")


def fail_with(problems: list[str], what: str) -> None:
    if problems:
        listed = "\n".join(problems[:MAX_LISTED])
        more = f"\n… and {len(problems) - MAX_LISTED} more" if len(problems) > MAX_LISTED else ""
        pytest.fail(f"{len(problems)} {what}:\n{listed}{more}", pytrace=False)


def test_linkinator_finds_no_broken_link(example_site):
    """linkinator serves the folder itself (on localhost) and crawls it from the home page."""
    cli = node_tool("linkinator/build/src/cli.js")
    result = subprocess.run(
        ["node", str(cli), str(example_site), "--recurse", "--check-fragments", "--format", "json",
         "--skip", "^(?!http://localhost)"],
        capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    checked = [link for link in report["links"] if link["state"] != "SKIPPED"]
    assert len(checked) > 1, f"linkinator checked nothing: {result.stderr}"
    broken = [f"{link.get('parent', '?')} → {link['url']} ({link['status']})"
              for link in report["links"] if link["state"] == "BROKEN"]
    fail_with(sorted(broken), "broken links (linkinator)")


# The parser's own walk -------------------------------------------------------------

@lru_cache(maxsize=None)
def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_bytes(), "lxml")


@lru_cache(maxsize=None)
def anchors(path: Path) -> frozenset[str]:
    soup = parse(path)
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    return frozenset(ids | {tag["name"] for tag in soup.find_all("a", attrs={"name": True})})


def canonical_base(site: Path) -> str:
    """The site's public address, from the home page's canonical link ("" if none)."""
    link = parse(site / "index.html").find("link", rel="canonical")
    return link["href"] if link and link.get("href") else ""


def page_address(site: Path, base: str, path: Path) -> str:
    relative = path.relative_to(site).as_posix()
    return urljoin(base or "http://site.invalid/", relative.removesuffix("index.html"))


def local_target(site: Path, base: str, address: str) -> tuple[Path, str] | None:
    """The file (and fragment) an absolute address names inside the site, None if external."""
    origin = base or "http://site.invalid/"
    if not address.startswith(urlsplit(origin)._replace(path="", query="", fragment="").geturl()):
        return None
    parts = urlsplit(address)
    root_path = urlsplit(origin).path
    path = unquote(parts.path)
    if not path.startswith(root_path):
        return site / "__outside_the_site__", parts.fragment
    target = site / path[len(root_path):]
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def srcset_urls(value: str) -> list[str]:
    return [candidate.strip().split()[0] for candidate in value.split(",") if candidate.strip()]


def references(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """(what, url) of every URL a page refers to: links, sources, srcset candidates, meta images."""
    found = []
    for tag_name, attribute in URL_ATTRIBUTES.items():
        for tag in soup.find_all(tag_name, attrs={attribute: True}):
            if tag_name == "link" and "preconnect" in (tag.get("rel") or []):
                continue
            found.append((f"<{tag_name} {attribute}>", tag[attribute]))
    for tag in soup.find_all(["img", "source"], srcset=True):
        found += [(f"<{tag.name} srcset>", url) for url in srcset_urls(tag["srcset"])]
    for tag in soup.find_all("meta", content=True):
        if (tag.get("property") or tag.get("name")) in SHARED_IMAGES:
            found.append((f"<meta {tag.get('property') or tag.get('name')}>", tag["content"]))
    return found


def check_reference(site, base, page_url, url) -> str | None:
    """What is wrong with one reference, or None."""
    url = url.strip()
    if not url or url.startswith(("mailto:", "tel:", "data:", "javascript:", "sms:")):
        return None
    target = local_target(site, base, urljoin(page_url, url))
    if target is None:
        return None
    path, fragment = target
    if not path.is_file():
        return f"missing file {path.relative_to(site) if path.is_relative_to(site) else path}"
    if fragment and path.suffix == ".html" and unquote(fragment) not in anchors(path):
        return f"no element with id {unquote(fragment)!r} in {path.relative_to(site)}"
    return None


def page_problems(site: Path, base: str, path: Path) -> list[str]:
    page_url = page_address(site, base, path)
    problems = []
    for what, url in references(parse(path)):
        problem = check_reference(site, base, page_url, url)
        if problem:
            problems.append(f"{path.relative_to(site)}: {what} {url} → {problem}")
    return problems


def test_every_local_url_and_anchor_resolves(example_site):
    base = canonical_base(example_site)
    problems = [p for path in html_files(example_site) for p in page_problems(example_site, base, path)]
    fail_with(problems, "broken references (links, anchors, srcset, og:image, feeds)")


def test_the_url_checks_are_not_vacuous(example_site):
    """The site has shared images and responsive images, so the checks above check them."""
    soups = [parse(path) for path in html_files(example_site)]
    assert any(soup.find("meta", property="og:image") for soup in soups), "no page has og:image"
    assert any(soup.find(["img", "source"], srcset=True) for soup in soups), "no image has a srcset"


def feed_files(site: Path) -> list[Path]:
    """Every feed the pages announce with <link rel=alternate>."""
    base = canonical_base(site)
    feeds = set()
    for path in html_files(site):
        for link in parse(path).find_all("link", rel="alternate", type=FEED_TYPES, href=True):
            target = local_target(site, base, urljoin(page_address(site, base, path), link["href"]))
            if target and target[0].is_file():
                feeds.add(target[0])
    return sorted(feeds)


def test_feeds_and_sitemap_point_inside_the_site(example_site):
    base = canonical_base(example_site)
    feeds = feed_files(example_site)
    assert feeds, "no page announces a feed (<link rel=alternate type=application/rss+xml>)"
    problems = []
    for feed in feeds:
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo, f"{feed.relative_to(example_site)}: {parsed.bozo_exception}"
        for entry in parsed.entries:
            urls = [entry.get("link", "")] + [e.get("href", "") for e in entry.get("enclosures", [])]
            for url in filter(None, urls):
                problem = check_reference(example_site, base, base, url)
                if problem:
                    problems.append(f"{feed.relative_to(example_site)}: {url} → {problem}")
    sitemap = example_site / "sitemap.xml"
    if sitemap.is_file():
        for url in BeautifulSoup(sitemap.read_bytes(), "xml").find_all("loc"):
            problem = check_reference(example_site, base, base, url.text)
            if problem:
                problems.append(f"sitemap.xml: {url.text} → {problem}")
    fail_with(problems, "feed or sitemap URLs not in the site")
