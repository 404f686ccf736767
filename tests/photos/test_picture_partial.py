"""The picture partial: responsive markup, escaping, lightbox link, valid HTML."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import jinja2
import pytest
from bs4 import BeautifulSoup

from lantoa.photos import ProcessedPhoto, Rendition

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
HOSTILE = 'Chị Lan <script>alert("x")</script> & "bạn"'


def fake_photo() -> ProcessedPhoto:
    renditions = tuple(
        Rendition(f"anh/{key}-{w}.{ext}", w, w * 3 // 4, fmt, mime, 1000 * w)
        for fmt, ext, mime in (("jpeg", "jpg", "image/jpeg"), ("webp", "webp", "image/webp"),
                               ("avif", "avif", "image/avif"))
        for key, w in (("a1b2c3d4e5f60718", 480), ("b1b2c3d4e5f60718", 960), ("c1b2c3d4e5f60718", 1600)))
    return ProcessedPhoto(Path("/x/bia.jpg"), 4000, 3000, renditions)


def render(**context) -> str:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "plugins/lantoa/templates"))
    return environment.get_template("lantoa/partials/picture.html").render(**context)


def test_lazy_figure_markup():
    html = render(photo=fake_photo(), caption="Chị Lan bên vườn rau", credit="Hội LHPN xã", eager=False,
                  base="../../")
    soup = BeautifulSoup(html, "html.parser")
    source, img = soup.select_one("figure picture source"), soup.select_one("figure picture img")
    # AVIF first whatever the renditions' order (a browser takes the first type it shows), then WebP
    assert [s["type"] for s in soup.select("figure picture source")] == ["image/avif", "image/webp"]
    assert source["srcset"] == ("../../anh/a1b2c3d4e5f60718-480.avif 480w, ../../anh/b1b2c3d4e5f60718-960.avif 960w,"
                                " ../../anh/c1b2c3d4e5f60718-1600.avif 1600w")
    assert img["srcset"].endswith("../../anh/c1b2c3d4e5f60718-1600.jpg 1600w")
    assert img["sizes"] == source["sizes"] and "calc(100vw - 32px)" in img["sizes"]
    assert (img["width"], img["height"]) == ("1600", "1200")
    assert img["alt"] == "Chị Lan bên vườn rau"
    assert (img["loading"], img["decoding"]) == ("lazy", "async") and not img.has_attr("fetchpriority")
    link = soup.select_one("figure > a.glightbox")
    assert link["href"] == "../../anh/c1b2c3d4e5f60718-1600.avif"  # the lightbox: the first source's largest
    assert "off-glb" in img["class"]  # mkdocs-glightbox must not wrap it in a second link
    caption = soup.select_one("figcaption")
    assert caption.get_text(" ", strip=True) == "Chị Lan bên vườn rau Ảnh: Hội LHPN xã"
    assert link["data-description"] == "." + [c for c in caption["class"] if c.startswith("lt-photo__caption-")][0]


def test_eager_cover_and_custom_sizes():
    html = render(photo=fake_photo(), caption="Bìa", credit="", eager=True, sizes="100vw", base="")
    img = BeautifulSoup(html, "html.parser").select_one("img")
    assert (img["loading"], img["fetchpriority"]) == ("eager", "high")
    assert img["sizes"] == "100vw" and img["src"] == "anh/a1b2c3d4e5f60718-480.jpg"
    assert "Ảnh:" not in html  # no credit, no empty "Ảnh:"


def test_front_matter_cannot_inject_html():
    html = render(photo=fake_photo(), caption=HOSTILE, credit=HOSTILE, eager=False, base="")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None and "<script>" not in html
    assert soup.select_one("img")["alt"] == HOSTILE
    assert HOSTILE in soup.select_one("figcaption").get_text()
    assert not soup.select_one("a").has_attr("title")  # GLightbox would insert a title as HTML


@pytest.mark.skipif(not (VNU.exists() and shutil.which("java")), reason="Nu checker: run scripts/install-test-tools")
def test_markup_is_valid_html(tmp_path):
    figures = "".join(render(photo=fake_photo(), caption=HOSTILE, credit="Hội", eager=eager, base="../")
                      for eager in (True, False))
    page = tmp_path / "page.html"
    page.write_text(f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>t</title></head>'
                    f"<body><main>{figures}</main></body></html>", encoding="utf-8")
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", str(page)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
