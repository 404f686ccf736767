"""`mkdocs serve` starts a rebuild when the system reports a save, not at its next poll.

MkDocs looks for changes every 0.5 s (polling works on every file system); where the system
reports a save as it happens (inotify on Linux, through watchdog), a rebuild starts at once (up
to half a second saved on every save) and `Saves` tells `partial.py` which files were saved.
inotify is asked for saves only (not reads: a build reads every story). A slower poll
(`SafetyPoll`, every SAFETY_POLL_SECONDS) goes on for files inotify never reported (a file system
it does not see, a folder past the system's limit of watches): at 10,000 stories MkDocs' own poll
of stories/ took 0.2 s of CPU every 0.5 s. It waits for the writer to pause (QUIET_SECONDS without
a reported save): a look at 10,000 stories holds the interpreter for 0.2 s, and one that came
during a save's rebuild slowed it (`scripts/bench serve --n 10000 --edits 6`, one run each: the
rebuilds took 0.83–1.08 s with it, 0.78–0.89 s without).

Relies on (internals.py): LiveReloadServer's `_want_rebuild` flag and the `_rebuild_cond`
condition guarding it, `unwatch()`, and `build_delay` (shortened: SETTLE_SECONDS).
"""
from __future__ import annotations

import os
import threading
import time
from typing import Callable

from watchdog.events import (DirCreatedEvent, DirDeletedEvent, DirMovedEvent, FileClosedEvent, FileCreatedEvent,
                             FileDeletedEvent, FileModifiedEvent, FileMovedEvent, FileSystemEventHandler)
from watchdog.observers import Observer
from watchdog.utils.dirsnapshot import DirectorySnapshot, DirectorySnapshotDiff, EmptyDirectorySnapshot

from . import internals
from .logs import log

# MkDocs waits 0.1 s after a change for more (its polling sees a save in parts); inotify reports
# a save as it closes the file, and an editor's save (write, or write and rename) comes within a
# few milliseconds: waiting less starts the rebuild 0.06 s sooner.
SETTLE_SECONDS = 0.04
SAVES = frozenset({"created", "modified", "deleted", "moved", "closed"})  # not "opened": builds read files
# What inotify is asked to report: saves only. Unfiltered, every file a build reads is reported
# opened and closed, and at 10,000 stories the kernel's queue overflows and saves are lost.
SAVE_EVENTS = [FileModifiedEvent, FileCreatedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent,
               DirCreatedEvent, DirDeletedEvent, DirMovedEvent]


class Saves:
    """What was saved since the last rebuild began, for `partial`: the paths the system reported
    (a folder's ending with a separator: a file gone by now is known to have been a file), or None
    when a change came that it did not report (what changed is then unknown)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._paths: set[str] = set()
        self._unknown = False
        self.first_at: float | None = None  # time.monotonic() of the first save not taken yet
        self.taken_first_at: float | None = None  # that of the saves last taken

    def add(self, paths: set[str]) -> None:
        with self._lock:
            self._paths |= paths
            self.first_at = self.first_at or time.monotonic()

    def lost(self) -> None:
        with self._lock:
            self._unknown = True

    def take(self) -> set[str] | None:
        with self._lock:
            paths, unknown = self._paths, self._unknown
            self._paths, self._unknown = set(), False
            self.taken_first_at, self.first_at = self.first_at, None
        return None if unknown else paths


# How often `paths` are still polled where inotify watches them, for what it does not see (a
# network folder). MkDocs polls every 0.5 s: one look at 10,000 stories costs 0.2 s of CPU.
SAFETY_POLL_SECONDS = 5.0
QUIET_SECONDS = 10.0  # the safety poll looks only when no save was reported for this long


class SafetyPoll(threading.Thread):
    """A look at `paths` every SAFETY_POLL_SECONDS once the saves it is told of (`heard()`) are
    QUIET_SECONDS old: `on_unreported()` when a file changed since the last look that is not in
    (or under) `reported`. A look skipped keeps the last snapshot, so nothing is missed, only later."""

    def __init__(self, paths: list[str], reported: set[str], on_unreported: Callable[[], None]):
        super().__init__(daemon=True, name="lantoa-safety-poll")
        self.paths = [os.path.abspath(path) for path in paths]
        self.reported, self.on_unreported = reported, on_unreported
        self.last_heard = float("-inf")
        self.stopped = threading.Event()
        self.snapshots = {path: _snapshot(path) for path in self.paths}

    def heard(self) -> None:
        self.last_heard = time.monotonic()

    def run(self) -> None:
        while not self.stopped.wait(SAFETY_POLL_SECONDS):
            if time.monotonic() - self.last_heard >= QUIET_SECONDS:
                self.look()

    def look(self) -> None:
        changed = set()
        for path in self.paths:
            now = _snapshot(path)
            diff = DirectorySnapshotDiff(self.snapshots[path], now)
            self.snapshots[path] = now
            changed.update(diff.files_created, diff.files_deleted, diff.files_modified, *diff.files_moved)
        if any(not _within(path, self.reported) for path in changed):
            self.on_unreported()

    def stop(self) -> None:
        self.stopped.set()


def _snapshot(path: str) -> DirectorySnapshot | EmptyDirectorySnapshot:
    try:
        return DirectorySnapshot(path, recursive=True)
    except OSError:  # the folder is gone: every file that was in it is deleted
        return EmptyDirectorySnapshot()


class Watchers:
    """The inotify observer and the safety poll beside it."""

    def __init__(self, inotify: Observer, poller: SafetyPoll):
        self.inotify, self.poller = inotify, poller

    def stop(self) -> None:
        self.inotify.stop()
        self.poller.stop()

    def join(self) -> None:
        self.inotify.join()
        self.poller.join()


def notice_saves_at_once(server, paths: list[str], saves: Saves) -> Watchers | None:
    """Watch `paths` with inotify, asking `server` for a rebuild on each save (and telling
    `saves`); MkDocs' own polling of `paths` gives way to a slower one (SAFETY_POLL_SECONDS).
    None where it cannot watch (MkDocs' polling then does it all)."""
    condition = getattr(server, internals.SERVER_REBUILD_CONDITION, None)
    if condition is None or not hasattr(server, internals.SERVER_WANT_REBUILD):  # LiveReloadServer changed
        return None
    reported: set[str] = set()

    def rebuild() -> None:
        with condition:
            setattr(server, internals.SERVER_WANT_REBUILD, True)
            condition.notify_all()

    def saved(event) -> None:  # inotify; a folder moved or deleted is reported once, as a folder
        if event.event_type not in SAVES or event.is_directory and event.event_type in ("modified", "closed"):
            return
        reported.update(_event_paths(event))
        saves.add({os.path.join(path, "") for path in _event_paths(event)} if event.is_directory else
                  _event_paths(event))
        poller.heard()
        rebuild()

    def unreported() -> None:  # the safety poll, for the same folders
        saves.lost()
        rebuild()

    poller = SafetyPoll(paths, reported, unreported)
    observer = Observer()
    try:
        for path in paths:
            observer.schedule(_handler(saved), path, recursive=True, event_filter=SAVE_EVENTS)
        observer.daemon = True
        observer.start()
    except OSError as error:  # e.g. the system's limit of watched folders
        log.debug(f"Chỉ dò thay đổi định kỳ (polling only): {error}")
        saves.lost()
        return None
    for path in paths:  # MkDocs' own polling of these folders gives way to the safety poll
        server.unwatch(path)
    poller.start()
    if isinstance(getattr(server, internals.SERVER_BUILD_DELAY, None), float):
        setattr(server, internals.SERVER_BUILD_DELAY, SETTLE_SECONDS)
    return Watchers(observer, poller)


def _handler(on_event) -> FileSystemEventHandler:
    handler = FileSystemEventHandler()
    handler.on_any_event = on_event
    return handler


def _event_paths(event) -> set[str]:
    return {path for path in (event.src_path, getattr(event, "dest_path", "")) if path}


def _within(path: str, reported: set[str]) -> bool:
    """`path` or one of its folders was reported."""
    while path not in reported:
        parent = os.path.dirname(path)
        if parent == path:
            return False
        path = parent
    return True
