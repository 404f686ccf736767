"""Phone-like photos for the benchmarks: 4000×3000 (most Android main cameras at 12 MP) and
4032×3024 (iPhone), with what makes real photos expensive to compress: smooth areas (sky, walls)
beside regions of fine detail (leaves, fabric, gravel), edges, the phone's sharpening, luminance
grain and blotchy chroma noise, saved as phones save them (JPEG q92, 4:2:0, EXIF with GPS).
Deterministic: the same seed gives the same pixels. A "_" module is not a bench subcommand."""
from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

SIZES = ((4000, 3000), (4032, 3024))


def phone_photo(seed: int, size: tuple[int, int] | None = None) -> Image.Image:
    width, height = size or SIZES[seed % 2]
    rng = random.Random(seed)

    def field(cells: int, sigma: float = 60) -> Image.Image:
        small = Image.effect_noise((cells, max(2, cells * height // width)), sigma)
        return ImageOps.autocontrast(small.resize((width, height), Image.Resampling.BICUBIC), cutoff=1)

    # Light and colour: large soft fields, a mid-scale texture.
    channels = [Image.blend(field(4), field(40), 0.35) for _ in range(3)]
    image = Image.merge("RGB", channels)
    draw = ImageDraw.Draw(image)
    for _ in range(40):  # objects with hard edges: people, walls, baskets
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(width // 60, width // 8)
        colour = tuple(rng.randrange(256) for _ in range(3))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)((x - r, y - r // 2, x + r, y + r // 2), fill=colour)
    for _ in range(400):  # thin lines: branches, wires, cloth seams
        x, y = rng.randrange(width), rng.randrange(height)
        draw.line((x, y, x + rng.randrange(-300, 300), y + rng.randrange(-300, 300)),
                  fill=tuple(rng.randrange(256) for _ in range(3)), width=rng.randrange(2, 7))
    image = image.filter(ImageFilter.GaussianBlur(1.0))  # the lens
    # Fine detail where the mask is light (foliage, gravel), smooth where it is dark (sky, walls).
    mask = field(6).point(lambda v: 255 if v > 120 else int(v * 1.5))
    fine = Image.effect_noise((width, height), 90).filter(ImageFilter.GaussianBlur(0.8))
    texture = Image.merge("RGB", [ImageChops.multiply(c, ImageOps.autocontrast(fine))
                                  for c in image.split()])
    image = Image.composite(Image.blend(image, texture, 0.35), image, mask)
    image = image.filter(ImageFilter.UnsharpMask(radius=1.6, percent=70, threshold=2))  # the phone's sharpening
    grain = Image.effect_noise((width, height), 6)  # luminance noise, the same in every channel
    chroma = [Image.effect_noise((width // 3, height // 3), 5).resize((width, height), Image.Resampling.BILINEAR)
              for _ in range(3)]  # blotchy colour noise
    noisy = [ImageChops.add(c, ImageChops.add(grain, n, 1.0, -128), 1.0, -128)  # c + grain + chroma noise
             for c, n in zip(image.split(), chroma)]
    return Image.merge("RGB", noisy)


def phone_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112], exif[0x010F], exif[0x0110] = 1, "BenchPhone", "BP-12"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (21.0, 51.0, 18.0), "E", (106.0, 57.0, 36.0)
    return exif


def write_phone_photo(path: Path, seed: int, size: tuple[int, int] | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    phone_photo(seed, size).save(path, "JPEG", quality=92, subsampling="4:2:0", exif=phone_exif())
