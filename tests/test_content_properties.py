"""Generated front matter through load → check → build: whatever staff type, in whatever encoding,
no exception escapes and every problem names its code and its file.

Hypothesis writes the front matter line by line, unquoted, from YAML's traps (numbers, booleans,
dates that do not exist, anchors and aliases, brackets, quotes, tabs, control characters), from
random text and from nested lists and groups, then saves it as UTF-8, UTF-8 with a BOM, NFD,
UTF-16 or Latin-1."""
import contextlib
import io
import os
import subprocess
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lantoa import check
from lantoa.diagnostics import CODES
from lantoa.load import load_corpus
from lantoa.schema import STORY
from projects import Project
from support import engine

TRAPS = ["20:10", "no", "on", "yes", "off", "0x1F", "1e3", "0o17", ".inf", "-.inf", ".nan", "~", "null", "",
         "2023-13-01", "2024-02-30", "2024-03-08 25:00:00", "2024-03-08", "8/3/2024", "*a", "&a x", "&a [1]",
         "@x", "`x`", "[", "]", "{", "}", "[a, [b, {c: d}]]", "{a: *a}", "'", '"', "'a' b", '"\\q"', ": x",
         "a: b", "- a", "? a", "#", "a #b", "|", ">", "!!binary aGk=", "!!python/object:os.system x", "%x",
         "\t", "a\tb", "\x00", "\x1b[31m", "\u2028", "\u202e", "\u2066x\u2069", "\ufeff", "\x85", "\x7f",
         "Chị Mai", "Phụ nữ: tự tin", "huyen-my-tu", "thu", "cá nhân", "anh-1.jpg", "../x", "/etc/passwd",
         "C:\\x", "true", "false", "1_000", "012", "=cmd()", "<script>alert(1)</script>", "[x](javascript:x)"]

scalar = st.one_of(st.sampled_from(TRAPS), st.text(max_size=20),
                   st.integers().map(str), st.floats(allow_nan=True).map(repr))
flow = st.recursive(scalar, lambda inner: st.one_of(
    st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
    st.dictionaries(st.sampled_from(["file", "caption", "id", "x"]), inner, max_size=3).map(
        lambda d: "{" + ", ".join(f"{k}: {v}" for k, v in d.items()) + "}")), max_leaves=12)
keys = st.one_of(st.sampled_from([f.name for f in STORY]), st.sampled_from(["<<", "x", "1", "Title", "title "]),
                 st.text(max_size=8))


@st.composite
def line(draw) -> str:
    key = draw(keys)
    shape = draw(st.sampled_from(["plain", "flow", "block", "quoted", "raw"]))
    if shape == "plain":
        return f"{key}: {draw(scalar)}\n"
    if shape == "flow":
        return f"{key}: {draw(flow)}\n"
    if shape == "block":
        items = draw(st.lists(scalar, max_size=3))
        indent = draw(st.sampled_from(["", "  ", " ", "\t"]))
        return f"{key}:\n" + "".join(f"{indent}- {item}\n" for item in items)
    if shape == "quoted":
        return f"{key}: \"{draw(scalar)}\"\n"
    return draw(st.text(max_size=30)) + "\n"


@st.composite
def document(draw) -> bytes:
    """A whole index.md, as the bytes saved on disk."""
    base = {"title": "Chị Mai", "subject": "Hoàng Thị Mai", "subject_kind": "cá nhân", "unit": "huyen-my-tu",
            "date": "2024-03-08", "campaigns": "[thu]", "summary": "Sapo."}
    kept = draw(st.lists(st.sampled_from(sorted(base)), unique=True))
    lines = [f"{k}: {base[k]}\n" for k in kept] + draw(st.lists(line(), max_size=6))
    lines = draw(st.permutations(lines))
    opening = draw(st.sampled_from(["---\n", "---\r\n", "", "--- \n"]))
    closing = draw(st.sampled_from(["---\n", "...\n", ""]))
    text = opening + "".join(lines) + closing + draw(st.sampled_from(["Nội dung bài.\n", "", draw(st.text())]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "nfd", "utf-16", "latin-1", "cp1258"]))
    if encoding == "nfd":
        return unicodedata.normalize("NFD", text).encode("utf-8", "surrogatepass")
    return text.encode(encoding, "replace" if encoding not in ("utf-8", "utf-8-sig", "utf-16") else "surrogatepass")


def assert_well_formed(diagnostics) -> None:
    for d in diagnostics:
        assert d.code in CODES and d.file and d.message and d.hint, d
        assert d.line is None or d.line >= 1, d


def write_project(root: Path, documents: list[bytes]) -> Project:
    project = Project(root)
    for index, data in enumerate(documents):
        project.write(f"people/2024/bai-{index}/index.md", data)
    return project


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(document(), min_size=1, max_size=3))
def test_load_and_check_never_raise_and_every_problem_names_code_and_file(documents):
    with tempfile.TemporaryDirectory() as folder:
        project = write_project(Path(folder), documents)
        corpus = load_corpus(project.root)
        assert_well_formed(corpus.diagnostics)
        for item in corpus.stories:  # what is published carries no invisible control character
            for value in (item.title, item.summary, item.body.text, item.subject, *item.tags):
                assert not any(unicodedata.category(c) == "Cc" and c not in "\t\n\r" for c in value), value
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = check.main([str(project.root)])
        assert status in (0, 1)
        assert len(out.getvalue().splitlines()) == len({(d.file, d.line, d.code, d.message)
                                                        for d in corpus.diagnostics})


@settings(max_examples=3, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(document(), min_size=6, max_size=10))
def test_preview_build_never_raises(documents):
    with tempfile.TemporaryDirectory() as folder:
        project = write_project(Path(folder) / "p", documents)
        (project.root / "mkdocs.yml").write_text(
            "site_name: Thử\nsite_url: https://example.org/\ntheme: {name: material, language: vi}\n"
            "plugins: [lantoa]\n", encoding="utf-8")
        (project.root / "docs").mkdir()
        (project.root / "docs" / "index.md").write_text("# Thử\n", encoding="utf-8")
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        result = subprocess.run(engine("build", "-d", str(Path(folder) / "site")),
                                cwd=project.root, capture_output=True, text=True, env=env)
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-3000:]
