"""Under `mkdocs serve`, a save starts a rebuild as soon as the system reports it (inotify);
a slow poll still sees what inotify misses, but does not ask again for what it reported, and
looks only once the writer has paused (it would slow the rebuild of a save)."""
from __future__ import annotations

import os
import threading
import time

from mkdocs.livereload import LiveReloadServer

from lantoa.engine import watch
from lantoa.engine.watch import SETTLE_SECONDS, SafetyPoll, Saves, notice_saves_at_once


def _asked(server, seconds: float) -> bool:
    """Whether a rebuild is asked for within `seconds`; the request is taken as MkDocs' build loop
    takes it: once the events stop coming for `build_delay` (one save is several events)."""
    with server._rebuild_cond:
        asked = server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=seconds)
        while asked and server._rebuild_cond.wait(timeout=server.build_delay):
            pass
        server._want_rebuild = False
        return asked


def _taken(saves: Saves, expected: set[str], seconds: float = 10) -> set[str] | None:
    """What the watcher reported, taken as rebuilds take it until it holds `expected` (or
    `seconds` passed): a move can be reported a moment after the event before it (watchdog pairs
    a move's two inotify events), and then a later rebuild takes it."""
    got: set[str] = set()
    deadline = time.monotonic() + seconds
    while not expected <= got and time.monotonic() < deadline:
        taken = saves.take()
        if taken is None:
            return None
        got |= taken
        time.sleep(0.02)
    return got


def test_a_save_is_one_rebuild_and_polling_still_sees_what_inotify_misses(tmp_path, monkeypatch):
    monkeypatch.setattr(watch, "SAFETY_POLL_SECONDS", 1.0)
    monkeypatch.setattr(watch, "QUIET_SECONDS", 2.0)
    stories = tmp_path / "stories"
    story = stories / "people/2024/chi-an/index.md"
    story.parent.mkdir(parents=True)
    story.write_text("---\ntitle: Chị An\n---\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(stories))  # as on_serve does before
    saves = Saves()
    watcher = notice_saves_at_once(server, [str(stories)], saves)
    assert watcher is not None  # this machine has inotify
    assert server.build_delay == SETTLE_SECONDS < 0.1  # each save reported as it ends: less waiting for more
    server.observer.start()
    try:
        assert story.read_text(encoding="utf-8")  # builds read every story: no rebuild for that
        assert not _asked(server, 1.2)
        assert saves.take() == set()  # reading is not reported (a build reads 10,000 files)
        story.write_text("---\ntitle: Chị An (sửa)\n---\n", encoding="utf-8")
        assert _asked(server, 10)
        assert not _asked(server, watch.QUIET_SECONDS + 2 * watch.SAFETY_POLL_SECONDS)  # nor did the poll then
        assert saves.take() == {str(story)}  # what partial.py rebuilds from
        watcher.inotify.stop()  # from here on, as on a file system inotify does not see
        watcher.inotify.join()
        other = stories / "people/2024/chi-binh/index.md"
        other.parent.mkdir()
        other.write_text("---\ntitle: Chị Bình\n---\n", encoding="utf-8")
        assert _asked(server, watch.QUIET_SECONDS + 3 * watch.SAFETY_POLL_SECONDS)  # the slow poll did
        assert saves.take() is None  # a change inotify did not report: what changed is unknown
    finally:
        server.observer.stop()
        watcher.stop()


def test_an_editors_save_through_a_file_beside_and_folders_are_told_apart(tmp_path):
    """A save written to a file beside index.md and renamed over it reports both paths; a folder
    made or moved is reported with a separator at its end, so that a path gone by the rebuild is
    known to have been a file or a folder (reading.discover_again)."""
    stories = tmp_path / "stories"
    story = stories / "people/2024/chi-an/index.md"
    story.parent.mkdir(parents=True)
    story.write_text("---\ntitle: Chị An\n---\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(stories))
    saves = Saves()
    watcher = notice_saves_at_once(server, [str(stories)], saves)
    server.observer.start()
    try:
        beside = story.with_name(".index.md.tmp")
        beside.write_text("---\ntitle: Chị An (sửa)\n---\n", encoding="utf-8")
        os.replace(beside, story)
        assert _asked(server, 10)
        expected = {str(beside), str(story)}
        assert _taken(saves, expected) == expected
        folder = stories / "people/2024/chi-binh"
        folder.mkdir()
        folder.rename(folder.with_name("chi-binh-2"))
        assert _asked(server, 10)
        expected = {os.path.join(folder, ""), os.path.join(folder.with_name("chi-binh-2"), "")}
        assert _taken(saves, expected) == expected
    finally:
        server.observer.stop()
        watcher.stop()


def test_a_server_without_the_expected_internals_keeps_polling_only(tmp_path):
    class Other:
        pass
    assert notice_saves_at_once(Other(), [str(tmp_path)], Saves()) is None


def test_the_safety_poll_waits_for_the_writer_to_pause(tmp_path, monkeypatch):
    """While saves are being reported, the poll does not look (a look at 10,000 stories holds the
    interpreter for 0.2 s, and would slow the rebuild of the save); it looks once they stop, and
    then sees what changed meanwhile unreported."""
    monkeypatch.setattr(watch, "SAFETY_POLL_SECONDS", 0.2)
    monkeypatch.setattr(watch, "QUIET_SECONDS", 1.5)
    (tmp_path / "a.md").write_text("a", encoding="utf-8")
    seen = threading.Event()
    poll = SafetyPoll([str(tmp_path)], {str(tmp_path / "a.md")}, seen.set)
    poll.start()
    try:
        poll.heard()
        (tmp_path / "a.md").write_text("a, again", encoding="utf-8")  # reported: never asked for
        (tmp_path / "b.md").write_text("b", encoding="utf-8")  # not reported
        started = time.monotonic()
        assert seen.wait(10)
        assert time.monotonic() - started >= 1.0  # not while the writer was saving
        seen.clear()
        (tmp_path / "a.md").write_text("a, once more", encoding="utf-8")  # reported: still not asked for
        assert not seen.wait(1.0)
    finally:
        poll.stop()
        poll.join()
