"""The registry of places (stories/units.yml): each place as a `Unit`; lookup by key, name or alias; history."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

from . import text
from .diagnostics import Diagnostic, define, make, os_hint, os_reason
from .frontmatter import parse_yaml_file
from .project import leaves
from .schema import DISTRICT_LEVELS, UNIT
from .validate import Checker, nearest

define("LT001", "error", "Không đọc được tệp",
       "Không đọc được tệp: {reason}",
       "{hint}")
define("LT020", "error", "Địa bàn không có trong danh mục",
       "Không tìm thấy địa bàn «{value}» trong stories/units.yml{maybe}",
       "{hint}")
define("LT021", "error", "Tên địa bàn chưa rõ",
       "Tên «{value}» ứng với nhiều địa bàn: {candidates}",
       "ghi mã hoặc tên đầy đủ kèm cấp, một trong: {keys}")
define("LT024", "warning", "Địa bàn không còn tồn tại vào ngày viết",
       "Địa bàn «{value}» không tồn tại vào ngày {date}{became}",
       "ghi tên địa bàn như gọi vào ngày đó{instead}")
define("LT050", "error", "Mã địa bàn trùng",
       "Mã địa bàn «{key}» đã dùng ở dòng {first}",
       "đặt cho mỗi địa bàn một mã riêng")
define("LT051", "error", "Mã địa bàn không hợp lệ",
       "Mã địa bàn «{key}» phải là chữ thường không dấu, nối bằng dấu gạch ngang, không quá 100 ký tự",
       "viết là «{suggestion}»")
define("LT052", "error", "Tham chiếu địa bàn sai",
       "Trường «{field}» của «{key}» trỏ tới mã «{value}» không có trong danh mục{maybe}",
       "ghi mã của một địa bàn đã có trong danh mục")
define("LT053", "error", "Thời gian hiệu lực sai",
       "Địa bàn «{key}»: ngày kết thúc {end} trước ngày bắt đầu {start}",
       "kiểm tra lại valid_from và valid_to")
define("LT054", "error", "Địa bàn cấp trên lặp vòng",
       "Trường «parent» tạo thành vòng lặp: {chain}; một địa bàn không thể nằm trong chính nó",
       "sửa «parent» của «{key}» thành mã địa bàn thực sự chứa nó (thường là huyện hoặc tỉnh)")
define("LT055", "error", "Địa bàn kế thừa lặp vòng",
       "Trường «successors» tạo thành vòng lặp: {chain}; địa bàn kế thừa phải là địa bàn mới hơn",
       "xóa «{value}» khỏi «successors» của «{key}»: chỉ ghi các địa bàn được lập ra để thay nó")

@dataclasses.dataclass(frozen=True)
class Unit:
    key: str
    name: str
    level: str
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    successors: tuple[str, ...] = ()
    line: int | None = None

    @property
    def label(self) -> str:
        """"huyện Lộc Bình", as Vietnamese names a place."""
        return f"{self.level} {self.name}"

    @property
    def is_district(self) -> bool:
        return self.level in DISTRICT_LEVELS and self.parent is not None

    @property
    def abolished(self) -> bool:
        return self.valid_to is not None

    def exists_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEY_LENGTH = 100  # a key names its page's folder, which may not pass 255 bytes
_ABBREVIATIONS = {"thành phố": "TP.", "huyện": "H.", "thị xã": "TX.", "xã": "X.", "phường": "P.",
                  "thị trấn": "TT.", "tỉnh": "T."}


def _norm(name: str) -> str:
    return " ".join(text.nfc(name).casefold().split())


class Registry:
    """Units by key, with every accepted spelling indexed exactly (never by guess)."""

    def __init__(self, units: list[Unit]):
        self.units: dict[str, Unit] = {u.key: u for u in units}
        self._names: dict[str, list[str]] = defaultdict(list)
        self.children: dict[str, list[str]] = defaultdict(list)
        self.predecessors: dict[str, list[str]] = defaultdict(list)
        for unit in units:
            for spelling in self.spellings(unit):
                keys = self._names[_norm(spelling)]
                if unit.key not in keys:
                    keys.append(unit.key)
            if unit.parent:
                self.children[unit.parent].append(unit.key)
            for successor in unit.successors:
                self.predecessors[successor].append(unit.key)
        # Units never change once registered: each key's district and label are worked out once.
        self._districts = {key: self._find_district(key) for key in self.units}
        self._full_labels = {key: self._label_with_district(key) for key in self.units}

    @staticmethod
    def spellings(unit: Unit) -> list[str]:
        out = [unit.key, unit.name, unit.label, *unit.aliases]
        abbreviation = _ABBREVIATIONS.get(unit.level)
        if abbreviation:
            out.append(f"{abbreviation} {unit.name}")
        return out

    def __contains__(self, key: str) -> bool:
        return key in self.units

    def __getitem__(self, key: str) -> Unit:
        return self.units[key]

    def resolve(self, value: str) -> tuple[Unit | None, list[Unit]]:
        """(unit, []) when exact; (None, candidates) when ambiguous; (None, []) when unknown."""
        if value in self.units:
            return self.units[value], []
        keys = self._names.get(_norm(value), [])
        if len(keys) == 1:
            return self.units[keys[0]], []
        return None, [self.units[k] for k in keys]

    def suggest(self, value: str) -> Unit | None:
        spellings = {}
        for unit in self.units.values():
            for spelling in self.spellings(unit):
                spellings.setdefault(spelling, unit)
        match = nearest(value, list(spellings), cutoff=0.7)
        return spellings[match] if match else None

    def ancestors(self, key: str) -> list[Unit]:
        out, seen = [], {key}
        parent = self.units[key].parent if key in self.units else None
        while parent and parent in self.units and parent not in seen:
            seen.add(parent)
            out.append(self.units[parent])
            parent = self.units[parent].parent
        return out

    def district_of(self, key: str) -> Unit | None:
        """The district-level unit a unit is, or belongs to (None after the 2025 reform)."""
        return self._districts.get(key)

    def _find_district(self, key: str) -> Unit | None:
        for unit in [self.units[key], *self.ancestors(key)]:
            if unit.is_district:
                return unit
        return None

    def full_label(self, key: str) -> str:
        """"xã Tân Thành, huyện Bắc Sơn": the unit and its district, as readers place it."""
        return self._full_labels[key]

    def _label_with_district(self, key: str) -> str:
        unit = self.units[key]
        district = self.district_of(key)
        if district and district.key != key:
            return f"{unit.label}, {district.label}"
        return unit.label

    def check_reference(self, value: str, file: str, line: int | None, on: dt.date | None
                        ) -> tuple[Unit | None, list[Diagnostic]]:
        unit, candidates = self.resolve(value)
        if candidates:
            return None, [make("LT021", file, line, value=value,
                               candidates=", ".join(c.label for c in candidates),
                               keys=", ".join(c.key for c in candidates))]
        if unit is None:
            near = self.suggest(value)
            maybe = f"; có phải «{near.label}» (mã {near.key})?" if near else ""
            hint = (f"ghi «{near.key}» hoặc «{near.label}»" if near
                    else "thêm địa bàn vào stories/units.yml, hoặc ghi mã, tên gọi đã có")
            return None, [make("LT020", file, line, value=value, maybe=maybe, hint=hint)]
        if on is not None and not unit.exists_on(on):
            successors = [self.units[s] for s in unit.successors if s in self.units and self.units[s].exists_on(on)]
            became = ""
            instead = ""
            if successors and unit.valid_to and on > unit.valid_to:
                became = "; từ " + text.format_date(day_after(unit.valid_to)) + " thuộc " + \
                    ", ".join(s.label for s in successors)
                instead = ": " + " hoặc ".join(f"«{s.key}»" for s in successors)
            return unit, [make("LT024", file, line, value=value, date=text.format_date(on),
                               became=became, instead=instead)]
        return unit, []


def day_after(day: dt.date) -> dt.date:
    """The day after `day`; `day` itself for the last day Python knows (a unit «valid_to: 9999-12-31»)."""
    return day + dt.timedelta(days=1) if day < dt.date.max else day


def day_before(day: dt.date) -> dt.date:
    """The day before `day`; `day` itself for the first day Python knows («valid_from: 0001-01-01»)."""
    return day - dt.timedelta(days=1) if day > dt.date.min else day


def load_registry(path: Path, root: Path) -> tuple[Registry, list[Diagnostic]]:
    file = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    outside = leaves(path, root) if path.exists() else None
    if outside is not None:
        return Registry([]), [make("LT070", file, None, name=file, target=outside)]
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Registry([]), [make("LT001", file, None, reason="không có tệp",
                                   hint="tạo tệp stories/units.yml với danh sách địa bàn của tỉnh")]
    except (OSError, UnicodeDecodeError) as error:
        return Registry([]), [make("LT001", file, None, reason=os_reason(error), hint=os_hint(error))]
    parsed, problems = parse_yaml_file(source, file)
    if parsed is None:
        return Registry([]), problems
    data = parsed.data if isinstance(parsed.data, list) else []
    if not isinstance(parsed.data, list):
        problems.append(make("LT007", file, 1, key="units.yml", expected="danh sách địa bàn",
                             actual="khác" if parsed.data else "trống", example="- key: …"))
    checker = Checker(parsed, file)
    units, first_line = [], {}
    for index, entry in enumerate(data):
        clean = checker.item(entry, UNIT, (index,), "units.yml")
        key, line = clean.get("key"), parsed.line(index)
        if not key or not clean.get("name") or not clean.get("level"):
            continue
        if key in first_line:
            problems.append(make("LT050", file, line, key=key, first=first_line[key]))
            continue
        if not _KEY.match(key) or len(key) > KEY_LENGTH:
            problems.append(make("LT051", file, parsed.line(index, "key"), key=key,
                                 suggestion=text.slugify(key)[:KEY_LENGTH].rstrip("-")))
            if len(key) > KEY_LENGTH:
                continue  # its page's folder would be longer than the system allows
        first_line[key] = line
        units.append(Unit(key=key, name=clean["name"], level=clean["level"], parent=clean.get("parent"),
                          aliases=tuple(clean.get("aliases") or ()), valid_from=clean.get("valid_from"),
                          valid_to=clean.get("valid_to"), successors=tuple(clean.get("successors") or ()),
                          line=line))
    problems += checker.problems
    index_of = {entry["key"]: i for i, entry in enumerate(data)
                if isinstance(entry, dict) and isinstance(entry.get("key"), str)}  # (a key a list: LT007)
    units, cycles = break_cycles(units, lambda key, field: parsed.line(index_of.get(key), field), file)
    problems += cycles
    registry = Registry(units)  # its walks (ancestors, districts) start only on a graph without cycles
    problems += _check_links(registry, parsed, file, data)
    return registry, problems


def break_cycles(units: list[Unit], line_of, file: str) -> tuple[list[Unit], list[Diagnostic]]:
    """Units with every cycle of `parent` or of `successors` cut (LT054, LT055 once per cycle,
    where it closes); each walk visits a unit at most once, so the time is linear."""
    by_key = {u.key: u for u in units}
    problems: list[Diagnostic] = []
    cut_parent: set[str] = set()
    done: set[str] = set()
    for unit in units:  # parent: each unit has one, so a walk either ends or meets itself
        path: list[str] = []
        on_path: set[str] = set()
        key = unit.key
        while key in by_key and key not in done and key not in on_path:
            path.append(key)
            on_path.add(key)
            key = by_key[key].parent
        if key in on_path:  # the walk closed a cycle at `key`
            cycle = path[path.index(key):]
            closer = cycle[-1]
            problems.append(make("LT054", file, line_of(closer, "parent"), key=closer,
                                 chain=" → ".join([*cycle, key])))
            cut_parent.add(closer)
        done.update(path)
    cut_successor: set[tuple[str, str]] = set()
    state: dict[str, int] = {}  # 1: being walked, 2: finished
    for unit in units:  # successors: depth-first with an explicit stack, back edges cut
        if unit.key in state:
            continue
        stack = [(unit.key, iter(unit.successors))]
        state[unit.key] = 1
        while stack:
            key, rest = stack[-1]
            nxt = next(rest, None)
            if nxt is None:
                state[key] = 2
                stack.pop()
            elif nxt in by_key and state.get(nxt) == 1:
                chain = [k for k, _ in stack][[k for k, _ in stack].index(nxt):]
                problems.append(make("LT055", file, line_of(key, "successors"), key=key, value=nxt,
                                     chain=" → ".join([*chain, nxt])))
                cut_successor.add((key, nxt))
            elif nxt in by_key and nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(by_key[nxt].successors)))
    if not cut_parent and not cut_successor:
        return units, problems
    return [dataclasses.replace(u, parent=None if u.key in cut_parent else u.parent,
                                successors=tuple(s for s in u.successors if (u.key, s) not in cut_successor))
            for u in units], problems


def _check_links(registry: Registry, parsed, file: str, data: list) -> list[Diagnostic]:
    problems = []
    index_of = {entry["key"]: i for i, entry in enumerate(data)
                if isinstance(entry, dict) and isinstance(entry.get("key"), str)}  # (a key a list: LT007)
    for unit in registry.units.values():
        i = index_of.get(unit.key)
        for field, values in (("parent", [unit.parent] if unit.parent else []), ("successors", unit.successors)):
            for value in values:
                if value not in registry:
                    near = nearest(value, list(registry.units))
                    problems.append(make("LT052", file, parsed.line(i, field), field=field, key=unit.key,
                                         value=value, maybe=f"; có phải «{near}»?" if near else ""))
        if unit.valid_from and unit.valid_to and unit.valid_to < unit.valid_from:
            problems.append(make("LT053", file, parsed.line(i, "valid_to"), key=unit.key,
                                 start=text.format_date(unit.valid_from), end=text.format_date(unit.valid_to)))
    return problems
