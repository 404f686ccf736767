"""Where a Markdown body points: the URL of every link, image and link definition, Markdown or
HTML, with its place in the text (for a diagnostic's line, or to write another URL there). Code
(fenced blocks, indented blocks, code spans) is not looked at: `![x](a.jpg)` written as an example
is no image.

A few regular expressions, not a Markdown parser: they find what staff write (`[chữ](địa-chỉ)`,
`![chú thích](anh.jpg "tiêu đề")`, `<img src=…>`, `[1]: địa-chỉ`), which is what the checks need.
"""
from __future__ import annotations

import dataclasses
import re

from markdown.util import BLOCK_LEVEL_ELEMENTS

# A URL with a scheme ("https:", "mailto:", "lantoa-photo:") or a host ("//…"): not a path in the site.
ABSOLUTE = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:|//")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.S)
# What opens a block whose indented lines are its content, not code. A list item, a footnote or a
# definition goes on in a line that is not indented (`_LAZY`); an admonition (`!!!`), details (`???`)
# or a tab (`===`) does not, and may follow a paragraph's line (`_STRICT`). A heading (`#`, or a line
# of `=` or `-` under its text) or a rule ends itself. (Python-Markdown knows no `1)` list, and a marker needs a space after it.)
_LAZY = re.compile(r" {0,3}(?:[-*+]|\d+\.)[ \t]+\S| {0,3}\[\^[^\]\n]+\]:| {0,3}:[ \t]")
_STRICT = re.compile(r"!!!|\?\?\?|===[!+]* ?\"")
_ANYWHERE = re.compile(r" {0,3}:[ \t]| {0,3}\[\^[^\]\n]+\]:")  # a definition, a footnote: also after a line
_ENDS_ITSELF = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)| {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$| {0,3}=+[ \t]*$")
# A raw HTML block: from a block-level tag at a line's start to its closing tag. Nothing inside is
# Markdown, so nothing inside is code either (`<img src=…>` there is shown).
_HTML_BLOCK = re.compile(r" {0,3}<(" + "|".join(sorted(BLOCK_LEVEL_ELEMENTS, key=len, reverse=True)) + r")\b", re.I)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_TITLE = r"(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\))"
# A URL: <…>, or no space, with parentheses balanced one deep ("anh(1).jpg").
_URL = r"(?P<target><[^<>\n]*>|(?:[^\s()<>]|\([^\s()<>]*\))+)"
_INLINE = re.compile(r"(?P<bang>!?)\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"
                     r"\([ \t]*" + _URL + r"(?:\s+" + _TITLE + r")?[ \t]*\)")
# `[label]: url "title"` alone on its line; not a footnote (`[^1]: …`) nor a sentence after a label.
_DEFINITION = re.compile(r"^ {0,3}\[(?!\^)[^\]\n]+\]:[ \t]*" + _URL + r"(?:[ \t]+" + _TITLE + r")?[ \t]*$", re.M)
_TAG = re.compile(r"<(?P<name>img|a)\b[^>]*>", re.I)
_ATTRIBUTE = {"img": re.compile(r"\ssrc\s*=\s*(?:\"(?P<d>[^\"]*)\"|'(?P<s>[^']*)'|(?P<u>[^\s>]+))", re.I),
              "a": re.compile(r"\shref\s*=\s*(?:\"(?P<d>[^\"]*)\"|'(?P<s>[^']*)'|(?P<u>[^\s>]+))", re.I)}


@dataclasses.dataclass(frozen=True)
class Target:
    start: int  # the URL's span in the body, with its <…> if it has them
    end: int
    url: str  # as written, without the <…>
    image: bool  # an image's source, not a link's address
    whole: tuple[int, int] = (0, 0)  # the span of the whole image, link or tag


def targets(body: str) -> list[Target]:
    """Every link and image URL of the body, in order."""
    if "](" not in body and "]:" not in body and "<" not in body:
        return []
    seen = _without_code(body)
    found = []
    for match in _INLINE.finditer(seen):
        found.append(_found(match, bool(match["bang"])))
        if not match["bang"] and "![" in match["text"]:  # an image as a link's text: [![x](a.jpg)](b)
            inner = _INLINE.finditer(seen, match.start("text"), match.end("text"))
            found += [_found(m, True) for m in inner if m["bang"]]
    found += [_found(m, False) for m in _DEFINITION.finditer(seen)]
    for match in _TAG.finditer(seen):
        name = match["name"].lower()
        value = _ATTRIBUTE[name].search(match[0])
        if value:
            group = next(g for g in ("d", "s", "u") if value[g] is not None)
            start = match.start() + value.start(group)
            found.append(_target(start, start + len(value[group]), body[start:start + len(value[group])],
                                 name == "img", match.span()))
    return sorted(found, key=lambda t: t.start)


def _found(match: re.Match, image: bool) -> Target:
    return _target(match.start("target"), match.end("target"), match["target"], image, match.span())


def _target(start: int, end: int, written: str, image: bool, whole: tuple[int, int]) -> Target:
    url = written[1:-1] if written.startswith("<") and written.endswith(">") else written
    return Target(start, end, url, image, whole)


def alone(body: str, target: Target) -> bool:
    """Whether the image or tag is a paragraph of its own: alone on its line, with a blank line
    (or the body's edge) above and below."""
    start, end = target.whole
    line_start, line_end = body.rfind("\n", 0, start) + 1, body.find("\n", end)
    line_end = len(body) if line_end == -1 else line_end
    if body[line_start:start].strip() or body[end:line_end].strip():
        return False
    above = body[:max(line_start - 1, 0)].rsplit("\n", 1)[-1] if line_start else ""
    below = body[line_end + 1:].split("\n", 1)[0] if line_end < len(body) else ""
    return not above.strip() and not below.strip()


def _without_code(body: str) -> str:
    """`body` with fenced and indented code blocks, code spans and HTML comments blanked (same length, same
    line breaks): nothing there reaches the page."""
    lines, fence = body.split("\n"), None
    for number, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening[1]
        elif fence is not None and opening and opening[1][0] == fence[0] and len(opening[1]) >= len(fence) \
                and not line.strip().strip(fence[0]):
            fence = None
        else:
            if fence is None:
                continue
        lines[number] = " " * len(line)
    if "\n " in body or "\n\t" in body or body[:1] in (" ", "\t"):
        for number in _indented_code(lines):
            lines[number] = " " * len(lines[number])
    blank = lambda m: re.sub(r"[^\n]", " ", m[0])  # noqa: E731
    return _COMMENT.sub(blank, _CODE_SPAN.sub(blank, "\n".join(lines)))


def _indented_code(lines: list[str], blank_before: bool = True, nested: bool = False) -> list[int]:
    """The numbers of the lines of indented code blocks (four spaces or a tab, after a blank line),
    as Markdown reads them: the indented lines of a list item, an admonition, details or a tab are
    their content (read again the same way, one level in: `nested`, where a list may follow any
    line), not code."""
    code, container, html, number = [], None, None, 0
    while number < len(lines):
        line = lines[number]
        if html is not None:  # inside a raw HTML block
            html, blank_before, number = _still_open(html, line), not line.strip(), number + 1
            continue
        if not line.strip():
            blank_before, number = True, number + 1
            continue
        if _indent(line) < 4 and (opened := _HTML_BLOCK.match(line)):
            html, container = _still_open((opened[1].lower(), 0), line), None
            blank_before, number = False, number + 1
            continue
        if _indent(line) < 4:
            if _ENDS_ITSELF.match(line):
                container = None
            elif _STRICT.match(line):
                container = "strict"
            elif blank_before or container == "strict":
                container = "lazy" if _LAZY.match(line) else None
            elif _LAZY.match(line) and (container or nested or _ANYWHERE.match(line)):
                container = "lazy"  # the next item of a list, a list in an item, a definition under its term
            blank_before, number = bool(_ENDS_ITSELF.match(line)), number + 1
            continue
        end = number
        while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) >= 4):
            end += 1
        if container:
            inner = [_dedent(line) for line in lines[number:end]]
            code += [number + n for n in _indented_code(inner, blank_before or container == "strict", True)]
        else:
            code += _code_in_run(lines, number, end, blank_before)
        blank_before, number = not lines[end - 1].strip(), end
    return code


def _still_open(block: tuple[str, int], line: str) -> tuple[str, int] | None:
    """A raw HTML block (its tag, how deep in it) after `line`; None once its tag is closed."""
    tag, depth = block
    depth += len(re.findall(rf"<{tag}\b", line, re.I)) - len(re.findall(rf"</{tag}\s*>", line, re.I))
    return (tag, depth) if depth > 0 else None


def _code_in_run(lines: list[str], start: int, end: int, blank_before: bool) -> list[int]:
    """Of a run of indented (or blank) lines outside any container, those of code: all of them
    after a blank line; after a paragraph's line, those past the run's first blank line (before
    it, the paragraph goes on)."""
    code = []
    for number in range(start, end):
        blank_before = blank_before or not lines[number].strip()
        if blank_before and lines[number].strip():
            code.append(number)
    return code


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))


def _dedent(line: str) -> str:
    """The line one level in: four columns of spaces, or a tab, fewer."""
    for at, char in enumerate(line[:4]):
        if char == "\t":
            return line[at + 1:]
        if char != " ":
            return line[at:]
    return line[4:]
