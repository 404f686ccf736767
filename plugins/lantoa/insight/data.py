"""The figures as files for reports upward: CSV (UTF-8 with BOM, for Excel) and JSON, byte-for-byte stable."""
from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from typing import Any

from .model import MET, NONE, OFF, SHORT, CampaignInsight, Grid, Row, Statistics, Totals

GRID_HEADER = ("Mã địa bàn", "Địa bàn", "Ghi chú", "Tháng", "Năm-tháng", "Số bài", "Chỉ tiêu", "Đánh giá")
TOTALS_HEADER = ("Nhóm", "Phong trào", "Mục", "Số bài")


def data_files(stats: Statistics, campaigns: dict[str, CampaignInsight]) -> dict[str, bytes]:
    """Site-relative path → bytes, for the statistics page and every campaign given."""
    files = {
        stats.csv_url: grid_csv(stats.grid),
        stats.totals_url: totals_csv(stats.totals),
        stats.json_url: to_json(statistics_data(stats)),
    }
    for slug in sorted(campaigns):
        insight = campaigns[slug]
        files[insight.csv_url] = grid_csv(insight.grid)
        files[insight.totals_url] = totals_csv(insight.totals)
        files[insight.json_url] = to_json(campaign_data(insight))
    return files


def totals_rows(totals: Totals) -> list[tuple]:
    rows = [("Tổng số", "", "Gương điển hình", totals.stories)]
    rows += [("Loại điển hình", "", k.label, k.count) for k in totals.kinds]
    rows += [("Tiêu chí", c.campaign, c.name, c.count) for c in totals.criteria]
    rows += [("Nhóm đặc thù", "", g.label, g.count) for g in totals.groups]
    return rows


def _csv(header: tuple, rows: list[tuple]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def grid_csv(grid: Grid) -> bytes:
    """One line per unit and month, exactly the cells of the page's table (each row's unit fields quoted once)."""
    lines = [",".join(map(_field, GRID_HEADER))]
    for row in grid.rows:
        head = ",".join(map(_field, (row.key, row.label, row.note)))
        for cell in row.cells:
            quota = str(grid.quota) if cell.status != OFF else ""
            lines.append(f"{head},{_field(cell.month.label)},{_field(cell.month.iso)},{cell.count},{quota},"
                         f"{_field(cell.label)}")
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


_NEEDS_QUOTES = re.compile(r'[,"\r\n]')


def _field(text: str) -> str:
    """One field as the csv module's default (excel) dialect writes it, in a row of several fields."""
    return '"' + text.replace('"', '""') + '"' if _NEEDS_QUOTES.search(text) else text


def totals_csv(totals: Totals) -> bytes:
    return _csv(TOTALS_HEADER, totals_rows(totals))


def to_json(data: dict[str, Any]) -> bytes:
    """Exactly `json.dumps(data, ensure_ascii=False, indent=1)`, written without its generator chain
    (several times faster on the large campaign grids)."""
    out: list[str] = []
    _write(data, 0, out)
    return ("".join(out) + "\n").encode("utf-8")


_quote = json.encoder.encode_basestring  # what json.dumps uses with ensure_ascii=False


def _write(value: Any, depth: int, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(_quote(value))
    elif value is None or value is True or value is False:
        out.append({None: "null", True: "true", False: "false"}[value])
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(json.dumps(value))
    elif isinstance(value, dict):
        flat = _flat(value, depth)
        if flat is None:
            _write_items(value.items(), "{}", depth, out)
        else:
            out.append(flat)
    elif isinstance(value, (list, tuple)):
        _write_items(value, "[]", depth, out)
    else:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _flat(mapping: dict, depth: int) -> str | None:
    """A non-empty mapping of strings and integers (a grid cell) in one piece; None for any other."""
    parts = []
    for key, item in mapping.items():
        kind = type(item)
        if kind is str and type(key) is str:
            parts.append(f"{_quote(key)}: {_quote(item)}")
        elif kind is int and type(key) is str:
            parts.append(f"{_quote(key)}: {int.__repr__(item)}")
        else:
            return None
    if not parts:
        return None
    pad = "\n" + " " * (depth + 1)
    return "{" + pad + ("," + pad).join(parts) + "\n" + " " * depth + "}"


def _write_items(items, brackets: str, depth: int, out: list[str]) -> None:
    if not items:
        out.append(brackets)
        return
    pad = "\n" + " " * (depth + 1)
    separator = brackets[0] + pad
    for item in items:
        if brackets == "{}":
            key, item = item
            if not isinstance(key, str):
                raise TypeError(f"keys must be str, not {type(key).__name__}")
            separator += _quote(key) + ": "
        kind = type(item)
        if kind is str:  # most values: written here rather than through _write
            out.append(separator + _quote(item))
        elif kind is int:
            out.append(separator + int.__repr__(item))
        else:
            out.append(separator)
            _write(item, depth + 1, out)
        separator = "," + pad
    out.append("\n" + " " * depth + brackets[1])


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
