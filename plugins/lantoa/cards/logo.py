"""The small logo feeds carry as their channel `<image>` when mkdocs.yml names none usable.

RSS wants a GIF, JPEG or PNG of at most 144 px wide: `theme.logo` is used when it is one of
those (a site's own logo); otherwise this draws one, 144×144 PNG in the union's rose: a ring
(the cards' motif) over "LHPN", in the cards' font. Deterministic bytes: no date in the file.
"""
from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageDraw

from .draw import BRAND
from .layout import BOLD, _font

LOGO_URL = "the-chia-se/logo.png"
SIZE = 144
RASTER = (".png", ".jpg", ".jpeg", ".gif")


def usable(theme_logo: str | None) -> bool:
    """True when the theme's logo can be a feed's image (RSS allows GIF, JPEG, PNG)."""
    return bool(theme_logo) and theme_logo.lower().endswith(RASTER) and "://" not in theme_logo


@lru_cache(maxsize=1)
def logo_bytes() -> bytes:
    scale = 4  # drawn large, then reduced: smooth edges
    side = SIZE * scale
    image = Image.new("RGB", (side, side), BRAND)
    draw = ImageDraw.Draw(image)
    ring = (side // 2 - 26 * scale, 18 * scale, side // 2 + 26 * scale, 70 * scale)
    draw.ellipse(ring, outline="white", width=7 * scale)
    font = _font(BOLD, 38 * scale)
    left, top, right, bottom = font.getbbox("LHPN")
    draw.text(((side - (right - left)) // 2 - left, 84 * scale - top), "LHPN", font=font, fill="white")
    small = image.resize((SIZE, SIZE), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    small.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
