"""Per file: its type, how long browsers and CDNs keep it, compressed or not, and when it goes up.

Content-addressed names (photo renditions, share cards, the theme's hashed CSS and JS) change
whenever their bytes do, so they are cached for a year and marked `immutable`; everything else
keeps its name across edits (pages, feeds, sitemap, the search manifest and shards) and is cached
for minutes. Text is uploaded gzip-compressed with `Content-Encoding: gzip`, as Pages hosts serve
it; images, fonts and PDFs are already compressed.
"""
from __future__ import annotations

import dataclasses
import mimetypes
import re

IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"  # pages, feeds, sitemap, search: a correction shows within 5 minutes
ASSET = "public, max-age=3600"  # unhashed CSS, JS, fonts, PDFs

SEARCH = "assets/lantoa/search-index/"
SEARCH_MANIFEST = SEARCH + "meta.json"
CARDS = "the-chia-se/"
RENDITIONS = "anh/"
# A name made of a digest: photo renditions `anh/<16 hex>-<width>.<ext>`, cards `the-chia-se/<20 hex>.jpg`,
# the theme's `main.<8 hex>.min.css`, `bundle.<8 hex>.min.js`.
ADDRESSED = re.compile(r"(^|/)([0-9a-f]{16,}(-\d+)?\.\w+|[\w-]+\.[0-9a-f]{8,}(\.min)?\.\w+)$")

TYPES = {".avif": "image/avif", ".webp": "image/webp", ".woff2": "font/woff2", ".woff": "font/woff",
         ".json": "application/json", ".xml": "application/xml", ".csv": "text/csv; charset=utf-8",
         ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8", ".svg": "image/svg+xml",
         ".webmanifest": "application/manifest+json", ".yml": "text/yaml; charset=utf-8", ".map": "application/json"}
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".yml", ".map", ".webmanifest"}

# Phases, in upload order. A reader never meets a page whose images are not there yet.
ASSETS, MANIFEST, PAGES, FEEDS = 1, 2, 3, 4
PHASE_NAMES = {ASSETS: "ảnh, thẻ chia sẻ, chỉ mục tìm kiếm và tệp tĩnh", MANIFEST: "danh mục tìm kiếm",
               PAGES: "trang HTML", FEEDS: "RSS và sơ đồ trang"}
KIND_NAMES = {"renditions": "ảnh", "cards": "thẻ chia sẻ", "search": "tìm kiếm", "pages": "trang", "other": "khác"}


@dataclasses.dataclass(frozen=True)
class Policy:
    content_type: str
    cache_control: str
    gzip: bool
    addressed: bool
    phase: int
    kind: str  # renditions, cards, search, pages, other (as the build's size line counts them)


def policy(path: str, compress: bool = True) -> Policy:
    """`path`: relative to the site's root, with forward slashes."""
    dot = path.rfind(".")
    extension = path[dot:].lower() if dot > path.rfind("/") else ""
    content_type = TYPES.get(extension) or mimetypes.guess_type(path)[0] or "application/octet-stream"
    if path.endswith("rss.xml"):
        content_type = "application/rss+xml"
    addressed = extension != ".html" and bool(ADDRESSED.search(path))
    gzip = compress and extension in COMPRESSED
    if extension == ".html":
        phase, cache = PAGES, SHORT
    elif path == SEARCH_MANIFEST:
        phase, cache = MANIFEST, SHORT
    elif extension == ".xml":
        phase, cache = FEEDS, SHORT
    else:
        phase = ASSETS
        cache = IMMUTABLE if addressed else SHORT if path.startswith(SEARCH) or extension in {".json", ".csv",
                                                                                                ".txt"} else ASSET
    return Policy(content_type, cache, gzip, addressed, phase, kind_of(path))


def kind_of(path: str) -> str:
    if path.endswith(".html"):
        return "pages"
    if path.startswith(RENDITIONS):
        return "renditions"
    if path.startswith(CARDS):
        return "cards"
    if path.startswith(SEARCH):
        return "search"
    return "other"
