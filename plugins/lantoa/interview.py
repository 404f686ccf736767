"""Asking for a new item's fields (`scripts/new`): from flags, or question by question.

What people type is matched against the registries without diacritics ("my tu"
finds "Mỹ Tú"); a guess is confirmed and several matches are offered as a list,
or, when nothing may be asked, the mistake is reported with what to write.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from . import text
from .draft import NewPhoto, ScaffoldError, check_photos
from .schema import KINDS, Field, field_map
from .units import Registry, Unit
from .validate import nearest


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


def _unit_period(unit: Unit) -> str:
    if unit.valid_to:
        return f"đến {text.format_date(unit.valid_to)}"
    if unit.valid_from:
        return f"từ {text.format_date(unit.valid_from)}"
    return ""


def unit_choice_label(registry: Registry, unit: Unit) -> str:
    when = _unit_period(unit)
    return f"{registry.full_label(unit.key)} (mã {unit.key}{', ' + when if when else ''})"


def unit_echo(registry: Registry, unit: Unit) -> str:
    """What the writer is told was matched: "→ xã Lộc Bình (từ 1/7/2025)"."""
    when = _unit_period(unit)
    return f"→ {registry.full_label(unit.key)}" + (f" ({when})" if when else "")


def shown_example(field: Field) -> str:
    """A field's example as the prompt shows it: dates in the d/m/yyyy form it asks for."""
    example = field.example[0] if isinstance(field.example, list) else field.example
    if field.type == "date" and isinstance(example, str):
        parsed = text.parse_date(example)
        return text.format_date(parsed) if parsed else example
    return example or ""


def split_answer(raw: str, known: set[str], count: int) -> list[str]:
    """Several choices typed on one line ("4, 5", "4 5", "ma-a, ma-b") as a list; anything else,
    a title with a comma included, is one answer."""
    parts = [p for p in re.split(r"[,;\s]+", raw.strip()) if p]
    if len(parts) > 1 and all(p.isdigit() and 1 <= int(p) <= count for p in parts):
        return parts
    by_comma = [p.strip() for p in re.split(r"[,;]", raw) if p.strip()]
    for candidate in (by_comma, parts):
        if len(candidate) > 1 and all(p in known for p in candidate):
            return candidate
    return [raw]


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
                 interactive: bool, ask=input, say=print, today: dt.date | None = None,
                 criteria: dict[str, list[tuple[str, str]]] | None = None):
        self.kind, self.registry, self.campaigns = kind, registry, campaigns
        self.criteria = criteria or {}  # campaign slug → [(criterion id, name)]
        self.given, self.interactive, self.ask, self.say = given, interactive, ask, say
        self.today = today or dt.date.today()
        self.values: dict[str, Any] = {}
        self.notes: dict[str, str] = {}
        self._explained: set[str] = set()

    def _campaign_list(self) -> list[tuple[str, str]]:
        return sorted(self.campaigns.items(), key=lambda item: text.sort_key(item[1]))

    def fill(self) -> dict[str, Any]:
        asked = asked_fields(self.kind)
        known = field_map(KINDS[self.kind])
        unused = [name for name in self.given if name not in known]
        if unused:  # --subject for a campaign, --byline for a campaign…: said, not dropped
            flags = ", ".join(FLAG_OF.get((self.kind, n), FLAG_OF.get(n, n)) for n in unused)
            raise ScaffoldError(f"{flags}: không dùng cho {KIND_WORDS[self.kind]}.")
        several = [n for n, values in self.given.items() if len(values) > 1 and known[n].type in ("unit", "campaign")]
        if several:  # a story's second --unit was dropped
            raise ScaffoldError(f"{FLAG_OF.get(several[0], several[0])}: {known[several[0]].label.lower()} chỉ ghi một.")
        # A field given on the command line is written even when it is not asked for (a campaign's --unit).
        fields = asked + [known[n] for n in self.given if n not in {f.name for f in asked}]
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
            criteria = field_map(KINDS[self.kind]).get("criteria")
            if field.name == "campaigns" and criteria is not None and criteria.type == "criteria" \
                    and self.interactive:  # right after the campaigns whose criteria they are
                chosen = self._criteria(criteria, self.values.get("campaigns") or [])
                if chosen:
                    self.values["criteria"] = chosen
        return self.values

    def _criteria(self, field: Field, campaigns: list[str]) -> list[str]:
        """Asked only when the chosen campaigns have criteria: numbers or ids, several on a line."""
        options = _unique((cid, f"{name} (mã {cid}, {self.campaigns.get(slug, slug)})")
                          for slug in campaigns for cid, name in self.criteria.get(slug, ()))
        if not options:
            return []
        self.say(f"\n{field.label}: {field.help}")
        for number, (_, label) in enumerate(options, start=1):
            self.say(f"  {number}. {label}")
        ids = [cid for cid, _ in options]
        while True:
            raw = text.nfc(self.ask(f"{field.label} (số hoặc mã, nhiều mục cách nhau bằng dấu phẩy; Enter để bỏ qua): ")).strip()
            if not raw:
                return []
            picked = []
            for part in split_answer(raw, set(ids), len(ids)):
                part = part.strip()
                if part.isdigit() and 1 <= int(part) <= len(ids):
                    picked.append(ids[int(part) - 1])
                elif part in ids:
                    picked.append(part)
                else:
                    picked = None
                    self.say(f"Không có tiêu chí «{part}» trong danh sách; gõ số hoặc mã ở trên.")
                    break
            if picked:
                return _unique(picked)

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
            if parsed is not None and parsed.year >= 1900:  # year 1 made a folder stories/people/1/ (LT013)
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
            if field.type in ("campaigns", "units") and self.interactive:
                known = set(self.campaigns) if field.type == "campaigns" else set(self.registry.units)
                pieces = split_answer(raw, known, len(self._campaign_list()) if field.type == "campaigns" else 0)
                raw, queue = pieces[0], pieces[1:] + queue
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
        if key and on and not self.registry.units[key].exists_on(on):  # the checker's LT024: not written so
            self._retry(f"{self.registry.full_label(key)} không còn vào ngày {text.format_date(on)}; "
                        "ghi địa bàn như gọi vào ngày đó (tên mới, hoặc mã).")
            return None
        if key:
            self.notes.setdefault(field.name, self.registry.full_label(key))
            self.say(unit_echo(self.registry, self.registry.units[key]))
        return key

    def _one_campaign(self, field: Field, query: str) -> str | None:
        listed = self._campaign_list()
        if self.interactive and query.isdigit() and 1 <= int(query) <= len(listed):
            self.say(f"→ {listed[int(query) - 1][1]} (mã {listed[int(query) - 1][0]})")
            return listed[int(query) - 1][0]
        found, certain = match_campaigns(self.campaigns, query)
        if not found:
            return self._not_found(field, query, "viết tên hoặc mã (tên thư mục) của phong trào trong stories/campaigns/")
        slug = self._settle(query, [(s, f"{self.campaigns[s]} (mã {s})") for s in found], certain)
        if slug:
            self.say(f"→ {self.campaigns[slug]} (mã {slug})")
        return slug

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
        example = shown_example(field)
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


KIND_WORDS = {"story": "câu chuyện", "news": "tin", "campaign": "phong trào"}
FLAG_OF = {"title": "--title", "subject": "--subject", ("story", "subject_kind"): "--kind",
           ("news", "kind"): "--kind", ("campaign", "kind"): "--kind", "level": "--level",
           "issuer": "--issuer", "unit": "--unit", "units": "--unit", "campaigns": "--campaign",
           "date": "--date", "start": "--date", "summary": "--summary", "byline": "--byline",
           "document_number": "--document-number"}
