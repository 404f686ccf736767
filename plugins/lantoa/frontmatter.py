"""Front matter: split a Markdown file and parse its YAML keeping line numbers."""
from __future__ import annotations

import dataclasses
from typing import Any

import yaml

from .diagnostics import Diagnostic, define, make

define("LT002", "error", "Thiếu phần khai báo đầu bài",
       "Tệp không bắt đầu bằng phần khai báo (front matter) giữa hai dòng «---»",
       "start the file with a line '---', the fields (title: …), then another line '---' before the text")
define("LT003", "error", "Lỗi cú pháp YAML",
       "Phần khai báo viết sai cú pháp YAML: {problem}",
       "check the indentation and the ':' after each key; put values containing ':' or '#' in quotes")
define("LT004", "error", "Khai báo không phải danh sách trường",
       "Phần khai báo phải là các dòng «khóa: giá trị»",
       "write one field per line, e.g. 'title: Chị Hoàng Thị Mai…'")
define("LT010", "error", "Trường khai báo hai lần",
       "Trường «{key}» được khai báo hai lần (dòng {first} và dòng {second})",
       "keep only one '{key}:' line")

# libyaml's parser when PyYAML was built with it: ~5x faster, same marks and API.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclasses.dataclass
class Parsed:
    data: Any
    lines: dict[tuple, int]  # path → 1-based line in the file
    body: str
    body_line: int  # first line of the body in the file

    def line(self, *path) -> int | None:
        """Line of the deepest known prefix of `path`."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def split(text: str) -> tuple[str, str, int] | None:
    """(yaml_text, body, body_line) or None when there is no front matter."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "".join(lines[1:index]), "".join(lines[index + 1:]), index + 2
    return None


def parse(text: str, file: str) -> tuple[Parsed | None, list[Diagnostic]]:
    """Parse a Markdown file's front matter; problems become diagnostics, never exceptions."""
    parts = split(text)
    if parts is None:
        return None, [make("LT002", file, 1)]
    source, body, body_line = parts
    parsed, problems = _parse_yaml(source, file, offset=1)
    if parsed is None:
        return None, problems
    if not isinstance(parsed.data, dict):
        return None, [make("LT004", file, 2)]
    parsed.body, parsed.body_line = body, body_line
    return parsed, problems


def parse_yaml_file(text: str, file: str) -> tuple[Parsed | None, list[Diagnostic]]:
    """A whole YAML file (the unit registry) with line numbers."""
    return _parse_yaml(text, file, offset=0)


def _parse_yaml(source: str, file: str, offset: int) -> tuple[Parsed | None, list[Diagnostic]]:
    try:
        loader = _LOADER(source)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 + offset if mark else 1
        return None, [make("LT003", file, line, problem=_problem(error))]
    except yaml.YAMLError as error:
        return None, [make("LT003", file, 1, problem=str(error))]
    lines: dict[tuple, int] = {(): 1}
    problems: list[Diagnostic] = []
    if node is not None:
        _walk(node, (), lines, problems, file, offset)
    return Parsed(data if data is not None else {}, lines, "", 1), problems


def _problem(error: yaml.MarkedYAMLError) -> str:
    problem = error.problem or str(error)
    if error.context:
        problem = f"{error.context}, {problem}"
    return problem


def _walk(node, path, lines, problems, file, offset):
    lines[path] = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        seen: dict[object, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            line = key_node.start_mark.line + 1 + offset
            if key in seen:
                problems.append(make("LT010", file, line, key=key, first=seen[key], second=line))
            seen[key] = line
            _walk(value_node, path + (key,), lines, problems, file, offset)
            lines[path + (key,)] = line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), lines, problems, file, offset)
