"""Social cards: the 1200×630 JPEG a shared link previews with on Facebook and Zalo.

Drawn with Pillow from the Be Vietnam Pro font committed in `lantoa/fonts/`
(the build never downloads fonts). A card's file name is a digest of what it
shows, the photo bytes, the fonts and `LAYOUT_VERSION`: a changed card gets a
new URL (Facebook caches images by URL) and an unchanged one is never redrawn.
"""
from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import math
import os
import random
import re
import shutil
from functools import lru_cache
from pathlib import Path
from typing import Hashable, Mapping

from PIL import Image, ImageChops, ImageCms, ImageColor, ImageDraw, ImageFont, ImageOps, UnidentifiedImageError

from lantoa.shared import SharedChunks
from lantoa.text import nfc

__all__ = [
    "CardSpec", "Card", "CardJob", "TitleLayout", "draw_card", "draw_cards", "card_name", "render",
    "title_layout", "crop_box", "check_accent", "FONT_DIR", "WIDTH", "HEIGHT", "MAX_BYTES", "LAYOUT_VERSION",
]

LAYOUT_VERSION = "4"  # bump when the drawing or the encoding changes: every card gets a new URL
WIDTH, HEIGHT = 1200, 630
MAX_BYTES = 300_000
FONT_DIR = Path(__file__).resolve().parent / "fonts"
BOLD = FONT_DIR / "BeVietnamPro-Bold.ttf"
REGULAR = FONT_DIR / "BeVietnamPro-Regular.ttf"

BRAND = "#A3195B"  # Women's Union rose
WHITE = (255, 255, 255)
SOFT = (255, 222, 236)  # kicker and place, on the panel colour
PANEL_W = 640  # text panel; the photo (or the pattern) fills the rest
MARGIN = 64
TITLE_TOP, TITLE_BOTTOM = 128, HEIGHT - 156
TITLE_SIZES = range(64, 33, -2)
LINE_SPACING = 1.22
FACE_HEIGHT = 0.38  # portrait crops keep the band around 38 % from the top in view
QUALITIES = (86, 80, 74, 68, 60, 52, 45)
CHUNK = 24  # cards per pool task
WORKER_NICENESS = 10
POOL_MINIMUM = 8  # fewer missing cards are drawn by `finish()` alone: starting a pool costs more
PATTERN_VARIANTS = 16  # designed cards: drawn once per process and colour, picked by the title
PATTERN_LEFT = PANEL_W - 240  # the circles reach this far into the text panel
ELLIPSIS = "…"
MCU = 16  # JPEG 4:2:0 codes the image in 16×16 squares
RESTART_BLOCKS = 5  # squares per restart interval: divides both the card's 75 columns and the panel's 40


@dataclasses.dataclass(frozen=True)
class CardSpec:
    title: str
    kicker: str  # "Gương điển hình", or the campaign's name
    place: str | None
    union_name: str
    photo: Path | None = None
    accent: str | None = None  # "#1565C0"; None: the brand rose
    photo_id: str | None = None  # what names the photo's content (its rendition names); None: hash the file


@dataclasses.dataclass(frozen=True)
class Card:
    url: str  # site-relative, no leading slash: "the-chia-se/3f…e1.jpg"
    path: Path
    bytes: int
    width: int = WIDTH
    height: int = HEIGHT
    mime: str = "image/jpeg"


@dataclasses.dataclass(frozen=True)
class TitleLayout:
    size: int
    lines: tuple[str, ...]
    left: int
    top: int
    line_height: int


def check_accent(value: str | None) -> bool:
    """True when `value` is None or a colour Pillow understands ("#1565C0", "teal")."""
    if value is None:
        return True
    try:
        ImageColor.getrgb(value)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------- naming

def card_name(spec: CardSpec) -> str:
    """`<digest>.jpg`: what the card shows, its photo, the fonts and the layout version."""
    parts = [
        LAYOUT_VERSION, nfc(spec.title), nfc(spec.kicker), nfc(spec.place or ""),
        nfc(spec.union_name), spec.accent or "", _photo_identity(spec),
        _font_digest(),
    ]
    digest = hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()
    return f"{digest[:20]}.jpg"


def _photo_identity(spec: CardSpec) -> str:
    if spec.photo is None:
        return ""
    return spec.photo_id or _file_digest(spec.photo)


def _file_digest(path: Path) -> str:
    hasher = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            hasher.update(block)
    return hasher.hexdigest()


@lru_cache(maxsize=1)
def _font_digest() -> str:
    return "".join(_file_digest(path)[:16] for path in (BOLD, REGULAR))


# ---------------------------------------------------------------- public API

def draw_card(spec: CardSpec, out_dir: Path, url_prefix: str = "the-chia-se") -> Card:
    """Write the card of `spec` into `out_dir` unless a file of that name is already there."""
    name = card_name(spec)
    path = Path(out_dir) / name
    if not path.exists():
        _write_atomically(path, render(spec))
    return Card(url=f"{url_prefix.strip('/')}/{name}", path=path, bytes=path.stat().st_size)


def draw_cards(
    specs: Mapping[Hashable, CardSpec], cache_dir: Path, out_dir: Path,
    workers: int | None = None, url_prefix: str = "the-chia-se",
) -> dict[Hashable, Card]:
    """Cards for many pages: drawn into `cache_dir` (kept between builds) in a process
    pool, then linked or copied into `out_dir`. Identical specs are drawn once."""
    return CardJob(specs, cache_dir, out_dir, url_prefix, workers).finish()


class CardJob:
    """Cards drawn in a background process pool while the pages render.

    Names (hence URLs) are known at once from the specs; `finish()` draws the chunks no
    worker has begun itself (`SharedChunks`), waits for the others, links the cards into
    `out_dir` and returns them."""

    def __init__(self, specs: Mapping[Hashable, CardSpec], cache_dir: Path, out_dir: Path,
                 url_prefix: str = "the-chia-se", workers: int | None = None):
        self.cache_dir, self.out_dir, self.prefix = Path(cache_dir), Path(out_dir), url_prefix.strip("/")
        self.names = {key: card_name(spec) for key, spec in specs.items()}
        missing = {}
        for key, name in self.names.items():
            if not (self.cache_dir / name).exists():
                missing.setdefault(name, specs[key])
        # One core stays with MkDocs, which renders pages meanwhile.
        workers = workers or max(1, (os.cpu_count() or 2) - 1)
        self.chunks = _chunks(list(missing.items()), workers)
        # Niced: the cards are wanted only at the end, the pages and their bodies first.
        self.shared = SharedChunks(_draw_chunk, self.chunks, (self.cache_dir,), workers, WORKER_NICENESS) \
            if len(missing) >= POOL_MINIMUM else None

    def cancel(self) -> None:
        """Stop drawing (a failed build); cards already drawn stay in the cache."""
        if self.shared:
            self.shared.close()

    def url(self, key: Hashable) -> str | None:
        name = self.names.get(key)
        return f"{self.prefix}/{name}" if name else None

    def finish(self) -> dict[Hashable, Card]:
        self._draw_rest()
        self.out_dir.mkdir(parents=True, exist_ok=True)
        cards = {}
        for key, name in self.names.items():
            target = self.out_dir / name
            if not target.exists():
                _link_or_copy(self.cache_dir / name, target)
            cards[key] = Card(url=f"{self.prefix}/{name}", path=target, bytes=target.stat().st_size)
        return cards

    def _draw_rest(self) -> None:
        try:
            for number, chunk in enumerate(self.chunks):
                if self.shared:
                    self.shared.result(number)
                else:
                    _draw_chunk(chunk, self.cache_dir)
        finally:
            if self.shared:
                self.shared.close()
            # The build goes on in this process: free the patterns and glyphs its drawing kept.
            _background.cache_clear()
            _text_mask.cache_clear()
            _one_line.cache_clear()
            _blended.cache_clear()


def _chunks(cards: list[tuple[str, CardSpec]], workers: int) -> list[tuple[tuple[str, CardSpec], ...]]:
    """(name, spec) pairs, at most CHUNK each (one task per card costs more than drawing it),
    and small enough that every worker and the main process get several."""
    size = max(1, min(CHUNK, math.ceil(len(cards) / (4 * (workers + 1)))))
    return [tuple(cards[start:start + size]) for start in range(0, len(cards), size)]


def _draw_chunk(cards: tuple[tuple[str, CardSpec], ...], cache_dir: Path) -> None:
    Path(cache_dir).mkdir(parents=True, exist_ok=True)
    for name, spec in cards:
        _write_atomically(Path(cache_dir) / name, render(spec))


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(source, target)


# ---------------------------------------------------------------- drawing

def render(spec: CardSpec) -> bytes:
    """The card as JPEG bytes (no EXIF, no ICC profile: plain sRGB), at most MAX_BYTES."""
    panel = _panel_colour(spec.accent)
    photo = _photo_panel(spec.photo, (WIDTH - PANEL_W, HEIGHT)) if spec.photo else None
    if photo is None:
        return _render_designed(spec, panel, _pattern_variant(spec.title))
    canvas = Image.new("RGB", (WIDTH, HEIGHT), panel)
    canvas.paste(photo, (PANEL_W, 0))
    _draw_text(canvas, _text_pieces(spec), panel)
    return _encode(canvas)


def _render_designed(spec: CardSpec, panel: tuple[int, int, int], variant: int) -> bytes:
    """Only the bands of rows of the text panel that carry text are drawn and encoded; the
    rest of the card is the background's, already encoded (see `_Background`)."""
    background = _background(panel, variant)
    pieces = _text_pieces(spec)
    bands = []
    for top, bottom in _ink_bands(pieces):
        band = background.panel.crop((0, top, PANEL_W, bottom))
        _draw_text(band, [p for p in pieces if top <= p[2] < bottom], panel, background.plain, top)
        bands.append((top, band))
    data = _splice(background, bands)
    if len(data) <= MAX_BYTES:
        return data
    canvas = Image.new("RGB", (WIDTH, HEIGHT), panel)
    canvas.paste(_pattern(panel, variant), (PATTERN_LEFT, 0))
    for top, band in bands:
        canvas.paste(band, (0, top))
    return _encode(canvas)


_Piece = tuple[Image.Image, int, int, tuple[int, int, int], tuple | None]  # mask, left, top, colour, `_text_mask` key
_RULE = (Image.new("L", (73, 4), 255), MARGIN, HEIGHT - 93, WHITE, None)  # the short line above the union's name


def _text_pieces(spec: CardSpec) -> list[_Piece]:
    """Every piece of text on the card, placed: kicker, the title word by word, place, union."""
    kicker = _one_line(nfc(spec.kicker).upper(), BOLD, 26)
    pieces = [_piece((MARGIN, 64), kicker, BOLD, 26, SOFT)]
    layout = title_layout(spec.title)
    for index, line in enumerate(layout.lines):
        pieces += _words(line, (layout.left, layout.top + index * layout.line_height), layout.size)
    if spec.place:
        place = _one_line(nfc(spec.place), REGULAR, 26)
        pieces.append(_piece((MARGIN, HEIGHT - 138), place, REGULAR, 26, SOFT))
    union = _one_line(nfc(spec.union_name), BOLD, 24)
    return pieces + [_RULE, _piece((MARGIN, HEIGHT - 72), union, BOLD, 24, WHITE)]


@lru_cache(maxsize=1024)
def _one_line(text: str, path: Path, size: int) -> str:
    """Kicker, place or union name as it fits the panel: cards share them."""
    return _fit_line(text, _font(path, size), PANEL_W - MARGIN - 48)


def _words(line: str, xy: tuple[int, int], size: int) -> list[_Piece]:
    """A title line word by word, each at its place in the shaped line: titles share most
    of their syllables, so most words come from the cache of `_text_mask`."""
    pieces, offset = [], 0.0
    for word in line.split(" "):
        pieces.append(_piece((xy[0] + round(offset), xy[1]), word, BOLD, size, WHITE))
        offset += _word_length(f"{word} ", size)
    return pieces


def _piece(xy: tuple[int, int], text: str, path: Path, size: int, fill: tuple[int, int, int]) -> _Piece:
    mask, left, top = _text_mask(text, path, size)
    return mask, xy[0] + left, xy[1] + top, fill, (text, path, size)


def _draw_text(canvas: Image.Image, pieces: list[_Piece], panel: tuple[int, int, int],
               plain: tuple[int, ...] | None = None, top: int = 0) -> None:
    """The pieces onto `canvas`, whose first row is the card's row `top`.
    `plain`: per row of squares, where the plain panel colour ends (None: all of PANEL_W).
    A piece on the plain panel that overlaps no other is pasted already blended: the
    same pixels as blending it through its mask, at a fraction of the cost."""
    drawn: list[tuple[int, int, int, int]] = []
    for mask, x, y, fill, key in pieces:
        box = (x, y - top, x + mask.width, y - top + mask.height)
        if key and _on_plain(box[2], y, y + mask.height, plain) and not any(
                a < box[2] and box[0] < c and b < box[3] and box[1] < d for a, b, c, d in drawn):
            canvas.paste(_blended(*key, fill, panel), box[:2])
        else:
            canvas.paste(fill, box[:2], mask)
        drawn.append(box)


def _on_plain(right: int, top: int, bottom: int, plain: tuple[int, ...] | None) -> bool:
    if plain is None:
        return right <= PANEL_W
    return right <= min(plain[max(0, top // MCU):max(1, -(-bottom // MCU))])


@lru_cache(maxsize=1024)
def _blended(text: str, path: Path, size: int, fill: tuple[int, int, int],
             panel: tuple[int, int, int]) -> Image.Image:
    mask = _text_mask(text, path, size)[0]
    image = Image.new("RGB", mask.size, panel)
    image.paste(fill, (0, 0), mask)
    return image


def _ink_bands(pieces: list[_Piece]) -> list[tuple[int, int]]:
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


@lru_cache(maxsize=4096)
def _text_mask(text: str, path: Path, size: int) -> tuple[Image.Image, int, int]:
    """`text` rasterised once as a coverage mask, with the offset of its ink from the pen."""
    font = _font(path, size)
    left, top, right, bottom = font.getbbox(text)
    mask = Image.new("L", (max(1, right - left), max(1, bottom - top)))
    ImageDraw.Draw(mask).text((-left, -top), text, font=font, fill=255)
    return mask, left, top


def title_layout(title: str) -> TitleLayout:
    """The largest size at which the title fits its box, wrapped between words; at the
    smallest size, the lines that fit with an ellipsis ending the last one."""
    width, height = PANEL_W - MARGIN - 48, TITLE_BOTTOM - TITLE_TOP
    words = nfc(title).split()
    for size in TITLE_SIZES:
        line_height = round(size * LINE_SPACING)
        if sum(_word_length(word, size) for word in words) > (height // line_height) * width:
            continue  # more lines than the box holds, whatever the wrapping
        lines = _wrap(words, size, width)
        if lines is not None and len(lines) * line_height <= height:
            return TitleLayout(size, tuple(lines), MARGIN, TITLE_TOP, line_height)
    size = TITLE_SIZES[-1]
    font = _font(BOLD, size)
    line_height = round(size * LINE_SPACING)
    lines = _wrap(words, size, width, force=True)
    keep = max(1, height // line_height)
    if len(lines) > keep:
        rest = " ".join(lines[keep - 1:])
        lines = lines[:keep - 1] + [_fit_line(rest, font, width, always_ellipsis=True)]
    return TitleLayout(size, tuple(lines), MARGIN, TITLE_TOP, line_height)


def _wrap(words: list[str], size: int, width: int, force: bool = False) -> list[str] | None:
    """Greedy word wrap of the title; None when a single word is wider than the box (unless
    forced, then that word alone is shortened with an ellipsis)."""
    lines: list[str] = []
    ends: list[float] = []  # each line's width with a space after it
    for word in words:
        if _word_length(word, size) > width:
            if not force:
                return None
            word = _shorten_word(word, _font(BOLD, size), width)
        if lines and ends[-1] + _word_length(word, size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
            ends[-1] += _word_length(f"{word} ", size)
        else:
            lines.append(word)
            ends.append(_word_length(f"{word} ", size))
    return lines


@lru_cache(maxsize=16384)
def _word_length(word: str, size: int) -> float:
    """Width of one word of the title: titles share most of their words. Be Vietnam Pro
    does not kern across spaces, so a line is as wide as its words and spaces added up."""
    return _font(BOLD, size).getlength(word)


def _fit_line(text: str, font, width: int, always_ellipsis: bool = False) -> str:
    """`text` if it fits on one line, else the most words that fit, then "…"."""
    text = " ".join(text.split())
    if not always_ellipsis and font.getlength(text) <= width:
        return text
    words = text.split()
    while words:
        candidate = " ".join(words).rstrip(",;:.–-") + ELLIPSIS
        if font.getlength(candidate) <= width:
            return candidate
        words.pop()
    return _shorten_word(text, font, width)


def _shorten_word(word: str, font, width: int) -> str:
    while word and font.getlength(word + ELLIPSIS) > width:
        word = word[:-1]
    return word + ELLIPSIS


@lru_cache(maxsize=64)
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


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
    panel: Image.Image  # the left PANEL_W columns, which the text is drawn on
    plain: tuple[int, ...]  # per row of squares, where the plain panel colour ends
    header: bytes  # up to the scan's first coded byte
    intervals: tuple[bytes, ...]  # each coded interval, without its marker


@lru_cache(maxsize=3 * PATTERN_VARIANTS)
def _background(panel: tuple[int, int, int], variant: int) -> _Background:
    image = Image.new("RGB", (WIDTH, HEIGHT), panel)
    image.paste(_pattern(panel, variant), (PATTERN_LEFT, 0))
    header, intervals = _intervals(_encode_with_restarts(image))
    left = image.crop((0, 0, PANEL_W, HEIGHT))
    return _Background(left, _plain_extent(left, panel), header, tuple(intervals))


def _plain_extent(image: Image.Image, colour: tuple[int, int, int]) -> tuple[int, ...]:
    """Per row of squares of `image`, the first column not of `colour` (the width if none)."""
    ends = []
    for top in range(0, image.height, MCU):
        rows = image.crop((0, top, image.width, min(image.height, top + MCU)))
        ink = ImageChops.difference(rows, Image.new("RGB", rows.size, colour)).getbbox()
        ends.append(ink[0] if ink else image.width)
    return tuple(ends)


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


# ---------------------------------------------------------------- the photo

def _photo_panel(path: Path, box: tuple[int, int]) -> Image.Image | None:
    """The photo upright, cropped to fill `box`, in sRGB without alpha; None when Pillow
    cannot read it (the photo checks report that; the card falls back to the designed layout)."""
    _register_heif()
    try:
        with Image.open(path) as image:
            if image.format == "JPEG":
                image.draft("RGB", _draft_size(image, box))
            profile = image.info.get("icc_profile")
            upright = _flatten(ImageOps.exif_transpose(image))
        if upright.mode not in ("RGB", "CMYK"):
            profile, upright = None, upright.convert("RGB")
        return _to_srgb(_cover(upright, box), profile)
    except (UnidentifiedImageError, OSError, ValueError):
        return None


def _draft_size(image: Image.Image, box: tuple[int, int]) -> tuple[int, int]:
    """The smallest decoded size whose crop still covers `box` pixel for pixel: a JPEG
    decodes at 1/2, 1/4 or 1/8 of its size much faster than in full."""
    if image.getexif().get(0x0112, 1) in (5, 6, 7, 8):  # stored turned by 90°
        box = (box[1], box[0])
    left, top, right, bottom = crop_box(image.size, box)
    scale = min((right - left) / box[0], (bottom - top) / box[1])
    return math.ceil(image.width / scale), math.ceil(image.height / scale)


@lru_cache(maxsize=1)
def _register_heif() -> None:
    from pillow_heif import register_heif_opener
    register_heif_opener()


_SRGB = ImageCms.createProfile("sRGB")


def _flatten(image: Image.Image) -> Image.Image:
    """Transparent parts onto white."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        image = Image.new("RGB", rgba.size, WHITE)
        image.paste(rgba, mask=rgba.getchannel("A"))
    return image


def _to_srgb(image: Image.Image, profile: bytes | None) -> Image.Image:
    if profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            return ImageCms.profileToProfile(image, source, _SRGB, outputMode="RGB")
        except ImageCms.PyCMSError:
            pass  # a broken embedded profile: the pixels are used as they are
    return image.convert("RGB")


def _cover(image: Image.Image, box: tuple[int, int]) -> Image.Image:
    """Scale and crop to fill `box`; tall photos keep their upper-middle part."""
    return image.crop(crop_box(image.size, box)).resize(box, Image.Resampling.LANCZOS, reducing_gap=3.0)


def crop_box(size: tuple[int, int], box: tuple[int, int]) -> tuple[int, int, int, int]:
    """The part of an image of `size` that, scaled, fills `box` (pure arithmetic)."""
    width, height = size
    target = box[0] / box[1]
    if width / height > target:  # wider than the box: keep the centre
        crop_w = round(height * target)
        left = (width - crop_w) // 2
        return left, 0, left + crop_w, height
    crop_h = round(width / target)
    top = round(FACE_HEIGHT * height - crop_h / 2)
    top = max(0, min(top, height - crop_h))
    return 0, top, width, top + crop_h


def _encode(canvas: Image.Image) -> bytes:
    for quality in QUALITIES:
        buffer = io.BytesIO()
        # Baseline, not progressive: crawlers fetch cards whole, and progressive costs 5 ms a card.
        canvas.save(buffer, "JPEG", quality=quality)
        if buffer.tell() <= MAX_BYTES:
            break
    return buffer.getvalue()


def _encode_with_restarts(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=QUALITIES[0], restart_marker_blocks=RESTART_BLOCKS)
    return buffer.getvalue()


_RESTART = re.compile(rb"\xff[\xd0-\xd7]")  # coded data never holds these: its 0xFF bytes are followed by 0


def _intervals(jpeg: bytes) -> tuple[bytes, list[bytes]]:
    """The header (up to the scan's data) and the coded intervals of a baseline JPEG with restarts."""
    scan = jpeg.index(b"\xff\xda")
    start = scan + 2 + int.from_bytes(jpeg[scan + 2:scan + 4], "big")
    return jpeg[:start], _RESTART.split(jpeg[start:-2])  # the last two bytes end the image


def _splice(background: _Background, bands: list[tuple[int, Image.Image]]) -> bytes:
    """The background's JPEG with the intervals of each band's rows (from its top, the left
    PANEL_W columns) taken from the band: the same bytes as encoding the whole card."""
    per_row, band_per_row = WIDTH // MCU // RESTART_BLOCKS, PANEL_W // MCU // RESTART_BLOCKS
    intervals = list(background.intervals)
    for top, band in bands:
        _, coded = _intervals(_encode_with_restarts(band))
        for row in range(len(coded) // band_per_row):
            start = (top // MCU + row) * per_row
            intervals[start:start + band_per_row] = coded[row * band_per_row:(row + 1) * band_per_row]
    parts = [b""] * (2 * len(intervals))
    parts[0::2] = intervals
    parts[1::2] = _ENDS
    return background.header + b"".join(parts)


# What follows each interval: the restart markers RST0…RST7 in turn, and the end of the image.
_ENDS = tuple(bytes((0xFF, 0xD0 + n % 8)) for n in range(math.ceil(HEIGHT / MCU) * WIDTH // MCU // RESTART_BLOCKS - 1))
_ENDS += (b"\xff\xd9",)
