"""Shared fixtures: the example site built once, a loopback HTTP server, Chromium."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def mkdocs_build(project: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` on a project folder; returns the finished process."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f",
         str(project / "mkdocs.yml"), "-d", str(site_dir), *extra],
        capture_output=True, text=True, env=env, cwd=project,
    )


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The bundled example site, built strictly once per test session."""
    subprocess.run([sys.executable, str(ROOT / "scripts" / "example-photos")], check=True)
    site = tmp_path_factory.mktemp("example") / "site"
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


def serve(directory: Path):
    """Serve a folder on 127.0.0.1 (random port) in a thread; returns (base_url, server)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


@pytest.fixture(scope="session")
def example_url(example_site):
    base, server = serve(example_site)
    yield base
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. A missing browser fails: the test
    command installs it (scripts/install-test-tools)."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    assert Path(executable).exists(), "Chromium missing: run scripts/install-test-tools"
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN")
    tab = context.new_page()
    yield tab
    context.close()
