"""`scripts/new`: a new story, news item or campaign, ready for its text.

Makes the item's folder under stories/, copies the photos in as anh-1.jpg, …,
and writes the front matter with a short Vietnamese comment above each field,
taken from the schema. The body is left empty on purpose: `scripts/check`
reports LT011 until the text is written, and nothing else.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from . import text
from .load import STORIES_DIR
from .model import Unit
from .schema import KINDS, TYPES, Field, field_map
from .units import Registry
from .validate import nearest

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

def make_slug(title: str) -> str:
    """ASCII folder name from a title, cut at a word boundary to stay short."""
    slug = text.slugify(title)
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX + 1].rsplit("-", 1)[0]
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


# ---- matching what people type against the registries ---------------------------

def _unique(items) -> list:
    return list(dict.fromkeys(items))


def match_units(registry: Registry, query: str, on: dt.date | None = None) -> tuple[list[Unit], bool]:
    """Units `query` may mean, and whether the match is certain (same spelling, diacritics aside).

    "my tu" finds "Mỹ Tú"; when several match, those that existed on `on` are preferred.
    """
    unit, candidates = registry.resolve(query)
    if unit is not None:
        return [unit], True
    wanted = " ".join(text.fold(query).split())
    spellings = [(" ".join(text.fold(s).split()), u) for u in registry.units.values()
                 for s in Registry.spellings(u)]
    exact = candidates or _unique(u for s, u in spellings if s == wanted)
    found = exact or _unique(u for s, u in spellings if wanted and wanted in s)
    if not found:
        near = registry.suggest(query)
        found = [near] if near else []
    current = [u for u in found if on is None or u.exists_on(on)]
    found = current or found
    return found, bool(exact) and len(found) == 1


def match_campaigns(titles: dict[str, str], query: str) -> tuple[list[str], bool]:
    """Campaign slugs `query` may mean (a slug, a title, part of one); and whether it is certain."""
    if query in titles:
        return [query], True
    wanted = " ".join(text.fold(query).split())
    slug = text.slugify(query)
    exact = _unique(s for s, t in titles.items() if text.fold(t) == wanted or s == slug)
    if exact:
        return exact, len(exact) == 1
    found = _unique(s for s, t in titles.items() if wanted and (wanted in text.fold(t) or slug in s))
    if not found:
        by_title = {t: s for s, t in titles.items()}
        near = nearest(query, list(by_title), cutoff=0.5) or None
        found = [by_title[near]] if near else []
    return found, False


def unit_choice_label(registry: Registry, unit: Unit) -> str:
    when = ""
    if unit.valid_to:
        when = f", đến {text.format_date(unit.valid_to)}"
    elif unit.valid_from:
        when = f", từ {text.format_date(unit.valid_from)}"
    return f"{registry.full_label(unit.key)} (mã {unit.key}{when})"


# ---- writing -----------------------------------------------------------------------

def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and _ISO_DATE.match(value):
        return value  # unquoted, so YAML reads it as the date it is
    dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1 << 20)
    return dumped.removesuffix("\n").removesuffix("\n...").strip()


def _value(value: Any) -> str:
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
            lines.append(f"{prefix}{lead}{sub.name}: {_value(entry[sub.name])}")
            first = False
    return lines


def _example_lines(field: Field) -> list[str]:
    """An optional field left out, shown commented so staff see how to fill it in."""
    if field.type == "records":
        example = {sub.name: sub.example for sub in field.fields if sub.example is not None}
        return _records(field.name, [example], field.fields, prefix="# ")
    example = field.example if field.example is not None else "…"
    return [f"# {field.name}: {_value(example)}"]


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
            lines.append(f"{field.name}: {_value(value)}" + (f"  # {note}" if note else ""))
    lines += [BODY_NOTE, "---", ""]
    return "\n".join(lines) + "\n"


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
        photos.append(dict(file=photo_name(index, photo.source), caption=photo.caption.strip(),
                           credit=(photo.credit or "").strip() or None))
    values = dict(draft.values, photos=photos or None)
    folder.mkdir(parents=True)
    for photo, entry in zip(draft.photos, photos):
        shutil.copyfile(photo.source, folder / entry["file"])
    target = folder / "index.md"
    target.write_text(render(dataclasses.replace(draft, values=values)), encoding="utf-8")
    return target


def asked_fields(kind: str) -> list[Field]:
    """The few facts asked for: required fields and the byline, in schema order."""
    extra = {"story": ("byline",), "news": ("campaigns", "units", "byline"), "campaign": ("document_number",)}
    fields = field_map(KINDS[kind])
    wanted = [f for f in KINDS[kind] if f.required or f.name in extra[kind]]
    return [fields[f.name] for f in wanted if f.type != "records"]


# ---- asking ------------------------------------------------------------------------

class Session:
    """Fills the asked fields of one kind from flags, asking for the rest unless non-interactive."""

    def __init__(self, kind: str, registry: Registry, campaigns: dict[str, str], given: dict[str, list[str]],
                 interactive: bool, ask=input, say=print, today: dt.date | None = None):
        self.kind, self.registry, self.campaigns = kind, registry, campaigns
        self.given, self.interactive, self.ask, self.say = given, interactive, ask, say
        self.today = today or dt.date.today()
        self.values: dict[str, Any] = {}
        self.notes: dict[str, str] = {}
        self._explained: set[str] = set()

    def _campaign_list(self) -> list[tuple[str, str]]:
        return sorted(self.campaigns.items(), key=lambda item: text.sort_key(item[1]))

    def fill(self) -> dict[str, Any]:
        fields = asked_fields(self.kind)
        # The date first: it decides which places existed, to tell old and new units apart.
        fields.sort(key=lambda f: 0 if f.name == "title" else 1 if f.type == "date" and f.required else 2)
        missing = [f for f in fields if f.required and not self.given.get(f.name)]
        if missing and not self.interactive:
            flags = ", ".join(FLAG_OF.get((self.kind, f.name), FLAG_OF.get(f.name, f.name)) for f in missing)
            raise ScaffoldError(f"Còn thiếu: {flags}.")
        for field in fields:
            value = self.value(field)
            if value not in (None, "", []):
                self.values[field.name] = value
        return self.values

    def value(self, field: Field) -> Any:
        handler = getattr(self, "_" + field.type)
        return handler(field, self.given.get(field.name) or [])

    # One method per schema type that is asked for.
    def _string(self, field: Field, given: list[str]) -> str | None:
        if given:
            return text.nfc(given[0]).strip()
        return self._prompt(field)

    _text = _string

    def _date(self, field: Field, given: list[str]) -> dt.date | None:
        raw = given[0] if given else None
        while True:
            if raw is None:
                default = text.format_date(self.today) if field.required else ""
                raw = self._prompt(field, default=default) or default
            if not raw:
                return None
            parsed = text.parse_date(raw)
            if parsed is not None:
                return parsed
            self._retry(f"Ngày «{raw}» không hợp lệ; viết như 8/3/2024 hoặc 2024-03-08.")
            raw = None

    def _choice(self, field: Field, given: list[str]) -> str:
        if given:
            wanted = text.fold(given[0]).strip()
            hits = [c for c in field.choices if text.fold(c) == wanted] or \
                   [c for c in field.choices if wanted and text.fold(c).startswith(wanted)]
            if len(hits) == 1:
                return hits[0]
            if not self.interactive:
                raise ScaffoldError(f"«{given[0]}» không phải {field.label.lower()} hợp lệ; chọn một: "
                                    + ", ".join(field.choices) + ".")
        return self._pick(field.label, [(c, c) for c in field.choices])

    def _unit(self, field: Field, given: list[str]) -> str | None:
        keys = self._many(field, given[:1], self._one_unit, single=True)
        return keys[0] if keys else None

    def _units(self, field: Field, given: list[str]) -> list[str]:
        return self._many(field, given, self._one_unit)

    def _campaign(self, field: Field, given: list[str]) -> str | None:
        slugs = self._many(field, given[:1], self._one_campaign, single=True)
        return slugs[0] if slugs else None

    def _campaigns(self, field: Field, given: list[str]) -> list[str]:
        return self._many(field, given, self._one_campaign)

    def _many(self, field: Field, given: list[str], one, single: bool = False) -> list[str]:
        out, queue = [], list(given)
        while True:
            if queue:
                raw = queue.pop(0)
            elif not self.interactive or (single and out) or (given and (out or not field.required)):
                break
            else:
                more = " (Enter để kết thúc)" if out or not field.required else ""
                raw = self._prompt(field, extra=more, allow_empty=bool(out) or not field.required)
                if not raw:
                    break
            value = one(field, raw)
            if value:
                out.append(value)
        return _unique(out)

    def _one_unit(self, field: Field, query: str) -> str | None:
        on = self.values.get("date") or self.values.get("start")
        found, certain = match_units(self.registry, query, on)
        if not found:
            return self._not_found(field, query, "thêm địa bàn vào stories/units.yml hoặc viết đúng tên, mã")
        options = [(u.key, unit_choice_label(self.registry, u)) for u in found]
        key = self._settle(query, options, certain)
        if key:
            self.notes.setdefault(field.name, self.registry.full_label(key))
        return key

    def _one_campaign(self, field: Field, query: str) -> str | None:
        listed = self._campaign_list()
        if self.interactive and query.isdigit() and 1 <= int(query) <= len(listed):
            return listed[int(query) - 1][0]
        found, certain = match_campaigns(self.campaigns, query)
        if not found:
            return self._not_found(field, query, "viết tên hoặc mã (tên thư mục) của phong trào trong stories/campaigns/")
        return self._settle(query, [(s, f"{self.campaigns[s]} (mã {s})") for s in found], certain)

    def _settle(self, query: str, options: list[tuple[str, str]], certain: bool) -> str | None:
        """One certain match is taken; a guess is confirmed; several are offered as a list."""
        if len(options) > 1:
            return self._pick(f"«{query}» có thể là", options)
        value, label = options[0]
        if certain:
            return value
        if not self.interactive:
            raise ScaffoldError(f"Không chắc «{query}» là gì; có phải {label}? Hãy viết đúng tên hoặc mã.")
        return value if self._confirm(f"Có phải {label}?") else None

    def _not_found(self, field: Field, query: str, how: str):
        if not self.interactive:
            raise ScaffoldError(f"Không tìm thấy {field.label.lower()} «{query}»; {how}.")
        self.say(f"Không tìm thấy «{query}»; {how}.")
        return None

    # ---- the conversation ----------------------------------------------------------
    def _prompt(self, field: Field, default: str = "", extra: str = "", allow_empty: bool | None = None) -> str:
        if not self.interactive:
            return default
        optional = allow_empty if allow_empty is not None else not field.required
        hint = f" [{default}]" if default else " (Enter để bỏ qua)" if optional and not extra else ""
        example = field.example[0] if isinstance(field.example, list) else field.example
        if field.name not in self._explained:
            self._explained.add(field.name)
            self.say(f"\n{field.label}: {field.help}" + (f" Ví dụ: {example}" if example else ""))
            if field.type in ("campaign", "campaigns"):
                for number, (slug, title) in enumerate(self._campaign_list(), start=1):
                    self.say(f"  {number}. {title} (mã {slug})")
        while True:
            answer = text.nfc(self.ask(f"{field.label}{extra}{hint}: ")).strip()
            if answer or optional or default:
                return answer
            self.say("Mục này bắt buộc.")

    def _pick(self, title: str, options: list[tuple[str, str]]) -> str:
        listing = "; ".join(f"{label}" for _, label in options)
        if not self.interactive:
            raise ScaffoldError(f"{title} nhiều lựa chọn, hãy viết rõ hơn: {listing}.")
        self.say(f"{title}:")
        for number, (_, label) in enumerate(options, start=1):
            self.say(f"  {number}. {label}")
        while True:
            answer = self.ask(f"Chọn số (1–{len(options)}): ").strip()
            if answer.isdigit() and 1 <= int(answer) <= len(options):
                return options[int(answer) - 1][0]
            self.say("Hãy gõ một số trong danh sách.")

    def _confirm(self, question: str) -> bool:
        return self.ask(f"{question} [C/k]: ").strip().casefold() in ("", "c", "có", "co", "y", "yes")

    def _retry(self, message: str) -> None:
        if not self.interactive:
            raise ScaffoldError(message)
        self.say(message)

    def photos(self, sources: list[str], captions: list[str], credit: str | None) -> tuple[NewPhoto, ...]:
        out = []
        for index, source in enumerate(sources):
            caption = captions[index] if index < len(captions) else ""
            out.append(self._photo(Path(source).expanduser(), caption, credit))
        while self.interactive and not sources:
            raw = self.ask("Ảnh (đường dẫn tệp ảnh, Enter để bỏ qua): ").strip().strip("'\"")
            if not raw:
                break
            path = Path(raw).expanduser()
            if not path.is_file():
                self.say(f"Không thấy tệp «{raw}».")
                continue
            out.append(self._photo(path, "", credit))
        check_photos(out)
        return tuple(out)

    def _photo(self, source: Path, caption: str, credit: str | None) -> NewPhoto:
        while not caption.strip() and self.interactive:
            caption = self.ask(f"Chú thích ảnh {source.name} (ai, đang làm gì, ở đâu): ").strip()
        if credit is None and self.interactive:
            credit = self.ask(f"Nguồn ảnh {source.name} (người chụp; Enter để bỏ qua): ").strip() or None
        return NewPhoto(source, text.nfc(caption), credit)


FLAG_OF = {"title": "--title", "subject": "--subject", ("story", "subject_kind"): "--kind",
           ("news", "kind"): "--kind", ("campaign", "kind"): "--kind", "level": "--level",
           "issuer": "--issuer", "unit": "--unit", "units": "--unit", "campaigns": "--campaign",
           "date": "--date", "start": "--date", "summary": "--summary", "byline": "--byline",
           "document_number": "--document-number"}


def parse_args(argv):
    import argparse
    parser = argparse.ArgumentParser(prog="scripts/new", description=(
        "Tạo bài mới trong stories/: hỏi từng mục, hoặc nhận các mục qua tùy chọn (create a new item)."))
    parser.add_argument("kind", nargs="?", choices=("story", "news", "campaign"),
                        help="story: gương điển hình; news: tin tức; campaign: phong trào")
    parser.add_argument("--title", help="tiêu đề")
    parser.add_argument("--subject", help="nhân vật (story)")
    parser.add_argument("--kind", dest="kind_value", metavar="KIND",
                        help="story: cá nhân | tập thể | mô hình; news: phát động | sơ kết | …; campaign: phong trào thi đua | …")
    parser.add_argument("--level", help="cấp phát động (campaign): trung ương | tỉnh | huyện | xã")
    parser.add_argument("--issuer", help="cơ quan ban hành (campaign)")
    parser.add_argument("--document-number", help="số văn bản (campaign)")
    parser.add_argument("--unit", action="append", default=[], help="địa bàn: tên, tên không dấu hoặc mã")
    parser.add_argument("--campaign", action="append", default=[], help="phong trào: tên hoặc mã (lặp lại được)")
    parser.add_argument("--date", help="ngày đăng (campaign: ngày bắt đầu), 8/3/2024 hoặc 2024-03-08")
    parser.add_argument("--summary", help="sapo")
    parser.add_argument("--byline", help="tác giả")
    parser.add_argument("--photo", action="append", default=[], help="tệp ảnh (lặp lại được)")
    parser.add_argument("--caption", action="append", default=[], help="chú thích, theo thứ tự các --photo")
    parser.add_argument("--credit", help="nguồn ảnh, cho mọi ảnh")
    parser.add_argument("--slug", help="tên thư mục (mặc định: từ tiêu đề)")
    parser.add_argument("--root", default=".", help="thư mục dự án (chứa stories/)")
    parser.add_argument("--yes", action="store_true", help="không hỏi: thiếu mục bắt buộc thì báo lỗi")
    parser.add_argument("--write-guide", action="store_true",
                        help="viết lại các trang sinh tự động của docs/huong-dan/ rồi thoát")
    args = parser.parse_args(argv)
    if not args.kind and not args.write_guide:
        parser.error("hãy chọn loại bài: story, news hoặc campaign")
    return args


def given_values(kind: str, args) -> dict[str, list[str]]:
    """Flags as schema field names, for the kind being made."""
    one = {"title": args.title, "subject": args.subject, "level": args.level, "issuer": args.issuer,
           "document_number": args.document_number, "summary": args.summary, "byline": args.byline,
           "subject_kind" if kind == "story" else "kind": args.kind_value,
           "start" if kind == "campaign" else "date": args.date}
    given = {k: [v] for k, v in one.items() if v}
    given["units" if kind == "news" else "unit"] = args.unit
    given["parent" if kind == "campaign" else "campaigns"] = args.campaign
    return {k: v for k, v in given.items() if v}


def main(argv: list[str] | None = None, ask=input, say=print) -> int:
    import sys

    from .check import find_root
    from .load import load_corpus
    args = parse_args(argv)
    root = find_root(Path(args.root))
    if args.write_guide:
        from . import guide
        for path in guide.write(root):
            say(f"Đã viết {path.relative_to(root).as_posix()}")
        return 0
    corpus = load_corpus(root, STORIES_DIR)
    titles = {slug: c.title for slug, c in corpus.campaigns.items()}
    session = Session(args.kind, corpus.units, titles, given_values(args.kind, args),
                      interactive=not args.yes, ask=ask, say=say)
    try:
        values = session.fill()
        photos = session.photos(args.photo, args.caption, args.credit)
        draft = Draft(args.kind, values, photos, slug=args.slug or "", notes=session.notes)
        path = create(root, draft)
    except ScaffoldError as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return 2
    except (EOFError, KeyboardInterrupt):
        print("\nĐã hủy, chưa tạo gì.", file=sys.stderr)
        return 130
    say(f"Đã tạo {path.relative_to(root).as_posix()}")
    say("Bước tiếp: viết nội dung bài bên dưới dòng «---» cuối cùng, rồi chạy scripts/check.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
