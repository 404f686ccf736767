"""The output folder between builds: atomic swaps for `mkdocs build`, and for `mkdocs serve` the
previous rebuild's files carried over, so that unchanged pages are not written again.

A build writes into `<site>.lantoa-new/` beside `site/` (`staging`) and swaps the two at the end
(`swap`); a failed or strict-failing build discards the staging folder, leaving `site/` whole.

Under serve, MkDocs empties its output folder before every rebuild, one file and folder at a
time (seconds on a slow disk), and then writes every page again. Instead: `set_aside` moves the
output away in one rename before MkDocs empties it, `carry_over` moves it back once MkDocs is
done, pages whose HTML did not change are left as they are, and `sweep` deletes what this rebuild
neither wrote nor kept (a deleted story's page, a card no page uses any more).
"""
from __future__ import annotations

import errno
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Container, Iterable

from mkdocs.exceptions import PluginError

from ..folders import delete_in_background
from .logs import log

MARK = ".lantoa-rebuild"


def staging(target: Path) -> Path:
    """Where a build of `target` writes until it swaps."""
    return target.with_name(target.name + ".lantoa-new")


def prepare_staging(target: Path) -> Path:
    """The staging folder of `target`, emptied of what an earlier build left there (one killed
    before its end), which is said."""
    folder = staging(target)
    if folder.exists():
        log.info(f"Đã xoá thư mục dựng dở của lần dựng trước: {folder.name} "
                 f"(removed the half-written output of an earlier build)")
        shutil.rmtree(folder, ignore_errors=True)
    try:  # a read-only or full disk is said now, in one line, before any work is done
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".lantoa-probe"
        with open(probe, "wb") as handle:
            handle.write(b"\0" * 65536)
            handle.flush()
            os.fsync(handle.fileno())
        probe.unlink()
    except OSError as error:
        discard(folder)
        raise PluginError(explain(error, target)) from None
    return folder


def explain(error: OSError, target: Path) -> str:
    """One Vietnamese line for an output folder that cannot be written: what happened, and that
    the previous site is kept (the engine raises it as a build error: no traceback)."""
    kept = f"trang cũ trong «{target.name}/» được giữ nguyên" if target.exists() else "chưa có trang nào bị thay đổi"
    if error.errno == errno.ENOSPC or error.errno == errno.EDQUOT:
        what = f"Ổ đĩa chứa «{target.parent}» đã đầy, không ghi được trang mới"
        fix = "xóa bớt tệp cho trống chỗ rồi dựng lại"
    elif error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        what = f"Không có quyền ghi vào thư mục «{target.parent}» (chỉ đọc)"
        fix = "cấp quyền ghi cho thư mục đó, hoặc chọn thư mục khác bằng site_dir / mkdocs build -d"
    else:
        what = f"Không ghi được thư mục trang «{target}» ({error.strerror or error})"
        fix = "kiểm tra ổ đĩa và quyền ghi rồi dựng lại"
    return f"{what}; {kept}. Cách sửa: {fix}. (output folder not writable: {error.strerror or error})"


def is_output_failure(error: BaseException) -> bool:
    """An error of the output folder (full, read-only), which `explain` puts in one line."""
    return isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS,
                                                          errno.EACCES, errno.EPERM)


def discard(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def keep_previous(staging_folder: Path) -> None:
    """A strict build with problems: its output discarded, the site it would replace left whole.
    Said on stderr, not logged: MkDocs counts each logged error, and this one is not a problem more."""
    discard(staging_folder)
    print("Trang cũ được giữ nguyên vì bản dựng có lỗi (previous site kept: the build has problems)", file=sys.stderr)


def set_aside(site_dir: Path) -> tuple[Path | None, int]:
    """Move the previous output out of `site_dir` (left empty); returns where it went and the
    rebuild's start on the file system's own clock (files written from now on are not older)."""
    previous = None
    if site_dir.is_dir() and any(site_dir.iterdir()):
        previous = site_dir.with_name(f"{site_dir.name}.lantoa-previous-{time.time_ns()}")
        os.replace(site_dir, previous)
    site_dir.mkdir(parents=True, exist_ok=True)
    mark = site_dir / MARK  # removed again by carry_over
    mark.write_bytes(b"")
    return previous, mark.stat().st_mtime_ns


def clock(site_dir: Path) -> int:
    """Now, on the file system's own clock (files written from now on are not older)."""
    mark = site_dir / MARK
    mark.write_bytes(b"")
    now = mark.stat().st_mtime_ns
    mark.unlink()
    return now


def carry_over(previous: Path | None, site_dir: Path) -> bool:
    """Put the previous output back into `site_dir`, which MkDocs has just emptied."""
    (site_dir / MARK).unlink(missing_ok=True)  # MkDocs leaves hidden files where they are
    if previous is None:
        return False
    try:
        os.replace(previous, site_dir)  # a folder replaces an empty folder
    except OSError:
        delete_in_background(previous)
        return False
    return True


def sweep(site_dir: Path, started: int, kept: Iterable[Path], spare: Path | None = None) -> set[str]:
    """Delete the files this rebuild did not write (older than `started`) and did not keep, but
    for those under `spare`; then the folders left empty. Returns the files left (not under
    `spare`), for `sweep_known` after the next rebuild."""
    keep = {os.fspath(p) for p in kept}
    left: set[str] = set()
    for root, _, names in os.walk(site_dir, topdown=False):
        if spare is not None and (root + os.sep).startswith(os.path.join(spare, "")):
            continue
        for name in names:
            path = os.path.join(root, name)
            if path not in keep and os.lstat(path).st_mtime_ns < started:
                os.unlink(path)
            else:
                left.add(path)
        if root != os.fspath(site_dir) and not os.listdir(root):
            os.rmdir(root)
    return left


def sweep_known(site_dir: Path, started: int, keep: Container[str], candidates: Iterable[str]) -> set[str]:
    """`sweep` without walking the site: only `candidates`, the files that may be left over (of
    those the last rebuild left: `left.candidates`), are looked at, and deleted unless kept or
    written by this rebuild (a partial rebuild at 10,000 stories: 0.26 s of walking 32,000
    folders saved). Returns the candidates left but not kept (written now), for the next sweep.
    A file written now at a path no rebuild wrote before, and kept by nobody, is not known to the
    next one: the next full build's `sweep` finds it."""
    left = set()
    for path in candidates:
        if path in keep:
            continue
        try:
            fresh = os.lstat(path).st_mtime_ns >= started
        except FileNotFoundError:
            continue
        if fresh:
            left.add(path)
            continue
        os.unlink(path)
        remove_empty_folders(Path(path).parent, site_dir)
    return left


def remove_empty_folders(folder: Path, site_dir: Path) -> None:
    """`folder` if empty, then each folder above it left empty, up to `site_dir` (kept)."""
    while folder != site_dir and site_dir in folder.parents and _empty(folder):
        folder.rmdir()
        folder = folder.parent


def _empty(folder: Path) -> bool:
    """Whether `folder` holds nothing, from its first entry (the cards' folder holds 10,000:
    listing it cost a save 0.005 s)."""
    with os.scandir(folder) as entries:
        return next(entries, None) is None


def swap(staging: Path, target: Path) -> None:
    """Replace target by staging with two renames, so a reader never sees a half-written site.
    The previous site is deleted by a process of its own: removing tens of thousands of files
    can take longer than the build, and nobody waits for it."""
    old = target.with_name(f".{target.name}.lantoa-old-{time.time_ns()}")
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    for leftover in target.parent.glob(f".{target.name}.lantoa-old-*"):  # also any an earlier run left
        delete_in_background(leftover)
