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
    """Items with every word, then the closest ones (under «Kết quả gần đúng»)."""
    return page.eval_on_selector_all(
        "[data-lantoa-results] a, [data-lantoa-partial] a", "links => links.map(a => new URL(a.href).pathname)")


def full_results(page) -> list[str]:
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
    search(page, "H. Bắc Sơn")
    assert set(full_results(page)) == {HOA, BAC_SON}


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
    assert item.locator("h3 a").inner_html() == "<mark>Đào</mark> <mark>Thị</mark> <mark>Hoa</mark>, người giữ nghề dệt thổ cẩm"
    assert item.locator("a").count() == 1  # the title is the link, the excerpt is not
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
    page.click("details.lantoa-search__filters > summary")
    page.select_option("select[name=campaign]", "thoi-dai-moi")
    page.wait_for_function("location.search.includes('campaign=thoi-dai-moi')")
    page.wait_for_function("!document.querySelector('[data-lantoa-search-page]').hasAttribute('aria-busy')")
    narrowed = full_results(page)
    assert set(narrowed) == {HOA, MY_TU}
    assert set(narrowed) < set(everything)


def test_unit_filter_with_old_district_narrows_and_survives_reload(page, site_url):
    open_search(page, site_url, "phu nu", unit="huyen-bac-son")
    assert page.input_value("select[name=unit]") == "huyen-bac-son"
    assert set(full_results(page)) == {HOA, BAC_SON}
    open_search(page, site_url, "", unit="xa-tan-thanh")
    assert results(page) == [HOA]


def test_year_and_kind_filters(page, site_url):
    open_search(page, site_url, "", year="2023")
    assert results(page) == [MAI_NEWS, MAI]
    open_search(page, site_url, "phu nu", kind="tập thể")
    assert full_results(page) == [MY_TU]


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
    assert page.text_content("[data-lantoa-instant-meta]").endswith(" kết quả")
    page.press(".md-search__input", "Enter")
    page.wait_for_url("**/sub/tim-kiem/?q=dinh+quan")
    page.wait_for_function("document.querySelector('[data-lantoa-results] li')")
    assert results(page)[0] == MAI_NEWS


def test_client_folds_and_hashes_like_the_builder(page, site_url):
    page.goto(site_url)
    page.wait_for_function("window.lantoaSearch")  # loaded once the page is idle (search-scripts.html)
    samples = ["Phụ nữ Định Quán", unicodedata.normalize("NFD", "Mỹ Tú, ĐÀO"), "5 không; 3 sạch"]
    for text in samples:
        assert page.evaluate("t => lantoaSearch.syllables(t)", text) == syllables(text)
    for key in ["phu", "phu nu", "=nguyen thi mai", "đ", "2024"]:
        assert page.evaluate("k => lantoaSearch.shardOf(k, 97)", key) == shard_of(key, 97)


@pytest.mark.parametrize("typed, accented", [
    ("ddao", "đào"), ("DDaof", "Đào"), ("thoor caams", "thổ cẩm"), ("tho63 ca6m1", "thổ cẩm"),
    ("d9ao2 thi5 hoa", "Đào Thị Hoa"), ("khowir nghieepj", "khởi nghiệp"), ("ddinhj quans", "Định Quán"),
])
def test_telex_and_vni_leftovers_give_the_accented_list(page, site_url, typed, accented):
    open_search(page, site_url)
    expected = search(page, accented)
    assert expected
    assert search(page, typed) == expected
    assert page.text_content("[data-lantoa-note]").startswith("Đang hiện kết quả cho «")


def test_a_real_word_that_looks_like_telex_keeps_its_own_matches(page, site_url):
    open_search(page, site_url)
    assert search(page, "hoa")[0] in (HOA, BAC_SON)
    assert page.is_hidden("[data-lantoa-note]")


def test_typo_is_matched_and_said(page, site_url):
    open_search(page, site_url)
    assert search(page, "khoi nghep")[0] == MAI
    # "nghiệp" is only in the campaign's name here, which records do not carry: the folded word
    assert page.text_content("[data-lantoa-note]") == "Đang hiện kết quả cho «khoi nghiep»"
    assert search(page, "kyxthuat") == []  # nothing within one edit


def test_prefix_completes_a_word(page, site_url):
    open_search(page, site_url)
    assert search(page, "nghiê")[0] == MAI


def test_a_name_no_item_has_is_not_a_hit(page, site_url):
    open_search(page, site_url)
    found = search(page, "Nguyễn Thị Hoa")
    assert found and full_results(page) == []
    assert page.text_content("[data-lantoa-status]").startswith("Không có bài nào nhắc đến «Nguyễn Thị Hoa».")
    assert page.is_visible("[data-lantoa-partial-heading]")


def test_items_with_every_word_come_first(page, site_url):
    open_search(page, site_url)
    found = search(page, "trồng bưởi")
    assert full_results(page) == [MAI]
    assert found[0] == MAI and set(found[1:]) == {BAC_SON, MY_TU}  # "trồng" alone
    assert page.text_content("[data-lantoa-status]").startswith("1 kết quả · ")


def test_excerpt_marks_the_words_as_the_item_writes_them(page, site_url):
    open_search(page, site_url)
    search(page, "phu nu")
    item = page.locator(f"[data-lantoa-results] li[data-url='{BAC_SON.removeprefix('/sub/')}']")
    excerpt = item.locator(".lantoa-search__excerpt")
    assert "phù" in excerpt.text_content()
    assert excerpt.locator("mark").all_text_contents() == ["Phụ", "nữ"]


def test_filters_fold_behind_one_summary_that_counts_them(page, site_url):
    open_search(page, site_url, "phu nu", unit="huyen-bac-son", year="2022")
    assert not page.eval_on_selector("details.lantoa-search__filters", "d => d.open")
    assert page.text_content("details.lantoa-search__filters > summary") == "Lọc kết quả (2 đang chọn)"


def test_header_box_works_on_a_page_with_an_absolute_root(page, site_url):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url + "404.html")
    page.fill(".md-search__input", "dao thi hoa")
    page.wait_for_selector("[data-lantoa-instant] li")
    assert page.locator("[data-lantoa-instant] a").first.get_attribute("href").endswith(HOA)
    assert not errors


def test_root_ends_in_one_slash():
    from search_harness import render
    for base, root in [(".", "./"), ("..", "../"), ("/", "/"), ("/sub", "/sub/")]:
        assert f'data-lantoa-root="{root}"' in render("lantoa/partials/search-scripts.html", base)
