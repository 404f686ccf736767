"""Where a Markdown body points: the URL of every link, image and link definition, Markdown or
HTML, with its place in the text (for a diagnostic's line, or to write another URL there). Code
(fenced blocks, code spans) is not looked at: `![x](a.jpg)` written as an example is no image.

A few regular expressions, not a Markdown parser: they find what staff write (`[chữ](địa-chỉ)`,
`![chú thích](anh.jpg "tiêu đề")`, `<img src=…>`, `[1]: địa-chỉ`), which is what the checks need.
"""
from __future__ import annotations

import dataclasses
import re

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.S)
_INLINE = re.compile(r"(?P<bang>!?)\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"
                     r"\([ \t]*(?P<target><[^<>\n]*>|[^\s()<>]+)(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*\)")
_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*(?P<target><[^<>\n]*>|\S+)", re.M)
_TAG = re.compile(r"<(?P<name>img|a)\b[^>]*>", re.I)
_ATTRIBUTE = {"img": re.compile(r"\ssrc\s*=\s*(?:\"(?P<d>[^\"]*)\"|'(?P<s>[^']*)'|(?P<u>[^\s>]+))", re.I),
              "a": re.compile(r"\shref\s*=\s*(?:\"(?P<d>[^\"]*)\"|'(?P<s>[^']*)'|(?P<u>[^\s>]+))", re.I)}


@dataclasses.dataclass(frozen=True)
class Target:
    start: int  # the URL's span in the body, with its <…> if it has them
    end: int
    url: str  # as written, without the <…>
    image: bool  # an image's source, not a link's address


def targets(body: str) -> list[Target]:
    """Every link and image URL of the body, in order."""
    if "](" not in body and "]:" not in body and "<" not in body:
        return []
    seen = _without_code(body)
    found = [_target(m.start("target"), m.end("target"), m["target"], bool(m["bang"])) for m in _INLINE.finditer(seen)]
    found += [_target(m.start("target"), m.end("target"), m["target"], False) for m in _DEFINITION.finditer(seen)]
    for match in _TAG.finditer(seen):
        name = match["name"].lower()
        value = _ATTRIBUTE[name].search(match[0])
        if value:
            group = next(g for g in ("d", "s", "u") if value[g] is not None)
            start = match.start() + value.start(group)
            found.append(_target(start, start + len(value[group]), body[start:start + len(value[group])], name == "img"))
    return sorted(found, key=lambda t: t.start)


def _target(start: int, end: int, written: str, image: bool) -> Target:
    url = written[1:-1] if written.startswith("<") and written.endswith(">") else written
    return Target(start, end, url, image)


def _without_code(body: str) -> str:
    """`body` with fenced code blocks and code spans blanked (same length, same line breaks)."""
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
    return _CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), "\n".join(lines))
