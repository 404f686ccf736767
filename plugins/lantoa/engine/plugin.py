"""The `lantoa` plugin: MkDocs' events mapped onto the Lan Tỏa pipeline (`lantoa.build.Build`).

Each handler is a call or two into the pipeline or into an engine module beside this one. In
event order: on_config loads and plans the site, then starts the workers; on_files hands MkDocs the
planned pages; on_nav prepares photos and cards; pages are read, templates get their functions
(on_env), pages render; on_post_build publishes the rest and swaps the output into place.
Under serve, a save of stories is rebuilt by `partial` instead, with the same handlers."""
from __future__ import annotations

from pathlib import Path

import markupsafe
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.toc import TableOfContents

from .. import build as pipeline
from .. import collector, sanitizer
from ..cards import keep as card_keep
from . import filters, internals, output, partial, theme
from .config import LanToaConfig, plan_settings
from .converter import Bodies
from .logs import Counter, ReportedLinks, emit
from .pages import PlannedPage, add_planned_files
from .rebuilds import Rebuilds, reused, unrendered


class LanToaPlugin(BasePlugin[LanToaConfig]):
    def __init__(self):
        self.command = "build"
        self.build: pipeline.Build | None = None
        self.target_dir: Path | None = None  # builds write beside it, then swap (output.staging)
        self.counter, self.reported = Counter(), ReportedLinks()
        self.rebuilds = Rebuilds()
        self.bodies = Bodies()  # its cache is kept for the life of `mkdocs serve`
        self.nav = theme.SharedNav()
        self.site: partial.Site | None = None  # this build's files, nav, env (partial.py: serve keeps it)
        self.watcher = None  # under serve: see watch.py

    def on_startup(self, *, command, dirty):
        self.command = command
        self.rebuilds.start(command, dirty)

    def _on_config_load(self, config):
        collector.build_started()
        pipeline.start_worker_server(first=internals.WORKER_PRELOAD, then=["lantoa.engine.converter"],
                                     serving=self.command == "serve")
        theme.add_templates(config)
        self.start_build(config)
        collector.keep_to_the_end()  # the plan lives until the end (serve: until the next build)
        if self.command in ("build", "gh-deploy"):
            self.target_dir = Path(config.site_dir)
            config.site_dir = str(output.prepare_staging(self.target_dir))
            self.rebuilds.build_beside(self.target_dir, Path(config.site_dir), self.build)
        self.rebuilds.set_output_aside(Path(config.site_dir))
        return config

    @event_priority(-100)  # after every plugin's on_config: the Markdown extensions are final
    def _on_config_start_work(self, config):
        """The workers start on bodies, photos and cards as soon as the plan is made (serve's
        first build too: 52.6 → 42.5 s at 10,000 stories)."""
        self.bodies.configure(config, self.build.photo_options().cache_dir)
        self.bodies.start_job(config, self.build.plan.pages)
        self.prepare_media(config)
        return config

    on_config = CombinedEvent(_on_config_load, _on_config_start_work)

    def start_build(self, config) -> None:
        """A new `Build`: the stories loaded, the site planned, the problems logged."""
        settings, options, problems = plan_settings(config, self.config)  # wrong options: LT136, defaults
        self.build = pipeline.Build(root=Path(config.config_file_path).resolve().parent,
                                    stories_dir=options["stories_dir"], settings=settings,
                                    options=options, site_url=config.site_url or "",
                                    site_description=config.site_description or "", logo=config.theme.get("logo"),
                                    kept=self.rebuilds.kept if self.rebuilds.serving else None)
        self.counter.attach()  # before the first diagnostic is logged
        for diagnostic in self.build.load(problems):
            emit(diagnostic)
        self.reported.attach(self.build.plan.reported_links)

    def prepare_media(self, config) -> None:
        for diagnostic in self.build.prepare_media(Path(config.site_dir)):
            emit(diagnostic)

    def on_files(self, files: Files, *, config):
        self.rebuilds.carry_output_over(Path(config.site_dir))
        return add_planned_files(files, config, self.build.plan, self.bodies, self.counter)

    def on_nav(self, nav, *, config, files):
        """No page is read yet: what serve reuses (photos and cards began in on_config)."""
        self.rebuilds.plan_known(config, files, self.build)
        partial.settle(self.site)  # the last rebuild's search index job, if any (this one makes its own)
        self.site = partial.Site(config, files, nav, None, b"")  # completed by on_env and on_post_build
        return nav

    def on_env(self, env, *, config, files):
        theme.prepare_env(env, config, self.build.photo_options().cache_dir)
        filters.install(env, self.build)
        self.nav.reset()
        self.site.env = env
        self.build.texts_collected(Path(config.site_dir))  # MkDocs reads every page before on_env
        self.bodies.close_job()
        collector.keep_to_the_end()  # nor every page MkDocs has read
        return env

    def on_page_markdown(self, markdown, *, page, config, files):
        page.meta["glightbox"] = False  # mkdocs-glightbox only ships its files: assets/lightbox.js loads them
        planned = self.build.page(page.file.src_uri)
        if planned is not None:
            page.meta["template"] = self.rebuilds.look_up(page, planned, self.build)
            page.meta["title"] = markupsafe.escape(planned.title)
            page.meta["hide"] = ["toc"]
            if planned.summary:
                page.meta["description"] = markupsafe.escape(self.build.description(planned))
        return markdown

    def on_page_content(self, html, *, page, config, files):
        if reused(page):
            self.build.keep_text(page.file.src_uri, page.reused.text)
            return html
        planned = self.build.page(page.file.src_uri)
        if planned is not None:
            # Out of the nav, Material's table of contents points at a toggle it never renders.
            page.toc = TableOfContents([])
        if planned is not None and planned.markdown:
            html = page.settle(html, hold=not self.build.serving) if isinstance(page, PlannedPage) \
                else sanitizer.sanitize(html)
        self.build.collect_text(page.file.src_uri, html)
        return html

    def on_page_context(self, context, *, page, config, nav):
        planned = self.build.page(page.file.src_uri)
        if unrendered(page):  # its HTML is written as it was, or linked: no context needed
            self.build.list_in_sitemap(planned, page.url)
            return context
        title = planned.title if planned else (page.title or config.site_name)  # raw text, escaped once
        context["lantoa"] = self.build.context(page.file.src_uri, page.url, title)
        if planned is not None:
            context["lantoa"].update(self.nav.key(page, nav, config, context["base_url"]))
        return context

    def _on_post_page_tidy(self, html, *, page, config):
        return html if unrendered(page) else theme.tidy_material(html)

    @event_priority(-100)  # after every other plugin's on_post_page: what it keeps is the final page
    def _on_post_page_reuse(self, html, *, page, config):
        return self.rebuilds.written(page, html, self.build, self.counter.count)

    on_post_page = CombinedEvent(_on_post_page_tidy, _on_post_page_reuse)

    @event_priority(-100)  # after every other plugin's: what it writes is the final page (serve)
    def on_post_template(self, output_content, *, template_name, config):
        return self.rebuilds.template_written(template_name, theme.tidy_material(output_content), config.site_dir)

    @event_priority(-100)
    def on_post_build(self, *, config):
        for diagnostic in self.build.finish(Path(config.site_dir), with_index=not self.rebuilds.serving):
            emit(diagnostic)  # counted: LT151 (over the host's limit) keeps the previous site
        self.counter.detach()
        if not self.rebuilds.serving:
            self.bodies.save()
        self.rebuilds.finish(Path(config.site_dir), self.build, self.site.files)
        self.site = partial.kept(self.site, self.rebuilds)
        if self.site is not None:  # serve: the search index next, in its own process, and so on
            partial.after_full_build(self)
        collector.build_ended()
        if self.target_dir is None:
            return
        if config.strict and self.counter.count:
            output.keep_previous(Path(config.site_dir))
        else:
            output.swap(Path(config.site_dir), self.target_dir)
            card_keep.published(self.build.card_ledger)  # its cards are carried by the next build
            self.rebuilds.swapped()
        config.site_dir = str(self.target_dir)

    def on_build_error(self, *, error):
        self.counter.detach()
        collector.build_ended(failed=True)
        self.bodies.close_job()
        self.rebuilds.failed()
        self.site = None
        if self.build is not None:  # stop its background work
            self.build.abandon()
        if self.target_dir is not None:
            output.discard(output.staging(self.target_dir))
            if output.is_output_failure(error):  # a full or read-only disk mid-build: one line, no traceback
                raise Abort(output.explain(error, self.target_dir)) from None

    def on_shutdown(self):
        partial.stop(self)
        self.bodies.save()
        self.rebuilds.shutdown()

    def on_serve(self, server, *, config, builder):
        self.watcher = partial.install(server, self, config)
        return server
