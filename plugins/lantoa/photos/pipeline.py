"""process(): every requested photo, once, through the cache and a process pool."""
from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import sys
import time
from pathlib import Path

from .. import lifeline
from ..diagnostics import Diagnostic, make
from .manifest import Manifest
from .model import FORMATS, PhotoOptions, PhotoRequest, ProcessedPhoto, Rendition
from .render import Job, Outcome, render, rendition_dir

TRANSIENT = {"LT107", "LT108"}  # not remembered: the next build tries again


def process(requests: list[PhotoRequest], options: PhotoOptions, *, progress: bool | None = None,
            ) -> tuple[dict[Path, ProcessedPhoto], list[Diagnostic]]:
    """Renditions of every requested photo; bad photos give diagnostics and are left out. Never raises
    for bad input. `progress`: a bar (True), a one-line summary on stderr (False), None: bar on a TTY."""
    started = time.perf_counter()
    by_source: dict[Path, list[PhotoRequest]] = {}
    for request in requests:
        by_source.setdefault(Path(request.source), []).append(request)
    manifest = Manifest.load(options)
    outcomes, jobs = _from_cache(by_source, manifest, options)
    show_bar = sys.stderr.isatty() if progress is None else progress
    for outcome in _run(jobs, options, show_bar):
        outcomes[outcome.source] = outcome
        if outcome.problem is None or outcome.problem[0] not in TRANSIENT:
            manifest.put(outcome)
    manifest.save()
    photos, diagnostics = _assemble(by_source, outcomes, options)
    if not show_bar:
        missing = sum(1 for o in outcomes.values() if o.stat is None)
        print(_summary(len(by_source), len(jobs), len(by_source) - len(jobs) - missing,
                       len(by_source) - len(photos), time.perf_counter() - started), file=sys.stderr)
    return photos, diagnostics


def _from_cache(by_source, manifest: Manifest, options: PhotoOptions) -> tuple[dict[str, Outcome], list[Job]]:
    cached_files = _names_in(rendition_dir(options))
    outcomes: dict[str, Outcome] = {}
    jobs: list[Job] = []
    for source in by_source:
        key = str(source)
        try:
            stat = os.stat(source)
        except FileNotFoundError:
            outcomes[key] = Outcome(key, None, problem=("LT101", {}))
            continue
        except OSError as error:
            outcomes[key] = Outcome(key, None, problem=("LT107", {"reason": error.strerror or str(error)}))
            continue
        seen = (stat.st_size, stat.st_mtime_ns)
        cached = manifest.get(key, seen)
        if cached is not None and all(r[0] in cached_files for r in cached.renditions):
            outcomes[key] = cached
        else:
            jobs.append(Job(key, seen))
    return outcomes, jobs


def _names_in(folder: Path) -> set[str]:
    try:
        with os.scandir(folder) as entries:
            return {entry.name for entry in entries}
    except OSError:
        return set()


def _run(jobs: list[Job], options: PhotoOptions, show_bar: bool):
    """Yields one Outcome per job, in completion order."""
    bar = _bar(len(jobs)) if show_bar and jobs else None
    workers = min(options.workers or os.cpu_count() or 1, len(jobs))
    try:
        if workers <= 1:
            for job in jobs:
                yield render(job, options)
                bar and bar.update()
            return
        broken: list[Job] = []
        with _pool(workers) as pool:
            futures = {pool.submit(render, job, options): job for job in jobs}
            for future in cf.as_completed(futures):
                try:
                    yield future.result()
                except cf.process.BrokenProcessPool:
                    broken.append(futures[future])
                    continue
                bar and bar.update()
        for job in broken:  # a worker died (killed, out of memory): retry each alone to find the culprit
            yield _alone(job, options)
            bar and bar.update()
    finally:
        bar and bar.close()


def _pool(workers: int) -> cf.ProcessPoolExecutor:
    # forkserver, not fork: forking a process that runs threads (mkdocs serve) can deadlock the
    # children. Like spawn, it imports the caller's __main__: scripts need `if __name__ == "__main__"`.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["lantoa.photos.render"])  # Pillow imported once, in the server
    # Workers end when this process does (lifeline): a killed build leaves none behind.
    return cf.ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                  initializer=lifeline.watch, initargs=(os.getpid(),))


def _alone(job: Job, options: PhotoOptions) -> Outcome:
    try:
        with _pool(1) as pool:
            return pool.submit(render, job, options).result()
    except cf.process.BrokenProcessPool:
        return Outcome(job.source, job.stat, problem=("LT108", {"reason": "tiến trình xử lý ảnh bị dừng đột ngột"}))


def _bar(total: int):
    from tqdm import tqdm

    return tqdm(total=total, desc="Ảnh", unit="ảnh", file=sys.stderr, dynamic_ncols=True)


def _assemble(by_source, outcomes: dict[str, Outcome], options: PhotoOptions):
    photos: dict[Path, ProcessedPhoto] = {}
    diagnostics: list[Diagnostic] = []
    for source, requests in by_source.items():
        outcome = outcomes[str(source)]
        for code, values in ([outcome.problem] if outcome.problem else []) + list(outcome.warnings):
            diagnostics += [make(code, r.item_file, r.line, photo=photo_label(r), **values) for r in requests]
        if outcome.problem is None:
            photos[source] = _photo(source, outcome, options)
    return photos, diagnostics


def _photo(source: Path, outcome: Outcome, options: PhotoOptions) -> ProcessedPhoto:
    by_extension = {extension: fmt for fmt, (extension, _) in FORMATS.items()}
    renditions = []
    for name, width, height, size in outcome.renditions:
        fmt = by_extension[name.rsplit(".", 1)[-1]]
        renditions.append(Rendition(f"{options.url_prefix}/{name}", width, height, fmt, FORMATS[fmt][1], size))
    return ProcessedPhoto(source, outcome.width, outcome.height, tuple(renditions))


def photo_label(request: PhotoRequest) -> str:
    """The photo as staff know it: its path from the item's folder ("anh/bia.jpg"), else its name."""
    folder = "/" + Path(request.item_file).parent.as_posix().strip("/") + "/"
    source = Path(request.source).as_posix()
    if folder != "//" and folder in source:
        return source.rsplit(folder, 1)[-1]
    return Path(request.source).name


def _summary(total: int, processed: int, reused: int, failed: int, seconds: float) -> str:
    return (f"Ảnh: {total} ảnh — {processed} xử lý mới, {reused} có sẵn trong bộ nhớ đệm, "
            f"{failed} lỗi ({seconds:.1f} s)")
