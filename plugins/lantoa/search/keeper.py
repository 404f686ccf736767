"""`mkdocs serve`: one process keeps the standing search index (`standing.py`) for the session.

Under serve every rebuild used to start an index process of its own and send it every document:
at 10,000 stories 40 MB pickled by a thread of the server, then 9–13 s of CPU building the whole
index, on one of the two cores, while the writer saved again. `IndexKeeper` starts one process
at the first rebuild and keeps it: each rebuild sends only the records that are not the very
objects sent last (the others go as their place in the last list: a number), and the process
patches its standing index, writing only the files that changed (a title edit at 10,000 stories:
about 0.1 s). Updates sent while one is being made are taken together: the process makes the
last one only. While the server rebuilds, and a moment after, while the tab reloads (`hold` … `release`), the process waits, at its next
pause (`standing.PAUSE_EVERY`): a session's first index, made whole (10–13 s of CPU at 10,000
stories), ran beside the first saves' rebuilds, and at 10,000 stories slowed them by a third
(scripts/bench serve: 0.38 s to every page with it, 0.25 s once it was made), niced or not: the
two share the processor's cache.

Relies on: search.records reuses a page's SearchDoc while its inputs are the same (KeptDocs),
so that "the very object" means "unchanged"; a record sent again by value costs time, not
correctness (the process compares it with the one it has).
"""
from __future__ import annotations

import dataclasses
import multiprocessing
import queue
import threading
from pathlib import Path

from lantoa import lifeline
from lantoa.search.job import IndexJobFailed
from lantoa.search.model import Facets, IndexStats, SearchDoc
from lantoa.search.standing import StandingIndex

POLL_SECONDS = 0.5
NICENESS = 10  # below the server and the browser: a session's first index takes 10 s at 10,000 stories


class IndexKeeper:
    """The standing index's process, started by the first `update`; `close()` ends it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process = None
        self._inbox = self._outcomes = None
        self._places: dict[int, int] = {}  # id() of each record sent last → its place in that list
        self._sent: list[SearchDoc] = []  # what the ids are of (kept alive: an id is not reused)
        self._asked = self._answered = 0  # the last update sent, and the last the process made
        self._outcome: IndexStats | BaseException | None = None
        self._may_run = None  # an Event the process waits for at its pauses (`hold`)
        self._held, self._holds = threading.Lock(), 0

    def update(self, docs: list[SearchDoc], facets: Facets, out_dir: Path) -> Ticket:
        """Send the documents of a rebuild; the index is written in the background."""
        with self._lock:
            if self._process is None or not self._process.is_alive():
                self._drop()
                self._start()
            places = self._places
            message = [places.get(id(doc), doc) for doc in docs]
            self._places = {id(doc): place for place, doc in enumerate(docs)}
            self._sent = list(docs)
            self._asked += 1
            self._inbox.put((self._asked, message, facets, str(out_dir)))
            return Ticket(self, self._asked)

    def _start(self) -> None:
        # forkserver, not fork: `mkdocs serve` runs threads, and forking them can deadlock.
        context = multiprocessing.get_context("forkserver")
        self._inbox = context.Queue()
        self._outcomes, sender = context.Pipe(duplex=False)
        self._may_run = context.Event()
        self._may_run.set()
        self._process = context.Process(target=_keep, args=(self._inbox, sender, self._may_run), daemon=True,
                                        name="lantoa-search-standing")
        self._process.start()
        sender.close()
        self._places, self._sent = {}, []  # a new process knows no list yet: every record goes

    def hold(self) -> None:
        """The server rebuilds: the process waits at its next pause, until `release`."""
        with self._held:
            self._holds += 1  # a release timed before this hold no longer does anything
            if self._may_run is not None:
                self._may_run.clear()

    def release(self, after: float = 0.0) -> None:
        """The process may go on, now or `after` seconds from now (the tab reloads meanwhile)."""
        with self._held:
            holds = self._holds
        if after > 0:
            timer = threading.Timer(after, self._release, args=(holds,))
            timer.daemon = True
            timer.start()
        else:
            self._release(holds)

    def _release(self, holds: int) -> None:
        with self._held:
            if holds == self._holds and self._may_run is not None:
                self._may_run.set()

    def done(self, asked: int) -> bool:
        with self._lock:
            self._collect(0)
            return self._answered >= asked or self._process is None or not self._process.is_alive()

    def wait(self, asked: int) -> IndexStats:
        """The figures of the index made from that update's documents (or a later update's)."""
        with self._lock:
            while self._answered < asked:
                if self._process is None or not self._process.is_alive():
                    self._drop()
                    raise IndexJobFailed("the search index process stopped")
                self._collect(POLL_SECONDS)
            if isinstance(self._outcome, BaseException):
                raise IndexJobFailed(f"the search index could not be built: {self._outcome!r}") from self._outcome
            return self._outcome

    def _collect(self, timeout: float) -> None:
        try:
            while self._outcomes is not None and self._outcomes.poll(timeout):
                self._answered, self._outcome = self._outcomes.recv()
                timeout = 0
        except (EOFError, OSError):  # the process is gone (`wait` says so)
            return

    def close(self) -> None:
        with self._lock:
            self._drop()

    def _drop(self) -> None:
        """The process ends, and its inbox: what was not sent yet is dropped, not waited for (the
        queue's feeder thread would wait for ever, at exit, to send it to a process that is gone)."""
        if self._inbox is not None:
            self._inbox.cancel_join_thread()
            self._inbox.close()
        if self._process is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join()
        if self._outcomes is not None:
            self._outcomes.close()
        self._process = self._inbox = self._outcomes = None


@dataclasses.dataclass
class Ticket:
    """One update: `done`, `wait` and `cancel` as an `IndexJob`'s."""
    keeper: IndexKeeper
    asked: int

    def done(self) -> bool:
        return self.keeper.done(self.asked)

    def wait(self) -> IndexStats:
        return self.keeper.wait(self.asked)

    def cancel(self) -> None:
        """Nothing: the process makes it or a later update, and keeps what it made for the next."""


def _keep(inbox, outcomes, may_run) -> None:
    lifeline.watch(niceness=NICENESS)  # ends with the server that started it (held or not); gives way to it
    index, last = StandingIndex(pause=may_run.wait), []
    while True:
        messages = [inbox.get()]
        while True:
            try:
                messages.append(inbox.get_nowait())
            except queue.Empty:
                break
        for asked, message, facets, out_dir in messages:
            last = [last[item] if type(item) is int else item for item in message]
        try:
            outcome = index.update(last, facets, Path(out_dir))
        except Exception as error:  # noqa: BLE001 - reported to the server, which logs it
            outcome, index = error, StandingIndex(pause=may_run.wait)  # what it holds is not known: made whole next
        outcomes.send((asked, outcome))
