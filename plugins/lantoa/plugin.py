"""The MkDocs adapter: maps MkDocs events onto the Lan Tỏa pipeline.

The only module that imports mkdocs. It holds no logic of its own: load →
plan → (MkDocs renders) → post-build steps, each one call into a plain module.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
from pathlib import Path

import jinja2
import markupsafe
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import TableOfContents

from . import build as pipeline
from . import editor
from .plan import Settings

log = logging.getLogger("mkdocs.plugins.lantoa")
PACKAGE = Path(__file__).resolve().parent


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


class LanToaPlugin(BasePlugin[LanToaConfig]):
    def __init__(self):
        self.command = "build"
        self.build: pipeline.Build | None = None
        self.target_dir: Path | None = None
        self.counter = _Counter()

    def on_startup(self, *, command, dirty):
        self.command = command

    def on_config(self, config):
        root = Path(config.config_file_path).resolve().parent
        theme_dirs = config.theme.dirs
        theme_dirs.insert(1 if config.theme.custom_dir else 0, str(PACKAGE / "templates"))
        settings = Settings(site_name=config.site_name, union_name=self.config.union_name,
                            page_size=self.config.page_size, today=build_date(), quota=self.config.quota)
        self.build = pipeline.Build(root=root, stories_dir=self.config.stories_dir, settings=settings,
                                    options=dict(self.config), site_url=config.site_url or "",
                                    site_description=config.site_description or "",
                                    serving=self.command == "serve")
        self.counter.count = 0
        logging.getLogger("mkdocs").addHandler(self.counter)  # before the first diagnostic is logged
        for diagnostic in self.build.load():
            emit(diagnostic)
        if self.command in ("build", "gh-deploy"):
            self.target_dir = Path(config.site_dir)
            staging = self.target_dir.with_name(self.target_dir.name + ".lantoa-new")
            shutil.rmtree(staging, ignore_errors=True)
            config.site_dir = str(staging)
        return config

    def on_files(self, files: Files, *, config):
        for page in self.build.plan.pages:
            if page.src_uri in files:
                files.remove(files.get_file_from_path(page.src_uri))
            files.append(File.generated(config, page.src_uri, content=page.markdown,
                                        inclusion=InclusionLevel.NOT_IN_NAV))
        for url, attachment in self.build.plan.attachments:
            files.append(File.generated(config, url, abs_src_path=str(attachment.path)))
        files.append(File.generated(config, editor.CONFIG_URI, content=editor.config_yaml(
            self.build.plan.corpus, repo_url=config.repo_url, branch="main", site_url=config.site_url or "")))
        assets = PACKAGE / "assets"
        for path in sorted(p for p in assets.rglob("*") if p.is_file()):
            uri = "assets/lantoa/" + path.relative_to(assets).as_posix()
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        return files

    def on_env(self, env, *, config, files):
        material = next(d for d in config.theme.dirs if Path(d).match("material/templates"))
        env.loader = jinja2.ChoiceLoader([env.loader, jinja2.PrefixLoader(
            {"material": jinja2.FileSystemLoader(material)})])
        for diagnostic in self.build.prepare_media(Path(config.site_dir)):
            emit(diagnostic)
        return env

    def on_page_markdown(self, markdown, *, page, config, files):
        planned = self.build.page(page.file.src_uri)
        if planned is not None:
            page.meta["title"] = markupsafe.escape(planned.title)
            page.meta["template"] = planned.template
            page.meta["hide"] = ["toc"]
            if planned.summary:
                page.meta["description"] = markupsafe.escape(self.build.description(planned))
        return markdown

    def on_page_content(self, html, *, page, config, files):
        planned = self.build.page(page.file.src_uri)
        if planned is not None:
            # Out of the nav, Material's table of contents points at a toggle it never renders.
            page.toc = TableOfContents([])
        if planned is not None and planned.markdown:
            html = pipeline.sanitize(html)
        self.build.collect_text(page.file.src_uri, html)
        return html

    def on_page_context(self, context, *, page, config, nav):
        planned = self.build.page(page.file.src_uri)
        title = planned.title if planned else (page.title or config.site_name)  # raw text, escaped once
        context["lantoa"] = self.build.context(page.file.src_uri, page.url, title)
        return context

    def on_post_page(self, output, *, page, config):
        return pipeline.tidy_material(output)

    def on_post_template(self, output_content, *, template_name, config):
        return pipeline.tidy_material(output_content)

    @event_priority(-100)
    def on_post_build(self, *, config):
        logging.getLogger("mkdocs").removeHandler(self.counter)
        for diagnostic in self.build.finish(Path(config.site_dir)):
            emit(diagnostic)
        if self.target_dir is None:
            return
        if config.strict and self.counter.count:
            shutil.rmtree(config.site_dir, ignore_errors=True)
            log.error("Trang cũ được giữ nguyên vì bản dựng có lỗi (previous site kept: the build has problems)")
        else:
            swap(Path(config.site_dir), self.target_dir)
        config.site_dir = str(self.target_dir)

    def on_build_error(self, *, error):
        logging.getLogger("mkdocs").removeHandler(self.counter)
        if self.build is not None:
            self.build.abandon()
        if self.target_dir is not None:
            staging = self.target_dir.with_name(self.target_dir.name + ".lantoa-new")
            shutil.rmtree(staging, ignore_errors=True)

    def on_serve(self, server, *, config, builder):
        server.watch(str(self.build.root / self.config.stories_dir))
        return server


def emit(diagnostic) -> None:
    (log.error if diagnostic.is_error else log.warning)(diagnostic.format())


def build_date() -> dt.date:
    """Today, or SOURCE_DATE_EPOCH's day for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def swap(staging: Path, target: Path) -> None:
    """Replace target by staging with two renames, so a reader never sees a half-written site."""
    old = target.with_name(target.name + ".lantoa-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)
