"""Items held back by an error keep their address: a page there shows why.

A story, news item or campaign with an error is left out of the site (and listed on the problems
page). Under `mkdocs serve` the writer usually has that very page open; without a page at its
address MkDocs would answer with Material's bare English "404 - Not found". Instead the address
the item has (or would have: from its folder, as `load.item_url` makes it) gets a "held" page
naming the file and each of its problems (code, line, message, fix), with a link to the problems
page; once the file is fixed the item's own page takes the address back, and live reload shows it.

The same page is made by a non-strict `mkdocs build` (a strict one fails on the error anyway): it
carries no field of the item, is `noindex`, and stays out of the sitemap, search, feeds and cards.
"""
from __future__ import annotations

from collections import defaultdict
from operator import attrgetter
from pathlib import PurePosixPath

from .. import text
from ..diagnostics import Diagnostic
from ..load import item_url
from .planner import Planner

ROLE = "held"
PROBLEMS_URL = "loi-noi-dung/"
PROBLEMS_SUMMARY = PROBLEMS_URL + "tom-tat.json"  # under serve: the banner's count and codes (diagnostics.summary)
_SECTIONS = {"people": "story", "news": "news"}
_KIND_LABEL = {"story": "Câu chuyện", "news": "Tin", "campaign": "Phong trào"}


def address_of(file: str) -> tuple[str, str] | None:
    """(kind, site-relative URL) of the item whose index.md is `file` (relative to the project),
    from its folder alone: `.../people/<year>/<slug>/index.md`, `.../news/<year>/<slug>/index.md`
    or `.../campaigns/<slug>/index.md`; None for any other file."""
    parts = PurePosixPath(file).parts
    if not parts or parts[-1] != "index.md":
        return None
    if len(parts) >= 4 and parts[-4] in _SECTIONS and parts[-3].isdigit() and len(parts[-3]) == 4:
        kind, slug, year = _SECTIONS[parts[-4]], text.slugify(parts[-2]), int(parts[-3])
    elif len(parts) >= 3 and parts[-3] == "campaigns":
        kind, slug, year = "campaign", text.slugify(parts[-2]), None
    else:
        return None
    return (kind, item_url(kind, slug, year)) if slug else None


def held_pages(p: Planner) -> None:
    """A page at the address of every item left out for its errors, unless a page is there or the
    item is a draft or dated later (it would have no page without its errors)."""
    held = {file: address for file in {d.file for d in p.corpus.diagnostics if d.is_error}
            if file not in p.corpus.unpublished_files and (address := address_of(file)) is not None}
    if not held:
        return
    by_file: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in p.corpus.diagnostics:
        if d.file in held:
            by_file[d.file].append(d)
    taken = set(map(attrgetter("url"), p.pages))  # 12,000 at 10,000 stories: made only when an item is held
    for file, found in sorted(by_file.items()):
        address = held[file]
        if address[1] in taken:
            continue
        kind, url = address
        taken.add(url)
        problems = sorted(found, key=lambda d: (not d.is_error, d.line or 0, d.code))
        p.add(url=url, role=ROLE, title="Bài viết đang có lỗi", template="lantoa/held.html",
              context=dict(file=file, kind_label=_KIND_LABEL[kind], problems=problems,
                           problems_url=PROBLEMS_URL))
