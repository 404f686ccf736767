"""Page bodies as HTML, kept between builds (in `.cache/lantoa/bodies.pickle`, beside the photos),
with the same HTML sanitised (`sanitizer.sanitize`) where the build made that too.

Turning 10,000 stories' Markdown into HTML is a third of a build; most of them did not change
since the last build. A body is kept only when its HTML cannot depend on anything but its own
Markdown and the page's place: every Markdown extension in use is one of `PURE_EXTENSIONS`
(none reads files or the network), the conversion logged no warning, and the HTML has no
relative link or image (MkDocs rewrites and checks those against the other pages of the site).
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
import re
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .body_refs import ABSOLUTE
from .shared import SharedChunks, chunked
from .text import digest, from_utf8, to_utf8

FORMAT = 3
PURE_EXTENSIONS = frozenset({
    "abbr", "admonition", "attr_list", "def_list", "fenced_code", "footnotes", "legacy_attrs", "legacy_em",
    "md_in_html", "nl2br", "sane_lists", "smarty", "tables", "toc", "wikilinks",
    "pymdownx.betterem", "pymdownx.caret", "pymdownx.details", "pymdownx.highlight", "pymdownx.inlinehilite",
    "pymdownx.keys", "pymdownx.mark", "pymdownx.saneheaders", "pymdownx.smartsymbols", "pymdownx.superfences",
    "pymdownx.tabbed", "pymdownx.tasklist", "pymdownx.tilde",
})
# A URL attribute is `\s(?:href|src|srcset|poster|data)\s*=` then its value (case-insensitive):
# found from each "=" (`_url_values`), as a regex scanning every character took 50 µs a story.
_URL_NAMES = ("href", "src", "srcset", "poster", "data")
_VALUE = re.compile(r"""\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def settings_key(extensions: Iterable[Any], configs: dict, sanitizer: str = "") -> str | None:
    """What every kept body depends on, or None when an extension may read more than the page.
    `sanitizer`: what the sanitiser keeps (`sanitizer.SANITIZER`), for the sanitised HTML kept too."""
    names = [_name(e) for e in extensions]
    if any(n not in PURE_EXTENSIONS for n in names):
        return None
    versions = [_version(p) for p in ("markdown", "mkdocs", "properdocs", "pymdown-extensions", "pygments",
                                      "nh3")]  # nh3: the sanitised HTML kept beside each body
    return repr((FORMAT, versions, names, sorted((k, repr(v)) for k, v in (configs or {}).items()), sanitizer))


def _name(extension: Any) -> str:
    name = extension if isinstance(extension, str) else type(extension).__module__
    return name.removeprefix("markdown.extensions.")


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return ""


def keepable(html: str) -> bool:
    """True when no link, image or source in `html` has a relative URL (links to anchors, "#…",
    count as relative too: MkDocs checks them after every page is read)."""
    for value in _url_values(html):
        for url in value.split(","):  # srcset: "a.jpg 1x, b.jpg 2x"
            url = url.strip()
            if url and not ABSOLUTE.match(url):
                return False
            if not url and "," not in value:
                return False
    return True


def _url_values(html: str) -> Iterator[str]:
    """The value of each URL attribute, left to right (a match's value is not searched again)."""
    at, floor = html.find("="), 0  # a match begins at `floor` or later (the last one's end)
    while at != -1:
        end = at
        while end and html[end - 1].isspace():
            end -= 1
        found = None
        if any(end - len(name) - 1 >= floor and html[end - len(name) - 1].isspace()
               and html[end - len(name):end].casefold() == name for name in _URL_NAMES):
            found = _VALUE.match(html, at + 1)
        if found is None:
            at = html.find("=", at + 1)
            continue
        yield next(v for v in found.groups() if v is not None)
        floor = found.end()
        at = html.find("=", floor)


Kept = tuple  # (HTML, anchor ids, sanitised HTML: SAME, None or its own) with the HTMLs as UTF-8


class BodyCache:
    """HTML, anchor ids and the sanitised HTML (or None) per (settings, page, Markdown); `save()`
    keeps what this build used. The HTML is held as UTF-8 (`Kept`), as the body job gives it and
    `PlannedPage` holds it until it is rendered: one copy of each body, at half the size of a str."""

    def __init__(self, path: Path, settings: str | None):
        self.path, self.settings = path, settings
        self._old: dict[bytes, Kept] = self._load() if settings else {}
        self._used: dict[bytes, Kept] = {}
        self._last: tuple[str, str, bytes] | None = None  # get() then put() for the same page: hashed once
        self._learnt = False  # a kept body's sanitised HTML found since the last save (`settled`)

    def _load(self) -> dict:
        try:
            return read_kept(self.path)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
            return {}

    @property
    def empty(self) -> bool:
        """Nothing kept from earlier builds."""
        return not self._old

    def _key(self, src_uri: str, markdown: str) -> bytes:
        if self._last is not None and self._last[1] is markdown and self._last[0] == src_uri:
            return self._last[2]
        key = hashlib.blake2b(f"{self.settings}\0{src_uri}\0{markdown}".encode(), digest_size=20).digest()
        self._last = (src_uri, markdown, key)
        return key

    def get_utf8(self, src_uri: str, markdown: str) -> Kept | None:
        if not self.settings:
            return None
        key = self._key(src_uri, markdown)
        found = self._old.get(key) or self._used.get(key)
        if found is not None:
            self._used[key] = found
        return found

    def get(self, src_uri: str, markdown: str) -> tuple[str, tuple[str, ...], str | None] | None:
        """`get_utf8`, its HTMLs as strs."""
        found = self.get_utf8(src_uri, markdown)
        return None if found is None else as_text(found)

    def put(self, src_uri: str, markdown: str, html: str | bytes, anchors: Iterable[str], checked: bool = False,
            sanitized: str | bytes | None = None) -> None:
        """Keep `html` if it is `keepable` (`checked`: the caller knows it is). `sanitized`: SAME, or
        the sanitised HTML if it differs."""
        if self.settings and (checked or keepable(html if isinstance(html, str) else from_utf8(html))):
            html = to_utf8(html) if isinstance(html, str) else html
            if isinstance(sanitized, str):
                sanitized = SAME if sanitized == from_utf8(html) else to_utf8(sanitized)
            self._used[self._key(src_uri, markdown)] = (html, tuple(sorted(anchors)), sanitized)

    def settled(self, src_uri: str, markdown: str, sanitized: bytes) -> None:
        """The sanitised HTML (SAME, or its own as UTF-8) of a body kept without it (converted in
        this process: the body job's come with theirs), so that no later build sanitises it again."""
        key = self._key(src_uri, markdown)
        kept = self._used.get(key)
        if kept is not None and kept[2] is None:
            self._used[key] = (kept[0], kept[1], sanitized)
            self._learnt = True

    def save(self) -> None:
        """Each body pickled on its own (a dict in one pickle holds a second copy of all of them
        while it is written)."""
        if not self.settings or (self._used.keys() == self._old.keys() and not self._learnt):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        with open(temporary, "wb") as handle:
            pickle.dump((FORMAT, len(self._used)), handle, protocol=pickle.HIGHEST_PROTOCOL)
            for key, kept in self._used.items():
                pickle.dump((key, *kept), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.path)
        self._old, self._learnt = dict(self._used), False


SAME = True  # a kept body's sanitised HTML is its HTML


def as_text(kept: Kept) -> tuple[str, tuple[str, ...], str | None]:
    html, anchors, sanitized = kept
    text = from_utf8(html)
    return text, anchors, None if sanitized is None else text if sanitized is SAME else from_utf8(sanitized)


def read_kept(path: Path) -> dict[bytes, Kept]:
    """What `BodyCache.save` wrote at `path` ({} if another format did), by key."""
    kept = {}
    with open(path, "rb") as handle:
        header = pickle.load(handle)
        if not isinstance(header, tuple) or header[0] != FORMAT:
            return {}
        for _ in range(header[1]):
            key, html, anchors, sanitized = pickle.load(handle)
            kept[key] = (html, anchors, sanitized)
    return kept


NOT_HERE = "not converted by the job"  # BodyJob.take(): MkDocs converts the body itself
CHUNK = 32  # bodies per task: a task per body costs more than converting it


class BodyJob:
    """A cold build's bodies converted in worker processes while MkDocs reads pages in this one,
    shared as `SharedChunks`. `work(chunk, *args)` returns {src_uri: (`text.digest` of the
    Markdown it converted, what `take` gives)} for a chunk of (src_uri, source as UTF-8) pairs.

    Sources go as bytes: pickling a str keeps its UTF-8 form cached in the str for as long as it
    lives, and the plan keeps every body to the end of the build (50 MB at 10,000 stories)."""

    def __init__(self, bodies: list[tuple[str, str]], work: Callable, args: tuple, workers: int | None = None):
        chunks = chunked([(src_uri, to_utf8(source)) for src_uri, source in bodies], CHUNK)
        self.chunk_of = {src_uri: number for number, chunk in enumerate(chunks) for src_uri, _ in chunk}
        self.results: dict[str, Any] = {}
        self.taken: set[int] = set()
        self.shared = SharedChunks(work, chunks, args, workers)

    def take(self, src_uri: str, markdown: str) -> Any:
        """The result for this body, or NOT_HERE (also when other Markdown was converted: a plugin
        changed it)."""
        number = self.chunk_of.get(src_uri)
        if number is not None and number not in self.taken:
            self.taken.add(number)
            self.results.update(self.shared.result(number))
        converted, result = self.results.pop(src_uri, (None, NOT_HERE))
        return result if converted is not None and converted == digest(markdown) else NOT_HERE

    @property
    def by_workers(self) -> int:
        return self.shared.by_workers * CHUNK

    def close(self) -> None:
        self.shared.close()
