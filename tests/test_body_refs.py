"""Code in a body is not read for links and images: fenced blocks, code spans, and indented blocks
(four spaces or a tab after a blank line) but for the content of a list item, an admonition,
details or a tab, which is indented too, and for raw HTML blocks. Checked against what Python-Markdown itself makes of
bodies put together at random from the blocks staff write."""
from __future__ import annotations

import random
import re

import markdown
import pytest

from lantoa import body_refs

EXTENSIONS = ["admonition", "pymdownx.details", "pymdownx.tabbed", "footnotes", "def_list", "attr_list"]


def images(body: str) -> list[str]:
    return [t.url for t in body_refs.targets(body) if t.image]


@pytest.mark.parametrize("body, found", [
    ("Đoạn văn.\n\n    ![a](mã.jpg)\n", []),
    ("\t![a](mã.jpg)\n", []),  # the body's first block
    ("Đoạn văn\n    ![a](tiếp.jpg)\n", ["tiếp.jpg"]),  # the paragraph goes on
    ("Đoạn văn\n    dòng\n\n    ![a](mã.jpg)\n", []),
    ('!!! note "Ghi chú"\n    ![a](trong.jpg)\n\n        ![b](mã.jpg)\n', ["trong.jpg"]),
    ("- mục\n\n    ![a](mục.jpg)\n\n        ![b](mã.jpg)\n", ["mục.jpg"]),
    ("1. mục\n\n\t![a](mục.jpg)\n", ["mục.jpg"]),
    ('??? info "Xem"\n\n    - ![a](một.jpg)\n\n        ![b](hai.jpg)\n', ["một.jpg", "hai.jpg"]),
    ("## Mục\n    ![a](mã.jpg)\n", []),  # a heading ends itself
    ('!!! note "Ghi chú"\n    ![a](trong.jpg)\nĐoạn văn.\n\n    ![b](mã.jpg)\n', ["trong.jpg"]),
    ("Thuật ngữ\n:   định nghĩa\n\n    ![a](định-nghĩa.jpg)\n", ["định-nghĩa.jpg"]),
    ('<div>\n\n    <img src="trong-khung.jpg">\n\n</div>\n\n    ![a](mã.jpg)\n', ["trong-khung.jpg"]),  # raw HTML
])
def test_what_is_code_and_what_is_content(body, found):
    assert images(body) == found


@pytest.mark.parametrize("body", [  # found by the review of the first reading (f8967d8)
    "- Hoạt động\n    - Chi tiết\n\n        ![a1](h1.jpg)\n",  # a list in an item, no blank line before it
    "1. x\n    tiếp\n    - y\n\n        ![a3](h3.jpg)\n",
    '!!! note "x"\n    - a\n        - b\n\n            ![a4](h4.jpg)\n',
    "Câu[^1].\n[^1]: Ghi chú.\n\n    ![a5](h5.jpg)\n",  # a footnote right after a line
    '===+ "Thẻ"\n\n    ![a6](h6.jpg)\n', '!!!note\n    ![a7](h7.jpg)\n',
    'Đoạn văn\n<div>\n\n    <img alt="a8" src="h8.jpg">\n\n</div>\n',  # raw HTML right after a line
    '<pre>\n\n    <img alt="a9" src="h9.jpg">\n\n</pre>\n',
    "1) Nội dung\n\n    ![a10](h10.jpg)\n",  # no `1)` lists in Python-Markdown: code
    "* * *\n\n    ![a11](h11.jpg)\n", "-\n\n    ![a12](h12.jpg)\n", "Tiêu đề\n=======\n    ![a13](h13.jpg)\n",
    '<picture>\n\n    ![a15](h15.jpg)\n\n</picture>\n',  # not a block-level tag: code
])
def test_what_markdown_makes_of_each(body):
    shown = re.findall(r'<img alt="a\d+" src="(h\d+\.jpg)"', markdown.markdown(body, extensions=EXTENSIONS))
    assert sorted(images(body)) == sorted(shown)


def _realistic(rng: random.Random) -> str:
    """A body of the blocks staff write, each image named after its number."""
    count = iter(range(1, 10**6))
    image = lambda: (lambda n: f"![a{n}](h{n}.jpg)")(next(count))  # noqa: E731

    def inside() -> list[list[str]]:
        choices = {"para": lambda: [f"Đoạn trong {image()}", "tiếp"][:rng.randint(1, 2)], "img": lambda: [image()],
                   "code": lambda: ["    " + image(), "    mã"], "list": lambda: [f"- mục {image()}", f"- mục {image()}"]}
        return [choices[rng.choice(list(choices))]() for _ in range(rng.randint(1, 3))]

    def container(opener: str, first_blank: bool) -> list[str]:
        lines, indent = [opener], rng.choice(["    ", "\t"])
        for number, part in enumerate(inside()):
            if number or first_blank:
                lines.append("")
            lines += [indent + line for line in part]
        return lines

    def a_list(ordered: bool) -> list[str]:
        lines = []
        for number in range(rng.randint(1, 3)):
            if lines and lines[-1].startswith((" ", "\t")):
                lines.append("")
            lines.append(f"{number + 1}. mục {image()}" if ordered else f"- mục {image()}")
            if rng.random() < 0.5:
                lines += container("", True)[1:]
        return lines

    def footnote() -> list[str]:
        label = rng.randrange(10**6)
        return [f"Câu[^{label}].", "", f"[^{label}]: chú thích {image()}", *(["", "    thêm " + image()]
                                                                           if rng.random() < 0.5 else [])]
    blocks = {
        "para": lambda: [f"Đoạn văn {image()}", "dòng hai"][:rng.randint(1, 2)], "img": lambda: [image()],
        "code": lambda: ["    " + image(), "    ví dụ"], "tab-code": lambda: ["\t" + image()],
        "heading": lambda: [f"## Mục {image()}", *(["    " + image()] if rng.random() < 0.3 else [])],
        "list": lambda: a_list(False), "ordered": lambda: a_list(True), "footnote": footnote,
        "admonition": lambda: container('!!! note "Ghi chú"', rng.random() < 0.5),
        "details": lambda: container('??? info "Xem thêm"', rng.random() < 0.5),
        "tab": lambda: container('=== "Thẻ"', rng.random() < 0.5),
        "html": lambda: ['<div class="khung">', "", (lambda n: f'    <img alt="a{n}" src="h{n}.jpg">')(next(count)),
                         "", "</div>"],
    }
    return "\n\n".join("\n".join(blocks[rng.choice(list(blocks))]()) for _ in range(rng.randint(1, 6))) + "\n"


@pytest.mark.parametrize("seed", range(4))
def test_the_images_found_are_those_markdown_shows(seed):
    for number in range(250):
        body = _realistic(random.Random(seed * 1000 + number))
        shown = re.findall(r'<img alt="a\d+" src="(h\d+\.jpg)"', markdown.markdown(body, extensions=EXTENSIONS))
        assert sorted(images(body)) == sorted(shown), body  # (footnotes go to the end of the page)
