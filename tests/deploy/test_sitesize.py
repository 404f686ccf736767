"""The site's size line and `host_limit`: LT150 from 80 % of a host's limit (the build still
publishes), LT151 past it (a strict build keeps the previous site)."""
from __future__ import annotations

import re
import shutil

import pytest

from lantoa import crops, sitesize
from lantoa.photos.model import PhotoOptions
from projects import copy_small
from support import mkdocs_build


def tree(root, files: dict[str, int]):
    for path, size in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"x" * size)
    return root


def test_sizes_by_kind(tmp_path):
    site = tree(tmp_path, {"index.html": 100, "a/b/index.html": 50, "anh/k-480.avif": 1000, "anh/k-800.jpg": 1500, "anh/k-960.avif": 500,
                           "anh-bia/k-1200x675.jpg": 200, "the-chia-se/c.jpg": 300, "assets/lantoa/search-index/s/1.json": 40,
                           "assets/lantoa/search-index/meta.json": 10, "sitemap.xml": 7, "assets/x.css": 3})
    size = sitesize.measure(site)
    assert size.bytes == {"pages": 150, "renditions": 3200, "cards": 300, "search": 50, "other": 10}
    assert size.files == {"pages": 2, "renditions": 4, "cards": 1, "search": 2, "other": 2}
    assert size.total_files == 11 and size.largest_folder == ("anh/", 3)
    assert {crops.URL_PREFIX, PhotoOptions().url_prefix} <= sitesize.FOLDERS.keys()
    line = sitesize.summary(size, sitesize.host_limit("github-pages"))
    assert line.startswith("Kích thước trang: 3.71 KB trong 11 tệp (trang HTML 150 B (2 tệp), ảnh 3.20 KB (4 tệp)")
    assert "github-pages" in line


@pytest.mark.parametrize("used, code", [(799, None), (800, "LT150"), (1000, "LT150"), (1001, "LT151")])
def test_thresholds(used, code):
    size = sitesize.SiteSize({"pages": used, "renditions": 0, "cards": 0, "search": 0, "other": 0},
                             {"pages": 1, "renditions": 0, "cards": 0, "search": 0, "other": 0})
    found = sitesize.check(size, sitesize.host_limit({"size": "1 KB", "files": 100}))
    assert [d.code for d in found] == ([code] if code else [])
    if code:
        assert "trang HTML" in found[0].message and "scripts/deploy" in found[0].hint


def test_files_and_folders_count_too():
    size = sitesize.SiteSize(dict.fromkeys(sitesize.KINDS, 0), {**dict.fromkeys(sitesize.KINDS, 0), "renditions": 19_000},
                             ("anh/", 19_000))
    assert [d.code for d in sitesize.check(size, sitesize.host_limit("cloudflare-pages"))] == ["LT150"]
    assert sitesize.check(size, sitesize.host_limit("netlify")) == []
    assert sitesize.check(size, sitesize.host_limit("object-storage")) == []


def test_limits_as_written_in_mkdocs_yml():
    assert sitesize.host_limit(None) == sitesize.HostLimit("github-pages", 10**9, 100_000)
    assert sitesize.host_limit({"size": "500 MB"}).bytes == 500_000_000
    assert sitesize.host_limit({"bytes": 2**30, "files": 20000}).files == 20000
    assert sitesize.host_limit({"size": "1 GiB"}).bytes == 2**30
    with pytest.raises(ValueError):
        sitesize.host_limit("geocities")


def with_limit(project, limit: str):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - lantoa:\n", f"  - lantoa:\n      host_limit: {limit}\n"), encoding="utf-8")


@pytest.mark.slow
def test_builds_say_their_size_warn_near_the_limit_and_refuse_past_it(tmp_path):
    project = copy_small(tmp_path / "project")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    line = next(l for l in result.stderr.splitlines() if l.startswith("Kích thước trang:"))
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    files = sum(1 for p in site.rglob("*") if p.is_file())
    assert f"trong {files} tệp" in line and "ảnh" in line and "thẻ chia sẻ" in line and "trang HTML" in line
    near = int(total / 0.9)  # 90 %: a warning, and the site is still published
    with_limit(project, f"{{size: {near}, files: 100000}}")
    shutil.rmtree(site)
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    assert re.search(r"mkdocs\.yml: LT150 cảnh báo: Trang đã dùng (89|90|91) % giới hạn", result.stderr)
    assert (site / "index.html").is_file()
    (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text().replace(
        f"host_limit: {{size: {near}, files: 100000}}", "host_limit: {size: 1000, files: 100000}"))
    marker = site / "index.html"
    before = marker.read_bytes()
    result = mkdocs_build(project, site)
    assert result.returncode != 0 and "LT151" in result.stdout + result.stderr
    assert marker.read_bytes() == before  # the previous site stays
