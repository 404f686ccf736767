"""Front matter: values and line numbers as PyYAML's constructor gives them, plain or not."""
import datetime as dt

import pytest
import yaml

from lantoa.frontmatter import parse, parse_yaml_file
from lantoa.load import load_corpus
from projects import Project

SOURCES = [
    "title: Chị Mai\ndate: 2024-03-08\ntags: [a, b]\nphotos:\n  - file: a.jpg\n    caption: x\n",
    "a: &x [1, 2]\nb: *x\n",  # anchors: left to PyYAML, values shared as it shares them
    "base: &b {k: 1}\nmerged:\n  <<: *b\n  j: 2\n",
    "1: one\ntrue: yes\nnull: nothing\n2024-01-01: day\n",
    "a: !!binary aGVsbG8=\nb: !!set {x, y}\nc: !!str 12\n",
    "x: 1.5\ny: .inf\nz: 0x1f\nt: 2024-01-01 10:00:00\nn: ~\ne: ''\n",
]


@pytest.mark.parametrize("source", SOURCES)
def test_values_equal_pyyaml(source):
    parsed, problems = parse_yaml_file(source, "f.yml")
    assert parsed.data == yaml.safe_load(source) and problems == []


def test_lines_and_duplicates_are_reported_in_both_paths():
    for head in ("", "anchor: &a 1\nalias: *a\n"):  # plain; and with an anchor (PyYAML's constructor)
        parsed, problems = parse(f"---\n{head}title: x\ntags:\n  - a\n  - b\ntitle: y\n---\nbody\n", "f.md")
        offset = head.count("\n")
        assert parsed.data["title"] == "y"
        assert parsed.line("tags", 1) == 5 + offset
        assert [(d.code, d.line) for d in problems] == [("LT010", 6 + offset)]


@pytest.mark.parametrize("source", ["a: !!python/object:os.system x\n", "? [complex]\n: key\n"])
def test_what_pyyaml_cannot_construct_is_a_yaml_error_not_a_crash(source):
    parsed, problems = parse_yaml_file(source, "f.yml")
    assert parsed is None and [d.code for d in problems] == ["LT003"]


@pytest.mark.parametrize("body", ["[x](JAVASCRIPT:alert(1))", "<SCRIPT>x</SCRIPT>", "<a ONCLICK=x>y</a>"])
def test_unsafe_content_found_in_any_case(tmp_path, body):
    project = Project(tmp_path)
    project.story(body=f"Bài viết.\n\n{body}\n")
    assert [d.code for d in load_corpus(project.root).diagnostics] == ["LT060"]


def test_dates_stay_dates():
    parsed, _ = parse("---\ndate: 2024-03-08\n---\nx\n", "f.md")
    assert parsed.data["date"] == dt.date(2024, 3, 8)
