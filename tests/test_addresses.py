"""One page per address: an item clashing with a generated or a hand-written page is an error
naming both, and the item waits (issue 19)."""
from __future__ import annotations

import functools
import html
import json
import os
import re
import subprocess
import urllib.parse
from types import SimpleNamespace

import pytest

from lantoa.plan import Page
from lantoa.planning.addresses import one_page_per_address
from lantoa.planning.planner import Planner
from lantoa.remade import Remade
from projects import copy_small
from support import engine, mkdocs_build


def page(url: str, source: str | None = None, title: str = "Phong trào, trang 2") -> Page:
    return Page(url=url, role="story" if source else "campaigns", title=title, template="x.html", context={},
                source=source)


def planner(*pages: Page, kept: Remade | None = None) -> SimpleNamespace:
    """What one_page_per_address uses of a Planner: its pages, problems and memory (`kept`: serve's)."""
    p = SimpleNamespace(pages=list(pages), corpus=SimpleNamespace(diagnostics=[]), kept=kept)
    p.remembered = functools.partial(Planner.remembered, p)
    return p


def test_under_serve_a_clash_is_found_whatever_the_plan_before_held():
    kept = Remade()
    a, b = page("a/", "stories/people/2024/a/index.md"), page("b/", "stories/people/2024/b/index.md")
    first = planner(a, b, kept=kept)
    one_page_per_address(first)
    first.pages.append(page("c/", "stories/people/2024/c/index.md"))  # held pages come after the check
    same = planner(a, b, kept=kept)
    one_page_per_address(same)
    assert same.corpus.diagnostics == []
    clash = planner(a, page("a/", "stories/people/2024/b/index.md"), kept=kept)  # a save moved b to a/
    one_page_per_address(clash)
    assert [(d.code, d.file) for d in clash.corpus.diagnostics] == [("LT032", "stories/people/2024/b/index.md")]
    again = planner(a, b, kept=kept)
    one_page_per_address(again)
    assert again.corpus.diagnostics == [] and again.pages == [a, b]


def test_an_item_where_a_generated_page_is_waits_whichever_came_first():
    for order in ((0, 1), (1, 0)):
        both = [page("phong-trao/trang-2/"), page("phong-trao/trang-2/", "stories/campaigns/trang-2/index.md")]
        p = planner(*(both[i] for i in order))
        one_page_per_address(p)
        assert [x.source for x in p.pages] == [None]
        [problem] = p.corpus.diagnostics
        assert (problem.code, problem.file, problem.is_error) == ("LT032", "stories/campaigns/trang-2/index.md", True)
        assert "Phong trào, trang 2" in problem.message


def test_two_items_at_one_address_keep_the_first_and_name_it():
    p = planner(page("a/", "stories/people/2024/a/index.md"), page("a/", "stories/people/2024/a-/index.md"),
                page("b/", "stories/people/2024/b/index.md"))
    one_page_per_address(p)
    assert [x.url for x in p.pages] == ["a/", "b/"]
    assert [(d.file, "stories/people/2024/a/index.md" in d.message) for d in p.corpus.diagnostics] == [
        ("stories/people/2024/a-/index.md", True)]


def test_a_hand_written_page_at_a_story_address_is_kept_and_both_are_named(tmp_path):
    project = copy_small(tmp_path / "project")
    written = project / "docs" / "cau-chuyen" / "2024" / "chi-an" / "index.md"
    written.parent.mkdir(parents=True)
    written.write_text("# Trang viết tay\n\nGiữ nguyên.\n", encoding="utf-8")
    strict = mkdocs_build(project, tmp_path / "strict")
    assert strict.returncode != 0 and "Traceback" not in strict.stderr
    assert "LT032" in strict.stderr and "docs/cau-chuyen/2024/chi-an/index.md" in strict.stderr
    assert "stories/people/2024/chi-an/index.md" in strict.stderr
    preview = subprocess.run(engine("build", "-q", "-d", str(tmp_path / "preview")), cwd=project, text=True,
                             capture_output=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert preview.returncode == 0, preview.stderr
    assert "Giữ nguyên." in (tmp_path / "preview/cau-chuyen/2024/chi-an/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["javascript:alert(document.domain).pdf", "kế hoạch #2?.pdf", "50% x.pdf"])
def test_an_attachment_links_to_its_own_file_whatever_its_name(tmp_path, name):
    """Found by the audit: a file named `javascript:alert(…).pdf` was linked as written, a script the
    reader runs by a click; `#`, `?` and `%` in a name made a link to some other address."""
    project = copy_small(tmp_path / "project")
    campaign = project / "stories" / "campaigns" / "tinh-nha"
    (campaign / name).write_bytes(b"%PDF-1.4\n")
    index = campaign / "index.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(text.replace("summary: Phong trào của tỉnh.\n", "summary: Phong trào của tỉnh.\n"
                                  f"attachments:\n  - file: {json.dumps(name)}\n    title: Kế hoạch\n"), encoding="utf-8")
    built = mkdocs_build(project, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "site" / "phong-trao" / "tinh-nha" / "index.html").read_text(encoding="utf-8")
    href = re.search(r'<a href="([^"]*)">Kế hoạch</a>', page).group(1)
    assert urllib.parse.urlsplit(html.unescape(href)).scheme == "" and not href.startswith("/")
    target = urllib.parse.urljoin("https://x.vn/phong-trao/tinh-nha/", html.unescape(href))
    assert urllib.parse.unquote(urllib.parse.urlsplit(target).path) == f"/phong-trao/tinh-nha/{name}"
    assert (tmp_path / "site" / "phong-trao" / "tinh-nha" / name).read_bytes() == b"%PDF-1.4\n"


def test_a_link_to_another_story_by_its_folder_passes_a_strict_build(tmp_path):
    """Found by fuzzing: `[…](../chi-dao/)` names a page that is there (LT046 agreed), but MkDocs
    said in English that it was an unrecognized relative link, and a strict build failed on it."""
    project = copy_small(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "validation:\n  links:\n    unrecognized_links: warn\n",
                      encoding="utf-8")
    story = project / "stories/people/2024/chi-an/index.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nXem thêm [chị Đào](../chi-dao/).\n", encoding="utf-8")
    built = mkdocs_build(project, tmp_path / "site")
    assert built.returncode == 0 and "unrecognized" not in built.stderr, built.stderr
    story.write_text(story.read_text(encoding="utf-8") + "\nVà [chị Khác](../chi-khac/).\n", encoding="utf-8")
    broken = mkdocs_build(project, tmp_path / "site")
    assert broken.returncode != 0 and "LT046" in broken.stderr and "unrecognized" not in broken.stderr


def test_a_link_to_a_file_that_is_not_published_is_said_in_vietnamese(tmp_path):
    """Found by fuzzing: `[kế hoạch](ke-hoach.pdf)` beside a story's index.md failed a strict build
    with MkDocs' English "not found among documentation files", no line, and the checker silent. A
    campaign's body may link its own attachment."""
    project = copy_small(tmp_path / "project")
    story = project / "stories/people/2024/chi-an/index.md"
    (story.parent / "ke-hoach.pdf").write_bytes(b"%PDF-1.4\n")
    story.write_text(story.read_text(encoding="utf-8") + "\nXem [kế hoạch](ke-hoach.pdf).\n", encoding="utf-8")
    campaign = project / "stories/campaigns/tinh-nha/index.md"
    (campaign.parent / "van-ban.pdf").write_bytes(b"%PDF-1.4\n")
    campaign.write_text(campaign.read_text(encoding="utf-8").replace(
        "summary: Phong trào của tỉnh.\n", "summary: Phong trào của tỉnh.\nattachments:\n  - file: van-ban.pdf\n"
        "    title: Văn bản\n") + "\nTải [văn bản](van-ban.pdf).\n", encoding="utf-8")
    built = mkdocs_build(project, tmp_path / "site")
    said = built.stdout + built.stderr
    assert built.returncode != 0 and "not found among" not in said
    assert "stories/people/2024/chi-an/index.md:" in said and said.count("LT048") == 1
