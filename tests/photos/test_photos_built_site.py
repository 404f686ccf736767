"""The photos in the built example site (runs once the foundation wires the photo pipeline in)."""
from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from test_photos_output import assert_no_metadata

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (ROOT / "plugins/lantoa/engine/plugin.py").exists() or not (ROOT / "scripts/example-photos").exists(),
                       reason="the foundation (plugin, example photos) has not landed yet"),
]


def test_built_pictures_have_srcset_sizes_dimensions_and_alt(example_site):
    pictures = [(page, picture) for page in example_site.rglob("*.html")
                for picture in BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select("figure picture")]
    assert pictures, "no <picture> in the built example site"
    for page, picture in pictures:
        img = picture.find("img")
        assert img.get("alt"), page
        assert int(img["width"]) > 0 and int(img["height"]) > 0, page
        assert img.get("sizes") and picture.find("source").get("sizes"), page
        for candidate in img["srcset"].split(", ") + picture.find("source")["srcset"].split(", "):
            url, descriptor = candidate.rsplit(" ", 1)
            assert descriptor.endswith("w") and (page.parent / url).resolve().is_file(), (page, url)


def test_every_published_rendition_is_free_of_metadata(example_site):
    files = [p for p in (example_site / "anh").iterdir() if p.suffix in {".jpg", ".webp", ".avif"}]
    assert {p.suffix for p in files} == {".jpg", ".avif"}
    for path in files:
        assert_no_metadata(path)
