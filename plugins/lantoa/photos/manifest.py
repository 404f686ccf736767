"""The cache manifest: what each source became, keyed by (path, size, mtime_ns).

An unchanged source is then a stat and a dict lookup: its bytes are not read again.
Stored as one JSON file in the cache folder; a missing or unreadable manifest is an empty one.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from .model import PhotoOptions
from .render import Outcome

FILE_NAME = "photos-manifest.json"
VERSION = 1


class Manifest:
    def __init__(self, path: Path, fingerprint: str, entries: dict[str, list]):
        self.path, self.fingerprint, self.entries = path, fingerprint, entries
        self.changed = False

    @classmethod
    def load(cls, options: PhotoOptions) -> "Manifest":
        path = Path(options.cache_dir) / FILE_NAME
        fingerprint = options.fingerprint()
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            valid = stored.get("version") == VERSION and stored.get("options") == fingerprint
            entries = stored["entries"] if valid else {}
        except (OSError, ValueError, KeyError, AttributeError):
            entries = {}
        return cls(path, fingerprint, entries)

    def get(self, source: str, stat: tuple[int, int]) -> Outcome | None:
        entry = self.entries.get(source)
        if entry is None or entry[0] != stat[0] or entry[1] != stat[1]:
            return None
        _, _, width, height, renditions, problem, warnings = entry
        return Outcome(source, stat, width, height, tuple(map(tuple, renditions)),
                       tuple(problem) if problem else None, tuple(map(tuple, warnings)))

    def put(self, outcome: Outcome) -> None:
        if outcome.stat is None:
            return
        self.entries[outcome.source] = [
            outcome.stat[0], outcome.stat[1], outcome.width, outcome.height,
            [list(r) for r in outcome.renditions], list(outcome.problem) if outcome.problem else None,
            [list(w) for w in outcome.warnings]]
        self.changed = True

    def save(self) -> None:
        if not self.changed:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{FILE_NAME}.{os.getpid()}.tmp")
        data = {"version": VERSION, "options": self.fingerprint, "entries": self.entries}
        temporary.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(temporary, self.path)
        self.changed = False
