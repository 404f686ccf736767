"""The folders of a new site made by a process of its own while the build does the rest; and an
old site's deleted by one nobody waits for.

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
import subprocess
import sys
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
    try:
        for folder in folders:
            os.makedirs(os.path.join(root, folder), exist_ok=True)
    except OSError:  # a full disk, say: the build makes that folder itself and says why
        return
    except KeyboardInterrupt:  # Ctrl+C reaches the whole group: the build says it
        return


def delete_in_background(folder: os.PathLike) -> None:
    """rm -r in a process of its own, at the lowest CPU (and so disk) priority, that nobody waits
    for; started by a small process forked from the build's forkserver (not waited for either),
    not by the build: a child of the build shares the build's memory until it runs Python anew,
    and whoever sums the processes' resident memory counts it twice then (scripts/bench once saw
    a warm build at 10,000 stories peak at 682 MB for 445). Where the forkserver cannot start it,
    this process starts the deleter."""
    try:
        multiprocessing.get_context("forkserver").Process(target=_start_deleting, args=(os.fspath(folder),),
                                                          name="lantoa-delete").start()
    except (OSError, ValueError, RuntimeError):
        _start_deleting(os.fspath(folder))


def _start_deleting(folder: str) -> None:
    """Left where it is if this fails: the next build's swap deletes what an earlier one left."""
    script = "import os, shutil, sys; os.nice(19); shutil.rmtree(sys.argv[1], ignore_errors=True)"
    try:
        subprocess.Popen([sys.executable, "-c", script, folder], start_new_session=True,
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        pass
