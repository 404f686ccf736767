"""Diagnostics: what is wrong with the content, where, and what to write instead.

Every problem Lan Tỏa can report has a stable code (``LT012``) declared once
with `define`, a Vietnamese message and a Vietnamese hint (what to write
instead); only the code is English. Modules declare their
own codes; the staff guide and the bad-input fixtures are generated from
`CODES`, so a code is documented the moment it exists.
"""
from __future__ import annotations

import dataclasses
import errno
import importlib
import json
import pkgutil
import sys
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclasses.dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    message: str  # Vietnamese, with {placeholders}
    hint: str  # Vietnamese: what to write instead, with {placeholders}
    title: str  # short Vietnamese name of the problem, for the guide


CODES: dict[str, Code] = {}
# Not imported to collect codes: the engine adapter (it imports MkDocs and declares no code).
_SKIP = "lantoa.engine"


def define(code: str, severity: Severity, title: str, message: str, hint: str) -> Code:
    if code in CODES and CODES[code] != Code(code, severity, message, hint, title):
        raise ValueError(f"diagnostic code {code} defined twice")
    CODES[code] = Code(code, severity, message, hint, title)
    return CODES[code]


@dataclasses.dataclass(frozen=True, order=True)
class Diagnostic:
    file: str  # path relative to the project root, with forward slashes
    line: int | None
    code: str
    severity: Severity
    message: str
    hint: str

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def format(self) -> str:
        shown = _visible(self.file)
        where = f"{shown}:{self.line}" if self.line else shown
        return f"{where}: {self.code} {_LABEL[self.severity]}: {self.message} — {self.hint}"

    def format_github(self) -> str:
        kind = "error" if self.is_error else "warning"
        line = f",line={self.line}" if self.line else ""
        text = _escape_gh(f"{self.code} {self.message} — {self.hint}")
        return f"::{kind} file={_escape_gh_property(self.file)}{line},title={self.code}::{text}"


_LABEL = {"error": "lỗi", "warning": "cảnh báo"}


def _visible(path: str) -> str:
    """A path as one line a person can read: a line break or an invisible character in a folder's
    name written as Python writes it (`\\n`, `\\u200b`), so a log line never starts another
    (in a CI log, a line beginning `::error` is a command)."""
    if path.isprintable():
        return path
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in path)


def _escape_gh(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_gh_property(text: str) -> str:
    """A property of a workflow command (a file's path can hold "," or a line break): as
    GitHub's own toolkit escapes it (`escapeProperty`)."""
    return _escape_gh(text).replace(":", "%3A").replace(",", "%2C")


def all_codes() -> dict[str, Code]:
    """Every diagnostic code of every module (each declares its codes when imported)."""
    package = sys.modules[__package__]
    for module in pkgutil.walk_packages(package.__path__, f"{__package__}."):
        if module.name != _SKIP and not module.name.startswith(_SKIP + "."):
            importlib.import_module(module.name)
    return dict(sorted(CODES.items()))


def make(code: str, file: str | Path, line: int | None = None, **values) -> Diagnostic:
    """Build the diagnostic for a declared code; placeholders filled from values."""
    spec = CODES[code]
    values = {k: _one_line(v) for k, v in values.items()}
    return Diagnostic(
        file=Path(file).as_posix() if file else "",
        line=line,
        code=code,
        severity=spec.severity,
        message=spec.message.format(**values),
        hint=spec.hint.format(**values),
    )


_OS_REASONS = {errno.ENOENT: "không có tệp", errno.EACCES: "không có quyền đọc tệp",
               errno.EPERM: "không có quyền đọc tệp", errno.EISDIR: "đây là một thư mục, không phải tệp",
               errno.ELOOP: "lối tắt (symlink) trỏ vòng quanh", errno.ENAMETOOLONG: "tên tệp quá dài",
               errno.EIO: "lỗi đọc ổ đĩa", errno.ENODEV: "không phải tệp thường (một ống, một thiết bị)"}


_OS_HINTS = {errno.ENOENT: "tạo tệp, hoặc sửa tên cho đúng tệp đã có",
             errno.EACCES: "cho phép đọc tệp (chmod a+r)", errno.EPERM: "cho phép đọc tệp (chmod a+r)",
             errno.EISDIR: "đổi tên thư mục (bỏ đuôi .md), hoặc đặt tệp vào trong thư mục",
             errno.ELOOP: "sửa lối tắt cho trỏ tới một tệp, hoặc thay lối tắt bằng chính tệp",
             errno.ENAMETOOLONG: "đặt tên tệp và thư mục ngắn hơn",
             errno.EIO: "chép tệp sang ổ đĩa khác, hoặc viết lại tệp",
             errno.ENODEV: "thay bằng một tệp văn bản thường, lưu dạng UTF-8"}


def os_hint(error: BaseException) -> str:
    """What to do about a file that could not be read (the companion of `os_reason`)."""
    known = _OS_HINTS.get(getattr(error, "errno", None))
    return known or "lưu tệp dạng văn bản UTF-8 (Notepad: Lưu thành…, Mã hóa: UTF-8)"


def os_reason(error: BaseException) -> str:
    """Why a file could not be read, in Vietnamese (the system's own words only when unknown)."""
    if isinstance(error, UnicodeDecodeError):
        return "tệp không phải văn bản UTF-8"
    known = _OS_REASONS.get(getattr(error, "errno", None))
    return known or f"lỗi hệ thống «{getattr(error, 'strerror', None) or error}»"


def _one_line(value):
    """A value quoted in a message (a date written over two lines…) keeps the diagnostic on one line."""
    if isinstance(value, str) and ("\n" in value or "\r" in value):
        return " ".join(value.split())
    return value


def sort(diagnostics) -> list[Diagnostic]:
    """Stable report order: by file, then line, then code."""
    return sorted(set(diagnostics), key=lambda d: (d.file, d.line or 0, d.code, d.message))


def summary(diagnostics) -> bytes:
    """How many problems there are and their codes, as JSON: what the preview's banner shows
    (`mkdocs serve`). A file of its own, read by the page's script, so that a save adding or
    fixing a problem renders no page but those that show it (`lantoa.engine.partial`)."""
    return json.dumps({"count": len(diagnostics), "codes": sorted({d.code for d in diagnostics})}).encode()


def has_errors(diagnostics) -> bool:
    return any(d.is_error for d in diagnostics)
