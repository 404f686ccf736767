"""The figures of campaign insight as plain, frozen data (what templates and data files read)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools

from .. import text

# A cell's standing against the monthly quota. "off": no quota that month (the
# unit did not exist, or quotas do not apply to it).
MET, SHORT, NONE, OFF = "met", "short", "none", "off"
STATUS_LABELS = {MET: "Đạt", SHORT: "Thiếu", NONE: "Không có bài", OFF: "Không tính chỉ tiêu"}
STATUS_MARKS = {MET: "✓", SHORT: "◐", NONE: "✗", OFF: ""}


@dataclasses.dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def of(cls, day: dt.date) -> "Month":
        return cls(day.year, day.month)

    def __reduce__(self):
        """Pickled as its year and month only: the labels cached below must not change what a
        page's fingerprint (reuse.Fingerprints, a pickle) is, whether they were asked for or not."""
        return (Month, (self.year, self.month))

    @functools.cached_property  # a month is printed once per cell of every grid and data file
    def label(self) -> str:
        """"9/2022", as Vietnamese writes a month."""
        return f"{self.month}/{self.year}"

    @functools.cached_property
    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    def plus(self, months: int) -> "Month":
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)


def month_range(first: Month, last: Month) -> tuple[Month, ...]:
    out, current = [], first
    while current <= last:
        out.append(current)
        current = current.plus(1)
    return tuple(out)


@dataclasses.dataclass(frozen=True)
class Cell:
    month: Month
    count: int
    status: str  # MET | SHORT | NONE | OFF

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def mark(self) -> str:
        return STATUS_MARKS[self.status]


@dataclasses.dataclass(frozen=True)
class Row:
    """One unit's line: a pre-2025 district (its communes included) or a post-2025 commune."""
    key: str
    label: str  # "huyện Mỹ Tú"
    url: str | None  # site-relative page of the unit, None when it has none
    cells: tuple[Cell, ...]
    note: str = ""  # "đến 30/6/2025", "từ 1/7/2025"

    @property
    def total(self) -> int:
        return sum(c.count for c in self.cells)

    def tally(self, status: str) -> int:
        return sum(1 for c in self.cells if c.status == status)

    @property
    def met(self) -> int:
        return self.tally(MET)

    @property
    def short(self) -> int:
        return self.tally(SHORT)

    @property
    def none(self) -> int:
        return self.tally(NONE)

    @property
    def quota_months(self) -> int:
        return sum(1 for c in self.cells if c.status != OFF)


@dataclasses.dataclass(frozen=True)
class Grid:
    """Stories per unit per month, with the quota standing of each cell."""
    months: tuple[Month, ...]
    rows: tuple[Row, ...]
    quota: int
    notes: tuple[str, ...] = ()  # how abolished units hand over to their successors

    @property
    def month_totals(self) -> tuple[int, ...]:
        return tuple(sum(r.cells[i].count for r in self.rows) for i in range(len(self.months)))

    @property
    def total(self) -> int:
        return sum(r.total for r in self.rows)

    @property
    def first(self) -> Month | None:
        return self.months[0] if self.months else None

    @property
    def last(self) -> Month | None:
        return self.months[-1] if self.months else None


@dataclasses.dataclass(frozen=True)
class Count:
    label: str
    count: int
    url: str | None = None


@dataclasses.dataclass(frozen=True)
class CriterionCount:
    campaign: str  # campaign title
    campaign_slug: str
    criterion_id: str
    name: str
    count: int


@dataclasses.dataclass(frozen=True)
class Totals:
    stories: int
    kinds: tuple[Count, ...]  # per subject kind, in schema order
    criteria: tuple[CriterionCount, ...]
    groups: tuple[Count, ...]  # per special group (tags)


@dataclasses.dataclass(frozen=True)
class Event:
    """A dated step of a campaign's timeline."""
    date: dt.date
    kind: str  # launch | start | end | nomination | news | today
    label: str
    until: dt.date | None = None  # end of a window (nomination)
    url: str | None = None
    detail: str = ""  # news title, document number

    @property
    def date_text(self) -> str:
        return text.format_date(self.date)

    @property
    def until_text(self) -> str:
        return text.format_date(self.until) if self.until else ""


@dataclasses.dataclass(frozen=True)
class Timeline:
    events: tuple[Event, ...]  # in date order, today included
    start: dt.date | None
    end: dt.date | None
    today: dt.date
    svg: str = ""


@dataclasses.dataclass(frozen=True)
class CampaignSummary:
    slug: str
    title: str
    url: str
    status: str
    stories: int


@dataclasses.dataclass(frozen=True)
class Statistics:
    today: dt.date
    quota: int
    grid: Grid
    totals: Totals
    campaigns: tuple[CampaignSummary, ...]
    heatmap: str  # SVG markup
    csv_url: str = "thong-ke/so-lieu.csv"
    totals_url: str = "thong-ke/tong-hop.csv"
    json_url: str = "thong-ke/so-lieu.json"

    @property
    def today_text(self) -> str:
        return text.format_date(self.today)


@dataclasses.dataclass(frozen=True)
class CampaignInsight:
    slug: str
    title: str
    today: dt.date
    quota: int
    grid: Grid
    totals: Totals
    timeline: Timeline
    heatmap: str
    outside_period: int  # linked stories dated outside the charted months
    started: bool

    @property
    def csv_url(self) -> str:
        return f"phong-trao/{self.slug}/so-lieu.csv"

    @property
    def json_url(self) -> str:
        return f"phong-trao/{self.slug}/so-lieu.json"

    @property
    def totals_url(self) -> str:
        return f"phong-trao/{self.slug}/tong-hop.csv"


@dataclasses.dataclass(frozen=True)
class UnitCampaign:
    """A campaign as one unit sees it."""
    slug: str
    title: str
    url: str
    status: str
    stories: int  # stories of this unit linked to the campaign
    runs_it: bool  # the campaign is launched by this unit's union


@dataclasses.dataclass(frozen=True)
class UnitInsight:
    key: str
    label: str
    today: dt.date
    quota: int
    grid: Grid  # one row: this unit
    heatmap: str
    quota_applies: bool
    campaigns: tuple[UnitCampaign, ...]
    notes: tuple[str, ...]

    @property
    def row(self) -> Row | None:
        return self.grid.rows[0] if self.grid.rows else None
