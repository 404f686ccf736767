"""Shared fixtures: the example site built once, a loopback HTTP server, Chromium."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import CHROMIUM_ARGS, ROOT, mkdocs_build, serve  # noqa: F401 (re-exported)

sys.path.insert(0, str(ROOT / "scripts"))  # benchkit: its generated corpora and project copies serve the tests too


def pytest_configure(config):
    """Draw the example's photos once, before any test (or xdist worker) reads stories/: tests
    that build the example in place or copy it would otherwise find them missing on a fresh clone."""
    if not hasattr(config, "workerinput"):
        subprocess.run([sys.executable, str(ROOT / "scripts" / "example-photos")], check=True,
                       stdout=subprocess.DEVNULL)


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The bundled example site, built strictly once per test session."""
    subprocess.run([sys.executable, str(ROOT / "scripts" / "example-photos")], check=True)
    site = tmp_path_factory.mktemp("example") / "site"
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def phone_site(example_site, tmp_path_factory) -> Path:
    """The example with one story's three photos at the size phones make (scripts/benchkit/_phone.py),
    built once per session (after the example, whose photo cache it copies): the phone tests
    (tests/phone/) and the Lighthouse gate read it."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from benchkit._phone import make_phone_project

    project = make_phone_project(tmp_path_factory.mktemp("phone") / "project")
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


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
