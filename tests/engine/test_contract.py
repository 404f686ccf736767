"""The engine's contract: each name or behaviour in `lantoa.engine.internals.PRIVATE` still holds.

One test per entry, named after it; a failure says which engine internal changed and what in
Lan Tỏa relies on it, so a MkDocs or ProperDocs release that changes one is found here rather
than as a wrong page.
"""
from __future__ import annotations

import importlib
import inspect
import logging
import threading
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from lantoa.engine import internals, theme
from lantoa.engine.converter import SharedConverter

BODY = """# Tiêu đề {#dau}

Đoạn có [liên kết](https://example.vn/) và <span id="trong-html">HTML</span>.

## Mục hai

<div id="khoi">khối</div>
"""
EXTENSIONS = ["attr_list", "toc"]


def private(name: str):
    """`module.Name` looked up by name, failing with the name when it is gone."""
    module, _, attribute = name.rpartition(".")
    found = getattr(importlib.import_module(module), attribute, None)
    assert found is not None, f"{name} is gone from the engine: {internals.PRIVATE[name]}"
    return found


def project(tmp_path: Path, body: str = BODY, theme_name: str = "material") -> Path:
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / "index.md").write_text(body, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: Thử\ntheme:\n  name: {theme_name}\nmarkdown_extensions: [attr_list, toc]\n",
                      encoding="utf-8")
    return config


def rendered_by_mkdocs(tmp_path: Path, body: str) -> Page:
    config = load_config(config_file=str(project(tmp_path, body)))
    file = File("index.md", str(tmp_path / "docs"), str(tmp_path / "site"), True)
    page = Page(None, file, config)
    page.read_source(config)
    page.render(config, Files([file]))
    return page


def check_engine_logger(tmp_path):
    import mkdocs.commands.build as build_module
    assert build_module.log.name == internals.BUILD_LOGGER, \
        f"the engine's build logs as {build_module.log.name!r}, not {internals.BUILD_LOGGER!r}"
    assert internals.BUILD_LOGGER.startswith(internals.ENGINE + "."), "the build's logger is outside the engine's"
    assert build_module.__name__.split(".")[0] == internals.ENGINE, "the engine's modules are named otherwise"


def check_extract_anchors(tmp_path):
    name = "mkdocs.structure.pages._ExtractAnchorsTreeprocessor"
    cls = private(name)
    assert hasattr(cls, "_register"), f"{name}._register is gone: {internals.PRIVATE[name]}"
    html, anchors = SharedConverter(EXTENSIONS, {}).convert(BODY)
    page = rendered_by_mkdocs(tmp_path, BODY)
    assert html == page.content, f"{name}: the shared converter no longer writes what Page.render writes"
    assert {"dau", "muc-hai"} <= anchors, f"{name} no longer collects heading ids"
    assert anchors == page.present_anchor_ids, f"{name}: anchors differ from Page.render's"


def check_raw_html(tmp_path):
    name = "mkdocs.structure.pages._RawHTMLPreprocessor"
    assert hasattr(private(name), "_register"), f"{name}._register is gone: {internals.PRIVATE[name]}"
    _, anchors = SharedConverter(EXTENSIONS, {}).convert(BODY)
    assert {"trong-html", "khoi"} <= anchors, f"{name} no longer collects ids in raw HTML"
    assert anchors == rendered_by_mkdocs(tmp_path, BODY).present_anchor_ids, f"{name}: differs from Page.render"


def check_read_source(tmp_path):
    from lantoa.engine.pages import PlannedPage
    parameters = list(inspect.signature(Page.read_source).parameters)
    assert parameters == ["self", "config"], f"Page.read_source's signature changed: {parameters}"
    config = load_config(config_file=str(project(tmp_path)))
    body = "Theo: Báo Lạng Sơn\n\nNội dung.\n"
    for kind in (Page, PlannedPage):
        file = File("a/index.md", str(tmp_path / "docs"), str(tmp_path / "site"), True)
        file.content_string = body
        page = kind(None, file, config)
        page.read_source(config)
        assert isinstance(page.meta, dict), f"{kind.__name__}.read_source no longer sets meta"
        assert page.markdown.endswith("Nội dung.\n"), f"{kind.__name__}.read_source no longer sets markdown"
    assert page.markdown is body and page.meta == {}, "PlannedPage no longer reads its body as it is"


def check_title_without_markdown(tmp_path):
    config = load_config(config_file=str(project(tmp_path)))
    file = File("a/index.md", str(tmp_path / "docs"), str(tmp_path / "site"), True)
    file.content_string = "# Tiêu đề trong bài\n\nNội dung.\n"
    page = Page(None, file, config)
    page.read_source(config)
    page.meta["title"] = "Chị Mai"
    page.markdown = ""
    assert page.title == "Chị Mai", f"Page.title with markdown '' is {page.title!r}, not meta's title"
    page.markdown = None
    assert page.title is None, "Page.title no longer marks a page not yet read: read what it needs"


def check_url_filter(tmp_path):
    url_filter = private("mkdocs.utils.templates.url_filter")
    assert getattr(url_filter, "jinja_pass_arg", None) is not None, \
        "mkdocs.utils.templates.url_filter is no longer a context filter"
    from lantoa.engine.filters import url_filter as ours
    config = load_config(config_file=str(project(tmp_path)))
    page = Page("A", File("dia-ban/lang-son/index.md", "docs", "site", True), config)
    for value in ("dia-ban/lang-son/", "luu-tru/2024/", "assets/lantoa/lantoa.css", "../x/", "https://a.vn/", "#dau"):
        context = {"page": page, "base_url": "../.."}
        assert ours(context, value) == url_filter(context, value), f"mkdocs.utils.templates.url_filter({value!r})"


def check_page_render(tmp_path):
    parameters = list(inspect.signature(Page.render).parameters)
    assert parameters == ["self", "config", "files"], f"Page.render's signature changed: {parameters}"
    page = rendered_by_mkdocs(tmp_path, BODY)
    for attribute in ("content", "toc", "present_anchor_ids"):
        assert getattr(page, attribute, None) is not None, f"Page.render no longer sets {attribute}"


def live_reload_server(tmp_path):
    from mkdocs.livereload import LiveReloadServer
    return LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))


def check_rebuild_flag(tmp_path):
    server = live_reload_server(tmp_path)
    try:
        condition = getattr(server, internals.SERVER_REBUILD_CONDITION, None)
        assert isinstance(condition, threading.Condition().__class__), \
            f"LiveReloadServer.{internals.SERVER_REBUILD_CONDITION} is gone or no longer a Condition"
        assert getattr(server, internals.SERVER_WANT_REBUILD, None) is False, \
            f"LiveReloadServer.{internals.SERVER_WANT_REBUILD} is gone"
    finally:
        server.server_close()


def check_observer(tmp_path):
    server = live_reload_server(tmp_path)
    try:
        server.watch(str(tmp_path))
        server.unwatch(str(tmp_path))  # raises if unwatch changed its bookkeeping
    finally:
        server.server_close()


class _EmptyPage(BasePlugin):
    def on_post_page(self, output, *, page, config):
        return ""

    def on_post_template(self, output_content, *, template_name, config):
        return ""


def check_empty_page_skipped(tmp_path, caplog):
    config = load_config(config_file=str(project(tmp_path)), site_dir=str(tmp_path / "site"))
    config.plugins["empty"] = _EmptyPage()
    with caplog.at_level(logging.INFO, logger=internals.BUILD_LOGGER):
        build(config)
    assert not (tmp_path / "site" / "index.html").exists(), "MkDocs now writes a page whose output is empty"
    assert any(r.getMessage().startswith(internals.PAGE_SKIPPED + "index.md'") for r in caplog.records), \
        f"MkDocs no longer logs {internals.PAGE_SKIPPED!r} on {internals.BUILD_LOGGER!r}"
    assert not (tmp_path / "site" / "404.html").exists(), "MkDocs now writes a theme template whose output is empty"
    assert any(r.getMessage().startswith(internals.TEMPLATE_SKIPPED + "404.html'") for r in caplog.records), \
        f"MkDocs no longer logs {internals.TEMPLATE_SKIPPED!r} on {internals.BUILD_LOGGER!r}"


def check_site_dir_emptied(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "stray.html").write_text("x")
    (site / ".hidden").write_text("x")
    build(load_config(config_file=str(project(tmp_path)), site_dir=str(site)), dirty=False)
    assert not (site / "stray.html").exists(), "a build no longer empties site_dir first"
    assert (site / ".hidden").exists(), "a build now deletes hidden files in site_dir too"


class _Catch(BasePlugin):
    """What a full build makes of the site: its files, nav and template environment."""
    def on_nav(self, nav, *, config, files):
        self.nav = nav

    def on_env(self, env, *, config, files):
        self.env, self.files = env, files


def built_site(tmp_path):
    config = load_config(config_file=str(project(tmp_path)), site_dir=str(tmp_path / "site"))
    caught = config.plugins["catch"] = _Catch()
    build(config)
    return config, caught


def check_build_steps(tmp_path):
    name = "mkdocs.commands.build._populate_page, _build_page and _build_theme_template"
    expected = {internals.populate_page: ["page", "config", "files", "dirty"],
                internals.build_page: ["page", "config", "doc_files", "nav", "env", "dirty", "excluded"],
                internals.build_theme_template: ["template_name", "env", "files", "config", "nav"]}
    for function, parameters in expected.items():
        found = list(inspect.signature(function).parameters)
        assert found == parameters, f"{function.__name__}{found}: {name} changed ({internals.PRIVATE[name]})"
    config, caught = built_site(tmp_path)
    page = caught.files.get_file_from_path("index.md").page
    page.file.content_string = BODY.replace("Mục hai", "Mục ba")
    internals.reset_page(page)
    internals.populate_page(page, config, caught.files)
    internals.build_page(page, config, caught.files.documentation_pages(), caught.nav, caught.env)
    written = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Mục ba" in written and "Mục hai" not in written, f"{name}: a page rendered again is not written"
    (tmp_path / "site" / "404.html").unlink()
    internals.build_theme_template("404.html", caught.env, caught.files, config, caught.nav)
    assert (tmp_path / "site" / "404.html").is_file(), f"{name}: a theme template is not written"
    from_files = (tmp_path / "site" / "404.html").read_bytes()
    internals.build_theme_template("404.html", caught.env, caught.files.documentation_pages(), config, caught.nav)
    assert (tmp_path / "site" / "404.html").read_bytes() == from_files, \
        f"{name}: a theme template given the list of page files is not what it is given Files"


def check_server_builder(tmp_path):
    from mkdocs.livereload import LiveReloadServer
    server = live_reload_server(tmp_path)
    try:
        assert callable(getattr(server, internals.SERVER_BUILDER, None)), \
            f"LiveReloadServer.{internals.SERVER_BUILDER} is gone"
        assert f"self.{internals.SERVER_BUILDER}()" in inspect.getsource(LiveReloadServer._build_loop), \
            f"LiveReloadServer's build loop no longer calls self.{internals.SERVER_BUILDER}()"
    finally:
        server.server_close()


def check_reset_page(tmp_path):
    """A page rendered, reset and rendered from other Markdown is the page MkDocs renders from it."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    config, caught = built_site(tmp_path / "a")
    page = caught.files.get_file_from_path("index.md").page
    other = "# Khác {#khac}\n\nĐoạn [nội bộ](#khac).\n"
    page.file.content_string = other
    internals.reset_page(page)
    internals.populate_page(page, config, caught.files)
    fresh = rendered_by_mkdocs(tmp_path / "b", other)
    for attribute in ("markdown", "content", "title", "present_anchor_ids", "meta"):
        assert getattr(page, attribute) == getattr(fresh, attribute), \
            f"Page.{attribute} differs after internals.reset_page: {internals.PRIVATE[RESET]}"
    assert [t.title for t in page.toc] == [t.title for t in fresh.toc], "Page.toc differs after a reset"


def material_templates(tmp_path) -> Path:
    config = load_config(config_file=str(project(tmp_path, theme_name="material")))
    found = [Path(d) for d in config.theme.dirs if Path(d).match(internals.MATERIAL_TEMPLATES)]
    assert found, f"no {internals.MATERIAL_TEMPLATES!r} among config.theme.dirs"
    return found[0]


def check_material_dir(tmp_path):
    assert (material_templates(tmp_path) / "base.html").is_file()


def check_material_toggles(tmp_path):
    base = (material_templates(tmp_path) / "base.html").read_text(encoding="utf-8")
    for toggle in theme.MATERIAL_TOGGLES:
        assert toggle in base, f"Material's base.html no longer writes {toggle}"


def check_material_partials(tmp_path):
    folder = material_templates(tmp_path)
    missing = [p for parts in theme.FRAGMENT_PARTIALS.values() for p in parts if not (folder / p).is_file()]
    assert not missing, f"Material's partials are gone: {missing}"


def check_build_delay(tmp_path):
    from mkdocs.livereload import LiveReloadServer
    server = live_reload_server(tmp_path)
    try:
        assert isinstance(getattr(server, internals.SERVER_BUILD_DELAY, None), float), \
            f"LiveReloadServer.{internals.SERVER_BUILD_DELAY} is gone"
        assert f"timeout=self.{internals.SERVER_BUILD_DELAY}" in inspect.getsource(LiveReloadServer._build_loop), \
            f"LiveReloadServer's build loop no longer waits self.{internals.SERVER_BUILD_DELAY}"
    finally:
        server.server_close()


def check_link_not_found(tmp_path, caplog):
    name = "a relative link to no file is logged on mkdocs.structure.pages as internals.LINK_NOT_FOUND begins"
    config = load_config(config_file=str(project(tmp_path, "Xem [bài khác](../bai-khac/index.md).\n")),
                         site_dir=str(tmp_path / "site"))
    with caplog.at_level(logging.INFO, logger=internals.PAGES_LOGGER):
        build(config)
    said = internals.LINK_NOT_FOUND.format(src_uri="index.md", url="../bai-khac/index.md")
    assert any(r.name == internals.PAGES_LOGGER and r.levelno == logging.WARNING and str(r.msg).startswith(said)
               for r in caplog.records), f"MkDocs no longer logs {said!r}…: {internals.PRIVATE[name]}"


def check_config_unknown_names(tmp_path, caplog):
    name = "a plugin's base.Config.validate gives (failures, warnings), a warning keyed by each name it does not declare"
    from mkdocs.config import base, config_options

    class Declared(base.Config):
        known = config_options.Optional(config_options.Type(object))

    declared = Declared()
    declared.load_dict({"known": 1, "page_sise": 12})
    failed, warnings = base.Config.validate(declared)
    assert failed == [] and [key for key, _ in warnings] == ["page_sise"], internals.PRIVATE[name]


def check_link_unrecognized(tmp_path, caplog):
    name = "a relative link to a folder is logged on mkdocs.structure.pages as internals.LINK_UNRECOGNIZED begins"
    config_file = project(tmp_path, "Xem [bài khác](../bai-khac/).\n")
    config_file.write_text(config_file.read_text(encoding="utf-8") + "validation:\n  unrecognized_links: warn\n",
                           encoding="utf-8")
    config = load_config(config_file=str(config_file), site_dir=str(tmp_path / "site"))
    with caplog.at_level(logging.INFO, logger=internals.PAGES_LOGGER):
        build(config)
    said = internals.LINK_UNRECOGNIZED.format(src_uri="index.md", url="../bai-khac/")
    assert any(r.name == internals.PAGES_LOGGER and r.levelno == logging.WARNING and str(r.msg).startswith(said)
               for r in caplog.records), f"MkDocs no longer logs {said!r}…: {internals.PRIVATE[name]}"


RESET = "Page.__init__, read_source, render and validate_anchor_links set internals.PAGE_RENDER_STATE"
CHECKS = dict(zip(internals.PRIVATE, [
    check_engine_logger, check_extract_anchors, check_raw_html, check_read_source, check_title_without_markdown,
    check_url_filter, check_page_render,
    check_rebuild_flag, check_observer, check_empty_page_skipped, check_site_dir_emptied,
    check_build_steps, check_server_builder, check_reset_page, check_material_dir, check_material_toggles, check_material_partials,
    check_build_delay, check_link_not_found, check_config_unknown_names, check_link_unrecognized,
]))


def test_every_internal_has_a_check():
    assert len(CHECKS) == len(internals.PRIVATE), "internals.PRIVATE and CHECKS must name the same entries, in order"


@pytest.mark.parametrize("name", list(internals.PRIVATE))
def test_engine_still_provides(name, tmp_path, request):
    check = CHECKS[name]
    arguments = {"tmp_path": tmp_path}
    if "caplog" in inspect.signature(check).parameters:
        arguments["caplog"] = request.getfixturevalue("caplog")
    check(**arguments)
