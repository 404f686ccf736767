"""`scripts/bench photos [-n N]`: the photo pipeline on N generated phone photos (4000×3000 and
4032×3024, fine detail and sensor noise: see _phone_photos.py).

Prints cold photos/s and CPU s per photo with the default options, warm overhead (and for 10,000
unchanged photos), bytes per photo (every rendition) and per rendition, the cover a 412 px DPR-2.6
phone downloads, whether any output carries metadata (every file read back, AVIF included), the
share of readers whose browser shows WebP but not AVIF (caniuse-lite's usage data, installed into
.cache/bench/ with npm), then the encoder sweep (_photo_sweep.py: every format and setting tried,
bytes, CPU and SSIM, and the width sets against the goals). Synthetic photos compress differently
from real ones: bytes are indicative; the ratios between settings are what the choice rests on.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PIL import Image

from lantoa.photos import PhotoOptions, PhotoRequest, process
from lantoa.photos.manifest import Manifest
from lantoa.photos.render import Outcome, rendition_dir

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchkit import _photo_sweep as sweep_kit  # noqa: E402
from benchkit._phone_photos import write_phone_photo  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
PHONE = sweep_kit.PHONE
CANIUSE = "caniuse-lite@1.0.30001826"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench photos", description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=12, help="generated photos (default 12)")
    parser.add_argument("--warm-n", type=int, default=10_000, help="unchanged photos for the warm figure")
    parser.add_argument("--workers", type=int, default=None, help="process pool size (default: all cores)")
    parser.add_argument("--widths", default=None, help="rendition widths, comma-separated (default: the options')")
    parser.add_argument("--formats", default=None, help="formats, comma-separated (default: the options')")
    parser.add_argument("--sweep-n", type=int, default=4, help="photos in the encoder sweep (default 4)")
    parser.add_argument("--no-sweep", action="store_true", help="skip the encoder-setting sweep")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lantoa-bench-photos-") as folder:
        root = Path(folder)
        print(f"generating {args.n} phone photos (4000×3000 and 4032×3024) …", file=sys.stderr)
        sources = generate(root / "src", args.n)
        mean_mb = statistics.mean(p.stat().st_size for p in sources) / 1e6
        print(f"sources: {args.n} JPEGs q92 with EXIF and GPS, {mean_mb:.1f} MB on average")
        defaults = PhotoOptions()
        widths = tuple(int(w) for w in args.widths.split(",")) if args.widths else defaults.widths
        formats = tuple(args.formats.split(",")) if args.formats else defaults.formats
        options = PhotoOptions(cache_dir=root / "cache", workers=args.workers, widths=widths, formats=formats)
        print(f"options: widths {widths}, formats {formats} ({', '.join(options.encoder(f) for f in formats)})")
        requests = [PhotoRequest(s, "bench/index.md", None) for s in sources]
        photos, pillow_rate = cold(requests, options)
        cpu_per_photo(requests[:4], PhotoOptions(cache_dir=root / "cache-inline", workers=1, widths=widths,
                                                  formats=formats))
        warm(requests, options)
        warm_many(requests, options, root, args.warm_n)
        sizes(photos)
        chromium(photos, options, root)
        metadata(options)
        browsers()
        if not args.no_sweep:
            cells, frame_cpu = sweep_kit.run(sources[: args.sweep_n])
            primary = sweep_kit.index_of("avif", options.avif_quality, options.avif_speed)
            fallback = sweep_kit.index_of("jpeg", options.jpeg_quality)
            sweep_kit.report(cells, frame_cpu, primary, fallback)
        vips(sources, photos, options, root, args.workers, pillow_rate)
    return 0


def generate(folder: Path, count: int) -> list[Path]:
    """Photos with seeds 0…count-1: even seeds 4000×3000, odd 4032×3024."""
    paths = []
    for index in range(count):
        path = folder / f"IMG_{index:05d}.jpg"
        write_phone_photo(path, index)
        paths.append(path)
    return paths


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
    per_photo = statistics.mean(sum(r.bytes for r in p.renditions) for p in photos.values())
    print(f"bytes: {per_photo / 1024:.0f} KB per photo, every rendition (goal ≤ 350 KB); " + ", ".join(
        f"{fmt} {width}: {statistics.mean(v) / 1024:.0f} KB" for (fmt, width), v in sorted(by_kind.items())))
    width, ratio, margins = PHONE
    first = next(iter(photos.values())).alternative_formats or next(iter(photos.values())).formats
    means = {w: statistics.mean(v) for (fmt, w), v in by_kind.items() if fmt == first[0]}
    chosen = sweep_kit.chromium_pick(tuple(means), width - margins, ratio)
    print(f"phone {width} px at DPR {ratio}: slot {width - margins} px → the smallest ≥ {(width - margins) * ratio:.0f} px, the {chosen} px "
          f"{first[0].upper()}, {means[chosen] / 1024:.0f} KB for the cover above the fold (goal ≤ 150 KB)")


def chromium(photos, options, root: Path) -> None:
    """One photo's <picture> (the site's own partial) opened in Chromium as that phone: which file it
    takes and the bytes it transfers."""
    import functools
    import http.server
    import threading

    import jinja2
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("chromium: Playwright not installed, skipped")
        return
    photo = next(iter(photos.values()))
    www = root / "www"
    (www / "anh").mkdir(parents=True)
    for r in photo.renditions:
        shutil.copyfile(rendition_dir(options) / r.name, www / "anh" / r.name)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "plugins/lantoa/templates"))
    figure = env.get_template("lantoa/partials/picture.html").render(photo=photo, caption="Ảnh", credit="", eager=True)
    (www / "index.html").write_text(f'<!doctype html><html lang="vi"><meta name="viewport" content="width=device-width">'
                                    f'<style>body{{margin:0 16px}}img{{width:100%;height:auto}}</style>{figure}</html>')
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(www)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": PHONE[0], "height": 915}, device_scale_factor=PHONE[1])
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/index.html", wait_until="load")
            chosen = page.evaluate("document.querySelector('img').currentSrc")
            size = (www / "anh" / chosen.rsplit("/", 1)[-1]).stat().st_size
            print(f"chromium at {PHONE[0]} px, DPR {PHONE[1]}: takes {chosen.rsplit('/', 1)[-1]} "
                  f"({size / 1024:.0f} KB) for the cover (goal ≤ 150 KB)")
            browser.close()
    except Exception as error:  # no Chromium on this machine: the rule above stands
        print(f"chromium: not run ({type(error).__name__}: {str(error)[:120]})")
    finally:
        server.shutdown()


def metadata(options) -> None:
    """Every rendition read back (AVIF by Pillow's own plugin), and its header bytes searched: EXIF,
    XMP, ICC, comments, the sources' GPS and maker tags."""
    leaking = []
    files = sorted(rendition_dir(options).iterdir())
    for path in files:
        data = path.read_bytes()
        with Image.open(path) as image:
            found = [k for k in ("exif", "xmp", "icc_profile", "comment", "XML:com.adobe.xmp") if image.info.get(k)]
            if image.getexif():
                found.append("exif tags")
        header = _header(data, path.suffix)
        found += [n.decode() for n in (b"Exif", b"GPS", b"BenchPhone", b"mime", b"prof", b"ICC_PROFILE") if n in header]
        if found:
            leaking.append(f"{path.name}: {', '.join(found)}")
    print(f"metadata: {len(leaking)} of {len(files)} outputs carry any (goal 0)" +
          ("".join(f"\n  {line}" for line in leaking[:10])))


def _header(data: bytes, suffix: str) -> bytes:
    """The bytes before the compressed pixels: a JPEG's segments before SOS, an AVIF's boxes before mdat."""
    if suffix == ".jpg":
        return data[: data.find(b"\xff\xda")]
    if suffix == ".avif":
        return data[: data.find(b"mdat")]
    return data[: data.find(b"VP8")]


def browsers() -> None:
    """Readers whose browser shows WebP but not AVIF: who would gain from keeping WebP."""
    folder = ROOT / ".cache" / "bench" / "caniuse"
    if not (folder / "node_modules" / "caniuse-lite").is_dir():
        try:
            subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", str(folder),
                            CANIUSE], check=True, capture_output=True, timeout=300)
        except (OSError, subprocess.SubprocessError):
            print("browsers: caniuse-lite could not be installed (npm), share not computed")
            return
    out = subprocess.run(["node", str(Path(__file__).with_name("browsers.js")), "VN"], capture_output=True,
                         text=True, cwd=folder, env=dict(os.environ, NODE_PATH=str(folder / "node_modules")))
    if out.returncode:
        print(f"browsers: {out.stderr.strip()[:200]}")
        return
    data = json.loads(out.stdout)
    for place in ("VN", "global"):
        share = data[place]
        print(f"browsers ({place}, caniuse-lite {data['version']}): AVIF {share['avif']:.1f} %, WebP but not AVIF "
              f"{share['webp_only']:.2f} %, neither {share['neither']:.2f} % of page views")


def vips(sources, photos, options, root: Path, workers, pillow_rate: float):
    tool = shutil.which("vipsthumbnail")
    if not tool:
        print("vipsthumbnail: not installed, comparison skipped (apt-get install libvips-tools)")
        return
    out = root / "vips"
    out.mkdir()
    jobs = [(s, w, fmt) for s in sources for w in options.widths for fmt in options.formats if fmt in ("webp", "jpeg")]
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
