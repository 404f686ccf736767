"""Renditions: sizes, orientation, colour, and no metadata in any output file (read back)."""
from __future__ import annotations

import struct

import pillow_heif
from PIL import Image, ImageDraw

from photo_samples import SECRET, jpeg_bytes, p3_profile, phone_exif, request, scene, xmp_packet
from lantoa.photos import process

pillow_heif.register_heif_opener()
METADATA_BYTES = (b"Exif\0\0", b"http://ns.adobe.com/xap", b"ICC_PROFILE", SECRET.encode(), b"PhoneMaker")


def rendition_files(options, photo):
    return [options.cache_dir / "renditions" / r.name for r in photo.renditions]


def jpeg_markers(data: bytes) -> list[int]:
    """Marker codes of the segments before the first scan (where encoders put metadata)."""
    assert data[:2] == b"\xff\xd8"
    position, markers = 2, []
    while data[position] == 0xFF:
        marker = data[position + 1]
        markers.append(marker)
        if marker == 0xDA:
            break
        position += 2 + struct.unpack(">H", data[position + 2:position + 4])[0]
    return markers


def webp_chunks(data: bytes) -> list[bytes]:
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    position, chunks = 12, []
    while position + 8 <= len(data):
        kind, size = data[position:position + 4], struct.unpack("<I", data[position + 4:position + 8])[0]
        chunks.append(kind)
        position += 8 + size + (size & 1)
    return chunks


def avif_meta(data: bytes) -> bytes:
    """The `meta` box of an AVIF (ISOBMFF): item types (Exif, mime for XMP) and colour boxes live there."""
    assert data[4:8] == b"ftyp" and b"avif" in data[8:32]
    position = 0
    while position + 8 <= len(data):
        size, kind = struct.unpack(">I", data[position:position + 4])[0], data[position + 4:position + 8]
        if kind == b"meta":
            return data[position:position + size]
        position += size
    raise AssertionError("no meta box")


def assert_no_metadata(path):
    data = path.read_bytes()
    for needle in METADATA_BYTES:
        assert needle not in data, f"{path.name} carries {needle!r}"
    if path.suffix == ".jpg":
        markers = jpeg_markers(data)
        assert not [m for m in markers if 0xE1 <= m <= 0xEF or m == 0xFE], f"{path.name}: {markers}"
    elif path.suffix == ".avif":  # no Exif or XMP item, no ICC profile (an nclx colour box is not metadata)
        meta = avif_meta(data)
        assert not [kind for kind in (b"Exif", b"mime", b"prof", b"rICC") if kind in meta], path.name
    else:
        assert set(webp_chunks(data)) <= {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}, path.name
    with Image.open(path) as image:
        assert len(image.getexif()) == 0
        assert not {"exif", "xmp", "comment", "icc_profile"} & set(image.info), (path.name, image.info.keys())


def test_every_output_of_a_phone_photo_is_free_of_exif_gps_xmp_icc_and_comments(item_dir, options):
    jpeg = item_dir / "bia.jpg"
    jpeg.write_bytes(jpeg_bytes(scene(1800, 1200), exif=phone_exif(), icc_profile=p3_profile(),
                                comment=SECRET.encode(), xmp=xmp_packet()))
    assert SECRET.encode() in jpeg.read_bytes()  # the source really carries it
    png = item_dir / "chup-man-hinh.png"
    info = __import__("PIL.PngImagePlugin", fromlist=["PngInfo"]).PngInfo()
    info.add_text("Comment", SECRET)
    info.add_itxt("XML:com.adobe.xmp", xmp_packet().decode())
    scene(1000, 700).save(png, pnginfo=info, exif=phone_exif())
    heic = item_dir / "iphone.heic"
    scene(1200, 900).save(heic, exif=phone_exif().tobytes(), xmp=xmp_packet())

    photos, diagnostics = process([request(jpeg), request(png), request(heic)], options, progress=False)

    assert diagnostics == []
    assert set(photos) == {jpeg, png, heic}
    files = [f for photo in photos.values() for f in rendition_files(options, photo)]
    assert len(files) == sum(len(p.renditions) for p in photos.values()) >= 3 * 3  # AVIF at each width ≤ its own
    assert all([r.width for r in p.of_format("jpeg")] == [800] for p in photos.values())  # one JPEG fallback
    for path in files:
        assert_no_metadata(path)


def test_portrait_stored_landscape_with_orientation_6_comes_out_portrait(item_dir, options):
    source = item_dir / "doc.jpg"
    source.write_bytes(jpeg_bytes(scene(1600, 1200), exif=phone_exif(orientation=6)))

    photos, _ = process([request(source)], options, progress=False)

    photo = photos[source]
    assert (photo.width, photo.height) == (1200, 1600)
    for rendition, path in zip(photo.renditions, rendition_files(options, photo)):
        with Image.open(path) as image:
            assert image.size == (rendition.width, rendition.height)
            assert image.height > image.width
            # orientation 6 = rotate 90° clockwise to view: the top-left red block ends top-right
            red, green, _ = image.convert("RGB").getpixel((image.width - 3, 3))
            assert red > 180 and green < 80


def test_renditions_follow_the_widths_and_never_upscale(item_dir, options):
    source = item_dir / "vua.jpg"
    source.write_bytes(jpeg_bytes(scene(1000, 750)))

    photo = process([request(source)], options, progress=False)[0][source]

    assert [r.width for r in photo.of_format("avif")] == [480, 1000]  # 1200 capped at the photo's 1000
    assert [r.height for r in photo.of_format("avif")] == [360, 750]
    assert [(r.width, r.height) for r in photo.of_format("jpeg")] == [(800, 600)]  # the fallback: one width
    assert {r.mime for r in photo.renditions} == {"image/avif", "image/jpeg"}
    assert all(r.bytes == (options.cache_dir / "renditions" / r.name).stat().st_size for r in photo.renditions)
    assert photo.srcset("avif", base="../../").split(", ")[0].startswith("../../anh/")
    assert photo.srcset("avif").endswith(" 1000w")


def test_icc_profile_converted_to_srgb(item_dir, options):
    image = Image.new("RGB", (1000, 600), (180, 80, 80))
    ImageDraw.Draw(image).rectangle((500, 0, 999, 599), fill=(128, 128, 128))
    source = item_dir / "p3.jpg"
    source.write_bytes(jpeg_bytes(image, icc_profile=p3_profile()))

    photo = process([request(source)], options, progress=False)[0][source]

    with Image.open(options.cache_dir / "renditions" / photo.largest("jpeg").name) as out:
        scale = out.width / 1000  # the JPEG fallback is 800 px wide
        r, g, b = out.getpixel((int(100 * scale), int(300 * scale)))
        assert r > 190 and g < 75, (r, g, b)  # a P3 red is a more saturated sRGB red
        grey = out.getpixel((int(900 * scale), int(300 * scale)))
        assert max(grey) - min(grey) <= 3 and abs(grey[0] - 128) <= 6


def test_cmyk_palette_and_alpha_become_rgb(item_dir, options):
    cmyk = item_dir / "in-an.jpg"
    Image.new("CMYK", (900, 600), (0, 255, 255, 0)).save(cmyk, quality=95)
    palette = item_dir / "bang.png"
    scene(900, 600).convert("P", palette=Image.Palette.ADAPTIVE).save(palette)
    alpha = item_dir / "trong-suot.png"
    transparent = Image.new("RGBA", (900, 600), (0, 0, 0, 0))
    ImageDraw.Draw(transparent).rectangle((450, 0, 899, 599), fill=(20, 40, 200, 255))
    transparent.save(alpha)

    photos, diagnostics = process([request(cmyk), request(palette), request(alpha)], options, progress=False)

    assert diagnostics == []
    opened = {source: Image.open(options.cache_dir / "renditions" / photo.largest("jpeg").name)
              for source, photo in photos.items()}
    assert {image.mode for image in opened.values()} == {"RGB"}
    red = opened[cmyk].getpixel((int(450 * 800 / 900), int(300 * 800 / 900)))
    assert red[0] > 200 and red[1] < 70 and red[2] < 70, red
    assert min(opened[alpha].getpixel((int(100 * 800 / 900), int(300 * 800 / 900)))) > 245  # transparency over white, not black
    blue = opened[alpha].getpixel((int(800 * 800 / 900), int(300 * 800 / 900)))
    assert blue[2] > 170 and blue[0] < 60
    avif = Image.open(options.cache_dir / "renditions" / photos[alpha].largest("avif").name)
    assert avif.mode == "RGB"


def test_a_photo_requested_by_several_items_is_processed_once(item_dir, options):
    source = item_dir / "chung.jpg"
    source.write_bytes(jpeg_bytes(scene(800, 600)))
    requests = [request(source, 3), request(source, 9)]

    photos, diagnostics = process(requests, options, progress=False)

    assert list(photos) == [source] and diagnostics == []
    assert len(list((options.cache_dir / "renditions").iterdir())) == len(photos[source].renditions)
