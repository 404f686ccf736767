"""Links in a body to pages of the site: which page each form of address names."""
import pytest

from lantoa.body_links import Site, page_url, site_addresses

OWN, ROOT = site_addresses("https://hoi.example.vn/lang-son/")
SITE = Site(frozenset(), dict, OWN, ROOT)
PAGE = "cau-chuyen/2024/chi-mai/index.md"


@pytest.mark.parametrize("link, url", [
    ("../chi-lan/index.md", "cau-chuyen/2024/chi-lan/"),
    ("../chi-lan/", "cau-chuyen/2024/chi-lan/"),
    ("../chi-lan", "cau-chuyen/2024/chi-lan/"),
    ("../chi-lan/index.html", "cau-chuyen/2024/chi-lan/"),
    ("../../2023/chi-lan/index.md#doan-2", "cau-chuyen/2023/chi-lan/"),
    ("./", "cau-chuyen/2024/chi-mai/"),
    ("../../../", ""),
    ("../../../index.md", ""),
    ("../../../huong-dan/cac-truong.md", "huong-dan/cac-truong/"),
    ("../../../phong-trao/thu/?trang=2", "phong-trao/thu/"),
    ("../%63hi-lan/", "cau-chuyen/2024/chi-lan/"),
    ("../../../../../ngoai/", "../../ngoai/"),  # above the site: no page
    ("/lang-son/cau-chuyen/2024/chi-lan/", "cau-chuyen/2024/chi-lan/"),
    ("/lang-son/", ""), ("/lang-son", ""),
    ("/khac/cau-chuyen/", "../khac/cau-chuyen/"),  # outside the site's path
    ("https://hoi.example.vn/lang-son/tin-tuc/2024/le-phat-dong/", "tin-tuc/2024/le-phat-dong/"),
    ("http://hoi.example.vn/lang-son/dia-ban/xa-a/", "dia-ban/xa-a/"),
    ("https://hoi.example.vn/lang-son/cau-chuyen/2024/chi-lan/#a", "cau-chuyen/2024/chi-lan/"),
    ("https://hoi.example.vn/lang-son/rss.xml", None),
    ("https://khac.vn/cau-chuyen/2024/chi-lan/", None),
    ("mailto:hoi@example.vn", None), ("tel:0912345678", None), ("#doan-2", None), ("", None),
    ("../chi-lan/anh-1.jpg", None), ("../../../phong-trao/thu/qd.pdf", None), ("lantoa-photo:anh-1.jpg", None),
])
def test_the_page_each_form_of_address_names(link, url):
    assert page_url(link, PAGE, SITE) == url


def test_a_site_at_the_root_of_its_host():
    own, root = site_addresses("https://hoi.example.vn")
    site = Site(frozenset(), dict, own, root)
    assert root == "/" and page_url("/cau-chuyen/2024/a/", PAGE, site) == "cau-chuyen/2024/a/"
    assert page_url("//hoi.example.vn/tin-tuc/", PAGE, site) == "tin-tuc/"
    assert site_addresses(None) == ((), "/")


def test_the_hand_written_pages_are_named_in_one_order_in_every_process(tmp_path):
    """Their repr is part of the site's digest: in another order, no warm build would reuse a page."""
    import os
    import subprocess
    import sys
    for name in ("index.md", "a.md", "b/index.md", "b/README.md", "c/d.md", "e.md", "f/g/h.md", "z.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("# x\n", encoding="utf-8")
    code = f"from pathlib import Path; from lantoa.body_links import document_urls; print(repr(document_urls(Path({str(tmp_path)!r}))))"
    said = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env=dict(os.environ, PYTHONHASHSEED=str(seed))).stdout for seed in (1, 2, 3, 4)}
    assert len(said) == 1 and "'b/'" in said.pop()
