"""Under `mkdocs serve`, a save starts a rebuild as soon as the system reports it (inotify),
besides MkDocs' own polling every 0.5 s."""
from __future__ import annotations

import time

from mkdocs.livereload import LiveReloadServer

from lantoa.plugin import notice_saves_at_once


def _server(tmp_path) -> LiveReloadServer:
    return LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))


def _wait_for_rebuild(server, seconds: float) -> bool:
    with server._rebuild_cond:
        return server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=seconds)


def test_a_save_asks_mkdocs_for_a_rebuild_and_reading_does_not(tmp_path):
    story = tmp_path / "stories/people/2024/chi-an/index.md"
    story.parent.mkdir(parents=True)
    story.write_text("---\ntitle: Chị An\n---\n", encoding="utf-8")
    server = _server(tmp_path)
    watcher = notice_saves_at_once(server, [str(tmp_path / "stories")])
    assert watcher is not None  # this machine has inotify
    try:
        assert story.read_text(encoding="utf-8")  # builds read every story: no rebuild for that
        assert not _wait_for_rebuild(server, 0.5)
        story.write_text("---\ntitle: Chị An (sửa)\n---\n", encoding="utf-8")
        assert _wait_for_rebuild(server, 10)  # MkDocs' poller is not running here: only the watcher
    finally:
        watcher.stop()


def test_a_server_without_the_expected_internals_keeps_polling_only(tmp_path):
    class Other:
        pass
    assert notice_saves_at_once(Other(), [str(tmp_path)]) is None
