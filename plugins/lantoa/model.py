"""Typed records of the corpus. Built by `load`, read by everything downstream."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from .diagnostics import Diagnostic
from .units import Registry


@dataclasses.dataclass(frozen=True)
class Photo:
    file: str
    path: Path  # absolute
    caption: str
    credit: str | None
    line: int | None


@dataclasses.dataclass(frozen=True)
class Attachment:
    file: str
    path: Path
    title: str
    size: int
    line: int | None


@dataclasses.dataclass(frozen=True)
class Criterion:
    id: str
    name: str
    description: str | None = None


@dataclasses.dataclass(frozen=True)
class Item:
    """What stories, news and campaigns share."""
    slug: str
    source: str  # index.md path relative to the project root
    folder: Path  # absolute
    title: str
    summary: str
    body: str
    photos: tuple[Photo, ...]
    cover: Photo | None
    tags: tuple[str, ...]
    draft: bool
    updated: dt.date | None = None  # stories and news: the day the text was last changed, if after `date`

    @property
    def key(self) -> str:
        return self.source


@dataclasses.dataclass(frozen=True)
class Campaign(Item):
    kind: str = ""
    level: str = ""
    issuer: str = ""
    document_number: str | None = None
    issued: dt.date | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    nomination_start: dt.date | None = None
    nomination_end: dt.date | None = None
    unit: str | None = None
    parent: str | None = None
    criteria: tuple[Criterion, ...] = ()
    targets: tuple[str, ...] = ()
    awards: tuple[str, ...] = ()
    attachments: tuple[Attachment, ...] = ()

    @property
    def date(self) -> dt.date | None:
        return self.issued or self.start

    def status(self, today: dt.date) -> str:
        if self.start and today < self.start:
            return "sắp diễn ra"
        if self.end and today > self.end:
            return "đã kết thúc"
        return "đang diễn ra"

    def nomination_open(self, today: dt.date) -> bool:
        return bool(self.nomination_start and self.nomination_end
                    and self.nomination_start <= today <= self.nomination_end)


@dataclasses.dataclass(frozen=True)
class News(Item):
    kind: str = ""
    date: dt.date = dt.date.min
    year: int = 0
    campaigns: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    byline: str | None = None
    featured: bool = False


@dataclasses.dataclass(frozen=True)
class Story(Item):
    subject: str = ""
    subject_kind: str = ""
    unit: str = ""  # key in the registry
    unit_as_written: str = ""
    date: dt.date = dt.date.min
    year: int = 0
    campaigns: tuple[str, ...] = ()
    criteria: tuple[tuple[str, str], ...] = ()  # (campaign slug, criterion id)
    awards: tuple[str, ...] = ()
    byline: str | None = None
    featured: bool = False


@dataclasses.dataclass
class Corpus:
    """Everything loaded from stories/, with every problem found on the way.

    Items with errors are left out of the lists (their problems are in
    `diagnostics`); drafts and items dated after the build's day are in `unpublished`,
    which nothing downstream reads but the build's summary.
    """
    root: Path
    units: Registry
    campaigns: dict[str, Campaign]
    stories: list[Story]
    news: list[News]
    diagnostics: list[Diagnostic]
    unpublished: list[Item] = dataclasses.field(default_factory=list)  # drafts, future items: in no output

