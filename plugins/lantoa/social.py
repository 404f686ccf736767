"""What a shared link previews with: Open Graph and Twitter meta data, as plain data.

`lantoa/partials/social-meta.html` renders a `SocialMeta`; this module makes
the values (a plain-text description from the sapo, absolute URLs) and checks
the settings previews depend on.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from functools import lru_cache
from typing import Literal
from urllib.parse import quote, urlsplit

from lantoa.diagnostics import Diagnostic, define, make
from lantoa.text import nfc

__all__ = [
    "SocialImage", "FeedLink", "SocialMeta", "describe", "absolute", "check_site_url",
    "check_zalo_oa_id", "LOCALE", "TWITTER_CARD",
]

LOCALE = "vi_VN"
TWITTER_CARD = "summary_large_image"

define(
    "LT131", "error", "Thiếu site_url",
    "Chưa khai báo `site_url` trong mkdocs.yml: ảnh và nội dung xem trước khi chia sẻ lên "
    "Facebook, Zalo cần địa chỉ đầy đủ của trang.",
    "Thêm dòng `site_url: https://ten-mien.vn/` (địa chỉ trang được đăng) vào mkdocs.yml.",
)
define(
    "LT132", "error", "site_url không hợp lệ",
    "`site_url` phải là địa chỉ đầy đủ bắt đầu bằng https:// hoặc http://, hiện là \"{value}\".",
    "Viết địa chỉ đầy đủ, ví dụ `site_url: https://phunu.example.gov.vn/`.",
)
define(
    "LT133", "error", "Mã Zalo OA không hợp lệ",
    "Mã Zalo Official Account (`zalo_oa_id`) chỉ gồm chữ số, hiện là \"{value}\"; "
    "nút chia sẻ Zalo sẽ không hiện.",
    "Chép mã số OA (chỉ gồm chữ số) từ oa.zalo.me, ví dụ `zalo_oa_id: \"579745863508352884\"`, "
    "hoặc xóa dòng này.",
)
define(
    "LT134", "warning", "Thiếu sapo",
    "Bài chưa có sapo (`summary`): khi chia sẻ lên Facebook, Zalo sẽ không có đoạn mô tả.",
    "Thêm trường `summary:` vào phần khai báo: một, hai câu khiến người đọc muốn mở bài.",
)


@dataclasses.dataclass(frozen=True)
class SocialImage:
    url: str  # absolute
    width: int
    height: int
    alt: str
    type: str = "image/jpeg"


@dataclasses.dataclass(frozen=True)
class FeedLink:
    """A feed announced with <link rel="alternate"> (autodiscovery)."""
    title: str
    url: str  # absolute
    type: str = "application/rss+xml"


@dataclasses.dataclass(frozen=True)
class SocialMeta:
    title: str
    description: str  # plain text, ≤ ~200 characters: use `describe`
    url: str  # absolute; also the canonical URL
    site_name: str
    type: Literal["article", "website"] = "website"
    image: SocialImage | None = None
    published_time: dt.date | dt.datetime | None = None  # articles only
    modified_time: dt.date | dt.datetime | None = None
    section: str | None = None  # articles: the campaign
    tags: tuple[str, ...] = ()
    locale: str = LOCALE
    twitter_card: str = TWITTER_CARD
    feeds: tuple[FeedLink, ...] = ()

    @property
    def canonical(self) -> str:
        return self.url

    @property
    def facebook_share(self) -> str:
        """Facebook's sharer link for this page (a plain link: no script, no tracking)."""
        return "https://www.facebook.com/sharer/sharer.php?u=" + quote(self.url, safe="")

    @property
    def published_iso(self) -> str:
        return self.published_time.isoformat() if self.published_time else ""

    @property
    def modified_iso(self) -> str:
        return self.modified_time.isoformat() if self.modified_time else ""


# ---------------------------------------------------------------- description

_RULES = [
    (re.compile(r"<!--.*?-->", re.S), " "),
    (re.compile(r"```.*?```|~~~.*?~~~", re.S), " "),  # fenced code
    (re.compile(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]"), " "),  # images
    (re.compile(r"^\[\^[^\]]+\]:.*$", re.M), " "),  # footnote definitions
    (re.compile(r"\[\^[^\]]*\]"), ""),  # footnote references
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # inline links
    (re.compile(r"\[([^\]]*)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$", re.M), " "),  # link definitions
    (re.compile(r"<(https?://[^>]+)>"), r"\1"),  # autolinks
    (re.compile(r"\{[:#.][^}]*\}"), ""),  # attribute lists {: .class }
    (re.compile(r"^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)", re.M), ""),  # block markers
    (re.compile(r"^\s*([-*_]\s*){3,}$", re.M), " "),  # rules
    (re.compile(r"(\*\*|__|~~|==|\^\^)(.+?)\1"), r"\2"),  # strong, strike, mark, insert
    (re.compile(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])"), r"\2"),  # emphasis
    (re.compile(r"`([^`]*)`"), r"\1"),  # inline code
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])"), r"\1"),  # escapes
]
_TRAILING = ",;:–—-([{\"'“‘&/"
# Every rule above needs one of these (or a line starting with a digit, "-" or spaces): most
# sapos are plain sentences and skip the sixteen passes.
_MARKUP = re.compile(r"[<`~\[{#>*+_=^\\]|^\s*[-\d]|\n\s", re.M)


@lru_cache(maxsize=256)  # each page asks twice: for its meta description and for og:description
def describe(summary_markdown: str, limit: int = 200) -> str:
    """The sapo as plain text for `og:description`: Markdown syntax removed (HTML kept as text),
    whitespace collapsed, and if longer than `limit`, cut at a word boundary with "…"."""
    text = nfc(summary_markdown or "")
    if _MARKUP.search(text):
        for pattern, replacement in _RULES:
            text = pattern.sub(replacement, text)
    # HTML in a sapo is text like any other: kept as written, escaped once when printed.
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]  # the "…" takes the last place
    if not text[limit - 1].isspace() and " " in cut:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip().rstrip(_TRAILING).rstrip() + "…"


# ---------------------------------------------------------------- URLs

@lru_cache(maxsize=1 << 16)  # every page's address, again on each save under serve
def absolute(site_url: str, path: str) -> str:
    """`path` (site-relative, like a page or card URL) as an absolute URL under `site_url`.

    absolute("https://hoi.vn/phunu/", "nguoi-tot/2024/chi-hang/") →
    "https://hoi.vn/phunu/nguoi-tot/2024/chi-hang/". A leading "/" still means the
    site's root (site_url may carry a sub-path). Absolute URLs pass through.
    """
    if "http" in path.lower() and urlsplit(path).scheme in ("http", "https"):  # urlsplit: 10 µs, 20,000 URLs a save
        return path
    base = site_url if site_url.endswith("/") else site_url + "/"
    return base + quote(path.lstrip("/"), safe="/:@!$&'()*+,;=%?#~-._")


def check_site_url(site_url: str | None, file: str = "mkdocs.yml") -> list[Diagnostic]:
    """LT131 when site_url is missing, LT132 when it is not an absolute http(s) URL."""
    if not site_url or not site_url.strip():
        return [make("LT131", file)]
    parts = urlsplit(site_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return [make("LT132", file, value=site_url)]
    return []


def check_zalo_oa_id(value: object, file: str = "mkdocs.yml") -> list[Diagnostic]:
    """LT133 when a Zalo OA id is set but is not a string of digits; None/"" is fine."""
    if value is None or value == "":
        return []
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and value.strip().isdigit() and value.strip().isascii():
        return []
    return [make("LT133", file, value=value)]
