"""Diagnostics of the photo pipeline (LT101–LT129). `{photo}` is the photo's path as staff wrote it."""
from __future__ import annotations

from ..diagnostics import define

MISSING = define(
    "LT101", "error", "Không tìm thấy ảnh",
    "Không tìm thấy tệp ảnh {photo}.",
    "Put the photo file next to index.md or correct its file name in `photos`.")
NOT_AN_IMAGE = define(
    "LT102", "error", "Tệp không phải là ảnh",
    "Tệp {photo} không phải là ảnh (có thể là tệp văn bản hoặc tài liệu đổi đuôi).",
    "Replace it with the original JPEG, PNG, WebP or HEIC photo file.")
CORRUPT = define(
    "LT103", "error", "Ảnh bị hỏng hoặc không trọn vẹn",
    "Ảnh {photo} bị hỏng hoặc bị cắt cụt, không đọc được ({reason}).",
    "Copy the photo again from the phone or camera; the file is incomplete or damaged.")
TOO_MANY_PIXELS = define(
    "LT104", "error", "Ảnh quá nhiều điểm ảnh",
    "Ảnh {photo} có {megapixels} triệu điểm ảnh ({width}×{height}), vượt giới hạn {limit} triệu.",
    "Resize the photo to at most {limit} megapixels before adding it, or raise `photo_max_pixels` in mkdocs.yml.")
TOO_SMALL = define(
    "LT105", "warning", "Ảnh nhỏ",
    "Ảnh {photo} chỉ rộng {width} điểm ảnh (nhỏ hơn {smallest}); ảnh được dùng nguyên cỡ và sẽ mờ trên màn hình lớn.",
    "Use the original photo from the phone (at least {smallest} pixels wide), not a thumbnail or a screenshot of it.")
UNSUPPORTED = define(
    "LT106", "error", "Định dạng ảnh không được hỗ trợ",
    "Ảnh {photo} có định dạng {format}, không được hỗ trợ.",
    "Export the photo as JPEG (or PNG for a screenshot); JPEG, PNG, WebP, HEIC and AVIF are accepted.")
UNREADABLE = define(
    "LT107", "error", "Không đọc được tệp ảnh",
    "Không đọc được tệp ảnh {photo} ({reason}).",
    "Check the file's permissions and that it is not a broken link.")
FAILED = define(
    "LT108", "error", "Không xử lý được ảnh",
    "Không xử lý được ảnh {photo} ({reason}).",
    "Open the photo on a computer and save it again as JPEG; report the problem if it persists.")
