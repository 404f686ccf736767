"""Reading without signal, in Chromium (issue 16): open a story, lose the network, reload it: it
shows with its cover; open a page not kept: the Vietnamese offline page. The editor is never kept."""
from __future__ import annotations

import re

import pytest

from support import serve

pytestmark = pytest.mark.browser
PHONE = {"width": 412, "height": 915}


def story_with_cover(site) -> str:
    for html in sorted((site / "cau-chuyen").rglob("index.html")):
        text = html.read_text(encoding="utf-8")
        if 'fetchpriority="high"' in text:
            return html.parent.relative_to(site).as_posix() + "/"
    raise AssertionError("no story with a cover in the example")


def kept(page, cache: str) -> list[str]:
    return page.evaluate("name => caches.open(name).then(c => c.keys()).then(k => k.map(r => r.url))", cache)


def test_a_story_opened_once_reads_offline_with_its_cover(browser, example_site):
    base, server = serve(example_site)
    context = browser.new_context(locale="vi-VN", viewport=PHONE, device_scale_factor=2.625,
                                  service_workers="allow")
    try:
        page = context.new_page()
        url = f"{base}/{story_with_cover(example_site)}"
        page.goto(url, wait_until="load")
        cover = page.locator("article img[fetchpriority=high]").first
        cover_src = cover.evaluate("img => img.currentSrc")
        page.wait_for_function(
            "([page, image]) => Promise.all([caches.match(page), caches.match(image)]).then(r => r.every(Boolean))",
            arg=[url, cover_src], timeout=15_000)
        page.goto(f"{base}/admin/index.html", wait_until="domcontentloaded")
        page.goto(url, wait_until="load")
        assert not [u for name in ("lantoa-pages", "lantoa-files") for u in kept(page, name) if "/admin/" in u]

        server.shutdown()
        server.server_close()  # the network is gone: nothing answers any more

        page.reload(wait_until="load")
        assert page.locator("h1").first.inner_text().strip()
        assert page.locator("article img[fetchpriority=high]").first.evaluate(
            "img => img.complete && img.naturalWidth > 0"), "the cover did not show offline"
        assert page.locator("link[rel=stylesheet]").count() and page.evaluate(
            "() => getComputedStyle(document.body).fontSize") != ""

        page.goto(f"{base}/nhan-vat/", wait_until="load")
        assert page.locator("h1").inner_text() == "Không có kết nối mạng"
        assert re.search("chưa được lưu lại", page.content())
    finally:
        context.close()
        server.server_close()
