"""Markdown bodies as HTML are sanitised before they reach a page: front matter and bodies
written by staff cannot inject scripts (nh3, an allowlist of tags, attributes and URL schemes)."""
from __future__ import annotations

import nh3

from . import body_photos

_ALLOWED_TAGS = nh3.ALLOWED_TAGS | {"figure", "figcaption", "picture", "source", "mark", "details", "summary",
                                     "span", "div", "sup", "sub", "table", "thead", "tbody", "tr", "th", "td"}
_ALLOWED_ATTRIBUTES = {"*": {"id", "class", "title", "lang"}, "a": {"href"}, "img": {"src", "alt", "width", "height",
                       "loading", "decoding"}, "source": {"srcset", "type", "sizes"}, "th": {"align"},
                       "td": {"align"}}
# and the body's photos, marked at load (`body_photos`): the item's template puts them in.
_SCHEMES = {"http", "https", "mailto", "tel", body_photos.SCHEME.rstrip(":")}
SANITIZER = repr((sorted(_ALLOWED_TAGS), sorted((k, sorted(v)) for k, v in _ALLOWED_ATTRIBUTES.items()),
                  sorted(_SCHEMES)))  # what sanitize() keeps: the body cache keeps sanitised HTML by it


def sanitize(html: str) -> str:
    """Keep the Markdown body's structure, drop scripts, event handlers and javascript: URLs."""
    return nh3.clean(html, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES, link_rel=None, url_schemes=_SCHEMES)
