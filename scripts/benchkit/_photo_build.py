"""`scripts/bench build --photos K`: Lan Tỏa at scale with K phone photos per story.

Each story gets K photos made from a pool of 8 generated phone photos (_phone_photos.py, 4000×3000 and
4032×3024 with detail and noise) whose EXIF carries a unique serial: every file has its own bytes,
so every photo is decoded, resized and encoded on its own, as a union's would be (the renditions of
photos sharing a pool image have the same pixels; their sizes average over the pool). Then: a cold
build, a warm one, and a one-story edit (its title), with the files `scripts/deploy` would upload
for that edit, worked out by the deploy's own plan against the previous site. Prints output bytes
per story by kind, files, and the edit's uploads.
"""
from __future__ import annotations

import io
import re
import shutil
import time
from pathlib import Path

from PIL import Image

from benchkit import corpus as corpus_kit
from benchkit._phone_photos import phone_exif, phone_photo
from lantoa import sitesize
from lantoa.deploy.plan import Remote, body, etag, make_plan, site_files
from lantoa.deploy.policy import policy

POOL = 8
MARK = b"LANTOA-SERIAL-000000000000"


def pool_bytes(folder: Path) -> list[bytes]:
    """The pool's JPEGs (q92 with EXIF and GPS, a serial in the EXIF), cached between runs."""
    folder.mkdir(parents=True, exist_ok=True)
    found = []
    for seed in range(POOL):
        path = folder / f"pool-{seed}.jpg"
        if not path.exists():
            exif = phone_exif()
            exif[0x010E] = MARK.decode()  # ImageDescription: the serial's place
            buffer = io.BytesIO()
            phone_photo(seed).save(buffer, "JPEG", quality=92, subsampling="4:2:0", exif=exif)
            path.write_bytes(buffer.getvalue())
        found.append(path.read_bytes())
    return found


def add_photos(project: Path, per_story: int, pool: list[bytes]) -> int:
    """K photos beside every story, named in its front matter; returns how many were written."""
    written = 0
    for number, index in enumerate(sorted(project.glob("stories/people/*/*/index.md"))):
        entries = []
        for k in range(1, per_story + 1):
            serial = f"LANTOA-SERIAL-{number:06d}{k:06d}".encode()
            assert len(serial) == len(MARK)
            (index.parent / f"anh-{k}.jpg").write_bytes(pool[(number + k) % len(pool)].replace(MARK, serial, 1))
            entries.append(f"  - file: anh-{k}.jpg\n    caption: \"Ảnh {k} của bài\"\n    credit: Phóng viên\n")
            written += 1
        text = index.read_text(encoding="utf-8")
        index.write_text(text.replace("\nsummary:", "\nphotos:\n" + "".join(entries) + "summary:", 1),
                         encoding="utf-8")
    return written


# What one photo leaves on disk besides its source, from the 200- and 1,000-story runs: its
# renditions in the site and in the cache, its share of cards, pages and search (README "Deploy").
OUTPUT_PER_PHOTO = 1_000_000


def disk_shortfall(out: Path, photos: int, pool: list[bytes]) -> str | None:
    """Why the run cannot fit on this disk (sources, every one its own file, and output), or None."""
    needed = photos * (sum(map(len, pool)) / len(pool) + OUTPUT_PER_PHOTO)
    free = shutil.disk_usage(out).free
    if needed <= 0.9 * free:
        return None
    return (f"needs about {needed / 1e9:.0f} GB ({photos:,} sources of {sum(map(len, pool)) / len(pool) / 1e6:.1f} MB "
            f"on average, and their output), {free / 1e9:.0f} GB free on {out}")


def listing(site: Path) -> dict[str, Remote]:
    """The bucket as a deploy of `site` would have left it (ETags of what it uploaded)."""
    import datetime as dt
    now = dt.datetime.now(dt.timezone.utc)
    found = {}
    for path in site_files(site):
        rule = policy(path)
        found[path] = Remote("" if rule.addressed else etag(body(site, path, rule)), now)
    return found


def run(n: int, per_story: int, out: Path, seed: int, measure, command) -> list[str]:
    """Cold, warm and edit builds of N stories with K photos; returns the report's lines."""
    work = out / f"corpus-{n}-photos-{per_story}"
    project = work / "lantoa"
    shutil.rmtree(work, ignore_errors=True)
    pool = pool_bytes(out / "photo-pool")
    short = disk_shortfall(out, n * per_story, pool)
    if short:
        print(f"\n{n} stories with {per_story} photos each: {short}", flush=True)
        return [f"  not run: {short}"]
    started = time.perf_counter()
    corpus_kit.write_lantoa(corpus_kit.generate(n, seed), project)
    photos = add_photos(project, per_story, pool)
    source_gb = sum(p.stat().st_size for p in project.glob("stories/people/*/*/anh-*.jpg")) / 1e9
    print(f"\n{n} stories with {per_story} photos each: {photos} photos ({source_gb:.1f} GB) written in "
          f"{time.perf_counter() - started:.0f} s", flush=True)
    site = work / "site"
    lines = []
    for peer in ("cold", "warm"):
        if peer == "cold":
            shutil.rmtree(project / ".cache", ignore_errors=True)
        run_ = measure(command(project, site), project, site, peer, n)
        lines.append(_line(peer, run_, n, photos))
        print(lines[-1], flush=True)
        if run_.seconds is None:
            return lines
    size = sitesize.measure(site)
    lines.append("  output per story: " + ", ".join(
        f"{sitesize.LABELS[k]} {size.bytes[k] / n / 1e3:.0f} KB" for k in sitesize.KINDS)
        + f"; total {size.total_bytes / n / 1e3:.0f} KB per story, {size.total_files / n:.1f} files per story; "
        + sitesize.summary(size, sitesize.host_limit("github-pages")))
    print(lines[-1], flush=True)
    before = listing(site)
    story = sorted(project.glob("stories/people/*/*/index.md"))[n // 2]
    text = story.read_text(encoding="utf-8")
    story.write_text(re.sub(r"(?m)^title: .*$", 'title: "Bài đã sửa tiêu đề"', text, count=1), encoding="utf-8")
    edit = measure(command(project, site), project, site, "warm", n)
    lines.append(_line("one-story edit (title), warm", edit, n, photos))
    plan = make_plan(site, before)
    counts = plan.counts()
    lines.append(f"  deploy after the edit: {len(plan.uploads)} uploads (" + ", ".join(
        f"{k} {v}" for k, v in sorted(counts.items())) + f"; {sum(u.size for u in plan.uploads) / 1e6:.1f} MB), "
        f"{plan.unchanged} unchanged, {len(plan.deletions)} deletions, {len(plan.kept_cards)} old cards kept")
    print(lines[-2] + "\n" + lines[-1], flush=True)
    return lines


def _line(label: str, run, n: int, photos: int) -> str:
    if run.seconds is None:
        return f"  {label}: {run.note}"
    # Per photo, with all else a build does (cards, crops, pages, search); the photo pipeline
    # alone is `scripts/bench photos`'s figure.
    rate = f", {photos / run.seconds:.1f} photos/s with the whole build" if label == "cold" else ""
    return (f"  {label}: {run.seconds:.0f} s wall, {run.cpu_seconds:.0f} s CPU{rate}, peak {run.peak_mb:.0f} MB, "
            f"output {run.output_mb:.0f} MB ({run.output_mb * 2**20 / n / 1e3:.0f} KB per story), {run.files} files")
