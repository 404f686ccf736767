"""Photo factories for the photo tests: every image is generated here, nothing is committed."""
from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageDraw

from lantoa.photos import PhotoRequest

SECRET = "LANTOA-SECRET-HOME-10.957N"  # planted in metadata; must never reach an output file
ITEM = "people/2024/chi-lan/index.md"



def request(path: Path, line: int = 7) -> PhotoRequest:
    return PhotoRequest(source=path, item_file=ITEM, line=line)


def scene(width: int, height: int, mode: str = "RGB") -> Image.Image:
    """A busy picture with a red block in the top-left corner (to see where it ends up)."""
    image = Image.effect_noise((width, height), 40).convert("RGB")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width // 5, height // 5), fill=(230, 20, 20))
    return image.convert(mode) if mode != "RGB" else image


def phone_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    exif[0x010E] = SECRET  # ImageDescription
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (10.0, 57.0, 25.5)
    gps[3], gps[4] = "E", (106.0, 50.0, 3.1)
    return exif


def xmp_packet() -> bytes:
    return (f'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
            f'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description>'
            f'{SECRET}</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>').encode()


def p3_profile() -> bytes:
    """A minimal ICC v2 RGB display profile with Display P3 primaries (D50-adapted), gamma 2.2."""
    def s15(v):
        return struct.pack(">i", round(v * 65536))

    def xyz(x, y, z):
        return b"XYZ \0\0\0\0" + s15(x) + s15(y) + s15(z)

    text = b"Display P3 (test)\0"
    desc = b"desc\0\0\0\0" + struct.pack(">I", len(text)) + text + b"\0" * 12 + b"\0\0\0" + b"\0" * 67
    curve = b"curv\0\0\0\0" + struct.pack(">IH", 1, round(2.2 * 256)) + b"\0\0"
    tags = [(b"desc", desc), (b"wtpt", xyz(0.9642, 1.0, 0.8249)), (b"rXYZ", xyz(0.5151, 0.2412, -0.0011)),
            (b"gXYZ", xyz(0.2920, 0.6922, 0.0419)), (b"bXYZ", xyz(0.1571, 0.0666, 0.7841)),
            (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve), (b"cprt", b"text\0\0\0\0none\0\0\0\0")]
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for signature, data in tags:
        data += b"\0" * (-len(data) % 4)
        table += signature + struct.pack(">II", offset + len(body), len(data))
        body += data
    size = offset + len(body)
    header = (struct.pack(">I", size) + b"\0" * 4 + b"\x02\x10\0\0" + b"mntrRGB XYZ " + b"\0" * 12 + b"acsp"
              + b"\0" * 24 + b"\0" * 4 + xyz(0.9642, 1.0, 0.8249)[8:] + b"\0" * 4 + b"\0" * 44)
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + body


def bomb_png(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width×height pixels."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def jpeg_bytes(image: Image.Image, **params) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, **params)
    return buffer.getvalue()
