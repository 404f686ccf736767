"""The site plan handed to MkDocs: each planned page a virtual file out of the nav, rendered by
`PlannedPage`; attachments, the editor's configuration and Lan Tỏa's assets as files.

Relies on (internals.py): Page.render(config, files) sets `content`, `toc` and
`present_anchor_ids`; PlannedPage sets them itself when it has the body's HTML already. And
Page.read_source(config) sets `markdown` and `meta`: PlannedPage sets them itself, reading the
planned body as it is. Also relies on MkDocs setting `page.content` (a property of
PlannedPage) to what on_page_content returns, as MkDocs 1.6 and ProperDocs do; were it not, the
page keeps its HTML as a str (`tests/engine/test_release.py` checks it is held as UTF-8). Holding
it so took 12–14 MB off a cold build at 10,000 stories and 19 MB off a warm one (the body HTML is
30 MB as strs).
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from .. import bodies, editor, stylesheet, unreadable
from ..audit import build_date, unreadable_documents
from ..model import Body
from ..planning.addresses import clash_with_document
from ..reuse import Rendered
from ..sanitizer import sanitize
from ..text import from_utf8, to_utf8
from . import internals
from .converter import Bodies, SharedConverter
from .logs import Counter, emit

ASSETS = Path(__file__).resolve().parent.parent / "assets"
_UNREADABLE = object()  # `_converted`: the body's conversion raised (LT140)


class PlannedPage(Page):
    """A page of the site plan. Under `mkdocs serve`, one whose fingerprint is unchanged since
    the previous rebuild takes its HTML from the render cache instead of being rendered; a body
    unchanged since an earlier build takes its HTML from the body cache.

    Between its conversion and its rendering (MkDocs converts every page before it renders any),
    a build's page holds its HTML as UTF-8 (`settle`, then `content` decodes it when asked): the
    bytes the body job and the body cache hold too, half the size of a str for Vietnamese text."""
    fingerprint: bytes | None = None
    reused: Rendered | None = None
    linked = False  # `mkdocs build`: the previous site's file, linked (previous_site.py)
    body_cache: bodies.BodyCache | None = None
    converter: SharedConverter | None = None
    body_job: bodies.BodyJob | None = None
    converted: str | None = None  # the HTML as render() gave it (on_page_content: changed since?)
    kept: bodies.Kept | None = None  # `converted` as UTF-8, with its sanitised HTML where known
    warnings: Counter | None = None
    body: Body | None = None  # the plan's (its item's): a build lets go of its text once converted
    origin: tuple[str | None, int | None] = (None, None)  # the item's index.md and its body's first line
    _content: str | None = None
    _held: bytes | None = None  # the page's HTML as UTF-8, in place of `_content`
    _pending: tuple[str, bytes] | None = None  # what `settle` returned, and its UTF-8 to hold

    @property
    def content(self) -> str | None:
        return self._content if self._held is None else from_utf8(self._held)

    @property
    def held_as_utf8(self) -> bool:
        return self._held is not None

    @content.setter
    def content(self, value: str | None) -> None:
        pending, self._pending = self._pending, None
        if pending is not None and value is pending[0]:
            self._content, self._held = None, pending[1]
        else:
            self._content, self._held = value, None

    def read_source(self, config):
        """A planned body is read as it is: its front matter was Lan Tỏa's. (MkDocs' reading takes
        a first line such as `Theo: Báo Lạng Sơn` for meta-data and drops it; and it copies every
        body, 50 MB at 10,000 stories.)"""
        source = config.plugins.on_page_read_source(page=self, config=config)
        self.markdown, self.meta = (self.file.content_string if source is None else source), {}

    def render(self, config, files):
        if self.reused is not None:
            self.content, anchors = self.reused.content, self.reused.anchors
        elif not self.markdown:  # listings: MkDocs would set up a Markdown converter for nothing
            self.content, anchors = "", ()
        elif kept := self.body_cache and self.body_cache.get_utf8(self.file.src_uri, self.markdown):
            anchors = self._take(kept)
        elif (kept := self._converted()) is _UNREADABLE:
            anchors = ()
        elif kept:
            anchors = self._take(kept)
            if self.body_cache:
                self.body_cache.put(self.file.src_uri, self.markdown, kept[0], anchors, checked=True,
                                    sanitized=kept[2])
        else:
            before = self.warnings.count if self.warnings else 0
            try:
                super().render(config, files)
            except Exception as error:  # noqa: BLE001 — an extension failing on this body (unreadable.py)
                self._unreadable(error)
                anchors = ()
            else:
                if self.body_cache and self.warnings and self.warnings.count == before:
                    self.body_cache.put(self.file.src_uri, self.markdown, self.content, self.present_anchor_ids)
                return
        self.present_anchor_ids = set(anchors)
        self.toc = TableOfContents([])

    def _take(self, kept: bodies.Kept) -> tuple[str, ...]:
        self.kept = kept
        self.content = self.converted = from_utf8(kept[0])
        return kept[1]

    def settle(self, html: str, hold: bool) -> str:
        """The page's HTML sanitised (on_page_content): the body job's or the cache's sanitised HTML
        where `html` is still what render() gave. `hold`: the page keeps it as UTF-8 once MkDocs
        sets it as its content, and lets go of its Markdown (builds; serve renders from its pages
        again)."""
        unchanged, kept = html is self.converted, self.kept
        self.converted = self.kept = None
        if unchanged and kept is not None and kept[2] is not None:
            utf8 = kept[0] if kept[2] is bodies.SAME else kept[2]
            settled = html if utf8 is kept[0] else from_utf8(utf8)
        else:
            settled = sanitize(html)
            utf8 = kept[0] if unchanged and kept is not None and settled == html else None
            if unchanged and kept is not None and self.body_cache:
                utf8 = utf8 if utf8 is not None else to_utf8(settled)
                self.body_cache.settled(self.file.src_uri, self.markdown,
                                        bodies.SAME if utf8 is kept[0] else utf8)
        if hold:
            self._pending = (settled, utf8 if utf8 is not None else to_utf8(settled))
            self._let_go_of_markdown()
        return settled

    def _let_go_of_markdown(self) -> None:
        """A build's page, converted: nothing reads its Markdown again. The page, its file and the
        plan (the item's `Body`) held it to the end of the build: 46 MB of a cold build's peak at
        10,000 stories. ("", not None: MkDocs' Page.title is None for a page not yet read.)"""
        self.markdown = ""
        self.file.content_string = ""
        if self.body is not None:
            self.body.release()

    def release(self) -> None:
        """Let go of the page's Markdown and HTML once it is written (`mkdocs build`): MkDocs keeps
        every page to the end, and these were about 130 MB of the build at 10,000 stories."""
        self.markdown = self.content = self.converted = self.kept = None

    def read_again(self, planned) -> None:
        """A page of a partial rebuild (`partial`): read and rendered anew from its new plan, in
        place (the nav and Files keep this object)."""
        self.file.content_string, self.body = planned.source_text, planned.markdown
        internals.reset_page(self)
        self.fingerprint = self.reused = self.converted = self.kept = None
        self.linked = False

    def _converted(self) -> bodies.Kept | None:
        """From the body job, else from the shared converter; None: MkDocs converts it."""
        done = self.body_job.take(self.file.src_uri, self.markdown) if self.body_job else bodies.NOT_HERE
        if done is not bodies.NOT_HERE:
            return done
        try:
            converted = self.converter and self.converter.convert(self.markdown)
        except Exception as error:  # noqa: BLE001 — an extension failing on this body (unreadable.py)
            self._unreadable(error)
            return _UNREADABLE
        return (to_utf8(converted[0]), tuple(sorted(converted[1])), None) if converted else None

    def _unreadable(self, error: Exception) -> None:
        """LT140, and the body as plain paragraphs: no traceback ends the build."""
        emit(unreadable.problem(*self.origin, error))
        self.content = unreadable.plain_html(self.markdown)


def add_planned_files(files: Files, config, plan, converted: Bodies, warnings: Counter) -> Files:
    """Every planned page (replacing a documentation page at the same path), attachment, the
    editor's configuration and the assets, as files of this build."""
    titles = nav_titles(config.nav or [])
    pages_of_docs = [f.src_uri for f in files.documentation_pages() if f.generated_by is None]
    for uri, problem in unreadable_documents(Path(config.docs_dir), pages_of_docs).items():  # left out (LT001)
        emit(problem)
        files.remove(files.get_file_from_path(uri))
    for page in plan.pages:
        if page.src_uri in files:
            written = files.get_file_from_path(page.src_uri)
            if page.source or written.generated_by is None:  # (not a page planned before this one)
                emit(clash_with_document(page, f"{Path(config.docs_dir).name}/{written.src_uri}"))
            if page.source:  # an item where a hand-written page is: both named, the item waits (LT032)
                continue
            files.remove(written)  # a generated page (home, listings) takes the place of a page of docs/ (LT033)
        files.append(planned_file(config, page, titles, converted, warnings))
    for url, attachment in plan.attachments:
        files.append(File.generated(config, url, abs_src_path=str(attachment.path)))
    files.append(File.generated(config, editor.CONFIG_URI, content=editor.config_yaml(
        plan.corpus, repo_url=config.repo_url, branch="main", site_url=config.site_url or "",
        today=build_date())))
    if editor.INDEX_URI in files:  # an older site's hand-written page: the generated one has the CSP
        files.remove(files.get_file_from_path(editor.INDEX_URI))
    files.append(File.generated(config, editor.INDEX_URI, content=editor.index_html(config.repo_url, "main",
                                                                                    config.site_name)))
    for uri, path in editor.decap_files(converted.cache.path.parent).items():  # Decap, from the site itself
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    for path in sorted(p for p in ASSETS.rglob("*") if p.is_file()):
        uri = "assets/lantoa/" + path.relative_to(ASSETS).as_posix()
        if path.relative_to(ASSETS).as_posix() == stylesheet.PUBLISHED:  # the site's one stylesheet
            files.append(File.generated(config, uri, content=stylesheet.bundle(ASSETS)))
        else:
            files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files


def planned_file(config, page, titles: dict[str, str], converted: Bodies, warnings: Counter) -> File:
    """The file of a planned page, with its `PlannedPage` (which MkDocs keeps in its nav)."""
    file = File.generated(config, page.src_uri, content=page.source_text,
                          inclusion=InclusionLevel.NOT_IN_NAV)
    planned = PlannedPage(titles.get(page.src_uri), file, config)
    planned.body = page.markdown
    planned.origin = (page.source, getattr(page.context.get("item"), "body_line", None))
    planned.body_cache, planned.converter, planned.warnings = converted.cache, converted.converter, warnings
    planned.body_job = converted.job
    return file


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
