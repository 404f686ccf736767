"""Every diagnostic of the loader: triggered, with the right file and line, and all in one run."""
import os
import unicodedata

import pytest
from pathlib import Path

from lantoa.diagnostics import CODES
from lantoa.load import load_corpus
from projects import CAMPAIGN, STORY, Project, front_matter


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


def test_lt001_missing_registry(project):
    (project.stories / "units.yml").unlink()
    assert only(project, "LT001").file == "stories/units.yml"


def test_lt002_no_front_matter(project):
    project.write("people/2024/x/index.md", "Chỉ có nội dung.\n")
    assert only(project, "LT002").line == 1


def test_lt003_yaml_syntax_error_with_line(project):
    project.write("people/2024/x/index.md", "---\ntitle: a\nsubject: [Mai\nunit: x\n---\nBody\n")
    d = only(project, "LT003")
    assert d.line in (4, 5) and "YAML" in d.message


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


def test_lt014_year_folder_differs(project):
    project.story(folder="2023/chi-mai")
    assert only(project, "LT014").severity == "warning"


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


def test_lt022_unknown_campaign(project):
    project.story(campaigns=["phong-trao-thu"], criteria=None)
    assert "'thu'" in only(project, "LT022").hint


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
