"""Photos a body places (`![…](anh-2.jpg)`, `<img src>`, a link) in a built site: each shows where it
is written, from its renditions, and never as the file shot; what names no listed photo is a
diagnostic and leaves no broken image in the preview."""
from __future__ import annotations

import re

import pytest
import yaml
from bs4 import BeautifulSoup
from PIL import Image

from lantoa.body_photos import SCHEME
from photo_samples import SECRET, phone_exif
from projects import copy_small, front_matter, photo
from support import mkdocs_build

STORY = "stories/people/2024/chi-an/index.md"
CAMPAIGN = "stories/campaigns/tinh-nha/index.md"
COVER_PLACED = "stories/people/2024/chi-dao/index.md"


def shot_with_gps(path):
    Image.new("RGB", (1600, 1200), (30, 120, 60)).save(path, "JPEG", exif=phone_exif())


def with_photos(project, relative, photos, body):
    """The item at `relative` with these photos (name: caption) and this body."""
    path = project / relative
    text = path.read_text(encoding="utf-8")
    fields = yaml.safe_load(re.match(r"---\n(.*?)\n---\n", text, re.S)[1])
    fields["photos"] = [dict(file=name, caption=caption) for name, caption in photos.items()]
    path.write_text(front_matter(fields, body), encoding="utf-8")
    for name in photos:
        if not (path.parent / name).exists():
            shot_with_gps(path.parent / name)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = copy_small(tmp_path_factory.mktemp("body-photos") / "project")
    with_photos(project, STORY, {"anh-1.jpg": "Ảnh bìa", "anh-2.jpg": "Chị An ở vườn", "anh-3.jpg": "Lớp học",
                                 "anh-4.jpg": "Ảnh cuối"},
                "Mở đầu.\n\n![Chị An tưới rau](anh-2.jpg)\n\nGiữa câu <img src=\"anh-3.jpg\" alt=\"lớp\"> tiếp."
                "\n\nXem [ảnh lớn](anh-2.jpg).\n\n`![không phải ảnh](anh-4.jpg)`\n")
    with_photos(project, CAMPAIGN, {"qd.jpg": "Lễ phát động"}, "Kế hoạch.\n\n![](qd.jpg)\n")
    with_photos(project, COVER_PLACED, {"anh-1.jpg": "Chị Đào ở chợ", "anh-2.jpg": "Gian hàng"},  # anh-1: the cover
                "Mở đầu.\n\n![Chị Đào](anh-1.jpg)\n\nKết.\n")
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return project, site, result


def page(site, url):
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "lxml")


def test_a_placed_photo_shows_where_the_body_puts_it_from_its_renditions(built):
    _, site, result = built
    body = page(site, "cau-chuyen/2024/chi-an").select_one(".lt-body")
    children = [c for c in body.children if getattr(c, "name", None)]
    assert [c.name for c in children] == ["p", "figure", "p", "p", "p"]
    assert [c.get_text(" ", strip=True) for c in children if c.name == "p"] == \
        ["Mở đầu.", "Giữa câu tiếp.", "Xem ảnh lớn .", "![không phải ảnh](anh-4.jpg)"]
    figure, inline = body.select_one("figure"), children[2].select_one("picture")
    assert figure.img["alt"] == "Chị An tưới rau" and "Chị An ở vườn" in figure.figcaption.text
    assert inline.img["alt"] == "lớp" and not inline.find_parent("figure")  # in the sentence: its picture alone
    folder = site / "cau-chuyen/2024/chi-an"
    for picture in (figure.picture, inline):
        for candidate in picture.img["srcset"].split(", ") + picture.source["srcset"].split(", "):
            assert (folder / candidate.split(" ")[0]).resolve().is_file()
    assert (folder / children[3].select_one("a")["href"]).resolve().is_file()
    assert "WARNING" not in result.stderr


def test_a_placed_photo_is_not_shown_again_after_the_text(built):
    _, site, _ = built
    story = page(site, "cau-chuyen/2024/chi-an")
    later = story.select(".lt-later noscript figure, .lt-later figure") or \
        BeautifulSoup(story.select_one(".lt-later noscript").decode_contents(), "lxml").select("figure")
    # anh-2 is a figure in the text; anh-3, only inside a sentence (no caption there), comes again here
    assert [f.figcaption.get_text(" ", strip=True) for f in later] == ["Lớp học", "Ảnh cuối"]


def test_a_campaign_places_its_photos_too(built):
    _, site, _ = built
    figure = page(site, "phong-trao/tinh-nha").select_one(".lt-body figure")
    assert figure is not None and figure.img["alt"] == "Lễ phát động"


def figures(soup, caption):
    shown = [f for f in soup.select("article figure") if not f.find_parent("noscript")]
    return [f for f in shown if f.figcaption and caption in f.figcaption.text]


def test_a_cover_the_body_places_shows_there_once_and_loads_first(built):
    _, site, _ = built
    story = page(site, "cau-chuyen/2024/chi-dao")
    [cover] = figures(story, "Chị Đào ở chợ")
    assert cover.find_parent(class_="lt-body") is not None  # where the body puts it, not above the text
    assert cover.img["loading"] == "eager" and cover.img["fetchpriority"] == "high"
    assert figures(page(site, "cau-chuyen/2024/chi-an"), "Ảnh bìa")  # a cover the body does not place: above
    [campaign] = figures(page(site, "phong-trao/tinh-nha"), "Lễ phát động")
    assert campaign.img["loading"] == "lazy"  # below the campaign's stories


def test_no_mark_and_no_photo_as_shot_reach_the_site(built):
    _, site, _ = built
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert SCHEME.encode() not in data and SECRET.encode() not in data, path
            assert path.name not in {"anh-2.jpg", "anh-3.jpg", "qd.jpg"}, path


def test_what_names_no_listed_photo_fails_strictly_and_leaves_no_broken_image_in_the_preview(tmp_path):
    project = copy_small(tmp_path / "project")
    photo(project / "stories/people/2024/chi-an/chua-khai-bao.jpg")
    with_photos(project, STORY, {"anh-1.jpg": "Ảnh bìa"},
                "Một.\n\n![a](chua-khai-bao.jpg)\n\nHai ![b](khong-co.jpg) và ![c](../chi-dao/anh-1.jpg).\n")
    strict = mkdocs_build(project, tmp_path / "strict")
    assert strict.returncode != 0 and "Traceback" not in strict.stderr
    lines = (project / STORY).read_text(encoding="utf-8").splitlines()
    for name, code in (("chua-khai-bao.jpg", "LT044"), ("khong-co.jpg", "LT045"), ("../chi-dao", "LT041")):
        line = next(n for n, text in enumerate(lines, 1) if name in text)
        assert f"{STORY}:{line}: {code}" in strict.stderr
    assert "not found among documentation files" not in strict.stderr
    preview = mkdocs_build(project, tmp_path / "preview", "--no-strict")
    assert preview.returncode == 0, preview.stderr
    for path in (tmp_path / "preview").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert SCHEME not in text and "chua-khai-bao.jpg\"" not in text and "khong-co.jpg\"" not in text, path
