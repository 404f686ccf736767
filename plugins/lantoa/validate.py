"""Field-level validation of parsed front matter against the schema.

Pure: (parsed data, fields) → (clean values, diagnostics). References to units,
campaigns and criteria are checked later by `load`, once the registries exist.
"""
from __future__ import annotations

import datetime as dt
import difflib
import unicodedata
from typing import Any

from . import text
from .diagnostics import Diagnostic, define, make
from .frontmatter import Parsed, Plain
from .schema import TYPES, Field

define("LT005", "error", "Thiếu trường bắt buộc",
       "Thiếu trường bắt buộc «{key}» ({label})",
       "thêm một dòng «{key}: {example}»")
define("LT006", "error", "Trường không có trong mẫu",
       "Không có trường «{key}» trong mẫu{maybe}",
       "{hint}")
define("LT007", "error", "Sai kiểu giá trị",
       "Trường «{key}» phải là {expected}, nhưng đang là {actual}",
       "viết như sau: «{key}: {example}»")
define("LT019", "error", "Mục danh sách chưa ghi tên trường",
       "Mục thứ {n} của «{key}» chỉ ghi «{value}»: mỗi mục ghi tên từng trường ({fields})",
       "viết «- {first}: {value}», rồi ở dòng dưới, thụt vào ngang chữ «{first}», «{second}: …»")
define("LT008", "error", "Ngày không hợp lệ",
       "Ngày «{value}» ở trường «{key}» không hợp lệ: {reason}",
       "viết một ngày có thật, dạng 2024-03-08 hoặc 8/3/2024")
define("LT009", "error", "Giá trị không có trong danh sách",
       "«{value}» không phải giá trị hợp lệ của «{key}»{maybe}",
       "viết một trong các giá trị: {choices}")
define("LT011", "error", "Bài chưa có nội dung",
       "Phần nội dung sau phần khai báo đang trống",
       "viết nội dung bài bên dưới dòng «---» thứ hai")
define("LT012", "warning", "Chữ chưa chuẩn Unicode NFC",
       "Chữ ở trường «{key}» được gõ dạng tổ hợp (NFD); đã tự chuẩn hóa sang dựng sẵn (NFC)",
       "lưu tệp ở dạng dựng sẵn (Unikey: bảng mã «Unicode dựng sẵn»); lần dựng này chữ đã được tự chuẩn hóa")
define("LT017", "error", "Ngày trước sau ngược nhau",
       "{label} «{key}: {value}» {relation} {other_label} «{other}: {other_value}»",
       "sửa lại một trong hai ngày: {rule}")

_TEXT_TYPES = ("string", "text", "strings")
_TYPE_NAMES = {bool: "true/false", int: "số", float: "số", str: "chữ", list: "danh sách",
               dict: "nhóm trường", type(None): "để trống", dt.date: "ngày", dt.datetime: "ngày giờ"}


class Checker:
    """Validates one file's data; collects diagnostics in `problems`."""

    def __init__(self, parsed: Parsed, file: str):
        self.parsed = parsed
        self.file = file
        self.problems: list[Diagnostic] = []
        self._nfc_reported = False

    def record(self, data: Any, fields: tuple[Field, ...], path: tuple = ()) -> dict[str, Any]:
        """Clean values of one mapping; unknown keys, missing and wrong values reported."""
        if not isinstance(data, dict):
            self._wrong_type(path[-1] if path else "khai báo", data, "records", None, path)
            return {}
        known = {f.name: f for f in fields}
        for key in data:
            if key not in known:
                self._unknown(str(key), list(known), path + (key,))
        clean = {}
        for field in fields:
            value = data.get(field.name)
            if isinstance(value, Plain) and value.kind == "null" and field.type not in _TEXT_TYPES:
                value = None  # `end: ~`: empty; in a text field `~` and `null` stay the text typed
            if value is None or value == [] or isinstance(value, str) and text.blank(value):
                if field.required:
                    self.problems.append(make("LT005", self.file, self.parsed.line(*path), key=field.name,
                                              label=field.label, example=_example(field)))
                clean[field.name] = field.default
                continue
            clean[field.name] = self.value(value, field, path + (field.name,))
        self._order(fields, clean, path)
        return clean

    def item(self, value: Any, fields: tuple[Field, ...], path: tuple, name: str) -> dict[str, Any]:
        """One record of a list; a bare value (`- anh-1.jpg`, no `file:`) is LT019, naming the record meant."""
        if isinstance(value, (str, int, float, dt.date)) and not isinstance(value, bool):
            self.problems.append(make("LT019", self.file, self.parsed.line(*path), n=path[-1] + 1, key=name,
                                      value=value, fields=", ".join(f.name for f in fields if f.required),
                                      first=fields[0].name, second=fields[min(1, len(fields) - 1)].name))
            return {}
        return self.record(value, fields, path)

    def _order(self, fields: tuple[Field, ...], clean: dict, path: tuple) -> None:
        """Dates that must not come before (`not_before`) or after (`not_after`) other dates of
        the same record: a campaign's end and its nomination window."""
        labels = {f.name: f.label for f in fields}
        for field in fields:
            value = clean.get(field.name)
            if not isinstance(value, dt.date):
                continue
            for others, wrong, relation in ((field.not_before, lambda a, b: a < b, "trước"),
                                            (field.not_after, lambda a, b: a > b, "sau")):
                for other in others:
                    other_value = clean.get(other)
                    if isinstance(other_value, dt.date) and wrong(value, other_value):
                        rule = (f"«{field.name}» không được {relation} «{other}»"
                                + (" (chỉ xét chọn khi phong trào đã bắt đầu)" if "nomination" in field.name
                                   and other == "start" else ""))
                        self.problems.append(make(
                            "LT017", self.file, self.parsed.line(*path, field.name), key=field.name,
                            label=field.label, value=text.format_date(value), relation=relation,
                            other=other, other_label=labels[other].lower(),
                            other_value=text.format_date(other_value), rule=rule))

    def value(self, value: Any, field: Field, path: tuple) -> Any:
        kind = field.type
        if kind in ("string", "text", "unit", "campaign", "file"):
            return self._string(value, field, path)
        if kind == "date":
            return self._date(value, field, path)
        if kind == "bool":
            if isinstance(value, bool):
                return value
            if isinstance(value, Plain) and value.kind == "bool":
                return value.lower() in ("true", "yes", "on")
            return self._wrong_type(field.name, value, kind, field, path)
        if kind == "choice":
            return self._choice(value, field, path)
        if kind in ("strings", "units", "campaigns", "criteria"):
            items = value if isinstance(value, list) else [value]
            out = tuple(self._string(v, field, path + (i,)) for i, v in enumerate(items))
            kept = tuple(v for v in out if v and not text.blank(v))
            if field.required and not kept and all(isinstance(v, str) for v in items):  # ["  "]: none written
                self.problems.append(make("LT005", self.file, self.parsed.line(*path), key=field.name,
                                          label=field.label, example=_example(field)))
            return kept
        if kind == "records":
            if not isinstance(value, list):
                return self._wrong_type(field.name, value, kind, field, path) or ()
            return tuple(self.item(v, field.fields, path + (i,), field.name) for i, v in enumerate(value))
        raise AssertionError(f"unknown field type {kind}")

    def normalise(self, value: str, key: str, path: tuple) -> str:
        if text.is_nfc(value):
            return value
        if not self._nfc_reported:
            self._nfc_reported = True
            self.problems.append(make("LT012", self.file, self.parsed.line(*path), key=key))
        return text.nfc(value)

    def _string(self, value: Any, field: Field, path: tuple) -> str | None:
        """The text as the writer typed it: `20:10`, `no`, `0x1F`, `1e3` stay those characters."""
        if isinstance(value, bool) or isinstance(value, (dict, list)) or isinstance(value, dt.date):
            return self._wrong_type(field.name, value, field.type, field, path)
        value = str.strip(str(value))
        if field.type in _REFERENCES and not value.isascii():  # pasted with a zero-width space, a BOM…
            value = "".join(char for char in value if unicodedata.category(char) != "Cf")
        return self.normalise(value, field.name, path)

    def _date(self, value: Any, field: Field, path: tuple) -> dt.date | None:
        parsed = text.parse_date(value)
        if parsed is None:
            if isinstance(value, (dict, list, bool)):
                return self._wrong_type(field.name, value, field.type, field, path)
            self.problems.append(make("LT008", self.file, self.parsed.line(*path), key=field.name,
                                      value=str(value), reason=text.date_problem(value)))
        return parsed

    def _choice(self, value: Any, field: Field, path: tuple) -> str | None:
        if not isinstance(value, str):
            return self._wrong_type(field.name, value, "choice", field, path)
        wanted = text.fold(text.nfc(value).strip())
        for choice in field.choices:
            if text.fold(choice) == wanted:
                return choice
        near = nearest(value, field.choices)
        self.problems.append(make("LT009", self.file, self.parsed.line(*path), key=field.name, value=value,
                                  maybe=f"; có phải «{near}»?" if near else "",
                                  choices=", ".join(field.choices)))
        return None

    def _unknown(self, key: str, known: list[str], path: tuple):
        near = nearest(key, known)
        hint = f"sửa tên trường thành «{near}»" if near else "xóa dòng này; các trường có: " + ", ".join(known)
        self.problems.append(make("LT006", self.file, self.parsed.line(*path), key=key,
                                  maybe=f"; có phải «{near}»?" if near else "", hint=hint))

    def _wrong_type(self, key, value, kind, field, path):
        self.problems.append(make("LT007", self.file, self.parsed.line(*path), key=key,
                                  expected=TYPES.get(kind, kind), actual=_TYPE_NAMES.get(type(value), "khác"),
                                  example=_example(field) if field else "…"))
        return None


# Fields naming something (a place, a campaign, a file, a criterion): an invisible character in
# them is taken out (a unit «xa-mau-son-cu» + U+200B was "not found; did you mean xa-mau-son-cu?").
_REFERENCES = {"unit", "campaign", "file", "units", "campaigns", "criteria"}


def nearest(word: str, candidates, cutoff: float = 0.6) -> str | None:
    """The closest candidate, compared without diacritics ("my tu" → "Mỹ Tú"); None if none is close."""
    folded = {text.fold(c): c for c in candidates}
    match = difflib.get_close_matches(text.fold(word), list(folded), n=1, cutoff=cutoff)
    return folded[match[0]] if match else None


def _example(field: Field) -> str:
    if field.example is None:
        return "…"
    if isinstance(field.example, list):
        return "[" + ", ".join(str(v) for v in field.example) + "]"
    if isinstance(field.example, bool):
        return "true" if field.example else "false"
    return str(field.example)
