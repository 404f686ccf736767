"""sitemap.xml from content dates (MkDocs' own stamps every page with the build date).

Deterministic: URLs sorted, one <url> per address (the latest date wins), lastmod
from the content, and the .xml.gz copy written with a zero gzip timestamp.
"""
from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path
from xml.sax.saxutils import escape

__all__ = ["write_sitemap", "sitemap_bytes", "MAX_URLS"]

MAX_URLS = 50_000  # the sitemap protocol's limit for one file


def write_sitemap(
    entries: list[tuple[str, dt.date | None]], out_path: Path, compressed: bool = True,
) -> list[Path]:
    """Write `out_path` (and `out_path`.gz, which MkDocs also writes, unless
    `compressed` is False); returns the paths written."""
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    data = sitemap_bytes(entries)
    out_path.write_bytes(data)
    written = [out_path]
    if compressed:
        zipped = out_path.with_name(out_path.name + ".gz")
        zipped.write_bytes(gzip.compress(data, mtime=0))
        written.append(zipped)
    return written


def sitemap_bytes(entries: list[tuple[str, dt.date | None]]) -> bytes:
    latest: dict[str, dt.date | None] = {}
    for url, when in entries:
        day = when.date() if isinstance(when, dt.datetime) else when
        known = latest.get(url)
        latest[url] = max(filter(None, (known, day)), default=None)
    if len(latest) > MAX_URLS:
        raise ValueError(f"{len(latest)} URLs: a sitemap file holds at most {MAX_URLS}")
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url in sorted(latest):
        lastmod = f"<lastmod>{latest[url].isoformat()}</lastmod>" if latest[url] else ""
        lines.append(f"  <url><loc>{escape(url)}</loc>{lastmod}</url>")
    lines.append("</urlset>\n")
    return "\n".join(lines).encode("utf-8")
