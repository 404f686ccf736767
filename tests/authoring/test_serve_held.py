"""Under `mkdocs serve`, the story the writer has open shows its own front-matter mistake (code,
line, Vietnamese message and fix, a link to the problems page) instead of a bare 404, the rest of
the site keeps working, and the story comes back, by live reload, once the file is fixed."""
from __future__ import annotations

import re

import pytest
from test_serve import fetch, served, wait_for  # noqa: F401 (served is a fixture)

from lantoa.planning.held import address_of

pytestmark = [pytest.mark.slow, pytest.mark.browser]

WAIT_MS = 90_000


def test_address_of_follows_the_loader():
    assert address_of("stories/people/2024/Chị Đào/index.md") == ("story", "cau-chuyen/2024/chi-dao/")
    assert address_of("stories/news/2025/ra-quan/index.md") == ("news", "tin-tuc/2025/ra-quan/")
    assert address_of("stories/campaigns/thu/index.md") == ("campaign", "phong-trao/thu/")
    assert address_of("stories/units.yml") is None
    assert address_of("stories/people/2024/🌸/index.md") is None  # no address: refused by the loader


def test_broken_story_shows_its_problem_in_place_then_comes_back(served, page):
    project, base, server = served
    url = base + "cau-chuyen/2024/chi-dao/"
    wait_for(url, lambda body: "Câu chuyện về Trần Thị Đào" in body, server)
    page.goto(url)
    assert page.locator("h1").first.inner_text() == "Câu chuyện về Trần Thị Đào"

    index = project / "stories/people/2024/chi-dao/index.md"
    good = index.read_text(encoding="utf-8")
    index.write_text(good.replace("subject_kind:", "subject_kinds:"), encoding="utf-8")

    held = page.locator(".lt-held")
    held.wait_for(timeout=WAIT_MS)  # the open page reloads by itself: no navigation here
    shown = held.inner_text()
    assert "404" not in page.content()
    assert "stories/people/2024/chi-dao/index.md" in shown
    assert "LT006" in shown and re.search(r"dòng 4\b", shown), shown
    assert "subject_kinds" in shown and "Cách sửa" in shown
    link = held.locator("a[href*='loi-noi-dung']")
    assert link.count() == 1
    assert page.locator("meta[name=robots]").get_attribute("content") == "noindex"
    # The rest of the site works meanwhile, the problems page included.
    assert "Câu chuyện về Lê Thị An" in fetch(base + "cau-chuyen/2024/chi-an/")
    link.click()
    page.wait_for_url(re.compile(r"/loi-noi-dung/$"))
    assert "stories/people/2024/chi-dao/index.md" in page.content()

    page.goto(url)
    page.locator(".lt-held").wait_for()
    index.write_text(good, encoding="utf-8")
    page.locator("h1", has_text="Câu chuyện về Trần Thị Đào").wait_for(timeout=WAIT_MS)
    assert page.locator(".lt-held").count() == 0
