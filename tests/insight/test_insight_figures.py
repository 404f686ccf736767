"""Figures on the fixture (tests/insight/insight_corpus.py) equal counts made by hand."""
from __future__ import annotations

import datetime as dt

from insight_corpus import TODAY
from lantoa.insight import Month, campaign_insight, statistics, unit_insight
from lantoa.insight.grid import row_key, unit_urls
from lantoa.plan import Settings
from lantoa.planning.planner import Planner


def cells(row) -> dict[str, tuple[int, str]]:
    """Month label → (count, status)."""
    return {c.month.label: (c.count, c.status) for c in row.cells}


def rows(grid) -> dict:
    return {r.key: r for r in grid.rows}


def months(first: str, last: str) -> list[str]:
    (m1, y1), (m2, y2) = (map(int, first.split("/")), map(int, last.split("/")))
    out, current = [], Month(y1, m1)
    while current <= Month(y2, m2):
        out.append(current.label)
        current = current.plus(1)
    return out


def test_statistics_window_is_from_first_story_to_today(corpus):
    grid = statistics(corpus, TODAY).grid
    assert [m.label for m in grid.months] == months("3/2024", "9/2025")


def test_statistics_rows_and_cells_equal_hand_counts(corpus):
    grid = statistics(corpus, TODAY, quota=2).grid
    by_key = rows(grid)
    assert list(by_key) == ["huyen-dinh-quan", "huyen-my-tu", "xa-my-tu"]
    my_tu = by_key["huyen-my-tu"]
    quiet = {m: (0, "none") for m in months("3/2024", "6/2025")}
    assert cells(my_tu) == {**quiet, "3/2024": (1, "short"), "10/2024": (1, "short"), "6/2025": (3, "met"),
                            "7/2025": (0, "off"), "8/2025": (0, "off"), "9/2025": (0, "off")}
    assert (my_tu.total, my_tu.met, my_tu.short, my_tu.none, my_tu.quota_months) == (5, 1, 2, 13, 16)
    dinh_quan = by_key["huyen-dinh-quan"]
    assert cells(dinh_quan) == {**quiet, "5/2024": (1, "short"), "7/2025": (1, "off"), "8/2025": (0, "off"),
                                "9/2025": (0, "off")}  # the draft of 6/2024 counts nowhere
    xa = by_key["xa-my-tu"]
    before = {m: (0, "off") for m in months("3/2024", "6/2025")}
    assert cells(xa) == {**before, "7/2025": (3, "met"), "8/2025": (1, "short"), "9/2025": (0, "none")}
    assert grid.total == 11


def test_hand_over_across_the_reform(corpus):
    registry = corpus.units
    last_day, first_day = dt.date(2025, 6, 30), dt.date(2025, 7, 1)
    assert row_key(registry, "huyen-my-tu", last_day) == "huyen-my-tu"
    assert row_key(registry, "xa-my-huong", last_day) == "huyen-my-tu"
    assert row_key(registry, "huyen-my-tu", first_day) == "xa-my-tu"
    assert row_key(registry, "xa-my-huong", first_day) == "xa-my-tu"
    assert row_key(registry, "huyen-dinh-quan", first_day) == "huyen-dinh-quan"  # no successor: stays, no quota


def test_quota_changes_the_standing(corpus):
    grid = statistics(corpus, TODAY, quota=1).grid
    assert cells(rows(grid)["huyen-my-tu"])["3/2024"] == (1, "met")
    grid = statistics(corpus, TODAY, quota=4).grid
    assert cells(rows(grid)["xa-my-tu"])["7/2025"] == (3, "short")


def test_handover_notes_name_successors(corpus):
    notes = statistics(corpus, TODAY).grid.notes
    assert len(notes) == 2
    my_tu = next(n for n in notes if n.startswith("Huyện Mỹ Tú"))
    assert "30/6/2025" in my_tu and "1/7/2025" in my_tu and "xã Mỹ Tú" in my_tu and "7/2025" in my_tu


def test_totals_per_kind_criterion_and_group(corpus):
    totals = statistics(corpus, TODAY).totals
    assert totals.stories == 11
    assert {k.label: k.count for k in totals.kinds} == {"cá nhân": 6, "tập thể": 3, "mô hình": 2}
    assert {(c.campaign_slug, c.criterion_id): c.count for c in totals.criteria} == {
        ("quoc-gia", "tri-thuc"): 2, ("quoc-gia", "trach-nhiem"): 1, ("tinh-nha", "tu-tin"): 1}
    assert {g.label: g.count for g in totals.groups} == {
        "dân tộc thiểu số": 1, "khuyết tật": 1, "đơn thân": 1, "tôn giáo": 1, "vùng biên giới": 1}
    assert {g.label: g.url for g in totals.groups}["khuyết tật"] == "the/khuyet-tat/"


def test_statistics_campaign_summaries(corpus):
    summaries = {c.slug: c.stories for c in statistics(corpus, TODAY).campaigns}
    assert summaries == {"tinh-nha": 7, "quoc-gia": 4, "dot-20-10": 1}


def test_campaign_grid_over_its_period(corpus):
    insight = campaign_insight(corpus, "tinh-nha", TODAY, 2)
    assert [m.label for m in insight.grid.months] == months("8/2022", "9/2025")  # ends 2099: cut at today
    by_key = rows(insight.grid)
    assert {m: v for m, v in cells(by_key["huyen-my-tu"]).items() if v[0]} == {"3/2024": (1, "short"),
                                                                                "6/2025": (3, "met")}
    assert {m: v for m, v in cells(by_key["huyen-dinh-quan"]).items() if v[0]} == {"5/2024": (1, "short"),
                                                                                    "7/2025": (1, "off")}
    assert {m: v for m, v in cells(by_key["xa-my-tu"]).items() if v[0]} == {"7/2025": (1, "short")}
    assert insight.grid.total == 7 and insight.totals.stories == 7 and insight.outside_period == 0
    assert {k.label: k.count for k in insight.totals.kinds} == {"cá nhân": 4, "tập thể": 2, "mô hình": 1}
    assert [(c.criterion_id, c.count) for c in insight.totals.criteria] == [("tu-tin", 1)]


def test_short_campaign_rows_are_the_units_of_its_time(corpus):
    insight = campaign_insight(corpus, "dot-20-10", TODAY, 2)
    assert [m.label for m in insight.grid.months] == ["9/2024", "10/2024"]
    assert [r.key for r in insight.grid.rows] == ["huyen-dinh-quan", "huyen-my-tu"]  # xã Mỹ Tú did not exist yet
    assert cells(rows(insight.grid)["huyen-my-tu"]) == {"9/2024": (0, "none"), "10/2024": (1, "short")}
    assert insight.grid.notes == ()  # nothing ended inside 9–10/2024


def test_campaign_not_started_has_no_grid(corpus):
    insight = campaign_insight(corpus, "dot-20-10", dt.date(2024, 8, 1), 2)
    assert not insight.started and insight.grid.months == () and insight.heatmap == ""


def test_campaign_timeline(corpus):
    events = campaign_insight(corpus, "dot-20-10", TODAY, 2).timeline.events
    assert [(e.date.isoformat(), e.kind, e.label) for e in events] == [
        ("2024-09-01", "launch", "Phát động, bắt đầu thực hiện"),
        ("2024-09-01", "news", "Phát động"),
        ("2024-10-20", "end", "Kết thúc"),
        ("2024-10-21", "nomination", "Xét chọn, đề nghị khen thưởng"),
        ("2024-10-25", "news", "Sơ kết"),  # "hoạt động" news and the draft tổng kết are left out
        ("2025-09-15", "today", "Hôm nay"),
    ]
    assert events[3].until == dt.date(2024, 11, 10)
    assert events[4].url == "tin-tuc/2024/so-ket/"


def test_timeline_launch_is_the_issued_date(corpus):
    events = campaign_insight(corpus, "tinh-nha", dt.date(2022, 7, 30), 2).timeline.events
    assert [(e.date.isoformat(), e.kind) for e in events] == [
        ("2022-07-28", "launch"), ("2022-07-30", "today"), ("2022-08-01", "start"), ("2099-12-31", "end")]
    assert events[0].detail == "Văn bản số 80/KH-BTV"


def test_unit_line_of_a_new_commune(corpus):
    insight = unit_insight(corpus, "xa-my-tu", TODAY, 2)
    assert [(c.month.label, c.count, c.status) for c in insight.row.cells] == [
        ("7/2025", 3, "met"), ("8/2025", 1, "short"), ("9/2025", 0, "none")]
    assert insight.quota_applies
    assert {c.slug: c.stories for c in insight.campaigns} == {"quoc-gia": 3, "tinh-nha": 1}
    assert any("huyện Mỹ Tú" in n and "1/7/2025" in n for n in insight.notes)


def test_unit_line_of_an_abolished_district_ends_with_it(corpus):
    insight = unit_insight(corpus, "huyen-my-tu", TODAY, 2)
    assert [m.label for m in insight.grid.months] == months("3/2024", "6/2025")
    assert insight.row.total == 5 and insight.row.met == 1
    assert any("không còn tính chỉ tiêu" in n for n in insight.notes)


def test_unit_line_of_a_commune_before_the_reform_has_no_quota(corpus):
    insight = unit_insight(corpus, "xa-my-huong", TODAY, 2)
    assert not insight.quota_applies
    assert {c.month.label: c.count for c in insight.row.cells if c.count} == {"10/2024": 1, "6/2025": 1,
                                                                              "7/2025": 1}
    assert {c.status for c in insight.row.cells} == {"off"}
    assert any("huyện Mỹ Tú" in n for n in insight.notes)


def test_unit_links_follow_the_plan(corpus):
    planner = Planner(corpus, Settings(today=TODAY))
    assert set(unit_urls(corpus)) == planner.unit_pages
