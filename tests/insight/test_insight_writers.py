"""The statistics writers: short SVG numbers, and the grid CSV is what the csv module writes."""
from __future__ import annotations

import csv
import io


from lantoa.insight.data import GRID_HEADER, grid_csv
from lantoa.insight.model import Cell, Grid, Month, Row
from lantoa.insight.svg import _n


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
