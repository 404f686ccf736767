"""The English list of the phone tests finds the toolchain's words and not Vietnamese (no browser)."""
from __future__ import annotations

import pytest
from test_phone_pages import ENGLISH_PATTERN


@pytest.mark.parametrize("text, english", [
    ("Made with Material for MkDocs", True), ("GitHub", True), ("404 - Not found", True),
    ("Back to top", True), ("Table of contents", True), ("Search", True),
    ("Lên đầu trang", False), ("Tìm kiếm", False), ("Chị Mai bán hàng qua livestream trên Facebook và Zalo", False),
    ("tháng 12 (2)", False), ("Cá nhân · xã Hữu Liên", False),
])
def test_the_english_list_tells_english_from_vietnamese(text, english):
    assert bool(ENGLISH_PATTERN.search(text)) is english
