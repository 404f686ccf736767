"""Reusing rendered pages between the rebuilds of `mkdocs serve`, and between builds
(`engine.previous_site`).

Every rebuild plans the whole site again (so listings are never stale), then renders only
the pages whose inputs changed. A page's fingerprint is a digest of everything its HTML is
made from: the site's digest (configuration, templates, documentation pages, the problem count)
and the planned page itself — url, title, body, context — with the stories, news and campaigns
it shows reduced to digests of their own, computed once per rebuild, and each photo to its path
and the renditions made of it.
Same fingerprint, same HTML: the page is written from memory instead of rendered.
"""
from __future__ import annotations

import copyreg
import dataclasses
import hashlib
import io
import os
import pickle
from pathlib import Path
from typing import Any, Iterable, Mapping

from .insight.model import CampaignInsight, Statistics, UnitInsight
from .model import Body, Campaign, News, Photo, Story
from . import text
from .plan import Card, Feed, FeedRef, Page


@dataclasses.dataclass(frozen=True)
class Rendered:
    fingerprint: bytes
    content: str  # the Markdown body as HTML, what MkDocs keeps as page.content (the page is on disk)
    text: str | None  # plain text for the search index
    anchors: tuple[str, ...] = ()  # ids in the content, for MkDocs' anchor checks


class RenderCache:
    """Rendered pages by source URI, kept by the plugin for the life of `mkdocs serve`."""

    def __init__(self) -> None:
        self._entries: dict[str, Rendered] = {}
        self.reused = 0
        self.rendered = 0

    def get(self, src_uri: str, fingerprint: bytes | None) -> Rendered | None:
        entry = self._entries.get(src_uri)
        hit = entry is not None and fingerprint is not None and entry.fingerprint == fingerprint
        return entry if hit else None

    def entry(self, src_uri: str) -> Rendered | None:
        """The page as last rendered, whatever its fingerprint (for a caller that knows it holds)."""
        return self._entries.get(src_uri)

    def put(self, src_uri: str, entry: Rendered) -> None:
        self._entries[src_uri] = entry

    def drop(self, src_uri: str) -> None:
        """The page was rendered again and its HTML not kept: what was is not what is written."""
        self._entries.pop(src_uri, None)

    def clear(self) -> None:
        self._entries.clear()

    def keep_only(self, src_uris: Iterable[str]) -> None:
        """Forget pages that are no longer planned (a story deleted or moved). `src_uris`: a set,
        or a dict by src_uri (the plan's pages: not made into a set again)."""
        for src_uri in self._entries.keys() - src_uris:
            del self._entries[src_uri]

    def __len__(self) -> int:
        return len(self._entries)


def _ref(kind: str, digest: bytes) -> tuple[str, bytes]:
    return kind, digest


class LongText(bytes):
    """In a fingerprint, a text of LONG_TEXT characters or more: the digest of its UTF-8 bytes.
    Pickling the str itself would leave its UTF-8 form cached in it for as long as it lives. (A
    body is a `Body`: it goes in as its own digest, which stays when a build lets go of its text.)"""


LONG_TEXT = 512


def _long_texts_digested(reduced: tuple) -> tuple:
    """An object's `__reduce_ex__` with the long texts of its state as `LongText`."""
    function, arguments, state, *rest = reduced
    if isinstance(state, dict):
        state = {key: LongText(text.digest(value)) if type(value) is str and len(value) >= LONG_TEXT else value
                 for key, value in state.items()}
    return (function, arguments, state, *rest)


def _reduce_page(page: Page) -> tuple:
    return _long_texts_digested(page.__reduce_ex__(5))


def _reduce_body(body: Body) -> tuple:
    return _ref, ("Body", body.digest)


def _reduce_feed(feed: Feed | FeedRef) -> tuple:
    # Pages show a feed's link and title only; its items are the feed file's business.
    return _ref, ("Feed", repr((feed.url, feed.title, feed.page_url)).encode())


class Fingerprints:
    """Digests of planned pages for one rebuild. Items (with what the build made of their photos),
    cards and figures are digested once each and memoised by identity (a card shows in a dozen
    listings, a campaign's figures on every page of its listing: without it, 2.4 s for 12,000
    pages at 10,000 stories); each digest is kept with its object, so an id is never mistaken for
    another object's, and serve's next rebuild takes the digests of the objects it shares.

    Pickled without a memo (`Pickler.fast`): the bytes depend on the values only, not on which
    equal values happen to be one object, so the fingerprint of an unchanged page is the same in
    another process (`engine.previous_site` keeps them between builds). Plans hold no sets (whose
    order would vary); a page that cannot be pickled so has no fingerprint and is rendered.
    A body goes in as its digest (`Body.digest`), a page's and an item's other long texts as
    digests of their UTF-8 bytes (`LongText`)."""

    ITEMS = (Story, News, Campaign)
    SHARED = (Card, CampaignInsight, UnitInsight, Statistics)

    def __init__(self, site_digest: bytes, photos: Mapping[Path, Any] | None = None,
                 before: "Fingerprints | None" = None):
        """`before`: the previous rebuild's (serve), whose digests of the very same objects stand
        while the photos are the same (the names page alone shows 10,000 cards)."""
        self.site_digest = site_digest
        self.photos = photos or {}
        self._digests: dict[int, tuple[Any, bytes]] = {}
        self._before = before._digests if before is not None and before.photos == self.photos else {}
        self._table = copyreg.dispatch_table.copy()
        for kind in (*self.ITEMS, *self.SHARED):
            self._table[kind] = self._reduce_shared
        self._table[Feed] = self._table[FeedRef] = _reduce_feed
        self._table[Photo] = self._reduce_photo
        self._table[Page] = _reduce_page
        self._table[Body] = _reduce_body

    def _reduce_shared(self, value) -> tuple:
        known = self._digests.get(id(value)) or self._before.get(id(value))
        if known is not None and known[0] is value:
            self._digests[id(value)] = known
        else:
            made = [repr(self.photos.get(photo.path)) for photo in value.photos] \
                if isinstance(value, self.ITEMS) else []
            data = self._dumps((_long_texts_digested(value.__reduce_ex__(5)), made))  # its own state: not this reduction again
            known = (value, hashlib.blake2b(data, digest_size=16).digest())
            self._digests[id(value)] = known
        return _ref, (type(value).__name__, known[1])

    def _reduce_photo(self, photo: Photo) -> tuple:
        return _ref, ("Photo", repr((photo, self.photos.get(photo.path))).encode())

    def _dumps(self, value: Any) -> bytes:
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=5)
        pickler.dispatch_table = self._table
        pickler.fast = True
        pickler.dump(value)
        return buffer.getvalue()

    def of(self, page: Any, *extra: Any) -> bytes | None:
        """The fingerprint of a planned page (and any extra inputs); None if it cannot be taken."""
        try:
            data = self._dumps((page, extra))
        except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError):
            return None
        return hashlib.blake2b(self.site_digest + data, digest_size=20).digest()


TEMPLATE_SUFFIXES = (".html", ".xml", ".txt", ".j2", ".jinja")


def digest_of(parts: Iterable[Any], folders: Iterable[Path] = (), files: Iterable[Path] = ()) -> bytes:
    """A digest of plain values, of the templates under `folders` (name, size, modification time)
    and of the bytes of `files`."""
    hasher = hashlib.blake2b(digest_size=20)
    hasher.update(repr(list(parts)).encode())
    for folder in folders:
        for entry in sorted(_walk(Path(folder))):
            hasher.update(repr(entry).encode())
    for path in files:
        hasher.update(str(path).encode())
        try:
            hasher.update(Path(path).read_bytes())
        except OSError:
            hasher.update(b"\0missing")
    return hasher.digest()


def _walk(folder: Path) -> Iterable[tuple[str, int, int]]:
    for root, folders, names in os.walk(folder):
        folders[:] = [f for f in folders if not f.startswith(".")]  # Material's thousands of .icons
        for name in names:
            if not name.endswith(TEMPLATE_SUFFIXES):
                continue
            path = os.path.join(root, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue
            yield path, stat.st_size, stat.st_mtime_ns
