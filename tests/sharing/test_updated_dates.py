"""`updated:` in stories and news: validated like `date` (and not before it), and the day that
article:modified_time, dateModified, the sitemap and the feeds give."""
from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from lantoa.load import load_corpus
from projects import Project, copy_small
from support import mkdocs_build


def codes(root: Path) -> list[tuple[str, int | None]]:
    return [(d.code, d.line) for d in load_corpus(root, "stories").diagnostics]


def test_updated_is_validated_like_date_and_not_before_it(tmp_path):
    project = Project(tmp_path)
    project.story(folder="2024/a", updated="2024-04-02")
    project.story(folder="2024/b", updated="2/4/2024")
    assert codes(tmp_path) == []
    corpus = load_corpus(tmp_path, "stories")
    assert {str(s.updated) for s in corpus.stories} == {"2024-04-02"}
    project.story(folder="2024/b", updated="32/4/2024")
    project.story(folder="2024/c", updated="2024-03-01")  # before its date, 8/3/2024
    found = {code for code, _ in codes(tmp_path)}
    assert "LT017" in found and len(found) == 2, found


@pytest.mark.slow
def test_updated_drives_modified_time_sitemap_and_feeds(tmp_path):
    project = copy_small(tmp_path / "project")
    story = project / "stories" / "people" / "2024" / "chi-dao" / "index.md"
    story.write_text(story.read_text(encoding="utf-8").replace("date: 2024-03-08\n",
                                                               "date: 2024-03-08\nupdated: 2025-02-01\n"),
                     encoding="utf-8")
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((site / "cau-chuyen/2024/chi-dao/index.html").read_text(encoding="utf-8"), "lxml")
    assert page.select_one('meta[property="article:modified_time"]')["content"] == "2025-02-01"
    assert page.select_one('meta[property="article:published_time"]')["content"] == "2024-03-08"
    assert page.select_one('[itemprop="dateModified"]')["datetime"] == "2025-02-01"
    sitemap = BeautifulSoup((site / "sitemap.xml").read_text(encoding="utf-8"), "xml")
    dates = {u.loc.text: u.lastmod.text for u in sitemap.find_all("url")}
    assert dates["https://example.org/thu/cau-chuyen/2024/chi-dao/"] == "2025-02-01"
    assert dates["https://example.org/thu/phong-trao/tinh-nha/"] >= "2025-02-01"
    feed = feedparser.parse((site / "phong-trao" / "tinh-nha" / "rss.xml").read_bytes())
    assert feed.feed.updated.startswith("Sat, 01 Feb 2025")  # lastBuildDate, in Vietnam's time
    other = BeautifulSoup((site / "cau-chuyen/2024/chi-an/index.html").read_text(encoding="utf-8"), "lxml")
    assert other.select_one('meta[property="article:modified_time"]') is None
