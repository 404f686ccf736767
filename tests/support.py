"""Helpers shared by tests in several folders (import as `support`, never `conftest`)."""
from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The engine the whole-build tests run: mkdocs (.venv), or properdocs (.venv-properdocs: scripts/test
# runs the whole-build tests there too, with LANTOA_ENGINE=properdocs).
ENGINE = os.environ.get("LANTOA_ENGINE", "mkdocs")
if ENGINE == "properdocs":  # as its command line does: every `mkdocs.*` import is ProperDocs' own
    import properdocs.replacement  # noqa: F401
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def sends_on(html: str) -> bool:
    """A folder's page that only sends the browser on (planning/sections.py): no page to look at."""
    return 'http-equiv="refresh"' in html


def engine(*arguments: str) -> list[str]:
    """The command line of the engine under test: `engine("build", "--strict")`."""
    return [sys.executable, "-m", ENGINE, *arguments]


def mkdocs_build(project: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` (or ProperDocs') on a project folder; returns the finished process.
    Not `-q`: MkDocs' quiet mode drops warnings before its strict count sees them, so a build with an
    LT warning passed (found by the fuzzing helper; the whole suite passes without it)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        engine("build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir), *extra),
        capture_output=True, text=True, env=env, cwd=project,
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


def serve(directory: Path):
    """Serve a folder on 127.0.0.1 (random port) in a thread; returns (base_url, server)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server
