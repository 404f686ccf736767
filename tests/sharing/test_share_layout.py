"""The share row on the built example in Chromium: in a row (Material's list styles beaten), at a
phone's 412 px and a desktop's 1366 px; a compact row under a story's title, on the first screen;
Zalo reachable without an OA id; nothing from a third party loads."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def first(site, pattern: str) -> str:
    path = sorted(site.glob(pattern))[0]
    return path.parent.relative_to(site).as_posix() + "/"


def boxes(page, selector: str) -> list[dict]:
    return page.eval_on_selector_all(selector, """els => els.filter(e => e.offsetParent !== null)
        .map(e => { const r = e.getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height}; })""")


@pytest.mark.parametrize("width", [412, 1366])
@pytest.mark.parametrize("kind", ["cau-chuyen/*/*/index.html", "tin-tuc/*/*/index.html", "phong-trao/*/index.html"])
def test_share_buttons_sit_in_a_row(page, example_site, example_url, width, kind):
    scripts = []
    page.on("request", lambda request: request.resource_type == "script"
            and scripts.append(urlsplit(request.url).hostname))
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{example_url}/{first(example_site, kind)}")
    row = ".lt-share:not(.lt-share--compact) .lt-share__list"
    buttons = boxes(page, f"{row} .lt-share__button")
    items = boxes(page, f"{row} > li")
    listing = boxes(page, row)[0]
    assert len(buttons) >= 2, buttons  # Facebook, Zalo (the share sheet, or copying the link for Zalo)
    assert abs(buttons[0]["y"] - buttons[1]["y"]) < 2, buttons  # side by side, not stacked
    for before, after in zip(buttons, buttons[1:]):  # left to right, a new row starting at the left
        assert after["x"] > before["x"] + before["w"] or abs(after["x"] - buttons[0]["x"]) < 1, buttons
    assert abs(items[0]["x"] - listing["x"]) < 1, (items[0], listing)  # not indented
    if width == 1366:
        assert len({round(b["y"]) for b in buttons}) == 1, buttons  # one row
    style = page.eval_on_selector(f"{row} > li", "e => getComputedStyle(e).listStyleType + ' ' + "
                                                "getComputedStyle(e.parentElement).display")
    assert style == "none flex"
    zalo = page.locator(".lt-share:not(.lt-share--compact) .lt-share__button--zalo:visible")
    assert zalo.count() == 1  # no OA id in the example: the share sheet or "copy to send by Zalo"
    assert set(scripts) == {"127.0.0.1"}, scripts  # no third-party script before a tap


@pytest.mark.parametrize("width", [412, 1366])
def test_a_compact_share_row_under_the_story_title(page, example_site, example_url, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{example_url}/{first(example_site, 'cau-chuyen/*/*/index.html')}")
    title = boxes(page, "article h1")[0]
    compact = boxes(page, ".lt-share--compact .lt-share__button")
    assert compact and all(b["y"] > title["y"] for b in compact)
    assert max(b["y"] + b["h"] for b in compact) < 900  # on the first screen
    assert abs(compact[0]["y"] - compact[1]["y"]) < 2, compact
