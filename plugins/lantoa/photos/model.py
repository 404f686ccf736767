"""The photo pipeline's plain data: options in, processed photos out."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

# Output formats: (file extension, MIME type).
FORMATS = {"webp": ("webp", "image/webp"), "jpeg": ("jpg", "image/jpeg"), "avif": ("avif", "image/avif")}
# `<source>` order: the browser takes the first type it shows, so the smallest comes first.
PREFERENCE = ("avif", "webp", "jpeg")

# Bumped when the pixels a rendition holds change for the same options, so old URLs are not reused.
PIPELINE_VERSION = "1"


@dataclass(frozen=True)
class PhotoOptions:
    widths: tuple[int, ...] = (480, 1000, 1200)
    # AVIF first; JPEG the fallback every browser shows. WebP left out by default: measured by
    # `scripts/bench photos` (README "Photos"), it would serve 1 % of readers for ~60 % more bytes.
    formats: tuple[str, ...] = ("avif", "jpeg")
    # The fallback's widths (when there is another format): one 800 px JPEG for the ~1-3 % of
    # browsers without AVIF, which keeps every rendition of a photo within ~350 KB.
    fallback_widths: tuple[int, ...] = (800,)
    # Phones shoot 108 MP (12000×9000) and 200 MP (16320×12240); Pillow's own limit is 179 MP.
    max_pixels: int = 250_000_000
    cache_dir: Path = Path(".cache/lantoa")
    url_prefix: str = "anh"
    workers: int | None = None
    # Chosen by `scripts/bench photos` (bytes against CPU time; see README "Photos").
    webp_quality: int = 75
    webp_method: int = 4
    jpeg_quality: int = 80
    jpeg_progressive: bool = True
    avif_quality: int = 65  # the lowest whose SSIM is ≥ the JPEG q80's at every width
    avif_speed: int = 8  # libaom's speed: 0 slowest … 10 fastest; 6 is 4× slower for 3 % fewer bytes

    def __post_init__(self):
        unknown = [f for f in self.formats if f not in FORMATS]
        if unknown or not self.formats:
            raise ValueError(f"photo formats must be among {sorted(FORMATS)}, got {self.formats!r}")
        if not self.widths or any(int(w) < 1 for w in self.widths):
            raise ValueError(f"photo widths must be positive, got {self.widths!r}")
        object.__setattr__(self, "widths", tuple(sorted({int(w) for w in self.widths})))
        object.__setattr__(self, "fallback_widths", tuple(sorted({int(w) for w in self.fallback_widths})))
        object.__setattr__(self, "cache_dir", Path(self.cache_dir))
        if not 0 <= self.webp_method <= 6:
            raise ValueError("webp_method must be 0..6")

    def encoder(self, fmt: str) -> str:
        """Everything that changes the bytes of a rendition of this format, as a short string."""
        if fmt == "webp":
            return f"webp:q{self.webp_quality}:m{self.webp_method}"
        if fmt == "jpeg":
            return f"jpeg:q{self.jpeg_quality}:p{int(self.jpeg_progressive)}"
        return f"avif:q{self.avif_quality}:s{self.avif_speed}"

    @property
    def fallback(self) -> str:
        """The format of the `<img>` (every browser shows it); the others are `<source>`s."""
        return "jpeg" if "jpeg" in self.formats else self.formats[-1]

    def widths_of(self, fmt: str) -> tuple[int, ...]:
        if fmt == self.fallback and len(self.formats) > 1 and self.fallback_widths:
            return self.fallback_widths
        return self.widths

    def fingerprint(self) -> str:
        """What makes a cached result valid: every option that changes the output set or a verdict."""
        encoders = ",".join(f"{self.encoder(f)}@{self.widths_of(f)}" for f in self.formats)
        return f"v{PIPELINE_VERSION};w{self.widths};{encoders};max{self.max_pixels}"


@dataclass(frozen=True)
class PhotoRequest:
    source: Path  # absolute path of the photo file
    item_file: str  # the item's index.md, relative to the project root, for diagnostics
    line: int | None  # front-matter line of the photo entry


@dataclass(frozen=True)
class Rendition:
    url: str  # site-relative URL path, "anh/3f9a…-960.webp" (no leading slash)
    width: int
    height: int
    format: str
    mime: str
    bytes: int

    @property
    def name(self) -> str:
        """File name, the same in the cache and under site/<url_prefix>/."""
        return self.url.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class ProcessedPhoto:
    source: Path
    width: int  # after EXIF orientation
    height: int
    renditions: tuple[Rendition, ...]  # grouped by format in option order, then by width

    @property
    def formats(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.format for r in self.renditions))

    @property
    def fallback_format(self) -> str:
        """The format every browser reads: the `<img>`'s; the others go in `<source>`s."""
        return "jpeg" if "jpeg" in self.formats else self.formats[-1]

    @property
    def alternative_formats(self) -> tuple[str, ...]:
        """The `<source>` formats, smallest first (AVIF, then WebP), whatever the options' order."""
        return tuple(sorted((f for f in self.formats if f != self.fallback_format), key=PREFERENCE.index))

    def of_format(self, fmt: str) -> tuple[Rendition, ...]:
        return tuple(r for r in self.renditions if r.format == fmt)

    def largest(self, fmt: str | None = None) -> Rendition:
        return self.of_format(fmt or self.fallback_format)[-1]

    def smallest(self, fmt: str | None = None) -> Rendition:
        return self.of_format(fmt or self.fallback_format)[0]

    @property
    def enlarged(self) -> Rendition:
        """What a click on the photo opens: the largest rendition of the smallest format."""
        return self.largest(self.alternative_formats[0] if self.alternative_formats else self.fallback_format)

    def srcset(self, fmt: str | None = None, base: str = "") -> str:
        """`srcset` value with width descriptors; base is the page's relative prefix to the site root."""
        return ", ".join(f"{base}{r.url} {r.width}w" for r in self.of_format(fmt or self.fallback_format))

    def mime(self, fmt: str) -> str:
        return FORMATS[fmt][1]


def replace(options: PhotoOptions, **changes) -> PhotoOptions:
    return dataclasses.replace(options, **changes)
