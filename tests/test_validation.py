"""Every diagnostic of the loader: triggered, with the right file and line, and all in one run."""
import os
import unicodedata

import pytest
from pathlib import Path

from lantoa import text
from lantoa.diagnostics import CODES
from lantoa.load import load_corpus
from projects import CAMPAIGN, STORY, UNITS, Project, front_matter, photo


@pytest.fixture
def project(tmp_path):
    return Project(tmp_path)


def problems(project, code=None):
    found = load_corpus(project.root).diagnostics
    return [d for d in found if code is None or d.code == code]


def only(project, code):
    found = problems(project, code)
    assert len(found) == 1, [d.format() for d in problems(project)]
    return found[0]


def test_clean_project_has_no_problems(project):
    project.story()
    corpus = load_corpus(project.root)
    assert corpus.diagnostics == []
    assert [s.subject for s in corpus.stories] == ["Hoàng Thị Mai"]
    assert corpus.stories[0].criteria == (("thu", "tri-thuc"),)


def test_lt001_unreadable_file(project):
    path = project.write("people/2024/x/index.md", "---\ntitle: x\n---\nabc".encode("utf-16"))
    d = only(project, "LT001")
    assert d.file.endswith("people/2024/x/index.md") and path.exists()


def test_lt001_unreadable_file_says_why_in_vietnamese(project):
    (project.stories / "people/2024/x/index.md").mkdir(parents=True)
    d = only(project, "LT001")
    assert "bỏ đuôi .md" in d.hint and "UTF-8" not in d.hint  # the hint fits the reason
    assert d.format() == ("stories/people/2024/x/index.md: LT001 lỗi: Không đọc được tệp: "
                          "đây là một thư mục, không phải tệp — " + d.hint)


def test_lt001_an_index_md_that_is_a_named_pipe_is_not_waited_for(project):
    """Found by fuzzing: reading a FIFO blocks for ever; the build and the checker hung."""
    path = project.stories / "people/2024/x/index.md"
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    found = only(project, "LT001")
    assert "không phải tệp thường" in found.message and "tệp văn bản thường" in found.hint


def test_lt040_lt045_names_longer_than_the_system_allows(project):
    """Found by fuzzing: `is_file()` raised ENAMETOOLONG, a traceback in the build and the checker."""
    long = "a" * 300
    path = project.story(body=f"Nội dung.\n\n![x]({long}-body.jpg)\n")
    path.write_text(path.read_text(encoding="utf-8").replace(
        "photos:\n", f"photos:\n- file: {long}.jpg\n  caption: Dài\n", 1), encoding="utf-8")
    assert {d.code for d in problems(project)} == {"LT040", "LT045"}


def test_the_first_and_last_days_python_knows_and_a_key_that_is_a_list_in_units_yml(project):
    """Found by fuzzing: «valid_to: 9999-12-31» on a place with a page and «valid_from: 0001-01-01»
    on one with predecessors overflowed the day after/before (a traceback in the plan and the
    checker); a key written as a list was an unhashable dict key."""
    import datetime as dt

    from lantoa.audit import plan_problems
    from lantoa.insight import statistics

    units = project.stories / "units.yml"
    units.write_text(units.read_text(encoding="utf-8").replace("valid_to: 2025-06-30", "valid_to: 9999-12-31")
                     .replace("valid_from: 2025-07-01", "valid_from: 0001-01-01") + "- key: [a, b]\n  name: X\n"
                     "  level: xã\n", encoding="utf-8")
    project.story()
    project.story(folder="2026/chi-lan", unit="xa-my-tu", date="2026-01-05")
    corpus = load_corpus(project.root)
    assert [d.code for d in corpus.diagnostics] == ["LT007"]
    assert plan_problems(corpus, project.root / "docs", {}, dt.date(2026, 2, 1)) == []
    assert statistics(corpus, dt.date(2026, 2, 1))


def test_lt051_a_key_longer_than_a_folder_name_may_be(project):
    """Found by fuzzing: a key of 300 letters named its page's folder, and the build ended in
    ENAMETOOLONG; such a unit is left out, and what names it is told so (LT020)."""
    units = project.stories / "units.yml"
    units.write_text(units.read_text(encoding="utf-8") + f"- key: {'a' * 300}\n  name: Dài\n  level: xã\n"
                     "  parent: tinh\n", encoding="utf-8")
    project.story(unit="a" * 300)
    found = problems(project)
    assert [d.code for d in found] == ["LT051", "LT020"] and f"«{'a' * 100}»" in found[0].hint
    assert len(text.tag_slug("thẻ " * 300)) <= text.TAG_SLUG_LENGTH and text.tag_slug("Đơn thân") == "don-than"


def test_lt070_a_folder_linked_out_of_the_project_is_not_walked(project, tmp_path):
    """Found by fuzzing: a year folder linked to / walked the whole disk (minutes, then items of
    other projects each refused); one linked to /etc gave LT076s and no LT070."""
    outside = tmp_path.parent / f"{tmp_path.name}-ngoai"
    (outside / "chi-ngoai").mkdir(parents=True)
    (outside / "chi-ngoai/index.md").write_text("---\ntitle: Ngoài\n---\nx\n", encoding="utf-8")
    (project.stories / "people").mkdir(exist_ok=True)
    os.symlink(outside, project.stories / "people/2026")
    project.story()
    found = problems(project)
    assert [(d.code, d.file) for d in found] == [("LT070", "stories/people/2026")]
    assert "Ngoài" not in repr(load_corpus(project.root).stories)


def test_lt001_missing_registry(project):
    (project.stories / "units.yml").unlink()
    assert only(project, "LT001").file == "stories/units.yml"


def test_lt002_no_front_matter(project):
    project.write("people/2024/x/index.md", "Chỉ có nội dung.\n")
    assert only(project, "LT002").line == 1


def test_lt003_yaml_syntax_error_with_line(project):
    project.write("people/2024/x/index.md", "---\ntitle: a\nsubject: [Mai\nunit: x\n---\nBody\n")
    d = only(project, "LT003")
    assert d.line == 3 and "YAML" in d.message and "«]»" in d.message  # the line the bracket opens on


def test_lt004_front_matter_not_a_mapping(project):
    project.write("people/2024/x/index.md", "---\n- a\n- b\n---\nBody\n")
    assert only(project, "LT004")


def test_lt005_missing_required_fields_all_reported(project):
    project.story(subject=None, summary=None)
    keys = sorted(d.message for d in problems(project, "LT005"))
    assert len(keys) == 2 and "subject" in keys[0] + keys[1] and "summary" in keys[0] + keys[1]


def test_lt006_unknown_key_suggests_nearest(project):
    path = project.story(sumary="x")
    d = only(project, "LT006")
    assert "summary" in d.hint and d.file.endswith("chi-mai/index.md")
    assert path.read_text(encoding="utf-8").splitlines()[d.line - 1].startswith("sumary:")


def test_lt007_wrong_type(project):
    project.story(featured="có lẽ", title=["a", "b"])
    assert len(problems(project, "LT007")) == 2


def test_lt008_bad_date_with_example(project):
    project.story(date="8 tháng 3")
    d = only(project, "LT008")
    assert "2024-03-08" in d.hint and "8 tháng 3" in d.message


@pytest.mark.parametrize("typed, reason", [
    ("2023-13-01", "tháng 13 không có"), ("2024-02-30", "tháng 2 năm 2024 chỉ có 29 ngày"),
    ("2023-02-29", "tháng 2 năm 2023 chỉ có 28 ngày"), ("31/4/2024", "tháng 4 năm 2024 chỉ có 30 ngày"),
    ("2024-03-08 25:00:00", "giờ 25 không có"), ("0/3/2024", "ngày 0 không có"),
    ("08-03-2024", "phải bắt đầu bằng năm")])
def test_lt008_impossible_unquoted_dates_say_why(project, typed, reason):
    path = project.story()
    source = path.read_text(encoding="utf-8").replace("date: '2024-03-08'", f"date: {typed}")
    assert f"date: {typed}\n" in source  # unquoted: YAML itself would reject the value
    path.write_text(source, encoding="utf-8")
    d = only(project, "LT008")
    assert reason in d.message and d.line == 6 and typed in d.message


def test_dates_with_a_time_are_read_as_their_day(project):
    path = project.story()
    path.write_text(path.read_text(encoding="utf-8").replace("date: '2024-03-08'", "date: 2024-03-08 10:30:00"),
                    encoding="utf-8")
    corpus = load_corpus(project.root)
    assert corpus.diagnostics == [] and str(corpus.stories[0].date) == "2024-03-08"


@pytest.mark.parametrize("typed", ["20:10", "no", "on", "yes", "off", "0x1F", "1e3", "0o17", ".inf", "~", "null",
                                   "012", "1_000"])
def test_yaml_1_1_surprises_keep_the_text_typed(project, typed):
    path = project.story()
    source = path.read_text(encoding="utf-8").replace("title: Chị Mai", f"title: {typed}")
    path.write_text(source.replace("byline", "x"), encoding="utf-8")
    corpus = load_corpus(project.root)
    assert corpus.diagnostics == [] and corpus.stories[0].title == typed


def test_yaml_booleans_are_booleans_only_in_true_false_fields(project):
    path = project.story(featured="x")
    path.write_text(path.read_text(encoding="utf-8").replace("featured: x", "featured: yes"), encoding="utf-8")
    corpus = load_corpus(project.root)
    assert corpus.diagnostics == [] and corpus.stories[0].featured is True


def test_null_in_an_optional_non_text_field_is_empty(project):
    path = project.story(cover="x")
    path.write_text(path.read_text(encoding="utf-8").replace("cover: x", "cover: ~"), encoding="utf-8")
    corpus = load_corpus(project.root)
    assert corpus.diagnostics == [] and corpus.stories[0].cover.file == "anh-1.jpg"


def test_lt015_control_characters_removed_from_every_text(project):
    project.story(title="Chị\u202eMai", summary="Sa\x1bpo.", awards=["Giấy\u2028khen"],
                  body="Nội\x00 dung.\n")
    found = problems(project, "LT015")
    corpus = load_corpus(project.root)
    story = corpus.stories[0]
    assert len(found) == 4 and all(d.severity == "warning" and d.line for d in found)
    texts = [story.title, story.summary, story.body.text, *story.awards]
    assert not any(c in t for t in texts for c in "\u202e\x1b\u2028\x00")
    assert story.title == "ChịMai" and [" ".join(a.split()) for a in story.awards] == ["Giấy khen"]


def test_lt018_a_hash_cutting_a_title_is_said(project):
    path = project.story()
    path.write_text(path.read_text(encoding="utf-8").replace("title: Chị Mai", "title: Chị Mai #1"), encoding="utf-8")
    d = only(project, "LT018")
    assert d.line == 2 and 'title: "Chị Mai #1"' in d.hint
    assert load_corpus(project.root).stories[0].title == "Chị Mai"  # published, as YAML reads it, with the warning


def test_lt016_parser_bombs_refused_in_front_matter(project):
    project.write("people/2024/x/index.md", "---\ntitle: " + "[" * 50_000 + "\n---\nBody\n")
    project.write("people/2024/y/index.md", "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{i}: &a{i} [" + ", ".join(["*a" + (str(i - 1) if i > 1 else "")] * 10) + "]\n" for i in range(1, 9))
        + "---\nBody\n")
    found = problems(project, "LT016")
    assert sorted(d.file.split("/")[-2] for d in found) == ["x", "y"]


@pytest.mark.parametrize("changes, keys", [
    (dict(start="2024-05-01", end="2024-04-30"), ["end"]),
    (dict(start="2024-01-01", end="2024-12-31", nomination_start="2023-12-01", nomination_end="2024-02-01"),
     ["nomination_start"]),
    (dict(start="2024-01-01", end="2024-12-31", nomination_start="2023-11-01", nomination_end="2023-12-31"),
     ["nomination_start", "nomination_end"]),
    (dict(start="2024-01-01", nomination_start="2024-03-01", nomination_end="2024-02-01"), ["nomination_end"]),
])
def test_lt017_campaign_dates_in_order(project, changes, keys):
    project.write("campaigns/thu/index.md", front_matter({**CAMPAIGN, **changes}, "Nội dung.\n"))
    found = problems(project, "LT017")
    assert [d.message.split("«")[1].split(":")[0] for d in found] == keys
    assert all(d.is_error and d.line and d.file == "stories/campaigns/thu/index.md" for d in found)


def test_nomination_after_the_end_is_allowed(project):  # reviewed and nominated once a đợt has ended
    project.write("campaigns/thu/index.md", front_matter({**CAMPAIGN, "start": "2024-09-01", "end": "2024-10-20",
                                                         "nomination_start": "2024-10-21",
                                                         "nomination_end": "2024-11-10"}, "Nội dung.\n"))
    assert problems(project) == []


def test_campaign_dates_in_order_pass(project):
    project.write("campaigns/thu/index.md", front_matter({**CAMPAIGN, "start": "2024-01-01", "end": "2024-12-31",
                                                         "nomination_start": "2024-01-01",
                                                         "nomination_end": "2024-12-31"}, "Nội dung.\n"))
    assert problems(project) == []


def test_every_hint_is_vietnamese():
    from lantoa.diagnostics import all_codes
    english = {"the", "write", "put", "use", "add", "or", "and", "it", "its", "file", "check", "give", "set"}
    for code in all_codes().values():
        if code.hint == "{hint}":  # written where the problem is found: see the tests of LT003, LT006, LT02x
            continue
        words = set(code.hint.replace(",", " ").replace(".", " ").lower().split())
        assert not words & english, (code.code, code.hint)
        assert any(ord(c) > 0x7f for c in code.hint), (code.code, code.hint)


def test_dates_in_both_accepted_forms(project):
    project.story(date="8/3/2024")
    assert problems(project) == []


def test_lt009_choice_not_in_list(project):
    project.story(subject_kind="ca nhan x")
    d = only(project, "LT009")
    assert "cá nhân" in d.hint


def test_choice_typed_without_diacritics_is_accepted(project):
    project.story(subject_kind="ca nhan")
    corpus = load_corpus(project.root)
    assert corpus.diagnostics == [] and corpus.stories[0].subject_kind == "cá nhân"


def test_lt010_duplicate_key(project):
    project.write("people/2024/x/index.md", front_matter(STORY).replace("summary: Sapo.", "summary: A\nsummary: B"))
    assert only(project, "LT010")


def test_lt011_empty_body(project):
    project.story(body="\n  \n")
    assert only(project, "LT011")


def test_lt012_nfd_text_normalised_with_warning(project):
    project.story(title=unicodedata.normalize("NFD", "Chị Mai ở Mỹ Tú"))
    d = only(project, "LT012")
    assert d.severity == "warning"
    assert load_corpus(project.root).stories[0].title == "Chị Mai ở Mỹ Tú"


def test_lt013_file_in_wrong_place(project):
    project.write("people/chi-mai/index.md", front_matter(STORY))
    assert only(project, "LT013")


@pytest.mark.parametrize("year", ["2023", "0000"])  # 0000: found by fuzzing (year 0 read as no year)
def test_lt014_year_folder_differs(project, year):
    project.story(folder=f"{year}/chi-mai")
    found = only(project, "LT014")
    assert found.severity == "warning" and f"thư mục năm {year} " in found.message


def test_lt020_unknown_unit_suggests_diacritic_insensitively(project):
    project.story(unit="my tu")
    d = problems(project, "LT021") or problems(project, "LT020")
    assert d and "Mỹ Tú" in d[0].message


def test_lt020_typo_suggests(project):
    project.story(unit="huyện Mỹ Tu")
    d = only(project, "LT020")
    assert "huyen-my-tu" in d.hint


def test_lt021_ambiguous_name_never_guessed(project):
    project.story(unit="Mỹ Tú")
    d = only(project, "LT021")
    assert "huyen-my-tu" in d.hint and "xa-my-tu" in d.hint
    assert load_corpus(project.root).stories == []


@pytest.mark.parametrize("written", ["H. Mỹ Tú", "huyện Mỹ Tú", "huyen-my-tu", "HUYỆN MỸ TÚ"])
def test_aliases_accepted(project, written):
    project.story(unit=written)
    corpus = load_corpus(project.root)
    assert corpus.diagnostics == [] and corpus.stories[0].unit == "huyen-my-tu"


def test_lt024_unit_abolished_at_date_names_successor(project):
    project.story(folder="2025/chi-mai", date="2025-09-02")
    d = only(project, "LT024")
    assert "xa-my-tu" in d.hint and "1/7/2025" in d.message


def test_lt024_names_no_successor_that_did_not_exist_on_the_day(project):
    """Found by fuzzing: a unit ended in 2020 and its successor began in 2030; a story of 2023 was
    told "từ 1/1/2021 thuộc …" the successor, and to write it."""
    (project.stories / "units.yml").write_text(
        UNITS.replace("valid_to: 2025-06-30", "valid_to: 2020-12-31").replace("valid_from: 2025-07-01",
                                                                             "valid_from: 2030-01-01"),
        encoding="utf-8")
    project.story(folder="2023/chi-mai", date="2023-09-02")
    d = only(project, "LT024")
    assert "xa-my-tu" not in d.hint and "thuộc" not in d.message


def test_lt022_unknown_campaign(project):
    project.story(campaigns=["phong-trao-thu"], criteria=None)
    assert "«thu»" in only(project, "LT022").hint


def test_lt023_criterion_not_of_campaigns(project):
    project.story(criteria=["tri thuc", "suc-khoe"])
    found = problems(project, "LT023")
    assert len(found) == 2 and "tri-thuc" in found[0].hint


def test_lt025_campaign_cycle(project):
    project.write("campaigns/a/index.md", front_matter({**CAMPAIGN, "parent": "b"}))
    project.write("campaigns/b/index.md", front_matter({**CAMPAIGN, "parent": "a"}))
    assert problems(project, "LT025")


def test_lt030_duplicate_url(project):
    project.story(folder="2024/chi-mai")
    project.story(folder="2024/Chi-Mai")
    assert only(project, "LT030")


@pytest.mark.parametrize("folder", ["THU", "thư"])  # found by fuzzing: one of the two was lost, unreported
def test_lt030_two_campaigns_at_one_address(project, folder):
    project.write(f"campaigns/{folder}/index.md", front_matter({**CAMPAIGN, "title": "Phong trào khác"}))
    first, second = sorted([f"campaigns/{folder}/index.md", "campaigns/thu/index.md"])  # the first by file stays
    problem = only(project, "LT030")
    assert problem.file.endswith(second) and first in problem.message
    kept = {"campaigns/thu/index.md": "Phong trào thử"}.get(first, "Phong trào khác")
    assert [c.title for c in load_corpus(project.root).campaigns.values()] == [kept]


def test_lt033_a_hand_written_page_where_a_generated_page_goes(project):
    """A generated page (the archive) took the place of docs/luu-tru/index.md without a word. (A folder
    page that only sends the browser on, as cau-chuyen/ does, gives way to a hand-written one.)"""
    import datetime as dt

    from lantoa.audit import plan_problems

    project.story()
    docs = project.root / "docs"
    (docs / "luu-tru").mkdir(parents=True)
    (docs / "cau-chuyen").mkdir()
    (docs / "cau-chuyen/index.md").write_text("# Câu chuyện\n", encoding="utf-8")
    (docs / "luu-tru/index.md").write_text("# Lưu trữ\n", encoding="utf-8")
    (docs / "gioi-thieu.md").write_text("# Giới thiệu\n", encoding="utf-8")
    found = plan_problems(load_corpus(project.root), docs, {}, dt.date(2026, 1, 1))
    assert [(d.code, d.file, d.severity) for d in found] == [("LT033", "docs/luu-tru/index.md", "warning")]


def test_lt031_duplicate_criterion(project):
    project.write("campaigns/a/index.md", front_matter({**CAMPAIGN, "criteria": [
        dict(id="x", name="X"), dict(id="x", name="Y")]}))
    assert only(project, "LT031")


def test_lt040_missing_photo_suggests_sibling(project):
    path = project.story()
    (path.parent / "anh-1.jpg").rename(path.parent / "Anh-1.jpg")
    d = only(project, "LT040")
    assert "Anh-1.jpg" in d.message
    assert "file: anh-1.jpg" in path.read_text(encoding="utf-8").splitlines()[d.line - 1]


@pytest.mark.parametrize("name", ["../other/anh.jpg", "/etc/passwd", "sub/../../x.jpg"])
def test_lt041_photo_outside_folder(project, name):
    project.story(**{"photos": [dict(file=name, caption="x")]})
    assert only(project, "LT041")


def test_lt041_symlink_out(project, tmp_path):
    outside = tmp_path / "outside.jpg"
    outside.write_bytes(b"x")
    path = project.story(**{"photos": [dict(file="anh.jpg", caption="x")]})
    (path.parent / "anh.jpg").unlink(missing_ok=True)
    os.symlink(outside, path.parent / "anh.jpg")
    assert only(project, "LT041")


def test_lt043_cover_not_among_photos(project):
    project.story(cover="anh-9.jpg")
    assert "anh-1.jpg" in only(project, "LT043").hint


@pytest.mark.parametrize("reference", ["![Chị Mai](anh-2.jpg)", '<img src="anh-2.jpg">', "[xem ảnh](anh-2.jpg)",
                                       "![a][ref]\n\n[ref]: anh-2.jpg"])
def test_lt044_body_photo_not_listed(project, reference):
    path = project.story(body=f"Mở đầu.\n\n{reference}\n")
    photo(path.parent / "anh-2.jpg")
    found = only(project, "LT044")
    assert "anh-2.jpg" in found.message and "anh-2.jpg" in found.hint
    assert "anh-2.jpg" in path.read_text(encoding="utf-8").splitlines()[found.line - 1]


def test_lt045_body_photo_missing(project):
    path = project.story(body="Mở đầu.\n\nDòng hai.\n\n![](Anh-1.jpg)\n")
    found = only(project, "LT045")
    assert "Anh-1.jpg" in found.message and "anh-1.jpg" in found.message  # the listed photo it resembles
    assert path.read_text(encoding="utf-8").splitlines()[found.line - 1] == "![](Anh-1.jpg)"


def test_body_photos_listed_or_in_code_are_no_problem_nor_other_links(project):
    project.story(body="![a](anh-1.jpg) `![b](anh-9.jpg)` [bài](../bai/index.md) ![c](https://x.vn/a.jpg)\n")
    assert problems(project) == []


def test_lt041_body_photo_outside_folder(project):
    path = project.story(body="Một.\n\n![a](../chi-lan/anh-1.jpg)\n")
    assert path.read_text(encoding="utf-8").splitlines()[only(project, "LT041").line - 1] == "![a](../chi-lan/anh-1.jpg)"


def test_photo_without_caption_is_an_error(project):
    project.story(photos=[dict(file="anh-1.jpg")])
    assert "caption" in only(project, "LT005").message


def test_lt050_to_lt053_registry_problems(project):
    (project.stories / "units.yml").write_text(
        "- {key: a, name: A, level: tỉnh}\n- {key: a, name: B, level: tỉnh}\n"
        "- {key: Bad Key, name: C, level: xã, parent: nowhere}\n"
        "- {key: d, name: D, level: xã, valid_from: 2025-07-01, valid_to: 2025-01-01}\n", encoding="utf-8")
    codes = {d.code for d in problems(project)}
    assert {"LT050", "LT051", "LT052", "LT053"} <= codes


def test_lt060_script_in_body(project):
    project.story(body="Xem <script>alert(1)</script> và [x](javascript:alert(1))\n")
    assert len(problems(project, "LT060")) >= 2


def test_every_problem_in_one_run(project):
    project.story(folder="2024/a", date="hôm qua")
    project.story(folder="2024/b", unit="nowhere")
    project.story(folder="2024/c", sumary="x")
    assert {d.code for d in problems(project)} >= {"LT008", "LT020", "LT006"}


FOUNDATION = {c for c in CODES if c < "LT100"}


def test_every_foundation_code_has_a_test():
    source = open(__file__, encoding="utf-8").read() + \
        Path(__file__).with_name("test_published_content.py").read_text(encoding="utf-8")
    missing = [c for c in sorted(FOUNDATION) if f"test_{c.lower()}" not in source and c not in
               ("LT051", "LT052", "LT053")]
    assert missing == []


WEIRD = [["a", {"b": 1}], {"x": [1]}, 42, 3.5, True, "", "../../x"]


@pytest.mark.parametrize("key", sorted(STORY) + ["cover", "tags", "byline", "awards", "featured"])
def test_no_traceback_whatever_a_field_holds(tmp_path, key):
    for index, value in enumerate(WEIRD):
        project = Project(tmp_path / f"p{index}")
        project.story(**{key: value})
        corpus = load_corpus(project.root)  # must not raise
        assert all(d.file and d.code for d in corpus.diagnostics)


@pytest.mark.parametrize("key", sorted(CAMPAIGN) + ["parent", "attachments", "targets", "end", "unit"])
def test_no_traceback_in_campaigns(tmp_path, key):
    for index, value in enumerate(WEIRD):
        project = Project(tmp_path / f"p{index}")
        project.write("campaigns/thu/index.md", front_matter({**CAMPAIGN, key: value}))
        load_corpus(project.root)


def test_lt032_an_item_where_a_hand_written_page_is_checked_as_the_build_does(project):
    import datetime as dt
    from lantoa.audit import check_project
    project.story(folder="2024/chi-mai")
    (project.root / "docs/cau-chuyen/2024/chi-mai").mkdir(parents=True)
    (project.root / "docs/cau-chuyen/2024/chi-mai/index.md").write_text("# Viết tay\n", encoding="utf-8")
    corpus, found = check_project(project.root, None, None, dt.date(2026, 1, 1))
    [clash] = [d for d in found if d.code == "LT032"]
    assert clash.file == "stories/people/2024/chi-mai/index.md" and "docs/cau-chuyen/2024/chi-mai/index.md" in clash.message
    assert "LT032" not in {d.code for d in corpus.diagnostics}  # the check's own plan leaves the corpus as it was


def checked(project, site_url=None, code=None):
    import datetime as dt
    from lantoa.audit import check_project
    _, found = check_project(project.root, site_url, None, dt.date(2026, 1, 1))
    return [d for d in found if code is None or d.code == code]


@pytest.mark.parametrize("link", ["../chi-lan/index.md", "../chi-lan/", "../../2023/chi-mai/index.md",
                                  "/cau-chuyen/2024/chi-lan/", "https://hoi.example.vn/cau-chuyen/2024/chi-lan/",
                                  "../../../tin-tuc/2024/khong-co/", "../../../phong-trao/khong-co/index.md",
                                  "../../../dia-ban/khong-co/"])
def test_lt046_link_to_no_page(project, link):
    path = project.story(folder="2024/chi-mai", body=f"Mở đầu.\n\nXem [bài khác]({link}).\n")
    [found] = checked(project, "https://hoi.example.vn/", "LT046")
    assert found.file.endswith("chi-mai/index.md") and link in found.message
    assert link in path.read_text(encoding="utf-8").splitlines()[found.line - 1]


@pytest.mark.parametrize("link", ["../chi-lan/index.md", "../chi-lan/", "../chi-lan", "/cau-chuyen/2024/chi-lan/",
                                  "https://hoi.example.vn/cau-chuyen/2024/chi-lan/#doan-2", "../../../phong-trao/thu/",
                                  "../../../", "../../../huong-dan/", "../../../dia-ban/huyen-my-tu/",
                                  "../../../luu-tru/2024/", "../../2024/", "../", "../../../cau-chuyen/", "../chi-lan/index.md#a", "https://khac.vn/x/", "mailto:a@b.vn", "#tren"])
def test_links_to_pages_that_are_there_are_no_problem(project, link):
    project.story(folder="2024/chi-lan")
    (project.root / "docs/huong-dan").mkdir(parents=True)
    (project.root / "docs/huong-dan/index.md").write_text("# Hướng dẫn\n", encoding="utf-8")
    project.story(folder="2024/chi-mai", body=f"Xem [bài khác]({link}).\n")
    assert [d.format() for d in checked(project, "https://hoi.example.vn/") if d.code in ("LT046", "LT047")] == []


def test_lt046_names_the_story_that_moved_to_another_year(project):
    project.story(folder="2025/chi-lan", date="2025-02-01", title="Chị Lan trồng hồi")
    project.story(folder="2024/chi-mai", body="Xem [chị Lan](../chi-lan/index.md).\n")
    [found] = checked(project, code="LT046")
    assert "Chị Lan trồng hồi" in found.hint and "../../2025/chi-lan/index.md" in found.hint


def test_lt047_link_to_a_draft_or_a_story_to_come(project):
    project.story(folder="2024/nhap", draft=True)
    project.story(folder="2024/sau-nay", date="2027-03-08")
    project.story(folder="2024/chi-mai", body="[Nháp](../nhap/) và [sắp đăng](../sau-nay/index.md).\n")
    found = checked(project, code="LT047")
    assert [d.severity for d in found] == ["warning", "warning"]
    assert "bản nháp" in found[0].message and "8/3/2027" in found[1].message


def test_lt047_link_to_a_story_left_out_for_its_error(project):
    project.story(folder="2024/co-loi", unit="khong-co-dau")
    project.story(folder="2024/chi-mai", body="Xem [bài kia](../co-loi/index.md).\n")
    [found] = checked(project, code="LT047")
    assert "đang có lỗi" in found.message and found.file.endswith("chi-mai/index.md")


def test_notes_and_labels_are_no_links(project):
    project.story(body="Chị Mai[^1] kể.\n\n[^1]: Theo báo Lạng Sơn\n\n[Ghi chú]: xem thêm ở xã\n")
    assert [d.format() for d in checked(project) if d.code in ("LT046", "LT047")] == []


def test_lt046_is_on_the_line_of_the_link_not_of_a_longer_one_before_it(project):
    path = project.story(folder="2024/chi-mai", body="[a](../../2023/khong-co/)\n\nDòng.\n\n[b](../khong-co/)\n")
    found = checked(project, code="LT046")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [lines[d.line - 1] for d in found] == ["[a](../../2023/khong-co/)", "[b](../khong-co/)"]


def test_a_body_photo_listed_without_caption_is_its_own_problem_only(project):
    path = project.story(photos=[dict(file="anh-1.jpg", caption="Chị Mai"), dict(file="anh-2.jpg")],
                         body="![a](anh-2.jpg)\n")
    photo(path.parent / "anh-2.jpg")
    assert [d.code for d in problems(project)] == ["LT005"]


@pytest.mark.parametrize("blank", [" ", "\u00a0", "\u200b", " \ufeff "])
@pytest.mark.parametrize("field, value", [
    ("title", None), ("subject", None), ("unit", None), ("summary", None), ("campaigns", "list"),
    ("photos", "caption")])
def test_a_value_of_spaces_or_invisible_characters_is_missing(project, blank, field, value):
    """Found by fuzzing: `title: " "` passed as written (an empty <h1>; with an empty summary too, a
    traceback in the feeds), `unit: " "` dropped the place, a photo's caption of spaces the photo."""
    if value == "list":
        changes = {field: [blank]}
    elif value == "caption":
        changes = {field: [dict(file="anh-1.jpg", caption=blank, credit="Hà")]}
    else:
        changes = {field: blank}
    project.story(**changes)
    found = only(project, "LT005")
    assert found.file.endswith("chi-mai/index.md") and found.line
    assert not load_corpus(project.root).stories  # held back, never published half-filled


def test_a_tag_without_a_letter_has_its_own_address():
    assert text.tag_slug("🌸") != text.tag_slug("!!!") and text.tag_slug("🌸").startswith("the-")
    assert text.tag_slug("Dân tộc thiểu số") == "dan-toc-thieu-so"


def test_lt019_a_photo_written_as_its_file_name_alone(project):
    """Found by fuzzing: `photos: [anh-1.jpg]` said «Trường «0» phải là danh sách mục…»."""
    project.story(photos=["anh-1.jpg", dict(file="anh-2.jpg", caption="Chị Mai", credit="Hà")])
    found = only(project, "LT019")
    assert "«photos»" in found.message and "anh-1.jpg" in found.message and "- file: anh-1.jpg" in found.hint
    assert not problems(project, "LT007")


def test_an_empty_units_yml_says_it_is_empty(project):
    (project.stories / "units.yml").write_text("# chưa có địa bàn\n", encoding="utf-8")
    assert "đang là trống" in problems(project, "LT007")[0].message


def test_a_photo_saved_with_a_decomposed_name_is_found(project):
    """Found by fuzzing: a file named on macOS ("a" + a mark) and written composed in photos: was
    LT040, "did you mean «ảnh-2.jpg»?" for the very name that looked the same."""
    index = project.story(photos=[dict(file="ảnh-2.jpg", caption="Chị Mai", credit="Hà")])
    (index.parent / "ảnh-2.jpg").rename(index.parent / unicodedata.normalize("NFD", "ảnh-2.jpg"))
    corpus = load_corpus(project.root)
    assert corpus.diagnostics == [] and corpus.stories[0].photos[0].path.is_file()


@pytest.mark.parametrize("campaigns", [{"thu": 1}, [" "], 5])
def test_criteria_are_not_blamed_for_campaigns_written_wrong(project, campaigns):
    """Found by fuzzing: `campaigns: {a: 1}` gave, besides its own error, one LT023 per criterion."""
    project.story(campaigns=campaigns)
    assert not problems(project, "LT023") and problems(project)


@pytest.mark.parametrize("field, value", [("unit", "huyen-my-tu\u200b"), ("campaigns", ["\u200bthu"]),
                                          ("criteria", ["tri-\u200bthuc"])])
def test_an_invisible_character_in_a_reference_is_taken_out(project, field, value):
    """Found by fuzzing: `unit: xa-mau-son-cu` + U+200B was "not found; did you mean «xa-mau-son-cu»?"."""
    project.story(**{field: value})
    corpus = load_corpus(project.root)
    assert corpus.diagnostics == [] and corpus.stories


def test_lt048_a_link_to_a_file_beside_index_md_that_is_not_published(project):
    import datetime as dt

    from lantoa.audit import check_project
    index = project.story(body="Xem [kế hoạch](ke-hoach.pdf) và [ảnh](anh-1.jpg).\n")
    (index.parent / "ke-hoach.pdf").write_bytes(b"%PDF-1.4\n")
    _, found = check_project(project.root, None, None, dt.date(2026, 1, 1))
    lt048 = [d for d in found if d.code == "LT048"]
    assert len(lt048) == 1 and "ke-hoach.pdf" in lt048[0].message and lt048[0].line
