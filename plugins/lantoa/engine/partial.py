"""`mkdocs serve`: a save under stories/ re-renders only the pages that show what it changed.

MkDocs rebuilds the whole site on every save; at 10,000 stories that is seconds for one edit.
After each full build under serve, `Site` keeps what MkDocs made of it (its config, files, nav and
template environment). When the watcher (`watch.Saves`) reports saves of story, news or campaign
files only, the next rebuild is done here instead of by MkDocs' `build()`:

1. the stories are loaded and the site planned again, whole (listings are never stale); what was
   made from unchanged inputs is the previous object (`remade.py`: items, cards, item pages,
   listings' pages, related stories; `insight/kept.py`: figures), so the two plans mostly share
   their objects;
2. a page the plan took over from the previous one (the very object) is left as it is on disk
   unless its card was drawn anew or what every page depends on changed (`unchanged.to_compare`);
   any other page is compared with the previous plan's (`unchanged.same_as_before`), and failing
   that its fingerprint is taken (`reuse.Fingerprints`: the planned page, the items it shows and
   their photos, its card and feeds, and the site-wide digest of `rebuilds.site_digest`) and
   compared with the fingerprint of the HTML written before (`reuse.RenderCache`); a page equal
   or of an unchanged fingerprint is left as it is on disk, untouched;
3. only the other pages (changed, new) and the hand-written pages of docs/ go through MkDocs' own
   page steps (`internals.populate_page`, `build_page`: the same plugins' events and templates a
   full build runs); a page no longer planned is deleted;
4. the site-wide files are made as a full build makes them (search shards, feeds, sitemap, cards,
   photos, structured data), each written only where its bytes changed; what no page uses any
   more is swept (`output.sweep_known`: the files the last rebuild left, not a walk of the site).

The plain full build stays what `mkdocs build` and every other change use: a full build runs
when the configuration, a template, docs/, units.yml or the attachments change, when the site-wide
digest changes, when the watcher saw a change it did not report, when the previous build failed,
or when a plugin other than PAGE_LOCAL_PLUGINS is configured (its site-wide work would be
skipped). A save making or mending a mistake is partial: the preview's banner is the same on every page, filled by its
script from loi-noi-dung/tom-tat.json (`diagnostics.summary`). At 10,000 stories it was a full build of 18–19 s;
now 0.7–0.8 s, as a draft of the newest story: 185 pages (every page of its campaign's list and year's archive
moves by one and shows the counts; 0.3 s at 1,000 stories), around the cards, names and other campaigns' figures
they showed before (`lasting.py`, `planning/names.py`, `insight/kept.py`; 1.1–1.3 s without those).

Relies on (internals.py): LiveReloadServer.builder, mkdocs.commands.build's _populate_page,
_build_page and _build_theme_template, and the page state `internals.reset_page` clears.

Saves (scripts/bench serve, 2 cores, README "Speed"): at 10,000 stories a title edit reached every
page that shows it in 14.7 s with full rebuilds, 4.2 s with this module's first version, 0.78 s
at the start of 6/12/2026, 0.54 s at its noon, 0.34–0.35 s in its afternoon and 0.21–0.29 s at
its evening (medians of eight edits, three runs 18:16–18:47: the rebuild itself 0.12–0.23 s, begun 0.05 s after
the save; half the edits saved through a file beside index.md), 0.24–0.30 s at 20:49–20:57 with the search index
kept standing (`search/keeper.py`) and 0.23–0.24 s at 21:27–21:31 with its process held while a save is rebuilt;
at 1,000 stories 0.15–0.24 s, 0.15–0.21 s and 0.15 s in the same runs. On 7/12 (02:07–02:12, another machine)
0.12–0.13 s at 10,000 stories and 0.10–0.11 s at 1,000, the rebuild itself 0.06–0.07 s and 0.05 s; at 07:24, the
pages written over their files (`lantoa.overwrite`), 0.11 s and 0.10 s, the rebuild 0.05–0.06 s.
"""
from __future__ import annotations

import dataclasses
import os
import time
from pathlib import Path
from typing import Any

from mkdocs.structure.files import Files, InclusionLevel

from .. import collector, editor
from ..search import INDEX_URL
from ..search.job import IndexJobFailed
from ..search.keeper import IndexKeeper
from ..search.later import AFTER_SECONDS, LaterIndex
from ..search.records import search_docs
from . import filters, internals, left, output
from .logs import emit, log
from .pages import PlannedPage, nav_titles, planned_file
from .unchanged import carry_over, forget, gone, same_as_before, to_compare
from .watch import Saves, notice_saves_at_once

PAGE_LOCAL_PLUGINS = frozenset({"lantoa", "glightbox"})  # their work is per page, or done once at start
FULL_BUILD_FILES = frozenset({"units.yml"})  # read by every page: a full build
SLOW_SECONDS = 0.15  # a rebuild slower than this tells its steps' times in the log


@dataclasses.dataclass
class Site:
    """What MkDocs made of the site in the last full build under serve."""
    config: Any
    files: Files
    nav: Any
    env: Any
    digest: bytes  # rebuilds.site_digest: when it changes, every page does
    indexing: LaterIndex | None = None  # the search index of the last rebuild, being written
    # The pages of docs/ (MkDocs renders them itself): a partial rebuild, made only for saves under
    # stories/, never changes them, so they are not looked for again among 12,300 files a save.
    docs: tuple = ()
    # src_uri → file of every page served, in the order of `files` (what `documentation_pages()`
    # gives): kept up to date by `changed_pages`, not found again among 12,300 files twice a save.
    shown: "Shown" = dataclasses.field(default_factory=lambda: Shown())
    written: set[str] | None = None  # every file's abs_dest_path, until one comes or goes (`left.kept_now`)


class Shown(dict):
    """src_uri → file of every page served, and the lists of them a render hands to templates
    (`lists`), made again only after a change: listing 12,300 files twice cost a save 0.008 s."""

    _lists: tuple | None = None

    def lists(self) -> tuple[list, list]:
        """The files, and those of them included in the site (what a template lists as pages)."""
        if self._lists is None:
            files = list(self.values())
            self._lists = (files, [f for f in files if InclusionLevel.is_included(f.inclusion)])
        return self._lists

    def __setitem__(self, src_uri, file) -> None:
        self._lists = None
        super().__setitem__(src_uri, file)

    def __delitem__(self, src_uri) -> None:
        self._lists = None
        super().__delitem__(src_uri)

    def pop(self, src_uri, *default):
        self._lists = None
        return super().pop(src_uri, *default)

    def update(self, *args, **kwargs) -> None:
        self._lists = None
        super().update(*args, **kwargs)


def kept(site: Site | None, rebuilds) -> Site | None:
    """The site of a full build under serve, kept for the partial rebuilds after it."""
    if site is None or not rebuilds.serving or rebuilds.fingerprints is None:
        return None
    shown = {f.src_uri: f for f in site.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)}
    docs = tuple(f for f in shown.values()
                 if InclusionLevel.is_included(f.inclusion) and not isinstance(f.page, PlannedPage))
    return dataclasses.replace(site, digest=rebuilds.fingerprints.site_digest, docs=docs, shown=Shown(shown))


def install(server, plugin, config) -> Any:
    """Watch the stories and docs (`watch`), and put the partial rebuild in front of MkDocs'
    builder. Returns the watcher (None where the system cannot report saves: then every rebuild
    is MkDocs' own)."""
    stories = str(plugin.build.root / plugin.build.stories_dir)
    server.watch(stories)
    saves = Saves()
    watcher = notice_saves_at_once(server, [stories, config.docs_dir], saves)
    full = getattr(server, internals.SERVER_BUILDER, None)
    if watcher is None or full is None:
        return watcher

    def builder(config=None):
        settle(plugin.site)
        changed = saves.take()
        if config is None and eligible(plugin.site, changed, Path(stories)):
            try:
                if rebuild_changed(plugin, changed, saves.taken_first_at):
                    return
            except Exception as error:  # noqa: BLE001 - the full build below reports what is wrong
                log.info(f"Dựng lại toàn bộ (full rebuild): {type(error).__name__}: {error}")
            plugin.site = None
        full(config)

    setattr(server, internals.SERVER_BUILDER, builder)
    return watcher


def eligible(site: Site | None, changed: set[str] | None, stories: Path) -> bool:
    """Whether a save can be rebuilt here: only item files under stories/ changed (and were reported)."""
    if site is None or not changed or site.config.extra_templates:
        return False
    if not set(site.config.plugins) <= PAGE_LOCAL_PLUGINS:
        return False
    inside = os.path.join(os.fspath(stories), "")
    return all(path.startswith(inside) and os.path.basename(path) not in FULL_BUILD_FILES for path in changed)


def rebuild_changed(plugin, changed: set[str], saved_at: float | None = None) -> bool:
    """The rebuild of a save (the module's steps); False when a full build must do it.
    `saved_at`: time.monotonic() when the system reported the first save (for the log)."""
    started = time.perf_counter()
    late = time.monotonic() - saved_at if saved_at is not None else None
    site = plugin.site
    clock = output.clock(Path(site.config.site_dir))
    before = plugin.build
    collector.build_started()
    keeper = plugin.rebuilds.kept.search_index  # the search index's process waits meanwhile
    if keeper is not None:
        keeper.hold()
    done, steps = False, [("", started)]
    try:
        plugin.rebuilds.kept.saved = changed  # the stories' layout is known unless a folder came or went
        plugin.start_build(site.config)
        steps.append(("load and plan", time.perf_counter()))
        if plugin.build.plan.attachments != before.plan.attachments:
            return False
        plugin.prepare_media(site.config)
        plugin.rebuilds.plan_known(site.config, site.files, plugin.build, site.docs)
        if plugin.rebuilds.fingerprints.site_digest != site.digest:
            return False
        pages = changed_pages(plugin, site, before)
        steps.append(("compare", time.perf_counter()))
        render(plugin, site, pages)
        steps.append(("render", time.perf_counter()))
        finish(plugin, site, clock)
        steps.append(("finish", time.perf_counter()))
        collector.keep_to_the_end()  # as a full build under serve: no full collection while the tab reloads
        done = True
    finally:
        if keeper is not None:
            keeper.release(after=AFTER_SECONDS)  # once the tab has reloaded, as the records
        plugin.counter.detach()
        collector.build_ended()
        if not done:  # the full build starts its own: stop this one's card drawing and the like
            plugin.build.abandon()
        collector.free_later(before)
    after = (f", bắt đầu {late:.2f} s sau khi lưu", f", begun {late:.2f} s after the save") if late is not None else ("", "")
    took = time.perf_counter() - started
    slow = "; slow: " + ", ".join(f"{name} {end - begun:.3f} s" for (_, begun), (name, end) in zip(steps, steps[1:])) \
        if took > SLOW_SECONDS else ""
    log.info(f"Lưu nhanh: dựng lại {len(pages)} trang trong {took:.2f} s{after[0]} "
             f"(partial rebuild: {len(pages)} pages rendered, {len(changed)} files saved{after[1]}{slow})")
    return True


def changed_pages(plugin, site: Site, before) -> list:
    """The pages to render: planned pages whose fingerprint changed or that are new, and the
    pages of docs/. Unchanged pages keep their text for the search index and their sitemap entry;
    pages no longer planned are removed."""
    build, rebuilds, files = plugin.build, plugin.rebuilds, site.files
    titles, pages = nav_titles(site.config.nav or []), []
    unchanged, carried = same_as_before(before, build), carry_over(before, build)
    by_uri = files.src_uris  # get_file_from_path() parses each path again: 0.08 s for 12,000 pages
    for planned in to_compare(before, build, carried):
        file = by_uri.get(planned.src_uri)
        page = file.page if file is not None else None
        if isinstance(page, PlannedPage):
            same = unchanged(planned)
            kept = rebuilds.renders.entry(planned.src_uri) if same else \
                rebuilds.renders.get(planned.src_uri, rebuilds.fingerprints.of(planned, *build.page_inputs(planned)))
            if kept is not None:
                if not (same and carried):
                    build.keep_text(planned.src_uri, kept.text)
                    build.list_in_sitemap(planned, page.url)
                continue
            forget(build, planned.src_uri, page.url)
            page.read_again(planned)
        else:
            file = planned_file(site.config, planned, titles, plugin.bodies, plugin.counter)
            files.append(file)
            site.written = None
            if file.is_documentation_page() and InclusionLevel.is_in_serve(file.inclusion):
                site.shown[file.src_uri] = file
        pages.append(file.page)
    pages += _linking(rebuilds, build, by_uri, pages)
    for uri in gone(before, build):
        url = remove(files, uri, Path(site.config.site_dir))
        site.shown.pop(uri, None)
        site.written = None
        if url is not None:
            forget(build, uri, url)
    docs = [f.page for f in site.docs]
    for page in docs:
        internals.reset_page(page)
    return pages + docs


def _linking(rebuilds, build, by_uri, listed: list) -> list:
    """The pages last rendered with relative URLs that `listed` does not hold, to render again:
    MkDocs rewrites and checks those against the other pages, so any save may change them."""
    found, taken = [], {id(page) for page in listed}
    for uri in sorted(rebuilds.linking):
        file, planned = by_uri.get(uri), build.page(uri)
        if planned is None or file is None or not isinstance(file.page, PlannedPage):
            rebuilds.linking.discard(uri)
        elif id(file.page) not in taken:
            forget(build, uri, file.page.url)
            file.page.read_again(planned)
            found.append(file.page)
    return found


def remove(files: Files, src_uri: str, site_dir: Path) -> str | None:
    """The page's file out of `files` and the site; returns its URL (None: it had none)."""
    file = files.get_file_from_path(src_uri)
    if file is None:
        return None
    files.remove(file)
    written = Path(file.abs_dest_path)
    written.unlink(missing_ok=True)
    if written.parent.is_dir():
        output.remove_empty_folders(written.parent, site_dir)
    return file.url


def render(plugin, site: Site, pages: list) -> None:
    """What MkDocs' build() does for `pages` (read, convert, render, write, check anchors), and
    the site-wide files it renders from the theme (404.html)."""
    config, files, env = site.config, site.files, site.env
    filters.install(env, plugin.build)
    plugin.nav.reset()
    update_editor_config(config, files, plugin.build)
    for page in pages:
        internals.populate_page(page, config, files)
    shown, included = site.shown.lists()
    for template in config.theme.static_templates:
        if template != "sitemap.xml":
            internals.build_theme_template(template, env, included, config, site.nav)
        elif not plugin.build.site_url:  # else finish() writes it, and its .gz (which needs `files`)
            internals.build_theme_template(template, env, files, config, site.nav)
    for page in pages:
        internals.build_page(page, config, shown, site.nav, env)
    for page in pages:
        page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)


def update_editor_config(config, files: Files, build) -> None:
    """The editor's configuration lists the campaigns and places: written again when it changed,
    made again only when they did (at 10,000 stories, making it cost a save 0.008 s)."""
    file = files.get_file_from_path(editor.CONFIG_URI)
    corpus = build.plan.corpus
    lists = (config.repo_url, config.site_url or "", build.settings.today, corpus.units.units, corpus.campaigns)
    if build.kept.editor is None or build.kept.editor[0] != lists:
        build.kept.editor = (lists, editor.config_yaml(corpus, repo_url=config.repo_url, branch="main",
                                                       site_url=config.site_url or "", today=build.settings.today))
    text = build.kept.editor[1]
    if file is not None and file.content_string != text:
        file.content_string = text
        file.copy_file()


def finish(plugin, site: Site, clock: int) -> None:
    """What the plugin's on_post_build does, then the sweep of what the site no longer uses. The
    search index is made last, in a process of its own, while the browser reloads the pages (at
    10,000 stories it takes seconds; it is the same index a full build makes, a moment later)."""
    site_dir = Path(site.config.site_dir)
    for diagnostic in plugin.build.finish(site_dir, with_index=False):
        emit(diagnostic)
    rebuilds = plugin.rebuilds
    if rebuilds.present is None:
        kept = [*(f.abs_dest_path for f in site.files), *plugin.build.published_files(site_dir)]
        rebuilds.present = output.sweep(site_dir, clock, kept, spare=site_dir / INDEX_URL)
    else:  # only what may have gone since the last sweep is looked at (`left.py`)
        kept = left.kept_now(site, plugin.build)
        kept.others = output.sweep_known(site_dir, clock, kept, left.candidates(kept, rebuilds.present))
        rebuilds.present = kept
    index_later(site, plugin.build)


def after_full_build(plugin) -> None:
    """Serve, after a full build: the search index next, in its own process; and what the first
    partial rebuild would work out lazily from the full build, worked out now, before the
    writer's first save (at 10,000 stories, in process, the first save after a full build cost
    0.1 s more than the next): the files the site keeps (the walk's set made a `left.Kept`), the
    served pages' lists, the editor's configuration, what the plan keeps (`Remade.ready`) and
    what drawing a save's card needs (`CardJob.ready`)."""
    site, build = plugin.site, plugin.build
    index_later(site, build)
    site.shown.lists()
    update_editor_config(site.config, site.files, build)
    if isinstance(plugin.rebuilds.present, set):
        kept = left.kept_now(site, build)
        kept.others = left.candidates(kept, plugin.rebuilds.present)
        plugin.rebuilds.present = kept
    build.kept.remade.ready()
    if build.card_job is not None:
        build.card_job.ready()


def index_later(site: Site, build) -> None:
    """The search index of a rebuild under serve (full or partial), in a process of its own once
    the pages are written (it cost serve's first build 7.3 s of the main process at 10,000
    stories), its records made then too. Until it has written its files, a search in the preview
    uses the previous index."""
    settle(site)  # the previous rebuild's update, if it is not made yet: this one's supersedes it
    kept = build.kept.search_docs if build.kept else None
    keeper = None
    if build.kept is not None:  # one process keeps the index standing, patched where a save changed it
        keeper = build.kept.search_index = build.kept.search_index or IndexKeeper()
    site.indexing = LaterIndex(lambda: search_docs(build.plan, build.texts, kept),  # once the tab has reloaded
                               Path(site.config.site_dir) / INDEX_URL, keeper=keeper)


def settle(site: Site | None, wait: bool = False) -> None:
    """Before another rebuild, or the end: the index of the last rebuild is collected if it is
    written (or `wait`), else cancelled (another rebuild makes it again)."""
    job = site.indexing if site is not None else None
    if job is None:
        return
    site.indexing = None
    if not (wait or job.done()):
        job.cancel()
        return
    try:
        job.wait()
    except IndexJobFailed as error:
        log.error(f"Không tạo được chỉ mục tìm kiếm (search index failed): {error}")


def stop(plugin) -> None:
    """`mkdocs serve` ends: the watchers stop, and an index still being written (the folder goes)."""
    if plugin.watcher is not None:
        plugin.watcher.stop()
    settle(plugin.site)
    if plugin.rebuilds.kept.search_index is not None:
        plugin.rebuilds.kept.search_index.close()
