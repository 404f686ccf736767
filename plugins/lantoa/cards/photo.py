"""The photo half of a card: upright, cropped to fill its box, in sRGB without alpha."""
from __future__ import annotations

import io
import math
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from ..photos.render import unlimited_pixels

FACE_HEIGHT = 0.38  # portrait crops keep the band around 38 % from the top in view
PAPER = (255, 255, 255)  # transparent parts of a photo are laid on white


def photo_panel(path: Path, box: tuple[int, int]) -> Image.Image | None:
    """The photo upright, cropped to fill `box`, in sRGB without alpha; None when Pillow
    cannot read it (the photo checks report that; the card falls back to the designed layout)."""
    _register_heif()
    try:
        # The photo pipeline applied the one pixel limit (photo_max_pixels) before any stage opened
        # the file; cards get only the photos it accepted, so Pillow's own, lower limit is off here.
        # (Pillow checks its limit again in crop(): all of the work happens inside.)
        with unlimited_pixels(0), Image.open(path) as image:
            if image.format == "JPEG":
                image.draft("RGB", _draft_size(image, box))
            profile = image.info.get("icc_profile")
            upright = _flatten(ImageOps.exif_transpose(image))
            if upright.mode not in ("RGB", "CMYK"):
                profile, upright = None, upright.convert("RGB")
            return _to_srgb(_cover(upright, box), profile)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError, MemoryError):
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
        image = Image.new("RGB", rgba.size, PAPER)
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
