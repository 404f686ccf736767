"""A copy of tests/fixtures/small with extra stories around the 1/7/2025 reform, counted by hand.

Published stories, with the row each one counts for (today = 15/9/2025):

| story      | unit as written  | date       | row             | kind     | campaigns           |
|------------|------------------|------------|-----------------|----------|---------------------|
| chi-dao    | H. Mỹ Tú         | 8/3/2024   | huyen-my-tu     | cá nhân  | tinh-nha            |
| htx-hoa    | huyện Định Quán  | 2/5/2024   | huyen-dinh-quan | tập thể  | tinh-nha            |
| chi-an     | xa-my-huong      | 1/10/2024  | huyen-my-tu     | cá nhân  | quoc-gia, dot-20-10 |
| truoc-a    | huyen-my-tu      | 30/6/2025  | huyen-my-tu     | cá nhân  | tinh-nha            |
| truoc-d    | xa-my-huong      | 30/6/2025  | huyen-my-tu     | tập thể  | tinh-nha            |
| truoc-g    | huyen-my-tu      | 2/6/2025   | huyen-my-tu     | cá nhân  | tinh-nha            |
| sau-b      | huyen-my-tu      | 1/7/2025   | xa-my-tu        | cá nhân  | tinh-nha            |
| sau-c      | xa-my-huong      | 1/7/2025   | xa-my-tu        | cá nhân  | quoc-gia            |
| sau-e      | huyen-dinh-quan  | 15/7/2025  | huyen-dinh-quan | mô hình  | tinh-nha            |
| sau-f      | xa-my-tu         | 20/7/2025  | xa-my-tu        | tập thể  | quoc-gia            |
| xa-moi     | xã Mỹ Tú         | 15/8/2025  | xa-my-tu        | mô hình  | quoc-gia            |
(nhap, Định Quán 1/6/2024, is a draft and counts nowhere.)
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from projects import copy_small

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "fixtures" / "small"
TODAY = dt.date(2025, 9, 15)

EXTRA_STORIES = [
    # slug, unit, date, kind, campaigns, criteria, tags
    ("truoc-a", "huyen-my-tu", "2025-06-30", "cá nhân", ["tinh-nha"], [], []),
    ("truoc-d", "xa-my-huong", "2025-06-30", "tập thể", ["tinh-nha"], [], []),
    ("truoc-g", "huyen-my-tu", "2025-06-02", "cá nhân", ["tinh-nha"], [], ["tôn giáo", "vùng biên giới"]),
    ("sau-b", "huyen-my-tu", "2025-07-01", "cá nhân", ["tinh-nha"], [], []),
    ("sau-c", "xa-my-huong", "2025-07-01", "cá nhân", ["quoc-gia"], [], []),
    ("sau-e", "huyen-dinh-quan", "2025-07-15", "mô hình", ["tinh-nha"], [], []),
    ("sau-f", "xa-my-tu", "2025-07-20", "tập thể", ["quoc-gia"], ["tri-thuc"], ["Khuyết tật"]),
]
EXTRA_NEWS = [
    # slug, kind, date, campaigns, draft
    ("so-ket", "sơ kết", "2024-10-25", ["dot-20-10"], False),
    ("hop-mat", "hoạt động", "2024-10-02", ["dot-20-10"], False),
    ("nhap-tin", "tổng kết", "2024-11-20", ["dot-20-10"], True),
]


def _list(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


def write_story(stories: Path, slug, unit, date, kind, campaigns, criteria, tags) -> None:
    folder = stories / "people" / date[:4] / slug
    folder.mkdir(parents=True)
    (folder / "index.md").write_text(
        f"---\ntitle: Câu chuyện {slug}\nsubject: Nguyễn Thị {slug}\nsubject_kind: {kind}\nunit: {unit}\n"
        f"date: {date}\ncampaigns: {_list(campaigns)}\ncriteria: {_list(criteria)}\ntags: {_list(tags)}\n"
        f"summary: Sapo {slug}.\n---\nNội dung {slug}.\n", encoding="utf-8")


def write_news(stories: Path, slug, kind, date, campaigns, draft) -> None:
    folder = stories / "news" / date[:4] / slug
    folder.mkdir(parents=True)
    (folder / "index.md").write_text(
        f"---\ntitle: Tin {slug}\nkind: {kind}\ndate: {date}\ncampaigns: {_list(campaigns)}\n"
        f"summary: Sapo {slug}.\ndraft: {'true' if draft else 'false'}\n---\nNội dung {slug}.\n", encoding="utf-8")


def make_project(target: Path) -> Path:
    """The small fixture plus the extra items, in target (a tmp folder)."""
    copy_small(target)  # photos are generated: they are not committed
    for story in EXTRA_STORIES:
        write_story(target / "stories", *story)
    for news in EXTRA_NEWS:
        write_news(target / "stories", *news)
    return target
