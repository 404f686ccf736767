"""Which row a story counts for, and the unit × month grid with its quota standing.

Rows are the units quotas apply to: pre-2025 districts (their communes'
stories count for them) and post-2025 communes. A story counts for the unit it
names as long as that unit existed on the story's date; after the unit's last
day it counts for the unit's single successor (followed as far as needed). An
abolished unit with several successors, or none, keeps such late stories on its
own row, where that month carries no quota.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Callable, Iterable

from .. import text
from ..model import Corpus, Story
from ..units import Registry, day_after
from .model import MET, NONE, OFF, SHORT, Cell, Grid, Month, Row


def published(corpus: Corpus) -> list[Story]:
    return [s for s in corpus.stories if not s.draft]


def unit_urls(corpus: Corpus) -> dict[str, str]:
    """Units with a page (the plan's rule: every district, every unit a published story or news names)."""
    registry = corpus.units
    keys = {u.key for u in registry.units.values() if u.is_district}
    keys.update(s.unit for s in published(corpus))
    keys.update(k for n in corpus.news if not n.draft for k in n.units)
    return {k: f"dia-ban/{k}/" for k in keys if k in registry}


def is_row_unit(registry: Registry, key: str) -> bool:
    """A pre-2025 district, or a unit directly under the province that is not itself a district."""
    unit = registry.units.get(key)
    if unit is None or unit.parent is None or unit.level == "tỉnh":
        return False
    return unit.is_district or registry.district_of(key) is None


def current_unit(registry: Registry, key: str, day: dt.date) -> str:
    """The unit a story naming `key` on `day` belongs to, following single successors after an end."""
    seen = set()
    while key in registry and key not in seen:
        seen.add(key)
        unit = registry[key]
        if unit.valid_to is None or day <= unit.valid_to:
            break
        if len(unit.successors) == 1:
            key = unit.successors[0]
        elif not unit.successors and unit.parent in registry and registry[unit.parent].is_district:
            key = unit.parent
        else:
            break
    return key


def row_key(registry: Registry, key: str, day: dt.date) -> str:
    """The row a story of unit `key` dated `day` counts for."""
    key = current_unit(registry, key, day)
    district = registry.district_of(key) if key in registry else None
    return district.key if district else key


def overlaps(registry: Registry, key: str, months: tuple[Month, ...]) -> bool:
    unit = registry[key]
    first, after = months[0].first_day, months[-1].plus(1).first_day
    return (unit.valid_from is None or unit.valid_from < after) and (unit.valid_to is None or unit.valid_to >= first)


def row_units(registry: Registry, months: tuple[Month, ...]) -> set[str]:
    """Every row unit that existed during some of the months (silent places included)."""
    if not months:
        return set()
    return {k for k in registry.units if is_row_unit(registry, k) and overlaps(registry, k, months)}


def row_order(registry: Registry, key: str) -> tuple:
    """Districts first, then post-2025 communes, then anything else; by Vietnamese name."""
    unit = registry.units.get(key)
    if unit is None:
        return (3, text.sort_key(key))
    group = 0 if unit.is_district else 1 if is_row_unit(registry, key) else 2
    return (group, text.sort_key(unit.name), key)


def row_note(registry: Registry, key: str) -> str:
    unit = registry.units.get(key)
    if unit is None:
        return ""
    if unit.valid_to:
        return f"đến {text.format_date(unit.valid_to)}"
    if unit.valid_from:
        return f"từ {text.format_date(unit.valid_from)}"
    return ""


def status(count: int, quota: int, applies: bool) -> str:
    if not applies:
        return OFF
    if count >= quota:
        return MET
    return SHORT if count else NONE


def build_grid(registry: Registry, stories: Iterable[Story], months: tuple[Month, ...], quota: int,
               rows: set[str], urls: dict[str, str], assign: Callable[[Story], str] | None = None) -> Grid:
    """Count stories per (row, month); rows with stories are added to the given ones."""
    assign = assign or (lambda s: row_key(registry, s.unit, s.date))
    wanted = {(m.year, m.month) for m in months}
    counts: dict[tuple[str, tuple[int, int]], int] = defaultdict(int)
    keys = set(rows)
    for story in stories:
        month = (story.date.year, story.date.month)
        if month in wanted:
            key = assign(story)
            counts[(key, month)] += 1
            keys.add(key)
    built = []
    for key in sorted(keys, key=lambda k: row_order(registry, k)):
        built.append(Row(key, registry[key].label if key in registry else key, urls.get(key),
                         _cells(registry, key, months, counts, quota), row_note(registry, key)))
    return Grid(months, tuple(built), quota, handover_notes(registry, [r.key for r in built], months))


def _cells(registry: Registry, key: str, months: tuple[Month, ...], counts: dict, quota: int) -> tuple[Cell, ...]:
    # A quota applies to a row unit in the months it existed.
    unit = registry[key] if is_row_unit(registry, key) else None
    cells = []
    for month in months:
        count = counts.get((key, (month.year, month.month)), 0)
        cells.append(Cell(month, count, status(count, quota, unit is not None and unit.exists_on(month.first_day))))
    return tuple(cells)


def handover_notes(registry: Registry, keys: list[str], months: tuple[Month, ...]) -> tuple[str, ...]:
    """One sentence per abolished row unit that ended before the last charted month."""
    if not months:
        return ()
    notes = []
    for key in keys:
        unit = registry.units.get(key)
        if unit is None or unit.valid_to is None or Month.of(unit.valid_to) >= months[-1]:
            continue
        notes.append(handover_note(registry, key))
    return tuple(notes)


def handover_note(registry: Registry, key: str) -> str:
    unit = registry[key]
    since = day_after(unit.valid_to)
    label = unit.label[:1].upper() + unit.label[1:]
    successors = [registry[s].label for s in unit.successors if s in registry]
    head = f"{label} tồn tại đến hết ngày {text.format_date(unit.valid_to)}"
    tail = f"từ tháng {Month.of(since).label} dòng này không còn tính chỉ tiêu"
    if len(successors) == 1:
        return (f"{head}: bài viết về địa bàn này từ ngày {text.format_date(since)} được tính cho "
                f"{successors[0]}; {tail}.")
    if successors:
        return (f"{head}; từ ngày {text.format_date(since)} các địa bàn kế thừa ({', '.join(successors)}) "
                f"có dòng riêng; {tail}.")
    return f"{head}; {tail}."
