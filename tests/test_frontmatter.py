"""Front matter: values stay the text typed, lines are kept, the parser is fenced in, and every
YAML mistake is told in Vietnamese as what the writer did."""
import pickle
import time

import pytest

from lantoa.frontmatter import MAX_DEPTH, MAX_NODES, Plain, parse, parse_yaml_file
from lantoa.load import load_corpus
from projects import Project


def data(source: str):
    parsed, problems = parse_yaml_file(source, "f.yml")
    assert problems == [], [d.format() for d in problems]
    return parsed.data


# What YAML 1.1 (PyYAML) would make of each plain value (None: a string; 1e3 and 0o17 are YAML 1.2 numbers).
SURPRISES = {"20:10": "int", "no": "bool", "on": "bool", "yes": "bool", "off": "bool", "0x1F": "int",
             "1e3": None, "0o17": None, ".inf": "float", "~": "null", "null": "null", "012": "int",
             "2024-03-08": "timestamp", "1_000": "int", "-.5": None, "1.5e+3": "float", "Chị Mai": None, "'20:10'": None}


@pytest.mark.parametrize("typed", SURPRISES)
def test_plain_values_stay_the_text_typed(typed):
    value = data(f"title: {typed}\n")["title"]
    assert value == typed.strip("'") and type(value) in (str, Plain)
    assert getattr(value, "kind", None) == SURPRISES[typed]


def test_plain_values_survive_pickling_to_and_from_workers():
    value = data("a: no\n")["a"]
    back = pickle.loads(pickle.dumps(value))
    assert back == "no" and back.kind == "bool" and type(back) is Plain


def test_structure_and_lines():
    parsed, problems = parse("---\ntitle: x\ntags:\n  - a\n  - b\nphotos:\n  - file: a.jpg\n    caption: c\n"
                             "---\nbody\n", "f.md")
    assert problems == []
    assert parsed.data == {"title": "x", "tags": ["a", "b"], "photos": [{"file": "a.jpg", "caption": "c"}]}
    assert parsed.line("tags", 1) == 5 and parsed.line("photos", 0, "caption") == 8 and parsed.body_line == 10


def test_empty_value_is_none_and_quoted_values_are_plain_strings():
    values = data("a:\nb: ''\nc: \"yes\"\nd: |\n  x\n")
    assert values == {"a": None, "b": "", "c": "yes", "d": "x\n"}
    assert type(values["c"]) is str


def test_duplicates_are_reported_with_both_lines():
    parsed, problems = parse("---\ntitle: x\ntags:\n  - a\ntitle: y\n---\nbody\n", "f.md")
    assert parsed.data["title"] == "y"
    assert [(d.code, d.line, d.message) for d in problems] == [
        ("LT010", 5, "Trường «title» được khai báo hai lần (dòng 2 và dòng 5)")]


@pytest.mark.parametrize("source", ["a: !!python/object:os.system x\n", "? [complex]\n: key\n",
                                    "a: !!binary aGVsbG8=\n", "a: &x [1, 2]\nb: *x\n"])
def test_tags_complex_keys_and_small_aliases_are_text_never_constructed(source):
    parsed, problems = parse_yaml_file(source, "f.yml")
    assert problems == [] and isinstance(parsed.data, dict)
    assert all(isinstance(k, str) for k in parsed.data)


def _laughs(levels: int) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("source, line", [
    (_laughs(9), None),  # "billion laughs": 10^9 values from 9 lines
    ("a: &a [*a]\n", 1),  # an alias inside itself
    ("title: " + "[" * 100_000 + "\n", 1),
    ("title: " + "{a: " * 5_000 + "\n", 1),
    ("x:\n" + "- " * 300_000 + "x\n", 2),  # crashes libyaml's composer if it gets there
    ("".join(" " * (2 * i) + f"k{i}:\n" for i in range(MAX_DEPTH + 2)), None),
])
def test_yaml_built_to_exhaust_the_parser_is_refused_quickly(source, line):
    started = time.perf_counter()
    parsed, problems = parse_yaml_file(source, "f.yml")
    assert time.perf_counter() - started < 2
    assert parsed is None and [d.code for d in problems] == ["LT016"]
    assert line is None or problems[0].line == line
    assert str(MAX_DEPTH) in problems[0].hint


def test_a_large_honest_file_is_not_refused():
    source = "".join(f"- key: xa-{i}\n  name: Xã {i}\n  level: xã\n  aliases: [a, b, c]\n" for i in range(2000))
    assert len(data(source)) == 2000 and 2000 * 8 < MAX_NODES * 2


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\u2028", "\u2029", "\u202a", "\u202e", "\u2066", "\u2069",
                                  "\x7f", "\x85", "\x0c"])
def test_control_characters_are_removed_and_reported_with_their_line(char):
    parsed, problems = parse(f"---\ntitle: Chị{char}Mai\nsubject: x\n---\nthân{char}bài\n", "f.md")
    assert char not in parsed.data["title"] and char not in parsed.body
    assert parsed.data["title"] in ("ChịMai", "Chị Mai") and parsed.data["subject"] == "x"
    assert [(d.code, d.line) for d in problems] == [("LT015", 2), ("LT015", 5)]
    assert parsed.body_line == 5


def test_a_bom_at_the_start_is_only_an_encoding_mark():
    parsed, problems = parse("\ufeff---\ntitle: x\n---\nbody\n", "f.md")
    assert problems == [] and parsed.data == {"title": "x"}


# Each YAML mistake staff make: (front matter, line, words the problem must contain, words of the fix).
MISTAKES = {
    "unquoted colon": ("title: Phụ nữ: tự tin\nsubject: x\n", 2, "dấu hai chấm", "dấu nháy"),
    "tab": ("title: a\n\tsubject: b\n", 3, "Tab", "dấu cách"),
    "no space after colon": ("title:Chị Mai\nsubject: x\n", 2, "thiếu dấu cách", "title: Chị Mai"),
    "no space, later line": ("title: a\nsubject:x\nunit: y\n", 3, "dấu cách", "dấu cách"),
    "unclosed double quote": ("title: \"Chị Mai\nsubject: x\n", 2, "dấu nháy", "dấu nháy đóng"),
    "unclosed single quote": ("title: a\nsubject: 'Mai\n", 3, "dấu nháy", "dấu nháy đóng"),
    "unclosed bracket": ("title: a\ncampaigns: [a, b\nunit: x\n", 3, "«]»", "«]»"),
    "unclosed brace": ("title: {a: b\n", 2, "«}»", "«}»"),
    "backslash in double quotes": ("title: \"C:\\duong\"\n", 2, "«\\»", "nháy đơn"),
    "starts with @": ("title: @mai\n", 2, "«@»", "dấu nháy"),
    "starts with *": ("title: *mai\n", 2, "«*»", "dấu nháy"),
    "dash after key": ("title: - a\n", 2, "«- »", "dòng riêng"),
    "bad indentation": ("photos:\n  - file: a\n   caption: b\n", 4, "thụt lề", "cùng một cột"),
    "photo fields not aligned": ("photos:\n  - file: a\n  caption: b\n", 4, "thụt lề", "thẳng cột"),
    "quotes inside quotes": ('title: "Chị "Mai""\n', 2, "dấu nháy", "dấu nháy đơn"),
    "apostrophe in single quotes": ("title: 'Mai's'\n", 2, "dấu nháy", "viết hai lần"),
    "extra bracket": ("campaigns: [a, b]]\n", 2, "dấu ngoặc", "ngoặc thừa"),
    "no key": (": x\n", 2, "thiếu tên trường", "tên_trường: giá trị"),
}


@pytest.mark.parametrize("name", MISTAKES)
def test_yaml_mistakes_are_told_as_what_the_writer_did(name):
    source, line, problem, fix = MISTAKES[name]
    parsed, problems = parse(f"---\n{source}---\nbody\n", "f.md")
    assert parsed is None and [(d.code, d.line) for d in problems] == [("LT003", line)], \
        [d.format() for d in problems]
    assert problem in problems[0].message and fix in problems[0].hint
    english = ("mapping", "found", "expected", "while", "scanning", "parsing", "token", "context")
    assert not any(word in problems[0].format() for word in english), problems[0].format()


@pytest.mark.parametrize("body", ["[x](JAVASCRIPT:alert(1))", "<SCRIPT>x</SCRIPT>", "<a ONCLICK=x>y</a>"])
def test_unsafe_content_found_in_any_case(tmp_path, body):
    project = Project(tmp_path)
    project.story(body=f"Bài viết.\n\n{body}\n")
    assert [d.code for d in load_corpus(project.root).diagnostics] == ["LT060"]


@pytest.mark.parametrize("source, value", [("title: Giải #1 toàn tỉnh\n", "Giải"), ("tags:\n  - a #b\n", ["a"]),
                                           ("- caption: Chị Mai #PhuNu\n", None)])
def test_a_hash_that_cuts_a_value_is_a_warning(source, value):
    parsed, problems = parse_yaml_file(source, "f.yml")
    assert [(d.code, d.severity) for d in problems] == [("LT018", "warning")]
    assert "dấu nháy kép" in problems[0].hint and "#" in problems[0].message
    assert value is None or list(parsed.data.values())[0] == value


@pytest.mark.parametrize("source", ["subject_kind: cá nhân            # cá nhân | tập thể | mô hình\n",
                                    "title: 'a #b'\n", "title: \"a #b\"\n", "# ghi chú\ntitle: a\n",
                                    "title: a # ghi chú\n", "title: a#b\n",
                                    # a list item's quoted value (was LT018: the key read as a value)
                                    "attachments:\n  - file: \"kế hoạch #2?.pdf\"\n    title: a\n"])
def test_comments_written_as_comments_are_fine(source):
    assert parse_yaml_file(source, "f.yml")[1] == []


@pytest.mark.parametrize("source, value", [("title: !x\n", "!x"), ("title: !!binary aGk=\n", "!!binary aGk="),
                                           ("title: !!str 12\n", "12")])
def test_tags_are_kept_as_typed(source, value):
    assert data(source)["title"] == value
