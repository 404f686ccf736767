"""Cards outlive edits: a card once published stays at its URL (cards/keep.py), and only
`scripts/site prune-cards` removes one, when no page has used it for the retention."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from lantoa.cards import keep
from lantoa.cards.prune import human_size, main as prune_main
from projects import copy_small
from support import mkdocs_build, serve

TODAY = dt.date(2026, 12, 4)


def jpeg(path: Path, size: int = 1000) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\xff\xd8" + bytes(size - 4) + b"\xff\xd9")
    return path


def test_previous_site_and_cache_cards_are_carried_and_recorded(tmp_path):
    cache, previous, out = tmp_path / "cache", tmp_path / "site" / "the-chia-se", tmp_path / "new" / "the-chia-se"
    jpeg(previous / "old-site.jpg")
    jpeg(cache / "old-cache.jpg")
    jpeg(cache / "drawn-by-serve.jpg")  # never published: not carried
    jpeg(cache / "withdrawn.jpg")  # its story was deleted or made a draft again: not carried
    keep.write_ledger(cache, {"old-cache.jpg": "2025-01-01", "withdrawn.jpg": "2025-01-01"},
                      pages={"old-cache.jpg": ["cau-chuyen/2024/a/"], "withdrawn.jpg": ["cau-chuyen/2024/b/"]})
    jpeg(cache / "now.jpg")
    out.mkdir(parents=True)
    os.link(cache / "now.jpg", out / "now.jpg")
    made = keep.carry_forward({"now.jpg": {"cau-chuyen/2024/a/"}}, cache, out, previous, TODAY)
    assert sorted(p.name for p in made.carried) == ["old-cache.jpg", "old-site.jpg"]
    assert sorted(p.name for p in out.iterdir()) == ["now.jpg", "old-cache.jpg", "old-site.jpg"]
    assert "now.jpg" not in keep.read_ledger(cache)  # not published yet: the site is not in place
    keep.published(made)
    ledger = keep.read_ledger(cache)
    assert ledger["now.jpg"] == TODAY.isoformat() and ledger["old-cache.jpg"] == "2025-01-01"
    assert "old-site.jpg" in ledger and "drawn-by-serve.jpg" not in ledger
    assert keep.read_pages(cache)["now.jpg"] == ["cau-chuyen/2024/a/"]


def test_previous_folder_is_beside_the_staging_folder():
    from lantoa.engine.output import staging  # the engine's name for it: the two must agree
    target = Path("/x/site")
    assert keep.previous_folder(staging(target), "the-chia-se") == target / "the-chia-se"
    assert keep.previous_folder(target, "the-chia-se") is None


def test_prune_removes_only_cards_unused_for_longer_than_the_retention(tmp_path):
    cache, site = tmp_path / "cache", tmp_path / "site" / "the-chia-se"
    for name in ("old.jpg", "recent.jpg", "current.jpg"):
        jpeg(cache / name, 2000)
        site.mkdir(parents=True, exist_ok=True)
        os.link(cache / name, site / name)
    keep.write_ledger(cache, {"old.jpg": "2023-11-30", "recent.jpg": "2024-01-10", "current.jpg": "2026-12-01"},
                      {"current.jpg"})
    count, size = keep.prune(site, cache, 3, TODAY)
    assert (count, size) == (1, 2000)  # linked into the site from the cache: one card, counted once
    assert sorted(p.name for p in site.iterdir()) == ["current.jpg", "recent.jpg"]
    assert sorted(p.name for p in cache.glob("*.jpg")) == ["current.jpg", "recent.jpg"]
    assert set(keep.read_ledger(cache)) == {"current.jpg", "recent.jpg"}


def test_prune_never_removes_the_last_builds_cards(tmp_path):
    cache, site = tmp_path / "cache", tmp_path / "site" / "the-chia-se"
    jpeg(site / "current.jpg")
    keep.write_ledger(cache, {"current.jpg": "2019-01-01"}, {"current.jpg"})  # no build for years: still in use
    assert keep.prune(site, cache, 3, TODAY) == (0, 0)
    assert (site / "current.jpg").exists()


def test_retention_cutoff_of_a_leap_day():
    assert keep.cutoff(dt.date(2028, 2, 29), 3) == dt.date(2025, 2, 28)
    assert human_size(1_834_000) == "1,8 MB" and human_size(240_400) == "240 KB"


def og_image(site: Path, page: str) -> str:
    html = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "lxml")
    return html.select_one('meta[property="og:image"]')["content"]


@pytest.mark.slow
def test_edited_title_keeps_the_old_card_at_its_url_and_prune_removes_it_years_later(tmp_path, capsys):
    project = copy_small(tmp_path / "project")
    site = project / "site"
    assert mkdocs_build(project, site).returncode == 0
    story = sorted(project.glob("stories/people/*/*/index.md"))[0]
    page = f"cau-chuyen/{story.parts[-3]}/{story.parts[-2]}"
    old = og_image(site, page)
    text = story.read_text(encoding="utf-8")
    story.write_text(text.replace("title: ", "title: Đã sửa lại ", 1), encoding="utf-8")
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    new = og_image(site, page)
    assert new != old
    base, server = serve(site)
    try:
        for url in (old, new):
            with urllib.request.urlopen(base + "/" + url.split("/thu/", 1)[1]) as response:
                assert response.status == 200 and response.headers["Content-Type"] == "image/jpeg"
                assert response.read(2) == b"\xff\xd8"
    finally:
        server.shutdown()
    # CI builds from a fresh checkout: no previous site, only the cache it keeps.
    shutil.rmtree(site)
    assert mkdocs_build(project, site).returncode == 0
    assert (site / "the-chia-se" / old.rsplit("/", 1)[1]).is_file()
    # Years later, on request: the old card goes, the current one stays.
    later = (dt.date.today() + dt.timedelta(days=4 * 365)).isoformat()
    assert prune_main(["--today", later, str(project)]) == 0
    said = capsys.readouterr().out
    assert said.startswith("Đã xóa 1 thẻ") and (" KB" in said or " MB" in said), said
    assert not (site / "the-chia-se" / old.rsplit("/", 1)[1]).exists()
    assert (site / "the-chia-se" / new.rsplit("/", 1)[1]).is_file()


@pytest.mark.slow
def test_a_story_taken_back_as_a_draft_takes_its_cards_with_it(tmp_path):
    project = copy_small(tmp_path / "project")
    site = project / "site"
    assert mkdocs_build(project, site).returncode == 0
    story = project / "stories" / "people" / "2024" / "chi-dao" / "index.md"
    card = og_image(site, "cau-chuyen/2024/chi-dao").rsplit("/", 1)[1]
    story.write_text(story.read_text(encoding="utf-8").replace("title: ", "title: Sửa lại ", 1), encoding="utf-8")
    assert mkdocs_build(project, site).returncode == 0
    edited = og_image(site, "cau-chuyen/2024/chi-dao").rsplit("/", 1)[1]
    assert (site / "the-chia-se" / card).is_file()  # the page is still published: its old card stays
    story.write_text(story.read_text(encoding="utf-8").replace("---\n", "---\ndraft: true\n", 1), encoding="utf-8")
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    assert not (site / "cau-chuyen/2024/chi-dao").exists()
    assert not (site / "the-chia-se" / card).exists() and not (site / "the-chia-se" / edited).exists()


@pytest.mark.slow
def test_a_card_a_failed_build_drew_is_never_published(tmp_path):
    """Found by the audit: the ledger was written before the swap, so a card of a title that a
    failed (or killed) build drew was carried into the next good build's site."""
    project = copy_small(tmp_path / "project")
    site = project / "site"
    assert mkdocs_build(project, site).returncode == 0
    before = {p.name for p in (site / "the-chia-se").iterdir()}
    story = project / "stories" / "people" / "2024" / "chi-dao" / "index.md"
    good = story.read_text(encoding="utf-8")
    story.write_text(good.replace("title: ", "title: Chưa đăng ", 1), encoding="utf-8")
    other = project / "stories" / "people" / "2024" / "chi-an" / "index.md"
    other_good = other.read_text(encoding="utf-8")
    other.write_text(other_good.replace("subject_kind:", "subject_kinds:"), encoding="utf-8")  # LT006
    assert mkdocs_build(project, site).returncode != 0
    drawn = {p.name for p in (project / ".cache" / "lantoa" / "cards").glob("*.jpg")} - before
    assert drawn  # the failed build drew the new title's card (and listings')
    story.write_text(good, encoding="utf-8")
    other.write_text(other_good, encoding="utf-8")
    assert mkdocs_build(project, site).returncode == 0
    assert not drawn & {p.name for p in (site / "the-chia-se").iterdir()}
