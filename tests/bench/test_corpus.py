"""The benchmark corpus generator: deterministic, valid for Lan Tỏa, the same stories for every peer."""
from __future__ import annotations

import datetime as dt
import hashlib
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "plugins"))

from benchkit import _generate as kit, corpus  # noqa: E402
from lantoa import check  # noqa: E402
from lantoa.load import load_corpus  # noqa: E402

N = 30


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def front_matter(path: Path) -> dict:
    _, head, _ = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(head)


@pytest.fixture(scope="module")
def projects(tmp_path_factory) -> dict[str, Path]:
    return corpus.write(kit.generate(N, seed=7), tmp_path_factory.mktemp("bench") / "corpus")


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path, projects):
    again = corpus.write(kit.generate(N, seed=7), tmp_path / "again")
    other = corpus.write(kit.generate(N, seed=8), tmp_path / "other")
    for name in kit.PROJECTS:
        assert digest(again[name]) == digest(projects[name]), name
    assert digest(other["lantoa"]) != digest(projects["lantoa"])


def test_photos_are_deterministic_jpegs(tmp_path):
    first = corpus.write(kit.generate(3, seed=2, photos=True), tmp_path / "a")["lantoa"]
    second = corpus.write(kit.generate(3, seed=2, photos=True), tmp_path / "b")["lantoa"]
    photos = sorted(first.rglob("*.jpg"))
    assert len(photos) >= 3
    assert all(p.read_bytes()[:3] == b"\xff\xd8\xff" for p in photos)
    assert digest(first) == digest(second)


def test_lantoa_project_checks_clean(projects, capsys):
    assert check.main([str(projects["lantoa"])]) == 0
    corpus = load_corpus(projects["lantoa"])
    assert corpus.diagnostics == []
    assert len(corpus.stories) == N
    assert len(corpus.campaigns) == len(kit.CAMPAIGNS)


def test_every_peer_gets_every_story(projects):
    assert len(list((projects["lantoa"] / "stories" / "people").glob("*/*/index.md"))) == N
    assert len(list((projects["blog"] / "docs" / "blog" / "posts").glob("*.md"))) == N
    assert len(list((projects["plain"] / "docs" / "stories").glob("*/*.md"))) == N
    assert len(list((projects["hugo"] / "content" / "stories").glob("*/*.md"))) == N


def test_bodies_are_400_to_700_words_and_shared_by_peers():
    corpus = kit.generate(N, seed=7)
    for story in corpus.stories:
        assert 400 <= kit.word_count(story.body) <= 700, story.slug
    assert len({s.body for s in corpus.stories}) == N


def test_units_before_and_after_the_2025_reform_fit_the_story_dates():
    corpus = kit.generate(200, seed=3)
    units = {u.key: u for u in corpus.units}
    assert any(u.level == "huyện" and u.valid_to for u in corpus.units)
    assert any(u.level == "xã" and u.valid_from == kit.REFORM for u in corpus.units)
    for story in corpus.stories:
        unit = units[story.unit]
        assert (unit.valid_to is None or story.date <= unit.valid_to) and \
               (unit.valid_from is None or story.date >= unit.valid_from), story.slug
    assert {s.date.year for s in corpus.stories} == set(range(kit.FIRST_YEAR, kit.LAST_YEAR + 1))
    assert any(s.date >= kit.REFORM for s in corpus.stories)


def test_blog_posts_use_material_blog_front_matter(projects):
    post = sorted((projects["blog"] / "docs" / "blog" / "posts").glob("*.md"))[0]
    meta = front_matter(post)
    assert isinstance(meta["date"]["created"], dt.date)
    assert meta["authors"] == ["bientap"] and meta["categories"]
    authors = yaml.safe_load((projects["blog"] / "docs" / "blog" / ".authors.yml").read_text(encoding="utf-8"))
    assert "bientap" in authors["authors"]
    assert "<!-- more -->" in post.read_text(encoding="utf-8")


def test_plain_pages_are_out_of_the_nav_and_pluginless(projects):
    config = yaml.safe_load((projects["plain"] / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["plugins"] == []
    assert config["nav"] == [{"Trang chủ": "index.md"}]
    assert "/stories/" in config["not_in_nav"]


def test_hugo_site_has_two_taxonomies_filled_in(projects):
    config = tomllib.loads((projects["hugo"] / "hugo.toml").read_text(encoding="utf-8"))
    assert config["taxonomies"] == {"campaign": "campaigns", "unit": "units"}
    page = next((projects["hugo"] / "content" / "stories").glob("*/*.md"))
    meta = front_matter(page)
    assert meta["campaigns"] and meta["units"]
    assert (projects["hugo"] / "layouts" / "_default" / "list.html").is_file()
