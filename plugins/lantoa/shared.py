"""Work shared between worker processes and this one.

The workers take chunks from the end of the list and this process takes them from the front, as
it needs them (`result(n)`, in order): a chunk no worker has begun when this process reaches it
is done here, so nothing waits for a worker that is busy elsewhere, and a worker that dies costs
only time. Workers are forked from the build's forkserver (`build.start_worker_server`).
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Callable, Sequence

from . import lifeline


class SharedChunks:
    def __init__(self, work: Callable, chunks: Sequence, args: tuple = (), workers: int | None = None,
                 niceness: int = 0):
        self.work, self.chunks, self.args = work, list(chunks), args
        self.by_workers = 0  # chunks the workers did
        # forkserver, not fork: `mkdocs serve` runs threads, and forking them can deadlock.
        self.pool = ProcessPoolExecutor(max_workers=workers or max(1, (os.cpu_count() or 2) - 1),
                                        mp_context=multiprocessing.get_context("forkserver"),
                                        initializer=lifeline.watch, initargs=(os.getpid(), niceness))
        self.futures = {number: self.pool.submit(work, chunks[number], *args)
                        for number in reversed(range(len(chunks)))}

    def result(self, number: int) -> Any:
        """What `work` gives for chunk `number`; ask once per chunk (the chunk is let go then)."""
        chunk, self.chunks[number] = self.chunks[number], None
        future = self.futures.pop(number, None)
        if future is not None and not future.cancel():
            try:
                done = future.result()
                self.by_workers += 1
                return done
            except Exception:  # a worker that died, arguments that do not pickle: done here
                pass
        return self.work(chunk, *self.args)

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


def chunked(items: Sequence, size: int) -> list[tuple]:
    return [tuple(items[start:start + size]) for start in range(0, len(items), size)]
