"""Serve: one kind's reads of the last load taken over as a list, only the files a save touched
read again.

`reading.load_all` looks every item file up in the read cache (a Path's hash is a Python call,
four a file): at 10,000 stories 0.007 s a save, for the one or two files saved. While the layout
stands (`reading.discover_again` did not walk: the same item files, in the same order) and the
watcher named every path saved since (`Untouched.touched`), the last load's list of reads is
copied and the touched files' places read again (`_load_kept`, as `load_all` does); their
problems and the kept ones are added in the files' order, as `load_all` adds them. A read that
appears or goes (a file now unreadable, or readable again) moves the places after it: then, and
whenever the layout was walked, `load_all` does the load, and its list is remembered.

Relies on: `load_all` returns the reads of `paths` in their order, leaving out a None read, and
keeps each file's (stamp, read, problems) in the read cache; `discover_again` gives the same paths
while `Layout.walked` is False. The plain path (a build, `audit`) passes no layout and uses
`load_all` alone.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Callable

from . import reading


class Patched(list):
    """A list of reads made from the last one by reading a few places again (`since`: that list
    and those places), so that what compares the two (`remade.Remade.items`) looks at those places
    only: at 10,000 stories, finding them by identity cost a save 0.0005 s a kind. Not changed
    once made."""
    since: tuple[list, list[int]] | None = None


@dataclasses.dataclass
class ReadList:
    """A kind's reads of the last load, and where each file's read is."""
    reads: list[dict]
    paths: list[Path]
    place: dict[Path, int]  # file → its place in `paths`
    at: list[int | None]  # place in `paths` → its read's place in `reads` (None: no read)
    noisy: list[int]  # the places in `paths` of the files with problems, in order


def load(kind: str, paths: list[Path], root: Path, fields, problems: list, read_cache: dict | None,
         unsaved: Callable[[Path], bool], layout: reading.Layout | None) -> list[dict]:
    """`reading.load_all(paths, …)`, taken over from the last load of `kind` where it can be."""
    if read_cache is None or layout is None:
        return reading.load_all(paths, root, fields, problems, read_cache, unsaved)
    touched = getattr(unsaved, "touched", None)
    last = layout.reads.get(kind) if not layout.walked and touched is not None else None
    taken = _taken_over(last, touched, root, fields, problems, read_cache) if last is not None else None
    if taken is None:
        reads = reading.load_all(paths, root, fields, problems, read_cache, unsaved)
        taken = _remembered(paths, reads, read_cache)
        layout.reads[kind] = taken
        return reads
    layout.reads[kind] = taken
    return taken.reads


def _taken_over(last: ReadList, touched: set[Path], root: Path, fields, problems: list,
                read_cache: dict) -> ReadList | None:
    mine = sorted(last.place[path] for path in touched if path in last.place)
    reads, found = (Patched(last.reads) if mine else last.reads), {}  # none touched: the very list
    for index in mine:
        got: list = []
        read = reading.load_kept(last.paths[index], root, fields, got, read_cache)
        if (read is None) != (last.at[index] is None):
            return None
        if read is not None:
            reads[last.at[index]] = read
        found[index] = got
    if mine:
        if isinstance(last.reads, Patched):  # only the newest list says what it was made from: no chain kept
            last.reads.since = None
        reads.since = (last.reads, [last.at[index] for index in mine if last.at[index] is not None])
    noisy = sorted({*last.noisy, *found} - {index for index, got in found.items() if not got})
    for index in noisy:
        problems += found[index] if index in found else read_cache[last.paths[index]][2]
    return ReadList(reads, last.paths, last.place, last.at, noisy)


def _remembered(paths: list[Path], reads: list[dict], read_cache: dict) -> ReadList | None:
    """The list `load_all` made, with where each file's read is (None when a file is not in the
    read cache: gone while it was read)."""
    at, noisy, count = [], [], 0
    for index, path in enumerate(paths):
        kept = read_cache.get(path)
        if kept is None:
            return None
        if kept[1] is None:
            at.append(None)
        else:
            if kept[1] is not reads[count]:
                return None
            at.append(count)
            count += 1
        if kept[2]:
            noisy.append(index)
    if count != len(reads):
        return None
    return ReadList(reads, paths, {path: index for index, path in enumerate(paths)}, at, noisy)
