"""Serve: what `reading.discover` found, patched for the item folders a save added, removed or
changed, instead of walking stories/ again (at 10,000 stories the walk, a real path and a few
system calls for each of 10,000 folders, cost a save that adds or deletes a story 0.45 s).

Relies on: `discover` lists the item files in the order it walks (folders sorted at every level:
the order of their path parts), and the problems folder by folder in that order, each folder's in
its own; an item folder's findings depend on nothing but the folder (its files, whether it or
its index.md leads out of the project), which holds while the walk met no link to a folder
(`Layout.linked`: a folder reached twice is read once, at the first path). Anything else saved
(a folder that is not an item's, a folder inside an item's, a link, a hidden folder, an item
folder in a year folder the layout has no item in, a folder that cannot be read) gives False:
the caller walks, as it always did. The plain path is `discover`.
"""
from __future__ import annotations

import bisect
import os
from pathlib import Path

from . import reading

PATCH_AT_MOST = 16  # item folders changed at once; more: walked


def patched(base: Path, root: Path, layout: reading.Layout, saved: set[str]) -> bool:
    """Patch `layout` (found by a walk of `base`) for the item folders of the paths `saved`;
    False, layout untouched, when a walk is needed."""
    folders = {_item_folder(base, path) for path in saved}
    if layout.linked or None in folders or not folders or len(folders) > PATCH_AT_MOST:
        return False
    known = {os.path.dirname(os.path.dirname(path)) for path in layout.files}  # folders holding items
    inside = os.path.join(os.path.realpath(root), "")
    try:  # every folder read before the layout is changed: one that cannot be read is the walk's
        if not all(_patchable(folder, known) for folder in folders):
            return False
        now = [(Path(folder), kind, _read(Path(folder), kind, root, inside)) for folder, kind in sorted(folders)]
    except OSError:
        return False
    for folder, kind, _ in now:  # all out first: a renamed folder's old place is gone from the disk
        _take_out(layout, folder, kind, reading.rel(folder, root))
    for folder, kind, (found, problems) in now:
        _put_in(layout, kind, reading.rel(folder, root), found, problems, root)
    layout.files = frozenset(str(path) for paths in layout.found.values() for path in paths)
    return True


def _item_folder(base: Path, path: str) -> tuple[str, str] | None:
    """(the item folder `path` is or is directly in, its kind), or None."""
    parts = Path(path).parts
    size = len(base.parts)
    if parts[:size] != base.parts or len(parts) <= size:
        return None
    below = parts[size:]
    kind, depth = reading.KINDS.get(below[0], (None, 0))
    length = depth - 1  # parts of an item folder below base
    if kind is None or len(below) not in (length, length + 1) or any(p.startswith(".") for p in below[:length]):
        return None
    if depth == 4 and not reading._YEAR.match(below[1]):
        return None
    return os.path.join(base, *below[:length]), kind


def _patchable(folder: tuple[str, str], known: set[str]) -> bool:
    path = folder[0]
    if os.path.dirname(path) not in known or os.path.islink(path) or os.path.islink(os.path.dirname(path)):
        return False
    if not os.path.exists(path):
        return True
    if not os.path.isdir(path):
        return False
    with os.scandir(path) as entries:  # a folder inside an item's is walked by `discover`: walk
        return not any(e.is_dir() and e.name != "index.md" for e in entries)


def _read(folder: Path, kind: str, root: Path, inside: str) -> tuple[list[Path], list]:
    """What `discover` finds in the item folder now: its item file (or none) and its problems."""
    if not folder.is_dir():
        return [], []
    with os.scandir(folder) as entries:
        names = [e.name for e in entries if not e.is_dir() or e.name == "index.md"]
    found: dict[str, list[Path]] = {kind: []}
    problems: list = []
    reading._item_folder(folder, kind, sorted(names), root, found, problems,
                         os.path.realpath(folder).startswith(inside))
    return found[kind], problems


def _take_out(layout: reading.Layout, folder: Path, kind: str, own: str) -> None:
    layout.found[kind] = [p for p in layout.found[kind] if p.parent != folder]
    layout.problems = [d for d in layout.problems if not (d.file == own or d.file.startswith(own + "/"))]


def _put_in(layout: reading.Layout, kind: str, own: str, found: list[Path], problems: list, root: Path) -> None:
    """The folder's findings in the walk's place: its folder's parts among the others'."""
    for path in found:
        bisect.insort(layout.found[kind], path, key=lambda p: p.parts)
    keys = [_walked_at(d.file, root) for d in layout.problems]
    at = bisect.bisect_right(keys, tuple(own.split("/")))
    layout.problems[at:at] = problems


def _walked_at(file: str, root: Path) -> tuple[str, ...]:
    """The folder the walk was in when it found a problem of `file` (a folder's own, or a file's
    folder), as parts: the walk goes through folders in the order of their parts."""
    parts = tuple(file.split("/"))
    return parts if (root / file).is_dir() else parts[:-1]
