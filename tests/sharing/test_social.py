"""Preview meta data: the description, absolute URLs, settings checks, the meta-tag partial."""
from __future__ import annotations

import dataclasses

import pytest
from bs4 import BeautifulSoup

from lantoa.social import absolute, check_site_url, check_zalo_oa_id, describe
from sharing_helpers import render, story_meta


# ---------------------------------------------------------------- describe

@pytest.mark.parametrize("markdown, plain", [
    ("**Chị Hường** đã _khôi phục_ nghề dệt.", "Chị Hường đã khôi phục nghề dệt."),
    ("Xem [kế hoạch 386/KH-BTV](../ke-hoach.pdf) của Hội.", "Xem kế hoạch 386/KH-BTV của Hội."),
    ("Ảnh ![khung cửi](anh-1.jpg) đẹp.", "Ảnh đẹp."),
    ("> Trích dẫn\n>\n> dòng hai", "Trích dẫn dòng hai"),
    ("## Tiêu đề\n\n- một\n- hai\n1. ba", "Tiêu đề một hai ba"),
    ("Dùng `mã` và <em>HTML</em> &amp; thực thể", "Dùng mã và <em>HTML</em> &amp; thực thể"),  # text as written
    ("Chú thích[^1] ở đây.\n\n[^1]: ghi chú", "Chú thích ở đây."),
    ("snake_case_word và 2*3*4 giữ nguyên", "snake_case_word và 2*3*4 giữ nguyên"),
    ("Phu\u0323 nu\u031b\u0303", "Phụ nữ"),  # NFD in, NFC out
    ("", ""),
])
def test_describe_strips_markdown(markdown, plain):
    assert describe(markdown) == plain


def test_describe_cuts_on_a_word_boundary_with_an_ellipsis():
    sentence = "Phong trào thi đua xây dựng người phụ nữ Việt Nam thời đại mới, "
    text = describe(sentence * 10)
    assert len(text) <= 200 and text.endswith("…")
    body = text[:-1]
    assert (sentence * 10).startswith(body)
    assert (sentence * 10)[len(body)] == " "  # the cut falls between words
    assert not body.endswith((",", " "))


def test_describe_keeps_text_that_fits_and_honours_the_limit():
    assert describe("Một câu ngắn.", limit=20) == "Một câu ngắn."
    assert describe("một hai ba bốn năm sáu", limit=12) == "một hai ba…"


def test_absolute_urls_keep_the_sub_path_of_site_url():
    assert absolute("https://hoi.vn/phunu/", "nguoi-tot/a/") == "https://hoi.vn/phunu/nguoi-tot/a/"
    assert absolute("https://hoi.vn/phunu", "/nguoi-tot/a/") == "https://hoi.vn/phunu/nguoi-tot/a/"
    assert absolute("https://hoi.vn/", "") == "https://hoi.vn/"
    assert absolute("https://hoi.vn/", "https://other.vn/x") == "https://other.vn/x"
    assert absolute("https://hoi.vn/", "a b/ả.jpg") == "https://hoi.vn/a%20b/%E1%BA%A3.jpg"


def test_missing_or_relative_site_url_is_a_diagnostic():
    assert [d.code for d in check_site_url(None)] == ["LT131"]
    assert [d.code for d in check_site_url("  ")] == ["LT131"]
    assert [d.code for d in check_site_url("phunu.example.vn")] == ["LT132"]
    assert check_site_url("https://phunu.example.vn/") == []
    assert check_site_url(None)[0].is_error and check_site_url(None)[0].file == "mkdocs.yml"


def test_zalo_oa_id_must_be_digits():
    assert check_zalo_oa_id(None) == [] and check_zalo_oa_id("579745863508352884") == []
    assert check_zalo_oa_id(579745863508352884) == []
    assert [d.code for d in check_zalo_oa_id("oa-hoi-phu-nu")] == ["LT133"]


def test_facebook_share_link_encodes_the_whole_url():
    meta = story_meta(url="https://hoi.vn/a/?x=1&y=2")
    assert meta.facebook_share == (
        "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fhoi.vn%2Fa%2F%3Fx%3D1%26y%3D2")


# ---------------------------------------------------------------- the partial

def tags(html: str) -> dict[str, list[str]]:
    soup = BeautifulSoup(html, "lxml")
    found: dict[str, list[str]] = {}
    for meta in soup.find_all("meta"):
        key = meta.get("property") or meta.get("name")
        found.setdefault(key, []).append(meta["content"])
    for link in soup.find_all("link"):
        found.setdefault(f"link:{link['rel'][0]}", []).append(link["href"])
    return found


def test_article_tags():
    found = tags(render("lantoa/partials/social-meta.html", social=story_meta()))
    assert found["og:type"] == ["article"]
    assert found["og:title"] == ["Chị Đặng Thị Hường giữ nghề dệt thổ cẩm"]
    assert found["og:url"] == found["link:canonical"] == ["https://phunu.example.vn/nguoi-tot/2024/chi-huong/"]
    assert found["og:locale"] == ["vi_VN"]
    assert found["og:site_name"] == ["Hội LHPN tỉnh Cao Bằng"]
    assert found["og:image"] == ["https://phunu.example.vn/the-chia-se/abc.jpg"]
    assert (found["og:image:width"], found["og:image:height"]) == (["1200"], ["630"])
    assert found["og:image:type"] == ["image/jpeg"]
    assert found["og:image:alt"] == ["Chị Đặng Thị Hường bên khung cửi"]
    assert found["article:published_time"] == ["2024-03-08"]
    assert found["article:section"] == ["Xây dựng người Phụ nữ Việt Nam thời đại mới"]
    assert found["article:tag"] == ["Có trách nhiệm", "Sáng tạo"]
    assert found["twitter:card"] == ["summary_large_image"]
    assert found["link:alternate"] == ["https://phunu.example.vn/rss.xml"]


def test_website_pages_have_no_article_tags_and_canonical_can_be_left_to_the_theme():
    meta = story_meta(type="website", image=None, feeds=())
    found = tags(render("lantoa/partials/social-meta.html", social=meta, skip_canonical=True))
    assert found["og:type"] == ["website"]
    assert not [key for key in found if key.startswith(("article:", "og:image", "link:"))]


def test_front_matter_cannot_inject_html():
    evil = '"><script>alert(1)</script><meta property="og:title" content="x'
    html = render("lantoa/partials/social-meta.html",
                  social=story_meta(title=evil, description=evil, tags=(evil,)))
    soup = BeautifulSoup(html, "lxml")
    assert soup.find("script") is None
    assert [m["content"] for m in soup.find_all("meta", property="og:title")] == [evil]


def test_nothing_is_rendered_without_social():
    assert render("lantoa/partials/social-meta.html", social=None).strip() == ""


def test_social_meta_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        story_meta().title = "x"


def test_sapos_without_markup_skip_the_rules_and_lose_nothing():
    """describe() skips the sixteen rules when `_MARKUP` finds nothing they could match."""
    import random

    from lantoa import social
    from lantoa.text import nfc

    rng = random.Random(5)
    alphabet = list("abc đ ơ ư ,.;:!?()-*_`~[]{}#>+=^\\<>/\n 0123456789\"'")
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))  # under the 200 limit
        every_rule = nfc(text)
        for pattern, replacement in social._RULES:
            every_rule = pattern.sub(replacement, every_rule)
        assert describe(text) == " ".join(every_rule.split()), repr(text)
