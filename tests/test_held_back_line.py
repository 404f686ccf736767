"""The build's "Hẹn đăng" line: items dated after today, the soonest named and the rest counted
(at 10,000 stories a line naming every file was 3,040 paths long)."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from lantoa.audit import HELD_BACK_NAMED, held_back_line

TODAY = dt.date(2025, 6, 1)


def corpus(*days: int, drafts: int = 0):
    items = [SimpleNamespace(draft=False, date=TODAY + dt.timedelta(days=d), source=f"stories/people/2025/s{d}/index.md")
             for d in days]
    items += [SimpleNamespace(draft=True, date=TODAY + dt.timedelta(days=1), source=f"draft{n}.md") for n in range(drafts)]
    return SimpleNamespace(unpublished=items)


def test_nothing_held_back_no_line():
    assert held_back_line(corpus(drafts=3), TODAY) is None


def test_a_few_are_all_named_soonest_first():
    line = held_back_line(corpus(9, 2), TODAY)
    assert line.startswith("Hẹn đăng: 2 bài có ngày sau hôm nay")
    assert line.index("s2/index.md (3/6/2025)") < line.index("s9/index.md (10/6/2025)")
    assert "sau nữa" not in line


def test_many_name_the_soonest_and_count_the_rest():
    days = range(40, 0, -1)
    line = held_back_line(corpus(*days, drafts=5), TODAY)
    assert line.startswith("Hẹn đăng: 40 bài")
    named = [d for d in days if f"/s{d}/index.md" in line]
    assert sorted(named) == list(range(1, HELD_BACK_NAMED + 1))
    assert line.endswith(f"; và {40 - HELD_BACK_NAMED} bài sau nữa") and "draft" not in line
