"""A reader on a phone (issue 20): Chromium at 412×915, DPR 2.6, touch, in Vietnamese, on the example
site with one story's photos at phone size (`phone_site`, tests/conftest.py), served as a host serves
it (gzip, 404.html for unknown addresses)."""
from __future__ import annotations

import pytest
from phone_pages import PHONE

from benchkit._phone import serve_like_a_host


@pytest.fixture(scope="session")
def phone_url(phone_site):
    base, server = serve_like_a_host(phone_site)
    yield base
    server.shutdown()


@pytest.fixture
def phone(browser):
    """A fresh phone (its own cache: every page is a first view)."""
    context = browser.new_context(**PHONE)
    tab = context.new_page()
    yield tab
    context.close()
