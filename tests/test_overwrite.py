"""Files written over in place (`lantoa.overwrite`): the same bytes as the plain way, on the same file."""
from __future__ import annotations

import os

import pytest

from lantoa.overwrite import write_over, write_page


@pytest.mark.parametrize("old, new", [(b"x" * 5000, b"short"), (b"short", b"y" * 5000), (b"same", b"SAME"),
                                      (b"something", b"")])
def test_writing_over_leaves_exactly_the_new_bytes_in_the_same_file(tmp_path, old, new):
    path = tmp_path / "page.html"
    path.write_bytes(old)
    inode = path.stat().st_ino
    write_over(path, new)
    assert path.read_bytes() == new
    assert path.stat().st_ino == inode  # written over, not replaced: its blocks stay


def test_a_missing_file_is_made(tmp_path):
    write_over(tmp_path / "new.json", b"{}")
    assert (tmp_path / "new.json").read_bytes() == b"{}"
    with pytest.raises(FileNotFoundError):
        write_over(tmp_path / "no-folder" / "new.json", b"{}")


def test_a_page_is_encoded_as_mkdocs_writes_it_and_its_folders_made(tmp_path):
    html = "<p>Lạng Sơn \ud800 & co</p>"  # a lone surrogate: MkDocs writes it as a character reference
    path = tmp_path / "cau-chuyen" / "2025" / "chi-lan" / "index.html"
    write_page(str(path), html)
    assert path.read_bytes() == html.encode("utf-8", errors="xmlcharrefreplace")
    write_page(str(path), "<p>ngắn</p>")
    assert path.read_bytes() == "<p>ngắn</p>".encode()
    assert os.listdir(path.parent) == ["index.html"]
