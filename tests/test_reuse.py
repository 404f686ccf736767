"""Rebuilds under `mkdocs serve` reuse unchanged pages, and the result is the site a fresh
build makes: nothing stale, on the edited page or on any listing showing it."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from lantoa import reuse
from lantoa.engine import partial
from lantoa.model import Body, Story
from lantoa.plan import Card, Feed, Page
from projects import copy_small

SERVE_URL = "http://127.0.0.1:8000/thu/"


def story(**changes) -> Story:
    fields = dict(slug="chi-mai", source="stories/people/2024/chi-mai/index.md", folder=Path("/x"),
                  title="Chị Mai", summary="Sapo.", body=Body("Nội dung."), photos=(), cover=None, tags=(),
                  draft=False, subject="Hoàng Thị Mai", subject_kind="cá nhân", unit="xa-a",
                  date=dt.date(2024, 3, 8), year=2024)
    if isinstance(changes.get("body"), str):
        changes["body"] = Body(changes["body"])
    return Story(**{**fields, **changes})


def page(item: Story, **context) -> Page:
    feed = Feed("rss.xml", "Bài mới", "", (item,))
    return Page(url="cau-chuyen/2024/chi-mai/", role="story", title=item.title, template="lantoa/story.html",
                context=dict(item=item, **context), markdown=item.body, feeds=(feed,))


# ---- fingerprints ---------------------------------------------------------------------

def test_same_inputs_same_fingerprint_and_any_change_shows():
    prints = reuse.Fingerprints(b"site")
    mai = story()
    assert prints.of(page(mai)) == reuse.Fingerprints(b"site").of(page(story()))
    assert prints.of(page(mai)) != prints.of(page(story(body="Nội dung mới.")))
    assert prints.of(page(mai)) != prints.of(page(mai, related=[]))
    assert prints.of(page(mai)) != prints.of(page(mai), "the-chia-se/khac.jpg")
    assert prints.of(page(mai)) != reuse.Fingerprints(b"other site").of(page(mai))


def test_long_bodies_go_in_as_digests_and_are_left_as_they_were():
    """A body of LONG_TEXT characters or more, on the page and on its story: any change shows, and
    taking the fingerprint leaves no UTF-8 copy cached in the body (pickling a str would)."""
    body = "Chị Mai nuôi ong ở xã Tú Đoạn, huyện Lộc Bình. " * 40
    assert len(body) >= reuse.LONG_TEXT
    mai = story(body=body)
    size = sys.getsizeof(body)
    prints = reuse.Fingerprints(b"site")
    first = prints.of(page(mai))
    assert sys.getsizeof(body) == size
    pickled = "".join(list(body))  # what the check would see had the body been pickled
    pickle.dumps(pickled)
    assert sys.getsizeof(pickled) > size
    assert first == reuse.Fingerprints(b"site").of(page(story(body="".join(list(body)))))  # equal, not the same
    for changed in (body[:-1] + "!", body + " ", "x" + body[1:]):
        other = story(body=changed)
        assert reuse.Fingerprints(b"site").of(page(other)) != first
        assert reuse.Fingerprints(b"site").of(dataclasses.replace(page(mai), markdown=Body(changed))) != first


def test_a_released_body_keeps_what_compares_and_fingerprints_it():
    """A build lets go of a body's text once its page is converted (engine/pages.py): the item
    still compares, hashes and fingerprints as before, and nothing can read the text by mistake."""
    text = "Chị Mai nuôi ong ở xã Tú Đoạn, huyện Lộc Bình. " * 30
    mai, kept = story(body=text), Body(text)
    before = reuse.Fingerprints(b"site").of(page(mai))
    mai.body.release()
    assert mai.body.released and len(mai.body) == len(text) and mai.body and not Body("")
    assert mai.body == kept and kept == mai.body and hash(mai.body) == hash(kept)
    assert mai.body != Body(text[:-1] + "!") and mai == story(body=text)
    assert reuse.Fingerprints(b"site").of(page(mai)) == before
    assert reuse.Fingerprints(b"site").of(page(story(body=text + " "))) != before
    with pytest.raises(ValueError):
        mai.body.text
    with pytest.raises(ValueError):  # nor sent to another process as if it were empty
        pickle.dumps(mai.body)
    assert pickle.loads(pickle.dumps(kept)) == kept and pickle.loads(pickle.dumps(kept)).text == text


def test_a_listing_changes_when_a_story_it_shows_changes():
    prints = reuse.Fingerprints(b"site")
    card = Card("cau-chuyen/2024/chi-mai/", "story", "Gương điển hình", "Chị Mai", None, None, None,
                dt.date(2024, 3, 8), "Sapo.", None)
    listing = Page(url="luu-tru/2024/", role="year", title="Năm 2024", template="lantoa/listing.html",
                   context=dict(cards=[card]))
    retitled = dataclasses.replace(listing, context=dict(cards=[dataclasses.replace(card, title="Chị Mai ơi")]))
    assert prints.of(listing) != prints.of(retitled)


def test_feed_items_do_not_make_every_page_new():
    """Pages show a feed's title and link; a new story in the site feed changes only the feed file."""
    prints = reuse.Fingerprints(b"site")
    mai = story()
    with_other_feed = dataclasses.replace(page(mai), feeds=(Feed("rss.xml", "Bài mới", "", (mai, story(slug="b"))),))
    assert prints.of(page(mai)) == prints.of(with_other_feed)
    renamed = dataclasses.replace(page(mai), feeds=(Feed("rss.xml", "Tin mới", "", (mai,)),))
    assert prints.of(page(mai)) != prints.of(renamed)


def test_an_item_digest_is_not_mistaken_for_another_object_at_the_same_address():
    prints = reuse.Fingerprints(b"site")
    first = prints.of(page(story(title="Một")))
    second = prints.of(page(story(title="Hai")))  # the first Story may be freed and its id reused
    assert first != second


def test_unpicklable_context_is_never_reused():
    assert reuse.Fingerprints(b"site").of(page(story(), hook=lambda: None)) is None


def test_render_cache_hits_only_on_equal_fingerprints_and_forgets_unplanned_pages():
    cache = reuse.RenderCache()
    cache.put("a/index.md", reuse.Rendered(b"1", "<p>a</p>", "a"))
    assert cache.get("a/index.md", b"1").content == "<p>a</p>"
    assert cache.get("a/index.md", b"2") is None
    assert cache.get("a/index.md", None) is None
    cache.keep_only(["b/index.md"])
    assert cache.get("a/index.md", b"1") is None and len(cache) == 0


def test_a_fingerprint_does_not_change_when_a_cached_label_is_asked_for():
    """Months cache their labels when a heat map or a table prints them: a page's fingerprint is
    the same whether that happened before it was taken or not (else a save renders it again)."""
    from lantoa.insight.model import Month

    def page(month):
        return Page(url="dia-ban/x/", role="unit", title="X", template="t.html", context={"months": [month]})

    fingerprints = reuse.Fingerprints(b"site")
    fresh, asked = Month(2025, 7), Month(2025, 7)
    assert asked.label == "7/2025"
    assert fingerprints.of(page(fresh)) == fingerprints.of(page(asked))
    assert fingerprints.of(page(Month(2025, 8))) != fingerprints.of(page(fresh))


def test_one_shared_card_and_two_equal_cards_give_one_fingerprint():
    """Fingerprints depend on values, not on which equal values are one object (else another
    process, or another path through the planner, would take the same page for a changed one)."""
    card = Card("cau-chuyen/2024/chi-mai/", "story", "Gương điển hình", "Chị Mai", None, None, None,
                dt.date(2024, 3, 8), "Sapo.", None)

    def listing(*cards):
        return Page(url="the/x/", role="tag", title="X", template="lantoa/listing.html", context=dict(cards=list(cards)))
    prints = reuse.Fingerprints(b"site")
    assert prints.of(listing(card, card)) == prints.of(listing(card, dataclasses.replace(card)))
    assert prints.of(listing(card, card)) != prints.of(listing(card, dataclasses.replace(card, title="Khác")))
    assert prints.of(listing(card)) != prints.of(listing(card, card))


def test_digests_taken_from_the_previous_rebuild_stand_for_the_very_same_objects_only():
    card = Card("cau-chuyen/2024/chi-mai/", "story", "Gương điển hình", "Chị Mai", None, None, None,
                dt.date(2024, 3, 8), "Sapo.", None)

    def listing(*cards):
        return Page(url="the/x/", role="tag", title="X", template="lantoa/listing.html", context=dict(cards=list(cards)))
    first = reuse.Fingerprints(b"site")
    before = first.of(listing(card))
    carried = reuse.Fingerprints(b"site", before=first)
    assert carried.of(listing(card)) == before == reuse.Fingerprints(b"site").of(listing(card))
    assert id(card) in carried._digests  # taken, not digested again
    retitled = dataclasses.replace(card, title="Chị Mai ơi")
    assert carried.of(listing(retitled)) == reuse.Fingerprints(b"site").of(listing(retitled)) != before
    other_photos = reuse.Fingerprints(b"site", {Path("/x/anh.jpg"): "khác"}, before=carried)
    assert other_photos._before == {}  # photos changed: a card's cover may have, nothing is taken


FINGERPRINT_SCRIPT = """
import json, sys
from pathlib import Path
from lantoa.load import load_corpus
from lantoa.plan import Settings
from lantoa.planning.site import plan_site
from lantoa.reuse import Fingerprints
import datetime
if __name__ == "__main__":
    plan = plan_site(load_corpus(Path(sys.argv[1])), Settings(today=datetime.date(2026, 12, 5)))
    prints = Fingerprints(b"site")
    print(json.dumps({p.src_uri: (prints.of(p) or b"").hex() for p in plan.pages}))
"""


def test_fingerprints_are_the_same_in_another_process(tmp_path):
    """What `engine.previous_site` relies on: a page planned again from the same files, in a
    process with another string hash seed, has the same fingerprint."""
    import json
    import os
    script = tmp_path / "prints.py"
    script.write_text(FINGERPRINT_SCRIPT, encoding="utf-8")
    runs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=os.pathsep.join(sys.path))
        done = subprocess.run([sys.executable, str(script), str(Path(__file__).resolve().parent.parent)], env=env, capture_output=True,
                              text=True, check=True, cwd=tmp_path)  # the bundled example's stories
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    assert len(runs[0]) > 50 and all(runs[0].values())
    assert runs[0] == runs[1]


def test_site_digest_follows_templates_and_files(tmp_path):
    templates = tmp_path / "overrides"
    templates.mkdir()
    (templates / "main.html").write_text("a", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: A\n", encoding="utf-8")
    before = reuse.digest_of(["x"], [templates], [config])
    assert before == reuse.digest_of(["x"], [templates], [config])
    (templates / "main.html").write_text("bb", encoding="utf-8")
    changed_template = reuse.digest_of(["x"], [templates], [config])
    config.write_text("site_name: B\n", encoding="utf-8")
    changed_config = reuse.digest_of(["x"], [templates], [config])
    assert len({before, changed_template, changed_config, reuse.digest_of(["y"], [templates], [config])}) == 4


# ---- serve rebuilds -------------------------------------------------------------------

class ServeSession:
    """What `mkdocs serve` does between saves, in-process: a fresh config per rebuild, one plugin
    instance for the whole session (MkDocs keeps plugins that define on_startup)."""

    def __init__(self, project: Path, site_dir: Path, dirty: bool = False):
        self.project, self.site_dir, self.dirty = project, site_dir, dirty
        self.config = self._config()
        self.config.plugins.on_startup(command="serve", dirty=dirty)
        self.plugin = self.config.plugins["lantoa"]

    def _config(self):
        config = load_config(config_file=str(self.project / "mkdocs.yml"), site_dir=str(self.site_dir))
        config.site_url = SERVE_URL
        return config

    def rebuild(self) -> None:
        """A full rebuild, and the search index its job makes after the pages."""
        build(self.config, serve_url=SERVE_URL, dirty=self.dirty)
        partial.settle(self.plugin.site, wait=True)
        self.config = self._config()

    def close(self) -> None:
        self.config.plugins.on_shutdown()


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


FRESH = """
import sys
from pathlib import Path
sys.path[:0] = [sys.argv[3]]
import support  # the engine under test
from test_reuse import ServeSession
session = ServeSession(Path(sys.argv[1]), Path(sys.argv[2]))
session.rebuild()
session.close()
"""


def assert_same_as_a_fresh_build(session: ServeSession, tmp_path: Path) -> None:
    """The served site is byte for byte what a new `mkdocs serve` builds now. In another process:
    MkDocs keeps one instance of our plugin (and its caches) per process."""
    fresh = tmp_path / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    result = subprocess.run([sys.executable, "-c", FRESH, str(session.project), str(fresh),
                             str(Path(__file__).parent)], capture_output=True, text=True, cwd=session.project)
    assert result.returncode == 0, result.stderr[-3000:]
    served, expected = tree(session.site_dir), tree(fresh)
    assert served.keys() == expected.keys()
    assert [name for name in expected if served[name] != expected[name]] == []


@pytest.fixture
def session(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    project = copy_small(tmp_path / "project")
    monkeypatch.chdir(project)
    serving = ServeSession(project, tmp_path / "served")
    serving.rebuild()
    yield serving
    serving.close()


def test_an_edit_rebuilds_what_shows_it_and_reuses_the_rest(session, tmp_path):
    plugin = session.plugin
    assert plugin.rebuilds.renders.rendered > 0 and plugin.rebuilds.renders.reused == 0
    session.rebuild()  # nothing changed: everything reused
    assert plugin.rebuilds.renders.rendered == 0 and plugin.rebuilds.renders.reused > 0

    index = session.project / "stories/people/2024/chi-an/index.md"
    index.write_text(index.read_text(encoding="utf-8").replace(
        "title: Câu chuyện về Lê Thị An", "title: Chị An và vườn quế mới"), encoding="utf-8")
    session.rebuild()
    assert 0 < plugin.rebuilds.renders.rendered < plugin.rebuilds.renders.reused
    served = tree(session.site_dir)
    for url in ("cau-chuyen/2024/chi-an/index.html", "index.html", "luu-tru/2024/index.html"):
        assert "Chị An và vườn quế mới" in served[url].decode()
        # the preview registers no service worker (and drops one kept): livereload's long poll is not for it
        assert 'offline/register.js" data-preview defer' in served[url].decode()

    assert_same_as_a_fresh_build(session, tmp_path)


def test_a_template_change_renders_every_page_again(session):
    overrides = session.project / "docs" / "overrides"
    overrides.mkdir(parents=True, exist_ok=True)
    config = session.project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  name: material\n", "  name: material\n  custom_dir: docs/overrides\n", 1), encoding="utf-8")
    session.rebuild()
    assert session.plugin.rebuilds.renders.reused == 0
    (overrides / "main.html").write_text('{% extends "base.html" %}\n{% block announce %}Thông báo{% endblock %}\n',
                                         encoding="utf-8")
    session.rebuild()
    assert session.plugin.rebuilds.renders.reused == 0
    assert "Thông báo" in (session.site_dir / "cau-chuyen/2024/chi-an/index.html").read_text(encoding="utf-8")


def test_a_template_change_renders_the_figures_kept_between_rebuilds_again(session, tmp_path):
    """A campaign's figures are kept as HTML while they are the same (lasting.py); another
    template for them, or another configuration, renders them again."""
    overrides = session.project / "docs" / "overrides"
    config = session.project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  name: material\n", "  name: material\n  custom_dir: docs/overrides\n", 1), encoding="utf-8")
    (overrides / "lantoa/partials").mkdir(parents=True)
    session.rebuild()
    campaign = next((session.site_dir / "phong-trao").glob("*/index.html"))
    assert "Bảng riêng của tỉnh" not in campaign.read_text(encoding="utf-8")
    (overrides / "lantoa/partials/insight-campaign.html").write_text("<p>Bảng riêng của tỉnh</p>", encoding="utf-8")
    session.rebuild()
    assert "Bảng riêng của tỉnh" in campaign.read_text(encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8").replace("  custom_dir: docs/overrides\n", "", 1),
                      encoding="utf-8")
    session.rebuild()  # the session reads mkdocs.yml after a rebuild, as serve does after the save
    session.rebuild()
    assert "Bảng riêng của tỉnh" not in campaign.read_text(encoding="utf-8")
    assert_same_as_a_fresh_build(session, tmp_path)


def test_a_new_problem_renders_only_the_pages_that_show_it(session, tmp_path):
    """The preview's banner reads the count from loi-noi-dung/tom-tat.json, not from the page: a
    new warning renders the story and the problems page again, and reuses the rest."""
    story = session.project / "stories/people/2024/chi-dao/index.md"
    story.write_text(story.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n", encoding="utf-8")
    session.rebuild()
    renders = session.plugin.rebuilds.renders
    assert 0 < renders.rendered < renders.reused
    assert json.loads((session.site_dir / "loi-noi-dung/tom-tat.json").read_bytes())["count"] == 1
    archive = (session.site_dir / "luu-tru/index.html").read_text(encoding="utf-8")
    assert '<p class="lt-problems-banner" hidden data-summary="../loi-noi-dung/tom-tat.json"' in archive
    assert "LT060" in (session.site_dir / "loi-noi-dung/index.html").read_text(encoding="utf-8")
    assert_same_as_a_fresh_build(session, tmp_path)


def test_a_photo_added_to_a_story_folder_is_seen_without_touching_its_text(session, tmp_path):
    """Parsed story files are kept between rebuilds; a change in the story's folder counts as a change."""
    from projects import photo
    missing = session.project / "stories/people/2024/chi-an/anh-1.jpg"
    missing.unlink()
    session.rebuild()
    assert "LT040" in (session.site_dir / "loi-noi-dung/index.html").read_text(encoding="utf-8")
    photo(missing)
    session.rebuild()
    assert not (session.site_dir / "loi-noi-dung/index.html").exists()
    assert_same_as_a_fresh_build(session, tmp_path)


def test_unchanged_pages_are_left_on_disk_and_what_went_away_is_swept(session, tmp_path):
    """Serve carries the previous output over: unchanged pages are not written again, and the
    files of a deleted story (its page, its card) do not linger."""
    served = session.site_dir
    story_page = served / "cau-chuyen/2024/chi-dao/index.html"
    assert story_page.exists()
    shutil.rmtree(session.project / "stories/people/2024/chi-dao")
    session.rebuild()
    assert not story_page.exists() and not story_page.parent.exists()
    plugin = session.plugin
    assert plugin.rebuilds.unchanged and len(plugin.rebuilds.unchanged) == plugin.rebuilds.renders.reused
    assert all(Path(p).stat().st_mtime_ns < plugin.rebuilds.started for p in plugin.rebuilds.unchanged)
    assert_same_as_a_fresh_build(session, tmp_path)


def test_a_page_whose_file_went_is_rendered_again_and_the_cache_holds_no_html(session, tmp_path):
    """The render cache keeps no page's HTML (700 MB at 10,000 stories): an unchanged page is
    reused only while its file is there; one deleted from the output is rendered again."""
    page = session.site_dir / "cau-chuyen/2024/chi-an/index.html"
    written = page.read_bytes()
    page.unlink()
    session.rebuild()
    assert page.read_bytes() == written
    assert session.plugin.rebuilds.renders.rendered == 1
    assert not any(isinstance(value, str) and "<html" in value for entry in session.plugin.rebuilds.renders._entries.values()
                   for value in vars(entry).values())


def test_after_a_failed_rebuild_the_next_one_writes_every_page_again(session, tmp_path):
    """A template mistake stops a rebuild half way; once it is fixed, nothing stale is served."""
    overrides = session.project / "docs" / "overrides"
    overrides.mkdir(parents=True, exist_ok=True)
    config = session.project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  name: material\n", "  name: material\n  custom_dir: docs/overrides\n", 1), encoding="utf-8")
    (overrides / "main.html").write_text('{% extends "base.html" %}{% block announce %}{{ nothing() }}{% endblock %}',
                                         encoding="utf-8")
    session.config = session._config()
    with pytest.raises(Exception):
        session.rebuild()
    session.config = session._config()
    (overrides / "main.html").write_text('{% extends "base.html" %}', encoding="utf-8")
    session.rebuild()
    assert session.plugin.rebuilds.renders.reused == 0
    assert not any(session.site_dir.parent.glob("*.lantoa-previous-*"))
    assert_same_as_a_fresh_build(session, tmp_path)


def add_to_config(project: Path, after: str, text: str) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(after, after + text, 1), encoding="utf-8")


def test_other_plugins_see_reused_pages_too(session, tmp_path):
    """glightbox rewrites every page in on_post_page: a reused page is still the whole page."""
    add_to_config(session.project, "plugins:\n", "  - glightbox\n")
    session.config = session._config()
    session.rebuild()
    story = session.project / "stories/people/2024/chi-an/index.md"
    story.write_text(story.read_text(encoding="utf-8").replace("title: Câu chuyện về Lê Thị An",
                                                               "title: Chị An"), encoding="utf-8")
    session.rebuild()
    assert session.plugin.rebuilds.renders.reused > 0
    assert_same_as_a_fresh_build(session, tmp_path)


def test_a_page_with_relative_links_is_rendered_again(session, tmp_path):
    """MkDocs rewrites relative links against the files there are: such a page is never reused."""
    story = session.project / "stories/people/2024/chi-an/index.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nXem [chị Đào](../chi-dao/index.md).\n", encoding="utf-8")
    session.rebuild()
    shutil.rmtree(session.project / "stories/people/2024/chi-dao")
    session.rebuild()
    assert_same_as_a_fresh_build(session, tmp_path)


def test_a_photo_added_in_a_subfolder_is_seen(session, tmp_path):
    from projects import photo
    story = session.project / "stories/people/2024/chi-an/index.md"
    story.write_text(story.read_text(encoding="utf-8").replace("file: anh-1.jpg", "file: anh/moi.jpg"),
                     encoding="utf-8")
    (story.parent / "anh").mkdir()
    session.rebuild()
    assert "LT040" in (session.site_dir / "loi-noi-dung/index.html").read_text(encoding="utf-8")
    photo(story.parent / "anh" / "moi.jpg")
    session.rebuild()
    assert_same_as_a_fresh_build(session, tmp_path)


def test_serve_dirty_keeps_what_mkdocs_did_not_write_again(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    project = copy_small(tmp_path / "project")
    monkeypatch.chdir(project)
    dirty = ServeSession(project, tmp_path / "served", dirty=True)
    dirty.rebuild()
    before = tree(dirty.site_dir).keys()
    dirty.rebuild()
    dirty.close()
    assert tree(dirty.site_dir).keys() == before
    assert any(name.startswith("assets/stylesheets/") for name in before)


def test_serve_with_a_config_file_given_reuses_pages(tmp_path, monkeypatch):
    """`mkdocs serve -f mkdocs.yml` loads the first config from an open file (a relative path) and
    the next ones by absolute path: the same configuration, so unchanged pages are reused."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    project = copy_small(tmp_path / "project")
    monkeypatch.chdir(project)
    session = ServeSession(project, tmp_path / "served")
    with open("mkdocs.yml", "rb") as given:  # as click hands `-f` over
        session.config = load_config(config_file=given, site_dir=str(session.site_dir))
        session.config.site_url = SERVE_URL
    session.rebuild()
    session.rebuild()
    assert session.plugin.rebuilds.renders.rendered == 0 and session.plugin.rebuilds.renders.reused > 0
    session.close()
