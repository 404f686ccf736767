"""Page bodies converted with one Markdown converter per process, some of them in workers.

MkDocs sets up a new Markdown converter for every page (a tenth of a cold build at 10,000
stories). Where every extension named in mkdocs.yml is pure (`lantoa.bodies.PURE_EXTENSIONS`:
reset between pages), one converter per process does, for bodies without relative URLs (MkDocs
rewrites and checks those against the site; `convert` returns None and MkDocs converts them).
In a cold build the `BodyJob` workers convert and sanitise bodies from the end of the site while
MkDocs reads pages from its start; unchanged bodies come from `lantoa.bodies.BodyCache`.

Relies on (internals.py): `_ExtractAnchorsTreeprocessor` and `_RawHTMLPreprocessor`, which
collect the anchor ids Page.render collects. A planned body is converted as it is, as
`pages.PlannedPage.read_source` reads it (no meta-data: its front matter was Lan Tỏa's).
"""
from __future__ import annotations

import logging
from pathlib import Path

import markdown

from .. import bodies
from ..sanitizer import SANITIZER, sanitize
from ..text import digest, from_utf8, to_utf8
from . import internals
from .logs import Counter

BODY_JOB_MINIMUM = 200  # fewer bodies to convert: starting a worker costs more


class SharedConverter:
    def __init__(self, extensions: list[str], configs: dict):
        self.md = markdown.Markdown(extensions=extensions, extension_configs=configs or {})
        self.anchors, self.raw_html = internals.anchor_collectors(self.md)  # as Page.render collects them

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


def shared_converter(extensions: list[str], configs: dict) -> SharedConverter:
    """This process's converter for these settings: a worker's, or the build's own."""
    key = repr((extensions, configs))
    return _converters.get(key) or _converters.setdefault(key, SharedConverter(extensions, configs))


def convert_bodies(chunk: tuple[tuple[str, bytes], ...], extensions: list[str], configs: dict) -> dict:
    """For a body job (in a worker, or here for a chunk no worker began): {src_uri: (digest of the
    Markdown, `bodies.Kept` (HTML as UTF-8, anchor ids, sanitised HTML: SAME or its own) or None)} for a chunk of (src_uri, source as in
    the page's file, UTF-8: the Markdown as `PlannedPage.read_source` reads it). None (MkDocs
    converts it in the build) for a body with relative links, or whose conversion logged a
    warning or raised: the build's log shows it then."""
    converter = shared_converter(extensions, configs)
    warnings = Counter()
    logging.getLogger().addHandler(warnings)
    try:
        done = {}
        for src_uri, source in chunk:
            before = warnings.count
            text = from_utf8(source)
            try:
                converted = converter.convert(text)
            except Exception:  # noqa: BLE001 — the build's own conversion reports it (LT140)
                converted = None
            if converted and warnings.count == before:
                html, anchors = converted
                clean = sanitize(html)
                done[src_uri] = digest(text), (to_utf8(html), anchors, bodies.SAME if clean == html else to_utf8(clean))
            else:
                done[src_uri] = digest(text), None
        return done
    finally:
        logging.getLogger().removeHandler(warnings)


class Bodies:
    """A build's bodies: the cache (kept for the life of `mkdocs serve`, saved by builds), the
    shared converter and, in a cold build, the body job (from on_config to on_env)."""

    def __init__(self):
        self.cache: bodies.BodyCache | None = None
        self.converter: SharedConverter | None = None
        self.job: bodies.BodyJob | None = None

    def configure(self, config, cache_dir: Path) -> None:
        """Once per build, after every plugin's on_config: the Markdown extensions are final."""
        self.job = None
        settings = bodies.settings_key(config.markdown_extensions, config.mdx_configs, SANITIZER)
        if self.cache is None or self.cache.settings != settings:
            self.cache = bodies.BodyCache(cache_dir / "bodies.pickle", settings)
        self.converter = shared_converter(list(config.markdown_extensions), dict(config.mdx_configs or {})) \
            if SharedConverter.usable(config) else None

    def start_job(self, config, pages) -> None:
        """Builds: the bodies no cache holds are converted in worker processes while MkDocs
        reads pages (it reads each page's body here when no worker has begun its chunk)."""
        if self.converter is None:
            return
        pages = [page for page in pages if page.markdown]
        todo = pages if self.cache.empty else [
            page for page in pages if not self.cache.get(page.src_uri, page.markdown.text)]
        if len(todo) >= BODY_JOB_MINIMUM:
            self.job = bodies.BodyJob([(page.src_uri, page.markdown.text) for page in todo], convert_bodies,
                                      (list(config.markdown_extensions), dict(config.mdx_configs or {})))

    def close_job(self) -> None:
        if self.job is not None:
            self.job.close()
            logging.getLogger("mkdocs.plugins.lantoa").debug(f"bodies converted by workers: {self.job.by_workers}")
            self.job = None

    def save(self) -> None:
        if self.cache is not None:
            self.cache.save()
