"""Reading stories/: which files are items (discovery), and each item file read into a raw,
validated record (front matter, body, the files it names), alone, from the previous load's
cache (`mkdocs serve`) or by worker processes (large sites). `load.py` builds the records.

Every file read here passes `project.leaves` first: nothing outside the project is read.
"""
from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path

from . import body_photos, relayout, text
from .diagnostics import Diagnostic, define, make, os_hint, os_reason
from .frontmatter import Parsed, parse
from .model import Photo
from .project import STORIES_DIR, composed_twin, is_file, leaves, linked_out, read_text
from .shared import SharedChunks, chunked
from .validate import Checker, nearest

define("LT013", "error", "Tệp đặt sai chỗ",
       "Tệp «{name}» không nằm ở vị trí Lan Tỏa đọc nên sẽ không có trên trang",
       "đặt mỗi bài vào một thư mục riêng, tên tệp là index.md: {expected}")
define("LT040", "error", "Thiếu tệp",
       "Không thấy tệp «{value}» trong thư mục của bài{maybe}",
       "đặt tệp cạnh index.md hoặc sửa tên tệp cho khớp, kể cả chữ hoa, chữ thường")
define("LT041", "error", "Đường dẫn ra ngoài thư mục bài",
       "Tệp «{value}» nằm ngoài thư mục của bài",
       "chép tệp vào thư mục của bài và chỉ ghi tên tệp, ví dụ «anh-1.jpg»")
define("LT043", "error", "Ảnh đại diện không có trong danh sách ảnh",
       "Ảnh đại diện «{value}» không có trong danh sách photos",
       "ghi tên tệp của một ảnh trong danh sách photos{maybe}")
define("LT060", "warning", "Mã nguy hiểm trong bài",
       "Nội dung có {what}; phần này đã bị loại bỏ khi dựng trang",
       "chỉ viết Markdown thường: liên kết bắt đầu bằng https://, không có thẻ <script> hay thuộc tính on…=")
define("LT075", "error", "Tên thư mục không tạo được địa chỉ",
       "Tên thư mục «{name}» không có chữ hay số nào để làm địa chỉ trang, nên bài sẽ không có trang riêng",
       "đổi tên thư mục thành vài chữ không dấu nối bằng gạch ngang, ví dụ «{example}»")
define("LT076", "warning", "Tệp sẽ bị bỏ qua",
       "{what} nên Lan Tỏa bỏ qua, không đưa lên trang",
       "{fix}; tệp bài luôn tên là «index.md»")

SHARED_MINIMUM = 2000  # fewer files: reading them here costs less than starting a worker
SHARED_CHUNK = 100
KINDS = {"campaigns": ("campaign", 3), "people": ("story", 4), "news": ("news", 4)}  # folder → (kind, depth)
EXPECTED = ("stories/people/<năm>/<tên-bài>/index.md, stories/news/<năm>/<tên-bài>/index.md "
            "hoặc stories/campaigns/<mã-phong-trào>/index.md")
_YEAR = re.compile(r"^\d{4}$")
# (pattern, characters it needs, what it finds): a body without them is not scanned ("j" is not Vietnamese).
_UNSAFE = [(re.compile(r"<\s*script", re.I), "<", "thẻ <script>"),
           (re.compile(r"\bon[a-z]+\s*=", re.I), "=", "thuộc tính on…= (JavaScript)"),
           (re.compile(r"javascript\s*:", re.I), "jJ", "liên kết javascript:")]
# Names that look like an item's text but are not read (index.MD, index.markdown, index.md.txt…).
_LOOKS_LIKE_INDEX = re.compile(r"^index\.(md|markdown|mdown|mkd|txt|md\.txt|html?|docx?)$|^index\.md\.", re.I)


def discover(base: Path, root: Path, problems: list[Diagnostic], links: list[str] | None = None) -> dict[str, list[Path]]:
    """The index.md of every item under `base`, by kind; LT013 for Markdown elsewhere, LT076 for
    files and folders that look like an item but would be ignored, LT070 for links out. `links`:
    the folders walked through a link, or met twice."""
    found: dict[str, list[Path]] = {"campaign": [], "story": [], "news": []}
    seen_dirs: set[str] = set()
    inside = os.path.join(os.path.realpath(root), "")
    for here, dirs, names in os.walk(base, followlinks=True):
        real = os.path.realpath(here)
        if links is not None and (real in seen_dirs or os.path.islink(here)):
            links.append(here)
        if real in seen_dirs or not os.path.join(real, "").startswith(inside):  # a link back up: walked once
            problems += [] if real in seen_dirs else [linked_out(Path(here), root)]  # out: not walked (/: the disk)
            dirs[:] = []
            continue
        seen_dirs.add(real)
        dirs.sort()
        folder = Path(here)
        parts = _parts_below(folder, base)
        kind, depth = KINDS.get(parts[0], (None, 0)) if parts else (None, 0)
        item_folder = kind is not None and len(parts) == depth - 1 and (depth == 3 or _YEAR.match(parts[1]))
        if item_folder and not folder.name.startswith("."):
            if "index.md" in dirs:  # a folder named index.md: read as the item's file, LT001 says why
                dirs.remove("index.md")
                names = [*names, "index.md"]
            _item_folder(folder, kind, sorted(names), root, found, problems, real.startswith(inside))
            continue
        for name in sorted(names):
            if name.endswith(".md"):
                problems.append(make("LT013", rel(folder / name, root), None, name=name, expected=EXPECTED))
    return found


@dataclasses.dataclass
class Layout:
    """What `discover` found, kept by a caller that loads again and again (`mkdocs serve`)."""
    found: dict[str, list[Path]] | None = None
    problems: list[Diagnostic] = dataclasses.field(default_factory=list)
    files: frozenset[str] = frozenset()
    walked: bool = False  # whether the last `discover_again` looked (else: the same items as before)
    linked: bool = False  # whether the last walk went through a link to a folder (`relayout` then walks)
    reads: dict = dataclasses.field(default_factory=dict)  # kind → its reads of the last load (`read_lists`)


def discover_again(base: Path, root: Path, problems: list[Diagnostic], layout: Layout,
                   saved: set[str] | None) -> dict[str, list[Path]]:
    """`discover`, or what it found last time when the only files saved since (`saved`, None if
    unknown; a folder's path ends with a separator) are files of items it found, of a kind it does
    not look at: the same items are there. An editor's save through a file beside (written, then
    renamed over index.md) reports that file too, gone by now: it is not looked for again (the walk
    cost a save 0.3 s at 10,000 stories). Item folders added or removed patch what it found
    (`relayout`; still `walked`: the items are others)."""
    layout.walked = layout.found is None or saved is None or \
        not all(_same_layout(path, layout.files, layout.linked) for path in saved)
    if layout.walked and not (layout.found is not None and saved and relayout.patched(base, root, layout, saved)):
        found_problems: list[Diagnostic] = []
        links: list[str] = []
        layout.found = discover(base, root, found_problems, links)
        layout.problems, layout.linked = found_problems, bool(links)
        layout.files = frozenset(str(path) for paths in layout.found.values() for path in paths)
    problems.extend(layout.problems)
    return {kind: list(paths) for kind, paths in layout.found.items()}


def _same_layout(path: str, item_files: frozenset[str], linked: bool = False) -> bool:
    """Whether a save of `path` leaves `discover`'s findings as they were: an item's index.md still
    there, or a file beside one that discovery passes over (there or gone: a file, not a folder;
    `linked`: the walk went through a link to a folder, which a gone path may have been)."""
    name = os.path.basename(path)
    if name == "index.md":
        return path in item_files and os.path.isfile(path)
    if not name or name.endswith(".md") or _LOOKS_LIKE_INDEX.match(name) or linked and not os.path.lexists(path):
        return False
    return os.path.join(os.path.dirname(path), "index.md") in item_files and not os.path.isdir(path)


def _item_folder(folder: Path, kind: str, names: list[str], root: Path, found, problems,
                 folder_inside: bool = False) -> None:
    """`folder_inside`: the folder's real path is known to be in the project (then only a linked
    index.md can lead out, and `leaves` is asked only for that)."""
    file = rel(folder / "index.md", root)
    for name in names:
        if name != "index.md" and name.endswith(".md") and not _LOOKS_LIKE_INDEX.match(name):
            problems.append(make("LT013", rel(folder / name, root), None, name=name, expected=EXPECTED))
        elif name != "index.md" and _LOOKS_LIKE_INDEX.match(name):
            page = name.lower().endswith((".html", ".htm"))
            problems.append(make("LT076", rel(folder / name, root), None,
                                 what=f"Tệp «{name}» không phải «index.md»",
                                 fix=("trang web không đưa lên được: viết nội dung vào index.md, hoặc lưu "
                                      f"«{name}» thành PDF rồi ghi vào «attachments»" if page else
                                      f"đổi tên «{name}» thành «index.md»" if "index.md" not in names
                                      else f"gộp nội dung vào index.md rồi xóa «{name}»")))
    if "index.md" not in names:
        if not any(_LOOKS_LIKE_INDEX.match(n) for n in names):
            problems.append(make("LT076", rel(folder, root) + "/", None,
                                 what=f"Thư mục «{folder.name}» không có tệp index.md",
                                 fix="viết bài vào tệp index.md trong thư mục này (scripts/new tạo sẵn), "
                                     "hoặc xóa thư mục"))
        return
    path = folder / "index.md"
    outside = None if folder_inside and not os.path.islink(path) else leaves(path, root)
    if outside is not None:
        problems.append(make("LT070", file, None, name=file, target=outside))
        return
    if not text.slugify(folder.name):
        problems.append(make("LT075", file, None, name=folder.name, example="chi-hoang-thi-mai"))
        return
    found[kind].append(path)


def rel(path: Path, root: Path) -> str:
    try:
        return "/".join(_parts_below(path, root))
    except ValueError:
        return path.as_posix()


def _parts_below(path: Path, parent: Path) -> tuple[str, ...]:
    """`path.relative_to(parent).parts`, without parsing paths again when parent is a prefix."""
    size = len(parent.parts)
    if path.parts[:size] == parent.parts:
        return path.parts[size:]
    return path.relative_to(parent).parts


def untouched(read_cache: dict | None, saved: set[str] | None):
    """A test that an item file's kept read stands without looking at the file: nothing was saved
    in its folder (`saved`: every path saved since the last load, as the watcher reported them).
    At 10,000 stories the look (a stat and a folder walk per item) cost a partial rebuild 0.14 s;
    the item files a save touched are found from the saved paths, not by testing each file's
    folder (0.02 s)."""
    if read_cache is None or saved is None:
        return lambda path: False
    holding = {*saved, *(os.fspath(folder) for path in saved for folder in Path(path).parents)}
    touched = {Path(folder, "index.md") for folder in holding}  # an item's folder, or one above what was saved
    inside = tuple(os.path.join(path, "") for path in saved if os.path.isdir(path))  # a folder moved back: all in it
    if inside:
        touched.update(path for path in read_cache if os.fspath(path).startswith(inside))
    return Untouched(read_cache, touched)


class Untouched:
    """`untouched`'s test, with the item files a save may have changed (`touched`: `read_lists`)."""

    def __init__(self, read_cache: dict, touched: set[Path]):
        self.read_cache, self.touched = read_cache, touched

    def __call__(self, path: Path) -> bool:
        return path in self.read_cache and path not in self.touched


def load_all(paths: list[Path], root: Path, fields, problems, read_cache: dict | None = None,
             unsaved=lambda path: False) -> list[dict]:
    """Every file's front matter; `read_cache` (serve) keeps them for the next load, and the reads
    of files `unsaved` says are as they were are taken from it. A build, and serve's first load,
    share the work with worker processes (serve's first build: 2.3 s less at 10,000 stories)."""
    if read_cache is None and len(paths) >= SHARED_MINIMUM:
        return _load_shared(paths, root, fields, problems)
    just_read: set[Path] = set()
    if read_cache is not None:
        unread = [path for path in paths if path not in read_cache]
        if len(unread) >= SHARED_MINIMUM:  # kept, and taken below without looking at the files again
            _load_shared(unread, root, fields, [], read_cache)
            just_read = set(unread)
    out = []
    for path in paths:
        kept = read_cache.get(path) if read_cache is not None else None  # a Path's hash is a Python call
        if kept is not None and (unsaved(path) or path in just_read):
            _, raw, found = kept
            problems += found
        else:
            raw = load_one(path, root, fields, problems) if read_cache is None else \
                load_kept(path, root, fields, problems, read_cache)
        if raw is not None:
            out.append(raw)
    return out


def _load_shared(paths: list[Path], root: Path, fields, problems, read_cache: dict | None = None) -> list[dict]:
    """`load_all` with worker processes reading from the end of the list (a build's start has
    a core to spare), in the same order; into `read_cache` too, if given, as `load_kept` keeps."""
    stamps = {path: _stamp(path) for path in paths} if read_cache is not None else {}
    shared = SharedChunks(_load_chunk, chunked(paths, SHARED_CHUNK), (root, fields))
    out = []
    try:
        for number, chunk in enumerate(shared.chunks):
            for path, (raw, found) in zip(chunk, shared.result(number)):
                problems += found
                if stamps.get(path) is not None:
                    read_cache[path] = (stamps[path], raw, found)
                if raw is not None:
                    out.append(raw)
    finally:
        shared.close()
    return out


def _load_chunk(paths: tuple[Path, ...], root: Path, fields) -> list[tuple[dict | None, list[Diagnostic]]]:
    done = []
    for path in paths:
        found: list[Diagnostic] = []
        done.append((load_one(path, root, fields, found), found))
    return done


def _folder_stamps(folder: Path) -> tuple:
    """When the story folder and each folder under it last changed (photos may sit in subfolders)."""
    return tuple((here, os.stat(here).st_mtime_ns) for here, _, _ in os.walk(folder))


def _stamp(path: Path) -> tuple | None:
    """What says the file and its folder are as they were (None: it cannot be read)."""
    try:
        file = path.stat()
        return file.st_mtime_ns, file.st_size, _folder_stamps(path.parent)
    except OSError:
        return None


def load_kept(path: Path, root: Path, fields, problems, read_cache: dict) -> dict | None:
    """`load_one`, or its result from the previous load if neither the file nor its folder
    (photos added, removed or renamed) changed since."""
    stamp = _stamp(path)
    if stamp is None:
        return load_one(path, root, fields, problems)
    kept = read_cache.get(path)
    if kept is None or kept[0] != stamp:
        found: list[Diagnostic] = []
        kept = read_cache[path] = (stamp, load_one(path, root, fields, found), found)
    problems += kept[2]
    return kept[1]


def load_one(path: Path, root: Path, fields, problems) -> dict | None:
    """One index.md → its validated fields, body and files (a dict), or None when unreadable."""
    file = rel(path, root)
    try:
        source = read_text(path)
    except (OSError, UnicodeDecodeError) as error:
        problems.append(make("LT001", file, None, reason=os_reason(error), hint=os_hint(error)))
        return None
    parsed, found = parse(source, file)
    problems += found
    if parsed is None:
        return None
    checker = Checker(parsed, file)
    clean = checker.record(parsed.data, fields)
    body = checker.normalise(parsed.body, "nội dung", ())
    problems += checker.problems
    if not body.strip():
        problems.append(make("LT011", file, parsed.body_line))
    for pattern, needs, what in _UNSAFE:
        match = any(c in body for c in needs) and pattern.search(body)
        if match:
            line = parsed.body_line + body.count("\n", 0, match.start())
            problems.append(make("LT060", file, line, what=what))
    folder = path.parent
    parts = _parts_below(folder, root / STORIES_DIR)
    clean.update(file=file, parsed=parsed, folder=folder, slug=text.slugify(folder.name),
                 folder_year=int(parts[1]) if len(parts) == 3 else None)
    written = {e["file"] for e in clean.get("photos") or () if isinstance(e, dict) and isinstance(e.get("file"), str)}
    clean["photos"] = _photos(clean, problems)
    clean["cover"] = _cover(clean, problems)
    marked = _body_photos(clean, body, written, problems)
    clean["body"] = marked.body.lstrip("\n")  # the blank lines after the front matter are not the body's
    clean["body_line"] = parsed.body_line + len(marked.body) - len(clean["body"])
    clean["body_photos"] = marked.placed
    return clean


def _body_photos(raw: dict, body: str, written: set[str], problems) -> body_photos.Marked:
    """The body with its photo references marked (`body_photos`), and LT044/LT045/LT041 for those
    that name no photo `photos:` lists (`written`: its file names, a listed photo with a problem of
    its own among them; the page shows only those that are `raw["photos"]`)."""
    folder = raw["folder"]

    def where(name: str) -> str:
        found = _inside(folder, name)
        return "outside" if found is None else "present" if is_file(found) else "missing"

    marked = body_photos.mark(body, written, where)
    listed = [p.file for p in raw["photos"]]
    for offset, code, name in marked.problems:
        line = raw["parsed"].body_line + body.count("\n", 0, offset)
        near = nearest(name, listed) if code == "LT045" else None
        problems.append(make(code, raw["file"], line, value=name, maybe=f"; có phải «{near}»?" if near else ""))
    return marked


def _inside(folder: Path, name: str) -> Path | None:
    """The file `name` if it stays inside `folder` (no absolute path, no '..', no symlink out)."""
    if Path(name).is_absolute() or name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return None
    candidate = folder / name
    return candidate if leaves(candidate, folder) is None else None


def named_file(raw: dict, name: str, path: tuple, problems) -> Path | None:
    """The file an item names (a photo, an attachment) in its folder, or None with LT041/LT040."""
    parsed: Parsed = raw["parsed"]
    line = parsed.line(*path)
    target = _inside(raw["folder"], name)
    if target is None:
        problems.append(make("LT041", raw["file"], line, value=name))
        return None
    if not is_file(target) and (target := composed_twin(target)) is None:
        siblings = [p.name for p in raw["folder"].iterdir() if p.is_file() and p.name != "index.md"]
        near = nearest(name, siblings)
        problems.append(make("LT040", raw["file"], line, value=name,
                             maybe=f"; có phải «{near}»?" if near else ""))
        return None
    return target


def _photos(raw: dict, problems) -> tuple[Photo, ...]:
    out = []
    for index, entry in enumerate(raw.get("photos") or ()):
        name = entry.get("file")
        if not name:
            continue
        path = named_file(raw, name, ("photos", index, "file"), problems)
        if path is not None and entry.get("caption"):
            out.append(Photo(file=name, path=path, caption=entry["caption"], credit=entry.get("credit"),
                             line=raw["parsed"].line("photos", index)))
    return tuple(out)


def _cover(raw: dict, problems) -> Photo | None:
    photos = raw["photos"]
    name = raw.get("cover")
    if not name:
        return photos[0] if photos else None
    for photo in photos:
        if photo.file == name:
            return photo
    names = [p.file for p in photos]
    problems.append(make("LT043", raw["file"], raw["parsed"].line("cover"), value=name,
                         maybe=(": " + ", ".join(names)) if names else ", hoặc thêm ảnh đó vào photos trước"))
    return None
