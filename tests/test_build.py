"""Whole builds of the small fixture site: the right items on the right generated pages."""
import json
import os
import subprocess

import pytest
from bs4 import BeautifulSoup

from support import engine, mkdocs_build
from projects import copy_small

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = copy_small(tmp_path_factory.mktemp("small") / "project")
    out = project / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    return out


def soup(site, url):
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "lxml")


def card_titles(page):
    return [a.get_text(strip=True) for a in page.select(".lt-card__title a")]


def test_campaign_page_lists_its_stories_and_facts(site):
    page = soup(site, "phong-trao/tinh-nha")
    assert card_titles(page) == ["Câu chuyện về HTX Hoa Ban", "Câu chuyện về Trần Thị Đào"]
    facts = page.select_one(".lt-facts").get_text(" ", strip=True)
    assert "Đang diễn ra" in facts and "80/KH-BTV, ngày 28/7/2022" in facts
    assert "2 (cá nhân: 1, tập thể: 1)" in facts
    assert page.select_one('.lt-facts a[href="../quoc-gia/"]').get_text() == "Xây dựng người Phụ nữ Việt Nam thời đại mới"


def test_campaign_status_and_nomination_window(site):
    facts = soup(site, "phong-trao/dot-20-10").select_one(".lt-facts").get_text(" ", strip=True)
    assert "Đã kết thúc" in facts and "21/10/2024 – 10/11/2024" in facts


def test_parent_campaign_criteria_counts_and_children(site):
    page = soup(site, "phong-trao/quoc-gia")
    assert "Phụ nữ tỉnh Thử tự tin" in page.select_one(".lt-facts").get_text()
    criteria = page.select_one(".lt-criteria").get_text(" ", strip=True)
    assert "Có tri thức (1 gương điển hình)" in criteria and "Có trách nhiệm (1 gương điển hình)" in criteria


def test_district_page_includes_commune_stories_and_says_what_it_became(site):
    page = soup(site, "dia-ban/huyen-my-tu")
    stories, news = page.select_one("section.lt-stories"), page.select_one('section[aria-labelledby="tin-hoat-dong"]')
    assert card_titles(stories) == ["Câu chuyện về Lê Thị An", "Câu chuyện về Trần Thị Đào"]
    assert card_titles(news) == ["Phát động đợt thi đua 20/10"]
    history = page.select_one(".lt-history").get_text(" ", strip=True)
    assert "30/6/2025" in history and "1/7/2025" in history
    assert page.select_one('.lt-history a[href="../xa-my-tu/"]')


def test_new_commune_page_names_its_predecessors(site):
    page = soup(site, "dia-ban/xa-my-tu")
    assert card_titles(page) == ["Câu chuyện về Mô hình Nhà sạch"]
    facts = page.select_one(".lt-facts").get_text(" ", strip=True)
    assert "Hình thành từ" in facts and "huyện Mỹ Tú" in facts and "xã Mỹ Hương" in facts


def test_story_page_facts(site):
    page = soup(site, "cau-chuyen/2024/chi-an")
    facts = page.select_one(".lt-facts").get_text(" ", strip=True)
    assert "Lê Thị An (cá nhân)" in facts and "Có tri thức" in facts
    assert "xã Mỹ Hương, huyện Mỹ Tú" in facts
    assert page.select_one(".lt-byline time").get_text() == "1/10/2024"
    img = page.select_one("figure img")
    assert img["alt"] == "Ảnh của Lê Thị An" and img["fetchpriority"] == "high"


def test_drafts_never_reach_the_site(site):
    leaks = [p for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".xml", ".json", ".txt", ".csv")
             and "Người Nháp Bí Mật" in p.read_text(encoding="utf-8", errors="ignore")]
    assert leaks == []
    assert not (site / "cau-chuyen" / "2024" / "nhap").exists()


def test_home_shows_featured_running_and_latest(site):
    page = soup(site, "")
    sections = {s.h2.get_text(): card_titles(s) for s in page.select("section") if s.h2}
    assert sections["Gương điển hình nổi bật"] == ["Câu chuyện về Trần Thị Đào"]
    assert "Phụ nữ tỉnh Thử tự tin" in sections["Phong trào đang diễn ra"]
    assert sections["Câu chuyện mới"][0] == "Câu chuyện về Mô hình Nhà sạch"


def test_names_sorted_by_given_name(site):
    page = soup(site, "nhan-vat")
    names = [a.get_text() for a in page.select("article li > a")]
    assert names == ["Lê Thị An", "HTX Hoa Ban", "Trần Thị Đào", "Mô hình Nhà sạch"]
    assert [h.get_text() for h in page.select("article h2")] == ["A", "B", "Đ", "S"]


def test_archive_paginates(site):
    assert card_titles(soup(site, "luu-tru/2024")) == ["Câu chuyện về Lê Thị An", "Phát động đợt thi đua 20/10"]
    assert card_titles(soup(site, "luu-tru/2024/trang-2")) == ["Câu chuyện về HTX Hoa Ban",
                                                               "Câu chuyện về Trần Thị Đào"]
    assert card_titles(soup(site, "luu-tru/2024/03")) == ["Câu chuyện về Trần Thị Đào"]


def test_tag_pages(site):
    assert card_titles(soup(site, "the/dan-toc-thieu-so")) == ["Câu chuyện về Trần Thị Đào"]


def test_urls_are_ascii_and_not_in_nav(site):
    assert all(str(p.relative_to(site)).isascii() for p in site.rglob("*"))
    nav = soup(site, "").select_one("nav.md-nav--primary").get_text()
    assert "Trần Thị Đào" not in nav


def test_every_folder_above_an_item_page_leads_to_the_archive(site):
    """A reader who shortens a story's or news item's address lands on the archive, not a 404:
    each folder above an item page sends the browser on, and is no page of its own for search
    engines, the sitemap or share cards."""
    items = [p.parent for section in ("cau-chuyen", "tin-tuc") for p in (site / section).glob("*/*/index.html")]
    folders = {f for item in items for f in (item.parent, item.parent.parent)}
    assert len(items) >= 5 and len(folders) == 5  # cau-chuyen/ with 2024 and 2025, tin-tuc/ with 2024
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for folder in folders:
        page = BeautifulSoup((folder / "index.html").read_text(encoding="utf-8"), "lxml")
        target = page.select_one('meta[http-equiv="refresh"]')["content"].split("url=", 1)[1]
        assert page.select_one('link[rel="canonical"]')["href"] == target == page.select_one("a")["href"]
        year = folder.name if folder.name.isdigit() else None
        assert (folder / target).resolve() == (site / "luu-tru" / (year or "")).resolve(), folder
        assert (folder / target / "index.html").is_file()
        assert page.select_one('meta[name="robots"]')["content"] == "noindex" and not page.select("script")
        assert f"/{folder.relative_to(site).as_posix()}/<" not in sitemap
        assert not page.select('meta[property="og:image"]')


def test_no_problems_page_on_a_clean_build(site):
    assert not (site / "loi-noi-dung").exists()


def test_search_index_has_no_draft_and_all_stories(site):
    meta = json.loads((site / "assets/lantoa/search-index/meta.json").read_text(encoding="utf-8"))
    assert "Người Nháp" not in json.dumps(meta, ensure_ascii=False)
    records = [json.loads(p.read_text(encoding="utf-8")) for p in (site / "assets/lantoa/search-index/d").glob("*")]
    assert len(records) == 4 + 1 + 3  # stories, news, campaigns


@pytest.fixture
def broken(tmp_path):
    project = copy_small(tmp_path / "project")
    story = project / "stories/people/2024/chi-an/index.md"
    story.write_text(story.read_text(encoding="utf-8").replace("date: 2024-10-01", "date: mùng 1")
                     .replace("unit: xa-my-huong", "unit: my huong"), encoding="utf-8")
    return project


def test_strict_build_fails_listing_every_problem(broken):
    result = mkdocs_build(broken, broken / "site")
    assert result.returncode != 0
    assert "LT008" in result.stderr and "LT020" in result.stderr and "Traceback" not in result.stderr
    assert "chi-an/index.md" in result.stderr


def test_preview_build_shows_the_rest_and_a_problems_page(broken):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(engine("build", "-q", "-d", str(broken / "site")),
                            cwd=broken, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    problems = soup(broken / "site", "loi-noi-dung").get_text(" ", strip=True)
    assert "LT008" in problems and "LT020" in problems and "stories/people/2024/chi-an/index.md" in problems
    assert (broken / "site/cau-chuyen/2024/chi-dao/index.html").exists()
    held = (broken / "site/cau-chuyen/2024/chi-an/index.html").read_text(encoding="utf-8")  # planning/held.py
    assert "LT008" in held and 'content="noindex' in held and "Câu chuyện về Lê Thị An" not in held


def test_site_overrides_win_over_lantoa_templates(tmp_path):
    project = copy_small(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  language: vi\n", "  language: vi\n  custom_dir: overrides\n"), encoding="utf-8")
    override = project / "overrides/lantoa/story.html"
    override.parent.mkdir(parents=True)
    override.write_text('{% extends "main.html" %}{% block content %}<p id="own">Mẫu riêng: '
                        '{{ lantoa.page.item.subject }}</p>{% endblock %}', encoding="utf-8")
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    story = soup(project / "site", "cau-chuyen/2024/chi-dao")
    assert story.select_one("#own").get_text() == "Mẫu riêng: Trần Thị Đào"
    assert story.select_one('meta[property="og:title"]')  # Lan Tỏa's base layer still applies


def test_navigation_links_resolve_from_every_page(tmp_path):
    """The nav and tabs are rendered once per position relative to their targets (build.fragment):
    from pages at every depth, under a nav target or not, each link still reaches its page."""
    import posixpath
    from pathlib import PurePosixPath

    project = copy_small(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  language: vi\n", "  language: vi\n  features: [navigation.tabs]\n") + (
        "nav:\n  - Trang chủ: index.md\n  - Phong trào: phong-trao/index.md\n"
        "  - Hội:\n    - Giới thiệu: gioi-thieu.md\n    - Lưu trữ: luu-tru/index.md\n"), encoding="utf-8")
    out = project / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    pages = sorted(p for p in out.rglob("index.html") if p.parent != out / "admin")  # the editor: Decap's page
    assert len(pages) > 20
    reached: dict[str, set[str]] = {}
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        if page.select_one('meta[http-equiv="refresh"]'):  # a folder that sends the browser on: no nav
            continue
        links = page.select("a.md-nav__link[href], a.md-tabs__link[href]")
        assert links, path
        here = PurePosixPath(path.relative_to(out).parent.as_posix())
        for link in links:
            href = link["href"].split("#")[0]
            target = posixpath.normpath(posixpath.join(str(here), href)) if href else str(here)
            assert (out / target / "index.html").exists() or (out / target).is_file(), (path, link["href"])
            reached.setdefault(link.get_text(" ", strip=True), set()).add(target)
    assert {label: len(targets) for label, targets in reached.items()} == {label: 1 for label in reached}
    # the titles mkdocs.yml gives, not the pages' own (a planned page is in the nav as MkDocs made it)
    assert {"Trang chủ", "Phong trào", "Giới thiệu", "Lưu trữ"} <= reached.keys()


def test_a_rebuild_replaces_the_site_and_the_old_one_is_deleted_in_the_background(tmp_path):
    import time

    project = copy_small(tmp_path / "project")
    out = tmp_path / "out" / "site"
    assert mkdocs_build(project, out).returncode == 0
    (out / "stale.html").write_text("from an earlier build", encoding="utf-8")
    assert mkdocs_build(project, out).returncode == 0
    assert (out / "index.html").exists() and not (out / "stale.html").exists()
    deadline = time.monotonic() + 60
    while any(out.parent.glob(".site.lantoa-old-*")) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert sorted(p.name for p in out.parent.iterdir()) == ["site"]


def test_the_url_filter_gives_what_mkdocs_gives():
    import itertools

    import jinja2
    from mkdocs.utils import get_relative_url
    from mkdocs.utils.templates import url_filter as mkdocs_url_filter

    from lantoa.engine.filters import url_filter

    class At:
        def __init__(self, url):
            self.url = url

    values = ["assets/lantoa/x.css", "cau-chuyen/2024/chi-an/", "cau-chuyen/", "dia-ban/huyen-a/trang-2/",
              "assets/images/favicon.png", "", ".", "./assets/x.css", "../x/", "a//b/", "/tuyet-doi/", "#muc",
              "https://hoilhpn.vn/a/", "tim-kiem/", "search/search_index.json", "a/./b/", "a/../b/", "sitemap.xml"]
    pages = ["", "cau-chuyen/2024/chi-an/", "cau-chuyen/2023/chi-binh/", "dia-ban/huyen-a/", "assets/", "404.html",
             "cau-chuyen/2024/chi-an.html", "index.html", "tim-kiem/"]
    values += ["cau-chuyen/2024/chi-an/", "cau-chuyen/2024/", "cau-chuyen/2023/chi-binh/anh.jpg", "tim-kiem/",
               "dia-ban/huyen-a/trang-2/", "dia-ban/huyen-a/", "assets/v1.2/x.js", "cau-chuyen/2024/chi-an.html"]
    pages += ["dia-ban/huyen-a/trang-2/", "cau-chuyen/", "assets/v1.2/", "cau-chuyen/2024/chi-an/anh/"]
    env = jinja2.Environment()
    for value, url in itertools.product(values, pages):
        base = get_relative_url(".", url)
        context = env.from_string("").new_context({"page": At(url), "base_url": base})
        assert url_filter(context, value) == mkdocs_url_filter(context, value), (value, url)
    import random
    rng = random.Random(8)
    parts = ["a", "b", "cau-chuyen", "2024", "x.html", "v1.2"]
    for _ in range(3000):
        value = "/".join(rng.choice(parts) for _ in range(rng.randint(1, 4))) + rng.choice(["", "/"])
        url = "/".join(rng.choice(parts) for _ in range(rng.randint(0, 4))) + rng.choice(["", "/"])
        url = url.lstrip("/")
        context = env.from_string("").new_context({"page": At(url), "base_url": get_relative_url(".", url)})
        assert url_filter(context, value) == mkdocs_url_filter(context, value), (value, url)


def test_a_fragment_with_a_slot_is_rendered_once_and_shows_each_page_its_own_title():
    import jinja2

    from lantoa.build import Build

    build = Build.__new__(Build)  # only the fragment store is used
    build._fragments, build._filling_slot = {}, False
    env = jinja2.Environment(autoescape=True, extensions=["jinja2.ext.do"])
    env.globals.update(lantoa_fragment=build.fragment, lantoa_slot=build.slot, calls=[])
    template = env.from_string(
        '{% call lantoa_fragment("header", "k", title | e) %}{% do calls.append(1) %}'
        '<h1>{{ lantoa_slot(title) }}</h1>{% endcall %}')
    assert template.render(title="Chị An") == "<h1>Chị An</h1>"
    assert template.render(title="<script>x</script> & Bình") == "<h1>&lt;script&gt;x&lt;/script&gt; &amp; Bình</h1>"
    assert env.globals["calls"] == [1]


def test_only_the_fragments_used_last_are_kept_and_a_dropped_one_is_rendered_again():
    """A build keeps the FRAGMENTS_KEPT fragments used last (listing cards: 41,000 at 10,000
    stories); one dropped is rendered again, the same."""
    import jinja2

    from lantoa.build import FRAGMENTS_KEPT, Build
    from lantoa.recent import Recent

    assert isinstance(Build.__dataclass_fields__["_fragments"].default_factory(), Recent)
    assert Build.__dataclass_fields__["_fragments"].default_factory().limit == FRAGMENTS_KEPT
    build = Build.__new__(Build)
    build._fragments, build._filling_slot = Recent(2), False
    env = jinja2.Environment(autoescape=True, extensions=["jinja2.ext.do"])
    env.globals.update(lantoa_fragment=build.fragment, calls=[])
    template = env.from_string('{% call lantoa_fragment("card", key) %}{% do calls.append(key) %}'
                               '<p>{{ key }} & Đào</p>{% endcall %}')
    shown = [template.render(key=key) for key in ["a", "b", "a", "c", "a", "b", "c"]]
    assert shown == [f"<p>{k} & Đào</p>" for k in ["a", "b", "a", "c", "a", "b", "c"]]
    assert env.globals["calls"] == ["a", "b", "c", "b", "c"]  # "a" kept by each use; "b" dropped for "c"
    assert list(build._fragments) == [("card", "b"), ("card", "c")]


@pytest.mark.parametrize("partial", ["partials/header.html", "partials/footer.html"])
def test_a_site_overriding_a_shared_partial_gets_it_rendered_for_each_page(tmp_path, partial):
    """Header and footer are rendered once per place, unless the site overrides one of their
    partials: its version may show the page (here: the page title) and was not written for that."""
    project = copy_small(tmp_path / "project")
    override = project / "overrides" / partial
    override.parent.mkdir(parents=True)
    override.write_text('<div class="site-own">{{ page.title }}</div>', encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  language: vi\n", "  language: vi\n  custom_dir: overrides\n"), encoding="utf-8")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    shown = {path.parent.name: BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
             .select_one(".site-own").get_text() for path in site.glob("cau-chuyen/2024/*/index.html")}
    assert len(shown) >= 3
    titles = {name: BeautifulSoup((site / f"cau-chuyen/2024/{name}/index.html").read_text(encoding="utf-8"),
                                  "html.parser").select_one("h1").get_text() for name in shown}
    assert shown == titles


def test_a_body_that_starts_like_meta_data_keeps_its_first_lines(tmp_path):
    """`Theo: Báo Lạng Sơn` opening a story is text: MkDocs' reading would take it for meta-data
    and drop it (a planned body's front matter is already read)."""
    project = copy_small(tmp_path / "project")
    story = project / "stories/people/2024/chi-an/index.md"
    head, _, body = story.read_text(encoding="utf-8").partition("\n---\n")
    story.write_text(f"{head}\n---\nTheo: Báo Lạng Sơn\nNgày: 5/3/2024\n\n{body}", encoding="utf-8")
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    page = soup(project / "site", f"cau-chuyen/2024/{story.parent.name}").select_one("article")
    assert "Theo: Báo Lạng Sơn" in page.get_text() and "Ngày: 5/3/2024" in page.get_text()
