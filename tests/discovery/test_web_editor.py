"""The web editor (issues 16 and 19.8): Decap CMS loaded from the site itself with no network but
loopback and no violation of its strict Content-Security-Policy (no eval); Decap's own config
check, which the site's copy leaves out, run here on the generated config; its Vietnamese UI; its form on a 412 px phone
with Save in view; the guide naming the workflow as Decap's Vietnamese UI does; the vendored copy
is the package pinned in package.json / package-lock.json."""
from __future__ import annotations

import io
import json
import lzma
import re
import tarfile

import pytest
import yaml

from lantoa import editor
from support import ROOT, serve

PHONE = {"width": 412, "height": 915}
VIETNAMESE = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)
GUIDE_PAGES = {"sau-khi-luu.md": "## Khi lưu trên trang Soạn bài", "index.md": "### Trên trình duyệt"}


def test_the_vendored_archive_is_the_pinned_package():
    pin = json.loads((ROOT / "package.json").read_text())["devDependencies"]["decap-cms"]
    lock = json.loads((ROOT / "package-lock.json").read_text())["packages"]["node_modules/decap-cms"]
    assert pin == lock["version"] == editor.DECAP_VERSION
    package = ROOT / "node_modules" / "decap-cms"
    assert package.is_dir(), "node_modules/decap-cms missing: run scripts/install-test-tools"
    assert json.loads((package / "package.json").read_text())["version"] == pin
    with tarfile.open(fileobj=io.BytesIO(lzma.decompress(editor.decap_archive().read_bytes()))) as tar:
        vendored = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}
    wanted = {p.name: p.read_bytes() for p in editor.decap_files_in(package / "dist")}
    assert vendored.keys() == wanted.keys() and "decap-cms.js" in wanted
    assert all(vendored[name] == data for name, data in wanted.items()), "re-run scripts/vendor-decap"
    assert editor.decap_archive().stat().st_size < 2 * 1024 * 1024


def test_the_served_bundle_is_the_vendored_one_less_its_eval(example_site):
    with tarfile.open(fileobj=io.BytesIO(lzma.decompress(editor.decap_archive().read_bytes()))) as tar:
        vendored = tar.extractfile("decap-cms.js").read().decode("utf-8")
    served = (example_site / "admin/decap/decap-cms.js").read_text(encoding="utf-8")
    assert served == editor.without_eval(vendored) != vendored
    for anchor, replacement in editor.BUNDLE_CHANGES:
        assert anchor not in served and served.count(replacement) == 1
    with pytest.raises(ValueError, match="found 0 times"):
        editor.without_eval(vendored.replace(editor.BUNDLE_CHANGES[0][0], ""))


def decap_strings(example_site) -> set[str]:
    bundle = (example_site / "admin/decap/decap-cms.js").read_text(encoding="utf-8")
    # Locale strings are property values in the minified bundle: `workflowHeading:"Quy trình biên tập"`.
    return {s for s in re.findall(r'\w:"((?:[^"\\\n]|\\.){1,200})"', bundle) if VIETNAMESE.search(s) or "%{" in s}


def guide_terms() -> list[str]:
    terms = []
    for name, heading in GUIDE_PAGES.items():
        text = (ROOT / "docs/huong-dan" / name).read_text(encoding="utf-8")
        section = text[text.index(heading):]
        section = section[:section.find("\n#", len(heading))] if "\n#" in section[len(heading):] else section
        terms += re.findall(r"«([^»]+)»|\*\*([^*]+)\*\*", section)
    return [" ".join((a or b).split()).rstrip(".") for a, b in terms]


def test_the_guides_workflow_names_are_decaps_vietnamese_ui(example_site):
    strings = decap_strings(example_site)
    config = yaml.safe_load((example_site / "admin/config.yml").read_text(encoding="utf-8"))
    labels = {c[key] for c in config["collections"] for key in ("label", "label_singular")}
    patterns = [re.compile(re.sub(r"%\\\{\w+\\\}", ".+", re.escape(s.strip())) + "$") for s in strings]
    terms = guide_terms()
    assert {"Lưu", "Bản nháp", "Đang xét duyệt", "Sẵn sàng", "Công bố", "Biên tập"} <= set(terms)
    for term in terms:
        if term in labels or term.startswith(("scripts/", "`")):
            continue
        assert any(p.match(term) for p in patterns), f"«{term}» is not a label of Decap's Vietnamese UI"


def config_for_test_repo(site) -> dict:
    config = yaml.safe_load((site / "admin/config.yml").read_text(encoding="utf-8"))
    config["backend"] = {"name": "test-repo"}  # Decap's in-browser repository: no Git host needed
    config.pop("local_backend")  # (no decap-server on this machine to ask for)
    return config


@pytest.mark.browser
@pytest.mark.parametrize("broken", [False, True], ids=["generated", "broken"])
def test_decaps_own_config_check_passes_the_generated_config(browser, example_site, broken):
    """The site's copy of Decap leaves its config check out (the check needs eval); here the
    unchanged bundle from node_modules runs it, eval allowed, on the config the build made. A
    collection without its name must fail it: the check did run."""
    base, server = serve(example_site)
    config = config_for_test_repo(example_site)
    if broken:
        del config["collections"][0]["name"]
    html = (example_site / "admin/index.html").read_text(encoding="utf-8")
    html = html.replace("script-src &#39;self&#39;", "script-src &#39;self&#39; &#39;unsafe-eval&#39;")
    bundle = (ROOT / "node_modules/decap-cms/dist/decap-cms.js").read_bytes()
    assert bundle.count(editor.BUNDLE_CHANGES[0][0].encode()) == 1
    files = {"/admin/index.html": (html, "text/html"), "/admin/decap/decap-cms.js": (bundle, "text/javascript"),
             "/admin/config.yml": (yaml.safe_dump(config, allow_unicode=True), "text/yaml")}
    context = browser.new_context(locale="vi-VN")
    try:
        context.route("**/*", lambda r: r.fulfill(body=files[path][0], content_type=files[path][1])
                      if (path := r.request.url[len(base):]) in files else r.continue_())
        page = context.new_page()
        page.goto(f"{base}/admin/index.html")
        if broken:
            page.get_by_text("Config Errors").first.wait_for(timeout=30_000)
        else:
            page.get_by_role("button", name="Đăng nhập").first.click(timeout=30_000)
            page.get_by_text("Gương điển hình").first.wait_for()
    finally:
        context.close()
        server.shutdown()


@pytest.mark.browser
def test_the_editor_loads_from_the_site_and_fits_a_phone(browser, example_site):
    base, server = serve(example_site)
    config = config_for_test_repo(example_site)
    outside = []

    def route(request_route):
        url = request_route.request.url
        if not url.startswith(base):
            outside.append(url)
            return request_route.abort()
        if url.endswith("/admin/config.yml"):
            return request_route.fulfill(body=yaml.safe_dump(config, allow_unicode=True), content_type="text/yaml")
        return request_route.continue_()

    context = browser.new_context(locale="vi-VN", viewport=PHONE, device_scale_factor=2.625, is_mobile=True,
                                  has_touch=True)
    try:
        context.route("**/*", route)
        context.add_init_script("window.__violations = []; document.addEventListener('securitypolicyviolation',"
                                " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI))")
        page = context.new_page()
        page.goto(f"{base}/admin/index.html")
        page.get_by_role("button", name="Đăng nhập").first.click(timeout=30_000)
        page.get_by_text("Gương điển hình").first.wait_for()
        page.goto(f"{base}/admin/index.html#/collections/stories/new")
        save = page.get_by_role("button", name="Lưu", exact=True)
        save.wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        def in_view() -> bool:
            box = save.bounding_box()
            return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] \
                and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]

        assert in_view(), save.bounding_box()
        page.get_by_text("Nội dung", exact=True).last.scroll_into_view_if_needed()  # the body, at the end
        page.mouse.wheel(0, 20_000)
        page.wait_for_timeout(300)
        assert in_view(), "Save scrolled out of view with the form"
        assert page.evaluate("window.__violations") == []
        assert outside == []
        assert page.locator("#lt-editor-failed").is_hidden()
    finally:
        context.close()
        server.shutdown()


@pytest.mark.browser
def test_a_vietnamese_message_when_decap_cannot_load(browser, example_site):
    base, server = serve(example_site)
    context = browser.new_context(locale="vi-VN", viewport=PHONE)
    try:
        context.route("**/decap-cms.js", lambda r: r.abort())
        page = context.new_page()
        page.goto(f"{base}/admin/index.html", wait_until="load")
        message = page.locator("#lt-editor-failed")
        message.wait_for(state="visible")
        assert "Không tải được trình soạn bài" in message.inner_text()
    finally:
        context.close()
        server.shutdown()
