"""Whole build: the statistics page's and each campaign page's table agree with the CSV and JSON in site/."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.slow


def page_table(html: Path) -> dict[tuple[str, str], int | None]:
    """(row heading as shown, month) → the number in the cell (None for an empty no-quota cell)."""
    table = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select_one(".lt-scroll table.lt-quota")
    months = [th.get_text(strip=True) for th in table.thead.find_all("th")][1:-2]
    out = {}
    for tr in table.tbody.find_all("tr"):
        row = tr.th.get_text(" ", strip=True)
        for month, td in zip(months, tr.find_all("td")):
            number = td.find(string=True, recursive=False)
            out[(row, month)] = int(number) if number and number.strip() else None
    return out


def heading(label: str, note: str) -> str:
    return f"{label} ({note})" if note else label


def csv_table(path: Path) -> dict[tuple[str, str], int | None]:
    data = path.read_bytes()
    assert data.startswith("\ufeff".encode("utf-8"))
    _, *lines = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    return {(heading(line[1], line[2]), line[3]): (None if line[7] == "Không tính chỉ tiêu" and line[5] == "0"
                                                   else int(line[5])) for line in lines}


def json_table(path: Path) -> dict[tuple[str, str], int | None]:
    grid = json.loads(path.read_text(encoding="utf-8"))["grid"]
    labels = dict(zip(grid["months"], grid["month_labels"]))
    return {(heading(u["label"], u["note"]), labels[c["month"]]): (None if c["status"] == "off" and not c["count"]
                                                                  else c["count"])
            for u in grid["units"] for c in u["cells"]}


def scopes(site: Path) -> list[Path]:
    folders = [site / "thong-ke"] + sorted(p.parent for p in (site / "phong-trao").glob("*/so-lieu.csv"))
    return [f for f in folders if (f / "so-lieu.csv").exists()]


def test_built_tables_agree_with_csv_and_json(example_site):
    found = scopes(example_site)
    assert found and found[0].name == "thong-ke", "the statistics page's data files are missing"
    assert len(found) > 1, "no campaign has data files"
    for folder in found:
        shown = page_table(folder / "index.html")
        assert shown, folder
        assert shown == csv_table(folder / "so-lieu.csv") == json_table(folder / "so-lieu.json"), folder
