"""`mkdocs serve`: rebuilds that render only the pages whose inputs changed.

Every rebuild loads and plans the whole site (so listings are never stale); then each planned
page's fingerprint (`lantoa.reuse.Fingerprints`, with `site_digest` for what every page depends
on) is looked up in the render cache, and an unchanged page is given its previous HTML instead
of being rendered (the `lantoa/reuse.html` template writes it as it was). The previous output
is carried over (`output.set_aside`/`carry_over`): an unchanged page already on disk is not
written again (on_post_page returns '' for it, and MkDocs writes nothing), a page rendered again
is written over its old file here (`lantoa.overwrite`: MkDocs would empty it first, which waits
for the disk's journal), and `output.sweep` removes what the rebuild neither wrote nor kept.

`mkdocs build` takes the same fingerprints, and a page the previous build wrote from the same
ones is linked from the previous site (`previous_site.py`).

Relies on (internals.py): MkDocs skips an empty page (and logs "Page skipped", kept quiet here);
a build without --dirty empties site_dir first.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.structure.files import Files

from .. import bodies, overwrite, reuse
from .. import build as pipeline
from ..search import INDEX_URL
from . import output
from .logs import QuietSkips, log
from .pages import PlannedPage
from .previous_site import PreviousSite

REUSE_TEMPLATE = "lantoa/reuse.html"


class Rebuilds:
    """What `mkdocs serve` keeps from one rebuild to the next (the plugin holds one; the plugin
    instance lives as long as `mkdocs serve`, since it has on_startup)."""

    def __init__(self):
        self.serving = False
        self.carries_output = False  # serve without --dirty (then MkDocs keeps the output itself)
        self.renders = reuse.RenderCache()
        self.kept = pipeline.Kept()
        self.fingerprints: reuse.Fingerprints | None = None
        self.previous_output: Path | None = None  # the last rebuild's output, set aside
        self.started = 0  # when the rebuild started, on the output folder's clock
        self.unchanged: set[str] = set()  # pages left as the previous rebuild wrote them
        self.site_dir: Path | None = None
        self.present: Any = None  # what the last sweep left: the files of a walk (a set), or `left.Kept`
        self.quiet = QuietSkips()
        self.previous_site: PreviousSite | None = None  # `mkdocs build`: its pages, linked when unchanged
        self.warnings = 0  # the engine's warnings when the last page was written
        self.linking: set[str] = set()  # serve: planned pages last rendered with relative URLs
        self._trimmed_to: list | None = None  # the plan's pages the render cache was last trimmed to

    def start(self, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.carries_output = self.serving and not dirty
        if self.serving:  # pages left as they were are not news
            self.quiet.attach()

    # ---- one rebuild, in the order of MkDocs' events --------------------------------------
    def set_output_aside(self, site_dir: Path) -> None:
        if self.carries_output:
            self.site_dir = site_dir
            self.previous_output, self.started = output.set_aside(site_dir)
            self.unchanged = set()

    def carry_output_over(self, site_dir: Path) -> None:
        if self.carries_output:
            if not output.carry_over(self.previous_output, site_dir):
                self.forget()  # MkDocs has emptied the folder, and nothing came back
            self.previous_output = None

    def build_beside(self, target: Path, staging: Path, build: pipeline.Build) -> None:
        """`mkdocs build` into `staging`, to replace `target`: unchanged pages, and the search index
        if its inputs are unchanged, are linked from it."""
        self.previous_site = PreviousSite(build.photo_options().cache_dir, target, staging)
        build.previous = self.previous_site
        self.quiet.attach()

    def plan_known(self, config, files: Files, build: pipeline.Build, docs=None) -> None:
        """`docs`: the files of docs/ when known (`site_digest`)."""
        before, self.fingerprints = self.fingerprints, None
        if self.serving or self.previous_site is not None:
            self.fingerprints = reuse.Fingerprints(site_digest(config, files, build, docs), build.photos,
                                                   before if self.serving else None)
        if self.previous_site is not None:
            self.previous_site.make_folders({f.src_uri: f.dest_uri for f in files.documentation_pages()})
        if self.serving:
            if before is None or before.site_digest != self.fingerprints.site_digest:
                self.kept.fragments.clear()  # a template or the configuration changed
            self._forget_unplanned(build)
            self.renders.reused = self.renders.rendered = 0

    def _forget_unplanned(self, build: pipeline.Build) -> None:
        """The rendered pages of addresses no longer planned are forgotten; not looked for when
        the plan has the pages of the one they were last looked for against, at the same places
        (`LastPlan.fresh`: looking among 12,300 cost a save 0.003 s)."""
        last = build.kept.plan if build.kept is not None else None
        if last is None or last.fresh is None or last.before is not self._trimmed_to:
            self.renders.keep_only(build.planned)
        self._trimmed_to = last.pages if last is not None else None

    def look_up(self, page, planned, build: pipeline.Build) -> str:
        """The template the page is rendered with: its own, or REUSE_TEMPLATE if it is unchanged."""
        if self.fingerprints is not None and isinstance(page, PlannedPage):
            page.fingerprint = self.fingerprints.of(planned, *build.page_inputs(planned))
            if self.previous_site is not None:
                page.linked = self.previous_site.link(page.file.src_uri, page.file.dest_uri, page.fingerprint)
            else:
                page.reused = self._reusable(page)
        return REUSE_TEMPLATE if unrendered(page) else planned.template

    def _reusable(self, page) -> reuse.Rendered | None:
        """The page as rendered last if its fingerprint is the same and its file is still there (the
        cache keeps no page's HTML: at 10,000 stories that held 700 MB of the server's memory)."""
        entry = self.renders.get(page.file.src_uri, page.fingerprint)
        return entry if entry is not None and os.path.isfile(page.file.abs_dest_path) else None

    def written(self, page, html: str, build: pipeline.Build, warnings: int = 0) -> str:
        """What MkDocs writes for the page: '' (nothing) for a page left on disk as it was, or
        linked from the previous site. `warnings`: the engine's count of them so far. A build
        (not serve, which renders from them again) then lets go of the page's Markdown and HTML."""
        output = self._written(page, html, build, warnings)
        if not self.serving and isinstance(page, PlannedPage):
            page.release()
        elif self.serving and output.strip():  # over the last rebuild's file, not emptied first
            overwrite.write_page(page.file.abs_dest_path, output)
            self.quiet.pages.add(page.file.src_uri)
            return ""
        return output

    def _written(self, page, html: str, build: pipeline.Build, warnings: int) -> str:
        quiet, self.warnings = warnings == self.warnings, warnings
        if getattr(page, "linked", False):
            self.quiet.pages.add(page.file.src_uri)
            return ""
        if reused(page):  # its file is as the last rebuild wrote it (`_reusable`)
            self.renders.reused += 1
            if self.carries_output:
                self.unchanged.add(page.file.abs_dest_path)
            self.quiet.pages.add(page.file.src_uri)
            return ""
        # Relative links are rewritten and checked against the other files: such pages render again
        # (under serve on every save: `partial.changed_pages`), and what they were is forgotten.
        if getattr(page, "fingerprint", None) is None or not bodies.keepable(page.content or ""):
            if self.serving:
                self.renders.drop(page.file.src_uri)
                if isinstance(page, PlannedPage):
                    self.linking.add(page.file.src_uri)
            return html
        self.linking.discard(page.file.src_uri)
        if self.previous_site is not None:
            if quiet:
                self.previous_site.written(page.file.src_uri, page.file.dest_uri, page.fingerprint)
        elif self.serving:
            self.renders.rendered += 1
            log.debug(f"rendered {page.file.src_uri}")
            self.renders.put(page.file.src_uri, reuse.Rendered(
                page.fingerprint, page.content, build.texts.get(page.file.src_uri),
                tuple(page.present_anchor_ids or ())))
        return html

    def template_written(self, name: str, output: str, site_dir: str) -> str:
        """What MkDocs writes for a theme or extra template's page (404.html): under serve, ''
        (nothing), the page being written over its old file here, as pages are (`written`)."""
        if not self.serving or not output.strip() or name == "sitemap.xml":  # (MkDocs gzips that one)
            return output
        overwrite.write_page(os.path.join(site_dir, name), output, errors="strict")
        self.quiet.templates.add(name)
        return ""

    def finish(self, site_dir: Path, build: pipeline.Build, files: Files) -> None:
        self.present = None
        if self.carries_output:
            kept = [*self.unchanged, *build.published_files(site_dir), *(f.abs_dest_path for f in files)]
            self.present = output.sweep(site_dir, self.started, kept, spare=site_dir / INDEX_URL)
        self.quiet.clear()
        if self.previous_site is not None:
            self.previous_site.folders_made()
            log.info(f"Trang lấy lại từ lần dựng trước: {self.previous_site.linked} "
                     f"(pages linked from the previous build: {self.previous_site.linked})")
        elif self.fingerprints is not None:
            log.info(f"Trang dựng lại: {self.renders.rendered}, dùng lại: {self.renders.reused} "
                     f"(pages rendered: {self.renders.rendered}, reused unchanged: {self.renders.reused})")

    def swapped(self) -> None:
        """`mkdocs build`: the new site is in place; its pages are kept for the next build."""
        if self.previous_site is not None:
            self.previous_site.save()
            self.previous_site = None
            self.quiet.detach()

    def failed(self) -> None:
        """A rebuild stopped half way: the output may hold what the caches do not know."""
        self.forget()
        if self.previous_site is not None:
            self.previous_site.folders_made()
            self.previous_site = None
            self.quiet.detach()
        if self.previous_output is not None and self.carries_output:  # failed before carry_over: put it back
            output.carry_over(self.previous_output, self.site_dir)
            self.previous_output = None

    def forget(self) -> None:
        self.renders.clear()
        self.linking.clear()
        self.kept.fragments.clear()
        self.kept.placed.clear()
        self.kept.sitemap = None
        self.present = None

    def shutdown(self) -> None:
        if self.previous_output is not None:  # interrupted between set_aside and carry_over
            output.delete_in_background(self.previous_output)


def reused(page) -> bool:
    """Under serve: the page's HTML is the previous rebuild's (page.reused)."""
    return getattr(page, "reused", None) is not None


def unrendered(page) -> bool:
    """Nothing to render: reused under serve, or linked from the previous build's site."""
    return reused(page) or getattr(page, "linked", False)


def site_digest(config, files: Files, build: pipeline.Build, docs=None) -> bytes:
    """What every page's HTML depends on besides its own plan: the configuration, the theme's
    files, the documentation pages MkDocs renders itself (their titles make the navigation; `docs`,
    their files when known, else found among `files`) and what the build derived (settings;
    not the problems: the preview's banner reads them from a file of its own, `diagnostics.summary`)."""
    keys = ("site_name", "site_url", "site_description", "site_author", "copyright", "repo_url", "repo_name",
            "edit_uri", "use_directory_urls", "nav", "extra", "extra_css", "extra_javascript",
            "markdown_extensions", "mdx_configs", "docs_dir")
    if docs is None:
        planned = {p.src_uri for p in build.plan.pages}
        docs = [f for f in files.documentation_pages() if f.src_uri not in planned]
    own_pages = [Path(f.abs_src_path) for f in docs if f.abs_src_path]
    parts = [[(k, config.get(k)) for k in keys], config.theme.name, dict(config.theme), *build.digest_parts()]
    return reuse.digest_of(parts, folders=config.theme.dirs,
                           files=[Path(config.config_file_path).resolve(), *own_pages])  # `-f` gives it relative once
