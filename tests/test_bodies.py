"""Bodies kept between builds: only when their HTML depends on their Markdown alone, and a build
that uses them makes the same site."""
from __future__ import annotations

import pickle

from lantoa import bodies
from projects import copy_small
from support import mkdocs_build


def test_settings_key_refuses_extensions_that_read_more_than_the_page():
    assert bodies.settings_key(["toc", "admonition", "pymdownx.superfences"], {"toc": {"permalink": False}})
    assert bodies.settings_key(["toc", "pymdownx.snippets"], {}) is None  # includes other files
    assert bodies.settings_key(["toc"], {"toc": {"permalink": True}}) != bodies.settings_key(["toc"], {})


def test_only_html_without_relative_links_is_kept():
    assert bodies.keepable('<p>Chị <a href="https://hoilhpn.vn/x">Mai</a> <a href="mailto:a@b.vn">thư</a></p>')
    assert not bodies.keepable('<p><a href="#muc-2">mục 2</a></p>')  # anchors are checked after reading
    assert not bodies.keepable('<p><a href="../chi-dao/">Đào</a></p>')
    assert not bodies.keepable("<p><img src='anh.jpg'></p>")
    assert not bodies.keepable('<p><a href="/tuyet-doi/">x</a></p>')


def test_kept_bodies_survive_a_save_and_unused_ones_are_dropped(tmp_path):
    path = tmp_path / "bodies.pickle"
    first = bodies.BodyCache(path, "s")
    first.put("a/index.md", "# A", "<h1>A</h1>", {"a"})
    first.put("b/index.md", "# B", "<h1>B</h1>", ())
    first.put("c/index.md", "[c](../d/)", '<p><a href="../d/">c</a></p>', ())
    first.save()
    second = bodies.BodyCache(path, "s")
    assert second.get("a/index.md", "# A") == ("<h1>A</h1>", ("a",))
    assert second.get("a/index.md", "# A changed") is None
    assert second.get("c/index.md", "[c](../d/)") is None
    second.save()
    third = bodies.BodyCache(path, "s")
    assert third.get("b/index.md", "# B") is None  # not used by the previous build
    assert bodies.BodyCache(path, "other settings").get("a/index.md", "# A") is None


def test_a_build_from_kept_bodies_is_the_same_site(tmp_path):
    project = copy_small(tmp_path / "project")
    story = project / "stories/people/2024/chi-an/index.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nXem thêm [chị Đào](../chi-dao/).\n", encoding="utf-8")
    first, second = tmp_path / "first", tmp_path / "second"
    assert mkdocs_build(project, first).returncode == 0
    kept = pickle.loads((project / ".cache/lantoa/bodies.pickle").read_bytes())["bodies"]
    assert kept and not any("chi-dao" in html for html, _ in kept.values())  # relative link: not kept
    assert mkdocs_build(project, second).returncode == 0
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()] == []
