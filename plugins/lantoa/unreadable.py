"""A body that Markdown cannot convert: an extension raises on it (Python-Markdown 3.x's footnotes
do, for a footnote whose text refers to another footnote defined inside it, with a third after:
"OrderedDict mutated during iteration"). The build does not end in a traceback: the item's body
is LT140 on its first line, and its page shows the text as plain paragraphs, escaped."""
from __future__ import annotations

import html

from .diagnostics import Diagnostic, define, make

define("LT140", "error", "Nội dung bài không chuyển được",
       "Trình chuyển Markdown dừng lại ở nội dung bài ({value}), nên trang hiện nội dung như chữ thường, "
       "không định dạng",
       "tìm phần định dạng lạ trong bài (chú thích [^1] định nghĩa bên trong một chú thích khác, khối thụt "
       "lề lồng nhau…) và viết lại cho đơn giản, rồi xem trước bằng «scripts/site serve»")


def problem(source: str | None, line: int | None, error: Exception) -> Diagnostic:
    return make("LT140", source or "", line, value=f"{type(error).__name__}: {error}")


def plain_html(text: str) -> str:
    """The body as paragraphs of plain text (blank lines part them), escaped."""
    paragraphs = (part.strip() for part in text.replace("\r\n", "\n").split("\n\n"))
    return "\n".join(f"<p>{html.escape(part)}</p>" for part in paragraphs if part)
