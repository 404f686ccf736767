"""Drawing one card: the text panel in the accent colour, beside the photo or a pattern.

A card without a photo is a designed card: its background (panel and pattern) is
drawn and encoded once per colour and variant, and each card encodes only the bands
of rows that carry its text.
"""
from __future__ import annotations

import dataclasses
import hashlib
import random
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from PIL import Image, ImageColor, ImageDraw

from lantoa.text import nfc

from . import bands as kept_bands, layout
from .jpeg import MCU, encode, encode_with_restarts, splice, spliced, split_intervals
from .layout import Piece, text_pieces
from .model import HEIGHT, MAX_BYTES, PANEL_W, WIDTH, CardSpec
from .photo import photo_panel

BRAND = "#A3195B"  # Women's Union rose
PATTERN_VARIANTS = 16  # designed cards: drawn once per process and colour, picked by the title
PATTERN_LEFT = PANEL_W - 240  # the circles reach this far into the text panel
_BANDS = kept_bands.Bands()  # this process's (bands.py)
PLAIN = kept_bands.Bands()  # `_render_designed(kept=PLAIN)`: whole bands, as `jpeg.splice` codes them (never filled)


def check_accent(value: str | None) -> bool:
    """True when `value` is None or a colour Pillow understands ("#1565C0", "teal")."""
    if value is None:
        return True
    try:
        ImageColor.getrgb(value)
    except ValueError:
        return False
    return True


def render(spec: CardSpec) -> bytes:
    """The card as JPEG bytes (no EXIF, no ICC profile: plain sRGB), at most MAX_BYTES."""
    panel = _panel_colour(spec.accent)
    photo = photo_panel(spec.photo, (WIDTH - PANEL_W, HEIGHT)) if spec.photo else None
    if photo is None:
        return _render_designed(spec, panel, _pattern_variant(spec.title))
    canvas = Image.new("RGB", (WIDTH, HEIGHT), panel)
    canvas.paste(photo, (PANEL_W, 0))
    _draw_text(canvas, text_pieces(spec))
    return encode(canvas)


def _render_designed(spec: CardSpec, panel: tuple[int, int, int], variant: int,
                     kept: kept_bands.Bands | None = None) -> bytes:
    """Only the bands of rows of the text panel that carry text are drawn and encoded; the
    rest of the card is the background's, already encoded (see `_Background`). With `kept`
    (the process's `_BANDS` unless told), only as wide as their text and only those no card
    showed before (bands.py)."""
    kept = _BANDS if kept is None else kept
    background = _background(panel, variant)
    pieces = text_pieces(spec)
    bands = [(top, bottom, [p for p in pieces if top <= p[2] < bottom]) for top, bottom in _ink_bands(pieces)]
    if kept is not PLAIN and kept_bands.keyable(bands):
        coded = kept.intervals(bands, panel, (panel, variant), PATTERN_LEFT,
                               lambda top, bottom, width, on: _band(background, top, bottom, on, panel, width))
        data = spliced(background.header, background.intervals, coded)
    else:
        data = splice(background.header, background.intervals,
                      [(top, _band(background, top, bottom, on, panel)) for top, bottom, on in bands])
    if len(data) <= MAX_BYTES:
        return data
    canvas = Image.new("RGB", (WIDTH, HEIGHT), panel)
    canvas.paste(_pattern(panel, variant), (PATTERN_LEFT, 0))
    for top, bottom, on in bands:
        canvas.paste(_band(background, top, bottom, on, panel), (0, top))
    return encode(canvas)


def _band(background: _Background, top: int, bottom: int, pieces: list[Piece], panel: tuple[int, int, int],
          width: int = PANEL_W) -> Image.Image:
    band = background.band(top, bottom, width)
    _draw_text(band, pieces, top)
    return band


def _draw_text(canvas: Image.Image, pieces: list[Piece], top: int = 0) -> None:
    """The pieces onto `canvas`, whose first row is the card's row `top`, each blended through its
    mask. (Pasting words blended in advance on the panel's colour, kept 256 at a time, was slower
    once the bands cards share were no longer drawn: title words missed that cache one time in two.)"""
    for mask, x, y, fill, _ in pieces:
        canvas.paste(fill, (x, y - top), mask)


def _ink_bands(pieces: list[Piece]) -> list[tuple[int, int]]:
    """(top, bottom) of the bands of rows of squares that pieces touch; bands one free row
    apart are joined (encoding a band costs about as much as a row)."""
    touched = set()
    for mask, _, y, _, _ in pieces:
        touched.update(range(y // MCU, (y + mask.height - 1) // MCU + 1))
    bands: list[list[int]] = []
    for row in sorted(touched):
        if bands and row <= bands[-1][1] + 1:
            bands[-1][1] = row
        else:
            bands.append([row, row])
    return [(first * MCU, min(HEIGHT, (last + 1) * MCU)) for first, last in bands]


def _panel_colour(accent: str | None) -> tuple[int, int, int]:
    """The accent (or brand) colour, darkened until white text on it reads (contrast ≥ 4.5)."""
    red, green, blue = ImageColor.getrgb(accent or BRAND)[:3]
    while _contrast_with_white((red, green, blue)) < 4.5:
        red, green, blue = (int(channel * 0.9) for channel in (red, green, blue))
    return red, green, blue


def _contrast_with_white(rgb: tuple[int, int, int]) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    luminance = 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2])
    return 1.05 / (luminance + 0.05)


def _pattern_variant(title: str) -> int:
    """Which pattern a designed card gets: from its title, so that neighbouring cards differ."""
    return hashlib.sha256(nfc(title).encode()).digest()[0] % PATTERN_VARIANTS


@dataclasses.dataclass(frozen=True)
class _Background:
    """A designed card without its text, and its JPEG cut at the restart markers: with a
    restart every RESTART_BLOCKS squares, each interval is coded on its own, so a card is
    this JPEG with the intervals of its text rows replaced by those of the same rows with text."""
    colour: tuple[int, int, int]  # the panel's
    edge: Image.Image  # the text panel's columns from PATTERN_LEFT on, where the pattern reaches in
    header: bytes  # up to the scan's first coded byte
    intervals: tuple[bytes, ...]  # each coded interval, without its marker

    def band(self, top: int, bottom: int, width: int = PANEL_W) -> Image.Image:
        """Rows top..bottom of the text panel, its left `width` columns, to draw text on. Left of
        PATTERN_LEFT the panel is its colour alone: only the edge is kept (the whole panel,
        kept for each colour and variant, held 1.6 MB more of the card worker apiece)."""
        band = Image.new("RGB", (width, bottom - top), self.colour)
        if width > PATTERN_LEFT:
            band.paste(self.edge.crop((0, top, width - PATTERN_LEFT, bottom)), (PATTERN_LEFT, 0))
        return band


@lru_cache(maxsize=3 * PATTERN_VARIANTS)
def _background(panel: tuple[int, int, int], variant: int) -> _Background:
    image = Image.new("RGB", (WIDTH, HEIGHT), panel)
    image.paste(_pattern(panel, variant), (PATTERN_LEFT, 0))
    header, intervals = split_intervals(encode_with_restarts(image))
    edge = image.crop((PATTERN_LEFT, 0, PANEL_W, HEIGHT))
    return _Background(panel, edge, header, tuple(intervals))


def prepare(accents: Iterable[str | None]) -> None:
    """The backgrounds of every pattern in the panel colours of `accents` (the most used ones, as
    many colours as `_background` keeps; the most used drawn last, so kept longest), drawn now:
    0.2 s a colour. Serve's process draws a save's
    card or two itself, and the first in each colour and pattern drew its background then: 12 ms of
    the save (at 10,000 stories the full build's cards are all drawn in the pool)."""
    used: Counter = Counter()
    for accent, count in Counter(accents).items():
        used[_panel_colour(accent)] += count
    for panel, _ in reversed(used.most_common(_background.cache_info().maxsize // PATTERN_VARIANTS)):
        for variant in range(PATTERN_VARIANTS):
            _background(panel, variant)


def _pattern(panel: tuple[int, int, int], variant: int) -> Image.Image:
    """The right part of a card without a photo, from `PATTERN_LEFT` on: overlapping
    translucent circles and a dot grid, placed by `variant`."""
    canvas = Image.new("RGB", (WIDTH, HEIGHT), panel)
    rng = random.Random(variant)
    layer = Image.new("RGBA", canvas.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    light = tuple(min(255, c + 90) for c in panel)
    dark = tuple(int(c * 0.6) for c in panel)
    for index in range(5):
        radius = rng.randint(120, 300)
        x, y = rng.randint(PANEL_W + 60, WIDTH + 40), rng.randint(-60, HEIGHT + 60)
        colour = light if index % 2 == 0 else dark
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(*colour, 90))
    draw.ellipse((PANEL_W + 150, 165, PANEL_W + 450, 465), outline=(255, 255, 255, 200), width=10)
    for gx in range(PANEL_W + 40, WIDTH, 36):
        for gy in range(36, HEIGHT, 36):
            draw.ellipse((gx - 2, gy - 2, gx + 2, gy + 2), fill=(255, 255, 255, 70))
    drawn = Image.alpha_composite(canvas.convert("RGBA"), layer).convert("RGB")
    return drawn.crop((PATTERN_LEFT, 0, WIDTH, HEIGHT))


def clear_caches() -> None:
    """Free the patterns and glyphs that drawing kept (the build goes on in this process)."""
    _background.cache_clear()
    _BANDS.clear()
    layout.clear_caches()
