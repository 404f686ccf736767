"""Photos placed in an item's body: `![chú thích](anh-1.jpg)`, `<img src="anh-1.jpg">`, or a link
`[xem ảnh](anh-1.jpg)` to a photo beside index.md (what the web editor's image button writes).

The site never publishes a photo file as it was shot (its EXIF can hold the GPS position): only the
renditions of the photos listed in `photos:`. So at load (`mark`) every such reference in the body
becomes `lantoa-photo:<name>`, which MkDocs leaves as it is (a URL with a scheme: no "file not
found" warning in English) and the sanitiser keeps; the item's template then puts the photo there
(`place`): an image that is a paragraph of its own as the photo list's figure (caption, credit,
lightbox; not shown again after the text), one inside a sentence, a link or emphasis as its
responsive picture alone, a link as the address of its largest rendition. A
reference to a file not in `photos:` (LT044), missing (LT045) or outside the folder (LT041) is a
diagnostic, and `place` leaves it out of the page: no broken image in the preview.
"""
from __future__ import annotations

import dataclasses
import html
import re
from typing import Callable
from urllib.parse import quote, unquote

from . import body_refs
from .diagnostics import define
from .draft import PHOTO_EXTENSIONS

define("LT044", "error", "Ảnh trong bài chưa khai báo",
       "Nội dung bài chèn ảnh «{value}» nhưng ảnh chưa có trong danh sách photos, nên không được đăng",
       "thêm ảnh vào photos ở phần đầu bài, có chú thích: «- file: {value}» rồi «caption: …»")
define("LT045", "error", "Ảnh trong bài không có",
       "Nội dung bài chèn ảnh «{value}» nhưng không thấy tệp ấy trong thư mục của bài{maybe}",
       "sửa tên cho khớp một ảnh trong photos, hoặc chép ảnh vào cạnh index.md rồi thêm nó vào photos, "
       "có chú thích")

SCHEME = "lantoa-photo:"


@dataclasses.dataclass(frozen=True)
class Reference:
    start: int  # the target's span in the body (with its <…> if it has them)
    end: int
    name: str  # the file it names, as written after percent-decoding, without "./", query or fragment
    figure: bool = False  # an image that is a paragraph of its own: its figure, caption and credit there


@dataclasses.dataclass(frozen=True)
class Marked:
    body: str
    placed: tuple[str, ...]  # listed photos the body shows as figures, in order, once each
    problems: tuple[tuple[int, str, str], ...]  # (offset in the body, code, file name)


def mark(body: str, listed: set[str], where: Callable[[str], str]) -> Marked:
    """Every photo reference of `body` made a `lantoa-photo:` URL. `where(name)`: "outside" the
    folder, "present" in it or "missing", for a name not in `listed` (the `photos:` file names)."""
    placed, problems, pieces, at = {}, [], [], 0
    for reference in references(body):
        name = reference.name
        if name in listed:
            if reference.figure:
                placed.setdefault(name)
        else:
            verdict = where(name)
            code = {"outside": "LT041", "present": "LT044"}.get(verdict, "LT045")
            problems.append((reference.start, code, name))
        pieces += [body[at:reference.start], SCHEME + quote(name, safe="/")]
        at = reference.end
    if not pieces:
        return Marked(body, (), ())
    return Marked("".join(pieces) + body[at:], tuple(placed), tuple(problems))


def references(body: str) -> list[Reference]:
    """The photo references of a Markdown body, in order: images (Markdown or HTML) with a relative
    URL, and links or link definitions whose relative URL ends like a photo. Code is not looked at."""
    found = []
    for target in body_refs.targets(body):
        name = local_name(target.url)
        if name is not None and (target.image or name.lower().endswith(PHOTO_EXTENSIONS)):
            found.append(Reference(target.start, target.end, name, target.image and body_refs.alone(body, target)))
    return found


def local_name(url: str) -> str | None:
    """The file a relative URL names; None for an absolute one, a page's own anchor or nothing."""
    url = html.unescape(url.strip())
    if not url or url.startswith(("/", "\\", "#")) or body_refs.ABSOLUTE.match(url):
        return None
    path = unquote(re.split(r"[?#]", url, maxsplit=1)[0])
    while path.startswith("./"):
        path = path[2:]
    return path or None


# --- In the page: the marked references in the body's HTML (sanitised: double-quoted attributes) ---

_MARKED_IMG = re.compile(r'<img\b[^>]*?\ssrc="' + re.escape(SCHEME) + r'([^"]*)"[^>]*>')
_MARKED_LINK = re.compile(r'<a\b[^>]*?\shref="' + re.escape(SCHEME) + r'([^"]*)"[^>]*>(.*?)</a>', re.S)
_ALONE = re.compile(r'<p\b[^>]*>\s*(<img\b[^>]*?\ssrc="' + re.escape(SCHEME) + r'[^"]*"[^>]*>)\s*</p>')
_ALT = re.compile(r'\salt="([^"]*)"')


def place(body_html: str, picture: Callable[[str, str, bool], str | None], link: Callable[[str], str | None]) -> str:
    """The body's HTML with each marked image that is a paragraph of its own made
    `picture(name, alt, False)` in the paragraph's place (a figure: caption and credit), any other
    `picture(name, alt, True)` where it is (the picture alone: a figure may not be inside a
    sentence, a link or emphasis), and each marked link's address `link(name)`; where either gives
    None (not a published photo), the image is left out and the link's text kept."""
    if SCHEME not in body_html:
        return body_html
    body_html = _MARKED_LINK.sub(lambda m: _linked(m, link), body_html)
    body_html = _ALONE.sub(lambda m: _pictured(_MARKED_IMG.match(m[1]), picture, False), body_html)
    return _MARKED_IMG.sub(lambda m: _pictured(m, picture, True), body_html)


def figures_in(body_html: str) -> set[str]:
    """The names of the photos `place` makes figures of in this HTML (images alone in a paragraph)."""
    if SCHEME not in body_html:
        return set()
    return {unquote(_MARKED_IMG.match(m[1])[1]) for m in _ALONE.finditer(body_html)}


def _pictured(match: re.Match, picture: Callable[[str, str, bool], str | None], inline: bool) -> str:
    alt = _ALT.search(match[0])
    return picture(unquote(match[1]), html.unescape(alt[1]) if alt else "", inline) or ""


def _linked(match: re.Match, link: Callable[[str], str | None]) -> str:
    url = link(unquote(match[1]))
    if url is None:
        return match[2]
    return match[0].replace(f'href="{SCHEME}{match[1]}"', f'href="{html.escape(url)}"', 1)
