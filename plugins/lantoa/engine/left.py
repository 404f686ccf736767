"""Serve's sweep after a partial rebuild: the files the site keeps, by who keeps them, and those
that may have gone since the last sweep, found without comparing all of them.

A file can be left over after a save only if the last sweep left it: a page that went (the pages'
paths are another set only when one came or went), a card no page shows any more (the card job
knows those it let go, `CardJob.left_since`), a photo rendition, feed or data file no longer placed,
or a file the last rebuild wrote that nobody keeps (`others`, looked at again every time).
Relies on `Site.written` being replaced, never changed, when a page comes or goes.
Saves (a title edit at 10,000 stories, in process): the set of 22,000 paths kept, made again and
compared with the last one, cost 0.004 s a save.
"""
from __future__ import annotations

import dataclasses
import os
import weakref
from pathlib import Path
from typing import Any, Collection


@dataclasses.dataclass(eq=False)
class Kept:
    """The files a rebuild keeps: its pages', its cards', what else it placed; and, once swept,
    the files left that none of those is (written by it all the same)."""
    pages: set[str]
    cards: Collection[str]
    published: set[str]
    job: Any = None  # weakref to the card job, for `left_since`
    others: set[str] = dataclasses.field(default_factory=set)

    def __contains__(self, path: str) -> bool:
        return path in self.pages or path in self.cards or path in self.published

    def gone_since(self, before: Kept) -> set[str]:
        """The paths `before` kept that this may not keep: its others, and what each keeper let go."""
        gone = set(before.others)
        if self.pages is not before.pages:
            gone |= before.pages - self.pages
        job, old = self.job() if self.job else None, before.job() if before.job else None
        left = job.left_since(old) if job is not None and old is not None else None
        gone |= left if left is not None else set(before.cards) - set(self.cards)
        return gone | (before.published - self.published)


def kept_now(site, build) -> Kept:
    """What the site keeps after this rebuild: its files (their paths remembered until a page
    comes or goes), the cards' (kept by their job) and what the build placed."""
    if site.written is None:
        site.written = {f.abs_dest_path for f in site.files}
    job = build.card_job
    return Kept(site.written, job.paths() if job is not None else (),
                set(map(os.fspath, build.published_files(Path(site.config.site_dir), cards=False))),
                weakref.ref(job) if job is not None else None)


def candidates(now: Kept, before: Kept | set[str]) -> set[str]:
    """The files that may be left over: all the last sweep left but what is kept now, after a full
    build's walk (`before`: the set of paths it left); else only what may have gone since."""
    if isinstance(before, Kept):
        return now.gone_since(before)
    return {path for path in before if path not in now}
