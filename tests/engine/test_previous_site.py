"""`mkdocs build` links the pages the previous build wrote from the same inputs (previous_site.py),
and the site is the one a cold build makes: every page that shows a change is rendered again."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from lantoa import code_version
from projects import copy_small
from support import mkdocs_build

pytestmark = pytest.mark.slow

STORY = "stories/people/2024/chi-an/index.md"


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


def build(project: Path, site: Path) -> None:
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr


def snapshot(site: Path, into: Path) -> Path:
    """A copy of the site made of links to its files: an unchanged inode means a linked page."""
    shutil.copytree(site, into, copy_function=os.link)
    return into


INDEX = "assets/lantoa/search-index/"


def pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}


def feeds(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("rss.xml")}


def made(site: Path) -> dict[str, bytes]:
    """The pages, the search index and the feeds: what previous_site.py may link."""
    return {**pages(site), **feeds(site), **{p.relative_to(site).as_posix(): p.read_bytes()
                                             for p in (site / INDEX).rglob("*") if p.is_file()}}


def linked(site: Path, before: Path) -> set[str]:
    return {uri for uri in made(site) if (before / uri).exists()
            and os.stat(site / uri).st_ino == os.stat(before / uri).st_ino}


def same_as_cold(project: Path, site: Path, tmp_path: Path) -> None:
    """The site's pages and search index are byte for byte those of a cold build of a copy of the project."""
    cold_project = tmp_path / f"cold-{len(list(tmp_path.glob('cold-*')))}"
    sources = ("mkdocs.yml", "docs", "stories")  # not the caches, the sites, nor old sites being deleted
    shutil.copytree(project, cold_project, ignore=lambda folder, names: [
        n for n in names if Path(folder) == project and n not in sources])
    build(cold_project, cold_project / "site")
    expected, found = made(cold_project / "site"), made(site)
    assert sorted(found) == sorted(expected)
    assert [uri for uri in expected if found[uri] != expected[uri]] == []


@pytest.fixture
def built(tmp_path) -> tuple[Path, Path]:
    """The small project, built once: (project, site)."""
    project = copy_small(tmp_path / "project")
    for name in ("a", "b", "c", "d", "e", "f"):  # hand-written pages: what the site digest lists of them
        (project / "docs" / "huong-dan" / f"{name}.md").parent.mkdir(parents=True, exist_ok=True)  # is in one order
        (project / "docs" / "huong-dan" / f"{name}.md").write_text(f"# Trang {name}\n", encoding="utf-8")
    build(project, project / "site")
    return project, project / "site"


def test_a_warm_build_links_every_page_and_is_the_cold_site(built, tmp_path):
    project, site = built
    before = snapshot(site, tmp_path / "before")
    build(project, site)
    shown = pages(site)
    assert len(shown) > 20
    # Every planned page is linked; the pages MkDocs renders itself (docs/, 404) are not planned.
    assert linked(site, before) >= {uri for uri in shown if uri.startswith(("cau-chuyen/", "phong-trao/", "luu-tru/"))}
    assert INDEX + "meta.json" in linked(site, before)  # the search index too: same inputs
    assert len(feeds(site)) > 3 and linked(site, before) >= set(feeds(site))  # and every feed
    same_as_cold(project, site, tmp_path)


def test_an_edited_story_renders_its_page_and_every_listing_again(built, tmp_path):
    project, site = built
    story = project / STORY
    story.write_text(re.sub(r"^title: .*$", "title: Chị An đổi tên", story.read_text(encoding="utf-8"),
                            count=1, flags=re.M), encoding="utf-8")
    before = snapshot(site, tmp_path / "before")
    build(project, site)
    assert (site / "sw.js").read_bytes() != (before / "sw.js").read_bytes(), "a deploy's worker takes a new version"
    showing = {uri for uri, html in pages(site).items() if "Chị An đổi tên".encode() in html}
    assert "cau-chuyen/2024/chi-an/index.html" in showing and len(showing) >= 4  # home, archive, campaign…
    kept = linked(site, before)
    assert kept and not kept & showing
    assert not any(uri.startswith(INDEX) for uri in kept)  # the index is made again, whole
    in_feeds = {uri for uri, xml in feeds(site).items() if "Chị An đổi tên".encode() in xml}
    assert "rss.xml" in in_feeds and not kept & in_feeds and kept & set(feeds(site))  # feeds without her: linked
    same_as_cold(project, site, tmp_path)


def test_a_photo_replaced_under_the_same_name_renders_the_pages_that_show_it(built, tmp_path):
    from projects import photo
    project, site = built
    photo(project / "stories/people/2024/chi-an/anh-1.jpg", (900, 1200))  # same name, other pixels
    before = snapshot(site, tmp_path / "before")
    build(project, site)
    assert "cau-chuyen/2024/chi-an/index.html" not in linked(site, before)
    same_as_cold(project, site, tmp_path)


def test_a_page_changed_in_the_site_is_written_again(built, tmp_path):
    project, site = built
    page = site / "cau-chuyen/2024/chi-an/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", "<script>x()</script></body>"),
                    encoding="utf-8")
    build(project, site)
    assert "<script>x()</script>" not in page.read_text(encoding="utf-8")
    same_as_cold(project, site, tmp_path)


def test_a_feed_changed_in_the_site_is_written_again(built, tmp_path):
    project, site = built
    feed = site / "rss.xml"
    feed.write_bytes(feed.read_bytes().replace(b"</channel>", b"<item>x</item></channel>"))
    build(project, site)
    assert b"<item>x</item>" not in feed.read_bytes()
    same_as_cold(project, site, tmp_path)


def test_an_empty_feed_takes_the_date_of_each_build(built, tmp_path, monkeypatch):
    """An empty feed's date is SOURCE_DATE_EPOCH's: another epoch, another feed, though its (no)
    entries are the same."""
    project, site = built
    campaign = project / "stories/campaigns/chua-co-bai/index.md"
    campaign.parent.mkdir()
    campaign.write_text((project / "stories/campaigns/dot-20-10/index.md").read_text(encoding="utf-8")
                        .replace("Đợt thi đua chào mừng", "Đợt chưa có bài"), encoding="utf-8")
    build(project, site)
    feed = site / "phong-trao/chua-co-bai/rss.xml"
    assert b"<item>" not in feed.read_bytes()
    before = feed.read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1769904000")  # a month later
    build(project, site)
    assert feed.read_bytes() != before
    same_as_cold(project, site, tmp_path)


def test_a_configuration_change_renders_every_page(built, tmp_path):
    project, site = built
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_name: Thử nghiệm", "site_name: Thử lại"),
                      encoding="utf-8")
    before = snapshot(site, tmp_path / "before")
    build(project, site)
    kept = linked(site, before)
    assert {uri for uri in kept if uri.endswith(".html")} == set()  # the index and some feeds do not show it
    assert "rss.xml" not in kept  # the site's feed is named after it
    same_as_cold(project, site, tmp_path)


def test_a_build_to_another_folder_or_a_failed_one_links_nothing_wrong(tmp_path):
    project = copy_small(tmp_path / "project")
    build(project, project / "site")
    other = project / "other"
    build(project, other)  # another folder: the kept pages are the first site's
    assert pages(other) == pages(project / "site")
    story = project / STORY
    good = story.read_text(encoding="utf-8")
    story.write_text(good.replace("date: 2024-10-01", "date: 2024-13-45"), encoding="utf-8")
    assert mkdocs_build(project, other).returncode != 0  # strict: the previous site stays, and so do its pages
    story.write_text(good, encoding="utf-8")
    before = snapshot(other, tmp_path / "before")
    build(project, other)
    assert linked(site=other, before=before)
    same_as_cold(project, other, tmp_path)


def test_the_code_digest_follows_every_file_of_the_package(tmp_path, monkeypatch):
    package = tmp_path / "lantoa"
    (package / "templates").mkdir(parents=True)
    (package / "a.py").write_text("x = 1\n")
    (package / "templates" / "t.html").write_text("<p>")
    monkeypatch.setattr(code_version, "PACKAGE", package)
    first = code_version.code_digest()
    (package / "templates" / "t.html").write_text("<p>!")
    assert code_version.code_digest() != first
    (package / "templates" / "t.html").write_text("<p>")
    assert code_version.code_digest() == first
    (package / "b.py").write_text("")
    assert code_version.code_digest() != first


def test_a_build_keeps_no_site_for_serve(tmp_path):
    """Builds take fingerprints too now: only serve keeps its site for partial rebuilds (and
    starts its search index after the build; a build's is its own IndexJob)."""
    from lantoa import reuse
    from lantoa.engine import partial
    from lantoa.engine.rebuilds import Rebuilds
    from mkdocs.structure.files import Files
    site = partial.Site(config=None, files=Files([]), nav=None, env=None, digest=b"")
    for command, kept in (("build", False), ("serve", True)):
        rebuilds = Rebuilds()
        rebuilds.start(command, dirty=False)
        rebuilds.fingerprints = reuse.Fingerprints(b"site")
        assert (partial.kept(site, rebuilds) is not None) is kept


# ---- PreviousSite on its own -----------------------------------------------------------

def kept_site(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A previous site with one page and a two-file index, kept by a build: (cache, target, staging)."""
    from lantoa.engine.previous_site import PreviousSite
    cache, target, staging = tmp_path / "cache", tmp_path / "site", tmp_path / "site.new"
    (target / "a").mkdir(parents=True)
    (target / "a/index.html").write_text("<p>a</p>")
    (target / INDEX / "s").mkdir(parents=True)
    (target / INDEX / "meta.json").write_text("{}")
    (target / INDEX / "s/0.json").write_text("[]")
    first = PreviousSite(cache, target, tmp_path / "unused")
    first.written("a/index.md", "a/index.html", b"print-a")
    first.folders[INDEX.rstrip("/")] = b"index-inputs"
    first.save()
    staging.mkdir()
    return cache, target, staging


def test_a_page_is_linked_only_for_the_same_fingerprint_and_file(tmp_path):
    from lantoa.engine.previous_site import PreviousSite
    cache, target, staging = kept_site(tmp_path)
    assert not PreviousSite(cache, target, staging).link("a/index.md", "a/index.html", b"other print")
    assert not PreviousSite(cache, target, staging).link("a/index.md", "b/index.html", b"print-a")
    assert not (staging / "a/index.html").exists()
    assert PreviousSite(cache, target, staging).link("a/index.md", "a/index.html", b"print-a")
    assert os.stat(staging / "a/index.html").st_ino == os.stat(target / "a/index.html").st_ino
    (staging / "a/index.html").unlink()
    os.utime(target / "a/index.html", ns=(1, 1))  # touched since: not the file the build wrote
    assert not PreviousSite(cache, target, staging).link("a/index.md", "a/index.html", b"print-a")


def test_a_page_is_copied_where_it_cannot_be_linked(tmp_path, monkeypatch):
    from lantoa.engine.previous_site import PreviousSite
    cache, target, staging = kept_site(tmp_path)

    def no_links(*_):
        raise OSError("links not allowed here")
    monkeypatch.setattr(os, "link", no_links)
    assert PreviousSite(cache, target, staging).link("a/index.md", "a/index.html", b"print-a")
    assert (staging / "a/index.html").read_text() == "<p>a</p>"
    assert os.stat(staging / "a/index.html").st_ino != os.stat(target / "a/index.html").st_ino


def test_an_index_is_linked_whole_or_not_at_all(tmp_path):
    from lantoa.engine.previous_site import PreviousSite
    cache, target, staging = kept_site(tmp_path)
    folder = staging / INDEX
    assert not PreviousSite(cache, target, staging).index_reuse(b"other inputs", folder)
    assert PreviousSite(cache, target, staging).index_reuse(b"index-inputs", folder)
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == \
        ["meta.json", "s/0.json"]
    shutil.rmtree(folder)
    (target / INDEX / "s/0.json").write_text("[1]")  # changed since: nothing of it is linked
    assert not PreviousSite(cache, target, staging).index_reuse(b"index-inputs", folder)
    assert not folder.exists() or not any(folder.rglob("*.json"))


def test_the_folders_of_this_builds_pages_are_made_ahead(tmp_path):
    from lantoa.engine.previous_site import PreviousSite
    cache, target, staging = kept_site(tmp_path)
    gone = PreviousSite(cache, target, staging)
    gone.make_folders({"b/index.md": "b/c/index.html", "a/index.md": "a.html"})  # a/ gone; b new (cold: all new)
    gone.folders_made()
    assert sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*")) == ["b", "b/c"]  # not a/
    for folder in ("b/c", "b"):
        (staging / folder).rmdir()
    site = PreviousSite(cache, target, staging)
    site.make_folders({"a/index.md": "a/index.html"})
    site.folders_made()
    assert sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*")) == ["a"]  # folders only
    assert site.link("a/index.md", "a/index.html", b"print-a")
    assert os.stat(staging / "a/index.html").st_ino == os.stat(target / "a/index.html").st_ino


def test_a_page_whose_folder_is_not_made_yet_is_linked_all_the_same(tmp_path):
    from lantoa.engine.previous_site import PreviousSite
    cache, target, staging = kept_site(tmp_path)
    (target / "a/index.html").rename(target / "b")  # the page one folder deeper, as stories are
    (target / "a/b").mkdir()
    (target / "b").rename(target / "a/b/index.html")
    first = PreviousSite(cache, target, tmp_path / "unused")
    first.written("a/b/index.md", "a/b/index.html", b"print-b")
    first.save()
    assert PreviousSite(cache, target, staging).link("a/b/index.md", "a/b/index.html", b"print-b")
    assert (staging / "a/b/index.html").read_text() == "<p>a</p>"


def test_an_old_site_is_deleted_by_a_process_that_is_no_fork_of_the_build(tmp_path):
    """Not this process's child: a fork of the build counts its memory again until it execs."""
    import time
    from lantoa.folders import delete_in_background
    old = tmp_path / ".site.lantoa-old-1"
    for n in range(40):
        (old / str(n)).mkdir(parents=True)
        for m in range(50):
            (old / str(n) / f"{m}.html").write_text("x")
    delete_in_background(old)
    children = [int(c) for task in Path("/proc/self/task").glob("*/children") for c in task.read_text().split()]
    assert not [c for c in children if b"rmtree" in Path(f"/proc/{c}/cmdline").read_bytes()]
    deadline = time.monotonic() + 60
    while old.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not old.exists()


def test_the_folder_maker_makes_every_folder_and_nothing_for_none(tmp_path):
    from lantoa.folders import FolderMaker
    maker = FolderMaker(str(tmp_path), ["x/y/z", "x", "w", ""])
    maker.join()
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == ["w", "x", "x/y", "x/y/z"]
    assert FolderMaker(str(tmp_path / "none"), [""]).process is None
    assert not (tmp_path / "none").exists()


def swap_in(staging: Path, target: Path) -> None:
    """What `output.swap` does, without deleting in the background."""
    shutil.rmtree(target)
    staging.rename(target)
    staging.mkdir()


def test_what_a_build_linked_or_copied_is_linked_by_the_next(tmp_path, monkeypatch):
    from lantoa.engine.previous_site import PreviousSite
    cache, target, staging = kept_site(tmp_path)
    second = PreviousSite(cache, target, staging)
    assert second.link("a/index.md", "a/index.html", b"print-a")
    assert second.index_reuse(b"index-inputs", staging / INDEX)
    swap_in(staging, target)
    second.save()  # the linked page and index are recorded as the files they are
    third = PreviousSite(cache, target, staging)
    assert third.link("a/index.md", "a/index.html", b"print-a")
    assert third.index_reuse(b"index-inputs", staging / INDEX)
    real_link = os.link

    def no_links(*_):
        raise OSError("links not allowed here")
    monkeypatch.setattr(os, "link", no_links)
    shutil.rmtree(staging)
    staging.mkdir()
    fourth = PreviousSite(cache, target, staging)
    assert fourth.link("a/index.md", "a/index.html", b"print-a")  # a copy: another file
    swap_in(staging, target)
    fourth.save()
    monkeypatch.setattr(os, "link", real_link)
    assert PreviousSite(cache, target, staging).link("a/index.md", "a/index.html", b"print-a")
