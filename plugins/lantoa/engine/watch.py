"""`mkdocs serve` starts a rebuild when the system reports a save, not at its next poll.

MkDocs looks for changes every 0.5 s (polling works on every file system); where the system
reports a save as it happens (inotify on Linux, through watchdog), a rebuild starts at once:
up to half a second saved on every save. The polling goes on for files inotify never reported
(a file system it does not see, a folder past the system's limit of watches); for the others
it would only ask for a second rebuild.

Relies on (internals.py): LiveReloadServer's `_want_rebuild` flag and the `_rebuild_cond`
condition guarding it, its `observer` and `unwatch()`.
"""
from __future__ import annotations

import os
import threading

from watchdog.events import (DirCreatedEvent, DirDeletedEvent, DirMovedEvent, FileClosedEvent, FileCreatedEvent,
                             FileDeletedEvent, FileModifiedEvent, FileMovedEvent, FileSystemEventHandler)
from watchdog.observers import Observer

from . import internals
from .logs import log

SAVES = frozenset({"created", "modified", "deleted", "moved", "closed"})  # not "opened": builds read files
# What inotify is asked to report: saves only. Unfiltered, every file a build reads is reported
# opened and closed, and at 10,000 stories the kernel's queue overflows and saves are lost.
SAVE_EVENTS = [FileModifiedEvent, FileCreatedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent,
               DirCreatedEvent, DirDeletedEvent, DirMovedEvent]


class Saves:
    """What was saved since the last rebuild began, for `partial`: the paths the system reported,
    or None when a change came that it did not report (what changed is then unknown)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._paths: set[str] = set()
        self._unknown = False

    def add(self, paths: set[str]) -> None:
        with self._lock:
            self._paths |= paths

    def lost(self) -> None:
        with self._lock:
            self._unknown = True

    def take(self) -> set[str] | None:
        with self._lock:
            paths, unknown = self._paths, self._unknown
            self._paths, self._unknown = set(), False
        return None if unknown else paths


def notice_saves_at_once(server, paths: list[str], saves: Saves) -> Observer | None:
    """Watch `paths` with inotify, asking `server` for a rebuild on each save (and telling
    `saves`); None where it cannot watch (MkDocs' polling then does it all)."""
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
        saves.add(_event_paths(event))
        rebuild()

    def polled(event) -> None:  # MkDocs' poller, for the same folders
        if not event.is_directory and not all(_within(path, reported) for path in _event_paths(event)):
            saves.lost()
            rebuild()

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
    for path in paths:  # MkDocs' own polling handler for these folders gives way to `polled`
        server.unwatch(path)
        server.observer.schedule(_handler(polled), os.path.abspath(path), recursive=True)
    return observer


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
