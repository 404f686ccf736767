"""Diagnostics of the photo pipeline (LT101–LT129). `{photo}` is the photo's path as staff wrote it."""
from __future__ import annotations

from ..diagnostics import define

MISSING = define(
    "LT101", "error", "Không tìm thấy ảnh",
    "Không tìm thấy tệp ảnh {photo}.",
    "Đặt tệp ảnh cạnh index.md hoặc sửa tên tệp trong mục `photos`.")
NOT_AN_IMAGE = define(
    "LT102", "error", "Tệp không phải là ảnh",
    "Tệp {photo} không phải là ảnh (có thể là tệp văn bản hoặc tài liệu đổi đuôi).",
    "Thay bằng tệp ảnh gốc JPEG, PNG, WebP hoặc HEIC.")
CORRUPT = define(
    "LT103", "error", "Ảnh bị hỏng hoặc không trọn vẹn",
    "Ảnh {photo} bị hỏng hoặc bị cắt cụt, không đọc được ({reason}).",
    "Chép lại ảnh từ điện thoại hoặc máy ảnh; tệp hiện có bị thiếu hoặc hỏng.")
TOO_MANY_PIXELS = define(
    "LT104", "error", "Ảnh quá nhiều điểm ảnh",
    "Ảnh {photo} có {megapixels} triệu điểm ảnh ({width}×{height}), vượt giới hạn {limit} triệu.",
    "Thu nhỏ ảnh còn tối đa {limit} triệu điểm ảnh trước khi thêm vào bài, hoặc nhờ người quản trị tăng `photo_max_pixels` trong mkdocs.yml.")
TOO_SMALL = define(
    "LT105", "warning", "Ảnh nhỏ",
    "Ảnh {photo} chỉ rộng {width} điểm ảnh (nhỏ hơn {smallest}); ảnh được dùng nguyên cỡ và sẽ mờ trên màn hình lớn.",
    "Dùng ảnh gốc từ điện thoại (rộng ít nhất {smallest} điểm ảnh), không dùng ảnh thu nhỏ hay ảnh chụp màn hình.")
UNSUPPORTED = define(
    "LT106", "error", "Định dạng ảnh không được hỗ trợ",
    "Ảnh {photo} có định dạng {format}, không được hỗ trợ.",
    "Xuất ảnh sang JPEG (ảnh chụp màn hình thì PNG); nhận JPEG, PNG, WebP, HEIC và AVIF.")
UNREADABLE = define(
    "LT107", "error", "Không đọc được tệp ảnh",
    "Không đọc được tệp ảnh {photo} ({reason}).",
    "Kiểm tra tệp có quyền đọc và không phải lối tắt hỏng.")
FAILED = define(
    "LT108", "error", "Không xử lý được ảnh",
    "Không xử lý được ảnh {photo} ({reason}).",
    "Mở ảnh trên máy tính, lưu lại dạng JPEG rồi thay tệp cũ; nếu vẫn lỗi, báo người quản trị trang.")
