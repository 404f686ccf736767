"""The fast JSON and SVG writers give exactly what json.dumps and ElementTree give."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from lantoa.insight.data import GRID_HEADER, grid_csv, to_json
from lantoa.insight.model import Cell, Grid, Month, Row
from lantoa.insight.svg import _n, _serialize


@pytest.mark.parametrize("data", [
    {}, [], "x", 3, [[[]]],
    {"a": [], "b": {}, "c": [1, 2.5, float("nan"), True, False, None, 'q"\\é\n\t'], "d": {"e": (1,)}},
    {"cells": [{"month": "2024-01", "count": 0, "status": "off", "status_label": "Không tính chỉ tiêu"}]},
])
def test_json_is_json_dumps_with_indent_1(data):
    assert to_json(data) == (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def test_svg_serialisation_is_elementtree_s():
    root = ET.Element("svg", {"xmlns": "http://www.w3.org/2000/svg", "aria-label": 'a & b < "c" >\n\t\r'})
    ET.SubElement(root, "title").text = "Tân & <Hòa>"
    group = ET.SubElement(root, "g", {"fill": "#fff"})
    ET.SubElement(group, "rect", {"x": "1", "y": "2"})
    ET.SubElement(group, "text").text = ""
    ET.SubElement(root, "desc").text = "mô tả"
    assert _serialize(root) == ET.tostring(root, encoding="unicode")


def test_numbers_print_short_and_keep_the_sign_of_zero():
    assert [_n(v) for v in (1, 1.0, 2.25, 13.0, 0.0, -0.0, 0.75)] == ["1", "1", "2.2", "13", "0", "-0", "0.8"]


def test_grid_csv_is_what_the_csv_module_writes():
    months = (Month(2024, 1), Month(2024, 2))
    rows = (Row("a", 'xã "Tân", Hòa', None, (Cell(months[0], 3, "met"), Cell(months[1], 0, "off")), "đến\n1/7"),
            Row("b", "phường Một", None, (Cell(months[0], 0, "none"), Cell(months[1], 1, "short")), ""))
    grid = Grid(months, rows, 2)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(GRID_HEADER)
    writer.writerows((r.key, r.label, r.note, c.month.label, c.month.iso, c.count,
                      grid.quota if c.status != "off" else "", c.label) for r in grid.rows for c in r.cells)
    assert grid_csv(grid) == ("\ufeff" + out.getvalue()).encode("utf-8")
