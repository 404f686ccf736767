"""`scripts/bench photos [-n N]`: the photo pipeline on N generated 4000×3000 phone-like JPEGs.

Prints cold photos/s and CPU s per photo, warm overhead per 1,000 photos (and for 10,000 unchanged
photos), average bytes per rendition, the cover a 412 px DPR-2.6 phone downloads, an encoder-setting
sweep (bytes against time), and, where `vipsthumbnail` is installed, the same output set made by it.
The photos are synthetic (noise fields and shapes, 3–5 MB at JPEG q92): real photos compress
differently, so bytes are indicative; the ratios between settings are what the choice rests on.
"""
from __future__ import annotations

import argparse
import io
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageOps

from lantoa.photos import PhotoOptions, PhotoRequest, process
from lantoa.photos.manifest import Manifest
from lantoa.photos.render import Outcome

PHONE = (412, 2.6, 32)  # CSS width, device pixel ratio, Material's side margins (px)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench photos", description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=12, help="generated photos (default 12)")
    parser.add_argument("--warm-n", type=int, default=10_000, help="unchanged photos for the warm figure")
    parser.add_argument("--workers", type=int, default=None, help="process pool size (default: all cores)")
    parser.add_argument("--widths", default=None, help="rendition widths, comma-separated (default: the options')")
    parser.add_argument("--no-sweep", action="store_true", help="skip the encoder-setting sweep")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lantoa-bench-photos-") as folder:
        root = Path(folder)
        print(f"generating {args.n} photos 4000×3000 …", file=sys.stderr)
        sources = generate(root / "src", args.n)
        widths = tuple(int(w) for w in args.widths.split(",")) if args.widths else PhotoOptions().widths
        options = PhotoOptions(cache_dir=root / "cache", workers=args.workers, widths=widths)
        requests = [PhotoRequest(s, "bench/index.md", None) for s in sources]
        photos, pillow_rate = cold(requests, options)
        cpu_per_photo(requests[:4], PhotoOptions(cache_dir=root / "cache-inline", workers=1, widths=widths))
        warm(requests, options)
        warm_many(requests, options, root, args.warm_n)
        sizes(photos)
        if not args.no_sweep:
            sweep(sources[:4])
        vips(sources, photos, options, root, args.workers, pillow_rate)
    return 0


def generate(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True)
    bases = [synthetic_photo(seed) for seed in range(min(count, 4))]
    paths = []
    for index in range(count):
        image = bases[index % len(bases)].copy()
        rng = random.Random(index)
        ImageDraw.Draw(image).rectangle((rng.randrange(3800), rng.randrange(2800), 4000, 3000),
                                        outline=tuple(rng.randrange(256) for _ in range(3)), width=9)
        path = folder / f"IMG_{index:05d}.jpg"
        image.save(path, quality=92, exif=phone_exif())
        paths.append(path)
    return paths


def synthetic_photo(seed: int, width: int = 4000, height: int = 3000) -> Image.Image:
    """Smooth colour fields, mid and fine texture, shapes, sensor grain: 3–5 MB as a q92 JPEG."""
    rng = random.Random(seed)

    def channel():
        out = None
        for cells, weight in ((5, 1.0), (48, 0.55), (width // 6, 0.35)):
            small = Image.effect_noise((cells, max(2, cells * height // width)), 60)
            big = small.resize((width, height), Image.Resampling.BICUBIC)
            out = big if out is None else Image.blend(out, big, weight / (1 + weight))
        return ImageOps.autocontrast(out, cutoff=1)

    image = Image.merge("RGB", [channel() for _ in range(3)])
    draw = ImageDraw.Draw(image)
    for _ in range(30):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(width // 40, width // 6)
        shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
        shape((x - r, y - r // 2, x + r, y + r // 2), fill=tuple(rng.randrange(256) for _ in range(3)))
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    grain = Image.merge("RGB", [Image.effect_noise((width, height), 6)] * 3)
    return Image.blend(image, grain, 0.08)


def phone_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112], exif[0x010F] = 1, "BenchPhone"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (10.0, 57.0, 25.0), "E", (106.0, 50.0, 3.0)
    return exif


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def cold(requests, options):
    started = time.perf_counter()
    photos, diagnostics = process(requests, options, progress=False)
    wall = time.perf_counter() - started
    assert not [d for d in diagnostics if d.is_error], diagnostics
    workers = options.workers or os.cpu_count()
    rate = len(requests) / wall
    print(f"cold: {len(requests)} photos in {wall:.1f} s on {workers} workers = {rate:.2f} photos/s "
          f"(goal ≥ 3 on 2 cores), {len(photos[requests[0].source].renditions)} renditions each")
    return photos, rate


def cpu_per_photo(requests, options):
    """In this process (workers=1 runs inline), where getrusage sees the CPU the pool workers hide."""
    cpu = cpu_seconds()
    process(requests, options, progress=False)
    print(f"cold: {(cpu_seconds() - cpu) / len(requests):.2f} CPU s per photo (inline, {len(requests)} photos)")


def warm(requests, options):
    started = time.perf_counter()
    process(requests, options, progress=False)
    wall = time.perf_counter() - started
    print(f"warm: {len(requests)} unchanged photos in {wall * 1000:.1f} ms = {wall / len(requests) * 1e6:.0f} ms per 1,000")


def warm_many(requests, options, root: Path, count: int):
    """`count` unchanged photos: hard links to the generated ones, entered in the manifest as if built."""
    links = root / "links"
    links.mkdir()
    manifest = Manifest.load(options)
    template = [manifest.get(str(r.source), _stat(r.source)) for r in requests]
    many = []
    for index in range(count):
        link = links / f"{index:05d}.jpg"
        os.link(requests[index % len(requests)].source, link)
        outcome = template[index % len(template)]
        manifest.put(Outcome(str(link), _stat(link), outcome.width, outcome.height, outcome.renditions))
        many.append(PhotoRequest(link, "bench/index.md", None))
    manifest.save()
    started = time.perf_counter()
    photos, _ = process(many, options, progress=False)
    wall = time.perf_counter() - started
    assert len(photos) == count
    print(f"warm: {count} unchanged photos add {wall:.2f} s to a build (goal ≤ 2 s)")


def _stat(path: Path) -> tuple[int, int]:
    stat = os.stat(path)
    return stat.st_size, stat.st_mtime_ns


def sizes(photos):
    by_kind: dict[tuple[str, int], list[int]] = {}
    for photo in photos.values():
        for r in photo.renditions:
            by_kind.setdefault((r.format, r.width), []).append(r.bytes)
    every = [b for values in by_kind.values() for b in values]
    print(f"bytes: average per rendition {statistics.mean(every) / 1024:.0f} KB; " + ", ".join(
        f"{fmt} {width}: {statistics.mean(v) / 1024:.0f} KB" for (fmt, width), v in sorted(by_kind.items())))
    width, ratio, margins = PHONE
    needed = (width - margins) * ratio
    webp = {w: statistics.mean(v) for (fmt, w), v in by_kind.items() if fmt == "webp"}
    chosen = min((w for w in webp if w >= needed), default=max(webp))
    print(f"phone {width} px at DPR {ratio}: slot {width - margins} px needs {needed:.0f} px → Chromium takes the "
          f"{chosen} px WebP, {webp[chosen] / 1024:.0f} KB for the cover above the fold (goal ≤ 150 KB)")


def sweep(sources):
    """Encode the 1600 and 960 px frames with candidate settings: KB and ms per encode."""
    frames = []
    for source in sources:
        with Image.open(source) as image:
            image.draft("RGB", (1600, 1200))
            large = image.convert("RGB").resize((1600, 1200), Image.Resampling.LANCZOS)
        frames += [large, large.resize((960, 720), Image.Resampling.LANCZOS)]
    candidates = [("WEBP", {"quality": q, "method": m}) for q in (70, 75, 80) for m in (2, 4, 6)]
    candidates += [("JPEG", {"quality": q, "optimize": True, "progressive": p}) for q in (75, 80, 85) for p in (False, True)]
    print("sweep (1600 and 960 px frames; KB is the mean per frame, ms the CPU per encode):")
    for fmt, params in candidates:
        total_bytes, started = 0, time.process_time()
        for frame in frames:
            buffer = io.BytesIO()
            frame.save(buffer, fmt, **params)
            total_bytes += buffer.tell()
        elapsed = (time.process_time() - started) / len(frames)
        label = " ".join(f"{k}={v}" for k, v in params.items() if k != "optimize")
        print(f"  {fmt.lower():4} {label:28} {total_bytes / len(frames) / 1024:7.1f} KB {elapsed * 1000:7.1f} ms")


def vips(sources, photos, options, root: Path, workers, pillow_rate: float):
    tool = shutil.which("vipsthumbnail")
    if not tool:
        print("vipsthumbnail: not installed, comparison skipped (apt-get install libvips-tools)")
        return
    out = root / "vips"
    out.mkdir()
    jobs = [(s, w, fmt) for s in sources for w in options.widths for fmt in options.formats]
    saver = {"webp": f"[Q={options.webp_quality},effort={options.webp_method},strip]",
             "jpeg": f"[Q={options.jpeg_quality},optimize_coding,interlace,strip]"}

    def one(job):
        source, width, fmt = job
        target = out / f"{source.stem}-{width}.{'jpg' if fmt == 'jpeg' else fmt}"
        subprocess.run([tool, str(source), "--size", f"{width}x", "-o", f"{target}{saver[fmt]}"], check=True)
        return target

    started, cpu = time.perf_counter(), cpu_seconds()
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count()) as pool:
        made = list(pool.map(one, jobs))
    wall, used = time.perf_counter() - started, cpu_seconds() - cpu
    ours = sum(r.bytes for p in photos.values() for r in p.renditions)
    theirs = sum(p.stat().st_size for p in made)
    leaking = sum(1 for p in made if b"Exif" in p.read_bytes() or b"GPS" in p.read_bytes())
    rate = len(sources) / wall
    print(f"vipsthumbnail (one call per rendition, same settings): {rate:.2f} photos/s, "
          f"{used / len(sources):.2f} CPU s per photo; Pillow/vips speed ratio {pillow_rate / rate:.2f}, "
          f"vips/Pillow bytes ratio {theirs / ours:.2f}; {leaking} of {len(made)} vips outputs carry EXIF/GPS "
          f"despite strip")
