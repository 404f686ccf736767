"""Every page kind as a reader on a phone opens it (issue 20): Chromium at 412×915, DPR 2.6, touch.

Stories come first on campaign and place pages; no request leaves the site; no English word of the
list below shows or is read out; the heat map's text is 12 CSS px or more; links and controls a
finger uses are 44×44 px or more; a story's first view fetches its cover and no other photo, and the
lightbox only on a tap; the 404 page is Vietnamese and leads somewhere.
"""
from __future__ import annotations

import re
import shutil
from urllib.parse import urlsplit

import pytest
from phone_pages import PAGE_KINDS, PHONE, PHONE_STORY_URL, SCREEN, campaign_pages, page_of_kind, place_pages
from support import CHROMIUM_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# English a reader must not meet: the toolchain's words and the labels of Material and GLightbox
# (whole words or phrases, any case). Words a story may quote (Facebook, Zalo, livestream) are not here.
ENGLISH = (
    "Made with", "Material for MkDocs", "MkDocs", "GitHub", "GitLab", "Not found", "404 - Not found",
    "Search", "Searching", "Initializing", "Type to start searching", "No matching documents",
    "Table of contents", "Back to top", "Skip to content", "Skip", "Tabs", "Navigation", "Header",
    "Footer", "Previous", "Next", "Menu", "Close", "Share", "Copy", "Copied", "Copy to clipboard",
    "Clipboard", "Edit", "Edit this page", "View source", "Source", "Repository", "Stars", "Forks",
    "Loading", "Metadata", "Contributors", "Authors", "Last update", "Home", "Page", "Image", "Photo",
    "Lightbox", "Zoom", "Read more", "Continue reading", "Toggle", "Light mode", "Dark mode", "Cookie",
    "Accept", "Reject", "Settings", "Feed", "Newer", "Older", "Archive", "Categories", "Tags",
    "Published", "Updated", "Download", "Filter", "Results", "Error", "Warning", "Note", "Tip",
    "Abstract", "Info", "Success", "Question", "Failure", "Danger", "Example", "Quote", "Powered by",
)
ENGLISH_PATTERN = re.compile(r"(?<![\w])(" + "|".join(re.escape(w) for w in ENGLISH) + r")(?![\w])", re.IGNORECASE)

# Text a reader sees (rendered text of visible elements) and reads out (labels, titles, alt texts,
# placeholders, SVG titles and descriptions, the document title).
READER_TEXT = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const parent = node.parentElement;
    if (!text || !parent || parent.closest('script, style, noscript, template')) continue;
    if (parent.closest('svg') ? parent.closest('svg').checkVisibility() : parent.checkVisibility()) {
      out.push(['text', text]);
    }
  }
  for (const el of document.querySelectorAll('[aria-label], [title], [alt], [placeholder]')) {
    for (const name of ['aria-label', 'title', 'alt', 'placeholder']) {
      const value = el.getAttribute(name);
      if (value) out.push([name, value]);
    }
  }
  for (const el of document.querySelectorAll('svg title, svg desc')) out.push(['svg', el.textContent]);
  out.push(['document.title', document.title]);
  return out;
}"""

# Effective size of every visible piece of text in the heat map: font size × the SVG's scale.
HEATMAP_TEXT_SIZES = """() => {
  const out = [];
  for (const box of document.querySelectorAll('.lt-heatmap, .lt-strips, .lt-legend')) {
    if (!box.checkVisibility()) continue;
    for (const el of box.querySelectorAll('*')) {
      const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())
        || (getComputedStyle(el, '::after').content || 'none') !== 'none' && el.classList.contains('lt-s');
      if (!own || !el.checkVisibility()) continue;
      let size = parseFloat(getComputedStyle(el).fontSize);
      if (el instanceof SVGElement) {
        const m = el.getScreenCTM();
        size *= m ? Math.hypot(m.a, m.b) : 0;
      }
      out.push([el.textContent.trim().slice(0, 30) || getComputedStyle(el, '::after').content, size]);
    }
  }
  return out;
}"""


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def visit(phone, url: str):
    """Open a page, wait for the network to go quiet; returns the response."""
    return phone.goto(url, wait_until="networkidle")


def scroll_through(phone) -> None:
    """Scroll to the end a screen at a time (lazy photos load), then back to the top."""
    height = phone.evaluate("document.documentElement.scrollHeight")
    for y in range(0, height + SCREEN, SCREEN):
        phone.evaluate(f"window.scrollTo(0, {y})")
        phone.wait_for_timeout(60)
    phone.wait_for_load_state("networkidle")
    phone.evaluate("window.scrollTo(0, 0)")


# ---- 1. stories first ---------------------------------------------------------------------------
def first_card_top(phone, url: str) -> float | None:
    visit(phone, url)
    return phone.evaluate("""() => { const card = document.querySelector('.lt-stories .lt-card');
        return card ? card.getBoundingClientRect().top + window.scrollY : null; }""")


@pytest.mark.parametrize("section", ["campaign", "place"])
def test_first_story_card_is_within_two_screens(section, phone, phone_site, phone_url, record_property):
    """On every campaign page and every place page (current and abolished) with stories."""
    if section == "campaign":
        urls = campaign_pages(phone_site)
    else:
        current, abolished = place_pages(phone_site)
        urls = current + abolished
    assert urls, f"no {section} page lists a story"
    tops = {url: first_card_top(phone, phone_url + url) for url in urls}
    record_property("first_card_y", tops)
    print(f"{section}: first story card at y = " + ", ".join(f"{y:.0f}" for y in tops.values()))
    late = {url: y for url, y in tops.items() if y is None or y >= 2 * SCREEN}
    assert late == {}, f"first story card not within two screens (y < {2 * SCREEN}): {late}"


@pytest.mark.parametrize("kind", ["campaign", "place", "place-abolished"])
def test_head_links_lead_to_every_part(kind, phone, phone_site, phone_url):
    """The head's in-page links each reach a part of the page, which then shows on the screen."""
    visit(phone, phone_url + page_of_kind(phone_site, kind))
    targets = phone.eval_on_selector_all(".lt-jump a", "links => links.map(a => a.getAttribute('href'))")
    assert "#guong-dien-hinh" in targets and len(targets) >= 3, targets
    for href in targets:
        assert phone.locator(href).count() == 1, f"{href} leads nowhere"
    last = targets[-1]
    phone.locator(f'.lt-jump a[href="{last}"]').tap()
    phone.wait_for_timeout(300)
    top = phone.evaluate(f"document.querySelector('{last}').getBoundingClientRect().top")
    assert 0 <= top < SCREEN, f"after a tap on {last} its part is at {top}"


# ---- 3. only the union's site, in Vietnamese -------------------------------------------------------
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_request_leaves_the_site(kind, phone, phone_site, phone_url):
    """Every request of the page, its lazy photos, the header's search and (on a story) the lightbox."""
    requests: list[str] = []
    phone.on("request", lambda request: requests.append(request.url))
    visit(phone, phone_url + page_of_kind(phone_site, kind))
    scroll_through(phone)
    if kind == "story":
        phone.locator("a.glightbox").first.tap()
        phone.wait_for_selector(".glightbox-container", state="visible")
        phone.keyboard.press("Escape")
        phone.wait_for_selector(".glightbox-container", state="detached")
    phone.locator('label[for="__search"]').first.tap()
    phone.locator(".md-search__input").fill("phu nu")
    phone.wait_for_load_state("networkidle")
    outside = sorted({url for url in requests
                      if not url.startswith(("data:", "blob:")) and origin(url) != phone_url})
    assert outside == [], f"requests to other sites from {kind}: {outside}"


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_english_words(kind, phone, phone_site, phone_url):
    visit(phone, phone_url + page_of_kind(phone_site, kind))
    found = sorted({f"{where}: «{text[:80]}» ({match.group(1)})"
                    for where, text in phone.evaluate(READER_TEXT)
                    for match in ENGLISH_PATTERN.finditer(text)})
    assert found == [], f"English on the {kind} page:\n" + "\n".join(found)


def test_back_to_top_says_what_it_does(phone, phone_site, phone_url):
    visit(phone, phone_url + page_of_kind(phone_site, "story"))
    assert phone.locator(".md-top").inner_text().strip() == "Lên đầu trang"


def test_404_page_is_vietnamese_and_leads_somewhere(phone, phone_site, phone_url):
    response = visit(phone, phone_url + page_of_kind(phone_site, "404"))
    assert response.status == 404
    assert phone.locator("h1").inner_text() == "Không tìm thấy trang"
    assert phone.locator('meta[name="robots"]').get_attribute("content") == "noindex"
    links = phone.eval_on_selector_all(".lt-lost-links a", "links => links.map(a => a.href)")
    assert len(links) == 4
    for link in links:
        assert phone.request.get(link).status == 200, link
    phone.locator("#lt-lost-q").fill("Lý Thị Dịu")
    phone.locator(".lt-lost-search button").tap()
    phone.wait_for_url(re.compile(r"/tim-kiem/\?q="))
    phone.wait_for_selector("[data-lantoa-results] li")
    assert "Lý Thị Dịu" in phone.locator("[data-lantoa-results]").inner_text()


# ---- 2. statistics a phone can read ---------------------------------------------------------------
@pytest.mark.parametrize("kind", ["statistics", "campaign", "place", "place-abolished"])
def test_heat_map_text_is_at_least_12px(kind, phone, phone_site, phone_url):
    visit(phone, phone_url + page_of_kind(phone_site, kind))
    sizes = phone.evaluate(HEATMAP_TEXT_SIZES)
    assert sizes, f"no heat map shows on the {kind} page"
    small = sorted({(text, round(size, 1)) for text, size in sizes if size < 12})
    assert small == [], f"heat map text under 12 px on the {kind} page: {small[:10]}"
    marks = phone.eval_on_selector_all(".lt-strips .lt-s", "cells => cells.map(c => getComputedStyle(c, '::after').content)")
    assert any("✓" in m or "◐" in m or "✗" in m for m in marks), "the marks are gone: colour alone tells the status"


@pytest.mark.parametrize("kind", ["statistics", "campaign"])
def test_wide_table_keeps_its_first_column_and_says_it_scrolls(kind, phone, phone_site, phone_url):
    visit(phone, phone_url + page_of_kind(phone_site, kind))
    summary = phone.locator("details.lt-table-fold > summary").first
    summary.scroll_into_view_if_needed()  # rows above it are laid out as they come into view
    phone.wait_for_timeout(200)
    summary.tap()
    region = phone.locator(".lt-scroll").first
    assert region.evaluate("r => r.scrollWidth > r.clientWidth"), "the table fits: nothing to check"
    assert phone.locator(".lt-scroll__hint").first.is_visible()
    first = region.locator("tbody th[scope=row]").first
    before = first.bounding_box()["x"]
    region.evaluate("r => r.scrollBy(300, 0)")
    phone.wait_for_timeout(100)
    assert abs(first.bounding_box()["x"] - before) < 1, "the place column scrolled out of view"


# ---- 5. tap targets -------------------------------------------------------------------------------
TAP_TARGETS = {  # page kind or site URL: what a finger taps there
    "archive": ".lt-archive a, .md-content .lt-chips a",
    "/luu-tru/2024/": ".md-content .lt-chips a, .lt-pager a",  # a year: its months
    "/the/": ".md-content .lt-chips a",  # the tags
    "campaign": ".lt-jump a, .lt-pager a",
    "place": ".lt-jump a, .lt-pager a",
    "place-abolished": ".lt-jump a, .lt-pager a",
    "search": "details.lantoa-search__filters > summary, .lantoa-search__filters select",
    "404": ".lt-lost-links a, #lt-lost-q, .lt-lost-search button",
}


@pytest.mark.parametrize("kind", TAP_TARGETS)
def test_tap_targets_are_44px(kind, phone, phone_site, phone_url):
    visit(phone, phone_url + (kind if kind.startswith("/") else page_of_kind(phone_site, kind)))
    if kind == "search":
        phone.locator("details.lantoa-search__filters > summary").tap()
    boxes = phone.eval_on_selector_all(TAP_TARGETS[kind], """els => els.filter(e => e.checkVisibility())
        .map(e => { const r = e.getBoundingClientRect(); return [e.textContent.trim().slice(0, 30), r.width, r.height]; })""")
    assert boxes, f"nothing to tap on the {kind} page ({TAP_TARGETS[kind]})"
    small = [(text, round(w), round(h)) for text, w, h in boxes if w < 44 or h < 44]
    assert small == [], f"tap targets under 44×44 px on the {kind} page: {small[:10]}"


# ---- 4. a light first view ------------------------------------------------------------------------
def test_story_first_view_fetches_the_cover_only(phone, phone_site, phone_url):
    """No scrolling: one photo (the cover, high priority), no GLightbox; a tap on a photo brings it."""
    photos, lightbox = [], []
    phone.on("request", lambda r: photos.append(r.url) if r.resource_type == "image" and "/anh/" in r.url else None)
    phone.on("request", lambda r: lightbox.append(r.url) if "glightbox" in r.url else None)
    visit(phone, phone_url + page_of_kind(phone_site, "story"))
    phone.wait_for_timeout(500)
    cover = phone.locator("img.lt-photo__img").first
    assert cover.get_attribute("fetchpriority") == "high"
    assert cover.evaluate("img => img.currentSrc") in photos
    assert len(photos) == 1, f"the first view fetched {len(photos)} photos: {photos}"
    assert lightbox == [], f"GLightbox loaded before a tap: {lightbox}"
    for img in phone.locator("img.lt-photo__img").all()[1:]:
        assert img.get_attribute("loading") == "lazy"
    phone.locator("a.glightbox").first.tap()
    phone.wait_for_selector(".glightbox-container .gslide-image img", state="visible")
    assert any(url.endswith("glightbox.min.js") for url in lightbox)


def test_phone_story_on_slow_data_fetches_the_cover_only(browser, phone_url):
    """On slow mobile data Chromium fetches lazy images thousands of pixels ahead (8,000 px on 2G,
    3,000 when it cannot tell); the related stories' thumbnails, far down the phone story, must
    still wait for the reader to come near, and come when the reader does."""
    slow = browser.browser_type.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                       args=[*CHROMIUM_ARGS, "--force-effective-connection-type=2G"])
    try:
        phone = slow.new_context(**PHONE).new_page()
        photos = []
        phone.on("request", lambda r: photos.append(r.url) if "/anh/" in r.url else None)
        visit(phone, phone_url + PHONE_STORY_URL)
        assert phone.evaluate("navigator.connection.effectiveType") == "2g"
        related = phone.locator(".lt-related img")
        assert related.count() >= 1 and related.first.evaluate("img => img.getBoundingClientRect().top") > 3 * SCREEN
        cover = phone.locator("img.lt-photo__img").first.evaluate("img => img.currentSrc")
        assert photos == [cover], f"the first view fetched {len(photos)} photos: {photos}"
        related.last.scroll_into_view_if_needed()
        phone.wait_for_function("[...document.querySelectorAll('.lt-related img')]"
                                ".every(i => i.complete && i.naturalWidth > 0)")
    finally:
        slow.close()


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_nothing_blocks_the_first_paint_but_the_stylesheets(kind, phone, phone_site, phone_url):
    """In <head>: no script without defer or async; of Lan Tỏa's stylesheets, one file."""
    visit(phone, phone_url + page_of_kind(phone_site, kind))
    blocking = phone.eval_on_selector_all(
        "head script[src]", "ss => ss.filter(s => !s.defer && !s.async && s.type !== 'module').map(s => s.src)")
    assert blocking == [], f"scripts blocking the first paint: {blocking}"
    sheets = phone.eval_on_selector_all('link[rel="stylesheet"]', "ls => ls.map(l => l.href)")
    own = [s for s in sheets if "/assets/lantoa/" in s]
    assert [s.rsplit("/", 1)[1] for s in own] == ["lantoa.css"], sheets
    assert not [s for s in sheets if "glightbox" in s], sheets

