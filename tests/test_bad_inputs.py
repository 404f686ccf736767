"""The bad-input set: one broken item per diagnostic code of the checker, its output compared line by line."""
import os
import json
import re
import shutil
import subprocess
import sys

import pytest

from lantoa.diagnostics import all_codes
from lantoa.load import load_corpus
from support import ROOT, engine, serve
from test_reuse import session  # noqa: F401  (a `mkdocs serve` session, for the banner)

BAD = ROOT / "tests" / "fixtures" / "bad"
# Codes found only while building: photo decoding (LT1xx) and site settings (LT13x) have their own tests.
BUILD_ONLY_PREFIXES = ("LT1",)


def check_output() -> list[str]:
    result = subprocess.run([sys.executable, "-m", "lantoa.check", str(BAD)], capture_output=True, text=True)
    assert result.returncode == 1
    return result.stdout.splitlines()


def test_check_output_matches_expected_line_by_line():
    expected = (BAD / "expected.txt").read_text(encoding="utf-8").splitlines()
    actual = check_output()
    for number, (want, got) in enumerate(zip(expected, actual), 1):
        assert got == want, f"line {number}"
    assert len(actual) == len(expected)


def test_every_checker_code_has_a_broken_item():
    more = (ROOT / "tests" / "fixtures" / "bad-more" / "expected.txt").read_text(encoding="utf-8").splitlines()
    seen = {line.split(": ", 1)[1].split()[0] for line in check_output() + more}
    checker_codes = {c for c in all_codes() if not c.startswith(BUILD_ONLY_PREFIXES)}
    assert checker_codes - seen == set()


def test_the_strict_build_reports_the_same_problems(tmp_path):
    project = tmp_path / "bad"
    shutil.copytree(BAD, project, symlinks=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(engine("build", "--strict", "-d", str(tmp_path / "site")),
                            cwd=project, capture_output=True, text=True, env=env)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    for line in (BAD / "expected.txt").read_text(encoding="utf-8").splitlines():
        assert line in result.stderr
    # The links LT046 and LT047 report are not reported again by MkDocs, in English.
    assert "contains a link '../chi-mai-cu/index.md'" not in result.stderr


def test_each_named_case_gives_the_code_its_folder_names():
    """lt008-thang-13/ must give LT008 in its own file: a case that stops failing is caught here."""
    output = check_output()
    by_file: dict[str, set[str]] = {}
    for line in output:
        where, rest = line.split(": ", 1)
        by_file.setdefault(where.split(":")[0], set()).add(rest.split()[0])
    cases = [p for p in (BAD / "stories").rglob("*") if re.match(r"^lt\d{3}-", p.name)]  # LT030-… is the twin of lt030-…
    assert len(cases) > 30
    for case in cases:
        code = case.name[:5].upper()
        files = {f for f in by_file if f.startswith((case.relative_to(BAD).as_posix() + "/",
                                                     case.relative_to(BAD).as_posix()))}
        assert files and any(code in by_file[f] for f in files), case.name


# Issue 19's named inputs: each must be in the set, with the words that say why.
NAMED = {
    "lt008-thang-13": "tháng 13 không có", "lt008-ngay-30-thang-2": "tháng 2 năm 2024 chỉ có 29 ngày",
    "lt008-gio-25": "giờ 25 không có", "lt016-bi-danh-nhan-ban": "nhân bản",
    "lt016-ngoac-long-nhau": "dấu ngoặc", "lt015-ky-tu-dieu-khien": "U+202E",
    "lt003-dau-hai-cham": "dấu hai chấm «:» mà không đặt trong dấu nháy", "lt003-phim-tab": "Tab",
    "lt003-thieu-dau-cach": "thiếu dấu cách", "lt003-nhay-chua-dong": "dấu nháy mở mà không đóng",
    "lt003-sai-yaml": "«]»", "lt017-ket-thuc-truoc-bat-dau": "trước ngày bắt đầu",
    "lt017-xet-chon-ngoai-thoi-gian": "trước ngày bắt đầu",
}


@pytest.mark.parametrize("case", NAMED)
def test_named_case_says_why(case):
    lines = [line for line in check_output() if f"/{case}/" in line]
    assert any(NAMED[case] in line for line in lines), lines


def test_check_speaks_vietnamese_without_traceback():
    result = subprocess.run([sys.executable, "-m", "lantoa.check", str(BAD)], capture_output=True, text=True)
    assert "Traceback" not in result.stderr
    english = re.compile(r"\b(the|write|put|use|add|or|and|found|expected|mapping|while|check)\b")
    for line in result.stdout.splitlines():
        message = line.split(": ", 2)[2]  # after "file:line: CODE lỗi"
        assert not english.search(message.replace("index.md", "")), line


def test_yaml_1_1_surprises_keep_the_text_typed():
    corpus = load_corpus(BAD)
    story = next(s for s in corpus.stories if s.slug == "yaml11-giu-nguyen-chu")
    assert (story.title, story.subject, story.byline) == ("20:10", "no", "0x1F")
    assert story.tags == ("on", "1e3", ".inf", "~", "null", "0o17") and story.featured is True
    assert not [d for d in corpus.diagnostics if "yaml11" in d.file]


def test_preview_build_goes_on_and_nothing_invisible_reaches_the_feeds(tmp_path):
    project = tmp_path / "bad"
    shutil.copytree(BAD, project, symlinks=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    site = tmp_path / "site"
    result = subprocess.run(engine("build", "-d", str(site)),
                            cwd=project, capture_output=True, text=True, env=env)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-2000:]
    page = (site / "cau-chuyen/2024/yaml11-giu-nguyen-chu/index.html").read_text(encoding="utf-8")
    assert "20:10" in page and "1210" not in page
    published = (site / "cau-chuyen/2024/lt015-ky-tu-dieu-khien/index.html").read_text(encoding="utf-8")
    assert "đảo chiều" in published
    problems = (site / "loi-noi-dung/index.html").read_text(encoding="utf-8")
    assert 'href="../huong-dan/ma-loi/#lt015"' in problems and 'href="../huong-dan/ma-loi/#lt008"' in problems
    invisible = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
    for path in [*site.rglob("*.xml"), *site.rglob("*.html"), *site.rglob("*.json")]:
        assert not invisible.search(path.read_text(encoding="utf-8", errors="replace")), path


def test_every_code_linked_from_the_problems_page_has_its_section_in_the_guide():
    guide = (ROOT / "docs/huong-dan/ma-loi.md").read_text(encoding="utf-8")
    for code in all_codes():
        assert f"## {code}: " in guide and f"{{#{code.lower()}}}" in guide, code


@pytest.mark.browser
def test_serve_banner_counts_the_problems_and_links_each_code_to_the_guide(session, page):  # noqa: F811
    """Under serve every page carries the same hidden banner; its script fills it from
    loi-noi-dung/tom-tat.json (count, codes linked to their sections of the guide, eight at most)."""
    archive = session.site_dir / "luu-tru/index.html"
    assert 'class="lt-problems-banner" hidden' in archive.read_text(encoding="utf-8")
    base, server = serve(session.site_dir)
    try:
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(f"{base}/cau-chuyen/2024/chi-an/")  # a phone, on the story being written
        page.wait_for_load_state("networkidle")
        assert not page.locator(".lt-problems-banner").is_visible()
        assert page.locator(".md-banner").evaluate("e => getComputedStyle(e).display") == "none"

        story = session.project / "stories/people/2024/chi-dao/index.md"
        story.write_text(story.read_text(encoding="utf-8").replace("date:", "date: 2023-13-01\nx:"), encoding="utf-8")
        session.rebuild()
        page.reload()
        banner = page.locator(".lt-problems-banner")
        banner.wait_for(state="visible")
        page.wait_for_timeout(300)
        assert page.evaluate("scrollY") == 0, "the tab, reloaded at the top, scrolled past the banner"
        assert banner.inner_text().startswith("Bản xem thử có 2 lỗi hoặc cảnh báo nội dung — xem danh sách · Cách sửa: ")
        links = banner.locator("a").evaluate_all("links => links.map(a => [a.href, a.textContent])")
        assert links[0][0] == f"{base}/loi-noi-dung/"
        assert links[1:] == [[f"{base}/huong-dan/ma-loi/#lt006", "LT006"], [f"{base}/huong-dan/ma-loi/#lt008", "LT008"]]

        codes = [f"LT{n:03d}" for n in range(1, 11)]
        (session.site_dir / "loi-noi-dung/tom-tat.json").write_text(json.dumps({"count": 12, "codes": codes}))
        page.reload()
        banner.wait_for(state="visible")
        assert banner.locator("a").count() == 1 + 8
        assert banner.inner_text().startswith("Bản xem thử có 12 lỗi") and banner.inner_text().endswith("LT008…")
    finally:
        server.shutdown()


def test_a_built_site_has_no_problems_banner(example_site):
    """The banner and its script are the preview's alone (`mkdocs serve`)."""
    for path in (example_site / "index.html", example_site / "luu-tru/index.html"):
        assert "lt-problems-banner" not in path.read_text(encoding="utf-8")
    assert not (example_site / "loi-noi-dung/tom-tat.json").exists()
