"""Writing a file over its old bytes, in place, rather than emptying it first (acceleration).

`open(path, "wb")` (and `Path.write_bytes`, and MkDocs' `write_file`) truncates the file to
nothing before writing. Where the kernel has already written the old bytes to disk, truncating
frees their blocks and the new bytes are allocated others; on ext4 that is a journal transaction,
and while the disk is busy (the first build under `mkdocs serve` leaves 1.3 GB to write back at
10,000 stories) the truncation waits for the journal. `write_over` writes from the first byte
and then cuts the file at the new length: the blocks stay where they are.

Measured (in process, the bench's title edit at 10,000 stories, saves alternating the two ways,
the disk busy with other builds): the ten pages a save writes took 4-33 ms truncated (either ~4
or ~30: a wait for the journal's commit) and 0.6-1.0 ms written over; at 1,000 stories 27-37 ms
and 0.7 ms. Idle, a 30 KB page 0.2-0.5 ms truncated, 0.01 ms written over. `mkdocs build` writes
into a new folder, where there is nothing to write over: MkDocs' own `write_file` stays what
writes its pages.

Relies on: nothing reading the file while it is written expects it whole (a reader can meet the
new bytes followed by the old tail, as with truncation it can meet an empty file); and, as with
truncation, a file hard-linked elsewhere is changed there too (write over only files the site
owns).
"""
from __future__ import annotations

import os
from pathlib import Path

_FLAGS = os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0)  # no O_TRUNC


def write_over(path: str | Path, data: bytes) -> None:
    """`path`'s content becomes `data` (the file is made if missing; its folder must exist)."""
    fd = os.open(path, _FLAGS, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.ftruncate(fd, len(data))
    finally:
        os.close(fd)


def write_page(path: str, html: str, errors: str = "xmlcharrefreplace") -> None:
    """A page's HTML as MkDocs writes it (UTF-8; characters it cannot encode as references, for a
    page from Markdown; a template's page raises), its folders made where missing."""
    data = html.encode("utf-8", errors=errors)
    try:
        write_over(path, data)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        write_over(path, data)
