"""The generated pages of the staff guide (docs/huong-dan/): fields and diagnostic codes.

Made from the schema and `CODES`, so the guide cannot drift from the code: the
pages are committed, and a test fails when they differ from what this module
writes. Regenerate with `python -m lantoa.guide` or `scripts/new --write-guide`.
"""
from __future__ import annotations

import html
import string
import sys
from pathlib import Path

from . import text
from .diagnostics import Code, all_codes
from .draft import Draft, format_value, render
from .schema import KIND_FOLDERS, KIND_LABELS, KINDS, TYPES, UNIT, Field

GUIDE_DIR = "docs/huong-dan"
FIELDS_PAGE = "cac-truong.md"
CODES_PAGE = "ma-loi.md"
GENERATED_NOTE = ("<!-- Trang này sinh tự động từ mã nguồn (python -m lantoa.guide). "
                  "Đừng sửa tay: sửa plugins/lantoa/schema.py hoặc guide.py rồi sinh lại. -->")

# How to fix each problem, at more length than the one-line hint of the diagnostic.
FIXES = {
    "LT054": "Mỗi địa bàn chỉ ghi «parent» là địa bàn lớn hơn chứa nó (xã → huyện → tỉnh); sửa một trong các "
             "«parent» của vòng lặp được nêu để chuỗi địa bàn dừng ở tỉnh.",
    "LT055": "«successors» chỉ ghi những địa bàn được lập ra sau, để thay địa bàn đã bỏ; xóa địa bàn cũ khỏi "
             "«successors» của địa bàn mới để vòng lặp được nêu không còn.",
    "LT070": "Thay liên kết (symlink) bằng chính tệp: chép tệp vào thư mục của bài trong dự án. Lan Tỏa không đọc "
             "tệp nằm ngoài dự án, để không có nội dung ngoài ý muốn lên trang.",
    "LT071": "Tệp đính kèm chỉ được là PDF, Word, Excel, OpenDocument, ảnh hoặc ZIP. Trang web (.html), SVG và "
             "tệp chạy được bị từ chối; hãy lưu văn bản thành PDF rồi đính kèm.",
    "LT073": "Bỏ «draft: true» ở phong trào, bài hoặc tin được nhắc tới để đăng nó trước, hoặc xóa mã của nó "
             "khỏi trường được nêu. Nội dung chưa đăng không bao giờ hiện trên trang.",
    "LT075": "Đặt tên thư mục bài bằng vài chữ không dấu nối bằng gạch ngang (ví dụ «chi-mai-trong-hoi»); "
             "tên chỉ có biểu tượng cảm xúc hay dấu câu không tạo được địa chỉ trang.",
    "LT076": "Đổi tên tệp thành đúng «index.md» (chữ thường, đuôi .md), hoặc thêm index.md vào thư mục bài; "
             "tệp có tên khác bị bỏ qua và không lên trang.",
    "LT001": "Mở tệp bằng trình soạn thảo rồi lưu lại với bảng mã UTF-8 (VS Code: «Save with Encoding → UTF-8»). "
             "Nếu thiếu stories/units.yml, hãy tạo tệp này với danh sách địa bàn. Nếu đó là thư mục, lối tắt, "
             "một ống hay thiết bị, hoặc tệp không có quyền đọc, lời nhắc nói cách sửa từng trường hợp.",
    "LT002": "Dòng đầu tiên của index.md phải là `---`, tiếp theo là các trường (`title: …`), rồi một dòng `---` "
             "nữa; nội dung bài viết bên dưới dòng này.",
    "LT003": "Thông báo nói điều đã viết sai: dấu hai chấm trong giá trị chưa đặt trong dấu nháy, "
             "phím Tab, thiếu dấu cách sau dấu hai chấm, dấu nháy hay dấu ngoặc mở mà không đóng… "
             "Xem dòng được báo và dòng ngay trên nó: sau mỗi tên trường phải có dấu hai chấm và một dấu cách; "
             "các dòng con (ảnh, tiêu chí) thụt vào đều nhau bằng dấu cách, không dùng phím Tab. "
             "Giá trị có dấu «:» hoặc «#», hoặc bắt đầu bằng «@», «*», «&», «[», phải đặt trong dấu nháy kép: "
             "`title: \"Phụ nữ: tự tin\"`.",
    "LT004": "Phần khai báo chỉ gồm các dòng «tên trường: giá trị», mỗi trường một dòng.",
    "LT005": "Thêm trường còn thiếu; thông báo có sẵn một dòng mẫu để chép vào.",
    "LT006": "Tên trường viết sai hoặc không dùng: sửa theo gợi ý «có phải…», hoặc xóa dòng đó. "
             "Tên trường viết bằng tiếng Anh, không dấu, như trong [danh sách các trường](cac-truong.md).",
    "LT007": "Viết giá trị đúng kiểu: danh sách viết trong ngoặc vuông `[a, b]` hoặc mỗi mục một dòng bắt đầu "
             "bằng `- `; true/false không đặt trong ngoặc kép.",
    "LT008": "Viết ngày theo dạng `2024-03-08` hoặc `8/3/2024` và kiểm tra ngày có thật: thông báo nói rõ "
             "chỗ sai (không có tháng 13; tháng 2 năm 2023 chỉ có 28 ngày; không có 25 giờ).",
    "LT009": "Chỉ dùng một trong các giá trị cho sẵn (xem thông báo); chữ có dấu hay không dấu đều được.",
    "LT010": "Một trường chỉ được khai báo một lần: giữ một dòng, xóa dòng còn lại.",
    "LT011": "Viết nội dung bài bên dưới dòng `---` thứ hai. Bài chưa có nội dung thì chưa được đăng.",
    "LT012": "Không cần làm gì ngay: chữ đã được tự chuẩn hóa. Để hết cảnh báo, đặt bộ gõ Unikey ở bảng mã "
             "«Unicode dựng sẵn» rồi gõ lại hoặc dán lại đoạn chữ đó.",
    "LT013": "Mỗi bài là một thư mục riêng chứa tệp index.md: `stories/people/<năm>/<tên-bài>/index.md`, "
             "`stories/news/<năm>/<tên-bài>/index.md` hoặc `stories/campaigns/<mã>/index.md`. "
             "Chuyển tệp vào đúng chỗ (tạo bài bằng `scripts/new` để khỏi nhầm).",
    "LT014": "Chuyển thư mục bài sang thư mục năm đúng với ngày đăng, hoặc sửa lại ngày đăng.",
    "LT015": "Lan Tỏa **xóa** các ký tự điều khiển vô hình (NUL, ESC, ngắt dòng U+2028/U+2029, các ký tự đảo chiều "
             "chữ U+202A–U+202E và U+2066–U+2069) khỏi mọi trường và nội dung, để chúng không lọt vào trang, "
             "RSS hay sơ đồ trang; bài vẫn được đăng nhưng bản dựng chính thức dừng lại cho đến khi tệp sạch. "
             "Chúng thường theo vào khi dán chữ từ trang web, Word hay Zalo: xóa rồi gõ lại đoạn chữ quanh dòng "
             "được báo (trong VS Code, bật «Render Control Characters» để thấy chúng).",
    "LT016": "Phần khai báo chỉ cần vài dòng «tên trường: giá trị», danh sách lồng nhau vài tầng. "
             "Phần khai báo lồng nhau quá nhiều tầng, hoặc dùng neo «&» và bí danh «*» của YAML để nhân bản "
             "thành hàng chục nghìn giá trị, bị từ chối mà không đọc; hãy viết lại cho đơn giản, như mẫu trong "
             "[các trường khai báo](cac-truong.md).",
    "LT017": "Ngày kết thúc (`end`) không được trước ngày bắt đầu (`start`); đợt xét chọn "
             "(`nomination_start`, `nomination_end`) không được mở trước khi phong trào bắt đầu, và hạn cuối "
             "không trước ngày mở (xét chọn sau ngày kết thúc thì được: sơ kết, tổng kết rồi mới đề nghị "
             "khen thưởng). Sửa lại ngày viết nhầm (thường là nhầm năm hoặc đảo ngày và tháng).",
    "LT018": "Trong YAML, « #» (dấu cách rồi dấu #) mở đầu một ghi chú: mọi chữ sau nó bị bỏ, nên "
             "`title: Giải #1 toàn tỉnh` chỉ còn «Giải». Nếu dấu # là một phần của giá trị, đặt cả giá trị trong "
             "dấu nháy kép: `title: \"Giải #1 toàn tỉnh\"`. Nếu đó là ghi chú, viết một dấu cách sau dấu #.",
    "LT019": "Mỗi ảnh (và mỗi văn bản đính kèm, mỗi tiêu chí) là một mục có tên các trường: không viết "
             "`- anh-1.jpg` mà viết `- file: anh-1.jpg`, rồi ở dòng dưới, thụt vào ngang chữ `file`, "
             "`caption: …` và `credit: …`.",
    "LT020": "Viết tên địa bàn đúng như trong stories/units.yml (hoặc mã của nó), theo gợi ý «có phải…». "
             "Nếu địa bàn chưa có trong danh mục, hãy [thêm địa bàn](phong-trao-va-dia-ban.md#them-dia-ban).",
    "LT021": "Có nhiều địa bàn cùng tên (ví dụ huyện và xã cùng tên): viết kèm cấp, như «huyện Lộc Bình», "
             "hoặc viết mã, như `huyen-loc-binh`.",
    "LT022": "Viết mã phong trào, tức tên thư mục của phong trào trong stories/campaigns/, theo gợi ý «có phải…».",
    "LT023": "Chỉ dùng mã tiêu chí có trong mục `criteria` của các phong trào bài đã chọn; "
             "xem mã trên trang của phong trào.",
    "LT024": "Bài viết về thời điểm địa bàn chưa có hoặc đã sáp nhập: ghi tên địa bàn như gọi vào ngày đăng "
             "(thông báo cho biết địa bàn mới), hoặc kiểm tra lại ngày đăng.",
    "LT025": "Trường `parent` phải trỏ tới phong trào cấp trên mà phong trào này triển khai, "
             "không trỏ ngược về chính nó hay phong trào cấp dưới.",
    "LT030": "Hai bài có cùng tên thư mục trong cùng một năm: đổi tên thư mục của một bài.",
    "LT032": "Hai trang không thể ở cùng một địa chỉ: đổi tên thư mục của bài, tin hoặc phong trào được nêu "
             "(thêm tên người, tên xã…) để nó có địa chỉ riêng; trang còn lại giữ nguyên.",
    "LT031": "Mỗi tiêu chí trong một phong trào cần một mã riêng: đổi mã bị trùng.",
    "LT033": "Lan Tỏa tự tạo trang ở địa chỉ ấy (trang chủ, danh sách câu chuyện, phong trào, địa bàn, lưu trữ, "
             "thống kê, tìm kiếm…), nên trang viết tay cùng địa chỉ trong docs/ không được đưa lên. Đổi tên tệp "
             "ấy (ví dụ docs/gioi-thieu-cau-chuyen.md) rồi thêm nó vào nav, hoặc xóa nó nếu chỉ để giữ chỗ.",
    "LT040": "Đặt tệp cạnh index.md, hoặc sửa tên tệp trong bài cho khớp, kể cả chữ hoa, chữ thường "
             "(`Anh-1.JPG` khác `anh-1.jpg`).",
    "LT041": "Chép tệp vào thư mục của bài và chỉ ghi tên tệp, như `anh-1.jpg`, không ghi đường dẫn.",
    "LT043": "Ảnh đại diện (`cover`) phải là tên một ảnh đã có trong mục `photos`.",
    "LT044": "Ảnh chèn vào giữa bài (`![chú thích](anh-2.jpg)`, hay nút chèn ảnh của trình soạn bài) phải có "
             "trong mục `photos`, có chú thích: chỉ ảnh đã khai báo mới được thu nhỏ, bỏ thông tin vị trí "
             "(GPS) và đăng. Ảnh ấy hiện đúng chỗ chèn, không lặp lại ở cuối bài.",
    "LT045": "Ảnh chèn vào giữa bài phải nằm cạnh index.md và có trong mục `photos`: sửa tên trong bài cho "
             "khớp (kể cả chữ hoa, chữ thường), hoặc chép ảnh vào thư mục bài rồi khai báo nó.",
    "LT046": "Liên kết trong bài phải tới một trang đang có: dán địa chỉ trang lấy từ trình duyệt, hoặc ghi "
             "đường dẫn tới index.md của bài kia (`../chi-mai/index.md` cho bài cùng năm, "
             "`../../2023/chi-mai/index.md` cho bài năm khác). Bài kia đổi tên thư mục, đổi năm hay bị xóa "
             "thì sửa hoặc bỏ liên kết; thông báo gợi ý địa chỉ mới khi thấy bài cùng tên thư mục.",
    "LT047": "Bài được nhắc tới còn là bản nháp hoặc hẹn đăng ngày sau: người đọc bấm liên kết sẽ gặp trang "
             "không có. Đăng bài ấy trước, hoặc tạm bỏ liên kết rồi thêm lại khi bài ấy đã đăng.",
    "LT048": "Tệp cạnh index.md chỉ được đưa lên trang khi là ảnh trong «photos» hoặc văn bản trong «attachments» "
             "của phong trào. Với phong trào, thêm tệp vào «attachments» (có «title»); với câu chuyện và tin, "
             "đưa tệp vào phong trào và liên kết tới trang phong trào, hoặc bỏ liên kết.",
    "LT050": "Mỗi địa bàn trong stories/units.yml cần một mã riêng: đổi mã bị trùng.",
    "LT051": "Mã địa bàn viết chữ thường không dấu, các chữ nối bằng dấu gạch ngang, như `xa-loc-binh`.",
    "LT052": "Trường `parent` hoặc `successors` phải ghi mã của một địa bàn đã có trong danh mục.",
    "LT053": "Ngày `valid_to` (ngày cuối cùng tồn tại) phải sau ngày `valid_from`.",
    "LT060": "Bài chỉ viết bằng Markdown thường: liên kết bắt đầu bằng https://, không chèn thẻ `<script>` "
             "hay thuộc tính `on…=`. Phần nguy hiểm đã bị loại khỏi trang; hãy xóa nó trong bài.",
    "LT101": "Đặt tệp ảnh cạnh index.md hoặc sửa tên tệp trong mục `photos`.",
    "LT102": "Tệp mang đuôi ảnh nhưng không phải ảnh: thay bằng tệp ảnh gốc (JPEG, PNG, WebP, HEIC).",
    "LT103": "Ảnh bị hỏng hoặc chép chưa xong: chép lại ảnh từ điện thoại hoặc máy ảnh.",
    "LT104": "Ảnh quá lớn: thu nhỏ ảnh (ví dụ còn 4000 điểm ảnh chiều rộng) trước khi thêm vào bài.",
    "LT105": "Dùng ảnh gốc từ điện thoại (rộng ít nhất như thông báo), không dùng ảnh thu nhỏ hay ảnh chụp màn hình.",
    "LT106": "Xuất ảnh sang JPEG (ảnh chụp màn hình thì PNG); nhận JPEG, PNG, WebP, HEIC và AVIF.",
    "LT107": "Không mở được tệp ảnh: kiểm tra tệp có thật và có quyền đọc (không phải lối tắt hỏng).",
    "LT108": "Mở ảnh trên máy tính, lưu lại dạng JPEG rồi thay tệp cũ; nếu vẫn lỗi, báo cho người quản trị trang.",
    "LT131": "Người quản trị trang thêm dòng `site_url: https://…/` (địa chỉ trang) vào mkdocs.yml.",
    "LT132": "Người quản trị trang sửa `site_url` trong mkdocs.yml thành địa chỉ đầy đủ, bắt đầu bằng https://.",
    "LT133": "Người quản trị trang chép mã số Zalo OA (chỉ gồm chữ số) từ oa.zalo.me vào `zalo_oa_id`, "
             "hoặc xóa dòng này.",
    "LT134": "Thêm trường `summary`: một, hai câu giới thiệu khiến người đọc muốn mở bài.",
    "LT136": "Người quản trị trang sửa tùy chọn ấy trong mkdocs.yml (mục plugins → lantoa) theo lời nhắc; "
             "README, mục Configuration, liệt kê mọi tùy chọn và giá trị mặc định. Trong lúc chờ sửa, bản xem "
             "trước dùng giá trị mặc định; bản dựng chính thức dừng lại.",
    "LT137": "Tên tùy chọn viết sai nên không có tác dụng: sửa cho đúng tên trong README (mục Configuration), "
             "hoặc xóa dòng.",
    "LT138": "Người quản trị trang mở mkdocs.yml, sửa dòng được báo (thường là dấu hai chấm thiếu dấu cách sau nó, "
             "dấu ngoặc chưa đóng, hoặc thụt lề lệch) rồi chạy lại scripts/check.",
    "LT140": "Một phần định dạng trong bài làm trình chuyển Markdown dừng lại, thường là một chú thích cuối "
             "trang (`[^1]: …`) định nghĩa bên trong một chú thích khác. Trang vẫn hiện khi xem trước, nhưng chỉ "
             "là chữ thường; bản dựng chính thức dừng lại. Viết lại phần ấy cho đơn giản: mỗi chú thích đặt riêng "
             "ở cuối bài, không thụt lề, rồi lưu và xem lại.",
    "LT150": "Người quản trị trang chuẩn bị chuyển sang kho lưu trữ đối tượng (`scripts/deploy`, README mục "
             "Deploy) hoặc bớt một cỡ ảnh trong `photo_widths`; trang vẫn được đăng bình thường.",
    "LT151": "Người quản trị trang đăng lên kho lưu trữ đối tượng bằng `scripts/deploy` và ghi "
             "`host_limit: object-storage` trong mkdocs.yml; trang cũ được giữ nguyên cho đến khi đó.",
}
_OPTIONAL_PARTS = {"maybe", "became", "instead", "extra", "hint"}


def fix_text(code: Code) -> str:
    """Vietnamese advice for a code; the diagnostic's own hint if none was written yet."""
    return FIXES.get(code.code) or _pattern(code.hint)


class _Blank(string.Formatter):
    def get_value(self, key, args, kwargs):
        return "" if key in _OPTIONAL_PARTS else "…"


def _pattern(message: str) -> str:
    """A message with its placeholders shown as «…» and optional suffixes dropped."""
    return _Blank().format(message)


def _cell(value) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def _example(field: Field) -> str:
    if field.type == "records":
        return "xem bên dưới"
    return f"`{format_value(field.example)}`" if field.example is not None else ""


def _how(field: Field) -> str:
    if field.choices:
        return "một trong: " + ", ".join(field.choices)
    return TYPES[field.type]


def field_table(fields: tuple[Field, ...]) -> list[str]:
    lines = ["| Trường | Tên | Bắt buộc | Ý nghĩa | Cách viết | Ví dụ |", "|---|---|---|---|---|---|"]
    for f in fields:
        lines.append(f"| `{f.name}` | {_cell(f.label)} | {'có' if f.required else ''} | {_cell(f.help)} | "
                     f"{_cell(_how(f))} | {_cell(_example(f))} |")
    for f in fields:
        if f.type == "records":
            lines += ["", f"Mỗi mục của `{f.name}` ({f.label.lower()}) gồm:", "", *field_table(f.fields)]
    return lines


def _full_example(kind: str) -> str:
    values = {}
    for field in KINDS[kind]:
        if field.type == "records":
            values[field.name] = [{s.name: s.example for s in field.fields if s.example is not None}]
        elif field.example is not None:
            values[field.name] = field.example
    return render(Draft(kind, values))


def _heading(title: str) -> str:
    """A level-2 heading with an ASCII anchor (#dia-ban), stable for links from other pages."""
    return f"## {title} {{#{text.slugify(title)}}}"


def fields_page() -> str:
    out = ["# Các trường khai báo", "", GENERATED_NOTE, "",
           "Phần đầu mỗi tệp `index.md`, giữa hai dòng `---`, là phần khai báo: mỗi dòng một trường, "
           "tên trường bằng tiếng Anh, giá trị bằng tiếng Việt. Trang này liệt kê mọi trường, "
           "kèm ví dụ. Ngày viết `2024-03-08` hoặc `8/3/2024`; danh sách viết `[a, b]`.", "",
           "Chữ được giữ đúng như khi gõ: `title: 20:10`, `no`, `on`, `0x1F`, `1e3` hay `null` ở một trường chữ "
           "vẫn là những ký tự đó. Chỉ trường ngày mới đọc giá trị thành ngày, và chỉ trường true/false mới đọc "
           "`true`, `false` (hoặc `yes`, `no`, `on`, `off`) thành đúng/sai. Một trường không phải chữ mà ghi `~` "
           "hoặc `null` được coi như để trống. Ký tự điều khiển vô hình bị xóa (xem mã LT015).", ""]
    for kind, fields in KINDS.items():
        folder = "/".join(("stories",) + KIND_FOLDERS[kind] + ("index.md",))
        out += [_heading(KIND_LABELS[kind]), "", f"Mỗi bài là một thư mục: `{folder}`, ảnh đặt cạnh index.md.", "",
                *field_table(fields), "", "Ví dụ đầy đủ (đây cũng là mẫu mà `scripts/new` viết ra):", "",
                "```yaml", _full_example(kind).rstrip("\n"), "```", ""]
    out += [_heading(KIND_LABELS["unit"]), "",
            "Danh mục địa bàn là tệp `stories/units.yml`: một danh sách, mỗi địa bàn bắt đầu bằng `- key:`.", "",
            *field_table(UNIT), ""]
    return "\n".join(out)


def codes_page(codes: dict[str, Code]) -> str:
    out = ["# Mã lỗi và cách sửa", "", GENERATED_NOTE, "",
           "`scripts/check`, bản dựng trang và trang «Lỗi nội dung» khi xem thử báo mỗi vấn đề trên một dòng: "
           "tên tệp, số dòng, mã (như `LT020`), rồi lời giải thích và gợi ý. "
           "**Lỗi**: bài có lỗi không được đăng, bản dựng chính thức dừng lại cho đến khi sửa xong. "
           "**Cảnh báo**: bài vẫn được đăng, nhưng nên sửa.", "",
           "Trên máy tính, `scripts/check --explain LT020` in cách sửa của một mã.", "",
           "| Mã | Mức | Vấn đề |", "|---|---|---|"]
    out += [f"| [{c.code}](#{c.code.lower()}) | {_severity(c)} | {_cell(c.title)} |" for c in codes.values()]
    out.append("")
    for c in codes.values():
        out += [f"## {c.code}: {c.title} {{#{c.code.lower()}}}", "",
                f"*{_severity(c).capitalize()}.* Thông báo: «{html.escape(_pattern(c.message).strip(), quote=False)}»", "",
                f"**Cách sửa:** {fix_text(c)}", ""]
    return "\n".join(out)


def _severity(code: Code) -> str:
    return "lỗi" if code.severity == "error" else "cảnh báo"


def pages() -> dict[str, str]:
    """Generated page path (relative to the project) → its Markdown."""
    return {f"{GUIDE_DIR}/{FIELDS_PAGE}": fields_page(), f"{GUIDE_DIR}/{CODES_PAGE}": codes_page(all_codes())}


def write(root: Path) -> list[Path]:
    written = []
    for relative, content in pages().items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written


def stale(root: Path) -> list[str]:
    """Generated pages whose committed text differs from what the code makes now."""
    return [rel for rel, content in pages().items()
            if not (root / rel).is_file() or (root / rel).read_text(encoding="utf-8") != content]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    root = Path(__file__).resolve().parents[2]
    if "--check" in argv:
        old = stale(root)
        for rel in old:
            print(f"{rel} cũ so với mã nguồn: chạy python -m lantoa.guide", file=sys.stderr)
        return 1 if old else 0
    for path in write(root):
        print(f"Đã viết {path.relative_to(root).as_posix()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
