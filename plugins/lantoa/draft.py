"""A new item as a draft, and how it is written: the index.md text and the item's folder under stories/.

The front matter carries a short Vietnamese comment above each field, taken from
the schema; optional fields left out are shown commented, with an example. The
same text is the full example of the staff guide.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from . import text
from .project import STORIES_DIR
from .schema import KINDS, TYPES, Field

PHOTO_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".avif")
SLUG_MAX = 60
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
BODY_NOTE = "# Viết nội dung bài bên dưới dòng «---» cuối cùng (để trống thì bài chưa được đăng)."
# Types whose meaning the field's help does not spell out: the comment adds TYPES' wording.
_TYPE_NOTES = ("date", "unit", "units", "campaign", "campaigns", "criteria")


class ScaffoldError(Exception):
    """A mistake in what was asked for; the message is Vietnamese and says what to do."""


@dataclasses.dataclass(frozen=True)
class NewPhoto:
    source: Path
    caption: str
    credit: str | None = None


@dataclasses.dataclass(frozen=True)
class Draft:
    kind: str  # a key of schema.KINDS
    values: dict[str, Any]  # field name → value, references already resolved to keys and slugs
    photos: tuple[NewPhoto, ...] = ()
    slug: str = ""
    notes: dict[str, str] = dataclasses.field(default_factory=dict)  # field → trailing comment


# ---- where an item goes ----------------------------------------------------------

def typed(value: str) -> str:
    """An answer as the checker wants it: composed (NFC), without the invisible and control characters
    a paste from Zalo, Word or a web page brings (a direction mark, U+2028, ESC: LT015, LT012)."""
    kept = "".join(" " if char.isspace() else char for char in text.nfc(value)
                   if char.isspace() or unicodedata.category(char) not in ("Cc", "Cf") or char in "\u200c\u200d")
    return kept.strip()


def make_slug(title: str) -> str:
    """ASCII folder name from a title, cut at a word boundary to stay short."""
    slug = text.slugify(title)
    if len(slug) > SLUG_MAX:
        cut = slug[:SLUG_MAX + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut[:SLUG_MAX]  # one long word: cut within it
    return slug


def folder_for(root: Path, kind: str, slug: str, date: dt.date | None) -> Path:
    base = root / STORIES_DIR
    if kind == "campaign":
        return base / "campaigns" / slug
    section = "people" if kind == "story" else "news"
    return base / section / str(date.year) / slug


def photo_name(index: int, source: Path) -> str:
    """anh-1.jpg, anh-2.png…: the extension kept, lower-cased."""
    return f"anh-{index}{source.suffix.lower()}"


# ---- the index.md text ------------------------------------------------------------

def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and _ISO_DATE.match(value):
        return value  # unquoted, so YAML reads it as the date it is
    dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1 << 20)
    return dumped.removesuffix("\n").removesuffix("\n...").strip()


def format_value(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    return _scalar(value)


def comment(field: Field) -> str:
    """The one-line explanation written above a field."""
    words = f"{field.label}{' (bắt buộc)' if field.required else ''}: {field.help}"
    if field.choices:
        words += " Chọn một: " + " | ".join(field.choices) + "."
    elif field.type in _TYPE_NOTES:
        words += f" Cách viết: {TYPES[field.type]}."
    return "# " + words


def _records(name: str, entries: list[dict], fields: tuple[Field, ...], prefix: str = "") -> list[str]:
    lines = [f"{prefix}{name}:"]
    for entry in entries:
        first = True
        for sub in fields:
            if entry.get(sub.name) in (None, ""):
                continue
            lead = "  - " if first else "    "
            lines.append(f"{prefix}{lead}{sub.name}: {format_value(entry[sub.name])}")
            first = False
    return lines


def _example_lines(field: Field) -> list[str]:
    """An optional field left out, shown commented so staff see how to fill it in."""
    if field.type == "records":
        example = {sub.name: sub.example for sub in field.fields if sub.example is not None}
        return _records(field.name, [example], field.fields, prefix="# ")
    example = field.example if field.example is not None else "…"
    return [f"# {field.name}: {format_value(example)}"]


def render(draft: Draft) -> str:
    """The whole index.md: front matter with comments, then an empty body."""
    lines = ["---"]
    for field in KINDS[draft.kind]:
        value = draft.values.get(field.name)
        lines.append(comment(field))
        if value in (None, "", [], ()):
            lines += _example_lines(field)
        elif field.type == "records":
            lines += _records(field.name, list(value), field.fields)
        else:
            note = draft.notes.get(field.name)
            lines.append(f"{field.name}: {format_value(value)}" + (f"  # {note}" if note else ""))
    lines += [BODY_NOTE, "---", ""]
    return "\n".join(lines) + "\n"


# ---- the folder --------------------------------------------------------------------

def check_photos(photos) -> None:
    for photo in photos:
        if not photo.source.is_file():
            raise ScaffoldError(f"Không thấy tệp ảnh «{photo.source}».")
        if photo.source.suffix.lower() not in PHOTO_EXTENSIONS:
            raise ScaffoldError(f"Tệp «{photo.source.name}» không phải ảnh JPEG, PNG, WebP, HEIC hay AVIF.")
        if not photo.caption.strip():
            raise ScaffoldError(f"Ảnh «{photo.source.name}» cần có chú thích (ai, đang làm gì, ở đâu).")


def create(root: Path, draft: Draft) -> Path:
    """Make the folder, copy the photos in, write index.md; returns the index.md path."""
    check_photos(draft.photos)
    if draft.slug and draft.slug != make_slug(draft.slug):  # a path (../x, /tmp/x) or not a slug
        suggestion = f", ví dụ «{make_slug(draft.slug)}»" if make_slug(draft.slug) else ""
        raise ScaffoldError(f"Tên thư mục «{draft.slug}» phải là chữ thường không dấu, nối bằng dấu gạch ngang, "
                            f"không quá {SLUG_MAX} ký tự{suggestion}.")
    slug = draft.slug or make_slug(draft.values.get("title") or "")
    if not slug:
        raise ScaffoldError("Tiêu đề cần có ít nhất một chữ cái hoặc chữ số.")
    date = draft.values.get("date")
    folder = folder_for(root, draft.kind, slug, date)
    if folder.exists():
        raise ScaffoldError(f"Thư mục «{folder.relative_to(root).as_posix()}» đã có; "
                            "hãy đặt tiêu đề khác hoặc chọn tên thư mục bằng --slug.")
    photos = []
    for index, photo in enumerate(draft.photos, start=1):
        photos.append(dict(file=photo_name(index, photo.source), caption=typed(photo.caption),
                           credit=typed(photo.credit or "") or None))
    values = {name: typed(value) if isinstance(value, str) else value for name, value in draft.values.items()}
    values["photos"] = photos or None
    folder.mkdir(parents=True)
    for photo, entry in zip(draft.photos, photos):
        shutil.copyfile(photo.source, folder / entry["file"])
    target = folder / "index.md"
    target.write_text(render(dataclasses.replace(draft, values=values)), encoding="utf-8")
    return target
