"""Search over the bundled example site (stories/), in Chromium: the queries readers type."""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from lantoa.search import INDEX_URL, SEARCH_PAGE_URL
from support import sends_on

pytestmark = [pytest.mark.browser, pytest.mark.slow]

STORIES = Path(__file__).resolve().parents[2] / "stories"
NFD = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731

# query → the slug of the page that must come first
TOP = [
    ("Triệu Thị Đào", "trieu-thi-dao-thuoc-tam-nguoi-dao"),
    ("trieu thi dao", "trieu-thi-dao-thuoc-tam-nguoi-dao"),
    (NFD("Triệu Thị Đào"), "trieu-thi-dao-thuoc-tam-nguoi-dao"),
    ("dao", "trieu-thi-dao-thuoc-tam-nguoi-dao"),
    ("mau son", "dang-thi-huong-lop-chu-mau-son"),  # "Mẫu Sơn" in its title
    ("hoang thi dung", "hoang-thi-dung-vit-co-that-khe"),
    ("vit quay", "hoang-thi-dung-vit-co-that-khe"),
    ("That Khe", "hoang-thi-dung-vit-co-that-khe"),
    ("nong thi anh", "nong-thi-anh-co-giao-diem-truong"),
    ("khau lan", "nong-thi-anh-co-giao-diem-truong"),
    ("ha thi duyen", "ha-thi-duyen-me-don-than"),
    ("song thuong", "ha-thi-duyen-me-don-than"),
    ("lang thi an", "lang-thi-an-hoa-giai-vien"),  # Lăng Thị Ân, not Lương Thị An
    ("Lương Thị An", "luong-thi-an-tiem-may-nghi-luc"),
    ("xe lan", "luong-thi-an-tiem-may-nghi-luc"),
    ("ngoi nha xanh", "mo-hinh-ngoi-nha-xanh-na-duong"),
    ("phe lieu", "mo-hinh-ngoi-nha-xanh-na-duong"),
    ("vi thi diep", "vi-thi-diep-ban-hang-truc-tuyen"),
    ("mat ong rung", "vi-thi-diep-ban-hang-truc-tuyen"),
    ("dinh lap", "vi-thi-diep-ban-hang-truc-tuyen"),
    ("khon pat", "chi-hoi-phu-nu-thon-khon-pat"),
    ("cot moc", "chi-hoi-phu-nu-thon-khon-pat"),
    ("khoi pho ba sach", "mo-hinh-khoi-pho-ba-sach"),
    ("tran phu", "mo-hinh-khoi-pho-ba-sach"),
]


def _front_matter(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text.split("---", 2)[1] if text.startswith("---") else ""


def _slug(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


@pytest.fixture(scope="module")
def search_url(example_url):
    return f"{example_url}/{SEARCH_PAGE_URL}"


def run(page, search_url: str, query: str, **filters) -> list[str]:
    params = {"q": query, **filters}
    page.goto(search_url + "?" + "&".join(f"{k}={v}" for k, v in params.items() if v))
    page.wait_for_function("document.querySelector('[data-lantoa-status]').textContent !== ''")
    page.wait_for_function("!document.querySelector('[data-lantoa-search-page]').hasAttribute('aria-busy')")
    urls = page.eval_on_selector_all("[data-lantoa-results] a", "as => as.map(a => a.href)")
    return [_slug(u) for u in urls]


@pytest.mark.parametrize("query, top", TOP)
def test_top_result(page, search_url, query, top):
    found = run(page, search_url, query)
    assert found and found[0] == top, found


@pytest.mark.parametrize("plain, accented", [
    ("phu nu", "phụ nữ"), ("dao", "Đào"), ("dinh lap", "Đình Lập"), ("loc binh", "Lộc Bình"),
    ("h binh gia", "H. Bình Gia"), ("5 khong 3 sach", "5 không, 3 sạch"),
])
def test_plain_and_nfd_find_what_the_accented_query_finds(page, search_url, plain, accented):
    expected = run(page, search_url, accented)
    assert expected
    assert run(page, search_url, plain) == expected
    assert run(page, search_url, NFD(accented)) == expected


def test_old_district_alias_finds_its_story(page, search_url):
    assert "nong-thi-anh-co-giao-diem-truong" in run(page, search_url, "H. Bình Gia")


def total(page) -> int:
    """The number of results the page announces ("12 kết quả"); the list shows only the first ones."""
    status = page.text_content("[data-lantoa-status]")
    digits = "".join(ch for ch in status.split("kết quả")[0] if ch.isdigit())
    return int(digits or 0)


def _in_campaign(slug: str) -> set[str]:
    return {p.parent.name for p in STORIES.rglob("index.md") if slug in _front_matter(p)}


def test_campaign_filter_narrows(page, search_url):
    run(page, search_url, "phu nu")
    everything = total(page)
    narrowed = run(page, search_url, "phu nu", campaign="gia-dinh-5-khong-3-sach")
    assert 0 < total(page) < everything
    stories = {"ha-thi-duyen-me-don-than", "mo-hinh-khoi-pho-ba-sach", "mo-hinh-ngoi-nha-xanh-na-duong"}
    assert stories <= set(narrowed) <= _in_campaign("gia-dinh-5-khong-3-sach") | {"gia-dinh-5-khong-3-sach"}
    assert "trieu-thi-dao-thuoc-tam-nguoi-dao" not in narrowed


def test_unit_filter_by_old_district_narrows(page, search_url, example_site):
    meta = json.loads((example_site / INDEX_URL / "meta.json").read_text(encoding="utf-8"))
    assert "huyen-bac-son" in [key for key, _ in meta["facets"]["unit"]]
    run(page, search_url, "phu nu")
    everything = total(page)
    narrowed = run(page, search_url, "phu nu", unit="huyen-bac-son")
    assert "mo-hinh-khoi-pho-ba-sach" in narrowed
    assert 0 < total(page) < everything
    assert "trieu-thi-dao-thuoc-tam-nguoi-dao" not in narrowed


def test_drafts_are_not_indexed(example_site):
    drafts = {p.parent.name for p in STORIES.rglob("index.md") if "\ndraft: true" in _front_matter(p)}
    index = example_site / INDEX_URL
    urls = {_slug(json.loads(p.read_text(encoding="utf-8"))["url"]) for p in (index / "d").iterdir()}
    assert urls and not (drafts & urls)
    assert not {u for u in urls if u in ("loi-noi-dung", "tim-kiem")}


def test_every_page_has_the_search_box(page, example_url):
    page.goto(example_url + "/")
    page.fill(".md-search__input", "trieu thi dao")
    page.wait_for_selector("[data-lantoa-instant] li")
    first = page.locator("[data-lantoa-instant] a").first.get_attribute("href")
    assert _slug(first) == "trieu-thi-dao-thuoc-tam-nguoi-dao"


def test_the_search_client_loads_after_the_page_unless_asked_sooner(page, example_url, example_site):
    """Outside the search page the client is fetched once the page has loaded (or at the first
    touch of the box): nothing of it competes with a story's cover."""
    story = next(p for p in example_site.glob("cau-chuyen/*/*/index.html"))
    html = story.read_text(encoding="utf-8")
    assert 'src="../../../assets/lantoa/search/search.js"' not in html
    page.goto(example_url + "/" + story.parent.relative_to(example_site).as_posix() + "/")
    page.wait_for_function("window.lantoaSearch")
    started, loaded = page.evaluate("""() => [
        performance.getEntriesByType('resource').find(e => e.name.endsWith('/search/search.js')).startTime,
        performance.getEntriesByType('navigation')[0].loadEventStart]""")
    assert started >= loaded
    searched = (example_site / "tim-kiem" / "index.html").read_text(encoding="utf-8")
    assert 'src="../assets/lantoa/search/search.js"' in searched  # the search page needs it at once


def test_every_page_loads_the_search_box_and_client(example_site):
    # admin/ is the web editor's own page (Sveltia/Decap CMS), not a page of the site
    pages = [p for p in example_site.rglob("index.html") if not {"assets", "admin"} & set(p.parts)
             and not sends_on(p.read_text(encoding="utf-8"))]
    assert len(pages) > 10
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert "data-lantoa-search-box" in html, path
        assert "assets/lantoa/search/search.js" in html and "data-lantoa-root" in html, path
        assert "search_index.json" not in html and 'data-md-component="search"' not in html, path


def test_three_results_on_the_first_screen_of_a_phone(browser, example_url):
    context = browser.new_context(viewport={"width": 412, "height": 915}, is_mobile=True, has_touch=True,
                                  locale="vi-VN")
    page = context.new_page()
    page.goto(f"{example_url}/{SEARCH_PAGE_URL}")
    page.fill("#lantoa-search-q", "phu nu")
    page.press("#lantoa-search-q", "Enter")
    page.wait_for_function("document.querySelectorAll('[data-lantoa-results] li').length >= 3")
    page.wait_for_function("!document.querySelector('[data-lantoa-search-page]').hasAttribute('aria-busy')")
    bottoms = page.eval_on_selector_all(
        "[data-lantoa-results] li", "lis => lis.slice(0, 3).map(li => li.getBoundingClientRect().bottom)")
    assert max(bottoms) <= 915, bottoms
    assert page.eval_on_selector_all(".lantoa-search__excerpt a", "as => as.length") == 0
    context.close()


def test_the_title_is_the_link_and_the_excerpt_is_not_underlined(browser, example_url):
    context = browser.new_context(viewport={"width": 412, "height": 915}, is_mobile=True, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{example_url}/{SEARCH_PAGE_URL}?q=phu%20nu%20khoi%20nghiep")
    page.wait_for_function("document.querySelector('[data-lantoa-results] li')")
    page.wait_for_function("!document.querySelector('[data-lantoa-search-page]').hasAttribute('aria-busy')")
    styles = page.evaluate("""() => Array.from(document.querySelectorAll('[data-lantoa-results] li')).map(li => {
        const link = li.querySelector('a'), excerpt = li.querySelector('.lantoa-search__excerpt');
        const text = getComputedStyle(document.querySelector('.lantoa-search__status'));
        return {links: li.querySelectorAll('a').length, inTitle: !!link.closest('h3'),
                excerptInLink: !!excerpt.closest('a'), excerptMarks: excerpt.querySelectorAll('mark').length,
                linkLine: getComputedStyle(link).textDecorationLine, linkColour: getComputedStyle(link).color,
                excerptLine: getComputedStyle(excerpt).textDecorationLine,
                markLine: Array.from(excerpt.querySelectorAll('mark'))
                  .map(m => getComputedStyle(m).textDecorationLine).join(' '),
                textColour: getComputedStyle(excerpt).color};
    })""")
    context.close()
    assert styles
    for item in styles:
        assert item["links"] == 1 and item["inTitle"] and not item["excerptInLink"], item
        assert item["linkLine"] == "underline" and item["linkColour"] != item["textColour"], item
        assert item["excerptLine"] == "none" and "underline" not in item["markLine"], item
    assert any(item["excerptMarks"] for item in styles)


def test_header_search_works_on_the_404_page(page, example_url):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(example_url + "/404.html")
    page.fill(".md-search__input", "ddong ddang")
    page.wait_for_selector("[data-lantoa-instant] li")
    first = page.locator("[data-lantoa-instant] a").first.get_attribute("href")
    assert _slug(first) in {"to-tu-quan-cho-van-minh-dong-dang", "ly-thi-diu-xuong-det-dong-dang"}
    assert not errors
