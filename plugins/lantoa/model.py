"""Typed records of the corpus. Built by `load`, read by everything downstream."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from .diagnostics import Diagnostic
from .text import digest
from .units import Registry


class Body:
    """An item's Markdown text. A build lets go of it once the item's page is converted
    (`release`: 50 MB at 10,000 stories, held to the end of the build otherwise); its digest and
    length stay, for what still compares, fingerprints or versions the item. Serve keeps it."""
    __slots__ = ("_text", "_digest", "_length")

    def __init__(self, text: str = ""):
        self._text, self._digest, self._length = text, None, len(text)

    @property
    def text(self) -> str:
        if self._text is None:
            raise ValueError("the body was released once its page was converted")
        return self._text

    @property
    def digest(self) -> bytes:
        """`text.digest` of the text, taken once."""
        if self._digest is None:
            self._digest = digest(self.text)
        return self._digest

    @property
    def released(self) -> bool:
        return self._text is None

    def release(self) -> None:
        self._digest = self.digest
        self._text = None

    def __len__(self) -> int:
        return self._length

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if not isinstance(other, Body):
            return NotImplemented
        if self._text is not None and other._text is not None:
            return self._text == other._text
        return self._length == other._length and self.digest == other.digest

    def __hash__(self) -> int:
        return hash(self.digest)

    def __reduce__(self):
        return Body, (self.text,)

    def __repr__(self) -> str:
        return f"Body({self._text!r})" if self._text is not None else f"Body(<released, {self._length} characters>)"


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
    version: tuple[int, int] = (0, 0)  # the file's (st_mtime_ns, st_ino): other bytes of the same size differ


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
    body: Body
    photos: tuple[Photo, ...]
    cover: Photo | None
    tags: tuple[str, ...]
    draft: bool
    updated: dt.date | None = None  # stories and news: the day the text was last changed, if after `date`
    body_photos: tuple[str, ...] = ()  # file names of the listed photos the body shows as figures (`body_photos.mark`)
    body_line: int | None = None  # the line of index.md the body begins on

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
    # items left out for their errors that are drafts or dated after the build's day: no page at their address
    unpublished_files: frozenset[str] = frozenset()

