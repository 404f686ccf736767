"""The content-addressed cache, the stat-keyed manifest, publishing, and the log line."""
from __future__ import annotations

import os

from photo_samples import jpeg_bytes, request, scene
from lantoa.photos import PhotoOptions, process, publish


def urls(photo):
    return {r.url for r in photo.renditions}


def test_unchanged_photo_is_a_cache_hit_without_reading_its_bytes(item_dir, options):
    source = item_dir / "bia.jpg"
    source.write_bytes(jpeg_bytes(scene(1000, 700)))
    first = process([request(source)], options, progress=False)[0][source]
    stat = source.stat()
    # Same size and mtime, other bytes: only a reader of the bytes could notice.
    source.write_bytes(jpeg_bytes(scene(1000, 700).transpose(0)).ljust(stat.st_size, b"\0")[: stat.st_size])
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))

    second = process([request(source)], options, progress=False)[0][source]

    assert urls(second) == urls(first)


def test_changed_photo_is_a_miss_with_new_urls(item_dir, options):
    source = item_dir / "bia.jpg"
    source.write_bytes(jpeg_bytes(scene(1000, 700)))
    first = process([request(source)], options, progress=False)[0][source]
    source.write_bytes(jpeg_bytes(scene(1000, 700).rotate(180)))

    second = process([request(source)], options, progress=False)[0][source]

    assert urls(second).isdisjoint(urls(first))
    assert {r.width for r in second.renditions} == {480, 800, 1000}  # AVIF 480, 1000 (1200 capped); JPEG 800


def test_names_carry_the_encoder_settings(item_dir, options, tmp_path):
    source = item_dir / "bia.jpg"
    source.write_bytes(jpeg_bytes(scene(1000, 700)))
    first = process([request(source)], options, progress=False)[0][source]
    other = PhotoOptions(cache_dir=options.cache_dir, avif_quality=options.avif_quality + 5)

    second = process([request(source)], other, progress=False)[0][source]

    assert {r.url for r in first.of_format("jpeg")} == {r.url for r in second.of_format("jpeg")}
    assert {r.url for r in first.of_format("avif")}.isdisjoint({r.url for r in second.of_format("avif")})


def test_a_rendition_deleted_from_the_cache_is_made_again(item_dir, options):
    source = item_dir / "bia.jpg"
    source.write_bytes(jpeg_bytes(scene(1000, 700)))
    photo = process([request(source)], options, progress=False)[0][source]
    lost = options.cache_dir / "renditions" / photo.largest("avif").name
    lost.unlink()

    again = process([request(source)], options, progress=False)[0][source]

    assert urls(again) == urls(photo) and lost.exists()


def test_publish_places_only_the_renditions_in_use(item_dir, options, tmp_path):
    old, new = item_dir / "cu.jpg", item_dir / "moi.jpg"
    old.write_bytes(jpeg_bytes(scene(900, 600)))
    new.write_bytes(jpeg_bytes(scene(800, 600)))
    site = tmp_path / "site"
    photos = process([request(old), request(new)], options, progress=False)[0]
    publish(photos.values(), options, site)
    (site / "anh" / "ghi-chu-cua-nguoi-khac.txt").write_text("not ours")

    publish([photos[new]], options, site)  # a later build: cu.jpg no longer referenced

    published = {p.name for p in (site / "anh").iterdir()}
    assert published == {r.name for r in photos[new].renditions} | {"ghi-chu-cua-nguoi-khac.txt"}
    for rendition in photos[new].renditions:
        assert (site / rendition.url).read_bytes() == (options.cache_dir / "renditions" / rendition.name).read_bytes()


def test_one_line_summary_on_stderr_without_a_terminal(item_dir, options, capsys):
    source = item_dir / "bia.jpg"
    source.write_bytes(jpeg_bytes(scene(700, 500)))
    process([request(source), request(item_dir / "mat.jpg")], options, progress=False)

    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Ảnh: 2 ảnh") and "1 lỗi" in lines[0]
