"""Typesetting a card: each piece of text placed in the panel, the title at the largest size that fits.

Fonts are the Be Vietnam Pro committed in `lantoa/fonts/` (the build never downloads
fonts). Text is rasterised once per word and size, as coverage masks that cards share.
"""
from __future__ import annotations

import dataclasses
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from lantoa.text import nfc

from .model import HEIGHT, PANEL_W, CardSpec

FONT_DIR = Path(__file__).resolve().parents[1] / "fonts"
BOLD = FONT_DIR / "BeVietnamPro-Bold.ttf"
REGULAR = FONT_DIR / "BeVietnamPro-Regular.ttf"

WHITE = (255, 255, 255)
SOFT = (255, 222, 236)  # kicker and place, on the panel colour
MARGIN = 64
TITLE_TOP, TITLE_BOTTOM = 128, HEIGHT - 156
TITLE_SIZES = range(64, 33, -2)
LINE_SPACING = 1.22
ELLIPSIS = "…"


@dataclasses.dataclass(frozen=True)
class TitleLayout:
    size: int
    lines: tuple[str, ...]
    left: int
    top: int
    line_height: int


Piece = tuple[Image.Image, int, int, tuple[int, int, int], tuple | None]  # mask, left, top, colour, `text_mask` key
_RULE = (Image.new("L", (73, 4), 255), MARGIN, HEIGHT - 93, WHITE, None)  # the short line above the union's name


def text_pieces(spec: CardSpec) -> list[Piece]:
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


def _words(line: str, xy: tuple[int, int], size: int) -> list[Piece]:
    """A title line word by word, each at its place in the shaped line: titles share most
    of their syllables, so most words come from the cache of `text_mask`."""
    pieces, offset = [], 0.0
    for word in line.split(" "):
        pieces.append(_piece((xy[0] + round(offset), xy[1]), word, BOLD, size, WHITE))
        offset += _word_length(f"{word} ", size)
    return pieces


def _piece(xy: tuple[int, int], text: str, path: Path, size: int, fill: tuple[int, int, int]) -> Piece:
    mask, left, top = text_mask(text, path, size)
    return mask, xy[0] + left, xy[1] + top, fill, (text, path, size)


@lru_cache(maxsize=4096)
def text_mask(text: str, path: Path, size: int) -> tuple[Image.Image, int, int]:
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


def clear_caches() -> None:
    """Forget the glyphs and lines kept for drawing."""
    text_mask.cache_clear()
    _one_line.cache_clear()
