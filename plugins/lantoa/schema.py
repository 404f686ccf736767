"""The content schema: every front-matter field of every kind of item, declared once.

Validation (`load`), the scaffolder (`scripts/new`), the web editor's config and
the staff guide are all made from these declarations. Keys are English, labels
and help texts Vietnamese.
"""
from __future__ import annotations

import dataclasses
from typing import Any


@dataclasses.dataclass(frozen=True)
class Field:
    name: str
    type: str  # see TYPES
    label: str  # Vietnamese label (editor, guide)
    help: str  # Vietnamese explanation (scaffold comments, editor hints, guide)
    example: Any = None
    required: bool = False
    choices: tuple[str, ...] = ()
    fields: tuple["Field", ...] = ()  # for "records": the fields of each entry
    default: Any = None
    not_before: tuple[str, ...] = ()  # dates of the same record this one may not precede
    not_after: tuple[str, ...] = ()  # … nor follow


TYPES = {
    "string": "một dòng chữ",
    "text": "một đoạn văn",
    "date": "ngày (2024-03-08 hoặc 8/3/2024)",
    "bool": "true hoặc false",
    "choice": "một trong các giá trị cho sẵn",
    "strings": "danh sách dòng chữ",
    "unit": "mã hoặc tên địa bàn trong stories/units.yml",
    "units": "danh sách địa bàn trong stories/units.yml",
    "campaign": "mã (tên thư mục) của một phong trào",
    "campaigns": "danh sách mã phong trào",
    "criteria": "danh sách mã tiêu chí của các phong trào đã chọn",
    "file": "tên tệp nằm cạnh index.md",
    "records": "danh sách mục, mỗi mục có các trường riêng",
}

SUBJECT_KINDS = ("cá nhân", "tập thể", "mô hình")
CAMPAIGN_KINDS = ("phong trào thi đua", "cuộc vận động", "đợt thi đua")
CAMPAIGN_LEVELS = ("trung ương", "tỉnh", "huyện", "xã")
NEWS_KINDS = ("phát động", "sơ kết", "tổng kết", "tuyên dương", "hoạt động")
UNIT_LEVELS = ("tỉnh", "thành phố", "huyện", "thị xã", "xã", "phường", "thị trấn", "đặc khu")
DISTRICT_LEVELS = ("thành phố", "huyện", "thị xã")
SPECIAL_GROUPS = ("dân tộc thiểu số", "khuyết tật", "đơn thân", "tôn giáo", "vùng biên giới")

PHOTO_FIELDS = (
    Field("file", "file", "Tệp ảnh", "Tên tệp ảnh đặt cạnh index.md.", "anh-1.jpg", required=True),
    Field("caption", "string", "Chú thích", "Mô tả ảnh: ai, đang làm gì, ở đâu. Dùng làm văn bản thay thế.",
          "Chị Mai chăm sóc vườn hồi", required=True),
    Field("credit", "string", "Nguồn ảnh", "Người chụp hoặc đơn vị cung cấp, in thành «Ảnh: …».", "Thu Hà"),
)
CRITERION_FIELDS = (
    Field("id", "string", "Mã tiêu chí", "Mã ngắn, chữ không dấu, duy nhất trong phong trào.", "tri-thuc",
          required=True),
    Field("name", "string", "Tên tiêu chí", "Tên đầy đủ của tiêu chí.", "Có tri thức", required=True),
    Field("description", "text", "Nội dung", "Giải thích ngắn về tiêu chí.", None),
)
ATTACHMENT_FIELDS = (
    Field("file", "file", "Tệp", "Tên tệp (PDF…) đặt cạnh index.md.", "ke-hoach.pdf", required=True),
    Field("title", "string", "Tên văn bản", "Tên hiển thị của tệp.", "Kế hoạch số 80/KH-BTV", required=True),
)

_TITLE = Field("title", "string", "Tiêu đề", "Tiêu đề bài, ngắn gọn, có tên người hoặc tập thể.",
               "Chị Hoàng Thị Mai đưa cây hồi lên núi", required=True)
_SUMMARY = Field("summary", "text", "Sapo", "Đoạn mở đầu in đậm, 1–3 câu, dùng làm mô tả khi chia sẻ.",
                 "Từ hai bàn tay trắng, chị Mai đã giúp 30 hội viên thoát nghèo.", required=True)
_DATE = Field("date", "date", "Ngày đăng", "Ngày của bài viết.", "2024-03-08", required=True)
_UPDATED = Field("updated", "date", "Ngày sửa", "Ngày sửa nội dung bài sau khi đăng (đính chính, bổ sung); bỏ trống "
                 "nếu chưa sửa. Máy tìm kiếm và ứng dụng đọc tin dùng ngày này.", "2024-04-02", not_before=("date",))
_PHOTOS = Field("photos", "records", "Ảnh", "Các ảnh của bài, mỗi ảnh có tệp, chú thích và nguồn.",
                None, fields=PHOTO_FIELDS)
_COVER = Field("cover", "file", "Ảnh đại diện", "Ảnh dùng làm ảnh bìa và ảnh chia sẻ; mặc định là ảnh đầu tiên.",
               "anh-1.jpg")
_BYLINE = Field("byline", "string", "Tác giả", "Người viết và đơn vị.", "Thu Hà (Hội LHPN huyện Lộc Bình)")
_TAGS = Field("tags", "strings", "Thẻ", "Từ khóa; nhóm đặc thù: " + ", ".join(SPECIAL_GROUPS) + ".",
              ["dân tộc thiểu số"])
_FEATURED = Field("featured", "bool", "Nổi bật", "true để đưa bài lên trang chủ.", False, default=False)
_DRAFT = Field("draft", "bool", "Bản nháp", "true để chưa đăng bài.", False, default=False)

STORY = (
    _TITLE,
    Field("subject", "string", "Nhân vật", "Họ tên người, tên tập thể hoặc mô hình được nêu gương.",
          "Hoàng Thị Mai", required=True),
    Field("subject_kind", "choice", "Loại điển hình", "Cá nhân, tập thể hay mô hình.", "cá nhân",
          required=True, choices=SUBJECT_KINDS),
    Field("unit", "unit", "Địa bàn", "Nơi nhân vật sống, ghi theo tên gọi tại thời điểm viết bài.",
          "huyện Lộc Bình", required=True),
    _DATE, _UPDATED,
    Field("campaigns", "campaigns", "Phong trào", "Các phong trào, cuộc vận động mà bài gắn với.",
          ["phu-nu-viet-nam-thoi-dai-moi"], required=True),
    Field("criteria", "criteria", "Tiêu chí", "Mã các tiêu chí nhân vật tiêu biểu, thuộc các phong trào đã chọn.",
          ["tri-thuc"]),
    Field("awards", "strings", "Khen thưởng", "Các hình thức khen thưởng đã nhận.",
          ["Giấy khen của Hội LHPN tỉnh năm 2023"]),
    _PHOTOS, _COVER, _SUMMARY, _BYLINE, _TAGS, _FEATURED, _DRAFT,
)

NEWS = (
    _TITLE,
    Field("kind", "choice", "Loại tin", "Phát động, sơ kết, tổng kết, tuyên dương hay hoạt động.", "phát động",
          required=True, choices=NEWS_KINDS),
    _DATE, _UPDATED,
    Field("campaigns", "campaigns", "Phong trào", "Các phong trào mà tin nói đến.", ["phu-nu-viet-nam-thoi-dai-moi"]),
    Field("units", "units", "Địa bàn", "Nơi diễn ra sự kiện.", ["huyện Lộc Bình"]),
    _SUMMARY, _BYLINE, _PHOTOS, _COVER, _TAGS, _FEATURED, _DRAFT,
)

CAMPAIGN = (
    Field("title", "string", "Tên phong trào", "Tên đầy đủ của phong trào, cuộc vận động hoặc đợt thi đua.",
          "Xây dựng người Phụ nữ Việt Nam thời đại mới", required=True),
    Field("kind", "choice", "Loại", "Phong trào thi đua, cuộc vận động hay đợt thi đua.", "phong trào thi đua",
          required=True, choices=CAMPAIGN_KINDS),
    Field("level", "choice", "Cấp phát động", "Cấp của cơ quan phát động.", "tỉnh", required=True,
          choices=CAMPAIGN_LEVELS),
    Field("issuer", "string", "Cơ quan ban hành", "Cơ quan ký văn bản phát động.",
          "Ban Thường vụ Hội LHPN tỉnh Lạng Sơn", required=True),
    Field("document_number", "string", "Số văn bản", "Số, ký hiệu văn bản.", "80/KH-BTV"),
    Field("issued", "date", "Ngày ban hành", "Ngày ký văn bản.", "2022-09-20"),
    Field("start", "date", "Ngày bắt đầu", "Ngày bắt đầu thực hiện.", "2022-09-20", required=True),
    Field("end", "date", "Ngày kết thúc", "Ngày kết thúc; bỏ trống nếu chưa định.", "2027-06-30",
          not_before=("start",)),
    # The window opens once the campaign has started; it may run after `end` (a đợt thi đua ends,
    # then its results are reviewed and nominated: the campaign timeline shows it so).
    Field("nomination_start", "date", "Bắt đầu xét chọn", "Ngày mở nhận hồ sơ đề nghị khen thưởng.", "2022-10-01",
          not_before=("start",)),
    Field("nomination_end", "date", "Hết hạn xét chọn", "Hạn cuối nhận hồ sơ.", "2022-10-31",
          not_before=("start", "nomination_start")),
    Field("unit", "unit", "Địa bàn phát động", "Địa bàn của cấp Hội phát động.", "lang-son"),
    Field("parent", "campaign", "Phong trào cấp trên", "Mã phong trào mà phong trào này triển khai.",
          "phu-nu-viet-nam-thoi-dai-moi"),
    Field("criteria", "records", "Tiêu chí", "Các tiêu chí, mỗi tiêu chí có mã và tên.", None,
          fields=CRITERION_FIELDS),
    Field("targets", "strings", "Chỉ tiêu", "Các chỉ tiêu phấn đấu.", ["100% cơ sở Hội triển khai"]),
    Field("awards", "strings", "Hình thức khen thưởng", "Bằng khen, Giấy khen…", ["Bằng khen của Hội LHPN tỉnh"]),
    Field("attachments", "records", "Văn bản đính kèm", "Các tệp văn bản đặt cạnh index.md.", None,
          fields=ATTACHMENT_FIELDS),
    _PHOTOS, _COVER, _SUMMARY, _TAGS, _DRAFT,
)

UNIT = (
    Field("key", "string", "Mã", "Mã không dấu, duy nhất, không đổi.", "huyen-loc-binh", required=True),
    Field("name", "string", "Tên", "Tên địa bàn, không kèm cấp.", "Lộc Bình", required=True),
    Field("level", "choice", "Cấp", "Cấp hành chính.", "huyện", required=True, choices=UNIT_LEVELS),
    Field("parent", "unit", "Trực thuộc", "Mã địa bàn cấp trên.", "lang-son"),
    Field("aliases", "strings", "Tên gọi khác", "Cách viết khác được chấp nhận.", ["H. Lộc Bình"]),
    Field("valid_from", "date", "Có từ ngày", "Ngày thành lập (bỏ trống nếu đã có từ trước).", "2025-07-01"),
    Field("valid_to", "date", "Đến ngày", "Ngày cuối cùng tồn tại (nếu đã sáp nhập, giải thể).", "2025-06-30"),
    Field("successors", "units", "Sáp nhập vào", "Mã các địa bàn kế thừa.", ["xa-loc-binh"]),
)

KINDS = {"story": STORY, "news": NEWS, "campaign": CAMPAIGN}
KIND_LABELS = {"story": "Gương điển hình", "news": "Tin tức", "campaign": "Phong trào", "unit": "Địa bàn"}
# Where each kind lives under stories/: parts after the kind folder.
KIND_FOLDERS = {"story": ("people", "<năm>", "<tên-bài>"), "news": ("news", "<năm>", "<tên-bài>"),
                "campaign": ("campaigns", "<mã-phong-trào>")}


def field_names(fields: tuple[Field, ...]) -> list[str]:
    return [f.name for f in fields]


def field_map(fields: tuple[Field, ...]) -> dict[str, Field]:
    return {f.name: f for f in fields}
