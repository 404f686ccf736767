"""The search index built in a process of its own, beside the page rendering.

Page texts are sent as MkDocs renders the pages (a queue: sending never waits for the index
process), a batch at a time, and tokenised there meanwhile; `start_build()` sends the documents, `wait()` returns when
the index files are written. Same files as `build_index` in-process.

What was sent is digested as it goes: when the build that wrote the previous site sent the very
same (`reuse`, from `engine.previous_site`), its index is put in place instead, and the process
is stopped (a warm build at 10,000 stories waited 2.9 s for the index at its end).
"""
from __future__ import annotations

import gc
import hashlib
import io
import multiprocessing
import pickle
import zlib
from pathlib import Path
from typing import Callable

from lantoa import lifeline
from lantoa.search.counts import TextCounts
from lantoa.search.index import FORMAT, build_index
from lantoa.search.model import Facets, IndexStats, SearchDoc
from lantoa.search.page_text import page_text
from lantoa.text import from_utf8, to_utf8

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
        self._sent = hashlib.blake2b(digest_size=20)
        self.reused = False

    def add_text(self, url: str, text: str) -> None:
        """The plain text of the page at `url`, the body of its SearchDoc."""
        self._add(url, text, False)

    def add_html(self, url: str, html: str) -> None:
        """The page at `url` as HTML: its `page_text()`, taken in the index process, is the body."""
        self._add(url, html, True)

    def _add(self, url: str, content: str, is_html: bool) -> None:
        encoded = to_utf8(content)  # not the str: the page keeps its HTML while it renders (text.to_utf8)
        self._sent.update(f"{url}\0{is_html:d}\0{len(content)}\0".encode() + encoded + b"\0")
        self._batch.append((url, encoded, is_html))
        if len(self._batch) >= BATCH_TEXTS:
            self._send_batch()

    def start_build(self, docs: list[SearchDoc], facets: Facets, out_dir: Path,
                    reuse: Callable[[bytes, Path], bool] | None = None) -> None:
        """Documents whose body is empty take the text sent for their url. `reuse(digest, out_dir)`
        puts an index made from inputs of that digest into out_dir and says True, or says False."""
        self._send_batch()
        if reuse is not None and reuse(inputs_digest(self._sent.digest(), docs, facets), out_dir):
            self.cancel()
            self.reused = True
            return
        self._inbox.put((docs, facets, str(out_dir)))

    def _send_batch(self) -> None:
        if self._batch:
            self._inbox.put(self._batch)
            self._batch = []

    def done(self) -> bool:
        """Whether the index is written (or its writing failed): wait() then returns at once."""
        return self.reused or self._outcome.poll(0)

    def wait(self) -> IndexStats | None:
        """The index's figures once it is written (None: the previous one was put in place)."""
        if self.reused:
            return None
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


def inputs_digest(texts: bytes, docs: list[SearchDoc], facets: Facets) -> bytes:
    """The texts sent, the documents and the facets (pickled without a memo: by value only)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    pickler.dump((FORMAT, docs, facets))
    return hashlib.blake2b(texts + buffer.getvalue(), digest_size=20).digest()


def _work(inbox, outcome) -> None:
    lifeline.watch()  # ends with the build that started it (a killed build)
    gc.disable()  # one index, then the process ends: its objects die with it (GC took 1 s at 10,000)
    counts, texts = TextCounts(), _Packed()
    while True:
        message = inbox.get()
        if isinstance(message, list):
            for url, encoded, is_html in message:
                text = page_text(from_utf8(encoded)) if is_html else from_utf8(encoded)
                counts[text]  # tokenised now, while the pages render
                texts[url] = zlib.compress(to_utf8(text) if is_html else encoded, 1)
            continue
        docs, facets, out_dir = message
        try:
            outcome.send(build_index(docs, facets, Path(out_dir), counts, keep_counts=False, bodies=texts))
        except Exception as error:  # reported to the build, which fails with it
            outcome.send(error)
        return


class _Packed(dict):
    """url → a page's text as UTF-8, compressed (zlib, fastest level), until its record is written:
    the bench's 10,000 stories' texts are 33 MB, compressed 13 MB (0.5 s of CPU, while the pages
    render; 0.16 s for each of the two reads)."""

    def get(self, url: str, default: bytes = b"") -> bytes:
        packed = super().get(url)
        return default if packed is None else zlib.decompress(packed)
