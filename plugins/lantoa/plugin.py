"""The MkDocs adapter: maps MkDocs events onto the Lan Tỏa pipeline.

The only module that imports mkdocs. It holds no logic of its own: load →
plan → (MkDocs renders) → post-build steps, each one call into a plain module.
"""
from __future__ import annotations

import datetime as dt
import gc
import logging
import os
import re
import shutil
from pathlib import Path

import jinja2
import markdown
import markupsafe
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page, _ExtractAnchorsTreeprocessor, _RawHTMLPreprocessor
from mkdocs.structure.toc import TableOfContents
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import url_filter as mkdocs_url_filter
from mkdocs.utils.meta import get_data
from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from . import build as pipeline
from . import bodies, editor, output, reuse
from .plan import Settings

log = logging.getLogger("mkdocs.plugins.lantoa")
PACKAGE = Path(__file__).resolve().parent
GC_THRESHOLDS = gc.get_threshold()
# During a build, full collections (every 100 young ones by default, once enough has piled up)
# scan what the build keeps to its end and free next to nothing: 5 % of the main process at
# 10,000 stories. Young collections still free the cycles templates leave.
BUILD_GC_THRESHOLDS = (*GC_THRESHOLDS[:2], 1000)


class LanToaConfig(base.Config):
    stories_dir = c.Type(str, default="stories")
    union_name = c.Type(str, default="Hội Liên hiệp Phụ nữ")
    page_size = c.Type(int, default=24)
    photo_widths = c.ListOfItems(c.Type(int), default=[480, 960, 1600])
    photo_max_pixels = c.Type(int, default=250_000_000)
    cache_dir = c.Type(str, default=".cache/lantoa")
    zalo_oa_id = c.Optional(c.Type(str))
    quota = c.Type(int, default=2)


class _Counter(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


class _QuietSkips(logging.Filter):
    """Drops MkDocs' "Page skipped" notice for pages left as they were under serve."""

    def __init__(self):
        super().__init__()
        self.pages: set[str] = set()

    def filter(self, record):
        message = str(record.msg)
        return not (message.startswith("Page skipped: '") and message.split("'")[1] in self.pages)


class PlannedPage(Page):
    """A page of the site plan. Under `mkdocs serve`, one whose fingerprint is unchanged since
    the previous rebuild takes its HTML from the render cache instead of being rendered; a body
    unchanged since an earlier build takes its HTML from the body cache."""
    fingerprint: bytes | None = None
    reused: reuse.Rendered | None = None
    body_cache: bodies.BodyCache | None = None
    converter: "SharedConverter | None" = None
    body_job: bodies.BodyJob | None = None
    sanitized: str | None = None  # the body's HTML sanitised, where the body job made it
    converted: str | None = None  # the HTML `sanitized` was made from
    warnings: "_Counter | None" = None

    def render(self, config, files):
        if self.reused is not None:
            self.content, anchors = self.reused.content, self.reused.anchors
        elif not self.markdown:  # listings: MkDocs would set up a Markdown converter for nothing
            self.content, anchors = "", ()
        elif kept := self.body_cache and self.body_cache.get(self.file.src_uri, self.markdown):
            self.content, anchors = kept
        elif converted := self._converted():
            self.content, anchors, self.sanitized = converted
            self.converted = self.content
            if self.body_cache:
                self.body_cache.put(self.file.src_uri, self.markdown, self.content, anchors, checked=True)
        else:
            before = self.warnings.count if self.warnings else 0
            super().render(config, files)
            if self.body_cache and self.warnings and self.warnings.count == before:
                self.body_cache.put(self.file.src_uri, self.markdown, self.content, self.present_anchor_ids)
            return
        self.present_anchor_ids = set(anchors)
        self.toc = TableOfContents([])

    def _converted(self) -> tuple[str, set[str], str | None] | None:
        """From the body job, else from the shared converter; None: MkDocs converts it."""
        done = self.body_job.take(self.file.src_uri, self.markdown) if self.body_job else bodies.NOT_HERE
        if done is not bodies.NOT_HERE:
            return done
        converted = self.converter and self.converter.convert(self.markdown)
        return (*converted, None) if converted else None


class SharedConverter:
    """One Markdown converter for every page of a build, where MkDocs sets up a new one per page
    (a tenth of a cold build). Only for extensions named in mkdocs.yml that are all pure
    (`bodies.PURE_EXTENSIONS`: reset between pages), and only for bodies without relative URLs
    (MkDocs rewrites and checks those against the site): `convert` returns None for the others,
    and MkDocs converts them as usual."""

    def __init__(self, extensions: list[str], configs: dict):
        self.md = markdown.Markdown(extensions=extensions, extension_configs=configs or {})
        self.raw_html = _RawHTMLPreprocessor()  # as Page.render: ids in raw HTML count as anchors
        self.raw_html._register(self.md)
        self.anchors = _ExtractAnchorsTreeprocessor(None, None, None)  # (it reads none of them)
        self.anchors._register(self.md)

    @classmethod
    def usable(cls, config) -> bool:
        return (all(isinstance(e, str) for e in config.markdown_extensions)
                and bodies.settings_key(config.markdown_extensions, config.mdx_configs) is not None)

    def convert(self, text: str) -> tuple[str, set[str]] | None:
        self.anchors.present_anchor_ids, self.raw_html.present_anchor_ids = set(), set()
        html = self.md.reset().convert(text)
        if not bodies.keepable(html):
            return None
        return html, self.anchors.present_anchor_ids | self.raw_html.present_anchor_ids


_converters: dict[str, SharedConverter] = {}  # per process and settings
BODY_JOB_MINIMUM = 200  # fewer bodies to convert: starting a worker costs more


def shared_converter(extensions: list[str], configs: dict) -> SharedConverter:
    """This process's converter for these settings: a worker's, or the build's own."""
    key = repr((extensions, configs))
    return _converters.get(key) or _converters.setdefault(key, SharedConverter(extensions, configs))


def convert_bodies(chunk: tuple[tuple[str, str], ...], extensions: list[str], configs: dict) -> dict:
    """For a body job (in a worker, or here for a chunk no worker began): {src_uri: (Markdown,
    (HTML, anchor ids, sanitised HTML) or None)} for a chunk of (src_uri, source as in the page's
    file); the Markdown is the source without its meta-data, as MkDocs reads it. None (MkDocs
    converts it in the build) for a body with relative links, or whose conversion logged a
    warning: the build's log shows it then."""
    converter = shared_converter(extensions, configs)
    warnings = _Counter()
    logging.getLogger().addHandler(warnings)
    try:
        done = {}
        for src_uri, source in chunk:
            before = warnings.count
            text = get_data(source)[0]
            converted = converter.convert(text)
            if converted and warnings.count == before:
                clean = pipeline.sanitize(converted[0])
                done[src_uri] = text, (*converted, converted[0] if clean == converted[0] else clean)
            else:
                done[src_uri] = text, None
        return done
    finally:
        logging.getLogger().removeHandler(warnings)


class LanToaPlugin(BasePlugin[LanToaConfig]):
    def __init__(self):
        self.command = "build"
        self.build: pipeline.Build | None = None
        self.target_dir: Path | None = None
        self.counter = _Counter()
        # The plugin instance lives as long as `mkdocs serve` (it has on_startup), so does this.
        self.renders = reuse.RenderCache()
        self.kept = pipeline.Kept()
        self.fingerprints: reuse.Fingerprints | None = None
        self.nav_targets: tuple[str, ...] = ()
        self.shared_blocks: frozenset[str] = frozenset()  # see shared_blocks()
        self.bodies: bodies.BodyCache | None = None  # kept for the life of `mkdocs serve`, saved by builds
        self.previous_output: Path | None = None  # under serve: the last rebuild's output, set aside
        self.started = 0  # under serve: when the rebuild started, on the output folder's clock
        self.unchanged: set[str] = set()  # under serve: pages left as the previous rebuild wrote them
        self.quiet = _QuietSkips()
        self.dirty = False
        self.site_dir: Path | None = None  # under serve
        self.files: Files | None = None  # this build's, from on_env
        self.watcher: Observer | None = None  # under serve: see notice_saves_at_once
        self.body_job: bodies.BodyJob | None = None  # builds: from on_config to on_env

    def on_startup(self, *, command, dirty):
        self.command = command
        self.dirty = dirty
        if command == "serve":  # pages left as they were are not news
            logging.getLogger("mkdocs.commands.build").addFilter(self.quiet)

    def _on_config_load(self, config):
        gc.unfreeze()  # what an earlier build of this process froze (serve --clean, tests) may go now
        pipeline.start_worker_server()
        gc.set_threshold(*BUILD_GC_THRESHOLDS)  # set back when the build ends
        root = Path(config.config_file_path).resolve().parent
        theme_dirs = config.theme.dirs
        theme_dirs.insert(1 if config.theme.custom_dir else 0, str(PACKAGE / "templates"))
        settings = Settings(site_name=config.site_name, union_name=self.config.union_name,
                            page_size=self.config.page_size, today=build_date(), quota=self.config.quota)
        self.build = pipeline.Build(root=root, stories_dir=self.config.stories_dir, settings=settings,
                                    options=dict(self.config), site_url=config.site_url or "",
                                    site_description=config.site_description or "",
                                    kept=self.kept if self.command == "serve" else None)
        self.counter.count = 0
        logging.getLogger("mkdocs").addHandler(self.counter)  # before the first diagnostic is logged
        for diagnostic in self.build.load():
            emit(diagnostic)
        if self.command != "serve":  # the plan lives until the end: later collections need not scan it
            gc.freeze()
        if self.command in ("build", "gh-deploy"):
            self.target_dir = Path(config.site_dir)
            staging = self.target_dir.with_name(self.target_dir.name + ".lantoa-new")
            shutil.rmtree(staging, ignore_errors=True)
            config.site_dir = str(staging)
        if self.carries_output:
            self.site_dir = Path(config.site_dir)
            self.previous_output, self.started = output.set_aside(self.site_dir)
            self.unchanged = set()
        return config

    @event_priority(-100)  # after every plugin's on_config: the Markdown extensions are final
    def _on_config_start_work(self, config):
        """Builds: the workers start on bodies, photos and cards as soon as the plan is made."""
        self.body_job = None
        self.update_body_cache(config)
        if self.command in ("build", "gh-deploy"):
            self.body_job = self.start_body_job(config)
            self.prepare_media(config)
        return config

    on_config = CombinedEvent(_on_config_load, _on_config_start_work)

    def update_body_cache(self, config) -> None:
        settings = bodies.settings_key(config.markdown_extensions, config.mdx_configs)
        if self.bodies is None or self.bodies.settings != settings:
            self.bodies = bodies.BodyCache(self.build.photo_options().cache_dir / "bodies.pickle", settings)

    def prepare_media(self, config) -> None:
        for diagnostic in self.build.prepare_media(Path(config.site_dir)):
            emit(diagnostic)

    @property
    def carries_output(self) -> bool:
        """serve, without --dirty (then MkDocs keeps the output itself): see output.py."""
        return self.command == "serve" and not self.dirty

    def on_files(self, files: Files, *, config):
        if self.carries_output:
            if not output.carry_over(self.previous_output, Path(config.site_dir)):
                self.forget_output()  # MkDocs has emptied the folder, and nothing came back
            self.previous_output = None
        converter = shared_converter(list(config.markdown_extensions), dict(config.mdx_configs or {})) \
            if SharedConverter.usable(config) else None
        titles = nav_titles(config.nav or [])
        for page in self.build.plan.pages:
            if page.src_uri in files:
                files.remove(files.get_file_from_path(page.src_uri))
            file = File.generated(config, page.src_uri, content=page.markdown, inclusion=InclusionLevel.NOT_IN_NAV)
            planned = PlannedPage(titles.get(page.src_uri), file, config)  # MkDocs keeps this Page in its nav
            planned.body_cache, planned.converter, planned.warnings = self.bodies, converter, self.counter
            planned.body_job = self.body_job
            files.append(file)
        for url, attachment in self.build.plan.attachments:
            files.append(File.generated(config, url, abs_src_path=str(attachment.path)))
        files.append(File.generated(config, editor.CONFIG_URI, content=editor.config_yaml(
            self.build.plan.corpus, repo_url=config.repo_url, branch="main", site_url=config.site_url or "")))
        assets = PACKAGE / "assets"
        for path in sorted(p for p in assets.rglob("*") if p.is_file()):
            uri = "assets/lantoa/" + path.relative_to(assets).as_posix()
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        return files

    def start_body_job(self, config) -> bodies.BodyJob | None:
        """Builds: the bodies no cache holds are converted in worker processes while MkDocs
        reads pages (it reads each page's body here when no worker has begun its chunk)."""
        if not SharedConverter.usable(config):
            return None
        pages = [page for page in self.build.plan.pages if page.markdown]
        todo = pages if self.bodies.empty else [
            page for page in pages if not self.bodies.get(page.src_uri, get_data(page.markdown)[0])]
        if len(todo) < BODY_JOB_MINIMUM:
            return None
        return bodies.BodyJob([(page.src_uri, page.markdown) for page in todo], convert_bodies,
                              (list(config.markdown_extensions), dict(config.mdx_configs or {})))

    def on_nav(self, nav, *, config, files):
        """Files are known, no page is read yet: photos and cards first (pages show their URLs
        and sizes; builds prepared them with the plan), then, under `mkdocs serve`, which pages
        can be reused."""
        if self.build.card_job is None:
            self.prepare_media(config)
        self.fingerprints = None
        if self.command == "serve":
            self.fingerprints = reuse.Fingerprints(site_digest(config, files, self.build), self.build.photos)
            self.renders.keep_only(p.src_uri for p in self.build.plan.pages)
            self.renders.reused = self.renders.rendered = 0
        return nav

    def on_env(self, env, *, config, files):
        material = next(d for d in config.theme.dirs if Path(d).match("material/templates"))
        env.loader = jinja2.ChoiceLoader([env.loader, jinja2.PrefixLoader(
            {"material": jinja2.FileSystemLoader(material)})])
        # Compiled templates are kept between builds (keyed by the template's source checksum).
        compiled = self.build.photo_options().cache_dir / "jinja"
        compiled.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(compiled))
        env.globals["lantoa_fragment"] = self.build.fragment
        env.globals["lantoa_slot"] = self.build.slot
        env.filters["url"] = url_filter
        env.globals["link_to"] = link_to
        env.globals["lantoa_card"] = card_from_fragments(self.build.fragment)
        self.nav_targets = None  # worked out from the final nav, at the first page
        self.files = files
        self.build.texts_collected(Path(config.site_dir))  # MkDocs reads every page before on_env
        self.close_body_job()
        if self.command != "serve":  # nor every page MkDocs has read
            gc.freeze()
        return env

    def on_page_markdown(self, markdown, *, page, config, files):
        planned = self.build.page(page.file.src_uri)
        if planned is not None and self.fingerprints is not None and isinstance(page, PlannedPage):
            page.fingerprint = self.fingerprints.of(planned, *self.build.page_inputs(planned))
            page.reused = self.renders.get(page.file.src_uri, page.fingerprint)
        if planned is not None:
            page.meta["title"] = markupsafe.escape(planned.title)
            page.meta["template"] = "lantoa/reuse.html" if getattr(page, "reused", None) else planned.template
            page.meta["hide"] = ["toc"]
            if planned.summary:
                page.meta["description"] = markupsafe.escape(self.build.description(planned))
        return markdown

    def on_page_content(self, html, *, page, config, files):
        reused = getattr(page, "reused", None)
        if reused is not None:
            self.build.keep_text(page.file.src_uri, reused.text)
            return html
        planned = self.build.page(page.file.src_uri)
        if planned is not None:
            # Out of the nav, Material's table of contents points at a toggle it never renders.
            page.toc = TableOfContents([])
        if planned is not None and planned.markdown:
            # The body job's, unless another plugin has changed the HTML since.
            sanitized = getattr(page, "sanitized", None)
            html = sanitized if sanitized is not None and html is getattr(page, "converted", None) \
                else pipeline.sanitize(html)
        self.build.collect_text(page.file.src_uri, html)
        return html

    def on_page_context(self, context, *, page, config, nav):
        planned = self.build.page(page.file.src_uri)
        if getattr(page, "reused", None) is not None:  # its HTML is written as it was: no context needed
            self.build.list_in_sitemap(planned, page.url)
            return context
        title = planned.title if planned else (page.title or config.site_name)  # raw text, escaped once
        context["lantoa"] = self.build.context(page.file.src_uri, page.url, title)
        if self.nav_targets is None:
            self.nav_targets = () if overrides_nav(config) else nav_targets(nav.items, config)
            self.shared_blocks = shared_blocks(config)
        if isinstance(page, PlannedPage) and not page.is_homepage and self.nav_targets:
            context["lantoa"]["shared_blocks"] = self.shared_blocks
            context["lantoa"]["nav_key"] = (context["base_url"], tuple(page.meta.get("hide") or ()),
                                            tuple(get_relative_url(t, page.url) for t in self.nav_targets))
        return context

    def _on_post_page_tidy(self, html, *, page, config):
        return html if getattr(page, "reused", None) else pipeline.tidy_material(html)

    @event_priority(-100)  # after every other plugin's on_post_page: what it keeps is the final page
    def _on_post_page_reuse(self, html, *, page, config):
        reused = getattr(page, "reused", None)
        if reused is not None:
            self.renders.reused += 1
            if self.carries_output and os.path.isfile(page.file.abs_dest_path):  # as the previous rebuild left it
                self.unchanged.add(page.file.abs_dest_path)
                self.quiet.pages.add(page.file.src_uri)
                return ""  # MkDocs writes nothing for an empty page
            return reused.output
        # Relative links are rewritten and checked against the other files: such pages render again.
        if getattr(page, "fingerprint", None) is not None and bodies.keepable(page.content or ""):
            self.renders.rendered += 1
            log.debug(f"rendered {page.file.src_uri}")
            self.renders.put(page.file.src_uri, reuse.Rendered(
                page.fingerprint, page.content, html, self.build.texts.get(page.file.src_uri),
                tuple(page.present_anchor_ids or ())))
        return html

    on_post_page = CombinedEvent(_on_post_page_tidy, _on_post_page_reuse)

    def on_post_template(self, output_content, *, template_name, config):
        return pipeline.tidy_material(output_content)

    @event_priority(-100)
    def on_post_build(self, *, config):
        logging.getLogger("mkdocs").removeHandler(self.counter)
        for diagnostic in self.build.finish(Path(config.site_dir)):
            emit(diagnostic)
        if self.command != "serve":
            self.bodies.save()
        if self.carries_output:
            site_dir = Path(config.site_dir)
            output.sweep(site_dir, self.started, [*self.unchanged, *self.build.published_files(site_dir),
                                                  *(f.abs_dest_path for f in self.files)])
        self.quiet.pages.clear()
        gc.set_threshold(*GC_THRESHOLDS)
        if self.fingerprints is not None:
            log.info(f"Trang dựng lại: {self.renders.rendered}, dùng lại: {self.renders.reused} "
                     f"(pages rendered: {self.renders.rendered}, reused unchanged: {self.renders.reused})")
        if self.target_dir is None:
            return
        if config.strict and self.counter.count:
            shutil.rmtree(config.site_dir, ignore_errors=True)
            log.error("Trang cũ được giữ nguyên vì bản dựng có lỗi (previous site kept: the build has problems)")
        else:
            output.swap(Path(config.site_dir), self.target_dir)
        config.site_dir = str(self.target_dir)

    def on_build_error(self, *, error):
        logging.getLogger("mkdocs").removeHandler(self.counter)
        gc.unfreeze()
        gc.set_threshold(*GC_THRESHOLDS)
        self.close_body_job()
        self.forget_output()  # the output may hold what the caches do not know: write it all next time
        if self.previous_output is not None and self.carries_output:  # failed before carry_over: put it back
            output.carry_over(self.previous_output, self.site_dir)
            self.previous_output = None
        if self.build is not None:
            self.build.abandon()
        if self.target_dir is not None:
            staging = self.target_dir.with_name(self.target_dir.name + ".lantoa-new")
            shutil.rmtree(staging, ignore_errors=True)

    def close_body_job(self) -> None:
        if self.body_job is not None:
            self.body_job.close()
            log.debug(f"bodies converted by workers: {self.body_job.by_workers}")
            self.body_job = None

    def forget_output(self) -> None:
        self.renders.clear()
        self.kept.index_files.clear()
        self.kept.placed.clear()

    def on_shutdown(self):
        if self.watcher is not None:
            self.watcher.stop()
        if self.bodies is not None:
            self.bodies.save()
        if self.previous_output is not None:  # interrupted between set_aside and carry_over
            output.delete_in_background(self.previous_output)

    def on_serve(self, server, *, config, builder):
        stories = str(self.build.root / self.config.stories_dir)
        server.watch(stories)
        self.watcher = notice_saves_at_once(server, [stories, config.docs_dir])
        return server


_CLEAN_PATH = re.compile(r"(?:[\w-][\w.-]*/)+(?:[\w-][\w.-]*)?")  # no "", "." or ".." folder, no scheme


@jinja2.pass_context
def url_filter(context, value) -> str:
    """MkDocs' `url` filter (templates call it ~25 times a page), without its general path
    arithmetic for clean relative paths: outside the page's first folder, the page's base_url then
    the path; inside it, `relative_url`."""
    path, page = str(value), context["page"]
    if page is None or not _CLEAN_PATH.fullmatch(path):
        return mkdocs_url_filter(context, value)
    if path.split("/", 1)[0] != page.url.split("/", 1)[0]:
        base = context["base_url"]
        return path if base == "." else f"{base}/{path}"
    return relative_url(path, page.url)


def relative_url(path: str, page_url: str) -> str:
    """MkDocs' get_relative_url for a clean path (no "", "." or ".." folder): the folders the two
    share dropped, ".." for each folder of the page's left."""
    head, tail = page_url.rsplit("/", 1) if "/" in page_url else ("", page_url)
    start = [part for part in (head if "." in tail else page_url).split("/") if part]
    target = [part for part in path.split("/") if part]
    shared = 0
    while shared < min(len(start), len(target)) and start[shared] == target[shared]:
        shared += 1
    relative = "/".join([".."] * (len(start) - shared) + target[shared:]) or "."
    return relative + "/" if path.endswith("/") else relative


@jinja2.pass_context
def link_to(context, link) -> markupsafe.Markup:
    """A plan.Link: an <a> when the target has a page, else its label (escaped either way).
    A function, not a template macro: story pages make a dozen of them."""
    if link.url:
        return markupsafe.Markup('<a href="{}">{}</a>').format(url_filter(context, link.url), link.label)
    return markupsafe.escape(link.label)


def card_from_fragments(fragment):
    @jinja2.pass_context
    def lantoa_card(context, card, h, compact, draw, *more):
        """A listing card (`draw(card, h, compact, *more)`), rendered once per build for each place it
        is seen from; a function, so that no caller macro is made per card."""
        key = (card.url, h, compact, context["base_url"], url_filter(context, card.url))
        # A macro called from Python gives a plain string; its own autoescape has escaped it.
        return fragment("card", key, caller=lambda: markupsafe.Markup(draw(card, h, compact, *more)))
    return lantoa_card


SAVES = frozenset({"created", "modified", "deleted", "moved", "closed"})  # not "opened": builds read files


def notice_saves_at_once(server, paths: list[str]) -> Observer | None:
    """MkDocs looks for changes every 0.5 s (polling works on every file system); where the
    system reports a save as it happens (inotify on Linux), a rebuild starts at once. The polling
    of `paths` goes on for files inotify never reported (a file system it does not see, a folder
    past the system's limit of watches); for the others it would only ask for a second rebuild.
    None where it cannot watch."""
    condition = getattr(server, "_rebuild_cond", None)
    if condition is None or not hasattr(server, "_want_rebuild"):  # MkDocs' LiveReloadServer changed
        return None
    reported: set[str] = set()

    def rebuild() -> None:
        with condition:
            server._want_rebuild = True
            condition.notify_all()

    def saved(event) -> None:  # inotify
        if event.is_directory or event.event_type not in SAVES:
            return
        reported.update(_event_paths(event))
        rebuild()

    def polled(event) -> None:  # MkDocs' poller, for the same folders
        if not event.is_directory and not _event_paths(event) <= reported:
            rebuild()

    observer = Observer()
    try:
        for path in paths:
            observer.schedule(_handler(saved), path, recursive=True)
        observer.daemon = True
        observer.start()
    except OSError as error:  # e.g. the system's limit of watched folders
        log.debug(f"Chỉ dò thay đổi định kỳ (polling only): {error}")
        return None
    for path in paths:  # MkDocs' own polling handler for these folders gives way to `polled`
        server.unwatch(path)
        server.observer.schedule(_handler(polled), os.path.abspath(path), recursive=True)
    return observer


def _handler(on_event) -> FileSystemEventHandler:
    handler = FileSystemEventHandler()
    handler.on_any_event = on_event
    return handler


def _event_paths(event) -> set[str]:
    return {path for path in (event.src_path, getattr(event, "dest_path", "")) if path}


def nav_titles(items) -> dict[str, str]:
    """The titles `nav:` in mkdocs.yml gives to pages ({"Trang chủ": "index.md"}), by path."""
    found: dict[str, str] = {}
    for item in items if isinstance(items, list) else [items]:
        for title, value in item.items() if isinstance(item, dict) else ():
            if isinstance(value, str):
                found.setdefault(value, title)
            else:
                found.update({k: v for k, v in nav_titles(value).items() if k not in found})
    return found


NAV_PARTIALS = ("partials/nav.html", "partials/nav-item.html", "partials/tabs.html", "partials/tabs-item.html")


FRAGMENT_PARTIALS = {  # the partials each block rendered once per place (base.html) includes
    "header": ("partials/header.html", "partials/logo.html", "partials/palette.html", "partials/alternate.html",
               "partials/javascripts/palette.html", "partials/search.html", "partials/source.html", *NAV_PARTIALS),
    "footer": ("partials/footer.html", "partials/copyright.html", "partials/social.html"),
    "styles": ("partials/icons.html",),
}


def shared_blocks(config) -> frozenset[str]:
    """The blocks base.html renders once per place: not those whose partials the site overrides,
    which may show something of the page."""
    custom = config.theme.custom_dir
    return frozenset(name for name, partials in FRAGMENT_PARTIALS.items()
                     if not (custom and any((Path(custom) / partial).exists() for partial in partials)))


def overrides_nav(config) -> bool:
    """A site that overrides Material's nav partials may make them depend on the page: then the
    nav is rendered for every page, not once per position."""
    custom = config.theme.custom_dir
    return bool(custom) and any((Path(custom) / name).exists() for name in NAV_PARTIALS)


def nav_targets(items, config) -> tuple[str, ...]:
    """Every URL the navigation and tabs link to, site-relative: the nav's pages and links, the
    logo, favicon and homepage link, the assets folder."""
    found = ["", "assets/", config.theme.get("logo") or "", config.theme.get("favicon") or "",
             (config.extra or {}).get("homepage") or ""]
    for item in items:
        if item.is_section:
            found += nav_targets(item.children, config)
        elif item.url is not None:
            found.append(item.url)
    return tuple(dict.fromkeys(found))


def site_digest(config, files: Files, build: pipeline.Build) -> bytes:
    """What every page's HTML depends on besides its own plan: the configuration, the theme's
    files, the documentation pages MkDocs renders itself (their titles make the navigation)
    and what the build derived (problem count, settings)."""
    keys = ("site_name", "site_url", "site_description", "site_author", "copyright", "repo_url", "repo_name",
            "edit_uri", "use_directory_urls", "nav", "extra", "extra_css", "extra_javascript",
            "markdown_extensions", "mdx_configs", "docs_dir")
    planned = {p.src_uri for p in build.plan.pages}
    own_pages = [Path(f.abs_src_path) for f in files.documentation_pages()
                 if f.src_uri not in planned and f.abs_src_path]
    parts = [[(k, config.get(k)) for k in keys], config.theme.name, dict(config.theme), *build.digest_parts()]
    return reuse.digest_of(parts, folders=config.theme.dirs,
                             files=[Path(config.config_file_path), *own_pages])


def emit(diagnostic) -> None:
    (log.error if diagnostic.is_error else log.warning)(diagnostic.format())


def build_date() -> dt.date:
    """Today, or SOURCE_DATE_EPOCH's day for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()
