"""Links in an item's body to pages of this site, checked against the site plan: a link to a story,
news item or campaign that is not published (a draft, a date to come) is LT047, a link to no page
LT046, each on its line, with the address to write instead when a published item has the same
folder name.

MkDocs checks only links written as Markdown files (`../chi-mai/index.md`), in English, with no
line; staff paste a page's address too (`/cau-chuyen/2024/chi-mai/`, `https://<site>/cau-chuyen/…`,
`../chi-mai/`), which nothing checked: a story renamed, deleted or put back to draft left dead
links on the pages that named it. Files (photos, attachments, feeds) are not pages: not checked here.
"""
from __future__ import annotations

import dataclasses
import functools
import html
import posixpath
import re
from pathlib import Path
from typing import Callable
from urllib.parse import unquote

from . import body_photos, body_refs
from .diagnostics import Diagnostic, define, make
from .draft import PHOTO_EXTENSIONS

define("LT046", "warning", "Liên kết tới trang không có",
       "Nội dung bài có liên kết «{value}» tới trang không có trên trang web",
       "sửa liên kết cho khớp địa chỉ một trang đang có, hoặc bỏ liên kết{maybe}")
define("LT048", "warning", "Liên kết tới tệp không được đăng",
       "Nội dung bài có liên kết tới tệp «{value}», nhưng tệp ấy không được đưa lên trang: người đọc bấm vào sẽ "
       "gặp trang không có", "{hint}")
define("LT047", "warning", "Liên kết tới bài chưa đăng",
       "Nội dung bài có liên kết «{value}» tới {what} chưa được đăng ({why}): người đọc bấm vào sẽ gặp trang "
       "không có", "đăng {what} đó trước (bỏ «draft: true», hoặc sửa lỗi của nó), hoặc bỏ liên kết cho tới khi "
       "nó được đăng")

@dataclasses.dataclass(frozen=True)
class Linked:
    """An item page, as links find it: published, or held back and why."""
    title: str
    what: str  # "bài", "tin", "phong trào"
    why: str | None = None  # None: published


@dataclasses.dataclass(frozen=True)
class Site:
    pages: frozenset[str]  # the URL of every planned page and hand-written page ("" is the home page)
    item_pages: Callable[[], dict[str, Linked]]  # item pages, published or not, by URL: asked for on a miss
    own: tuple[str, ...] = ()  # the site's own address, as links may begin ("https://x.vn/base/")
    root: str = "/"  # the site's path on its host

    @functools.cached_property
    def items(self) -> dict[str, Linked]:
        return self.item_pages()


def site_addresses(site_url: str | None) -> tuple[tuple[str, ...], str]:
    """`Site.own` and `Site.root` from mkdocs.yml's `site_url`."""
    if not site_url or "://" not in site_url:
        return (), "/"
    rest = site_url.split("://", 1)[1].rstrip("/") + "/"
    host, _, path = rest.partition("/")
    return (f"https://{rest}", f"http://{rest}", f"//{rest}"), "/" + path


def document_urls(docs_dir: Path) -> tuple[str, ...]:
    """The URLs of the hand-written pages in docs/ (MkDocs' own pages; links may name them), sorted."""
    if not docs_dir.is_dir():
        return ()
    return tuple(sorted({_as_page(path.relative_to(docs_dir).as_posix()) for path in docs_dir.rglob("*.md")}))


def page_url(url: str, src_uri: str, site: Site) -> str | None:
    """The site-relative URL of the page a link in the page `src_uri` goes to; None for what is no
    page of this site (another site, an e-mail, a file, an anchor on the same page)."""
    url = html.unescape(url.strip())
    own = next((prefix for prefix in site.own if url.startswith(prefix)), None)
    if own is not None:
        url = site.root + url[len(own):]
    elif not url or url.startswith("#") or body_refs.ABSOLUTE.match(url):
        return None
    path = unquote(re.split(r"[?#]", url, maxsplit=1)[0])
    if path.startswith("/"):
        found = path[len(site.root):] if path.startswith(site.root) else \
            "" if path == site.root.rstrip("/") else ".." + path
    else:
        found = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path)) + ("/" if path.endswith("/") else "")
        found = "" if found in (".", "./") else found
    return _as_page(found)


def _as_page(path: str) -> str | None:
    """A path in the site as the URL of its page: `a/index.md`, `a/b.md`, `a/index.html`, `a` → `a/`,
    `a/b/`; a file's path (`anh/x.jpg`, `rss.xml`) → None."""
    head, _, last = path.rpartition("/")
    folder = head + "/" if head else ""
    if last in ("", "index.md", "index.html", "README.md"):  # MkDocs: a folder's README.md is its index
        return folder
    if last.endswith(".md"):
        return f"{folder}{last[:-3]}/"
    return None if "." in last else f"{path}/"


def problems(item, src_uri: str, site: Site) -> list[tuple[str, Diagnostic | None]]:
    """(URL as written, LT046 or LT047; None for a page that is there) for the links of one
    published item's body (its page is `src_uri`) to pages of this site; LT048 for a link to a
    file beside index.md that is not published (a campaign's attachments are)."""
    found, body = [], item.body.text
    for target in body_refs.targets(body):
        url = None if target.image else page_url(target.url, src_uri, site)
        if url is None:
            name = None if target.image else _unpublished_file(item, target.url)
            if name is not None:
                line = item.body_line + body.count("\n", 0, target.start) if item.body_line else None
                found.append((target.url, make("LT048", item.source, line, value=name, hint=_HINT[
                    hasattr(item, "attachments")].format(value=name))))
            continue
        if url in site.pages:
            found.append((target.url, None))
            continue
        line = item.body_line + body.count("\n", 0, target.start) if item.body_line else None
        linked = site.items.get(url)
        if linked is not None and linked.why is not None:
            found.append((target.url, make("LT047", item.source, line, value=target.url, what=linked.what,
                                           why=linked.why)))
        else:
            found.append((target.url, make("LT046", item.source, line, value=target.url,
                                           maybe=_maybe(url, src_uri, site))))
    return found


_HINT = {True: "thêm tệp vào «attachments» ở phần đầu bài: «- file: {value}» rồi «title: …»",
         False: "câu chuyện và tin không đăng tệp: đưa tệp vào «attachments» của phong trào, liên kết tới "
                "trang phong trào, hoặc bỏ liên kết"}


def _unpublished_file(item, url: str) -> str | None:
    """The file beside index.md a link names, when it is no photo (`body_photos` places those) and
    not among the item's published attachments."""
    name = body_photos.local_name(url)
    if not name or "/" in name or "." not in name.strip(".") or name.lower().endswith(PHOTO_EXTENSIONS):
        return None
    return None if name in {a.file for a in getattr(item, "attachments", ())} else name


def _maybe(url: str, src_uri: str, site: Site) -> str:
    """The published item with the same folder name, as a Markdown link from this page."""
    name = url.rstrip("/").rsplit("/", 1)[-1]
    same = sorted(u for u, linked in site.items.items()
                  if linked.why is None and u.rstrip("/").rsplit("/", 1)[-1] == name)
    if same:
        relative = posixpath.relpath(same[0] + "index.md", posixpath.dirname(src_uri))
        return f"; có phải «{site.items[same[0]].title}»? Ghi «{relative}»"
    return ""
