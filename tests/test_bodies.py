"""Bodies kept between builds: only when their HTML depends on their Markdown alone, and a build
that uses them makes the same site."""
from __future__ import annotations

import os
import random
import re
import shutil
import sys
from pathlib import Path

import pytest

from lantoa import bodies, sanitizer
from lantoa.text import digest
from projects import copy_small
from support import ENGINE, mkdocs_build

ROOT = Path(__file__).resolve().parents[1]


def test_settings_key_refuses_extensions_that_read_more_than_the_page():
    assert bodies.settings_key(["toc", "admonition", "pymdownx.superfences"], {"toc": {"permalink": False}})
    assert bodies.settings_key(["toc", "pymdownx.snippets"], {}) is None  # includes other files
    assert bodies.settings_key(["toc"], {"toc": {"permalink": True}}) != bodies.settings_key(["toc"], {})
    # The sanitised HTML is kept too: another sanitiser allowlist, other kept bodies.
    assert bodies.settings_key(["toc"], {}, "tags a") != bodies.settings_key(["toc"], {}, "tags b")


def test_only_html_without_relative_links_is_kept():
    assert bodies.keepable('<p>Chị <a href="https://hoilhpn.vn/x">Mai</a> <a href="mailto:a@b.vn">thư</a></p>')
    assert not bodies.keepable('<p><a href="#muc-2">mục 2</a></p>')  # anchors are checked after reading
    assert not bodies.keepable('<p><a href="../chi-dao/">Đào</a></p>')
    assert not bodies.keepable("<p><img src='anh.jpg'></p>")
    assert not bodies.keepable('<p><a href="/tuyet-doi/">x</a></p>')


# What `bodies._url_values` finds, as the regex it replaced found it (scanning every character).
URL_ATTRIBUTE = re.compile(r"""\s(?:href|src|srcset|poster|data)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
PIECES = [" ", "  ", "\t", "\n", "\u00a0", "href", "HREF", "Src", "srcset", "ſrc", "data", "poster", "xhref", "title",
          "=", "=", '"', "'", ">", "<a", "<img", "a.jpg", "x,y", " 2x, ", "https://a.vn/", "#m", "/t/", "../", "Đào"]


@pytest.mark.parametrize("seed", range(6))
def test_url_values_are_those_the_regex_finds(seed):
    rng = random.Random(seed)
    shapes = ['<a title="x" href="a src=b">', "<img data = 'c data=d' src=e>", '<a href=f?g=h src=i>',
              " src= src =src", "<a href= src =y>", "<a href=x data=\tsrc =z>"]  # a value that is a name
    for number in range(3000):
        html = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 24))) if number else shapes[seed]
        expected = [next(v for v in m.groups() if v is not None) for m in URL_ATTRIBUTE.finditer(html)]
        assert list(bodies._url_values(html)) == expected, html


def test_kept_bodies_survive_a_save_and_unused_ones_are_dropped(tmp_path):
    path = tmp_path / "bodies.pickle"
    first = bodies.BodyCache(path, "s")
    first.put("a/index.md", "# A", "<h1>A</h1>", {"a"}, sanitized="<h1>A</h1>")
    first.put("b/index.md", "# B", "<h1>B</h1>", ())
    first.put("c/index.md", "[c](../d/)", '<p><a href="../d/">c</a></p>', ())
    assert first.get("b/index.md", "# B") == ("<h1>B</h1>", (), None)  # MkDocs converted it: sanitised later
    first.save()
    second = bodies.BodyCache(path, "s")
    assert second.get("a/index.md", "# A") == ("<h1>A</h1>", ("a",), "<h1>A</h1>")
    assert second.get("a/index.md", "# A changed") is None
    assert second.get("c/index.md", "[c](../d/)") is None
    second.save()
    third = bodies.BodyCache(path, "s")
    assert third.get("b/index.md", "# B") is None  # not used by the previous build
    assert bodies.BodyCache(path, "other settings").get("a/index.md", "# A") is None


def test_saving_leaves_the_kept_html_as_it_was_in_memory(tmp_path):
    """Pickling a str caches its UTF-8 inside it for as long as it lives: the HTML of every body
    stays in memory until the build ends, and must not double then."""
    html = "<p>Chị Mai nuôi gà đồi ở Lộc Bình.</p>\n" * 200
    sanitized = html.replace("<p>", "<p class=x>")
    before = sys.getsizeof(html), sys.getsizeof(sanitized)
    cache = bodies.BodyCache(tmp_path / "bodies.pickle", "s")
    cache.put("a/index.md", "A", html, {"a"}, sanitized=sanitized)
    cache.put("b/index.md", "B", "<p>Đào</p>", (), sanitized="<p>Đào</p>")
    cache.save()
    assert (sys.getsizeof(html), sys.getsizeof(sanitized)) == before
    again = bodies.BodyCache(tmp_path / "bodies.pickle", "s")
    assert again.get("a/index.md", "A") == (html, ("a",), sanitized)
    assert again.get("b/index.md", "B") == ("<p>Đào</p>", (), "<p>Đào</p>")


def test_a_build_from_kept_bodies_is_the_same_site(tmp_path):
    project = copy_small(tmp_path / "project")
    story = project / "stories/people/2024/chi-an/index.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nXem thêm [chị Đào](../chi-dao/).\n", encoding="utf-8")
    first, second = tmp_path / "first", tmp_path / "second"
    assert mkdocs_build(project, first).returncode == 0
    kept = bodies.read_kept(project / ".cache/lantoa/bodies.pickle")
    assert kept and not any(b"chi-dao" in html for html, _, _ in kept.values())  # relative link: not kept
    # converted here, not by the body job, each is kept with its sanitised HTML: not sanitised again
    assert [html for html, _, sanitized in kept.values() if sanitized is None] == []
    assert all(text[2] == sanitizer.sanitize(text[0]) for text in map(bodies.as_text, kept.values()))
    assert mkdocs_build(project, second).returncode == 0
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()] == []


DOCUMENTS = [
    "# Chị Mai\n\n## Làm giàu\n\n## Làm giàu\n\n*[LHPN]: Liên hiệp Phụ nữ\n\nHội LHPN huyện.\n",
    '<div id="tu-viet" markdown>\n**đậm** trong khối HTML\n</div>\n\n!!! note "Ghi chú"\n    Nội dung\n\nĐoạn có mã\n{: #ghi }\n',
    "| Năm | Hộ |\n|---|---|\n| 2023 | 12 |\n\nThuật ngữ\n:   định nghĩa\n\n- [x] xong\n- [ ] chưa\n",
    "```python\nprint('xin chào')\n```\n\n=== \"Một\"\n    một\n\n=== \"Hai\"\n    hai\n\n??? info \"Mở\"\n    ẩn\n",
    "# Chị Mai\n\nChú thích[^1].\n\n[^1]: Nguồn: Hội LHPN huyện.\n",  # links to #fn:1: MkDocs' own
    "Liên kết [tương đối](../chi-dao/) và [neo](#lam-giau).\n",
    "# Chị Mai\n\nLHPN không còn là chữ viết tắt ở trang này.\n",
    "Theo: Báo Lạng Sơn\nNgày: 5/3/2024\n\nNội dung.\n",  # not meta-data: the body's first lines
]


def test_one_shared_converter_gives_what_mkdocs_gives_each_page(tmp_path):
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    from lantoa.engine.converter import SharedConverter, convert_bodies

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\ntheme: material\nmarkdown_extensions: [abbr, admonition, attr_list, def_list, footnotes, md_in_html,\n"
        "  tables, toc, pymdownx.details, pymdownx.superfences, pymdownx.tabbed, pymdownx.tasklist,\n"
        "  pymdownx.highlight]\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    assert SharedConverter.usable(config)
    shared, compared = SharedConverter(config.markdown_extensions, config.mdx_configs), []
    in_worker = convert_bodies(tuple((f"p{n}/index.md", text.encode()) for n, text in enumerate(DOCUMENTS)),
                               config.markdown_extensions, config.mdx_configs)
    for number, text in enumerate(DOCUMENTS * 2):  # twice: nothing may carry over from page to page
        file = File(f"p{number}/index.md", str(tmp_path / "docs"), str(tmp_path / "site"), True)
        page = Page(None, file, config)
        page.markdown = text
        page.render(config, Files([file]))
        converted = shared.convert(text)
        worker_text, worker_result = in_worker[f"p{number % len(DOCUMENTS)}/index.md"]
        assert worker_text == digest(text)  # converted as it is: a planned body has no meta-data
        if not bodies.keepable(page.content):  # MkDocs rewrites and checks relative links itself
            assert converted is None and worker_result is None
            continue
        assert converted == (page.content, page.present_anchor_ids)
        html, anchors, sanitized = bodies.as_text(worker_result)  # the worker's HTML comes as UTF-8
        assert (html, anchors) == converted and sanitized == sanitizer.sanitize(page.content)
        compared.append(converted)
    assert len(compared) == 2 * (len(DOCUMENTS) - 2)
    assert {"lam-giau", "lam-giau_1"} <= compared[0][1] and "<abbr" in compared[0][0]
    assert {"tu-viet", "ghi"} <= compared[1][1]
    assert "<abbr" not in compared[4][0]
    assert "Theo: Báo Lạng Sơn" in compared[-1][0] and "Ngày: 5/3/2024" in compared[-1][0]


def test_a_cold_build_whose_bodies_workers_convert_is_the_same_site(tmp_path):
    """Enough stories for the body job; one with a relative link (MkDocs converts it itself) and one
    whose Markdown a plugin would see changed is covered by `take` comparing what was converted."""
    import subprocess

    sys.path.insert(0, str(ROOT / "scripts"))
    from benchkit import corpus as kit

    project = kit.write(kit.generate(260, seed=3), tmp_path / "corpus")["lantoa"]
    story = next(project.glob("stories/people/*/*/index.md"))
    story.write_text(story.read_text(encoding="utf-8") + "\nXem [trang chủ](../../../index.md).\n", encoding="utf-8")
    # A hook that changes page.content before Lan Tỏa sees it: its change must stay.
    (project / "hook.py").write_text(
        "from mkdocs.plugins import event_priority\n"
        "@event_priority(50)\n"
        "def on_page_content(html, page, **kwargs):\n"
        "    page.content = html + '<p class=\"added-by-hook\">thêm</p>'\n"
        "    return page.content\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - hook.py\n", encoding="utf-8")
    with_job, without = tmp_path / "with-job", tmp_path / "without"
    built = mkdocs_build(project, with_job, "-v")
    assert built.returncode == 0, built.stderr
    used = int(built.stderr.split("bodies converted by workers: ")[1].split()[0])
    assert used > 50  # the workers did convert a good share
    pages = list(with_job.glob("cau-chuyen/*/*/index.html"))
    assert len(pages) == 260 and all('class="added-by-hook"' in p.read_text(encoding="utf-8") for p in pages)
    shutil.rmtree(project / ".cache")
    code = (f"import sys; from {ENGINE}.__main__ import cli; import lantoa.engine.converter as p; "
            f"p.BODY_JOB_MINIMUM = 10**9; sys.argv = ['{ENGINE}', 'build', '--strict', '-q', '-d', {str(without)!r}]; cli()")
    alone = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True,
                           env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert alone.returncode == 0, alone.stderr
    files = sorted(p.relative_to(with_job) for p in with_job.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(without) for p in without.rglob("*") if p.is_file())
    assert [f for f in files if (with_job / f).read_bytes() != (without / f).read_bytes()] == []
