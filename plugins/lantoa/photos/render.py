"""One source photo → its renditions in the cache. Runs in pool workers: plain data in and out.

All Pillow work lives here. The output carries no metadata at all (no EXIF, GPS, XMP, ICC,
comment): pixels are converted to sRGB first, then saved with an empty `info`.
"""
from __future__ import annotations

import hashlib
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pillow_heif
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from .model import FORMATS, PIPELINE_VERSION, PhotoOptions

pillow_heif.register_heif_opener()

ACCEPTED = {"JPEG", "MPO", "PNG", "WEBP", "HEIF", "AVIF"}
# Leading bytes of formats Pillow may or may not open but we do not accept (→ LT106, not LT102).
OTHER_SIGNATURES = {
    b"GIF8": "GIF", b"II*\x00": "TIFF", b"MM\x00*": "TIFF", b"BM": "BMP", b"8BPS": "PSD",
    b"%PDF": "PDF", b"<svg": "SVG", b"<?xml": "SVG/XML", b"\x00\x00\x01\x00": "ICO",
}
ACCEPTED_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")
SRGB = ImageCms.createProfile("sRGB")
ORIENTATION = 0x0112
SWAPPING_ORIENTATIONS = {5, 6, 7, 8}


@dataclass(frozen=True)
class Job:
    source: str
    stat: tuple[int, int]  # (size, mtime_ns) seen before reading


@dataclass(frozen=True)
class Outcome:
    """What became of one source; also what the manifest stores."""
    source: str
    stat: tuple[int, int] | None
    width: int = 0
    height: int = 0
    renditions: tuple[tuple[str, int, int, int], ...] = ()  # (file name, width, height, bytes)
    problem: tuple[str, dict] | None = None  # (diagnostic code, message values)
    warnings: tuple[tuple[str, dict], ...] = field(default=())


class Rejected(Exception):
    def __init__(self, code: str, **values):
        super().__init__(code)
        self.code, self.values = code, values


def render(job: Job, options: PhotoOptions) -> Outcome:
    """Never raises: every failure becomes an Outcome with a problem."""
    try:
        return _render(job, options)
    except Rejected as rejected:
        return Outcome(job.source, job.stat, problem=(rejected.code, rejected.values))
    except MemoryError:
        return Outcome(job.source, job.stat, problem=("LT108", {"reason": "không đủ bộ nhớ"}))
    except Exception as error:  # a bug or a decoder failure we did not foresee: still not a crash
        return Outcome(job.source, job.stat, problem=("LT108", {"reason": _reason(error)}))


def _render(job: Job, options: PhotoOptions) -> Outcome:
    data = _read(Path(job.source))
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    with _pixel_limit(options.max_pixels):
        image = _open(data)
        width, height = _oriented_size(image)
        _check_pixels(width, height, options.max_pixels)
        each = {fmt: plan(width, height, options.widths_of(fmt)) for fmt in options.formats}
        sizes = sorted({size for planned in each.values() for size in planned})
        names = {(fmt, w): rendition_name(digest, fmt, w, h, options) for fmt in options.formats for w, h in each[fmt]}
        cache = rendition_dir(options)
        if not all((cache / name).exists() for name in names.values()):
            _encode_all(image, sizes, names, cache, options)
    renditions = tuple(
        (names[fmt, w], w, h, (cache / names[fmt, w]).stat().st_size)
        for fmt in options.formats for w, h in each[fmt])
    too_small = ()
    if width < options.widths[0]:
        too_small = (("LT105", {"width": width, "smallest": options.widths[0]}),)
    return Outcome(job.source, job.stat, width, height, renditions, warnings=too_small)


def plan(width: int, height: int, widths: tuple[int, ...]) -> list[tuple[int, int]]:
    """Rendition sizes: each configured width, capped at the photo's own width (never upscaled)."""
    targets = sorted({min(w, width) for w in widths})
    return [(w, max(1, round(height * w / width))) for w in targets]


def rendition_name(digest: str, fmt: str, width: int, height: int, options: PhotoOptions) -> str:
    params = f"{digest}|{width}x{height}|{options.encoder(fmt)}|v{PIPELINE_VERSION}"
    key = hashlib.blake2b(params.encode(), digest_size=8).hexdigest()
    return f"{key}-{width}.{FORMATS[fmt][0]}"


def rendition_dir(options: PhotoOptions) -> Path:
    return Path(options.cache_dir) / "renditions"


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise Rejected("LT101")
    except OSError as error:
        raise Rejected("LT107", reason=_reason(error))


def _open(data: bytes) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise _unidentified(data, error)
    if image.format not in ACCEPTED:
        raise Rejected("LT106", format=image.format or "?")
    return image


def _unidentified(data: bytes, error: Exception) -> Rejected:
    head = data[:16]
    if head.startswith(ACCEPTED_SIGNATURES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP") or head[4:8] == b"ftyp":
        return Rejected("LT103", reason=_reason(error))
    for signature, name in OTHER_SIGNATURES.items():
        if head.lstrip().startswith(signature):
            return Rejected("LT106", format=name)
    return Rejected("LT102")


def _oriented_size(image: Image.Image) -> tuple[int, int]:
    width, height = image.size
    try:
        orientation = image.getexif().get(ORIENTATION)
    except Exception:  # a broken EXIF block must not reject a readable photo
        orientation = None
    return (height, width) if orientation in SWAPPING_ORIENTATIONS else (width, height)


def _check_pixels(width: int, height: int, limit: int) -> None:
    if width * height > limit:
        raise Rejected("LT104", width=width, height=height,
                       megapixels=round(width * height / 1e6), limit=round(limit / 1e6))


class _pixel_limit:
    """Pillow's own bomb check off: ours (`_check_pixels`, from the header, before any decode) is
    the one limit. Every later stage that opens a photo the pipeline accepted (share cards) opens
    it inside this too, so no stage refuses what the limit let through."""

    def __init__(self, limit: int):
        self.limit = limit

    def __enter__(self):
        self.saved = Image.MAX_IMAGE_PIXELS
        Image.MAX_IMAGE_PIXELS = None

    def __exit__(self, *exc):
        Image.MAX_IMAGE_PIXELS = self.saved
        return False


def _encode_all(image, sizes, names, cache: Path, options: PhotoOptions) -> None:
    largest = sizes[-1]
    pixels = _decode(image, largest)
    previous = pixels
    for width, height in reversed(sizes):  # each from the next larger one: one big resize only
        previous = _resize(previous, (width, height))
        for fmt in options.formats:
            if (fmt, width) in names:
                _write(cache / names[fmt, width], _encode(previous, fmt, options))


def _decode(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Decoded, upright, sRGB RGB pixels; JPEGs decoded at the smallest DCT scale ≥ size."""
    orientation = _oriented_size(image) != image.size
    stored = (size[1], size[0]) if orientation else size
    if image.format in {"JPEG", "MPO"}:
        image.draft("RGB", stored)
    try:
        image.load()
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise Rejected("LT103", reason=_reason(error))
    icc = image.info.get("icc_profile")
    image = _to_srgb(_flatten(ImageOps.exif_transpose(image)), icc)
    image.info = {}  # nothing of the source's metadata may reach an encoder
    return image


def _flatten(image: Image.Image) -> Image.Image:
    """Palette, 16-bit, grey+alpha and alpha images → RGB/L/CMYK; transparency over white."""
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    if image.mode.startswith("I;16") or image.mode == "I":
        image = image.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    if image.mode in {"LA", "La", "PA", "RGBa", "RGBA"} or "transparency" in image.info:
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, rgba).convert("RGB")
    if image.mode not in {"RGB", "L", "CMYK"}:
        image = image.convert("RGB")
    return image


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    if icc:
        try:
            profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            if not (image.mode == "RGB" and ImageCms.getProfileDescription(profile).strip().startswith("sRGB")):
                image = ImageCms.profileToProfile(image, profile, SRGB, outputMode="RGB")
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unusable profile: the pixels are taken as sRGB
    return image if image.mode == "RGB" else image.convert("RGB")


def _resize(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    if image.size == size:
        return image
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _encode(image: Image.Image, fmt: str, options: PhotoOptions) -> bytes:
    image.info = {}
    buffer = io.BytesIO()
    if fmt == "webp":
        image.save(buffer, "WEBP", quality=options.webp_quality, method=options.webp_method)
    elif fmt == "jpeg":
        image.save(buffer, "JPEG", quality=options.jpeg_quality, optimize=True,
                   progressive=options.jpeg_progressive, subsampling="4:2:0")
    else:  # one thread: the pool already keeps every core busy; no EXIF, XMP or ICC is passed
        image.save(buffer, "AVIF", quality=options.avif_quality, speed=options.avif_speed, max_threads=1,
                   subsampling="4:2:0")
    return buffer.getvalue()


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def _reason(error: BaseException) -> str:
    """The library's own words, in the brackets of a Vietnamese message; without an object's
    address (`<_io.BytesIO object at 0x7f…>`: different in every run, and no help to anyone)."""
    text = re.sub(r" ?<[^<>]* at 0x[0-9a-fA-F]+>", "", str(error)).strip() or type(error).__name__
    return text[:160]


unlimited_pixels = _pixel_limit  # for the stages after the pipeline (cards): `with unlimited_pixels(0):`
