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
SOFT = (255, 222, 236)  # kicker, place and details, on the panel colour
MARGIN = 64
TEXT_WIDTH = PANEL_W - MARGIN - 48
# Every line of text is at least SMALL px tall: 10 px on a 400 px wide thumbnail (1200 / 400 × 10).
SMALL = 30
KICKER_TOP, TITLE_TOP = 52, 112
PLACE_TOP, RULE_TOP, UNION_TOP = HEIGHT - 152, HEIGHT - 104, HEIGHT - 84
TITLE_BOTTOM = PLACE_TOP - 20
TITLE_SIZES = range(72, 33, -2)
LINE_SPACING = 1.22
DETAIL_LINE = round(SMALL * 1.4)  # a detail line's height (place cards: period, successor, stories)
DETAIL_GAP = 20  # between the title and the details
ELLIPSIS = "…"
SMALLER_FOR_NAMES = 4  # title sizes tried below the largest that fits, to keep names whole
UNION_SHORT = (("Hội Liên hiệp Phụ nữ", "Hội LHPN"),)  # the usual abbreviation when the name is too wide


@dataclasses.dataclass(frozen=True)
class TitleLayout:
    size: int
    lines: tuple[str, ...]
    left: int
    top: int
    line_height: int

    @property
    def bottom(self) -> int:
        return self.top + len(self.lines) * self.line_height


Piece = tuple[Image.Image, int, int, tuple[int, int, int], tuple | None]  # mask, left, top, colour, `text_mask` key
RULE_MASK = Image.new("L", (73, 4), 255)  # the short line above the union's name
_RULE = (RULE_MASK, MARGIN, RULE_TOP, WHITE, None)


def text_pieces(spec: CardSpec) -> list[Piece]:
    """Every piece of text on the card, placed: kicker, the title word by word, its details,
    place, union."""
    kicker = _one_line(nfc(spec.kicker).upper(), BOLD, SMALL)
    pieces = [_piece((MARGIN, KICKER_TOP), kicker, BOLD, SMALL, SOFT)]
    layout = title_layout(spec.title, spec.keep, len(spec.details))
    for index, line in enumerate(layout.lines):
        pieces += _words(line, (layout.left, layout.top + index * layout.line_height), layout.size)
    for index, detail in enumerate(spec.details):
        line = _one_line(nfc(detail), REGULAR, SMALL)
        pieces.append(_piece((MARGIN, layout.bottom + DETAIL_GAP + index * DETAIL_LINE), line, REGULAR, SMALL,
                             SOFT))
    if spec.place:
        place = _one_line(nfc(spec.place), REGULAR, SMALL)
        pieces.append(_piece((MARGIN, PLACE_TOP), place, REGULAR, SMALL, SOFT))
    union = union_line(nfc(spec.union_name))
    return pieces + [_RULE, _piece((MARGIN, UNION_TOP), union, BOLD, SMALL, WHITE)]


@lru_cache(maxsize=64)
def union_line(name: str) -> str:
    """The union's name as it fits one line: in full, else with its usual abbreviation."""
    font = _font(BOLD, SMALL)
    for long, short in UNION_SHORT:
        if font.getlength(name) > TEXT_WIDTH and long.casefold() in name.casefold():
            start = name.casefold().index(long.casefold())
            name = name[:start] + short + name[start + len(long):]
    return _one_line(name, BOLD, SMALL)


@lru_cache(maxsize=1024)
def _one_line(text: str, path: Path, size: int) -> str:
    """Kicker, place or union name as it fits the panel: cards share them."""
    return _fit_line(text, _font(path, size), TEXT_WIDTH)


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


@lru_cache(maxsize=1024)
def title_layout(title: str, keep: tuple[str, ...] = (), details: int = 0) -> TitleLayout:
    """The largest size at which the title fits its box (above `details` lines), broken between
    words: not inside a phrase of `keep` (a person's name, a place, a campaign's short name) or
    of quotation marks, and not leaving one syllable alone on the last line, unless no size down
    to SMALLER_FOR_NAMES steps smaller allows it; at the smallest size, the lines that fit with
    an ellipsis ending the last one. With details, the title and its details are centred."""
    words = nfc(title).split()
    glue = _glue(words, keep)
    reserved = details * DETAIL_LINE + DETAIL_GAP if details else 0
    width, height = TEXT_WIDTH, TITLE_BOTTOM - TITLE_TOP - reserved
    first = None
    for index, size in enumerate(TITLE_SIZES):
        line_height = round(size * LINE_SPACING)
        most = height // line_height
        if most < 1 or sum(_word_length(word, size) for word in words) > most * width:
            continue  # more lines than the box holds, whatever the breaks
        found = _break(words, glue, size, width, most)
        if found is None:
            continue
        lines, clean = found
        if first is None:
            first = (index, size, lines, line_height)
        if clean:
            return _placed(size, lines, line_height, reserved)
        if index - first[0] >= SMALLER_FOR_NAMES:
            break
    if first is not None:
        return _placed(*first[1:], reserved)
    size = TITLE_SIZES[-1]
    font = _font(BOLD, size)
    line_height = round(size * LINE_SPACING)
    lines = _wrap(words, size, width)
    keep_lines = max(1, height // line_height)
    if len(lines) > keep_lines:
        rest = " ".join(lines[keep_lines - 1:])
        lines = lines[:keep_lines - 1] + [_fit_line(rest, font, width, always_ellipsis=True)]
    return _placed(size, lines, line_height, reserved)


def _placed(size: int, lines: list[str], line_height: int, reserved: int) -> TitleLayout:
    top = TITLE_TOP
    if reserved:  # a place card: the title and its details in the middle of the box
        top += max(0, (TITLE_BOTTOM - TITLE_TOP - len(lines) * line_height - reserved) // 2)
    return TitleLayout(size, tuple(lines), MARGIN, top, line_height)


_QUOTES_OPEN, _QUOTES_CLOSE = "\"“«‘'(", "\"”»’')"
_PUNCTUATION = _QUOTES_OPEN + _QUOTES_CLOSE + ",.;:!?…–-"


def _glue(words: list[str], keep: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    """(first, last) word of each phrase to keep whole: one of `keep` (compared without case and
    edge punctuation) or a quotation of up to eight words."""
    bare = [w.strip(_PUNCTUATION).casefold() for w in words]
    spans: set[tuple[int, int]] = set()
    for phrase in keep:
        parts = [w.strip(_PUNCTUATION).casefold() for w in nfc(phrase).split()]
        for start in range(len(words) - len(parts) + 1) if len(parts) > 1 else ():
            if bare[start:start + len(parts)] == parts:
                spans.add((start, start + len(parts) - 1))
    start = None
    for index, word in enumerate(words):
        if start is None and word[:1] in _QUOTES_OPEN and not word.rstrip(",.;:!?").endswith(tuple(_QUOTES_CLOSE)):
            start = index
        elif start is not None and word.rstrip(",.;:!?")[-1:] in _QUOTES_CLOSE:
            if index - start < 8:
                spans.add((start, index))
            start = None
    return tuple(sorted(spans))


_GLUE_COST, _ORPHAN_COST = 10 ** 9, 10 ** 8


def _break(words: list[str], spans: tuple[tuple[int, int], ...], size: int, width: int, most: int
           ) -> tuple[list[str], bool] | None:
    """The title in at most `most` lines of `width`, the breaks chosen for the fewest lines, then
    no break inside a kept phrase that fits a line, no syllable alone on the last line and even
    lines; with whether it keeps those phrases and has no lone syllable. None when a word alone is
    wider than `width`."""
    n = len(words)
    spaced = [0.0]
    for word in words:
        spaced.append(spaced[-1] + _word_length(f"{word} ", size))
    bare = [_word_length(word, size) for word in words]
    if any(length > width for length in bare):
        return None

    def line_width(i: int, j: int) -> float:
        return spaced[j - 1] - spaced[i] + bare[j - 1]

    if _fewest_lines(n, line_width, width) > most:
        return None  # as the search below finds, in a tenth of the time: half the sizes tried fail so

    # A phrase is kept whole if it fits a line at this size or at one of the next smaller ones tried.
    reach = width * size / max(TITLE_SIZES[-1], size - 2 * SMALLER_FOR_NAMES)
    glue = {i for first, last in spans if line_width(first, last + 1) <= reach for i in range(first, last)}

    inf = float("inf")  # a line costs 8·width² (fewer lines first) plus, but for the last, its empty width²
    # best[k][j]: the cost of words[:j] in k lines, and where the last of them starts
    best = [[(inf, 0)] * (n + 1) for _ in range(most + 1)]
    best[0][0] = (0.0, 0)
    for k in range(1, most + 1):
        for j in range(1, n + 1):
            for i in range(j - 1, -1, -1):
                used = line_width(i, j)
                if used > width:
                    break
                before = best[k - 1][i][0]
                if before == inf:
                    continue
                last = j == n
                cost = before + 8 * width * width + (0 if last else (width - used) ** 2)
                if not last and j - 1 in glue:
                    cost += _GLUE_COST
                if last and j - i == 1 and n > 1:
                    cost += _ORPHAN_COST
                if cost < best[k][j][0]:
                    best[k][j] = (cost, i)
    k = min(range(1, most + 1), key=lambda k: best[k][n][0])
    if best[k][n][0] == inf:
        return None
    cost, lines, j = best[k][n][0], [], n
    while k:
        i = best[k][j][1]
        lines.insert(0, " ".join(words[i:j]))
        j, k = i, k - 1
    clean = cost < _ORPHAN_COST  # the lines' own costs add up to less (8 lines at most)
    return lines, clean


def _fewest_lines(n: int, line_width, width: int) -> int:
    """How few lines n words can take: as many on each as fit, from the first (no word is wider)."""
    lines, start = 0, 0
    while start < n:
        end = start + 1
        while end < n and line_width(start, end + 1) <= width:
            end += 1
        lines, start = lines + 1, end
    return lines


def _wrap(words: list[str], size: int, width: int) -> list[str]:
    """Greedy word wrap of a title too long for the box at any size; a single word wider than
    the box is shortened with an ellipsis."""
    lines: list[str] = []
    ends: list[float] = []  # each line's width with a space after it
    for word in words:
        if _word_length(word, size) > width:
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
    shortened = lambda count: " ".join(words[:count]).rstrip(",;:.–-") + ELLIPSIS  # noqa: E731
    count = _most(len(words), lambda count: font.getlength(shortened(count)) <= width)
    return shortened(count) if count else _shorten_word(text, font, width)


def _shorten_word(word: str, font, width: int) -> str:
    return word[:_most(len(word), lambda count: font.getlength(word[:count] + ELLIPSIS) <= width)] + ELLIPSIS


def _most(limit: int, fits) -> int:
    """The largest count up to `limit` that `fits` (0 if none), by halving: a title of 100,000 letters
    was shortened one letter at a time, for minutes."""
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if fits(middle) else (low, middle - 1)
    return low


@lru_cache(maxsize=64)
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


def clear_caches() -> None:
    """Forget the glyphs and lines kept for drawing."""
    text_mask.cache_clear()
    _one_line.cache_clear()
    title_layout.cache_clear()
