"""The guide and the editor page build strictly into a site; the editor stays out of the
sitemap and the search index, and no other page loads its script."""
from __future__ import annotations

import shutil
from pathlib import Path

from authoring_helpers import ROOT
from support import mkdocs_build


def build(project: Path, tmp_path: Path) -> Path:
    for folder in ("admin", "huong-dan"):
        shutil.copytree(ROOT / "docs" / folder, project / "docs" / folder)
    with open(project / "mkdocs.yml", "a", encoding="utf-8") as config:
        config.write("markdown_extensions: [attr_list, toc]\nvalidation:\n  links:\n    anchors: warn\n")
    site = tmp_path / "out"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_guide_and_editor_in_the_built_site(project, tmp_path):
    site = build(project, tmp_path)
    for page in ("huong-dan", "huong-dan/cac-truong", "huong-dan/ma-loi", "huong-dan/phong-trao-va-dia-ban",
                 "huong-dan/sau-khi-luu"):
        assert (site / page / "index.html").is_file(), page
    assert 'id="lt020"' in (site / "huong-dan/ma-loi/index.html").read_text(encoding="utf-8")
    assert (site / "admin/index.html").is_file()
    assert "/admin" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    for path in site.rglob("*.html"):
        if "admin" not in path.relative_to(site).parts:
            assert "decap-cms" not in path.read_text(encoding="utf-8"), path
    index = site / "assets/lantoa/search-index"
    if index.is_dir():
        assert not any("admin/" in p.read_text(errors="replace") for p in index.rglob("*") if p.is_file())
