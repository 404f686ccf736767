"""Under `mkdocs serve`, a save under stories/ re-renders only the pages that show what changed
(lantoa.engine.partial), and the served site is byte for byte what a full build makes: after
edits, additions, deletions, renames, drafts and un-drafts of stories, news and campaigns in a
generated 300-story project."""
from __future__ import annotations

import datetime as dt
import json
import os
import logging
import shutil
import sys
from pathlib import Path

import pytest

from lantoa.engine import partial
from lantoa.engine.pages import PlannedPage
from support import ROOT
from test_reuse import ServeSession, assert_same_as_a_fresh_build

NEWS = """---
title: {title}
kind: phát động
date: 2025-03-02
campaigns: [{campaign}]
summary: Tin thử của đợt phát động.
---
Nội dung tin: chị em {place} hưởng ứng phong trào.
"""


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    sys.path.insert(0, str(ROOT / "scripts"))
    from benchkit import corpus as kit

    project = kit.write(kit.generate(300, seed=7), tmp_path_factory.mktemp("corpus") / "corpus")["lantoa"]
    campaign = sorted(p.name for p in (project / "stories/campaigns").iterdir())[0]
    for number in (1, 2):
        news = project / f"stories/news/2025/tin-thu-{number}/index.md"
        news.parent.mkdir(parents=True)
        news.write_text(NEWS.format(title=f"Tin thử số {number}", campaign=campaign, place="xã"), encoding="utf-8")
    return project


@pytest.fixture
def session(generated, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    project = tmp_path / "project"
    shutil.copytree(generated, project)
    monkeypatch.chdir(project)
    serving = ServeSession(project, tmp_path / "served")
    serving.rebuild()
    yield serving
    serving.close()


def save(session: ServeSession, *paths: Path) -> int:
    """What the server does on a save the watcher reported: the partial rebuild (it must not fall
    back to a full build); returns how many pages it rendered."""
    changed = {str(p) for p in paths}
    assert partial.eligible(session.plugin.site, changed, session.project / "stories")
    files = session.plugin.site.files
    before = {f.src_uri: f.page for f in files if isinstance(f.page, PlannedPage)}
    written = {uri: Path(page.file.abs_dest_path).stat().st_mtime_ns for uri, page in before.items()}
    assert partial.rebuild_changed(session.plugin, changed)
    keeper = session.plugin.rebuilds.kept.search_index
    assert keeper is not None
    keeper.release()  # now, not once the tab has reloaded (partial.AFTER_SECONDS)
    partial.settle(session.plugin.site, wait=True)  # the search index, made after the pages
    build = session.plugin.build
    kept = session.plugin.rebuilds.present  # what the sweep left: every file of the site is kept
    assert [f.abs_dest_path for f in files if f.abs_dest_path not in kept] == [], "a file the sweep may take"
    assert [f.src_uri for f in files if isinstance(f.page, PlannedPage) and build.page(f.src_uri)
            and f.page.body != build.page(f.src_uri).markdown] == [], "a page holds an older plan's body"
    return sum(1 for uri, mtime in written.items() if uri in {f.src_uri for f in files}
               and Path(before[uri].file.abs_dest_path).exists()
               and Path(before[uri].file.abs_dest_path).stat().st_mtime_ns != mtime)


def stories(project: Path) -> list[Path]:
    return sorted(project.glob("stories/people/*/*/index.md"))


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def title_line(path: Path) -> str:
    return next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("title:"))


def test_every_kind_of_save_gives_the_site_a_full_build_gives(session, tmp_path):
    project, total = session.project, len(session.plugin.build.plan.pages)
    story = stories(project)[-1]

    worker = (session.site_dir / "sw.js").read_bytes()
    replace_in(story, title_line(story), 'title: "Chị Hoa sửa tiêu đề: vườn quế mới"')
    rewritten = save(session, story)
    assert (session.site_dir / "sw.js").read_bytes() == worker, "the preview's worker has no version to move"
    assert 0 < rewritten < total / 10, f"{rewritten} of {total} pages written again for one title"
    own = session.site_dir / f"cau-chuyen/{story.parent.parent.name}/{story.parent.name}/index.html"
    assert "vườn quế mới" in own.read_text(encoding="utf-8")
    assert_same_as_a_fresh_build(session, tmp_path)

    story.write_text(story.read_text(encoding="utf-8") + "\nĐoạn mới: chị em trồng thêm quế.\n", encoding="utf-8")
    save(session, story)  # the body alone
    assert "Đoạn mới: chị em trồng thêm quế." in own.read_text(encoding="utf-8")
    assert_same_as_a_fresh_build(session, tmp_path)

    added = story.parent.parent / "chi-moi-them/index.md"  # a new story, a copy with its own title
    added.parent.mkdir()
    added.write_text(story.read_text(encoding="utf-8").replace("vườn quế mới", "bài mới thêm"), encoding="utf-8")
    for photo in story.parent.glob("*.jpg"):
        shutil.copy(photo, added.parent / photo.name)
    save(session, added)
    assert_same_as_a_fresh_build(session, tmp_path)
    other = stories(project)[0]
    replace_in(other, title_line(other), 'title: "Chị Thảo sửa tiêu đề"')
    save(session, other)  # a save after a page came: the new page's file is the site's too (`left.kept_now`)

    renamed = added.parent.with_name("chi-moi-doi-ten")
    added.parent.rename(renamed)
    save(session, added.parent, renamed)
    assert not (session.site_dir / f"cau-chuyen/{story.parent.parent.name}/chi-moi-them").exists()
    assert_same_as_a_fresh_build(session, tmp_path)

    replace_in(renamed / "index.md", "\n---\n", "\ndraft: true\n---\n")
    save(session, renamed / "index.md")
    assert not (session.site_dir / f"cau-chuyen/{story.parent.parent.name}/chi-moi-doi-ten").exists()
    assert_same_as_a_fresh_build(session, tmp_path)

    replace_in(renamed / "index.md", "\ndraft: true\n", "\n")
    save(session, renamed / "index.md")
    assert_same_as_a_fresh_build(session, tmp_path)

    shutil.rmtree(renamed)
    save(session, renamed)
    assert_same_as_a_fresh_build(session, tmp_path)


def test_news_and_campaign_saves(session, tmp_path):
    project = session.project
    news = project / "stories/news/2025/tin-thu-1/index.md"
    replace_in(news, "title: Tin thử số 1", "title: Tin thử đã sửa")
    save(session, news)
    assert_same_as_a_fresh_build(session, tmp_path)

    campaign = sorted((project / "stories/campaigns").glob("*/index.md"))[0]
    replace_in(campaign, title_line(campaign), "title: Phong trào đã đổi tên")
    save(session, campaign)
    assert "Phong trào đã đổi tên" in (session.site_dir / "phong-trao/index.html").read_text(encoding="utf-8")
    assert_same_as_a_fresh_build(session, tmp_path)

    shutil.rmtree(news.parent)
    save(session, news.parent)
    assert_same_as_a_fresh_build(session, tmp_path)


def test_a_campaign_added_then_removed_leaves_nothing_behind(session, tmp_path):
    """The pages, feed and data files of a new campaign are written by a partial rebuild, and
    swept by the next one when the campaign goes (the sweep knows them without walking the site)."""
    project = session.project
    first = sorted((project / "stories/campaigns").glob("*/index.md"))[0]
    added = project / "stories/campaigns/phong-trao-moi-them/index.md"
    added.parent.mkdir()
    added.write_text(first.read_text(encoding="utf-8").replace(title_line(first), "title: Phong trào mới thêm"),
                     encoding="utf-8")
    save(session, added)
    made = [p for p in session.site_dir.rglob("*") if "phong-trao-moi-them" in p.as_posix() and p.is_file()]
    assert len(made) > 1, made  # its page and at least its feed
    assert_same_as_a_fresh_build(session, tmp_path)

    shutil.rmtree(added.parent)
    save(session, added.parent)
    assert [p for p in session.site_dir.rglob("*") if "phong-trao-moi-them" in p.as_posix()] == []
    assert_same_as_a_fresh_build(session, tmp_path)


def test_an_attachment_replaced_by_other_bytes_of_its_size_is_served_new(session, tmp_path):
    """Found by review: the plan compared an attachment's name, title and size, so a PDF replaced
    by another of the same size kept the old one served (the partial path copies no attachment)."""
    from test_random_saves import rebuild

    campaign = sorted((session.project / "stories/campaigns").glob("*/index.md"))[0]
    pdf = campaign.parent / "ke-hoach.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + b"A" * 2000 + b"\n%%EOF\n")
    replace_in(campaign, "\n---\n", '\nattachments:\n  - file: ke-hoach.pdf\n    title: "Kế hoạch số 80/KH-BTV"\n---\n')
    rebuild(session, [pdf, campaign])
    assert_same_as_a_fresh_build(session, tmp_path)
    pdf.write_bytes(b"%PDF-1.4\n" + b"B" * 2000 + b"\n%%EOF\n")
    rebuild(session, [pdf])
    served = next(session.site_dir.glob("phong-trao/*/ke-hoach.pdf"))
    assert served.read_bytes() == pdf.read_bytes()
    assert_same_as_a_fresh_build(session, tmp_path)


def test_a_photo_added_to_a_story(session, tmp_path):
    """A new photo file and the front matter naming it: its renditions are made and published,
    and the pages showing the story show it."""
    from projects import photo

    story = stories(session.project)[-1]
    new = photo(story.parent / "anh-moi.jpg", (1600, 1200))
    replace_in(story, "\n---\n", '\nphotos:\n  - file: anh-moi.jpg\n    caption: "Ảnh mới chụp"\n---\n')
    save(session, new, story)
    assert_same_as_a_fresh_build(session, tmp_path)


def test_a_photo_that_is_not_a_picture_is_on_the_problems_page(session, tmp_path):
    """A photo's problems are found once the plan is made (its file is read with the others'):
    the problems page is planned after them, so it lists them, as the banner counts them."""
    story = stories(session.project)[-1]
    (story.parent / "ghi-chu.jpg").write_text("Đây là ghi chú, không phải ảnh.\n" * 20, encoding="utf-8")
    replace_in(story, "\n---\n", '\nphotos:\n  - file: ghi-chu.jpg\n    caption: "Ảnh mới"\n---\n')
    save(session, story.parent / "ghi-chu.jpg", story)
    assert json.loads((session.site_dir / "loi-noi-dung/tom-tat.json").read_bytes()) == {"count": 1, "codes": ["LT102"]}
    listed = (session.site_dir / "loi-noi-dung/index.html").read_text(encoding="utf-8")
    assert "LT102" in listed and f"{story.parent.name}/index.md" in listed
    assert_same_as_a_fresh_build(session, tmp_path)


def test_a_save_through_a_file_beside(session, tmp_path):
    """As gedit, sed -i and JetBrains' safe write save: the text written beside index.md and
    renamed over it (the watcher reports both paths, the one beside gone by the rebuild)."""
    story = stories(session.project)[-1]
    beside = story.with_name(".index.md.swp")
    beside.write_text(story.read_text(encoding="utf-8").replace(title_line(story), 'title: "Chị Mai lưu qua tệp tạm"'),
                      encoding="utf-8")
    beside.replace(story)
    save(session, beside, story)
    assert "lưu qua tệp tạm" in (session.site_dir / f"cau-chuyen/{story.parent.parent.name}/{story.parent.name}"
                                 / "index.html").read_text(encoding="utf-8")
    assert_same_as_a_fresh_build(session, tmp_path)


def test_feeds_are_written_again_only_when_they_change(session):
    """A save writes again only the feeds whose XML changed: a body edit none (feeds carry the
    summary), a retitle the site's feed and those listing the story."""
    def feeds() -> dict[Path, int]:
        return {path: path.stat().st_mtime_ns for path in session.site_dir.rglob("rss.xml")}

    story = stories(session.project)[-1]
    before = feeds()
    assert len(before) > 5
    story.write_text(story.read_text(encoding="utf-8") + "\nĐoạn mới ở cuối bài.\n", encoding="utf-8")
    save(session, story)
    assert feeds() == before
    replace_in(story, title_line(story), 'title: "Tiêu đề mới cho bảng tin"')
    save(session, story)
    after = feeds()
    rewritten = {path for path in before if after[path] != before[path]}
    holding = {path for path in before if "Tiêu đề mới cho bảng tin" in path.read_text(encoding="utf-8")}
    assert session.site_dir / "rss.xml" in rewritten and rewritten == holding


def test_a_save_that_adds_or_fixes_a_problem_renders_only_what_shows_it(session, tmp_path):
    """The preview's banner reads the problems' count and codes from loi-noi-dung/tom-tat.json, in
    no page: a save that makes or mends a mistake, a warning or an error holding a story back, is a
    partial rebuild of the pages that show it (the story or its held page, the problems page, the
    listings), not of every page."""
    summary = session.site_dir / "loi-noi-dung/tom-tat.json"
    total = len(session.plugin.build.plan.pages)
    assert json.loads(summary.read_bytes()) == {"count": 0, "codes": []}
    warned, held = stories(session.project)[0], stories(session.project)[-1]
    original = {path: path.read_text(encoding="utf-8") for path in (warned, held)}
    warned.write_text(original[warned] + "\n<script>alert(1)</script>\n", encoding="utf-8")
    rewritten = save(session, warned)
    assert 0 < rewritten < total / 10, f"{rewritten} of {total} pages written again for one warning"
    assert json.loads(summary.read_bytes()) == {"count": 1, "codes": ["LT060"]}
    assert (session.site_dir / "loi-noi-dung/index.html").is_file()
    assert_same_as_a_fresh_build(session, tmp_path)

    replace_in(held, "\nunit: ", "\nunit: xa-khong-co-that\nx_unit: ")
    rewritten = save(session, held)
    assert 0 < rewritten < total / 10, f"{rewritten} of {total} pages written again for one error"
    address = session.site_dir / f"cau-chuyen/{held.parent.parent.name}/{held.parent.name}/index.html"
    assert "LT020" in address.read_text(encoding="utf-8"), "the held page, where the writer's tab is"
    assert json.loads(summary.read_bytes())["codes"] == ["LT006", "LT020", "LT060"]
    assert_same_as_a_fresh_build(session, tmp_path)

    for path, text in original.items():
        path.write_text(text, encoding="utf-8")
    save(session, warned, held)
    assert json.loads(summary.read_bytes()) == {"count": 0, "codes": []}
    assert not (session.site_dir / "loi-noi-dung/index.html").exists()
    assert "LT020" not in address.read_text(encoding="utf-8")
    assert_same_as_a_fresh_build(session, tmp_path)


def test_what_is_not_a_story_file_is_left_to_the_full_build(session):
    site, stories_dir = session.plugin.site, session.project / "stories"
    assert partial.eligible(site, {str(stories_dir / "people/2024/a/index.md")}, stories_dir)
    assert not partial.eligible(site, {str(stories_dir / "units.yml")}, stories_dir)
    assert not partial.eligible(site, {str(session.project / "mkdocs.yml")}, stories_dir)
    assert not partial.eligible(site, {str(session.project / "docs/gioi-thieu.md")}, stories_dir)
    assert not partial.eligible(site, None, stories_dir)  # a change the watcher did not report
    assert not partial.eligible(site, set(), stories_dir)
    assert not partial.eligible(None, {str(stories_dir / "people/2024/a/index.md")}, stories_dir)


def test_a_story_dated_newest_then_back(session, tmp_path):
    """A date past every other story's moves the site's newest change (the sitemap date of every
    page listing the whole site: nothing of the last sitemap is taken over); a day later than its
    own moves only the story's entry and those of the listings showing it."""
    story = [s for s in stories(session.project) if s.parent.parent.name == "2025"][0]  # dates stay in its year
    url = f"cau-chuyen/{story.parent.parent.name}/{story.parent.name}/"
    date = next(line for line in story.read_text(encoding="utf-8").splitlines() if line.startswith("date:"))
    newest = session.plugin.build.newest_change()
    replace_in(story, date, "date: 2025-12-31")
    save(session, story)
    assert session.plugin.build.newest_change() != newest
    assert_same_as_a_fresh_build(session, tmp_path)

    later = dt.date.fromisoformat(date.split()[1]) + dt.timedelta(days=1)
    assert later < newest
    replace_in(story, "date: 2025-12-31", f"date: {later.isoformat()}")
    save(session, story)
    assert session.plugin.build.newest_change() == newest
    sitemap = (session.site_dir / "sitemap.xml").read_text(encoding="utf-8")
    entry = sitemap[sitemap.index(url):]
    assert later.isoformat() in entry[:entry.index("</url>")]
    assert_same_as_a_fresh_build(session, tmp_path)


def test_a_save_does_not_look_for_the_pages_among_all_files(session, tmp_path):
    """The pages served are kept up to date by each save (a story added, one deleted), not found
    again among every file of the site: the site is still the one a full build makes."""
    def walk(*args, **kwargs):
        raise AssertionError("documentation_pages() walked under a partial rebuild")
    story, gone = stories(session.project)[-1], stories(session.project)[0].parent
    added = story.parent.parent / "chi-moi-them/index.md"
    added.parent.mkdir()
    added.write_text(story.read_text(encoding="utf-8").replace(title_line(story), "title: Bài mới thêm"),
                     encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(session.plugin.site.files, "documentation_pages", walk)
        save(session, added)
        shutil.rmtree(gone)
        save(session, gone)
    assert_same_as_a_fresh_build(session, tmp_path)


def test_the_search_index_process_waits_while_a_save_is_rebuilt(session):
    """partial.rebuild_changed holds the index's process (search/keeper.py) and releases it, so a
    session's first index, made whole, does not run beside the rebuild of a save."""
    keeper = session.plugin.rebuilds.kept.search_index
    calls = []
    keeper.hold = lambda: calls.append(("hold", keeper._may_run.is_set()))
    keeper.release = lambda after=0.0: calls.append(("release", after))
    story = stories(session.project)[0]
    replace_in(story, title_line(story), 'title: "Giữ chỉ mục trong lúc dựng lại"')
    save(session, story)
    assert calls[:2] == [("hold", True), ("release", partial.AFTER_SECONDS)]


def test_a_campaigns_figures_are_rendered_again_only_when_what_they_count_changes(session, tmp_path):
    """The figures on campaign and place pages (lasting.py): a title edit renders those pages again
    around the very HTML of their figures; an edit the figures count renders them again."""
    project, kept = session.project, session.plugin.rebuilds.kept.fragments
    story = stories(project)[-1]
    campaign = next(line.split("[")[1].split("]")[0].split(",")[0].strip()
                    for line in story.read_text(encoding="utf-8").splitlines() if line.startswith("campaigns:"))
    page = session.site_dir / f"phong-trao/{campaign}/index.html"
    figures = {key: entry for key, entry in kept._kept.items() if key[1][0] == f"phong-trao/{campaign}/"}
    assert [key[0] for key in figures] == ["insight-campaign"]
    assert any(key[0] == "insight-unit" for key in kept._kept)

    replace_in(story, title_line(story), 'title: "Tiêu đề mới của câu chuyện"')
    save(session, story)
    assert "Tiêu đề mới của câu chuyện" in page.read_text(encoding="utf-8")  # the page was rendered again
    assert all(kept._kept[key] is entry for key, entry in figures.items())  # around the same figures
    assert_same_as_a_fresh_build(session, tmp_path)

    kind = next(line for line in story.read_text(encoding="utf-8").splitlines() if line.startswith("subject_kind:"))
    replace_in(story, kind, "subject_kind: mô hình")  # what the figures count
    save(session, story)
    assert all(kept._kept[key] is not entry for key, entry in figures.items())
    assert_same_as_a_fresh_build(session, tmp_path)


def test_after_a_full_build_the_first_save_finds_ready_what_it_works_out(session):
    """partial.after_full_build: the first save after a full build finds the files the site keeps
    (not a walk's set), the planned groups' places and the story pages' index already made."""
    from lantoa.engine.left import Kept
    present = session.plugin.rebuilds.present
    assert isinstance(present, Kept)
    assert all(f.abs_dest_path in present for f in session.plugin.site.files)
    walked = {os.fspath(p) for p in session.site_dir.rglob("*") if p.is_file()}
    assert present.others <= walked and not any(path in present for path in present.others)
    remembered = session.plugin.build.kept.remade._remembered
    groups = [value for name, value in remembered.items() if name.startswith("groups ")]
    assert groups and all(value.places is not None for value in groups)
    assert remembered["story pages"].index is not None and remembered["story pages"].near_of is not None
    from lantoa.cards import draw
    draw.clear_caches()  # the cards this process drew in the build may have drawn every pattern
    partial.after_full_build(session.plugin)
    assert draw._background.cache_info().currsize == draw.PATTERN_VARIANTS  # the union's colour: all drawn
    story = stories(session.project)[3]
    replace_in(story, title_line(story), 'title: "Lần lưu đầu tiên"')
    save(session, story)


def test_a_slow_save_tells_the_time_of_each_step(session, caplog, monkeypatch):
    """A rebuild slower than partial.SLOW_SECONDS says in the log how long loading and planning,
    comparing, rendering and finishing took (a rare slow save is found from its log)."""
    from lantoa.engine.logs import log
    story = stories(session.project)[2]
    caplog.set_level(logging.INFO, logger=log.name)
    monkeypatch.setattr(partial, "SLOW_SECONDS", 1e9)  # a save as fast as any
    replace_in(story, title_line(story), 'title: "Một lần lưu nhanh"')
    save(session, story)
    assert "slow:" not in caplog.text and "partial rebuild:" in caplog.text
    monkeypatch.setattr(partial, "SLOW_SECONDS", 0.0)  # a save slower than allowed
    replace_in(story, 'title: "Một lần lưu nhanh"', 'title: "Một lần lưu chậm"')
    save(session, story)
    told = caplog.text.rsplit("partial rebuild:", 1)[1]
    assert [step in told for step in ("slow: load and plan", "compare", "render", "finish")] == [True] * 4


def test_pages_a_save_renders_are_written_over_their_files_and_mkdocs_says_nothing(session, caplog, monkeypatch):
    """The server writes a page it renders again (and 404.html) over its old file (`lantoa.overwrite`:
    emptying it first waits for the disk's journal), and MkDocs, given '', neither writes it nor
    says so."""
    from lantoa import overwrite
    from lantoa.engine import internals
    written, write_page = [], overwrite.write_page
    monkeypatch.setattr(overwrite, "write_page", lambda path, *html, **how: (written.append(path),
                                                                              write_page(path, *html, **how)))
    story = stories(session.project)[3]
    page = session.site_dir / "cau-chuyen" / story.parent.parent.name / story.parent.name / "index.html"
    inode, before = page.stat().st_ino, page.read_bytes()
    caplog.set_level(logging.INFO, logger=internals.BUILD_LOGGER)
    replace_in(story, title_line(story), 'title: "Viết đè lên tệp cũ"')
    assert save(session, story) > 0
    assert [r.getMessage() for r in caplog.records if r.getMessage().startswith(
        (internals.PAGE_SKIPPED, internals.TEMPLATE_SKIPPED))] == []
    assert "Viết đè lên tệp cũ" in page.read_text(encoding="utf-8") and page.stat().st_ino == inode
    assert page.read_bytes() != before and page.read_bytes().endswith(b"</html>")
    assert str(page) in written and str(session.site_dir / "404.html") in written
    assert (session.site_dir / "404.html").read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_a_page_linking_another_follows_it_as_it_goes_and_comes_back(session, tmp_path):
    """A body's relative link is rewritten by MkDocs only while its target is a page: the linking
    page (the very same in the plan) renders again on every save (`rebuilds.linking`), and the
    search text its last render gave is not taken for a newer one. (A link to a story held back is
    a warning, LT047, and a save that changes how many problems there are is a full build: here one
    target is held back as the other comes back, so that the saves stay partial.)"""
    year = stories(session.project)[0].parent.parent.name
    a, b, d = [s for s in stories(session.project) if s.parent.parent.name == year][:3]
    c = stories(session.project)[-1]
    a.write_text(a.read_text(encoding="utf-8") + f"\nXem thêm [chị bên cạnh](../{b.parent.name}/index.md) và "
                 f"[chị kia](../{d.parent.name}/index.md).\n", encoding="utf-8")
    replace_in(d, "---\n", "---\ndraft: true\n")
    session.rebuild()
    page = session.site_dir / "cau-chuyen" / a.parent.parent.name / a.parent.name / "index.html"
    assert f'href="../{b.parent.name}/"' in page.read_text(encoding="utf-8")
    replace_in(b, "---\n", "---\ndraft: true\n")
    replace_in(d, "draft: true\n", "")
    save(session, b, d)
    assert f'href="../{b.parent.name}/index.md"' in page.read_text(encoding="utf-8")
    assert f'href="../{d.parent.name}/"' in page.read_text(encoding="utf-8")
    assert_same_as_a_fresh_build(session, tmp_path)
    replace_in(b, "draft: true\n", "")
    replace_in(d, "---\n", "---\ndraft: true\n")
    replace_in(c, "---\n", "---\nupdated: 2025-12-31\n")  # the site's newest change: every page compared
    save(session, b, c, d)
    assert f'href="../{b.parent.name}/"' in page.read_text(encoding="utf-8")
    assert_same_as_a_fresh_build(session, tmp_path)


def test_a_story_out_of_the_lists_shows_them_again_around_the_cards_and_names_shown_before(session, tmp_path,
                                                                                          monkeypatch):
    """A story made a draft: the pages of its campaigns' lists and its year's archive render
    again, every later story one place on, around the cards drawn before (lasting.py: a card is
    drawn again only where it was not seen from before); the names page around the HTML of every
    letter but the story's own. Made public again, the same."""
    kept = session.plugin.rebuilds.kept.fragments
    seen, drawn, letters = [], [], []
    card, get = kept.card, kept.get

    def counted_card(where, shown, photo, render):
        seen.append(where)
        return card(where, shown, photo, lambda: (drawn.append(where), render())[1])

    def counted_get(name, page, value, also, render):
        return get(name, page, value, also, lambda: (letters.append(name), render())[1])
    monkeypatch.setattr(kept, "card", counted_card)
    monkeypatch.setattr(kept, "get", counted_get)
    story = stories(session.project)[-1]
    for step in ("draft", "public"):
        seen.clear(), drawn.clear(), letters.clear()
        if step == "draft":
            replace_in(story, "title:", "draft: true\ntitle:")
        else:
            replace_in(story, "draft: true\n", "")
        assert save(session, story) > 5
        assert len(seen) > 100 and len(drawn) < len(seen) / 5, (step, len(drawn), len(seen))
        assert len([name for name in letters if name.startswith("names ")]) == 1, letters
        assert_same_as_a_fresh_build(session, tmp_path)


def test_a_place_renamed_in_units_yml_renders_every_page_that_names_it_again(session, tmp_path):
    """units.yml is a full build under serve; the pages it renders again are those whose HTML
    changed, and a story's JSON-LD names its place's predecessors and successors, which its plan
    does not: a renamed commune is in every page's digest (found by a review: three story pages
    kept the old name)."""
    units = session.project / "stories/units.yml"
    text = units.read_text(encoding="utf-8")
    assert "name: Chi Lăng\n" in text
    units.write_text(text.replace("name: Chi Lăng\n", "name: Chi Lăng Mới\n", 1), encoding="utf-8")
    session.rebuild()
    assert_same_as_a_fresh_build(session, tmp_path)
