"""scripts/new: the scaffold passes scripts/check once a body is written; places and campaigns
are matched without diacritics; ambiguity is asked about, or fails with the list."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml
from PIL import Image

from lantoa import scaffold
from lantoa.draft import SLUG_MAX, make_slug
from lantoa.frontmatter import parse
from lantoa.schema import KINDS

from authoring_helpers import ROOT, check

STORY = ["story", "--title", "Chị Nguyễn Thị Hoa làm giàu từ cây quế", "--subject", "Nguyễn Thị Hoa",
         "--kind", "ca nhan", "--campaign", "quoc gia", "--date", "8/3/2024", "--summary", "Sapo ngắn gọn.",
         "--yes"]


def new(project: Path, *args: str, answers=None):
    said = []
    replies = iter(answers or [])
    code = scaffold.main([*args, "--root", str(project)], ask=lambda q: next(replies), say=said.append)
    return code, "\n".join(said)


def add_body(index: Path, body: str = "Chị Hoa trồng quế trên đồi.\n") -> None:
    index.write_text(index.read_text(encoding="utf-8") + "\n" + body, encoding="utf-8")


def only_index(project: Path, section: str) -> Path:
    known = {p for p in (ROOT / "tests/fixtures/small/stories").rglob("index.md")}
    made = [p for p in (project / "stories" / section).rglob("index.md")
            if (ROOT / "tests/fixtures/small" / p.relative_to(project)) not in known]
    assert len(made) == 1, made
    return made[0]


def photo(path: Path, size=(640, 480)) -> Path:
    Image.new("RGB", size, (200, 120, 80)).save(path, "JPEG")
    return path


def test_story_passes_check_once_a_body_is_written(project):
    code, _ = new(project, *STORY, "--unit", "my tu")
    assert code == 0
    index = project / "stories/people/2024/chi-nguyen-thi-hoa-lam-giau-tu-cay-que/index.md"
    assert index.is_file()
    code, out, _ = check(project)
    assert code == 1 and [line.split(": ")[1].split()[0] for line in out.splitlines()] == ["LT011"]
    add_body(index)
    code, out, err = check(project)
    assert (code, out) == (0, ""), out + err


def test_the_real_command_line_too(project):
    result = subprocess.run([str(ROOT / "scripts/new"), *STORY, "--unit", "huyen-my-tu", "--root", str(project)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    add_body(only_index(project, "people"))
    result = subprocess.run([str(ROOT / "scripts/check"), str(project)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_front_matter_values_and_comments(project):
    new(project, *STORY, "--unit", "my tu", "--byline", "Thu Hà: phóng viên # 1")
    index = only_index(project, "people")
    source = index.read_text(encoding="utf-8")
    parsed, problems = parse(source, "x")
    assert not problems
    data = parsed.data
    assert data["unit"] == "huyen-my-tu"  # "my tu" on 8/3/2024 is the district, not the 2025 commune
    assert data["campaigns"] == ["quoc-gia"] and data["subject_kind"] == "cá nhân"
    assert data["byline"] == "Thu Hà: phóng viên # 1"  # quoted where YAML needs it
    assert str(data["date"]) == "2024-03-08"
    # Every schema field is explained by a comment, and the optional ones show an example.
    for field in KINDS["story"]:
        assert f"# {field.label}" in source
        assert f"{field.name}:" in source
    assert "# byline" not in source and "# featured: false" in source


def test_unit_matching_prefers_what_existed_on_the_date(project):
    args = [a if a != "8/3/2024" else "1/9/2025" for a in STORY]
    args[args.index("--title") + 1] = "Bài sau sáp nhập"
    assert new(project, *args, "--unit", "my tu")[0] == 0
    index = only_index(project, "people")
    assert yaml.safe_load(index.read_text(encoding="utf-8").split("---")[1])["unit"] == "xa-my-tu"


def test_ambiguous_unit_fails_with_the_list_when_not_interactive(project, capsys):
    code, _ = new(project, *STORY, "--unit", "my")
    err = capsys.readouterr().err
    assert code == 2
    assert "huyện Mỹ Tú" in err and "xã Mỹ Hương" in err
    assert not (project / "stories/people/2024/chi-nguyen-thi-hoa-lam-giau-tu-cay-que").exists()


def test_ambiguous_unit_is_asked_about(project):
    code, said = new(project, *[a for a in STORY if a != "--yes"], "--unit", "my", "--photo", str(photo(project / "p.jpg")),
                     "--caption", "Chị Hoa", "--credit", "", answers=["2", "", ""])
    assert code == 0, said
    assert "1. huyện Mỹ Tú" in said and "2. xã Mỹ Hương, huyện Mỹ Tú" in said
    data = yaml.safe_load(only_index(project, "people").read_text(encoding="utf-8").split("---")[1])
    assert data["unit"] == "xa-my-huong"


def test_unknown_unit_gives_suggestions(project, capsys):
    code, _ = new(project, *STORY, "--unit", "my huongg")
    err = capsys.readouterr().err
    assert code == 2 and "Mỹ Hương" in err and "xa-my-huong" in err


def test_unknown_campaign_is_reported(project, capsys):
    args = list(STORY)
    args[args.index("--campaign") + 1] = "khong co phong trao nao"
    code, _ = new(project, *args, "--unit", "my tu")
    assert code == 2 and "khong co phong trao nao" in capsys.readouterr().err


def test_missing_required_facts_are_named(project, capsys):
    code, _ = new(project, "story", "--title", "Chỉ có tiêu đề", "--yes")
    err = capsys.readouterr().err
    assert code == 2
    for flag in ("--subject", "--kind", "--unit", "--campaign", "--summary"):
        assert flag in err


def test_photos_are_copied_renamed_and_captioned(project, tmp_path):
    first = photo(tmp_path / "IMG_0001.JPG")
    second = photo(tmp_path / "Ảnh chụp.Jpeg")
    code, _ = new(project, *STORY, "--unit", "my tu", "--photo", str(first), "--photo", str(second),
                  "--caption", "Chị Hoa bên đồi quế", "--caption", "Chị em trong tổ", "--credit", "Thu Hà")
    assert code == 0
    index = only_index(project, "people")
    assert sorted(p.name for p in index.parent.iterdir()) == ["anh-1.jpg", "anh-2.jpeg", "index.md"]
    assert (index.parent / "anh-1.jpg").read_bytes() == first.read_bytes()
    data = yaml.safe_load(index.read_text(encoding="utf-8").split("---")[1])
    assert data["photos"] == [{"file": "anh-1.jpg", "caption": "Chị Hoa bên đồi quế", "credit": "Thu Hà"},
                              {"file": "anh-2.jpeg", "caption": "Chị em trong tổ", "credit": "Thu Hà"}]
    add_body(index)
    assert check(project)[0] == 0


def test_a_photo_without_caption_is_refused(project, tmp_path, capsys):
    code, _ = new(project, *STORY, "--unit", "my tu", "--photo", str(photo(tmp_path / "a.jpg")))
    assert code == 2 and "chú thích" in capsys.readouterr().err
    assert not (project / "stories/people/2024").joinpath("chi-nguyen-thi-hoa-lam-giau-tu-cay-que").exists()


def test_an_existing_folder_is_never_overwritten(project, capsys):
    assert new(project, *STORY, "--unit", "my tu")[0] == 0
    index = only_index(project, "people")
    add_body(index, "Bài đã viết.\n")
    before = index.read_text(encoding="utf-8")
    assert new(project, *STORY, "--unit", "my tu")[0] == 2
    assert "đã có" in capsys.readouterr().err
    assert index.read_text(encoding="utf-8") == before


def test_interactive_story(project, tmp_path):
    image = photo(tmp_path / "IMG.PNG")
    answers = ["Tổ hợp tác mây tre Định Quán", "15/5/2024", "Tổ hợp tác mây tre", "2", "dinh quan",
               "quoc", "c", "", "2 1", "Tổ mây tre giúp chị em có thu nhập.", "", str(image), "Chị em đan giỏ",
               "Thu Hà", ""]
    code, said = new(project, "story", answers=answers)
    assert code == 0, said
    index = project / "stories/people/2024/to-hop-tac-may-tre-dinh-quan/index.md"
    data = yaml.safe_load(index.read_text(encoding="utf-8").split("---")[1])
    assert data["unit"] == "huyen-dinh-quan" and data["campaigns"] == ["quoc-gia"]
    assert data["subject_kind"] == "tập thể" and data["photos"][0]["file"] == "anh-1.png"
    assert data["criteria"] == ["trach-nhiem", "tri-thuc"]  # asked because the campaign has criteria
    assert "→ huyện Định Quán" in said and "1. Có tri thức (mã tri-thuc" in said
    add_body(index)
    assert check(project)[0] == 0


@pytest.mark.parametrize("kind, args, section", [
    ("news", ["--kind", "phat dong", "--unit", "dinh quan", "--campaign", "dot-20-10"], "news"),
    ("campaign", ["--kind", "dot thi dua", "--level", "tinh", "--issuer", "Ban Thường vụ Hội LHPN tỉnh",
                  "--campaign", "quoc-gia"], "campaigns"),
])
def test_news_and_campaign_pass_check_once_a_body_is_written(project, kind, args, section):
    code, said = new(project, kind, "--title", "Phát động đợt thi đua mùa hè 2024", "--date", "2024-05-02",
                     "--summary", "Sapo.", *args, "--yes")
    assert code == 0, said
    index = only_index(project, section)
    assert [l.split(": ")[1].split()[0] for l in check(project)[1].splitlines()] == ["LT011"]
    add_body(index)
    code, out, err = check(project)
    assert code == 0, out + err


def test_slugs_are_ascii_and_short():
    assert make_slug("Đồng chí Đặng Thị Ánh: 20 năm gắn bó") == "dong-chi-dang-thi-anh-20-nam-gan-bo"
    long = make_slug("Chị " + "Nguyễn Thị Hoa làm giàu " * 10)
    assert len(long) <= SLUG_MAX and not long.endswith("-") and long.isascii()


def test_several_campaigns_on_one_line_a_place_echo_and_dates_as_asked(project):
    answers = ["Chị Hoa trồng quế", "15/5/2024", "Nguyễn Thị Hoa", "1", "H. Mỹ Tú", "1, 2", "", "1", "Sapo.", "", ""]
    code, said = new(project, "story", answers=answers)
    assert code == 0, said
    data = yaml.safe_load(only_index(project, "people").read_text(encoding="utf-8").split("---")[1])
    assert len(data["campaigns"]) == 2, said
    assert "→ huyện Mỹ Tú (đến 30/6/2025)" in said
    assert data["criteria"] == ["tu-tin"]
    assert "Ví dụ: 8/3/2024" in said and "Ví dụ: 2024-03-08" not in said


def test_split_answer():
    from lantoa.interview import split_answer
    assert split_answer("4, 5", set(), 5) == ["4", "5"] and split_answer("4 5", set(), 5) == ["4", "5"]
    assert split_answer("a-b, c-d", {"a-b", "c-d"}, 0) == ["a-b", "c-d"]
    assert split_answer("Phụ nữ tích cực học tập, lao động sáng tạo", {"a-b"}, 5) == [
        "Phụ nữ tích cực học tập, lao động sáng tạo"]
    assert split_answer("4, 9", set(), 5) == ["4, 9"]  # 9 is not on the list: one answer, refused as such


@pytest.mark.parametrize("slug", ["../../../ra-ngoai", "ABSOLUTE", "Tiếng Việt Đẹp", "UPPER_case", "a/b", "-"])
def test_a_folder_name_given_must_be_a_slug(project, tmp_path, slug, capsys):
    """Found by fuzzing: --slug ../../../x wrote outside stories/, /tmp/x outside the project (then a
    traceback), and Vietnamese or upper-case names were taken as they were."""
    outside = tmp_path / "tuyet-doi"
    before = sorted(p for p in project.rglob("*"))
    code, _ = new(project, *STORY, "--unit", "my tu", "--slug", str(outside) if slug == "ABSOLUTE" else slug)
    assert code == 2 and "chữ thường không dấu" in capsys.readouterr().err
    assert sorted(p for p in project.rglob("*")) == before and not outside.exists()


def test_one_long_word_is_cut_to_the_longest_slug():
    assert len(make_slug("a" * 80)) == SLUG_MAX


def test_pasted_invisible_characters_and_decomposed_letters_are_cleaned(project):
    """Found by fuzzing: a credit typed decomposed (LT012) and a title pasted with a direction mark
    or U+2028 (LT015) made a file the strict check refused."""
    source = photo(project / "anh-goc.jpg")
    code, _ = new(project, *STORY[:2], "Chị Hoa\u202e trồng\u2028quế", *STORY[3:], "--unit", "my tu",
                  "--photo", str(source), "--caption", "Chị Hoa", "--credit", "Ha\u0300 Thu")
    assert code == 0
    index = only_index(project, "people")
    add_body(index)
    code, out, err = check(project)
    assert (code, out) == (0, ""), out + err
    assert "title: Chị Hoa trồng quế" in index.read_text(encoding="utf-8")


def test_a_date_before_1900_is_asked_again(project, capsys):
    code, _ = new(project, *STORY[:10], "1/1/0001", *STORY[11:], "--unit", "my tu")
    assert code == 2 and "1/1/0001" in capsys.readouterr().err


def test_outside_a_project_nothing_is_made(tmp_path, monkeypatch, capsys):
    """Found by fuzzing: run from another folder, scripts/new made a stray stories/ there and said
    it was done; the wrapper now names its own project, and without one it is an error."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("LANTOA_PROJECT", raising=False)
    assert scaffold.main(STORY[:-1] + ["--unit", "my tu", "--yes"], ask=lambda q: "", say=lambda s: None) == 2
    assert "stories/" in capsys.readouterr().err and not (tmp_path / "stories").exists()


def test_the_command_run_elsewhere_writes_into_its_own_project(tmp_path):
    project = tmp_path / "du-an"
    import shutil
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv*", "node_modules", ".git", "site",
                                                                 "bench-out", ".cache"), symlinks=True)
    (project / ".venv").symlink_to(ROOT / ".venv")
    elsewhere = tmp_path / "noi-khac"
    elsewhere.mkdir()
    result = subprocess.run([str(project / "scripts/new"), "news", "--title", "Tin thử", "--kind", "phát động",
                             "--date", "1/8/2025", "--summary", "Sapo.", "--yes"], cwd=elsewhere,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (project / "stories/news/2025/tin-thu/index.md").is_file() and not (elsewhere / "stories").exists()


CAMPAIGN = ["campaign", "--title", "Phát động đợt thi đua mùa hè 2024", "--date", "2024-05-02", "--summary", "Sapo.",
            "--kind", "dot thi dua", "--level", "tinh", "--issuer", "Ban Thường vụ Hội LHPN tỉnh", "--yes"]


def test_a_campaigns_unit_and_parent_given_are_written(project):
    """Found by fuzzing: `scripts/new campaign … --unit … --campaign …` wrote neither."""
    code, said = new(project, *CAMPAIGN, "--unit", "my tu", "--campaign", "quoc-gia")
    assert code == 0, said
    written = only_index(project, "campaigns").read_text(encoding="utf-8")
    assert "\nunit: " in written and "\nparent: quoc-gia" in written


@pytest.mark.parametrize("kind, extra, said", [(CAMPAIGN, ["--subject", "Chị Hoa"], "--subject"),
                                                (STORY, ["--unit", "my tu", "--unit", "dinh quan"], "--unit")])
def test_a_flag_that_would_be_dropped_is_refused(project, kind, extra, said, capsys):
    code, _ = new(project, *kind, *extra)
    assert code == 2 and said in capsys.readouterr().err


def test_a_unit_that_no_longer_existed_on_the_date_is_not_written(project, capsys):
    """Found by fuzzing: `--unit huyen-my-tu --date 2025-09-02` was written, and the strict check then
    refused it (LT024)."""
    code, _ = new(project, *STORY[:10], "2025-09-02", *STORY[11:], "--unit", "huyen-my-tu")
    assert code == 2 and "không còn vào ngày 2/9/2025" in capsys.readouterr().err
