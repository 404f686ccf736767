"""Each bad photo gives its diagnostic (naming the item and the photo), never an exception."""
from __future__ import annotations

import pytest

from photo_samples import ITEM, bomb_png, jpeg_bytes, request, scene
from lantoa.photos import PhotoOptions, process


def only(diagnostics):
    assert len(diagnostics) == 1, [d.format() for d in diagnostics]
    return diagnostics[0]


def run(source, options):
    return process([request(source, line=12)], options, progress=False)


@pytest.mark.parametrize("name, content, code", [
    ("ghi-chu.jpg", b"Day la ghi chu, khong phai anh.\n" * 20, "LT102"),
    ("rong.jpg", b"", "LT102"),
    ("tai-lieu.jpg", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "LT106"),
])
def test_not_an_image_and_unsupported_files(item_dir, options, name, content, code):
    source = item_dir / name
    source.write_bytes(content)

    photos, diagnostics = run(source, options)

    diagnostic = only(diagnostics)
    assert photos == {}
    assert (diagnostic.code, diagnostic.file, diagnostic.line, diagnostic.severity) == (code, ITEM, 12, "error")
    assert name in diagnostic.message


def test_truncated_jpeg(item_dir, options):
    data = jpeg_bytes(scene(1200, 900))
    source = item_dir / "dut.jpg"
    source.write_bytes(data[: len(data) // 2])

    photos, diagnostics = run(source, options)

    assert photos == {} and only(diagnostics).code == "LT103"
    assert "dut.jpg" in diagnostics[0].message


def test_corrupt_png_header(item_dir, options):
    source = item_dir / "hong.png"
    source.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x01garbage" * 10)

    photos, diagnostics = run(source, options)

    assert photos == {} and only(diagnostics).code == "LT103"


def test_decompression_bomb_over_the_limit(item_dir, options):
    source = item_dir / "bom.png"
    source.write_bytes(bomb_png(30_000, 30_000))  # 900 MP in 100 bytes

    photos, diagnostics = run(source, options)

    assert photos == {}
    diagnostic = only(diagnostics)
    assert diagnostic.code == "LT104" and "30000×30000" in diagnostic.message and "250" in diagnostic.message


def test_the_default_limit_lets_200_megapixel_phone_photos_through():
    assert PhotoOptions().max_pixels >= 16_384 * 12_288  # 201 MP, the largest phone sensor here
    assert PhotoOptions().max_pixels > 12_000 * 9_000


def test_limit_is_configurable(item_dir, options, tmp_path):
    source = item_dir / "lon.jpg"
    source.write_bytes(jpeg_bytes(scene(1200, 1000)))

    photos, diagnostics = run(source, PhotoOptions(cache_dir=tmp_path / "c2", max_pixels=1_000_000))

    assert photos == {} and only(diagnostics).code == "LT104"


def test_small_image_used_as_is_with_a_warning(item_dir, options):
    source = item_dir / "nho.jpg"
    source.write_bytes(jpeg_bytes(scene(300, 200)))

    photos, diagnostics = run(source, options)

    diagnostic = only(diagnostics)
    assert (diagnostic.code, diagnostic.severity) == ("LT105", "warning")
    assert "nho.jpg" in diagnostic.message and "300" in diagnostic.message
    photo = photos[source]
    assert [(r.format, r.width, r.height) for r in photo.renditions] == [("avif", 300, 200), ("jpeg", 300, 200)]


def test_gif_is_an_unsupported_format(item_dir, options):
    source = item_dir / "dong.gif"
    scene(800, 600).convert("P").save(source)

    photos, diagnostics = run(source, options)

    assert photos == {}
    assert only(diagnostics).code == "LT106" and "GIF" in diagnostics[0].message


def test_missing_file(item_dir, options):
    photos, diagnostics = run(item_dir / "khong-co.jpg", options)

    assert photos == {}
    diagnostic = only(diagnostics)
    assert (diagnostic.code, diagnostic.line) == ("LT101", 12) and "khong-co.jpg" in diagnostic.message


def test_bad_photos_do_not_stop_the_good_ones_and_each_item_is_told(item_dir, options):
    good = item_dir / "tot.jpg"
    good.write_bytes(jpeg_bytes(scene(900, 600)))
    bad = item_dir / "anh" / "xau.jpg"
    bad.parent.mkdir()
    bad.write_text("not a photo")
    other = "news/2024/le-ky-niem/index.md"
    requests = [request(good), request(bad, 4),
                type(request(bad))(source=bad, item_file=other, line=8)]

    photos, diagnostics = process(requests, options, progress=False)

    assert list(photos) == [good]
    assert sorted((d.file, d.line, d.code) for d in diagnostics) == [(other, 8, "LT102"), (ITEM, 4, "LT102")]
    assert "anh/xau.jpg" in [d for d in diagnostics if d.file == ITEM][0].message


def _png(image) -> bytes:
    import io
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("name, content", [
    ("anh.png", lambda: _png(scene(1200, 900))),  # every PNG was LT108 to the checker
    ("cut.png", lambda: _png(scene(1200, 900))[:5000]),  # the header promises what the data lacks
    ("anh.jpg", lambda: jpeg_bytes(scene(1200, 900))),
    ("cut.jpg", lambda: jpeg_bytes(scene(1200, 900))[:3000]),
])
def test_the_checker_says_of_a_photo_what_the_build_says(item_dir, options, name, content):
    from lantoa.photos.inspect import inspect

    source = item_dir / name
    source.write_bytes(content())
    built = [(d.code, d.line) for d in run(source, options)[1]]
    assert [(d.code, d.line) for d in inspect([request(source, line=12)], options)] == built
    assert built == ([] if not name.startswith("cut") else [("LT103", 12)])
