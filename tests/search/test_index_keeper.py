"""serve's search index process (search/keeper.py): one process for the session, sent only the
records that changed, writing what build_index writes; a dead or failing process is said and
replaced."""
from __future__ import annotations

import dataclasses
import os
import random
import signal

import pytest

from lantoa.search import build_index
from lantoa.search.job import IndexJobFailed
from lantoa.search.keeper import IndexKeeper
from lantoa.search.later import LaterIndex

from test_standing_index import FACETS, make_doc, stamps, tree


@pytest.fixture
def docs():
    rng = random.Random(11)
    return [make_doc(rng, i) for i in range(80)]


@pytest.fixture
def keeper():
    kept = IndexKeeper()
    yield kept
    kept.close()


def same_as_build_index(docs, tmp_path, out):
    build_index(list(docs), FACETS, tmp_path / "fresh")
    assert tree(out) == tree(tmp_path / "fresh")


def test_updates_write_what_build_index_writes_and_a_save_only_what_changed(docs, keeper, tmp_path):
    out = tmp_path / "index"
    assert keeper.update(docs, FACETS, out).wait().documents == len(docs)
    same_as_build_index(docs, tmp_path, out)
    process = keeper._process
    before = stamps(out)
    docs[30] = dataclasses.replace(docs[30], title="Chị Lành giữ nghề dệt thổ cẩm")
    keeper.update(docs, FACETS, out).wait()
    assert keeper._process is process  # the same process, kept
    assert os.getpriority(os.PRIO_PROCESS, process.pid) > os.getpriority(os.PRIO_PROCESS, 0)  # gives way
    same_as_build_index(docs, tmp_path, out)
    written = [name for name, stamp in stamps(out).items() if before.get(name) != stamp]
    assert 0 < len(written) < len(before) / 4


def test_only_the_records_that_are_not_the_same_objects_are_sent(docs, keeper, tmp_path, monkeypatch):
    sent = []
    keeper.update(docs, FACETS, tmp_path / "index")
    monkeypatch.setattr(keeper._inbox, "put", lambda message: (sent.append(message), put(message)))
    put = type(keeper._inbox).put.__get__(keeper._inbox)
    docs = list(reversed(docs))  # the same records, elsewhere in the list
    docs[5] = dataclasses.replace(docs[5], summary="tóm tắt mới")
    keeper.update(docs, FACETS, tmp_path / "index").wait()
    (_, message, _, _), = sent
    assert [i for i, item in enumerate(message) if not isinstance(item, int)] == [5]
    assert message[0] == len(docs) - 1
    same_as_build_index(docs, tmp_path, tmp_path / "index")


def test_updates_sent_at_once_end_with_the_last(docs, keeper, tmp_path):
    out = tmp_path / "index"
    tickets = []
    for n in range(5):
        docs[n] = dataclasses.replace(docs[n], title=f"Lần sửa {n} của bài")
        tickets.append(keeper.update(docs, FACETS, out))
    tickets[-1].wait()
    assert all(t.done() for t in tickets)
    same_as_build_index(docs, tmp_path, out)


def test_a_process_that_dies_is_said_and_the_next_update_starts_another(docs, keeper, tmp_path):
    out = tmp_path / "index"
    keeper.update(docs, FACETS, out).wait()
    os.kill(keeper._process.pid, signal.SIGKILL)
    keeper._process.join()
    ticket = keeper.update(docs, FACETS, out)  # a new process
    ticket.wait()
    os.kill(keeper._process.pid, signal.SIGKILL)
    keeper._process.join()
    assert ticket.done()  # nothing to wait for: settle() then collects it
    docs[2] = dataclasses.replace(docs[2], title="Sau khi tiến trình chết")
    with pytest.raises(IndexJobFailed):
        ticket = keeper.update(docs, FACETS, out)  # a new process: it is sent every record
        os.kill(keeper._process.pid, signal.SIGKILL)
        keeper._process.join()
        ticket.wait()
    keeper.update(docs, FACETS, out).wait()
    same_as_build_index(docs, tmp_path, out)


def test_an_update_that_fails_is_said_and_the_next_makes_the_index_whole(docs, keeper, tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be")
    with pytest.raises(IndexJobFailed, match="could not be built"):
        keeper.update(docs, FACETS, blocked / "index").wait()
    out = tmp_path / "index"
    keeper.update(docs, FACETS, out).wait()
    same_as_build_index(docs, tmp_path, out)


def test_close_ends_the_process(docs, tmp_path):
    keeper = IndexKeeper()
    keeper.update(docs, FACETS, tmp_path / "index").wait()
    process = keeper._process
    keeper.close()
    assert not process.is_alive()
    keeper.close()  # twice: nothing


def test_later_index_hands_its_records_to_the_keeper(docs, keeper, tmp_path):
    later = LaterIndex(lambda: (docs, FACETS), tmp_path / "index", after=0.0, keeper=keeper)
    assert later.wait().documents == len(docs)
    later.cancel()  # made: the keeper's process stays for the next
    assert keeper._process.is_alive()
    same_as_build_index(docs, tmp_path, tmp_path / "index")


def test_a_held_keeper_waits_until_released(docs, keeper, tmp_path):
    """While the server rebuilds (partial.rebuild_changed holds it) the index is not made."""
    import time
    keeper.update(docs[:1], FACETS, tmp_path / "warm").wait()  # the process is up
    keeper.hold()
    ticket = keeper.update(docs, FACETS, tmp_path / "index")  # a whole index: it pauses at once
    time.sleep(1.0)
    assert not ticket.done()
    keeper.release()
    assert ticket.wait().documents == len(docs)
    same_as_build_index(docs, tmp_path, tmp_path / "index")


def test_a_release_timed_before_another_hold_does_not_end_it(docs, keeper, tmp_path):
    import time
    keeper.update(docs[:1], FACETS, tmp_path / "warm").wait()
    keeper.hold()
    keeper.release(after=0.2)
    keeper.hold()  # the next save, before the timer
    time.sleep(0.5)
    assert not keeper._may_run.is_set()
    keeper.release(after=0.2)
    assert not keeper._may_run.is_set()
    time.sleep(0.5)
    assert keeper._may_run.is_set()
