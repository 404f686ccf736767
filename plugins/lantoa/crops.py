"""The cover of a story, news item or campaign in the three shapes search engines show
(16:9, 4:3, 1:1) at 1200 px wide, for the page's structured data.

Drawn like the cards (`cards.photo.photo_panel`: upright, sRGB, portrait photos keep the band
where faces are), JPEG without any metadata, named by a digest of the photo (its renditions'
content-addressed names) and the shape: a changed photo gets new URLs, an unchanged one is never
drawn again. Drawn in a niced process pool while pages render, collected by `finish()`, like
the cards (`cards.job`).
"""
from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path
from typing import Hashable, Mapping

from .cards.job import _link_or_copy, _write_atomically
from .cards.photo import photo_panel
from .shared import SharedChunks, chunked

__all__ = ["SIZES", "CropJob", "crop_names", "URL_PREFIX"]

VERSION = "1"  # bump when the drawing or the encoding changes: every crop gets a new URL
SIZES = ((1200, 675), (1200, 900), (1200, 1200))  # 16:9, 4:3, 1:1
URL_PREFIX = "anh-bia"
QUALITY = 80
POOL_MINIMUM = 4  # fewer missing photos are drawn by `finish()` alone
CHUNK = 4


def crop_names(photo_id: str) -> list[str]:
    digest = hashlib.sha256(f"{VERSION}|{photo_id}".encode()).hexdigest()[:20]
    return [f"{digest}-{w}x{h}.jpg" for w, h in SIZES]


def draw(path: Path, names: list[str], cache_dir: Path) -> None:
    """The three crops of the photo at `path` into `cache_dir`; nothing when it cannot be read."""
    for name, size in zip(names, SIZES):
        target = Path(cache_dir) / name
        if target.exists():
            continue
        panel = photo_panel(Path(path), size)
        if panel is None:
            return
        out = io.BytesIO()
        panel.save(out, "JPEG", quality=QUALITY, progressive=True, optimize=True)
        _write_atomically(target, out.getvalue())


def _draw_chunk(chunk, cache_dir: Path) -> None:
    for path, names in chunk:
        draw(path, names, cache_dir)


class CropJob:
    """`photos`: key (a page's URL) → (source path, photo identity)."""

    def __init__(self, photos: Mapping[Hashable, tuple[Path, str]], cache_dir: Path, out_dir: Path,
                 workers: int | None = None):
        self.cache_dir, self.out_dir = Path(cache_dir), Path(out_dir)
        self.names = {key: crop_names(photo_id) for key, (_, photo_id) in photos.items()}
        missing = {}
        for key, (path, _) in photos.items():
            names = self.names[key]
            if not all((self.cache_dir / n).exists() for n in names):
                missing.setdefault(names[0], (path, names))
        self.chunks = chunked(list(missing.values()), CHUNK)
        workers = workers or max(1, (os.cpu_count() or 2) - 1)
        self.shared = SharedChunks(_draw_chunk, self.chunks, (self.cache_dir,), workers, 10) \
            if len(missing) >= POOL_MINIMUM else None

    def urls(self, key: Hashable) -> list[tuple[str, int, int]]:
        """(site-relative URL, width, height) of each crop of the page's cover (known at once)."""
        return [(f"{URL_PREFIX}/{name}", w, h) for name, (w, h) in zip(self.names.get(key, ()), SIZES)]

    def cancel(self) -> None:
        if self.shared:
            self.shared.close()

    def finish(self) -> list[Path]:
        """Draw what no worker has begun, link every crop into the site; the files in place.
        A photo Pillow cannot read has no crops (the photo checks report it)."""
        try:
            for number, chunk in enumerate(self.chunks):
                if self.shared:
                    self.shared.result(number)
                else:
                    _draw_chunk(chunk, self.cache_dir)
        finally:
            if self.shared:
                self.shared.close()
        placed = []
        for names in self.names.values():
            for name in names:
                source, target = self.cache_dir / name, self.out_dir / name
                if source.exists():
                    if not target.exists():
                        target.parent.mkdir(parents=True, exist_ok=True)
                        _link_or_copy(source, target)
                    placed.append(target)
        return placed
