"""The figures as files for reports upward: CSV (UTF-8 with BOM, for Excel) and JSON, byte-for-byte stable."""
from __future__ import annotations

import csv
import io
import json
from collections import Counter
from typing import Any

from .model import MET, NONE, OFF, SHORT, CampaignInsight, Grid, Row, Statistics, Totals

GRID_HEADER = ("Mã địa bàn", "Địa bàn", "Ghi chú", "Tháng", "Năm-tháng", "Số bài", "Chỉ tiêu", "Đánh giá")
TOTALS_HEADER = ("Nhóm", "Phong trào", "Mục", "Số bài")


def data_files(stats: Statistics, campaigns: dict[str, CampaignInsight]) -> dict[str, bytes]:
    """Site-relative path → bytes, for the statistics page and every campaign given."""
    files = statistics_files(stats)
    for slug in sorted(campaigns):
        files.update(campaign_files(campaigns[slug]))
    return files


def statistics_files(stats: Statistics) -> dict[str, bytes]:
    return {
        stats.csv_url: grid_csv(stats.grid),
        stats.totals_url: totals_csv(stats.totals),
        stats.json_url: to_json(statistics_data(stats)),
    }


def campaign_files(insight: CampaignInsight) -> dict[str, bytes]:
    return {
        insight.csv_url: grid_csv(insight.grid),
        insight.totals_url: totals_csv(insight.totals),
        insight.json_url: to_json(campaign_data(insight)),
    }


def totals_rows(totals: Totals) -> list[tuple]:
    rows = [("Tổng số", "", "Gương điển hình", totals.stories)]
    rows += [("Loại điển hình", "", k.label, k.count) for k in totals.kinds]
    rows += [("Tiêu chí", c.campaign, c.name, c.count) for c in totals.criteria]
    rows += [("Nhóm đặc thù", "", g.label, g.count) for g in totals.groups]
    return rows


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A text cell a spreadsheet would read as a formula, prefixed with ' (OWASP CSV injection):
    a place or criterion named "=HYPERLINK(…)" stays text. Numbers are left as numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _csv(header: tuple, rows) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([safe_cell(v) for v in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def grid_csv(grid: Grid) -> bytes:
    """One line per unit and month, exactly the cells of the page's table."""
    return _csv(GRID_HEADER, ((row.key, row.label, row.note, cell.month.label, cell.month.iso, cell.count,
                               grid.quota if cell.status != OFF else "", cell.label)
                              for row in grid.rows for cell in row.cells))


def totals_csv(totals: Totals) -> bytes:
    return _csv(TOTALS_HEADER, totals_rows(totals))


def to_json(data: dict[str, Any]) -> bytes:
    # Compact: json's C encoder only runs without indent (indent=1 was most of the statistics' cost).
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def grid_data(grid: Grid) -> dict[str, Any]:
    return {
        "quota": grid.quota,
        "months": [m.iso for m in grid.months],
        "month_labels": [m.label for m in grid.months],
        "units": [_row_data(r) for r in grid.rows],
        "month_totals": list(grid.month_totals),
        "notes": list(grid.notes),
    }


def _row_data(row: Row) -> dict[str, Any]:
    tally = Counter(c.status for c in row.cells)  # row.met, row.short, row.none in one pass
    return {"key": row.key, "label": row.label, "note": row.note, "url": row.url, "total": row.total,
            "months_met": tally[MET], "months_short": tally[SHORT], "months_none": tally[NONE],
            "cells": [{"month": c.month.iso, "count": c.count, "status": c.status, "status_label": c.label}
                      for c in row.cells]}


def totals_data(totals: Totals) -> dict[str, Any]:
    return {
        "stories": totals.stories,
        "subject_kinds": {k.label: k.count for k in totals.kinds},
        "criteria": [{"campaign": c.campaign_slug, "campaign_title": c.campaign, "criterion": c.criterion_id,
                      "name": c.name, "count": c.count} for c in totals.criteria],
        "special_groups": {g.label: g.count for g in totals.groups},
    }


def statistics_data(stats: Statistics) -> dict[str, Any]:
    return {"scope": "site", "date": stats.today.isoformat(), "grid": grid_data(stats.grid),
            "totals": totals_data(stats.totals),
            "campaigns": [{"slug": c.slug, "title": c.title, "status": c.status, "stories": c.stories}
                          for c in stats.campaigns]}


def campaign_data(insight: CampaignInsight) -> dict[str, Any]:
    timeline = [{"date": e.date.isoformat(), "until": e.until.isoformat() if e.until else None, "kind": e.kind,
                 "label": e.label, "detail": e.detail} for e in insight.timeline.events if e.kind != "today"]
    return {"scope": "campaign", "campaign": insight.slug, "title": insight.title, "date": insight.today.isoformat(),
            "grid": grid_data(insight.grid), "totals": totals_data(insight.totals),
            "outside_period": insight.outside_period, "timeline": timeline}
