"""The search index built in a process of its own, beside the page rendering.

Page texts are sent as MkDocs renders the pages (a queue: sending never waits for the index
process), a batch at a time, and tokenised there meanwhile; `start_build()` sends the documents, `wait()` returns when
the index files are written. Same files as `build_index` in-process.
"""
from __future__ import annotations

import dataclasses
import gc
import multiprocessing
from pathlib import Path

from lantoa import lifeline
from lantoa.search.index import TextCounts, build_index
from lantoa.search.model import Facets, IndexStats, SearchDoc
from lantoa.search.page_text import page_text

POLL_SECONDS = 0.5
BATCH_TEXTS = 64  # texts per message: each message wakes both processes


class IndexJobFailed(RuntimeError):
    pass


class IndexJob:
    def __init__(self) -> None:
        # forkserver, not fork: `mkdocs serve` runs threads, and forking them can deadlock.
        context = multiprocessing.get_context("forkserver")
        self._inbox = context.Queue()
        self._outcome, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_work, args=(self._inbox, sender), daemon=True,
                                        name="lantoa-search-index")
        self._process.start()
        sender.close()
        self._batch: list[tuple[str, str, bool]] = []

    def add_text(self, url: str, text: str) -> None:
        """The plain text of the page at `url`, the body of its SearchDoc."""
        self._add(url, text, False)

    def add_html(self, url: str, html: str) -> None:
        """The page at `url` as HTML: its `page_text()`, taken in the index process, is the body."""
        self._add(url, html, True)

    def _add(self, url: str, content: str, is_html: bool) -> None:
        self._batch.append((url, content, is_html))
        if len(self._batch) >= BATCH_TEXTS:
            self._send_batch()

    def start_build(self, docs: list[SearchDoc], facets: Facets, out_dir: Path) -> None:
        """Documents whose body is empty take the text sent for their url."""
        self._send_batch()
        self._inbox.put((docs, facets, str(out_dir)))

    def _send_batch(self) -> None:
        if self._batch:
            self._inbox.put(self._batch)
            self._batch = []

    def done(self) -> bool:
        """Whether the index is written (or its writing failed): wait() then returns at once."""
        return self._outcome.poll(0)

    def wait(self) -> IndexStats:
        while not self._outcome.poll(POLL_SECONDS):
            if not self._process.is_alive():
                self.cancel()
                raise IndexJobFailed(f"the search index process stopped (exit code {self._process.exitcode})")
        outcome = self._outcome.recv()
        self._process.join()
        if isinstance(outcome, BaseException):
            raise IndexJobFailed(f"the search index could not be built: {outcome!r}") from outcome
        return outcome

    def cancel(self) -> None:
        # Texts not sent yet are dropped: otherwise the queue's feeder thread waits at exit, forever.
        self._inbox.cancel_join_thread()
        self._inbox.close()
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()


def _work(inbox, outcome) -> None:
    lifeline.watch()  # ends with the build that started it (a killed build)
    gc.disable()  # one index, then the process ends: its objects die with it (GC took 1 s at 10,000)
    counts, texts = TextCounts(), {}
    while True:
        message = inbox.get()
        if isinstance(message, list):
            for url, content, is_html in message:
                texts[url] = text = page_text(content) if is_html else content
                counts[text]  # tokenised now, while the pages render
            continue
        docs, facets, out_dir = message
        try:
            docs = [d if d.body else dataclasses.replace(d, body=texts.get(d.url, "")) for d in docs]
            outcome.send(build_index(docs, facets, Path(out_dir), counts))
        except Exception as error:  # reported to the build, which fails with it
            outcome.send(error)
        return
