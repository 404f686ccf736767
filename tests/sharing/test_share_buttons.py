"""Share buttons in Chromium, on a small page rendered from the partial."""
from __future__ import annotations

import shutil
from urllib.parse import urlsplit

import pytest

from support import serve
from sharing_helpers import ASSETS, render, story_meta

pytestmark = pytest.mark.browser

OA_ID = "579745863508352884"
PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Thử nút chia sẻ</title>
<link rel="stylesheet" href="assets/lantoa/share/share.css"></head>
<body><main><h1>Bài thử</h1>{share}</main>
<script src="assets/lantoa/share/share.js" defer></script></body></html>
"""
ZALO_STUB = """
window.ZaloSocialSDK = { reload: function () { window.__zaloReloads = (window.__zaloReloads || 0) + 1; } };
document.querySelectorAll(".zalo-share-button").forEach(function (el) {
  el.addEventListener("click", function () {
    window.__zaloShared = { href: el.dataset.href, oaid: el.dataset.oaid, customize: el.dataset.customize };
  });
});
"""


@pytest.fixture(scope="module")
def harness(tmp_path_factory):
    root = tmp_path_factory.mktemp("share")
    shutil.copytree(ASSETS / "share", root / "assets" / "lantoa" / "share")
    meta = story_meta()
    for name, oa_id in (("zalo.html", OA_ID), ("plain.html", None)):
        share = render("lantoa/partials/share.html", social=meta, zalo_oa_id=oa_id)
        (root / name).write_text(PAGE.format(share=share), encoding="utf-8")
    base, server = serve(root)
    yield base
    server.shutdown()


def record_hosts(page) -> list[str]:
    hosts: list[str] = []
    page.on("request", lambda request: hosts.append(urlsplit(request.url).hostname))
    return hosts


def test_buttons_have_vietnamese_accessible_names(page, harness):
    page.goto(f"{harness}/zalo.html")
    facebook = page.get_by_role("link", name="Chia sẻ lên Facebook (mở cửa sổ mới)")
    assert facebook.get_attribute("href") == story_meta().facebook_share
    assert facebook.get_attribute("target") == "_blank"
    assert "noopener" in facebook.get_attribute("rel")
    assert page.get_by_role("button", name="Chia sẻ lên Zalo").is_visible()
    assert page.get_by_role("button", name="Sao chép liên kết", exact=True).is_visible()
    assert page.get_by_role("group", name="Chia sẻ").is_visible()


def test_without_an_official_account_id_zalo_is_reached_by_copying_the_link(page, harness):
    page.add_init_script("delete Navigator.prototype.share; delete navigator.share;")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=harness)
    page.goto(f"{harness}/plain.html")
    page.get_by_role("button", name="Sao chép liên kết để gửi Zalo").wait_for()
    assert page.get_by_role("button", name="Sao chép liên kết", exact=True).count() == 0  # the same, once
    assert page.get_by_role("button", name="Chia sẻ lên Zalo").count() == 0
    assert page.locator("[data-lt-zalo]").count() == 0
    for_zalo = page.get_by_role("button", name="Sao chép liên kết để gửi Zalo")
    assert for_zalo.is_visible()
    for_zalo.click()
    page.get_by_text("dán vào Zalo để gửi").wait_for(state="visible")
    assert page.evaluate("navigator.clipboard.readText()") == story_meta().url


def test_without_an_official_account_id_zalo_is_in_the_share_sheet(page, harness):
    page.add_init_script(
        "navigator.share = function (data) { window.__shared = data; return Promise.resolve(); };")
    page.goto(f"{harness}/plain.html")
    assert page.get_by_role("button", name="Sao chép liên kết để gửi Zalo").count() == 0
    page.get_by_role("button", name="Chia sẻ qua Zalo, ứng dụng khác").click()
    assert page.evaluate("window.__shared")["url"] == story_meta().url


def test_copy_link_copies_and_says_so(page, harness):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=harness)
    page.goto(f"{harness}/zalo.html")
    status = page.get_by_role("status")
    assert status.inner_text().strip() == ""
    page.get_by_role("button", name="Sao chép liên kết", exact=True).click()
    page.get_by_text("Đã sao chép liên kết").wait_for(state="visible")
    assert page.evaluate("navigator.clipboard.readText()") == story_meta().url


def test_copy_link_works_without_the_clipboard_api(page, harness):
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined});")
    page.goto(f"{harness}/zalo.html")
    page.get_by_role("button", name="Sao chép liên kết", exact=True).click()
    page.get_by_text("Đã sao chép liên kết").wait_for(state="visible")


def test_web_share_button_only_where_the_browser_has_it(page, harness):
    page.goto(f"{harness}/plain.html")
    has_share = page.evaluate("typeof navigator.share === 'function'")
    button = page.get_by_role("button", name="Chia sẻ qua Zalo, ứng dụng khác")
    assert button.count() == (1 if has_share else 0)


def test_web_share_button_shares_title_and_url(page, harness):
    page.add_init_script(
        "navigator.share = function (data) { window.__shared = data; return Promise.resolve(); };")
    page.goto(f"{harness}/plain.html")
    page.get_by_role("button", name="Chia sẻ qua Zalo, ứng dụng khác").click()
    shared = page.evaluate("window.__shared")
    meta = story_meta()
    assert shared == {"title": meta.title, "text": meta.description, "url": meta.url}


def test_no_third_party_request_until_zalo_is_clicked(page, harness):
    hosts = record_hosts(page)
    page.route("https://sp.zalo.me/**", lambda route: route.fulfill(
        status=200, content_type="application/javascript", body=ZALO_STUB))
    page.goto(f"{harness}/zalo.html")
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Sao chép liên kết", exact=True).hover()
    assert set(hosts) == {"127.0.0.1"}, hosts
    page.get_by_role("button", name="Chia sẻ lên Zalo").click()
    page.wait_for_function("window.__zaloShared !== undefined")
    assert "sp.zalo.me" in hosts
    assert page.evaluate("window.__zaloShared") == {
        "href": story_meta().url, "oaid": OA_ID, "customize": "true"}
    assert page.locator("script[src='https://sp.zalo.me/plugins/sdk.js']").count() == 1


def test_second_zalo_click_does_not_load_the_sdk_again(page, harness):
    loads = []
    page.route("https://sp.zalo.me/**", lambda route: (loads.append(route.request.url), route.fulfill(
        status=200, content_type="application/javascript", body=ZALO_STUB)))
    page.goto(f"{harness}/zalo.html")
    zalo = page.get_by_role("button", name="Chia sẻ lên Zalo")
    zalo.click()
    page.wait_for_function("window.__zaloShared !== undefined")
    page.evaluate("window.__zaloShared = undefined")
    zalo.click()
    page.wait_for_function("window.__zaloShared !== undefined")
    assert loads == ["https://sp.zalo.me/plugins/sdk.js"]


def test_zalo_sdk_unreachable_tells_the_reader(page, harness):
    page.route("https://sp.zalo.me/**", lambda route: route.abort())
    page.goto(f"{harness}/zalo.html")
    page.get_by_role("button", name="Chia sẻ lên Zalo").click()
    page.get_by_text("Không tải được Zalo").wait_for(state="visible")
