"""Encoding a card as JPEG: at most MAX_BYTES, and spliced from an encoded background by its restart intervals."""
from __future__ import annotations

import io
import math
import re

from PIL import Image

from .model import HEIGHT, MAX_BYTES, PANEL_W, WIDTH

# q75 first: a card is shown 500 px wide or less (Facebook's feed, Zalo's chat), where its text's
# edges look as they did at q86; measured on 60 cards of the bench corpus, 87.8 → 66.8 KB a card
# (10,000 stories' cards 210 MB fewer) and 5.3 → 5.0 ms of CPU each.
QUALITIES = (75, 68, 60, 52, 45)
MCU = 16  # JPEG 4:2:0 codes the image in 16×16 squares
RESTART_BLOCKS = 5  # squares per restart interval: divides both the card's 75 columns and the panel's 40


def encode(canvas: Image.Image) -> bytes:
    for quality in QUALITIES:
        buffer = io.BytesIO()
        # Baseline, not progressive: crawlers fetch cards whole, and progressive costs 5 ms a card.
        canvas.save(buffer, "JPEG", quality=quality)
        if buffer.tell() <= MAX_BYTES:
            break
    return buffer.getvalue()


def encode_with_restarts(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=QUALITIES[0], restart_marker_blocks=RESTART_BLOCKS)
    return buffer.getvalue()


_RESTART = re.compile(rb"\xff[\xd0-\xd7]")  # coded data never holds these: its 0xFF bytes are followed by 0


def split_intervals(jpeg: bytes) -> tuple[bytes, list[bytes]]:
    """The header (up to the scan's data) and the coded intervals of a baseline JPEG with restarts."""
    scan = jpeg.index(b"\xff\xda")
    start = scan + 2 + int.from_bytes(jpeg[scan + 2:scan + 4], "big")
    return jpeg[:start], _RESTART.split(jpeg[start:-2])  # the last two bytes end the image


def splice(header: bytes, background: tuple[bytes, ...], bands: list[tuple[int, Image.Image]]) -> bytes:
    """A background's JPEG (its header and coded intervals) with the intervals of each band's
    rows (from its top, the left PANEL_W columns) taken from the band: the same bytes as
    encoding the whole card."""
    per_row, band_per_row = WIDTH // MCU // RESTART_BLOCKS, PANEL_W // MCU // RESTART_BLOCKS
    replaced = {}
    for top, band in bands:
        _, coded = split_intervals(encode_with_restarts(band))
        for row in range(len(coded) // band_per_row):
            start = (top // MCU + row) * per_row
            replaced.update(zip(range(start, start + band_per_row), coded[row * band_per_row:(row + 1) * band_per_row]))
    return spliced(header, background, replaced)


def spliced(header: bytes, background: tuple[bytes, ...], replaced: dict[int, bytes]) -> bytes:
    """The background's JPEG with the intervals numbered in `replaced` (left to right, top to bottom) replaced."""
    intervals = list(background)
    for number, data in replaced.items():
        intervals[number] = data
    parts = [b""] * (2 * len(intervals))
    parts[0::2] = intervals
    parts[1::2] = _ENDS
    return header + b"".join(parts)


# What follows each interval: the restart markers RST0…RST7 in turn, and the end of the image.
_ENDS = tuple(bytes((0xFF, 0xD0 + n % 8)) for n in range(math.ceil(HEIGHT / MCU) * WIDTH // MCU // RESTART_BLOCKS - 1))
_ENDS += (b"\xff\xd9",)
