"""scripts/check: text, GitHub annotations, GitLab Code Quality, narrowing, --explain, every code known."""
from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from authoring_helpers import ROOT, check

from lantoa.diagnostics import all_codes


def break_story(project, name="chi-an"):
    index = project / f"stories/people/2024/{name}/index.md"
    text = index.read_text(encoding="utf-8").replace("unit: xa-my-huong", "unit: Mỹ Hươngg")
    index.write_text(text, encoding="utf-8")
    return index


def test_clean_fixture_passes(project):
    code, out, err = check(project)
    assert code == 0 and out == ""
    assert "0 lỗi" in err


def test_text_names_file_line_code_and_a_suggestion(project):
    break_story(project)
    code, out, err = check(project)
    assert code == 1
    assert out.startswith("stories/people/2024/chi-an/index.md:5: LT020 lỗi: ")
    assert "xa-my-huong" in out  # what to write instead
    assert "--explain LT020" in err


def test_github_annotations(project):
    break_story(project)
    code, out, _ = check(project, "--format", "github")
    assert code == 1
    assert re.fullmatch(r"::error file=stories/people/2024/chi-an/index\.md,line=5,title=LT020::LT020 .+\n", out)


def test_a_folder_name_cannot_forge_an_annotation_or_a_log_line(project):
    """Found by the audit: a folder named with "," or a line break added properties to the
    annotation, or began a line `::error …` that GitHub's runner reads as its own command."""
    forged = "zz\n::error file=GIA.md,line=1::GIA MAO, line=9"
    shutil.copytree(break_story(project).parent, project / f"stories/people/2024/{forged}")
    _, github, _ = check(project, "--format", "github")
    _, text, _ = check(project)
    assert len(github.splitlines()) == len(text.splitlines()) == 2
    assert "file=stories/people/2024/zz%0A%3A%3Aerror file=GIA.md%2Cline=1%3A%3AGIA MAO%2C line=9/index.md,line=5," in github
    assert "stories/people/2024/zz\\n::error file=GIA.md,line=1::GIA MAO, line=9/index.md:5: LT020" in text


def test_gitlab_code_quality(project):
    break_story(project)
    code, out, _ = check(project, "--format", "gitlab")
    report = json.loads(out)
    assert code == 1 and len(report) == 1
    assert report[0]["location"] == {"path": "stories/people/2024/chi-an/index.md", "lines": {"begin": 5}}
    assert report[0]["check_name"] == "LT020" and report[0]["severity"] == "major"
    assert len(report[0]["fingerprint"]) == 64


def test_paths_narrow_the_report(project):
    break_story(project)
    assert check(project / "stories/news")[0] == 0
    code, out, _ = check(project / "stories/news", str(project / "stories/people/2024/chi-an"))
    assert code == 1 and "chi-an" in out


def test_warnings_fail_as_the_strict_build_fails_unless_no_strict(project):
    index = project / "stories/people/2024/chi-an/index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("date: 2024-10-01", "date: 2023-10-01"),
                     encoding="utf-8")
    code, out, _ = check(project)
    assert code == 1 and " LT014 cảnh báo: " in out
    code, out, _ = check(project, "--no-strict")
    assert code == 0 and " LT014 cảnh báo: " in out


def test_explain_prints_the_vietnamese_fix():
    result = subprocess.run([str(ROOT / "scripts/check"), "--explain", "lt021"], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.startswith("LT021 (lỗi): Tên địa bàn chưa rõ")
    assert "huyện Lộc Bình" in result.stdout and "](" not in result.stdout
    assert subprocess.run([str(ROOT / "scripts/check"), "--explain", "LT999"], capture_output=True).returncode == 2


def test_every_module_declares_its_codes():
    codes = all_codes()
    for code in ("LT001", "LT020", "LT101", "LT131"):  # loader, units, photos, sharing
        assert code in codes
    assert list(codes) == sorted(codes)


def test_a_path_that_is_not_there_is_an_error_not_a_pass(project):
    """Found by fuzzing: a typo in the path checked nothing and said «0 lỗi»; a folder's name cut
    short (…/chi) reported the errors of …/chi-an."""
    break_story(project)
    code, out, err = check(project / "stories/people/2024/chi-an-typo")
    assert code == 2 and out == "" and "chi-an-typo" in err
    code, out, _ = check(project / "stories/people/2024", str(project / "stories/news"))
    assert code == 1 and "chi-an" in out
    (project / "stories/people/2024/chi").mkdir()
    assert "chi-an" not in check(project / "stories/people/2024/chi")[1]


@pytest.mark.parametrize("written, line", [("site_name: [chưa đóng\n", 2), ("- a\n- b\n", 1)])
def test_a_broken_mkdocs_yml_is_said(project, written, line):
    (project / "mkdocs.yml").write_text(written, encoding="utf-8")
    code, out, _ = check(project)
    assert code == 1 and out.startswith(f"mkdocs.yml:{line}: LT138")


@pytest.mark.parametrize("plugins", ["plugins: 5\n", "plugins:\n  lantoa:\n    page_size: 0\n"])
def test_plugins_written_as_a_number_or_a_mapping(project, plugins):
    """Found by fuzzing: `plugins: 5` was a traceback; MkDocs' mapping form is read too."""
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").split("plugins:")[0] + plugins, encoding="utf-8")
    code, out, err = check(project)
    assert "Traceback" not in err and ("LT136" in out) == ("lantoa" in plugins)


def test_explain_without_a_code_is_an_error(project):
    assert check(project, "--explain", "")[0] == 2
