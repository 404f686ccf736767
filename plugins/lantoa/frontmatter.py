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
    lines: dict[tuple, int] = {(): 1}
    problems: list[Diagnostic] = []
    try:
        loader = _LOADER(source)
        try:
            node = loader.get_single_node()
            data = None
            if node is not None:
                data = _build(loader, node, (), lines, problems, file, offset, set())
                if data is _UNUSUAL:
                    lines, problems = {(): 1}, []
                    data = loader.construct_document(node)
                    _walk(node, (), lines, problems, file, offset)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 + offset if mark else 1
        return None, [make("LT003", file, line, problem=_problem(error))]
    except yaml.YAMLError as error:
        return None, [make("LT003", file, 1, problem=str(error))]
    return Parsed(data if data is not None else {}, lines, "", 1), problems


def _problem(error: yaml.MarkedYAMLError) -> str:
    problem = error.problem or str(error)
    if error.context:
        problem = f"{error.context}, {problem}"
    return problem


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_UNUSUAL = object()  # anchors, merge keys, complex keys, explicit tags (!!binary, !!set…): left to PyYAML


def _build(loader, node, path, lines, problems, file, offset, seen):
    """The node's value and its lines in one pass: what PyYAML's constructor followed by _walk give
    for plain front matter (strings, numbers, dates, lists, mappings), or _UNUSUAL for anything else."""
    lines[path] = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _STR:
            return node.value
        return loader.construct_object(node) if node.tag in _PLAIN_TAGS else _UNUSUAL
    if id(node) in seen:
        return _UNUSUAL
    seen.add(id(node))
    if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
        items = []
        for index, item in enumerate(node.value):
            value = _build(loader, item, path + (index,), lines, problems, file, offset, seen)
            if value is _UNUSUAL:
                return _UNUSUAL
            items.append(value)
        return items
    if not isinstance(node, yaml.MappingNode) or node.tag != _MAP:
        return _UNUSUAL
    mapping: dict = {}
    first_line: dict[object, int] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
            return _UNUSUAL
        key = key_node.value
        line = key_node.start_mark.line + 1 + offset
        if key in first_line:
            problems.append(make("LT010", file, line, key=key, first=first_line[key], second=line))
        first_line[key] = line
        if value_node.tag == _STR and isinstance(value_node, yaml.ScalarNode):  # most values: no call
            value = value_node.value
        else:
            value = _build(loader, value_node, path + (key,), lines, problems, file, offset, seen)
            if value is _UNUSUAL:
                return _UNUSUAL
        lines[path + (key,)] = line
        mapping[loader.construct_object(key_node) if key_node.tag != _STR else key] = value
    return mapping


_PLAIN_TAGS = {_STR, "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
                   "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"}


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
