"""Front matter: split a Markdown file and parse its YAML keeping line numbers.

Values stay the text the writer typed. PyYAML (YAML 1.1) would turn `title: 20:10`
into the number 1210, `no` into False, `0x1F` into 31 and `date: 2023-13-01` into an
exception; here the composer's nodes are read directly: quoted scalars are strings,
plain scalars are strings too (`Plain`, remembering what YAML 1.1 would have made of
them), and the schema (`validate.Checker`) decides which fields are dates or true/false.

The parser is fenced in: invisible control characters are removed and reported before
YAML sees the text, nesting deeper than `MAX_DEPTH` and alias expansion past `MAX_NODES`
are refused, and every PyYAML error is translated into what the writer did wrong.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Any

import yaml

from .diagnostics import Diagnostic, define, make

define("LT002", "error", "Thiếu phần khai báo đầu bài",
       "Tệp không bắt đầu bằng phần khai báo (front matter) giữa hai dòng «---»",
       "viết dòng đầu tiên là «---», tiếp theo là các trường (title: …), rồi một dòng «---» nữa trước nội dung bài")
define("LT003", "error", "Lỗi cú pháp YAML",
       "Phần khai báo viết sai cú pháp YAML: {problem}",
       "{hint}")
define("LT004", "error", "Khai báo không phải danh sách trường",
       "Phần khai báo phải là các dòng «khóa: giá trị»",
       "viết mỗi trường một dòng, có một dấu cách sau dấu hai chấm, ví dụ «title: Chị Hoàng Thị Mai…»")
define("LT010", "error", "Trường khai báo hai lần",
       "Trường «{key}» được khai báo hai lần (dòng {first} và dòng {second})",
       "chỉ giữ một dòng «{key}:», xóa dòng còn lại")
define("LT015", "warning", "Ký tự điều khiển vô hình",
       "Dòng này có ký tự vô hình {chars}; đã bị xóa khi dựng trang",
       "xóa ký tự đó trong tệp (thường do dán từ trang web, Word hoặc Zalo): gõ lại đoạn chữ quanh chỗ báo")
define("LT016", "error", "Phần khai báo quá sâu hoặc quá lớn",
       "Phần khai báo {what}; Lan Tỏa không đọc phần khai báo như vậy",
       "viết mỗi trường một dòng «khóa: giá trị», danh sách lồng nhau không quá {depth} tầng, "
       "không dùng «&» và «*» (neo và bí danh YAML)")

define("LT018", "warning", "Phần sau dấu # bị bỏ",
       "Giá trị «{value}» được đọc là «{kept}»: phần «{dropped}» sau dấu # bị coi là ghi chú và bỏ đi",
       "nếu «{dropped}» là một phần của giá trị, đặt cả giá trị trong dấu nháy kép: {quoted}; "
       "nếu là ghi chú, viết một dấu cách sau dấu #")

# libyaml's parser when PyYAML was built with it: ~5x faster, same marks and API.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 32  # lists and groups inside each other; front matter needs 3
MAX_NODES = 20_000  # values after expanding aliases; a long story has a few hundred

# Characters that never belong in content and that feeds, XML and browsers treat specially:
# C0 and C1 controls (tab and line breaks excepted), line/paragraph separators, bidirectional
# overrides and isolates (text that displays in another order than it reads), stray BOMs.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]")
_CONTROL_NAMES = {"\x00": "NUL", "\x1b": "ESC", "\u2028": "U+2028 (ngắt dòng)", "\u2029": "U+2029 (ngắt đoạn)",
                  "\ufeff": "BOM"}


def _char_name(char: str) -> str:
    if char in _CONTROL_NAMES:
        return _CONTROL_NAMES[char]
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return f"U+{ord(char):04X} (đảo chiều chữ)"
    return f"U+{ord(char):04X}"


class Plain(str):
    """An unquoted scalar, as typed. `kind` is what YAML 1.1 reads in it: "bool" (yes, no, on,
    off, true, false), "int" (12, 0x1F, 20:10), "float" (1e3, .inf), "null" (~, null) or
    "timestamp" (2024-03-08); only the schema decides whether that reading applies."""
    kind: str

    def __new__(cls, value: str, kind: str):
        self = super().__new__(cls, value)
        self.kind = kind
        return self

    def __reduce__(self):  # loading in worker processes sends parsed files back by pickle
        return Plain, (str(self), self.kind)


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


def clean_controls(text: str, file: str) -> tuple[str, list[Diagnostic]]:
    """`text` without control characters, and one LT015 per line that had any (a BOM that
    starts the file is only the editor's encoding mark: removed without a word)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    # isprintable() is a table lookup per character, several times faster than the search; only
    # text with something unprintable besides line breaks and tabs (rare) is searched.
    if text.replace("\n", "").replace("\t", "").replace("\r", "").isprintable() or not _CONTROL.search(text):
        return text, []
    found: dict[int, list[str]] = {}
    for match in _CONTROL.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        names = found.setdefault(line, [])
        name = _char_name(match.group())
        if name not in names:
            names.append(name)
    problems = [make("LT015", file, line, chars=", ".join(names)) for line, names in found.items()]
    return _remove_controls(text), problems


def _remove_controls(text: str) -> str:
    # U+2028/2029 and NEL are line breaks to Python and YAML: a space keeps the words apart.
    return _CONTROL.sub(lambda m: " " if m.group() in "\u2028\u2029\x85" else "", text)


def parse(text: str, file: str) -> tuple[Parsed | None, list[Diagnostic]]:
    """Parse a Markdown file's front matter; problems become diagnostics, never exceptions."""
    text, problems = clean_controls(text, file)
    parts = split(text)
    if parts is None:
        return None, problems + [make("LT002", file, 1)]
    source, body, body_line = parts
    parsed, found = _parse_yaml(source, file, offset=1)
    problems += found
    if parsed is None:
        return None, problems
    if not isinstance(parsed.data, dict):
        return None, problems + [make("LT004", file, 2)]
    parsed.body, parsed.body_line = body, body_line
    return parsed, problems


def parse_yaml_file(text: str, file: str) -> tuple[Parsed | None, list[Diagnostic]]:
    """A whole YAML file (the unit registry) with line numbers."""
    text, problems = clean_controls(text, file)
    parsed, found = _parse_yaml(text, file, offset=0)
    return parsed, problems + found


class _TooBig(Exception):
    def __init__(self, what: str, line: int):
        self.what, self.line = what, line


# Cheap guards before libyaml sees the text: it takes seconds on 20,000 nested '[' and
# crashes the interpreter on 200,000 nested '- '.
_DEEP_BLOCK = re.compile(r"^ {%d,}\S|(?:[-?][ \t]+){%d,}" % (MAX_DEPTH * 8, MAX_DEPTH), re.M)


def _too_deep(source: str, offset: int) -> _TooBig | None:
    suspicious = source.count("- ") + source.count("? ") >= MAX_DEPTH or " " * (MAX_DEPTH * 8) in source
    match = suspicious and _DEEP_BLOCK.search(source)
    if match:
        return _TooBig(f"lồng nhau quá {MAX_DEPTH} tầng", source.count("\n", 0, match.start()) + 1 + offset)
    if source.count("[") + source.count("{") <= MAX_DEPTH:
        return None
    depth, quote = 0, ""
    for index, char in enumerate(source):
        if quote:
            if char == quote or char == "\n":
                quote = ""
        elif char in "\"'" and (index == 0 or source[index - 1] in " \t[{,:\n"):
            quote = char
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return _TooBig(f"có quá {MAX_DEPTH} dấu ngoặc «[» hoặc «{{» lồng nhau",
                               source.count("\n", 0, index) + 1 + offset)
        elif char in "]}":
            depth = max(0, depth - 1)
    return None


def _parse_yaml(source: str, file: str, offset: int) -> tuple[Parsed | None, list[Diagnostic]]:
    lines: dict[tuple, int] = {(): 1}
    problems: list[Diagnostic] = []
    try:
        deep = _too_deep(source, offset)
        if deep:
            raise deep
        loader = _LOADER(source)
        try:
            node = loader.get_single_node()
            data = None
            if node is not None:
                data = _Builder(lines, problems, file, offset, source).build(node, (), 0)
                problems += _dropped_comments(source, file, offset)
        finally:
            loader.dispose()
    except _TooBig as error:
        return None, [make("LT016", file, error.line, what=error.what, depth=MAX_DEPTH)]
    except yaml.MarkedYAMLError as error:
        line, problem, hint = explain(error, source, offset)
        return None, [make("LT003", file, line, problem=problem, hint=hint)]
    except (yaml.YAMLError, RecursionError, MemoryError) as error:
        problem, hint = _explain_unmarked(error)
        return None, [make("LT003", file, 1 + offset, problem=problem, hint=hint)]
    return Parsed(data if data is not None else {}, lines, "", 1), problems


_STR = "tag:yaml.org,2002:str"
_KINDS = {"tag:yaml.org,2002:bool": "bool", "tag:yaml.org,2002:int": "int", "tag:yaml.org,2002:float": "float",
          "tag:yaml.org,2002:null": "null", "tag:yaml.org,2002:timestamp": "timestamp"}


class _Builder:
    """Nodes → Python values and the line of each path, in one pass; strings stay strings."""

    def __init__(self, lines, problems, file, offset, source):
        self.lines, self.problems, self.file, self.offset = lines, problems, file, offset
        self.source = source
        self.count = 0

    def _line(self, node) -> int:
        return node.start_mark.line + 1 + self.offset

    def build(self, node, path: tuple, depth: int):
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig(f"có hơn {MAX_NODES} giá trị (có thể do «&» và «*» nhân bản)", self._line(node))
        if depth > MAX_DEPTH:
            raise _TooBig(f"lồng nhau quá {MAX_DEPTH} tầng", self._line(node))
        self.lines[path] = self._line(node)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (index,), depth + 1) for index, item in enumerate(node.value)]
        mapping: dict = {}
        first_line: dict[object, int] = {}
        for key_node, value_node in node.value:
            key = self.key(key_node)
            line = self._line(key_node)
            if key in first_line:
                self.problems.append(make("LT010", self.file, line, key=key, first=first_line[key], second=line))
            first_line[key] = line
            if isinstance(value_node, yaml.ScalarNode) and value_node.tag == _STR \
                    and value_node.style != '"':  # most values: no call
                self.count += 1
                value = value_node.value
            else:
                value = self.build(value_node, path + (key,), depth + 1)
            self.lines[path + (key,)] = line
            mapping[key] = value
        return mapping

    def scalar(self, node) -> str | None:
        if node.style == '"' and _CONTROL.search(node.value):  # written as an escape: "\e", "\u202E"
            names = dict.fromkeys(_char_name(m.group()) for m in _CONTROL.finditer(node.value))
            self.problems.append(make("LT015", self.file, self._line(node), chars=", ".join(names)))
            return _remove_controls(node.value)
        if node.style or node.tag == _STR:  # quoted, literal, folded or explicitly a string
            return node.value
        kind = _KINDS.get(node.tag)
        if kind is None:  # an explicit tag (!!binary, !foo): the text as typed, tag included
            return self.source[node.start_mark.index:node.end_mark.index].strip() or node.value
        if kind == "null" and node.value == "":
            return None  # `key:` with nothing after it
        return Plain(node.value, kind)

    def key(self, node) -> str:
        if isinstance(node, yaml.ScalarNode):
            return str(node.value)
        return "[…]" if isinstance(node, yaml.SequenceNode) else "{…}"


# A plain value followed by " #x": YAML reads a comment there, and "Giải #1" would lose its "#1".
_KEY = r"[^\s:#\"'-][^:#\n]*?:[ \t]+"
_HASH_IN_VALUE = re.compile(  # the value is not itself `key: …` (a list item's key: "quoted #value")
    r"^[ \t]*(-[ \t]+(?:%s)?|%s)(?!%s)([^\s\"'#\[{|>&*!][^#\n]*?)[ \t]+#(\S[^\n]*)$" % (_KEY, _KEY, _KEY), re.M)


def _dropped_comments(source: str, file: str, offset: int) -> list[Diagnostic]:
    """LT018 for each `key: value #more` whose `#more` (no space after #) looks like part of the value."""
    if " #" not in source:
        return []
    problems = []
    for match in _HASH_IN_VALUE.finditer(source):
        lead, kept, dropped = match.group(1).strip(), match.group(2).strip(), "#" + match.group(3).rstrip()
        value = f"{kept} {dropped}"
        problems.append(make("LT018", file, source.count("\n", 0, match.start()) + 1 + offset,
                             quoted=f'{lead} "{value}"', value=value, kept=kept, dropped=dropped))
    return problems


# PyYAML's (libyaml's) English → what the writer did, and how to write it instead.
_QUOTE_HINT = 'đặt cả giá trị trong dấu nháy kép, ví dụ: title: "Phụ nữ: tự tin, sáng tạo"'
_GENERIC_HINT = ("kiểm tra dòng này và dòng ngay trên: sau tên trường là dấu hai chấm và một dấu cách; "
                 "các dòng con thụt vào đều nhau bằng dấu cách; giá trị có «:» hoặc «#» đặt trong dấu nháy")


def explain(error: yaml.MarkedYAMLError, source: str, offset: int) -> tuple[int, str, str]:
    """(line, Vietnamese problem, Vietnamese fix) for a YAML syntax error."""
    problem = (error.problem or "").lower()
    context = (error.context or "").lower()
    mark = error.problem_mark or error.context_mark
    line0 = mark.line if mark else 0
    start0 = error.context_mark.line if error.context_mark else line0
    lines = source.splitlines() or [""]
    text = lines[line0] if line0 < len(lines) else ""
    char = source[mark.index] if mark and mark.index < len(source) else ""

    def at(index: int) -> int:
        return index + 1 + offset

    if "tab" in problem or char == "\t":
        return at(line0), "dòng có ký tự Tab", "thụt lề bằng dấu cách, không dùng phím Tab"
    if "mapping values are not allowed" in problem:
        if line0 > 0 and re.match(r"^\s*-?\s*[\w-]+:[^\s/]", lines[line0 - 1]):
            return (at(line0 - 1), "thiếu dấu cách sau dấu hai chấm",
                    "viết một dấu cách sau dấu hai chấm: «title: Chị Mai», không phải «title:Chị Mai»")
        if re.match(r"^\s*-?\s*[\w-]+:[^\s/]", text) and not re.match(r"^\s*-?\s*[\w-]+: ", text):
            return (at(line0), "thiếu dấu cách sau dấu hai chấm",
                    "viết một dấu cách sau dấu hai chấm: «title: Chị Mai», không phải «title:Chị Mai»")
        if re.match(r"^\s*-?\s*[^\s:]+: .*: ", text + " "):
            return at(line0), "giá trị có dấu hai chấm «:» mà không đặt trong dấu nháy", _QUOTE_HINT
        if line0 > 0 and len(text) - len(text.lstrip()) > len(lines[line0 - 1]) - len(lines[line0 - 1].lstrip()):
            return (at(line0), "dòng này thụt vào sâu hơn dòng trên",
                    "các trường cùng cấp bắt đầu ở cùng một cột; chỉ thụt vào các mục con (ảnh, tiêu chí)")
        return at(line0), "dấu hai chấm «:» ở chỗ không được có", _QUOTE_HINT
    if "could not find expected ':'" in problem:
        return (at(start0), "thiếu dấu hai chấm sau tên trường, hoặc thiếu dấu cách sau nó",
                "viết «tên_trường: giá trị», có một dấu cách sau dấu hai chấm")
    if "quoted scalar" in context and "end of stream" in problem:
        return (at(start0), "dấu nháy mở mà không đóng",
                "thêm dấu nháy đóng cùng loại ở cuối giá trị, trên cùng dòng")
    if "unknown escape" in problem:
        return (at(line0), "dấu «\\» trong dấu nháy kép",
                "dùng dấu nháy đơn: 'C:\\thu-muc', hoặc viết «\\\\» thay cho «\\»")
    if "flow sequence" in context or "flow mapping" in context:
        bracket = "]" if "sequence" in context else "}"
        return (at(start0), f"dấu ngoặc mở chưa có dấu «{bracket}» đóng, hoặc thiếu dấu phẩy giữa các mục",
                f"viết danh sách trên một dòng: [a, b] và đóng bằng «{bracket}»; chữ có dấu phẩy đặt trong dấu nháy")
    if "undefined alias" in problem or "alias" in context or "anchor" in context or "anchor" in problem:
        return at(line0), "giá trị bắt đầu bằng «*» hoặc «&»", "đặt cả giá trị trong dấu nháy kép: title: \"*Chị Mai\""
    if "cannot start any token" in problem:
        return (at(line0), f"giá trị bắt đầu bằng «{char}»" if char.strip() else "có ký tự YAML không đọc được",
                "đặt cả giá trị trong dấu nháy kép, ví dụ: title: \"@Chi hội\"")
    if "block sequence entries are not allowed" in problem:
        return (at(line0), "dấu «- » của danh sách nằm ngay sau tên trường",
                "viết mỗi mục danh sách trên một dòng riêng, bắt đầu bằng «- », hoặc đặt giá trị trong dấu nháy")
    if "expected '-' indicator" in problem or "expected key" in problem:
        if re.match(r"""^\s*(?:-\s+)?[^\s:]+:\s*(["']).*\1\s*\S""", text):
            return (at(line0), "dấu nháy đóng trước khi hết giá trị (giá trị có dấu nháy bên trong?)",
                    "giá trị có dấu nháy kép bên trong thì bao bằng dấu nháy đơn: title: 'Chị \"Mai\"'; "
                    "có dấu nháy đơn bên trong thì viết hai lần: title: 'Mai''s'")
        if re.match(r"^\s*(?:-\s+)?[^\s:]+:\s*[\[{].*[\]}]\s*\S", text):
            return (at(line0), "sau dấu ngoặc đóng còn chữ, hoặc thừa dấu ngoặc",
                    "xóa dấu ngoặc thừa; nếu ngoặc là một phần của chữ, đặt cả giá trị trong dấu nháy kép")
        if re.match(r"^\s*:", text):
            return at(line0), "dòng bắt đầu bằng dấu hai chấm, thiếu tên trường", "viết «tên_trường: giá trị»"
        return (at(line0), "thụt lề không đều",
                "các trường cùng cấp bắt đầu ở cùng một cột; các trường của một mục (ảnh, tiêu chí) "
                "thẳng cột với trường viết ngay sau «- »")
    if "block scalar" in context:
        return at(line0), "sau «|» hoặc «>» còn chữ trên cùng dòng", "viết đoạn văn ở các dòng dưới, thụt vào"
    if "single document" in context or "document start" in problem:
        return (at(line0), "tệp có nhiều phần «---» hoặc dòng bắt đầu bằng «%»",
                "xóa dòng «---» hoặc «%» thừa; mỗi tệp chỉ một phần khai báo")
    if "end of stream" in problem:
        return at(line0), "phần khai báo kết thúc giữa chừng", _GENERIC_HINT
    return at(line0), "YAML không đọc được ở đây", _GENERIC_HINT


def _explain_unmarked(error: BaseException) -> tuple[str, str]:
    if isinstance(error, (RecursionError, MemoryError)):
        return "lồng nhau quá sâu hoặc quá lớn", _GENERIC_HINT
    return "YAML không đọc được", _GENERIC_HINT
