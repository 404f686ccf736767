"""An installable site that keeps what a reader opened: the web app manifest, the service worker
and its Vietnamese offline page, and robots.txt, as bytes for `build.finish()` to write.

The worker's code is `worker/service-worker.js` (network first for pages and files
whose name stays, cache first for content-addressed ones, never `admin/`); this module gives
it its settings and a version that changes with what the build published, so a deploy
replaces the worker without readers being kept on an old site.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Iterable

import markupsafe

from .icons import IconSet

__all__ = ["MANIFEST", "WORKER", "OFFLINE_PAGE", "manifest_bytes", "worker_bytes", "offline_page_bytes",
           "robots_bytes", "short_name", "ROBOTS_META"]

MANIFEST = "manifest.webmanifest"
WORKER = "sw.js"
OFFLINE_PAGE = "ngoai-tuyen.html"
ROBOTS = "robots.txt"
ROBOTS_META = "max-image-preview:large"  # public pages: Google Discover shows large images only with it
_WORKER_SOURCE = Path(__file__).parent / "worker" / "service-worker.js"
# Content-addressed folders (a file there never changes): served from the cache first.
ADDRESSED = ("anh/", "anh-bia/", "the-chia-se/", "bieu-tuong/")
KEEP_PAGES, KEEP_FILES = 60, 400  # what a reader keeps at most; the oldest go first


def short_name(site_name: str) -> str:
    """The part of the site's name before its dash ("Lan tỏa gương sáng — Hội …" → "Lan tỏa gương sáng")."""
    for dash in (" — ", " – ", " - ", " | "):
        if dash in site_name:
            return site_name.split(dash)[0].strip()
    return site_name.strip()


def manifest_bytes(site_name: str, description: str, icons: IconSet, colour: str) -> bytes:
    data: dict[str, Any] = {
        "name": site_name, "short_name": short_name(site_name), "description": description or site_name,
        "lang": "vi", "dir": "ltr", "start_url": "./", "scope": "./", "id": "./", "display": "standalone",
        "theme_color": colour, "background_color": "#ffffff", "icons": icons.manifest_icons,
        "categories": ["news"],
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode() + b"\n"


def worker_bytes(published: Iterable[Any]) -> bytes:
    """The service worker; `published`: plain values that change with the site (its version)."""
    source = _WORKER_SOURCE.read_text(encoding="utf-8")
    version = hashlib.sha256(json.dumps([source, *published], default=str, ensure_ascii=False)
                             .encode()).hexdigest()[:16]
    config = {"version": version, "offline": OFFLINE_PAGE, "addressed": list(ADDRESSED),
              "pages": KEEP_PAGES, "files": KEEP_FILES}
    return source.replace("/*CONFIG*/{}", json.dumps(config, ensure_ascii=False), 1).encode()


def offline_page_bytes(site_name: str, union_name: str, colour: str, home: str = "/") -> bytes:
    """A page that needs nothing but itself (its style inline): shown for a page not kept, at that
    page's address (so its one link is absolute: `home`, the site's root path)."""
    e = markupsafe.escape
    html = f"""<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>Không có kết nối - {e(site_name)}</title>
<style>
body{{margin:0;font:1.05rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;background:#fff}}
header{{background:{e(colour)};color:#fff;padding:.8rem 1rem;font-weight:700}}
main{{max-width:36rem;margin:0 auto;padding:1rem}}
h1{{font-size:1.4rem;line-height:1.3}}
a{{color:{e(colour)}}}
</style>
</head>
<body>
<header>{e(site_name)}</header>
<main>
<h1>Không có kết nối mạng</h1>
<p>Máy của bạn đang mất sóng hoặc mất kết nối, và trang này chưa được lưu lại để đọc khi không có mạng.</p>
<p>Những bài bạn đã mở trước đây vẫn đọc được: quay lại trang trước, hoặc mở lại bài từ lịch sử của trình duyệt.
Khi có sóng trở lại, hãy <a href="">tải lại trang</a>.</p>
<p><a href="{e(home)}">Về trang chủ</a></p>
</main>
<footer><p style="text-align:center;font-size:.85rem;color:#555">{e(union_name)}</p></footer>
</body>
</html>
"""
    return html.encode()


def robots_bytes(site_url: str, sitemap_url: str, hidden: Iterable[str]) -> bytes:
    """robots.txt: every crawler welcome but in `hidden` (site-relative folders), and the sitemap."""
    from urllib.parse import urlsplit
    root = urlsplit(site_url).path or "/"
    root = root if root.endswith("/") else root + "/"
    lines = ["# Lan Tỏa: the editor and the problems page are not for search engines.", "User-agent: *"]
    lines += [f"Disallow: {root}{path}" for path in hidden]
    lines += ["Allow: /", "", f"Sitemap: {sitemap_url}", ""]
    return "\n".join(lines).encode()
