"""serve's search index starts a moment after the rebuild (search/later.py), or at once when
waited for, and a rebuild that comes first cancels it before it starts."""
from __future__ import annotations

import time

from lantoa.search import build_index
from lantoa.search.later import LaterIndex

from search_harness import DOCS, FACETS


def RECORDS():
    return DOCS, FACETS


def tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_it_starts_after_the_delay_and_writes_the_index_build_index_writes(tmp_path):
    build_index(DOCS, FACETS, tmp_path / "here")
    later = LaterIndex(RECORDS, tmp_path / "there", after=0.3)
    assert not later.started and not later.done()
    time.sleep(1.0)
    assert later.started  # on its own, without anyone waiting
    assert later.wait().documents == len(DOCS)
    assert later.done() and tree(tmp_path / "there") == tree(tmp_path / "here")


def test_its_records_are_made_when_it_starts_not_when_it_is_set(tmp_path):
    """A rebuild under serve hands over how to make the records: the 10,000 of a big site are made
    in the timer's thread, after the tab has reloaded (partial.index_later)."""
    asked = []

    def records():
        asked.append(time.perf_counter())
        return DOCS, FACETS
    set_at = time.perf_counter()
    later = LaterIndex(records, tmp_path / "there", after=0.3)
    assert asked == []
    assert later.wait().documents == len(DOCS) and len(asked) == 1
    cancelled = LaterIndex(records, tmp_path / "elsewhere", after=0.1)
    cancelled.cancel()
    time.sleep(0.3)
    assert len(asked) == 1 and set_at <= asked[0]


def test_records_that_fail_are_said_when_waited_for(tmp_path):
    import pytest
    from lantoa.search.job import IndexJobFailed

    def records():
        raise KeyError("a page without its text")
    later = LaterIndex(records, tmp_path / "there", after=0.0)
    time.sleep(0.3)
    assert later.done() and not later.started
    with pytest.raises(IndexJobFailed, match="a page without its text"):
        later.wait()
    assert not (tmp_path / "there").exists()


def test_waiting_starts_it_at_once(tmp_path):
    later = LaterIndex(RECORDS, tmp_path / "there", after=60)
    started = time.perf_counter()
    assert later.wait().documents == len(DOCS)
    assert time.perf_counter() - started < 30


def test_cancelled_before_it_starts_it_never_does(tmp_path):
    later = LaterIndex(RECORDS, tmp_path / "there", after=0.2)
    later.cancel()
    time.sleep(0.6)
    assert not later.started and not (tmp_path / "there").exists()


def test_cancelled_while_it_runs(tmp_path):
    later = LaterIndex(RECORDS, tmp_path / "there", after=0.0)
    time.sleep(0.3)
    later.cancel()
    assert later.started and not later._job._process.is_alive()


def test_a_start_that_fails_is_said_when_waited_for(tmp_path, monkeypatch):
    """Started in a timer's thread, its failure would otherwise go unseen (no index, no word)."""
    import pytest
    from lantoa.search import later
    from lantoa.search.job import IndexJobFailed

    def broken():
        raise OSError("no process for you")
    monkeypatch.setattr(later, "IndexJob", broken)
    job = LaterIndex(RECORDS, tmp_path / "there", after=0.0)
    time.sleep(0.3)
    assert job.done()  # settle() then waits, and logs what wait() raises
    with pytest.raises(IndexJobFailed, match="no process for you"):
        job.wait()
