"""The site's icons: favicon, Apple touch icon, the web app manifest's 192, 512 and maskable
icons, drawn at build time from the union's logo (the plugin's `logo` option) or, without one,
from a generated mark (the site's initials in Be Vietnam Pro on the site's rose).

Named by a digest of what they are drawn from (`bieu-tuong/<digest>-192.png`): a new logo gets
new URLs. `favicon.ico` (16, 32, 48 px) is also written at the site's root, where browsers look
for it without being told. Pillow only; no metadata in any file.
"""
from __future__ import annotations

import dataclasses
import hashlib
import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

from .cards.layout import BOLD

__all__ = ["IconSet", "plan_icons", "write_icons", "THEME_COLOUR", "URL_PREFIX", "FAVICON"]

VERSION = "1"  # bump when the drawing changes
THEME_COLOUR = "#8c1550"  # Lan Tỏa's rose (assets/lantoa.css, --md-primary-fg-color)
URL_PREFIX = "bieu-tuong"
FAVICON = "favicon.ico"
# name → (size, how it is drawn): "any" keeps the logo whole on white, "full" fills the square
# with the mark (touch icons have no transparency), "maskable" keeps the logo inside the middle
# 80 % circle that every platform's mask leaves visible.
SHAPES = {"32": (32, "any"), "180": (180, "full"), "192": (192, "any"), "512": (512, "any"),
          "maskable-512": (512, "maskable")}


@dataclasses.dataclass(frozen=True)
class IconSet:
    digest: str
    logo: Path | None
    initials: str
    colour: str

    def url(self, name: str) -> str:
        return f"{URL_PREFIX}/{self.digest}-{name}.png"

    def size(self, name: str) -> int:
        return SHAPES[name][0]

    @property
    def manifest_icons(self) -> list[dict]:
        return [{"src": self.url("192"), "sizes": "192x192", "type": "image/png", "purpose": "any"},
                {"src": self.url("512"), "sizes": "512x512", "type": "image/png", "purpose": "any"},
                {"src": self.url("maskable-512"), "sizes": "512x512", "type": "image/png",
                 "purpose": "maskable"}]


def initials(name: str) -> str:
    """"Lan tỏa gương sáng — Hội LHPN" → "LT": the first letters of the first two words."""
    words = [w for w in name.replace("—", " ").split() if w[:1].isalpha()]
    return "".join(w[0] for w in words[:2]).upper() or "LT"


def plan_icons(site_name: str, logo: Path | None = None, colour: str = THEME_COLOUR) -> IconSet:
    """The icons' names (known before anything is drawn: every page's head links them)."""
    logo = logo if logo is not None and logo.is_file() else None
    parts = [VERSION, colour, initials(site_name), hashlib.sha256(logo.read_bytes()).hexdigest() if logo else "",
             hashlib.sha256(BOLD.read_bytes()).hexdigest()[:16]]
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]
    return IconSet(digest, logo, initials(site_name), colour)


def write_icons(icons: IconSet, site_dir: Path, cache_dir: Path) -> list[Path]:
    """Draw the icons (once: kept in `cache_dir`), then write them into the site."""
    cache = Path(cache_dir) / URL_PREFIX
    written = []
    for name, (size, shape) in SHAPES.items():
        cached = cache / f"{icons.digest}-{name}.png"
        if not cached.exists():
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_bytes(_png(_draw(icons, size, shape)))
        target = site_dir / icons.url(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(cached.read_bytes())
        written.append(target)
    ico = cache / f"{icons.digest}.ico"
    if not ico.exists():
        out = io.BytesIO()
        _draw(icons, 48, "any").save(out, "ICO", sizes=[(16, 16), (32, 32), (48, 48)])
        ico.write_bytes(out.getvalue())
    (site_dir / FAVICON).write_bytes(ico.read_bytes())
    return [*written, site_dir / FAVICON]


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _draw(icons: IconSet, size: int, shape: str) -> Image.Image:
    scale = 4 if size < 128 else 1  # small icons drawn larger, then reduced: smoother edges
    big = size * scale
    logo = _logo(icons.logo)
    if logo is None:
        return _mark(icons, big, shape).resize((size, size), Image.Resampling.LANCZOS)
    background = (255, 255, 255, 255) if shape != "any" else (255, 255, 255, 0)
    canvas = Image.new("RGBA", (big, big), background)
    room = round(big * (0.62 if shape == "maskable" else 0.9 if shape == "full" else 1.0))
    fitted = ImageOps.contain(logo, (room, room), Image.Resampling.LANCZOS)
    canvas.alpha_composite(fitted, ((big - fitted.width) // 2, (big - fitted.height) // 2))
    if shape != "any":
        canvas = canvas.convert("RGB")
    return canvas.resize((size, size), Image.Resampling.LANCZOS)


def _logo(path: Path | None) -> Image.Image | None:
    if path is None:
        return None
    try:
        with Image.open(path) as image:
            return ImageOps.exif_transpose(image).convert("RGBA")
    except (OSError, ValueError, Image.DecompressionBombError):
        return None


def _mark(icons: IconSet, size: int, shape: str) -> Image.Image:
    """The site's initials, white on the rose: full bleed (it is a square whatever the mask)."""
    canvas = Image.new("RGB", (size, size), icons.colour)
    draw = ImageDraw.Draw(canvas)
    text = icons.initials
    # The letters fill 50 % of the width (36 % for maskable icons: inside the safe circle).
    target = size * (0.36 if shape == "maskable" else 0.5)
    font = ImageFont.truetype(str(BOLD), max(8, round(size * 0.4)))
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    font = ImageFont.truetype(str(BOLD), max(8, round(font.size * target / max(1, right - left))))
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    draw.text(((size - (right - left)) / 2 - left, (size - (bottom - top)) / 2 - top), text, font=font,
              fill="white")
    if shape != "maskable":  # a thin ring, as on a seal; outside the safe circle of maskable icons
        inset, width = size * 0.08, max(1, round(size * 0.025))
        draw.ellipse((inset, inset, size - inset, size - inset), outline="white", width=width)
    return canvas
