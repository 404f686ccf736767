"""SVG drawn at build time (no chart JavaScript): the quota heat map and the campaign timeline.

Built with ElementTree, so every label is escaped. Each drawing carries
role="img", a <title> and a <desc> it is labelled by; the figures themselves are
in an HTML table next to it. Status is told by pattern and text as well as colour:
met = solid dark with the count in white, short = stripes with the count,
none = an empty outlined box, no quota = flat grey.
"""
from __future__ import annotations

import functools
import hashlib
import xml.etree.ElementTree as ET

from .. import text
from .model import MET, NONE, OFF, SHORT, STATUS_LABELS, Grid, Timeline

SVG_NS = "http://www.w3.org/2000/svg"
CELL, PITCH, HEAD, FONT = 18, 20, 54, 11
INK, MUTED = "#1f1f1f", "#4d4d4d"
MET_FILL, SHORT_FILL, SHORT_STRIPE, NONE_STROKE, OFF_FILL = "#1b5e20", "#ffe08a", "#d9ad2b", "#b3261e", "#e3e3e3"


def _root(width: float, height: float, title: str, desc: str, key: str) -> tuple[ET.Element, str]:
    uid = "lt-svg-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
    svg = ET.Element("svg", {"xmlns": SVG_NS, "class": "lt-svg", "role": "img",
                             "aria-labelledby": f"{uid}-t {uid}-d", "width": _n(width), "height": _n(height),
                             "viewBox": f"0 0 {_n(width)} {_n(height)}"})
    ET.SubElement(svg, "title", {"id": f"{uid}-t"}).text = title
    ET.SubElement(svg, "desc", {"id": f"{uid}-d"}).text = desc
    return svg, uid


def _n(value: float) -> str:
    # The same few coordinates recur in every row and column. 0.0 and -0.0 share a cache key but print apart.
    return _number(value) if value else _format(value)


def _format(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


_number = functools.lru_cache(maxsize=4096)(_format)


def _text(parent: ET.Element, x: float, y: float, content: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, "text", {"x": _n(x), "y": _n(y), **attrs})
    element.text = content
    return element


def _serialize(svg: ET.Element) -> str:
    return ET.tostring(svg, encoding="unicode", short_empty_elements=True)


# ---- heat map ---------------------------------------------------------------------
def heatmap_desc(grid: Grid) -> str:
    if not grid.months:
        return "Chưa có tháng nào để thống kê."
    cells = [c for r in grid.rows for c in r.cells]
    tally = {s: sum(1 for c in cells if c.status == s) for s in (MET, SHORT, NONE)}
    return (f"{len(grid.rows)} địa bàn, {len(grid.months)} tháng từ {grid.months[0].label} đến "
            f"{grid.months[-1].label}, {grid.total} bài. Chỉ tiêu {grid.quota} bài mỗi địa bàn mỗi tháng: "
            f"{tally[MET]} ô đạt, {tally[SHORT]} ô thiếu, {tally[NONE]} ô không có bài. "
            "Số liệu đầy đủ ở bảng đi kèm.")


_drawn: dict[str, tuple[Grid, str]] = {}  # title → the grid last drawn under it, and its SVG


def heatmap_svg(grid: Grid, title: str) -> str:
    """The heat map of `grid`; the SVG drawn last time for an equal grid and title (serve plans
    the site again on every save: 83 maps at 10,000 stories, 0.12 s, mostly unchanged)."""
    drawn = _drawn.get(title)
    if drawn is not None and drawn[0] == grid:
        return drawn[1]
    if len(_drawn) > 4096:
        _drawn.clear()
    svg = _heatmap_svg(grid, title)
    _drawn[title] = (grid, svg)
    return svg


def _heatmap_svg(grid: Grid, title: str) -> str:
    label_width = min(260, max(90, 12 + round(6.6 * max((len(r.label) for r in grid.rows), default=8))))
    body_height = HEAD + PITCH * len(grid.rows)
    width = max(label_width + PITCH * len(grid.months) + 8, 600)
    key = f"{title}|{len(grid.rows)}|{grid.first}|{grid.last}"
    svg, uid = _root(width, body_height + 40, title, heatmap_desc(grid), key)
    _pattern(svg, uid)
    chart = ET.SubElement(svg, "g", {"font-family": "sans-serif", "font-size": str(FONT), "fill": INK})
    for i, month in enumerate(grid.months):
        x = label_width + i * PITCH + CELL / 2 + 4
        _text(chart, 0, 0, month.label, transform=f"translate({_n(x)} {HEAD - 4}) rotate(-90)")
    labels = ET.SubElement(chart, "g", {"text-anchor": "end"})
    layers = _layers(chart, uid)
    for j, row in enumerate(grid.rows):
        y = HEAD + j * PITCH
        _text(labels, label_width - 6, y + 13, row.label)
        _row_cells(layers, row.cells, label_width, y)
    _legend(chart, grid.quota, body_height + 14, uid)
    return _serialize(svg)


def _layers(parent: ET.Element, uid: str) -> dict[str, ET.Element]:
    """One group per look, so each cell is a bare rect (the page stays light at 76 units × 60 months)."""
    return {
        OFF: ET.SubElement(parent, "g", _look(OFF, uid)),
        MET: ET.SubElement(parent, "g", _look(MET, uid)),
        SHORT: ET.SubElement(parent, "g", _look(SHORT, uid)),
        NONE: ET.SubElement(parent, "g", _look(NONE, uid)),
        "ink": ET.SubElement(parent, "g", {"text-anchor": "middle"}),
        "white": ET.SubElement(parent, "g", {"text-anchor": "middle", "fill": "#ffffff"}),
    }


def _look(status: str, uid: str) -> dict[str, str]:
    return {MET: {"fill": MET_FILL}, SHORT: {"fill": f"url(#{uid}-short)"},
            NONE: {"fill": "#ffffff", "stroke": NONE_STROKE, "stroke-width": "1.5"},
            OFF: {"fill": OFF_FILL}}[status]


def _pattern(svg: ET.Element, uid: str) -> None:
    defs = ET.SubElement(svg, "defs")
    pattern = ET.SubElement(defs, "pattern", {"id": f"{uid}-short", "width": "6", "height": "6",
                                              "patternUnits": "userSpaceOnUse",
                                              "patternTransform": "rotate(45)"})
    ET.SubElement(pattern, "rect", {"width": "6", "height": "6", "fill": SHORT_FILL})
    ET.SubElement(pattern, "rect", {"width": "1.5", "height": "6", "fill": SHORT_STRIPE})


def _row_cells(layers: dict[str, ET.Element], cells, left: float, y: float) -> None:
    i = 0
    while i < len(cells):
        cell, x = cells[i], left + i * PITCH
        if cell.status == OFF and cell.count == 0:
            run = i
            while run < len(cells) and cells[run].status == OFF and cells[run].count == 0:
                run += 1
            _rect(layers[OFF], x, y, OFF, width=(run - i) * PITCH - (PITCH - CELL))
            i = run
            continue
        _rect(layers[cell.status], x, y, cell.status)
        if cell.count:
            _text(layers["white" if cell.status == MET else "ink"], x + CELL / 2, y + 13, str(cell.count))
        i += 1


def _rect(parent: ET.Element, x: float, y: float, status: str, width: float = CELL) -> None:
    inset = .75 if status == NONE else 0  # keeps the outline inside the cell
    ET.SubElement(parent, "rect", {"x": _n(x + inset), "y": _n(y + inset), "width": _n(width - 2 * inset),
                                   "height": _n(CELL - 2 * inset)})


def _cell(parent: ET.Element, x: float, y: float, status: str, uid: str) -> None:
    group = ET.SubElement(parent, "g", _look(status, uid))
    _rect(group, x, y, status)


def _legend(parent: ET.Element, quota: int, y: float, uid: str) -> None:
    items = [(MET, f"Đạt (từ {quota} bài)"), (SHORT, f"Thiếu (dưới {quota} bài)"), (NONE, STATUS_LABELS[NONE]),
             (OFF, STATUS_LABELS[OFF])]
    x = 0
    for status, label in items:
        _cell(parent, x, y, status, uid)
        _text(parent, x + CELL + 5, y + 13, label)
        x += CELL + 5 + round(6.4 * len(label)) + 16


# ---- timeline -----------------------------------------------------------------------
def timeline_svg(timeline: Timeline, title: str) -> str:
    """The period as a bar, the nomination window as a band, reviews as dots, today as a line."""
    dates = [e.date for e in timeline.events] + [e.until for e in timeline.events if e.until]
    first, last = min(dates), max(dates)
    span = max((last - first).days, 1)
    width, left, right, axis = 640, 10, 630, 44
    x = lambda day: left + (right - left) * (day - first).days / span  # noqa: E731
    desc = "; ".join(f"{e.date_text}{' – ' + e.until_text if e.until else ''}: {e.label}"
                     + (f" ({e.detail})" if e.detail and e.kind != 'today' else "") for e in timeline.events)
    svg, uid = _root(width, 84, title, desc + ".", f"{title}|{first}|{last}")
    chart = ET.SubElement(svg, "g", {"font-family": "sans-serif", "font-size": str(FONT), "fill": INK})
    if timeline.start:
        end = timeline.end or last
        ET.SubElement(chart, "rect", {"x": _n(x(timeline.start)), "y": str(axis - 6),
                                      "width": _n(max(x(end) - x(timeline.start), 2)), "height": "12",
                                      "fill": "#c5dcef", "stroke": "#0d47a1"})
    for event in timeline.events:
        _timeline_mark(chart, event, x, axis)
    _text(chart, left, 80, text.format_date(first))
    _text(chart, right, 80, text.format_date(last), **{"text-anchor": "end"})
    return _serialize(svg)


def _timeline_mark(chart: ET.Element, event, x, axis: float) -> None:
    at = x(event.date)
    if event.kind == "nomination" and event.until:
        ET.SubElement(chart, "rect", {"x": _n(at), "y": str(axis - 12), "width": _n(max(x(event.until) - at, 3)),
                                      "height": "24", "fill": SHORT_FILL, "stroke": SHORT_STRIPE})
    elif event.kind == "today":
        ET.SubElement(chart, "line", {"x1": _n(at), "x2": _n(at), "y1": "16", "y2": str(axis + 16),
                                      "stroke": NONE_STROKE, "stroke-width": "2"})
        anchor = "end" if at > 560 else "start" if at < 80 else "middle"
        _text(chart, at, 12, "Hôm nay", fill=NONE_STROKE, **{"text-anchor": anchor, "font-weight": "bold"})
    else:
        ET.SubElement(chart, "circle", {"cx": _n(at), "cy": str(axis), "r": "4", "fill": INK if event.kind == "news"
                                        else "#0d47a1", "stroke": "#ffffff"})
