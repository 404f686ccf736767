"""scripts/bench search [--n 1000,10000] [--keep DIR] [--no-browser] [--no-relevance]

First the relevance of the issue-22 query set on the example site, Lan Tỏa beside Pagefind stock
and tuned (search_relevance.py). Then, for each N, generates N synthetic Vietnamese stories as
SearchDocs, builds the search index and prints: its total size, the bytes (gzip, as a server sends
them) a reader downloads for a first query, and the time from the last keystroke to results
painted in headless Chromium, debounce included, measured in the page (from the input event's
time stamp to the frame after the results are in the list), the query pasted (one input event:
nothing could be fetched before) and typed (a key every TYPING_MS: the finished words' shards are
fetched while the next is typed; the bytes count every prefix's requests), median of --repeat
rounds, with the load average.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "plugins"))

from lantoa.search import Facets, SearchDoc, build_index  # noqa: E402

WORDS = """
phụ nữ gia đình hội viên chi hội phong trào thi đua xây dựng người thời đại mới có tri thức
đạo đức sức khỏe trách nhiệm tình nghĩa tự tin sáng tạo kinh tế sản xuất kinh doanh giỏi
chăn nuôi trồng trọt cây ăn quả vườn rau lúa nước hợp tác xã tổ tiết kiệm vốn vay ngân hàng
chính sách giảm nghèo bền vững thoát nghèo thu nhập ổn định nhà văn hóa ấp xã huyện tỉnh
hàng năm tháng ngày con cái học hành chăm ngoan vượt khó vươn lên làm giàu giúp đỡ chị em
khó khăn hoàn cảnh đơn thân khuyết tật dân tộc thiểu số vùng sâu vùng xa biên giới tôn giáo
gương điển hình tiên tiến biểu dương khen thưởng bằng khen giấy khen ủy ban nhân dân ban
thường vụ ban chấp hành đại hội nhiệm kỳ cuộc vận động năm không ba sạch an toàn giao thông
môi trường xanh sạch đẹp rác thải nhựa phân loại tại nguồn đường hoa con đường bóng đèn
tuyên truyền pháp luật bình đẳng giới phòng chống bạo lực bảo vệ trẻ em chăm sóc người cao
tuổi nấu ăn dinh dưỡng sữa mẹ tiêm chủng y tế trạm học sinh giáo viên trường mầm non tiểu
học công nhân nông dân thợ may dệt thổ cẩm đan lát mây tre nghề truyền thống du lịch cộng
đồng homestay sản phẩm OCOP nước mắm bánh tráng cà phê hồ tiêu điều cao su mía sầu riêng
bưởi xoài chôm chôm thanh long nuôi cá tôm gà vịt heo bò dê nấm mật ong trà chè
lao động việc làm học nghề chuyển đổi số điện thoại mạng xã hội bán hàng trực tuyến
niềm vui hạnh phúc yêu thương chia sẻ đoàn kết trung thực cần cù siêng năng nhiệt tình
tấm lòng nghĩa tình quê hương đất nước bác hồ lời dạy học tập làm theo tư tưởng phong cách
""".split()
PHRASES = [
    "chị cho biết", "theo chị", "nhờ sự hỗ trợ của hội", "từ năm", "đến nay",
    "với số vốn ban đầu", "mỗi năm gia đình thu về", "triệu đồng", "trên địa bàn",
    "được bà con tin yêu", "là tấm gương sáng", "cùng chồng", "những ngày đầu",
    "không ngại khó khăn", "tích cực tham gia", "các hoạt động của hội",
]
FAMILY = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đinh".split()
MIDDLE = "Thị Thị Thị Ngọc Thanh Kim Thu Mỹ Bích Hồng".split()
GIVEN = ("Mai Lan Hoa Hương Hạnh Hằng Nga Nhung Thủy Tuyết Yến Loan Liên Dung Trang Thảo "
         "Vân Xuân Đào Huệ Cúc Phượng Oanh Diệp Quyên Tâm Uyên Ánh Bình Đông").split()
DISTRICTS = ["Định Quán", "Mỹ Tú", "Bắc Sơn", "Long Thành", "Tân Phú", "Xuân Lộc", "Châu Thành",
             "Kế Sách", "Trà Lĩnh", "Hòa An", "Văn Lãng", "Lộc Bình"]
COMMUNES = ["Tân Thành", "Phú Lợi", "Hưng Lộc", "An Lạc", "Thạnh Phú", "Long Hưng", "Đồng Tâm",
            "Quang Trung", "Bình Minh", "Hòa Bình", "Tân Hiệp", "Phước Thái"]
CAMPAIGNS = [
    ("xay-dung-phu-nu", "Xây dựng người Phụ nữ Việt Nam thời đại mới"),
    ("5-khong-3-sach", "Xây dựng gia đình 5 không, 3 sạch"),
    ("phu-nu-khoi-nghiep", "Phụ nữ khởi nghiệp, phát triển kinh tế"),
    ("dot-thi-dua-dac-biet", "Đợt thi đua đặc biệt chào mừng Đại hội"),
    ("chung-tay-giam-ngheo", "Chung tay vì người nghèo"),
]
CRITERIA = ["Có tri thức", "Có đạo đức", "Có sức khỏe", "Có trách nhiệm", "Tình nghĩa",
            "Tự tin", "Sáng tạo"]
KINDS = ["cá nhân", "tập thể", "mô hình"]
QUERIES = {
    "common syllables": "phụ nữ",
    "common, no marks": "phu nu",
    "a name": "Nguyễn Thị Mai",
    "a place": "Định Quán",
    "a rare word": "homestay",
    "three syllables": "nuôi cá tôm",
    "Telex": "nuooi cas toom",
    "a typo": "homestya",
}


def sentence(rng: random.Random, name: str, place: str) -> str:
    parts = []
    for _ in range(rng.randint(8, 16)):
        roll = rng.random()
        if roll < 0.12:
            parts.append(rng.choice(PHRASES))
        elif roll < 0.16:
            parts.append(rng.choice((name, "chị " + name.split()[-1], place)))
        elif roll < 0.18:
            parts.append(str(rng.randint(2, 500)))
        else:
            parts.append(rng.choice(WORDS))
    text = " ".join(parts)
    return text[0].upper() + text[1:] + "."


def story(rng: random.Random, i: int) -> SearchDoc:
    name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    district, commune = rng.choice(DISTRICTS), rng.choice(COMMUNES)
    place = f"xã {commune}, huyện {district}"
    words, paragraphs = rng.randint(400, 700), []
    while sum(len(p.split()) for p in paragraphs) < words:
        paragraphs.append(" ".join(sentence(rng, name, place) for _ in range(rng.randint(3, 6))))
    campaigns = rng.sample(CAMPAIGNS, rng.randint(1, 2))
    kind = rng.choice(KINDS)
    date = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randint(0, 2900))
    district_key = "huyen-" + district.lower().replace(" ", "-")
    return SearchDoc(
        url=f"cau-chuyen/{date.year}/s{i}/", title=f"{name}: {sentence(rng, name, place)[:60]}",
        kind="story", kind_label="Gương điển hình", date=date, subject_kind=kind, subject=name,
        unit_keys=(district_key + "/" + commune, district_key), unit_label=place,
        unit_terms=(f"xã {commune}", f"huyện {district}", f"H. {district}"),
        campaign_keys=tuple(k for k, _ in campaigns), campaign_terms=tuple(t for _, t in campaigns),
        criteria=tuple(rng.sample(CRITERIA, 2)), tags=(rng.choice(WORDS),),
        summary=sentence(rng, name, place), body="\n\n".join(paragraphs),
    )


def corpus(n: int, seed: int = 1) -> tuple[list[SearchDoc], Facets]:
    rng = random.Random(seed)
    docs = [story(rng, i) for i in range(n)]
    units = sorted({(k, k) for d in docs for k in d.unit_keys if "/" not in k})
    facets = Facets(
        campaigns=tuple(CAMPAIGNS), units=tuple(units),
        years=tuple(sorted({d.date.year for d in docs}, reverse=True)), subject_kinds=tuple(KINDS),
    )
    return docs, facets


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6, mtime=0))


def tree_sizes(directory: Path) -> tuple[int, int, int]:
    files = [p for p in directory.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files), sum(gzip_size(p) for p in files)


HARNESS = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>bench</title></head>
<body data-lantoa-root="./"><div data-lantoa-search-page><form><input name="q">
<select name="campaign"><option value="">Tất cả</option></select></form>
<p data-lantoa-status></p><ol data-lantoa-results></ol><button data-lantoa-more hidden>Xem thêm</button>
</div><script src="keyboard.js"></script><script src="fuzzy.js"></script><script src="search.js"></script>
</body></html>"""


TYPING_MS = 150  # between keystrokes when "typed": a quick typist on a phone
PAINTED = """final => { window.lantoaPainted = new Promise(resolve => {
  /* Resolves with ms from the last input event to the frame that shows the results of `final`:
   * the search page sets ?q= when a query starts, and a query no longer current never renders. */
  let last = 0;
  const input = document.querySelector('input[name=q]');
  input.addEventListener('input', e => { last = e.timeStamp; }, true);
  const list = document.querySelector('[data-lantoa-results]');
  const page = document.querySelector('[data-lantoa-search-page]');
  const check = () => {
    const q = new URLSearchParams(location.search).get('q');
    if (q !== final || page.hasAttribute('aria-busy') || !list.querySelector('li')) return;
    observer.disconnect();
    requestAnimationFrame(() => {  /* the frame with the results; the message comes after its paint */
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now() - last);
      channel.port2.postMessage(0);
    });
  };
  const observer = new MutationObserver(check);
  observer.observe(page, {childList: true, subtree: true, attributes: true, attributeFilter: ['aria-busy']});
}); }"""


def browser_figures(site: Path, repeat: int) -> dict[str, dict[str, list[tuple[int, int, float]]]]:
    """Per query and way of entering it ("pasted": one input event; "typed": a key every TYPING_MS),
    one (files fetched, gzip bytes, ms from the last input event to the painted results) per round,
    each on a cold page (a new browser context: nothing cached)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from support import CHROMIUM_ARGS, serve
    from playwright.sync_api import sync_playwright

    base, server = serve(site)
    out: dict[str, dict[str, list]] = {label: {"pasted": [], "typed": []} for label in QUERIES}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                        args=CHROMIUM_ARGS)
            for _ in range(repeat):  # rounds interleaved: a load that comes and goes hits every query
                for label, query in QUERIES.items():
                    for way in ("pasted", "typed"):
                        out[label][way].append(_one_query(browser, base, site, query, way))
            browser.close()
    finally:
        server.shutdown()
    return out


def _one_query(browser, base: str, site: Path, query: str, way: str) -> tuple[int, int, float]:
    context = browser.new_context()
    page = context.new_page()
    fetched = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(base + "/index.html")
    page.wait_for_function("document.querySelector('[data-lantoa-status]').textContent !== ''")
    fetched.clear()
    page.evaluate(PAINTED, query)
    if way == "pasted":
        page.fill("input[name=q]", query)  # focus, then one input event
    else:
        page.focus("input[name=q]")
        page.keyboard.type(query, delay=TYPING_MS)
    elapsed = page.evaluate("() => window.lantoaPainted")  # the debounce included
    index_files = [u.split(base + "/", 1)[1].split("?")[0] for u in fetched if "search-index" in u]
    size = sum(gzip_size(site / f) for f in set(index_files))
    context.close()
    return len(set(index_files)), size, elapsed


def debounce_ms() -> int:
    source = (ROOT / "plugins/lantoa/assets/search/search.js").read_text()
    return int(source.split("DEBOUNCE_MS = ", 1)[1].split(";", 1)[0])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench search")
    parser.add_argument("--n", default="1000,10000", help="story counts, comma-separated")
    parser.add_argument("--no-relevance", action="store_true")
    parser.add_argument("--keep", type=Path, help="write the test site here and keep it")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--repeat", type=int, default=5, help="rounds of the timed queries (median printed)")
    args = parser.parse_args(argv)
    if not args.no_relevance and not args.no_browser:
        from benchkit import search_relevance
        search_relevance.print_tables(search_relevance.run())
    for n in [int(x) for x in args.n.split(",")]:
        site = args.keep or Path(tempfile.mkdtemp(prefix="lantoa-search-"))
        try:
            _run(args, n, site)
        finally:
            if not args.keep:
                shutil.rmtree(site, ignore_errors=True)
    return 0


def _run(args, n: int, site: Path) -> int:
    docs, facets = corpus(n)
    started = time.perf_counter()
    stats = build_index(docs, facets, site / "assets/lantoa/search-index")
    built = time.perf_counter() - started
    files, raw, packed = tree_sizes(site / "assets/lantoa/search-index")
    print(f"{n} stories: index built in {built:.1f} s; {stats.terms} keys, {stats.shards} shards")
    print(f"  total index: {files} files, {raw / 1e6:.1f} MB ({packed / 1e6:.1f} MB gzip)")
    for script in ("keyboard.js", "fuzzy.js", "search.js"):
        shutil.copy(ROOT / "plugins/lantoa/assets/search" / script, site / script)
    (site / "index.html").write_text(HARNESS, encoding="utf-8")
    scripts = sum(gzip_size(site / s) for s in ("keyboard.js", "fuzzy.js", "search.js"))
    print(f"  keyboard.js + fuzzy.js + search.js: {scripts / 1e3:.1f} KB gzip (cached after the first page)")
    if args.no_browser:
        return 0
    load = os.getloadavg()[0]
    figures = browser_figures(site, args.repeat)
    print(f"  first query on a cold page, ms from the last input event to the painted results "
          f"({debounce_ms()} ms debounce included), median of {args.repeat} (min–max);")
    print(f"  load average {load:.1f} before, {os.getloadavg()[0]:.1f} after, on {os.cpu_count()} CPUs")
    print(f"  {'':<36}{'pasted: files':>14}{'KB gzip':>8}{'ms':>14}"
          f"{'typed: files':>14}{'KB gzip':>8}{'ms':>14}")
    for label, ways in figures.items():
        cells = []
        for way in ("pasted", "typed"):
            rounds = ways[way]
            ms = [r[2] for r in rounds]
            cells.append(f"{max(r[0] for r in rounds):>14}{max(r[1] for r in rounds) / 1e3:>8.1f}"
                         f"{statistics.median(ms):>6.0f} ({min(ms):.0f}–{max(ms):.0f})")
        print(f"  {label + ' (' + QUERIES[label] + ')':<36}" + "".join(cells))
    return 0
