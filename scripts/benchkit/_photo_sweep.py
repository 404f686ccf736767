"""The encoder sweep of `scripts/bench photos`: every format and setting tried, at every candidate
width, on frames made exactly as the pipeline makes them (decoded, upright, sRGB, each width from
the next larger). For each: bytes, CPU per encode, and SSIM against the frame it encoded (the
luma channel, scikit-image's `structural_similarity`, the encoded file read back by Pillow).
Then the width sets: bytes per photo (every rendition of the primary format and the fallback),
bytes above the fold on a 412 px phone at DPR 2.6, CPU per photo. A "_" module is not a subcommand."""
from __future__ import annotations

import io
import statistics
import time
from dataclasses import dataclass

import numpy
from PIL import Image
from skimage.metrics import structural_similarity

from lantoa.photos.render import _decode, _open, _resize, plan

WIDTHS = (480, 800, 960, 1000, 1200, 1600)
WIDTH_SETS = ((480, 960, 1600), (480, 960, 1200, 1600), (480, 1200), (480, 960, 1200), (480, 1000, 1200))
FALLBACKS = ("every width", (960,), (800,))
PHONE = (412, 2.6, 32)  # CSS width, device pixel ratio, Material's side margins (px)
JPEG = {"optimize": True, "progressive": True, "subsampling": "4:2:0"}
SETTINGS = [  # (format, label, Pillow's save parameters)
    ("jpeg", "q80 progressive (today's fallback)", dict(JPEG, quality=80)),
    ("jpeg", "q75 progressive", dict(JPEG, quality=75)),
    ("jpeg", "q70 progressive", dict(JPEG, quality=70)),
    ("webp", "q75 method 4 (today's first source)", {"quality": 75, "method": 4}),
    ("avif", "q50 speed 8", {"quality": 50, "speed": 8, "max_threads": 1}),
    ("avif", "q55 speed 8", {"quality": 55, "speed": 8, "max_threads": 1}),
    ("avif", "q60 speed 8", {"quality": 60, "speed": 8, "max_threads": 1}),
    ("avif", "q62 speed 8", {"quality": 62, "speed": 8, "max_threads": 1}),
    ("avif", "q65 speed 8", {"quality": 65, "speed": 8, "max_threads": 1}),
    ("avif", "q60 speed 6", {"quality": 60, "speed": 6, "max_threads": 1}),
    ("avif", "q60 speed 9", {"quality": 60, "speed": 9, "max_threads": 1}),
]


@dataclass
class Cell:
    """One setting at one width, over the sample photos."""
    bytes: list[float]
    cpu: list[float]
    ssim: list[float]


def frames(source) -> tuple[dict[int, Image.Image], float]:
    """The pipeline's frames of one photo at every candidate width, and the CPU they cost."""
    started = time.process_time()
    image = _open(source.read_bytes())
    sizes = plan(*image.size, WIDTHS)  # the samples are upright: no orientation to apply
    previous = _decode(image, sizes[-1])
    made = {}
    for width, height in reversed(sizes):
        previous = _resize(previous, (width, height))
        made[width] = previous
    return made, time.process_time() - started


def luma(image: Image.Image) -> numpy.ndarray:
    return numpy.asarray(image.convert("L"), dtype=numpy.float32)


def run(sources) -> tuple[dict[tuple[int, int], Cell], float]:
    """Every setting × width on every sample; returns the cells and the frames' CPU per photo."""
    cells: dict[tuple[int, int], Cell] = {}
    frame_cpu = []
    for source in sources:
        made, cpu = frames(source)
        frame_cpu.append(cpu)
        for width, frame in made.items():
            reference = luma(frame)
            for index, (fmt, _, params) in enumerate(SETTINGS):
                buffer = io.BytesIO()
                started = time.process_time()
                frame.save(buffer, fmt.upper(), **params)
                elapsed = time.process_time() - started
                with Image.open(io.BytesIO(buffer.getvalue())) as back:
                    score = structural_similarity(reference, luma(back), data_range=255)
                cell = cells.setdefault((index, width), Cell([], [], []))
                cell.bytes.append(buffer.tell())
                cell.cpu.append(elapsed)
                cell.ssim.append(score)
    return cells, statistics.mean(frame_cpu)


def chromium_pick(widths, slot: float, ratio: float) -> int:
    """The width Chromium takes from a `srcset` of width descriptors: the smallest whose density
    (width / slot) reaches the device's pixel ratio (checked in Chromium by `scripts/bench photos`)."""
    return min((w for w in widths if w / slot >= ratio), default=max(widths))


def report(cells, frame_cpu: float, primary: int, fallback: int) -> None:
    print("\nsweep: mean KB per rendition / SSIM (luma) against the frame encoded / CPU ms per encode")
    print(f"  {'setting':44}" + "".join(f"{w:>22}" for w in WIDTHS))
    for index, (fmt, label, _) in enumerate(SETTINGS):
        row = "".join(f"{_kb(cells[index, w]):>7.0f} KB {_ssim(cells[index, w]):.3f} {_ms(cells[index, w]):>4.0f}"
                      for w in WIDTHS)
        print(f"  {fmt + ' ' + label:44}{row}")
    slot, ratio = PHONE[0] - PHONE[2], PHONE[1]
    print(f"\nper photo: '{_name(primary)}' at each width set in a <source>, '{_name(fallback)}' as the fallback "
          f"<img> at every width or at one; above the fold = the {_name(primary)} rendition Chromium takes on a "
          f"{PHONE[0]} px phone at DPR {ratio} (slot {slot} px: the smallest ≥ {slot * ratio:.0f} px); "
          f"CPU = decode and resize ({frame_cpu * 1000:.0f} ms) + every encode")
    for widths in WIDTH_SETS:
        alone = sum(_kb(cells[primary, w]) for w in widths)
        cover = chromium_pick(widths, slot, ratio)
        parts = []
        for option in FALLBACKS:
            fallback_widths = widths if option == "every width" else option
            both = alone + sum(_kb(cells[fallback, w]) for w in fallback_widths)
            cpu = frame_cpu + sum(_ms(cells[primary, w]) for w in widths) / 1000 + sum(
                _ms(cells[fallback, w]) for w in fallback_widths) / 1000
            label = "at every width" if option == "every width" else f"at {option[0]}"
            parts.append(f"fallback {label}: {both:4.0f} KB, {cpu:.2f} CPU s ({2 / cpu:.1f} photos/s on 2 cores)")
        print(f"  {str(widths):22} {alone:4.0f} KB {_name(primary)}; above the fold {_kb(cells[primary, cover]):3.0f} KB "
              f"at {cover} px; " + "; ".join(parts))
    print("  goals: ≤ 350 KB per photo, ≤ 150 KB above the fold, ≥ 3 photos/s on 2 cores")


def index_of(fmt: str, quality: int, speed: int | None = None) -> int:
    for index, (f, _, params) in enumerate(SETTINGS):
        if f == fmt and params["quality"] == quality and (speed is None or params.get("speed") == speed):
            return index
    raise KeyError((fmt, quality, speed))


def _name(index: int) -> str:
    return f"{SETTINGS[index][0]} {SETTINGS[index][1].split(' (')[0]}"


def _kb(cell: Cell) -> float:
    return statistics.mean(cell.bytes) / 1024


def _ssim(cell: Cell) -> float:
    return statistics.mean(cell.ssim)


def _ms(cell: Cell) -> float:
    return statistics.mean(cell.cpu) * 1000
