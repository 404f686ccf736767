"""The SVG is well-formed with a text alternative; CSV, JSON and the rendered table agree with the figures."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jinja2
import pytest
from bs4 import BeautifulSoup

from insight_corpus import TODAY
from lantoa.insight import campaign_insight, data_files, heatmap_svg, statistics, unit_insight
from lantoa.insight.data import grid_csv
from lantoa.insight.model import Cell, Grid, Month, Row
from lantoa.insight.svg import MET_FILL, NONE_STROKE

NS = "{http://www.w3.org/2000/svg}"
TEMPLATES = Path(__file__).resolve().parents[2] / "plugins" / "lantoa" / "templates"


@pytest.fixture(scope="module")
def stats(corpus):
    return statistics(corpus, TODAY, 2)


@pytest.fixture(scope="module")
def campaigns(corpus):
    return {slug: campaign_insight(corpus, slug, TODAY, 2) for slug in ("tinh-nha", "dot-20-10", "quoc-gia")}


def parse_svg(markup: str) -> ET.Element:
    root = ET.fromstring(markup)
    assert root.tag == NS + "svg" and root.get("role") == "img"
    ids = root.get("aria-labelledby").split()
    labelled = {el.get("id"): el for el in root.iter() if el.get("id") in ids}
    assert [labelled[i].tag for i in ids] == [NS + "title", NS + "desc"]
    assert all(labelled[i].text.strip() for i in ids)
    return root


def test_heatmap_is_well_formed_with_title_and_desc(stats):
    root = parse_svg(stats.heatmap)
    assert root.find(NS + "title").text == "Gương điển hình theo địa bàn và tháng, 3/2024–9/2025"
    desc = root.find(NS + "desc").text
    assert "3 địa bàn" in desc and "19 tháng" in desc and "11 bài" in desc and "2 ô đạt" in desc


def test_heatmap_draws_every_met_cell_solid_and_labels_every_month(stats):
    root = parse_svg(stats.heatmap)
    def drawn(**look):
        return sum(len(g.findall(NS + "rect")) for g in root.iter(NS + "g")
                   if all(g.get(k.replace("_", "-")) == v for k, v in look.items()))

    def tally(status):
        return sum(1 for r in stats.grid.rows for c in r.cells if c.status == status)

    assert drawn(fill=MET_FILL) == tally("met") + 1  # + the legend's swatch
    assert drawn(stroke=NONE_STROKE) == tally("none") + 1
    assert drawn(fill=MET_FILL) == 3 and drawn(stroke=NONE_STROKE) == 30  # 13 + 15 + 1 silent months, + legend
    texts = [t.text for t in root.iter(NS + "text")]
    assert all(m.label in texts for m in stats.grid.months)
    assert all(r.label in texts for r in stats.grid.rows)


def test_heatmap_escapes_labels():
    month = Month(2025, 7)
    grid = Grid((month,), (Row("x", "xã <b>&</b>", None, (Cell(month, 1, "short"),)),), 2)
    markup = heatmap_svg(grid, 'Tiêu đề <script>alert("x")</script>')
    assert "<script>" not in markup and "<b>" not in markup
    root = parse_svg(markup)
    assert root.find(NS + "title").text == 'Tiêu đề <script>alert("x")</script>'


def test_unit_and_timeline_svgs_are_well_formed(corpus, campaigns):
    parse_svg(unit_insight(corpus, "huyen-my-tu", TODAY, 2).heatmap)
    root = parse_svg(campaigns["dot-20-10"].timeline.svg)
    assert "Sơ kết" in root.find(NS + "desc").text


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode("utf-8")), "Excel needs the BOM to read Vietnamese"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def csv_cells(data: bytes) -> dict[tuple[str, str], tuple[int, str]]:
    header, *lines = read_csv(data)
    assert header[:6] == ["Mã địa bàn", "Địa bàn", "Ghi chú", "Tháng", "Năm-tháng", "Số bài"]
    return {(line[0], line[3]): (int(line[5]), line[7]) for line in lines}


def json_cells(data: bytes) -> dict[tuple[str, str], tuple[int, str]]:
    grid = json.loads(data.decode("utf-8"))["grid"]
    labels = dict(zip(grid["months"], grid["month_labels"]))
    return {(u["key"], labels[c["month"]]): (c["count"], c["status_label"]) for u in grid["units"]
            for c in u["cells"]}


def grid_cells(grid) -> dict[tuple[str, str], tuple[int, str]]:
    return {(r.key, c.month.label): (c.count, c.label) for r in grid.rows for c in r.cells}


def test_csv_and_json_agree_with_each_other_and_the_figures(stats, campaigns):
    files = data_files(stats, campaigns)
    assert csv_cells(files["thong-ke/so-lieu.csv"]) == json_cells(files["thong-ke/so-lieu.json"]) \
        == grid_cells(stats.grid)
    for slug, insight in campaigns.items():
        assert csv_cells(files[f"phong-trao/{slug}/so-lieu.csv"]) == json_cells(files[f"phong-trao/{slug}/so-lieu.json"]) \
            == grid_cells(insight.grid)
    assert csv_cells(files["thong-ke/so-lieu.csv"])[("huyen-my-tu", "6/2025")] == (3, "Đạt")


def test_totals_csv_and_json_agree(stats, campaigns):
    files = data_files(stats, campaigns)
    data = json.loads(files["thong-ke/so-lieu.json"])["totals"]
    lines = read_csv(files["thong-ke/tong-hop.csv"])[1:]
    kinds = {line[2]: int(line[3]) for line in lines if line[0] == "Loại điển hình"}
    groups = {line[2]: int(line[3]) for line in lines if line[0] == "Nhóm đặc thù"}
    assert kinds == data["subject_kinds"] == {"cá nhân": 6, "tập thể": 3, "mô hình": 2}
    assert groups == data["special_groups"]
    assert int(lines[0][3]) == data["stories"] == 11


def test_data_files_are_deterministic(corpus, stats, campaigns):
    again = {slug: campaign_insight(corpus, slug, TODAY, 2) for slug in campaigns}
    assert data_files(stats, campaigns) == data_files(statistics(corpus, TODAY, 2), again)


# ---- the partials, rendered with autoescape as MkDocs would -----------------------------
def render(template: str, **context) -> BeautifulSoup:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False)
    env.filters["url"] = lambda value: "/" + value
    return BeautifulSoup(env.get_template(template).render(**context), "html.parser")


def table_cells(soup: BeautifulSoup) -> dict[tuple[str, str], int | None]:
    table = soup.find("table", class_="lt-quota")
    months = [th.get_text(strip=True) for th in table.thead.find_all("th")][1:-2]
    out = {}
    for tr in table.tbody.find_all("tr"):
        link = tr.th.a
        key = link["href"].strip("/").split("/")[-1] if link else tr.th.get_text(strip=True)
        for month, td in zip(months, tr.find_all("td")):
            number = td.find(string=True, recursive=False)
            out[(key, month)] = int(number) if number and number.strip() else None
    return out


def test_campaign_partial_table_agrees_with_csv(campaigns):
    insight = campaigns["tinh-nha"]
    soup = render("lantoa/partials/insight-campaign.html", insight=insight)
    from_csv = csv_cells(grid_csv(insight.grid))
    shown = table_cells(soup)
    assert shown.keys() == from_csv.keys()
    for key, (count, label) in from_csv.items():
        assert shown[key] == (None if count == 0 and label == "Không tính chỉ tiêu" else count), key
    assert soup.find("svg", attrs={"role": "img"}) is not None
    assert soup.find("li", attrs={"aria-current": "date"}).get_text(" ", strip=True).startswith("15/9/2025")


def test_campaign_partial_marks_status_in_text(campaigns):
    soup = render("lantoa/partials/insight-campaign.html", insight=campaigns["tinh-nha"])
    met = soup.find("td", class_="lt-q--met")
    assert "✓" in met.get_text() and "đạt" in met.find(class_="lt-sr").get_text()
    assert "thiếu" in soup.find("td", class_="lt-q--short").find(class_="lt-sr").get_text()
    assert "Huyện Mỹ Tú tồn tại đến hết ngày 30/6/2025" in soup.get_text()


def test_unit_partial_lists_the_line_and_campaigns(corpus):
    soup = render("lantoa/partials/insight-unit.html", insight=unit_insight(corpus, "xa-my-tu", TODAY, 2))
    rows = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
            for tr in soup.find("table").tbody.find_all("tr")]
    assert rows == [["7/2025", "3", "✓ Đạt"], ["8/2025", "1", "◐ Thiếu"], ["9/2025", "0", "✗ Không có bài"]]
    campaigns = soup.find_all("table")[1].tbody.find_all("tr")
    assert [tr.find_all("td")[-1].get_text() for tr in campaigns] == ["3", "1"]


def test_partials_escape_content(corpus):
    insight = unit_insight(corpus, "xa-my-tu", TODAY, 2)
    hostile = type(insight)(**{**insight.__dict__, "notes": ("<script>alert(1)</script>",)})
    soup = render("lantoa/partials/insight-unit.html", insight=hostile)
    assert soup.find("script") is None and "<script>alert(1)</script>" in soup.get_text()
