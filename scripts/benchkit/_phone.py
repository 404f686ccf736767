"""The example site as a reader on a phone gets it (issue 20): the example project with one story's
three photos replaced by photos the size phones make, and a server that behaves like a host. Used by
`scripts/bench firstview` and by the phone and Lighthouse tests (tests/phone/, tests/quality/).

The example's photos are smooth drawings that compress to almost nothing; a story's first view and
Lighthouse's scores on it say little with them. `phone_photo` draws a 4000×3000 frame with what makes
real photos heavy (colour fields, mid and fine texture, shapes, sensor grain; 3–5 MB as a q92 JPEG),
seeded, so the bytes are the same on every run. `PHONE_STORY` gets three of them.

`PAGE_KINDS` and `page_of_kind` name one page of every kind of a built site (the story is
PHONE_STORY's). `serve_like_a_host` serves a built site gzip-compressed (as every static host does) and answers an
unknown address with the site's 404.html and status 404 (as GitHub Pages, GitLab Pages, Netlify and
Cloudflare Pages do), so the 404 page is tested where a reader meets it.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import io
import random
import re
import subprocess
import sys
import threading
from pathlib import Path

from bs4 import BeautifulSoup
from PIL import Image, ImageDraw, ImageFilter, ImageOps

from benchkit.copying import copy_project

ROOT = Path(__file__).resolve().parents[2]  # scripts/benchkit/ → the repository
PHONE_STORY = "people/2024/ly-thi-diu-xuong-det-dong-dang"
PHONE_STORY_URL = "/cau-chuyen/2024/ly-thi-diu-xuong-det-dong-dang/"
PHONE_SIZE = (4000, 3000)
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".webmanifest"}


def phone_photo(seed: int, size: tuple[int, int] = PHONE_SIZE) -> Image.Image:
    """Smooth colour fields, mid and fine texture, shapes and grain, at a phone's full size."""
    width, height = size
    rng = random.Random(seed)

    def channel() -> Image.Image:
        out = None
        for cells, weight in ((5, 1.0), (48, 0.55), (width // 6, 0.35)):
            small = Image.effect_noise((cells, max(2, cells * height // width)), 60 + rng.randrange(10))
            big = small.resize((width, height), Image.Resampling.BICUBIC)
            out = big if out is None else Image.blend(out, big, weight / (1 + weight))
        return ImageOps.autocontrast(out, cutoff=1)

    image = Image.merge("RGB", [channel() for _ in range(3)])
    draw = ImageDraw.Draw(image)
    for _ in range(30):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(width // 40, width // 6)
        shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
        shape((x - r, y - r // 2, x + r, y + r // 2), fill=tuple(rng.randrange(256) for _ in range(3)))
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    grain = Image.merge("RGB", [Image.effect_noise((width, height), 6)] * 3)
    return Image.blend(image, grain, 0.08)


def make_phone_project(target: Path) -> Path:
    """A copy of the example project (config, docs, stories, and its cache when there is one, so
    that the example's own photos are not made again) whose PHONE_STORY has phone-size photos."""
    subprocess.run([sys.executable, str(ROOT / "scripts" / "example-photos")], check=True, capture_output=True)
    copy_project(ROOT, target, with_cache=True)
    story = target / "stories" / PHONE_STORY
    for number in (1, 2, 3):
        photo = story / f"anh-{number}.jpg"
        photo.unlink(missing_ok=True)
        phone_photo(2020 + number).save(photo, "JPEG", quality=92)
    return target


class HostHandler(http.server.SimpleHTTPRequestHandler):
    """Text gzip-compressed when the browser accepts it; an unknown path gets 404.html, status 404."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the address with a slash
            path = path / "index.html"
        if not path.is_file():
            return self._answer(Path(self.directory) / "404.html", 404)
        if path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            return self._answer(path, 200)
        return super().send_head()

    def _answer(self, path: Path, status: int):
        body = path.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, mtime=0)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve_like_a_host(directory: Path):
    """Serve a built site on 127.0.0.1 (random port) in a thread; returns (base_url, server)."""
    handler = functools.partial(HostHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


# ---- one page of every kind, on a phone ----------------------------------------------------------
PHONE = dict(viewport={"width": 412, "height": 915}, device_scale_factor=2.6, is_mobile=True, has_touch=True,
             locale="vi-VN")  # Playwright context options: the phone most readers hold
SCREEN = 915
PAGINATION = re.compile(r"/trang-\d+/$")
PAGE_KINDS = ("home", "campaign", "place", "place-abolished", "story", "news", "archive", "archive-month", "tag",
              "statistics", "search", "404", "guide")


def _pages(site: Path, section: str, depth: int) -> list[str]:
    """Site URLs of the pages `depth` folders below a section ("phong-trao/"), pagination left out."""
    found = []
    for index in sorted((site / section).glob("/".join(["*"] * depth) + "/index.html")):
        url = "/" + index.parent.relative_to(site).as_posix() + "/"
        if not PAGINATION.search(url):
            found.append(url)
    return found


def _html(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url.strip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")


def place_pages(site: Path) -> tuple[list[str], list[str]]:
    """(current places, abolished places) that list at least one story."""
    current, abolished = [], []
    for url in _pages(site, "dia-ban", 1):
        page = _html(site, url)
        if page.select_one(".lt-stories .lt-card") is None:
            continue
        (abolished if page.select_one(".lt-history") else current).append(url)
    return current, abolished


def campaign_pages(site: Path) -> list[str]:
    return [url for url in _pages(site, "phong-trao", 1) if _html(site, url).select_one(".lt-stories .lt-card")]


def page_of_kind(site: Path, kind: str) -> str:
    """One site URL of a page kind (the query and fragment included for search)."""
    if kind == "home":
        return "/"
    if kind == "campaign":
        return campaign_pages(site)[0]
    if kind in ("place", "place-abolished"):
        current, abolished = place_pages(site)
        return (current if kind == "place" else abolished)[0]
    if kind == "story":
        return PHONE_STORY_URL
    if kind == "news":
        return _pages(site, "tin-tuc", 2)[0]
    if kind == "archive":
        return "/luu-tru/"
    if kind == "archive-month":
        return _pages(site, "luu-tru", 2)[0]
    if kind == "tag":
        return _pages(site, "the", 1)[0]
    if kind == "statistics":
        return "/thong-ke/"
    if kind == "search":
        return "/tim-kiem/?q=phu+nu"
    if kind == "404":
        return "/khong-co-trang-nay/"
    if kind == "guide":
        return "/huong-dan/"
    raise KeyError(kind)
