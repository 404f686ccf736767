"""The layout of a Lan Tỏa project: its stories/ folder, and finding the project from a path inside it."""
from __future__ import annotations

from pathlib import Path

STORIES_DIR = "stories"


def find_root(path: Path) -> Path:
    """The project folder (the one holding stories/) for a path inside it or at it."""
    path = path.resolve()
    for candidate in [path, *path.parents]:
        if (candidate / STORIES_DIR).is_dir():
            return candidate
    return path
