"""Gate 7: front matter and bodies cannot inject markup or script.

The fixture project tests/quality/fixtures/xss/ puts PAYLOAD at the start of every
text field and `javascript:` links (plain, mixed case, entity- and tab-obfuscated,
by reference) in every body. Its pages must show the payload as text, run nothing
in Chromium, and carry it unbroken in meta tags.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from quality_gates import build, html_files, serve
from support import sends_on

pytestmark = [pytest.mark.slow, pytest.mark.browser]

FIXTURE = Path(__file__).parent / "fixtures" / "xss"
SCRIPT = "<script>alert(1)</script>"
PAYLOAD = SCRIPT + "\" onmouseover=\"alert(1)' onmouseover='alert(1)"
TEXT_METAS = ("description", "og:title", "og:description", "og:image:alt",
              "twitter:title", "twitter:description", "twitter:image:alt")
JSON_SCRIPT_TYPES = ("application/ld+json", "application/json")
ITEM_PAGES = ("/phong-trao/phong-trao-xss/", "/cau-chuyen/2024/cau-chuyen-xss/", "/tin-tuc/2024/tin-xss/")
PHOTOS = ("stories/people/2024/cau-chuyen-xss/anh-1.jpg", "stories/news/2024/tin-xss/anh-1.jpg")

# Fires every inline handler, then follows every link whose URL would run script.
PROBE = """() => {
  const handlers = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on') && attr.value.includes('alert')) {
        handlers.push(`<${el.tagName.toLowerCase()} ${attr.name}="${attr.value}">`);
      }
    }
    el.dispatchEvent(new MouseEvent('mouseover', {bubbles: false}));
  }
  const scripted = [...document.querySelectorAll('a[href], area[href]')]
    .filter(a => a.protocol === 'javascript:');
  const links = scripted.map(a => a.getAttribute('href'));
  scripted.forEach(a => a.click());
  return {handlers, links};
}"""


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("xss") / "project"
    shutil.copytree(FIXTURE, project)
    for photo in PHOTOS:
        Image.new("RGB", (1600, 1000), (200, 120, 150)).save(project / photo, quality=80)
    (project / "stories/campaigns/phong-trao-xss/ke-hoach.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    site = project / "site"
    result = build(project, site, strict=False)  # the unsafe bodies are meant to warn
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="module")
def xss_url(xss_site):
    base, server = serve(xss_site)
    yield base
    server.shutdown()


def soup_of(site: Path, url: str) -> BeautifulSoup:
    path = site / url.strip("/") / "index.html"
    assert path.is_file(), f"the fixture's build has no page {url}"
    return BeautifulSoup(path.read_bytes(), "lxml")


def test_item_pages_carry_the_payload_as_text(xss_site):
    problems = []
    for url in ITEM_PAGES:
        soup = soup_of(xss_site, url)
        if PAYLOAD not in soup.title.get_text():
            problems.append(f"{url}: <title> does not show the title as text: {soup.title!r}")
        heading = soup.find("h1")
        if not heading or PAYLOAD not in heading.get_text():
            problems.append(f"{url}: <h1> does not show the title as text")
        og_title = soup.find("meta", property="og:title")
        if not og_title or PAYLOAD not in og_title.get("content", ""):
            problems.append(f"{url}: og:title does not carry the title unbroken: {og_title!r}")
    assert not problems, "\n".join(problems)


def meta_problems(path: Path, soup: BeautifulSoup) -> list[str]:
    """Text meta tags that mention the payload but do not hold it whole (broken out)."""
    problems = []
    for meta in soup.find_all("meta"):
        key = meta.get("property") or meta.get("name")
        content = meta.get("content", "")
        if key in TEXT_METAS and "alert(1)" in content and PAYLOAD not in content:
            problems.append(f"{path}: <meta {key}> holds a broken payload: {content!r}")
        if any(attr.startswith("on") for attr in meta.attrs):
            problems.append(f"{path}: {meta} gained an event handler")
    return problems


def script_problems(path: Path, soup: BeautifulSoup) -> list[str]:
    """Script elements the payload created or broke out of."""
    problems = []
    for script in soup.find_all("script"):
        text = script.string or ""
        kind = script.get("type", "text/javascript")
        if kind in JSON_SCRIPT_TYPES:
            try:
                json.loads(text)
            except ValueError as error:
                problems.append(f"{path}: <script type={kind}> is not JSON any more: {error}")
        elif "alert(1)" in text:
            problems.append(f"{path}: a script element runs the payload: {text[:80]!r}")
    return problems


def test_no_page_has_injected_markup(xss_site):
    problems = []
    for path in html_files(xss_site):
        soup = BeautifulSoup(path.read_bytes(), "lxml")
        relative = path.relative_to(xss_site)
        problems += meta_problems(relative, soup) + script_problems(relative, soup)
        problems += [f"{relative}: <{tag.name}> gained an event handler {attr}"
                     for tag in soup.find_all(True) for attr in tag.attrs
                     if attr.startswith("on") and "alert" in str(tag[attr])]
    assert not problems, "\n".join(problems[:50])


def test_nothing_runs_in_the_browser(xss_site, xss_url, page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    problems = []
    for path in html_files(xss_site):
        if sends_on(path.read_text(encoding="utf-8")):  # it navigates away: nothing of its own runs
            continue
        url = xss_url + "/" + path.relative_to(xss_site).as_posix().removesuffix("index.html")
        page.goto(url, wait_until="load")
        found = page.evaluate(PROBE)
        problems += [f"{url}: inline handler {h}" for h in found["handlers"]]
        problems += [f"{url}: javascript: link kept: {href!r}" for href in found["links"]]
        if found["links"]:
            page.wait_for_load_state("load")
    problems += [f"dialog opened: {d}" for d in dialogs]
    assert not problems, "\n".join(problems[:50])
