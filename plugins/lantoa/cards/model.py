"""What a card shows (`CardSpec`), what a drawn card is (`Card`), and the card's shape."""
from __future__ import annotations

import dataclasses
from pathlib import Path

WIDTH, HEIGHT = 1200, 630
MAX_BYTES = 300_000  # the JPEG, at the most
PANEL_W = 640  # text panel; the photo (or the pattern) fills the rest


@dataclasses.dataclass(frozen=True)
class CardSpec:
    title: str
    kicker: str  # "Gương điển hình", or the campaign's name
    place: str | None
    union_name: str
    photo: Path | None = None
    accent: str | None = None  # "#1565C0"; None: the brand rose
    photo_id: str | None = None  # what names the photo's content (its rendition names); None: hash the file
    keep: tuple[str, ...] = ()  # phrases the title keeps on one line when they fit: names, places, campaigns
    details: tuple[str, ...] = ()  # lines under the title (a place card: its period, successor, stories)


@dataclasses.dataclass(frozen=True)
class Card:
    url: str  # site-relative, no leading slash: "the-chia-se/3f…e1.jpg"
    path: Path
    bytes: int
    width: int = WIDTH
    height: int = HEIGHT
    mime: str = "image/jpeg"
