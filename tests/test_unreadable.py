"""A body Markdown cannot convert (an extension raises on it) is LT140 on its first line, and its page
shows the text as plain paragraphs: never a traceback, in the build's own conversion, MkDocs' or a
worker's."""
from __future__ import annotations

import os
import subprocess

import pytest

from lantoa import unreadable
from projects import copy_small
from support import engine, mkdocs_build

# Python-Markdown 3.x's footnotes raise "OrderedDict mutated during iteration" on this: a footnote
# whose text refers to one defined inside it, and a third after.
CRASHING = "Câu[^1] <b>đậm</b>.\n\n[^1]: một\n    Hai[^2].\n\n    [^2]: hai\n\nBa[^3].\n\n[^3]: ba\n"


def test_the_plain_text_is_escaped_and_parted_by_blank_lines():
    assert unreadable.plain_html("Một <script>x</script>\ndòng\n\n\n& hai\r\n\r\nba") == (
        "<p>Một &lt;script&gt;x&lt;/script&gt;\ndòng</p>\n<p>&amp; hai</p>\n<p>ba</p>")
    problem = unreadable.problem("stories/a/index.md", 12, RuntimeError("hỏng"))
    assert (problem.code, problem.file, problem.line, problem.severity) == ("LT140", "stories/a/index.md", 12, "error")
    assert "RuntimeError: hỏng" in problem.message


def test_a_worker_leaves_such_a_body_to_the_build():
    from lantoa.engine.converter import convert_bodies

    done = convert_bodies((("a/index.md", CRASHING.encode()), ("b/index.md", "Đoạn *một*.".encode())),
                          ["footnotes"], {})
    assert done["a/index.md"][1] is None and done["b/index.md"][1] is not None


@pytest.mark.parametrize("extensions", [["footnotes"], ["footnotes", "meta"]])  # meta: MkDocs converts every body
def test_a_body_markdown_cannot_convert_is_reported_and_shown_as_text(tmp_path, extensions):
    project = copy_small(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"markdown_extensions: {extensions}\n", encoding="utf-8")
    story = project / "stories/people/2024/chi-an/index.md"
    text = story.read_text(encoding="utf-8")
    story.write_text(text + "\n" + CRASHING, encoding="utf-8")
    body_line = text.split("\n").index("---", 1) + 2

    strict = mkdocs_build(project, tmp_path / "strict")
    assert strict.returncode != 0 and "Traceback" not in strict.stderr
    assert f"stories/people/2024/chi-an/index.md:{body_line}: LT140" in strict.stderr, strict.stderr

    site = tmp_path / "site"
    preview = subprocess.run(engine("build", "-q", "-d", str(site)), cwd=project, capture_output=True, text=True,
                             env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert preview.returncode == 0 and "Traceback" not in preview.stderr and "LT140" in preview.stderr
    page = (site / "cau-chuyen/2024/chi-an/index.html").read_text(encoding="utf-8")
    assert "<p>Câu[^1] &lt;b&gt;đậm&lt;/b&gt;.</p>" in page and "<b>đậm</b>" not in page
    assert "Nội dung câu chuyện về Lê Thị An" in page
    other = (site / "cau-chuyen/2024/chi-dao/index.html").read_text(encoding="utf-8")
    assert "LT140" not in other and "Nội dung câu chuyện" in other


def test_a_page_of_docs_that_is_no_utf8_text_or_a_named_pipe_is_lt001_in_the_checker_and_the_build(tmp_path):
    """Found by fuzzing: MkDocs ended in a UnicodeDecodeError reading such a page of docs/ (and would
    wait for ever on a named pipe); the checker said nothing."""
    from lantoa.audit import unreadable_documents

    project = copy_small(tmp_path / "project")
    (project / "docs/loi.md").write_bytes(b"\xff\xfe# x\n")
    os.mkfifo(project / "docs/ong.md")
    (project / "docs/thu-muc.md").mkdir()  # a folder, and an editor's lock file: not pages MkDocs reads
    os.symlink("khong-co", project / "docs/.#gioi-thieu.md")
    found = unreadable_documents(project / "docs")
    assert sorted((d.file, d.code) for d in found.values()) == [("docs/loi.md", "LT001"), ("docs/ong.md", "LT001")]
    strict = mkdocs_build(project, tmp_path / "strict")
    assert strict.returncode != 0 and "Traceback" not in strict.stderr and "docs/loi.md: LT001" in strict.stderr
    site = tmp_path / "site"
    preview = subprocess.run(engine("build", "-q", "-d", str(site)), cwd=project, capture_output=True, text=True,
                             env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), timeout=300)
    assert preview.returncode == 0 and (site / "gioi-thieu/index.html").is_file() and not (site / "loi").exists()
