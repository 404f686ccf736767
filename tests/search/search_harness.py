"""A tiny site for the search tests: index built from SearchDocs, the real search templates
rendered with a stub main.html, served under a sub-path (/sub/) to catch root-URL mistakes."""
from __future__ import annotations

import datetime as dt
import functools
import http.server
import shutil
import threading
from pathlib import Path

import jinja2
import material

from lantoa.search import INDEX_URL, SEARCH_PAGE_URL, Facets, SearchDoc, build_index

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "plugins" / "lantoa"
MATERIAL = Path(material.__file__).parent / "templates"  # wherever the venv is (worktrees have none)

STUB_MAIN = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>t</title>
<link rel="stylesheet" href="{{ lantoa_assets }}search/search.css"></head>
<body><input class="md-toggle" type="checkbox" id="__search">
<header>{% include "partials/search.html" %}</header>
<main>{% block content %}<p>Trang chủ</p>{% endblock %}</main>
{% include "lantoa/partials/search-scripts.html" %}</body></html>"""

BASE = dict(
    kind="story", kind_label="Gương điển hình", subject_kind="cá nhân", unit_keys=(),
    unit_label="", unit_terms=(), campaign_keys=(), campaign_terms=(), criteria=(), tags=(),
    summary="", body="",
)


def doc(url: str, title: str, date: dt.date | None = None, **fields) -> SearchDoc:
    return SearchDoc(url=url, title=title, date=date, **{"subject": None, **BASE, **fields})


BAC_SON = ("huyen-bac-son", "xa-tan-thanh")
DOCS = [
    doc("cau-chuyen/2022/dao-thi-hoa/", "Đào Thị Hoa, người giữ nghề dệt thổ cẩm", dt.date(2022, 9, 20),
        subject="Đào Thị Hoa", unit_keys=BAC_SON, unit_label="xã Tân Thành, huyện Bắc Sơn",
        unit_terms=("xã Tân Thành", "huyện Bắc Sơn", "H. Bắc Sơn"),
        campaign_keys=("thoi-dai-moi",), campaign_terms=("Xây dựng người Phụ nữ Việt Nam thời đại mới",),
        criteria=("Sáng tạo",), summary="Chị Hoa đưa thổ cẩm của bản ra chợ phiên.",
        body="Ở xã Tân Thành, chị Đào Thị Hoa cùng chị em phụ nữ giữ nghề dệt. Mỗi tấm vải mất nửa tháng."),
    doc("cau-chuyen/2023/nguyen-thi-mai/", "Nguyễn Thị Mai làm giàu từ vườn bưởi", dt.date(2023, 3, 8),
        subject="Nguyễn Thị Mai", unit_keys=("huyen-dinh-quan", "xa-phu-loi"),
        unit_label="xã Phú Lợi, huyện Định Quán", unit_terms=("xã Phú Lợi", "huyện Định Quán"),
        campaign_keys=("khoi-nghiep",), campaign_terms=("Phụ nữ khởi nghiệp",),
        summary="Từ hai sào đất cằn, chị Mai có vườn bưởi cho thu nhập ổn định.",
        body="Chị Mai vay vốn của Hội, học kỹ thuật trồng bưởi và giúp nhiều hội viên thoát nghèo."),
    doc("tin-tuc/2023/hoc-tap-nguyen-thi-mai/", "Học tập chị Nguyễn Thị Mai, Nguyễn Thị Mai và bạn",
        dt.date(2023, 5, 1), kind="news", kind_label="Tin tức", subject_kind=None,
        unit_keys=("huyen-dinh-quan",), unit_label="huyện Định Quán", unit_terms=("huyện Định Quán",),
        summary="Hội nghị học tập gương chị Nguyễn Thị Mai.",
        body="Nguyễn Thị Mai, Nguyễn Thị Mai, Nguyễn Thị Mai: hội viên nhắc tên chị nhiều lần."),
    doc("cau-chuyen/2024/to-tiet-kiem-my-tu/", "Tổ tiết kiệm của chị em Mỹ Tú", dt.date(2024, 10, 20),
        subject="Tổ phụ nữ tiết kiệm ấp Mỹ Thuận", subject_kind="tập thể",
        unit_keys=("huyen-my-tu",), unit_label="huyện Mỹ Tú", unit_terms=("huyện Mỹ Tú", "H. Mỹ Tú"),
        campaign_keys=("thoi-dai-moi",), campaign_terms=("Xây dựng người Phụ nữ Việt Nam thời đại mới",),
        summary="Ba mươi chị em phụ nữ góp tiết kiệm mỗi tháng.",
        body="Tổ tiết kiệm giúp hội viên nghèo có vốn nuôi heo, trồng rau."),
    doc("cau-chuyen/2021/mo-hinh-bac-son/", "Mô hình đường hoa ở Bắc Sơn", dt.date(2021, 6, 28),
        subject="Đường hoa phụ nữ thôn Quỳnh Sơn", subject_kind="mô hình",
        unit_keys=("huyen-bac-son", "xa-quynh-son"), unit_label="xã Quỳnh Sơn, huyện Bắc Sơn",
        unit_terms=("xã Quỳnh Sơn", "huyện Bắc Sơn", "H. Bắc Sơn"),
        campaign_keys=("5-khong-3-sach",), campaign_terms=("Gia đình 5 không, 3 sạch",),
        summary="Con đường hoa dài hai cây số do chị em trồng.",
        body="Phụ nữ thôn trồng hoa hai bên đường, mỗi nhà nhận chăm một đoạn, phù hợp cảnh quan."),
    doc("gioi-thieu/", "Giới thiệu <img src=x onerror=alert(1)>", None, kind="page",
        kind_label="Trang", subject_kind=None, summary="Trang giới thiệu của Hội.",
        body="Hội Liên hiệp Phụ nữ tỉnh."),
]
FACETS = Facets(
    campaigns=(("thoi-dai-moi", "Xây dựng người Phụ nữ Việt Nam thời đại mới"),
               ("khoi-nghiep", "Phụ nữ khởi nghiệp"), ("5-khong-3-sach", "Gia đình 5 không, 3 sạch")),
    units=(("huyen-bac-son", "huyện Bắc Sơn (cũ)"), ("huyen-dinh-quan", "huyện Định Quán (cũ)"),
           ("huyen-my-tu", "huyện Mỹ Tú (cũ)"), ("xa-tan-thanh", "xã Tân Thành")),
    years=(2024, 2023, 2022, 2021),
    subject_kinds=("cá nhân", "tập thể", "mô hình"),
)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.ChoiceLoader([
        jinja2.DictLoader({"main.html": STUB_MAIN}),
        jinja2.FileSystemLoader(PACKAGE / "templates"),
        jinja2.FileSystemLoader(MATERIAL),
    ]))
    return env


def render(template: str, base_url: str) -> str:
    env = _environment()
    env.filters["url"] = lambda path: f"{base_url}/{path}"
    # lantoa_assets is set by our base.html, which the stub main.html stands in for.
    return env.get_template(template).render(
        base_url=base_url, config={"theme": {"icon": {}}}, page=None, lantoa_assets=f"{base_url}/assets/lantoa/")


def build_site(site: Path, docs=DOCS, facets=FACETS) -> Path:
    """Write the harness site into site/ and return it."""
    build_index(list(docs), facets, site / INDEX_URL)
    shutil.copytree(PACKAGE / "assets", site / "assets" / "lantoa", dirs_exist_ok=True)
    (site / "index.html").write_text(render("main.html", "."), encoding="utf-8")
    (site / "404.html").write_text(render("main.html", "/sub"), encoding="utf-8")  # absolute, as MkDocs does
    page = site / SEARCH_PAGE_URL / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(render("lantoa/search.html", ".."), encoding="utf-8")
    for d in docs:
        target = site / d.url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render("main.html", "/".join([".."] * d.url.strip("/").count("/") + [".."])),
                          encoding="utf-8")
    return site


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path):
    """Serve a folder on 127.0.0.1 in a thread; returns (base_url, server)."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server
