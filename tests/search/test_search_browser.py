"""The search client in Chromium against a small generated site served under /sub/."""
from __future__ import annotations

import unicodedata

import pytest

from lantoa.search.tokens import shard_of, syllables

from search_harness import build_site, serve

pytestmark = pytest.mark.browser

HOA = "/sub/cau-chuyen/2022/dao-thi-hoa/"
MAI = "/sub/cau-chuyen/2023/nguyen-thi-mai/"
MAI_NEWS = "/sub/tin-tuc/2023/hoc-tap-nguyen-thi-mai/"
MY_TU = "/sub/cau-chuyen/2024/to-tiet-kiem-my-tu/"
BAC_SON = "/sub/cau-chuyen/2021/mo-hinh-bac-son/"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("search-site")
    build_site(root / "sub")
    base, server = serve(root)
    yield base + "/sub/"
    server.shutdown()


def open_search(page, site_url, query="", **filters):
    params = "&".join(f"{k}={v}" for k, v in {"q": query, **filters}.items() if v)
    page.goto(f"{site_url}tim-kiem/" + (f"?{params}" if params else ""))
    page.wait_for_function("document.querySelector('[data-lantoa-status]').textContent !== ''")
    page.wait_for_function("!document.querySelector('[data-lantoa-search-page]').hasAttribute('aria-busy')")


def results(page) -> list[str]:
    return page.eval_on_selector_all(
        "[data-lantoa-results] a", "links => links.map(a => new URL(a.href).pathname)")


def search(page, query: str) -> list[str]:
    page.fill("#lantoa-search-q", query)
    page.wait_for_function(
        "q => new URLSearchParams(location.search).get('q') === q.trim() || (!q.trim() && !location.search)",
        arg=query)
    page.wait_for_function("!document.querySelector('[data-lantoa-search-page]').hasAttribute('aria-busy')")
    return results(page)


def test_query_from_url_prefills_and_runs(page, site_url):
    open_search(page, site_url, "dao")
    assert page.input_value("#lantoa-search-q") == "dao"
    assert results(page)[0] == HOA


@pytest.mark.parametrize("typed", ["phụ nữ", "phu nu", "phụ nu", unicodedata.normalize("NFD", "Phụ Nữ"), "PHU NU"])
def test_diacritic_free_nfd_and_partial_queries_find_the_same(page, site_url, typed):
    open_search(page, site_url)
    expected = search(page, "phụ nữ")
    assert len(expected) >= 4
    assert search(page, typed) == expected


@pytest.mark.parametrize("typed, top", [
    ("dao", HOA), ("Đào", HOA), ("dinh quan", MAI_NEWS), ("Định Quán", MAI_NEWS), ("mai", MAI),
    ("my tu", MY_TU), ("H. Bắc Sơn", BAC_SON), ("h bac son", BAC_SON), ("tho cam", HOA),
    ("khoi nghiep", MAI), ("sang tao", HOA), ("5 khong 3 sach", BAC_SON),
])
def test_top_result(page, site_url, typed, top):
    open_search(page, site_url)
    found = search(page, typed)
    assert found and found[0] == top


def test_old_alias_finds_all_stories_of_the_old_district(page, site_url):
    open_search(page, site_url)
    assert set(search(page, "H. Bắc Sơn")) == {HOA, BAC_SON}


def test_exact_name_ranks_first(page, site_url):
    open_search(page, site_url)
    found = search(page, "nguyen thi mai")
    assert found[:2] == [MAI, MAI_NEWS]  # the news item repeats the name more often


def test_no_result_message(page, site_url):
    open_search(page, site_url)
    assert search(page, "xyzzy quux") == []
    assert page.text_content("[data-lantoa-status]") == "Không tìm thấy kết quả"


def test_result_shows_title_kind_unit_date_and_accented_highlight(page, site_url):
    open_search(page, site_url, "dao thi hoa")
    item = page.locator("[data-lantoa-results] li").first
    meta = item.locator(".lantoa-search__meta").text_content()
    assert meta == "Gương điển hình · xã Tân Thành, huyện Bắc Sơn · 20/9/2022"
    assert item.locator("h3").inner_html() == "<mark>Đào</mark> <mark>Thị</mark> <mark>Hoa</mark>, người giữ nghề dệt thổ cẩm"
    marks = item.locator(".lantoa-search__excerpt mark").all_text_contents()
    assert "Đào" in marks and "Hoa" in marks


def test_markup_in_titles_is_shown_as_text(page, site_url):
    open_search(page, site_url, "gioi thieu")
    title = page.locator("[data-lantoa-results] h3").first
    assert "<img" in title.text_content()
    assert page.locator("[data-lantoa-results] img").count() == 0


def test_campaign_filter_narrows(page, site_url):
    open_search(page, site_url, "phu nu")
    everything = results(page)
    page.select_option("select[name=campaign]", "thoi-dai-moi")
    page.wait_for_function("location.search.includes('campaign=thoi-dai-moi')")
    page.wait_for_function("!document.querySelector('[data-lantoa-search-page]').hasAttribute('aria-busy')")
    narrowed = results(page)
    assert set(narrowed) == {HOA, MY_TU}
    assert set(narrowed) < set(everything)


def test_unit_filter_with_old_district_narrows_and_survives_reload(page, site_url):
    open_search(page, site_url, "phu nu", unit="huyen-bac-son")
    assert page.input_value("select[name=unit]") == "huyen-bac-son"
    assert set(results(page)) == {HOA, BAC_SON}
    open_search(page, site_url, "", unit="xa-tan-thanh")
    assert results(page) == [HOA]


def test_year_and_kind_filters(page, site_url):
    open_search(page, site_url, "", year="2023")
    assert results(page) == [MAI_NEWS, MAI]
    open_search(page, site_url, "phu nu", kind="tập thể")
    assert results(page) == [MY_TU]


def test_only_needed_files_are_fetched(page, site_url):
    fetched = []
    page.on("request", lambda r: fetched.append(r.url))
    open_search(page, site_url, "my tu", unit="huyen-my-tu")
    index = [u.split("search-index/")[1].split("?")[0] for u in fetched if "search-index/" in u]
    assert "f/unit-2.json" in index
    assert not [f for f in index if f.startswith("f/") and f != "f/unit-2.json"]
    assert len([f for f in index if f.startswith("s/")]) <= 4  # my, tu, "my tu", name


def test_header_box_shows_instant_results_and_opens_search_page(page, site_url):
    page.goto(site_url)
    page.fill(".md-search__input", "dinh quan")
    page.wait_for_selector("[data-lantoa-instant] li")
    first = page.locator("[data-lantoa-instant] a").first.get_attribute("href")
    assert first.endswith(MAI_NEWS)  # the shorter unit field weighs more
    assert page.text_content("[data-lantoa-instant-meta]") == "2 kết quả"
    page.press(".md-search__input", "Enter")
    page.wait_for_url("**/sub/tim-kiem/?q=dinh+quan")
    page.wait_for_function("document.querySelector('[data-lantoa-results] li')")
    assert results(page)[0] == MAI_NEWS


def test_client_folds_and_hashes_like_the_builder(page, site_url):
    page.goto(site_url)
    samples = ["Phụ nữ Định Quán", unicodedata.normalize("NFD", "Mỹ Tú, ĐÀO"), "5 không; 3 sạch"]
    for text in samples:
        assert page.evaluate("t => lantoaSearch.syllables(t)", text) == syllables(text)
    for key in ["phu", "phu nu", "=nguyen thi mai", "đ", "2024"]:
        assert page.evaluate("k => lantoaSearch.shardOf(k, 97)", key) == shard_of(key, 97)
