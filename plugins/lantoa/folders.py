"""The folders of a new site made by a process of its own, while the build does the rest.

A warm `mkdocs build` at 10,000 stories links 12,300 pages from the previous site into the new
one (`engine.previous_site`), each in a folder of its own (`…/<story>/index.html`); making those
folders one by one cost the build's process ~0.8 s of system calls. `FolderMaker` makes them in a
worker forked from the build's forkserver, on the core the build leaves idle while it links the
pages; the build makes any folder the worker has not reached yet itself (`mkdir` is idempotent
with `exist_ok`), so nothing waits for the worker but the swap (`join`).
"""
from __future__ import annotations

import multiprocessing
import os
from typing import Iterable

from . import lifeline


class FolderMaker:
    def __init__(self, root: str, folders: Iterable[str]):
        """Start making the `folders` (relative to `root`, which exists), parents first."""
        ordered = sorted(set(folders) - {""})
        self.process = None
        if ordered:
            context = multiprocessing.get_context("forkserver")  # `mkdocs serve` runs threads
            self.process = context.Process(target=make, args=(root, ordered), daemon=True, name="lantoa-folders")
            self.process.start()

    def join(self) -> None:
        """Wait until the worker is done (before the new site is swapped in or discarded)."""
        if self.process is not None:
            self.process.join()
            self.process = None


def make(root: str, folders: list[str]) -> None:
    lifeline.watch()
    for folder in folders:
        try:
            os.makedirs(os.path.join(root, folder), exist_ok=True)
        except OSError:  # a full disk, say: the build makes that folder itself and says why
            return
