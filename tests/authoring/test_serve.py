"""While `mkdocs serve` runs, a change under stories/ is rebuilt and served, and a broken
story is listed on /loi-noi-dung/. Waits are bounded and generous; nothing is timed."""
from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from support import engine

WAIT = 90  # seconds: a generous bound for a rebuild on a loaded machine


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(url: str, predicate, server) -> str:
    deadline = time.monotonic() + WAIT
    body = ""
    while time.monotonic() < deadline:
        assert server.poll() is None, "mkdocs serve stopped: " + server.log.read_text(errors="replace")[-2000:]
        body = fetch(url)
        if predicate(body):
            return body
        time.sleep(0.5)
    raise AssertionError(f"{url} did not change within {WAIT} s; last body starts: {body[:300]!r}")


@pytest.fixture
def served(project, tmp_path):
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    log = tmp_path / "serve.log"
    with open(log, "w") as sink:  # a file, not a pipe: a full pipe would block the server
        server = subprocess.Popen(engine("serve", "-a", f"127.0.0.1:{port}", "--livereload"), cwd=project, env=env, stdout=sink, stderr=subprocess.STDOUT)
    server.log = log
    try:
        # The site's address has a path (/thu/): serve mounts the site under it.
        yield project, f"http://127.0.0.1:{port}/thu/", server
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def test_edit_is_served_and_a_broken_story_is_listed(served):
    project, base, server = served
    page = base + "cau-chuyen/2024/chi-an/"
    wait_for(page, lambda body: "Câu chuyện về Lê Thị An" in body, server)

    index = project / "stories/people/2024/chi-an/index.md"
    source = index.read_text(encoding="utf-8")
    index.write_text(source.replace("title: Câu chuyện về Lê Thị An", "title: Chị An và vườn quế mới"),
                     encoding="utf-8")
    wait_for(page, lambda body: "Chị An và vườn quế mới" in body, server)
    wait_for(base, lambda body: "Chị An và vườn quế mới" in body, server)  # the home page lists it
    assert "(partial rebuild:" in server.log.read_text(errors="replace"), \
        "a save of one story should be rebuilt by engine/partial.py, not by a full build"

    broken = project / "stories/people/2024/chi-dao/index.md"
    broken.write_text(broken.read_text(encoding="utf-8").replace("subject_kind:", "subject_kinds:"),
                      encoding="utf-8")
    problems = wait_for(base + "loi-noi-dung/", lambda body: "stories/people/2024/chi-dao/index.md" in body, server)
    assert "LT006" in problems
