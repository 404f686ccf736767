"""`mkdocs serve`: the search index of a rebuild, started a moment after it, not at its end.

Sending a rebuild's records to the index process (`keeper.py`; an `IndexJob` without one) costs
the server's process some CPU (the records made, then pickled: at the session's first rebuild
all 12,000 at 10,000 stories) just when the open tab reloads and asks the server for the page
and its files. `LaterIndex` sends them AFTER_SECONDS later, in a timer thread; until the new index is written, a search in the
preview uses the previous one (as it did while an index was being made). Waiting for it (`wait`)
starts it at once. The documents are made in the timer too (`records`): at 10,000 stories they
took a save 0.03 s before the tab could reload.

Relies on: `records` reads only what the next rebuild does not change before it has called
`cancel` or `wait` (which wait for a start under way): `partial.settle` comes first in a rebuild.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable

from .job import IndexJob, IndexJobFailed
from .keeper import IndexKeeper, Ticket
from .model import Facets, IndexStats, SearchDoc

AFTER_SECONDS = 0.4


class LaterIndex:
    """An `IndexJob` for the documents `records()` gives, both started AFTER_SECONDS from now;
    `done`, `wait` and `cancel` as the job's. With a `keeper`, the documents go to its standing
    index instead (`keeper.py`), which a cancel leaves to finish."""

    def __init__(self, records: Callable[[], tuple[list[SearchDoc], Facets]], out_dir: Path,
                 after: float = AFTER_SECONDS, keeper: IndexKeeper | None = None):
        self._records, self._out_dir, self._keeper = records, out_dir, keeper
        self._lock = threading.Lock()
        self._job: IndexJob | Ticket | None = None
        self._failed: BaseException | None = None  # what starting it raised, for `wait`
        self._cancelled = False
        self._timer = threading.Timer(after, self._start)
        self._timer.daemon = True
        self._timer.start()

    def _start(self) -> None:
        with self._lock:
            if self._job is None and self._failed is None and not self._cancelled:
                try:
                    docs, facets = self._records()
                    if self._keeper is not None:
                        self._job = self._keeper.update(docs, facets, self._out_dir)
                    else:
                        self._job = IndexJob()
                        self._job.start_build(docs, facets, self._out_dir)
                except Exception as error:  # noqa: BLE001 - in the timer's thread: kept for `wait` to raise
                    self._failed = error

    @property
    def started(self) -> bool:
        return self._job is not None

    def done(self) -> bool:
        with self._lock:
            return self._failed is not None or (self._job is not None and self._job.done())

    def wait(self) -> IndexStats | None:
        """The index's figures once it is written (started now if it was not yet)."""
        self._timer.cancel()
        self._start()
        with self._lock:
            job, failed = self._job, self._failed
        if failed is not None:
            raise IndexJobFailed(f"the search index could not be started: {failed!r}") from failed
        return job.wait() if job is not None else None

    def cancel(self) -> None:
        self._timer.cancel()
        with self._lock:
            self._cancelled = True
            if self._job is not None:
                self._job.cancel()
