"""The engine's names and behaviours that are not its documented plugin API, each spelt once.

MkDocs 1.6.1 has had no release since 2024; ProperDocs (its maintained fork) keeps the plugin
API but may change what lies behind it. Everything Lan Tỏa's accelerations lean on beyond the
plugin API is named here, with what relies on it, and `tests/engine/test_contract.py` has one
test per entry of `PRIVATE` that fails naming the entry when an engine release changes it
(rather than a build that writes a wrong page). Nothing else in the engine folder imports a
private name or spells a private attribute.
"""
from __future__ import annotations

from mkdocs.commands.build import _build_page, _build_theme_template, _populate_page
from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import _ExtractAnchorsTreeprocessor, _RawHTMLPreprocessor
from mkdocs.utils.templates import url_filter

# "mkdocs", or "properdocs" where ProperDocs runs (it aliases every mkdocs.* import to properdocs.*,
# and logs under "properdocs.*": MkDocs' log is read from there).
ENGINE = BasePlugin.__module__.partition(".")[0]
# Worker processes import Lan Tỏa's engine modules: under ProperDocs its alias comes first.
WORKER_PRELOAD = ("properdocs.replacement",) if ENGINE == "properdocs" else ()

# mkdocs/livereload/__init__.py: LiveReloadServer's rebuild flag and the condition guarding it.
SERVER_WANT_REBUILD = "_want_rebuild"
SERVER_REBUILD_CONDITION = "_rebuild_cond"
# mkdocs/commands/build.py, _build_page and _build_theme_template: an empty page is not
# written, and this is logged.
BUILD_LOGGER = f"{ENGINE}.commands.build"
PAGE_SKIPPED = "Page skipped: '"
TEMPLATE_SKIPPED = "Template skipped: '"
# mkdocs/structure/pages.py, _RelativePathTreeprocessor.path_to_url: a relative link to no file.
PAGES_LOGGER = f"{ENGINE}.structure.pages"
LINK_NOT_FOUND = "Doc file '{src_uri}' contains a link '{url}', but "
LINK_UNRECOGNIZED = "Doc file '{src_uri}' contains an unrecognized relative link '{url}', "
# mkdocs/livereload/__init__.py: the function LiveReloadServer's build loop calls for each rebuild.
SERVER_BUILDER = "builder"
# mkdocs/livereload/__init__.py: how long (seconds) the build loop waits for more changes first.
SERVER_BUILD_DELAY = "build_delay"
# Material for MkDocs: where its templates are among config.theme.dirs.
MATERIAL_TEMPLATES = "material/templates"


# mkdocs/commands/build.py: a page read and converted (with the plugins' page events), a page
# rendered and written, a theme template (404.html, sitemap.xml) rendered and written.
populate_page, build_page, build_theme_template = _populate_page, _build_page, _build_theme_template
# What Page.__init__ sets and reading, rendering and checking a page fill in (Page.read_source,
# Page.render, Page.validate_anchor_links); the last two default to None on the class.
PAGE_RENDER_STATE = ("markdown", "_title_from_render", "content", "toc", "meta", "present_anchor_ids",
                     "links_to_anchors")


def reset_page(page) -> None:
    """Make `page` (kept in the nav, its file in Files) ready to be read and rendered again."""
    page.__dict__.pop("present_anchor_ids", None)
    page.__dict__.pop("links_to_anchors", None)
    page.markdown = page._title_from_render = page.content = None
    page.toc, page.meta = [], {}


def anchor_collectors(md) -> tuple:
    """Page.render's two collectors of anchor ids (headings; ids in raw HTML), registered on `md`.
    Reset their `present_anchor_ids` to an empty set before each conversion; read them after."""
    raw_html = _RawHTMLPreprocessor()
    raw_html._register(md)
    headings = _ExtractAnchorsTreeprocessor(None, None, None)  # (it reads none of them)
    headings._register(md)
    return headings, raw_html


PRIVATE = {
    "the engine logs under its own package's name (mkdocs.*, properdocs.*)":
        "logs.Counter counts the build's warnings there: strict builds keep the previous site on any",
    "mkdocs.structure.pages._ExtractAnchorsTreeprocessor":
        "converter.SharedConverter: the ids of a body's headings, as Page.render collects them "
        "(`present_anchor_ids`, `_register(md)`)",
    "mkdocs.structure.pages._RawHTMLPreprocessor":
        "converter.SharedConverter: the ids in a body's raw HTML, as Page.render collects them",
    "Page.read_source(config) sets markdown and meta from the file's content":
        "pages.PlannedPage overrides read_source() and reads a planned body as it is, without meta-data",
    "Page.title is meta['title'] once markdown is set, '' too (None while markdown is None)":
        "pages.PlannedPage lets go of a build's Markdown once converted: as '', the title stays",
    "mkdocs.utils.templates.url_filter":
        "filters.url_filter: MkDocs' `url` filter, for the paths the fast path does not take",
    "Page.render(config, files) sets content, toc and present_anchor_ids":
        "pages.PlannedPage overrides render() and sets the same attributes itself",
    "LiveReloadServer._want_rebuild and _rebuild_cond":
        "watch.notice_saves_at_once asks for a rebuild the way MkDocs' own watcher does",
    "LiveReloadServer.unwatch()":
        "watch.notice_saves_at_once stops MkDocs' polling of the folders inotify watches (a slower poll takes over)",
    "an empty page or theme template is not written; 'Page skipped' or 'Template skipped' is logged by "
    "mkdocs.commands.build":
        "rebuilds: a page left as the previous rebuild wrote it, or written over it under serve "
        "(lantoa.overwrite), returns '' from on_post_page (a theme template's, from on_post_template)",
    "a build without --dirty empties site_dir first, leaving hidden files":
        "output.set_aside/carry_over move the previous output away before and back after",
    "mkdocs.commands.build._populate_page, _build_page and _build_theme_template":
        "partial.rebuild_changed renders the pages a save changed with the steps a full build uses "
        "(a theme template other than sitemap.xml given the list of page files its context lists as `pages`)",
    "LiveReloadServer.builder is what its build loop calls":
        "partial.install puts the partial rebuild in front of MkDocs' full build under serve",
    "Page.__init__, read_source, render and validate_anchor_links set internals.PAGE_RENDER_STATE":
        "internals.reset_page: partial.rebuild_changed renders a page again in place (the nav keeps it)",
    "Material's templates folder is '…/material/templates' in config.theme.dirs":
        "theme.prepare_env: Lan Tỏa's templates extend 'material/…' past a site's overrides",
    "Material's base.html writes the drawer and search toggles as theme.MATERIAL_TOGGLES spells them":
        "theme.tidy_material removes their invalid autocomplete attribute",
    "Material's partials named in theme.FRAGMENT_PARTIALS exist":
        "theme.shared_blocks: a site overriding one of them gets that block rendered per page",
    "LiveReloadServer.build_delay is how long its build loop waits for more changes":
        "watch.notice_saves_at_once shortens it where inotify reports each save as it ends",
    "a relative link to no file is logged on mkdocs.structure.pages as internals.LINK_NOT_FOUND begins":
        "logs.ReportedLinks leaves out those Lan Tỏa reported itself (LT046, LT047: in Vietnamese, on their line)",
    "a plugin's base.Config.validate gives (failures, warnings), a warning keyed by each name it does not declare":
        "config.LanToaConfig.validate leaves those out: LT137 names them in Vietnamese (options.py)",
    "a relative link to a folder is logged on mkdocs.structure.pages as internals.LINK_UNRECOGNIZED begins":
        "logs.ReportedLinks leaves it out where body_links found the page it names (`../chi-mai/`)",
}
