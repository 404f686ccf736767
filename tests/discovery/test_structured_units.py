"""Structured data, robots.txt, the manifest, the worker and the sitemap as plain functions (no build)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from lxml import etree

from lantoa import icons, sitemap, structured, webapp
from lantoa.model import Body, Story
from lantoa.plan import Link, Page, Pager

HERE = Path(__file__).parent
SITE = structured.Site(url="https://hoi.example.vn/", name="Lan tỏa — Hội", union_name="Hội LHPN tỉnh X",
                       logo=structured.Image("bieu-tuong/x-512.png", 512, 512))


def story(**fields) -> Story:
    base = dict(slug="chi-mai", source="stories/people/2024/chi-mai/index.md", folder=Path("/x"),
                title="Chị Mai", summary="Sapo.", body=Body(""), photos=(), cover=None, tags=("a",), draft=False,
                subject="Hoàng Thị Mai", subject_kind="cá nhân", unit="", date=dt.date(2024, 3, 8), year=2024,
                campaigns=("pn",), byline="Thu Hà (Hội LHPN huyện Lộc Bình)")
    return Story(**{**base, **fields})


def story_page(item: Story) -> Page:
    return Page(url="cau-chuyen/2024/chi-mai/", role="story", title=item.title, template="lantoa/story.html",
                context=dict(item=item, campaigns=[Link("phong-trao/pn/", "Phụ nữ </script> thời đại mới")],
                             unit=Link(None, "xã A")),
                summary=item.summary, date=item.date)


def test_no_field_can_end_the_script():
    item = story(title='</script><script>alert(1)</script> <!-- & "', summary="</SCRIPT> x",
                 byline="Thu\u2028Hà")
    html = str(structured.script_tag(structured.graph(SITE, story_page(item), [])))
    inner = html[len('<script type="application/ld+json">'):-len("</script>")]
    assert "<" not in inner and ">" not in inner and "\u2028" not in inner
    data = json.loads(inner)
    assert data["headline"].startswith("</script><script>") and data["description"] == "</SCRIPT> x"
    assert data["author"][0]["name"] == "Thu\u2028Hà"


def test_headline_at_most_110_characters_cut_between_words():
    long = " ".join(["Chị Hoàng Thị Mai đưa cây hồi lên núi"] * 6)
    cut = structured.article(SITE, story_page(story(title=long)), story(title=long), [], None)["headline"]
    assert len(cut) <= structured.HEADLINE_LIMIT and cut.endswith("…") and long.startswith(cut[:-1].rstrip())


@pytest.mark.parametrize("byline, expected", [
    ("Thu Hà (Hội LHPN huyện Lộc Bình)", {"@type": "Person", "name": "Thu Hà",
                                          "affiliation": {"@type": "Organization", "name": "Hội LHPN huyện Lộc Bình"}}),
    ("Ban Tuyên giáo Hội LHPN tỉnh", {"@type": "Organization", "name": "Ban Tuyên giáo Hội LHPN tỉnh"}),
    (None, {"@type": "Organization", "name": "Hội LHPN tỉnh X", "url": "https://hoi.example.vn/"}),
])
def test_author_is_a_person_or_an_organisation(byline, expected):
    assert structured.author(SITE, byline) == [expected]


@pytest.mark.parametrize("kind, schema_type", [("cá nhân", "Person"), ("tập thể", "Organization"),
                                               ("mô hình", "Organization")])
def test_about_follows_the_subject_kind(kind, schema_type):
    item = story(subject_kind=kind)
    assert structured.article(SITE, story_page(item), item, [], None)["about"]["@type"] == schema_type


def test_breadcrumb_steps_only_through_pages_that_exist():
    item = story()
    assert [(s.label, s.url) for s in structured.trail(story_page(item))] == [
        ("Trang chủ", ""), ("Lưu trữ", "luu-tru/"), ("Năm 2024", "luu-tru/2024/"), ("Chị Mai", "cau-chuyen/2024/chi-mai/")]
    unit = Page(url="dia-ban/xa-a/", role="unit", title="Xã A", template="", context=dict(
        parent=Link(None, "huyện B"), pager=Pager(1, 1, ("dia-ban/xa-a/",))))
    assert [s.url for s in structured.trail(unit)] == ["", "dia-ban/", "dia-ban/xa-a/"]
    assert structured.trail(Page(url="", role="home", title="x", template="", context={})) == []
    assert structured.trail(Page(url="loi-noi-dung/", role="problems", title="x", template="", context={})) == []


def test_robots_txt_names_the_sitemap_and_keeps_admin_and_problems_out():
    text = webapp.robots_bytes("https://hoi.example.vn/phunu/", "https://hoi.example.vn/phunu/sitemap.xml",
                               ("admin/", "loi-noi-dung/")).decode()
    assert "Sitemap: https://hoi.example.vn/phunu/sitemap.xml" in text.splitlines()
    assert "Disallow: /phunu/admin/" in text and "Disallow: /phunu/loi-noi-dung/" in text


def test_manifest_is_vietnamese_with_icons_192_512_and_maskable(tmp_path):
    mark = icons.plan_icons("Lan tỏa gương sáng — Hội")
    data = json.loads(webapp.manifest_bytes("Lan tỏa gương sáng — Hội", "Gương điển hình", mark, "#8c1550"))
    assert data["lang"] == "vi" and data["short_name"] == "Lan tỏa gương sáng" and data["theme_color"] == "#8c1550"
    assert {(i["sizes"], i["purpose"]) for i in data["icons"]} == {("192x192", "any"), ("512x512", "any"),
                                                                   ("512x512", "maskable")}
    written = icons.write_icons(mark, tmp_path / "site", tmp_path / "cache")
    from PIL import Image
    for name in ("192", "512", "maskable-512", "180"):
        with Image.open(tmp_path / "site" / mark.url(name)) as image:
            assert image.size == (mark.size(name),) * 2 and not image.info.get("exif")
    assert (tmp_path / "site" / "favicon.ico") in written


def test_worker_version_changes_with_the_site_and_never_caches_admin():
    one, two = webapp.worker_bytes(["a"]).decode(), webapp.worker_bytes(["b"]).decode()
    assert one != two and webapp.worker_bytes(["a"]).decode() == one
    assert 'SCOPE.pathname + "admin/"' in one and "/*CONFIG*/" not in one


def _schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(HERE / name)))


def test_sitemap_split_into_an_index_past_the_limits_valid_against_the_xsd(tmp_path):
    entries = [(f"https://hoi.example.vn/p/{n:04d}/", dt.date(2024, 1, 1) + dt.timedelta(days=n)) for n in range(25)]
    written = sitemap.write_sitemap(entries, tmp_path / "sitemap.xml", index_base="https://hoi.example.vn/",
                                    max_urls=10)
    index = etree.parse(str(tmp_path / "sitemap.xml"))
    _schema("siteindex.xsd").assertValid(index)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = index.xpath("//s:loc/text()", namespaces=ns)
    assert locs == [f"https://hoi.example.vn/sitemap-{n}.xml" for n in (1, 2, 3)]
    urls = []
    for n in (1, 2, 3):
        part = etree.parse(str(tmp_path / f"sitemap-{n}.xml"))
        _schema("sitemap.xsd").assertValid(part)
        urls += part.xpath("//s:loc/text()", namespaces=ns)
    assert urls == [u for u, _ in entries] and tmp_path / "sitemap-3.xml.gz" in written
    # by size as well: the same entries, at most ~1 KB a file
    sitemap.write_sitemap(entries, tmp_path / "b" / "sitemap.xml", index_base="https://hoi.example.vn/",
                          max_bytes=1024)
    parts = sorted((tmp_path / "b").glob("sitemap-*.xml"))
    assert len(parts) > 2 and all(p.stat().st_size <= 1024 for p in parts)


def test_one_sitemap_file_below_the_limits(tmp_path):
    sitemap.write_sitemap([("https://hoi.example.vn/", None)], tmp_path / "sitemap.xml")
    _schema("sitemap.xsd").assertValid(etree.parse(str(tmp_path / "sitemap.xml")))
    assert not list(tmp_path.glob("sitemap-*.xml"))


def _nulls(value, path="") -> list[str]:
    if isinstance(value, dict):
        return [p for key, v in value.items() for p in _nulls(v, f"{path}.{key}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _nulls(v, f"{path}[{i}]")]
    return [path] if value is None else []


def test_no_property_is_written_as_null():
    """A union without a Facebook page or Zalo OA, a site without a description: the property is
    left out (Google's tests flag "sameAs": null), on every object, nested or not."""
    plain = structured.Site(url="https://hoi.example.vn/", name="Lan tỏa", union_name="Hội LHPN tỉnh X", logo=None)
    home = Page(url="", role="home", title="Trang chủ", template="lantoa/home.html", context={})
    for site in (SITE, plain):
        for page in (home, story_page(story())):
            objects = json.loads(structured.to_json(structured.graph(site, page, [])))
            assert _nulls(objects) == [], page.role
