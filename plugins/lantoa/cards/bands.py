"""Coded bands kept from card to card: an acceleration of `jpeg.splice` for designed cards.

Relies on: a designed card is coded with a restart every RESTART_BLOCKS squares (`jpeg`), so its
text panel is a grid of intervals of 80 × 16 px, each coded on its own (the DC prediction starts
again at each restart; the Huffman tables are the standard ones): a band of rows coded alone gives
the bytes of those intervals in the whole card, and so does a band cut short on the right at an
interval's edge. A band's pixels are the panel's colour (right of PATTERN_LEFT, the pattern of the
card's variant) under its pieces of text, at their places, in their order.

Two savings. A band is coded only as wide as its text reaches, to the next interval's edge; the
intervals right of it are the background's already (a kicker, a place or a title's last line
seldom reach the pattern). And cards share many bands: the kicker (a campaign's name, the same
rows on every card of the campaign), the place with the rule and the union's name under it. A
band seen a second time is kept (a title's, seen once, is only remembered as seen), those used
last up to BYTES_KEPT; a card draws and codes only the bands not kept.

Measured on 3,000 cards of the 10,000-story bench corpus in one process (CPU time, 7/12/2026):
with whole bands (`draw._render_designed(..., kept=draw.PLAIN)`, the plain path kept beside this
one, as `jpeg.splice` codes them) 2.20–2.35 ms a card, 307 kilopixels coded in 3.1 encodings;
with this, 1.91–1.95 ms, 235 kilopixels in 1.8 encodings; with the words then drawn through their
masks (draw.py) 1.79–1.80 ms. Bytes the same (tests/sharing/test_cards.py). At 10,000 stories 542
bands are kept at the end (6 MB of JPEG).
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Callable, Hashable

from PIL import Image

from .jpeg import MCU, RESTART_BLOCKS, encode_with_restarts, split_intervals
from .layout import RULE_MASK
from .model import HEIGHT, PANEL_W, WIDTH

INTERVAL = MCU * RESTART_BLOCKS  # an interval's width in pixels; its height is MCU
PER_ROW = WIDTH // INTERVAL  # intervals across the card
BYTES_KEPT = 6 * 2**20  # coded bands kept, in bytes (a kicker's 2–4 KB, a place's with the union's 6–10 KB)
SEEN_KEPT = 131_072  # bands seen once (their keys' hashes), forgotten all at once past this
RULE = ("rule",)  # the one piece without a `text_mask` key: the rule above the union's name


class Bands:
    """Coded bands by what they show, for one process's designed cards."""

    def __init__(self):
        self.kept: OrderedDict[Hashable, tuple[bytes, ...]] = OrderedDict()
        self.seen: set[int] = set()
        self.size = 0  # bytes kept

    def clear(self) -> None:
        self.kept.clear()
        self.seen.clear()
        self.size = 0

    def intervals(self, bands: list[tuple[int, int, list]], plain: Hashable, patterned: Hashable, right_of: int,
                  draw_band: Callable[[int, int, int, list], Image.Image]) -> dict[int, bytes]:
        """{interval number in the card: coded bytes} for `bands` ((top, bottom, pieces) of whole
        rows of squares, `keyable`). `plain`: what the panel shows without text left of
        `right_of`; `patterned`: what it shows right of it; `draw_band(top, bottom, width,
        pieces)`: the band drawn, `width` wide from the panel's left edge."""
        coded = {}
        for top, bottom, pieces in bands:
            width = reach(pieces)
            key = (plain if width <= right_of else patterned, top, bottom, width,
                   *((p[4] or RULE, p[3], p[1], p[2]) for p in pieces))
            found = self.kept.get(key)
            if found is not None:
                self.kept.move_to_end(key)
            else:
                found = tuple(split_intervals(encode_with_restarts(draw_band(top, bottom, width, pieces)))[1])
                self._keep(key, found)
            columns = width // INTERVAL
            for number, data in enumerate(found):
                row, column = divmod(number, columns)
                coded[(top // MCU + row) * PER_ROW + column] = data
        return coded

    def _keep(self, key: Hashable, found: tuple[bytes, ...]) -> None:
        marker = hash(key)
        if marker not in self.seen:
            if len(self.seen) >= SEEN_KEPT:
                self.seen.clear()
            self.seen.add(marker)
            return
        self.kept[key] = found
        self.size += sum(map(len, found))
        while self.size > BYTES_KEPT:
            self.size -= sum(map(len, self.kept.popitem(last=False)[1]))


def reach(pieces: list) -> int:
    """How wide a band holding `pieces` is coded: to the interval edge right of their ink."""
    right = max(p[1] + p[0].width for p in pieces)
    return min(PANEL_W, -(-right // INTERVAL) * INTERVAL)


def keyable(bands: list[tuple[int, int, list]]) -> bool:
    """Whether every band is of whole squares (the card's last row of squares is not: 630 = 39 ×
    16 + 6) and every piece is named (`text_mask`'s key; the rule above the union's name is the
    one constant piece without)."""
    return all(top % MCU == 0 and bottom % MCU == 0 and bottom <= HEIGHT and
               all(p[4] is not None or p[0] is RULE_MASK for p in pieces) for top, bottom, pieces in bands)
