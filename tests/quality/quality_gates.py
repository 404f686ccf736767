"""Helpers of the quality gates (imported by the tests of this folder).

The gates run against the built example site (`example_site`, `example_url` from
tests/conftest.py). Node tools come from node_modules/ (scripts/install-test-tools).
"""
from __future__ import annotations

import functools
import gzip
import hashlib
import http.server
import io
import os
import re
import shutil
import subprocess
import threading
from pathlib import Path

from support import engine

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PAGINATION = re.compile(r"^(trang-\d+|page)$")


def node_tool(relative: str) -> Path:
    """A file of an npm test tool; a missing one fails with the fix."""
    path = NODE_MODULES / relative
    assert path.exists(), f"{path} missing: run scripts/install-test-tools"
    return path


def mkdocs_command(project: Path, site_dir: Path, *, strict: bool = True) -> list[str]:
    return engine("build", *(["--strict"] if strict else []), "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir))


def build_env(**extra: str) -> dict[str, str]:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", **extra)


def build(project: Path, site_dir: Path, *, strict: bool = True, **env: str) -> subprocess.CompletedProcess:
    """`mkdocs build [--strict]` of a project folder into site_dir."""
    return subprocess.run(mkdocs_command(project, site_dir, strict=strict), capture_output=True,
                          text=True, env=build_env(**env), cwd=project)


def file_hashes(site: Path) -> dict[str, str]:
    """Relative path → sha256 of every file under site."""
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def page_urls(site: Path) -> list[str]:
    """Site-relative URLs ("/", "/phong-trao/x/") of every directory page of the built site."""
    return sorted("/" + "".join(part + "/" for part in p.parent.relative_to(site).parts)
                  for p in site.rglob("index.html"))


def pick_page(site: Path, section: str, *, deepest: bool = False) -> str:
    """One page below a section ("/phong-trao/"), skipping listing pages (pagination).

    Item pages of campaigns and places sit one level below their section
    (the shallowest); stories sit below a year (the deepest)."""
    candidates = [url for url in page_urls(site)
                  if url.startswith(section) and url != section
                  and not any(PAGINATION.match(part) for part in url[len(section):].split("/") if part)]
    assert candidates, f"the built site has no page under {section}: that page kind is missing"
    depth = [url.count("/") for url in candidates]
    wanted = max(depth) if deepest else min(depth)
    return next(url for url, d in zip(candidates, depth) if d == wanted)


def section_page(site: Path, url: str) -> str:
    """A fixed page of the site ("/tim-kiem/"); fails clearly when the build lacks it."""
    assert (site / url.strip("/") / "index.html").is_file(), f"the built site has no page {url}"
    return url


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".webmanifest"}


class _CompressingHandler(_QuietHandler):
    """Serves text gzip-compressed, as every production static host does (Lighthouse
    measures transferred bytes; an uncompressed test server would measure the server)."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # redirects to the URL with a slash
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


def serve(directory: Path, *, compress: bool = False):
    """Serve a folder on 127.0.0.1 (random port) in a thread; returns (base_url, server)."""
    handler_class = _CompressingHandler if compress else _QuietHandler
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server
