"""The layout of a Lan Tỏa project: its stories/ folder, finding the project from a path inside
it, the one rule for every file the loader reads (it stays inside the project), and the site's
settings as `scripts/check` reads them from mkdocs.yml (without MkDocs)."""
from __future__ import annotations

import errno
import os
import stat
import unicodedata
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag  # MkDocs' own reading of !ENV (its dependency)

from .diagnostics import Diagnostic, define, make

STORIES_DIR = "stories"
CONFIG_FILE = "mkdocs.yml"
# The defaults of the plugin's options the checker needs too; engine/config.py takes them from here.
OPTION_DEFAULTS: dict[str, Any] = {"stories_dir": STORIES_DIR, "photo_widths": [480, 1000, 1200],
                                   "photo_max_pixels": 250_000_000, "cache_dir": ".cache/lantoa",
                                   "zalo_oa_id": None, "publish_future": False, "host_limit": "github-pages",
                                   "photo_formats": ["avif", "jpeg"]}

define("LT070", "error", "Tệp là liên kết ra ngoài dự án",
       "Tệp «{name}» là liên kết (symlink) tới «{target}», nằm ngoài thư mục dự án; Lan Tỏa không đọc nó",
       "chép chính tệp đó vào thư mục dự án thay cho liên kết, hoặc xóa liên kết")


def find_root(path: Path) -> Path:
    """The project folder (the one holding stories/) for a path inside it or at it."""
    path = path.resolve()
    for candidate in [path, *path.parents]:
        if (candidate / STORIES_DIR).is_dir():
            return candidate
    return path


def leaves(path: Path, folder: Path) -> str | None:
    """Where `path` really is when that is outside `folder` (a symlink, or one in its folders,
    pointing out); None when it stays inside. The one rule for every file the loader reads."""
    try:
        real = Path(os.path.realpath(path))
        inside = Path(os.path.realpath(folder))
    except (OSError, ValueError):
        return str(path)
    if real == inside or real.is_relative_to(inside):
        return None
    try:  # as the link itself says, when the file is the link (no machine's own folders in messages)
        return os.readlink(path) if os.path.islink(path) else real.as_posix()
    except OSError:
        return real.as_posix()


def linked_out(folder: Path, root: Path) -> Diagnostic:
    """LT070 for a folder of stories/ that is a link out of the project: not walked (a link to /
    walked the whole disk)."""
    name = folder.relative_to(root).as_posix() + "/" if folder.is_relative_to(root) else folder.as_posix()
    return make("LT070", name, None, name=name, target=leaves(folder, root))


def is_file(path: Path) -> bool:
    """Whether `path` is a regular file; False, not an error, for a name the system refuses (longer
    than 255 bytes, say)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def composed_twin(path: Path) -> Path | None:
    """The file beside `path` whose name is the same once composed (NFC): macOS writes "ả" as "a"
    and a mark, and the two look alike in every message (a photo was "not found; did you mean
    «ảnh-2.jpg»?" for «ảnh-2.jpg»). None when there is none."""
    wanted = unicodedata.normalize("NFC", path.name)
    try:
        return next((p for p in path.parent.iterdir() if p.name != path.name
                     and unicodedata.normalize("NFC", p.name) == wanted and is_file(p)), None)
    except OSError:
        return None


def read_text(path: Path) -> str:
    """A file's text, as `Path.read_text(encoding="utf-8")` reads it; OSError (ENODEV) for what is not
    a regular file: reading a named pipe (FIFO) would wait for ever."""
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):  # (a folder: EISDIR, as the read says)
        raise OSError(errno.ENODEV, "not a regular file")
    return path.read_text(encoding="utf-8")


class _Lenient(yaml.SafeLoader):
    """mkdocs.yml may carry `!!python/name:` tags (read as plain values) and `!ENV` ones (read as
    MkDocs reads them: the variable's value, or the default given)."""


_Lenient.add_constructor("!ENV", construct_env_tag)
_Lenient.add_multi_constructor("", lambda loader, suffix, node: (
    loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else None))
_Lenient.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_settings(root: Path) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """(the mkdocs.yml mapping, the `lantoa` plugin's options with defaults filled); ({}, None)
    without a readable mkdocs.yml (a stories/ folder checked on its own; `settings_problem` says
    when one is there and cannot be read)."""
    data, _ = _settings(root)
    if not isinstance(data, dict):
        return {}, None
    options = None
    plugins = data.get("plugins")
    plugins = [{name: value} for name, value in plugins.items()] if isinstance(plugins, dict) else plugins
    for entry in plugins if isinstance(plugins, list) else ():  # a list, or MkDocs' mapping form
        if entry == "lantoa":
            options = {}
        elif isinstance(entry, dict) and "lantoa" in entry:
            options = entry["lantoa"] if isinstance(entry["lantoa"], dict) else {}
    if options is None:
        return data, None
    return data, {**OPTION_DEFAULTS, **options}


define("LT138", "error", "Không đọc được mkdocs.yml",
       "Tệp mkdocs.yml {problem}, nên không dựng được trang",
       "sửa mkdocs.yml theo mẫu trong README (mục Configuration): mỗi dòng «tên: giá trị», "
       "các dòng con thụt vào đều nhau bằng dấu cách")


def _settings(root: Path) -> tuple[Any, Diagnostic | None]:
    """mkdocs.yml's content, and LT138 when it is there and not a readable mapping."""
    path = root / CONFIG_FILE
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Lenient)  # noqa: S506
    except FileNotFoundError:
        return None, None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        return None, make("LT138", CONFIG_FILE, mark.line + 1 if mark else None, problem="viết sai cú pháp YAML")
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return None, make("LT138", CONFIG_FILE, None, problem="không đọc được (không phải văn bản UTF-8?)")
    if not isinstance(data, dict):
        return None, make("LT138", CONFIG_FILE, 1, problem="không phải một danh sách «tên: giá trị»")
    return data, None


def settings_problem(root: Path) -> Diagnostic | None:
    """LT138 when mkdocs.yml is there and cannot be read as MkDocs reads it."""
    return _settings(root)[1]
