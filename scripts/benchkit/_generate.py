"""The benchmark corpus as data: a province's units, campaigns and N stories of 400–700 words,
drawn from a seeded random generator (the same N and seed give the same corpus). Written out as
projects by `corpus.py` (`scripts/bench corpus`); a module whose name starts with "_" is not a
subcommand."""
from __future__ import annotations

import dataclasses
import datetime as dt
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "plugins"))

from lantoa.text import slugify  # noqa: E402
from lantoa.units import Unit  # noqa: E402  (the registry's own record, as units.yml describes it)

PROVINCE = "Hòa Lâm"
REFORM = dt.date(2025, 7, 1)
FIRST_YEAR, LAST_YEAR = 2019, 2025
TODAY = dt.date(2026, 1, 1)
PROJECTS = ("lantoa", "blog", "plain", "hugo")

DISTRICTS = [  # (name, level, communes)
    ("Hòa Lâm", "thành phố", ["Chi Lăng", "Đông Kinh", "Hoàng Văn Thụ", "Tam Thanh", "Mai Pha"]),
    ("Lộc Bình", "huyện", ["Na Dương", "Khuất Xá", "Tú Đoạn", "Yên Khoái", "Xuân Dương", "Hữu Khánh"]),
    ("Bắc Sơn", "huyện", ["Vũ Lăng", "Chiêu Vũ", "Hưng Vũ", "Tân Tri", "Long Đống", "Nhất Hòa"]),
    ("Văn Lãng", "huyện", ["Na Sầm", "Hoàng Việt", "Tân Mỹ", "Thanh Long", "Hội Hoan"]),
    ("Tràng Định", "huyện", ["Thất Khê", "Đề Thám", "Quốc Khánh", "Tân Tiến", "Chi Lăng", "Kháng Chiến"]),
    ("Hữu Lũng", "huyện", ["Hữu Lũng", "Minh Sơn", "Hồ Sơn", "Yên Vượng", "Thiện Tân", "Đồng Tân"]),
    ("Cao Lộc", "huyện", ["Đồng Đăng", "Cao Lộc", "Thụy Hùng", "Gia Cát", "Hải Yến"]),
    ("Đình Lập", "huyện", ["Đình Lập", "Bắc Lãng", "Châu Sơn", "Kiên Mộc", "Thái Bình"]),
]
TOWNS = {"Thất Khê", "Na Sầm", "Đồng Đăng", "Đình Lập"}
CAMPAIGNS = [  # (slug, title, kind, level, issuer, start, end, criteria)
    ("phu-nu-thoi-dai-moi", "Xây dựng người Phụ nữ Việt Nam thời đại mới", "phong trào thi đua", "trung ương",
     "Đoàn Chủ tịch Trung ương Hội LHPN Việt Nam", dt.date(2017, 1, 1), None,
     [("tri-thuc", "Có tri thức"), ("suc-khoe", "Có sức khỏe"), ("ky-nang", "Có kỹ năng"),
      ("dao-duc", "Có đạo đức"), ("trach-nhiem", "Có trách nhiệm")]),
    ("5-khong-3-sach", "Xây dựng gia đình 5 không, 3 sạch", "cuộc vận động", "trung ương",
     "Đoàn Chủ tịch Trung ương Hội LHPN Việt Nam", dt.date(2010, 5, 1), None,
     [("khong-ngheo", "Không đói nghèo"), ("khong-bao-luc", "Không bạo lực gia đình"),
      ("sach-nha", "Sạch nhà"), ("sach-bep", "Sạch bếp"), ("sach-ngo", "Sạch ngõ")]),
    ("tich-cuc-hoc-tap", "Phụ nữ tích cực học tập, lao động sáng tạo", "phong trào thi đua", "tỉnh",
     f"Ban Thường vụ Hội LHPN tỉnh {PROVINCE}", dt.date(2018, 3, 1), None,
     [("hoc-tap", "Tích cực học tập"), ("sang-tao", "Lao động sáng tạo")]),
    ("khoi-nghiep", "Phụ nữ khởi nghiệp, phát triển kinh tế", "cuộc vận động", "tỉnh",
     f"Ban Thường vụ Hội LHPN tỉnh {PROVINCE}", dt.date(2019, 1, 1), dt.date(2025, 12, 31),
     [("y-tuong", "Có ý tưởng khởi nghiệp"), ("hop-tac-xa", "Thành lập tổ hợp tác, hợp tác xã")]),
    ("chung-tay-giam-ngheo", "Chung tay vì phụ nữ nghèo", "cuộc vận động", "tỉnh",
     f"Ban Thường vụ Hội LHPN tỉnh {PROVINCE}", dt.date(2020, 6, 1), None,
     [("giup-von", "Giúp vốn, giúp công"), ("thoat-ngheo", "Thoát nghèo bền vững")]),
    ("dai-hoi-xvii", "Thi đua chào mừng Đại hội đại biểu phụ nữ các cấp", "đợt thi đua", "tỉnh",
     f"Ban Thường vụ Hội LHPN tỉnh {PROVINCE}", dt.date(2021, 6, 1), dt.date(2022, 3, 31),
     [("cong-trinh", "Công trình chào mừng Đại hội")]),
    ("chuyen-doi-so", "Phụ nữ với chuyển đổi số", "phong trào thi đua", "tỉnh",
     f"Ban Thường vụ Hội LHPN tỉnh {PROVINCE}", dt.date(2023, 1, 1), None,
     [("ban-hang-truc-tuyen", "Bán hàng trực tuyến"), ("thanh-toan-so", "Thanh toán không dùng tiền mặt")]),
]
FAMILY = "Nguyễn Trần Lê Phạm Hoàng Hà Vi Nông Lương Lộc Hứa Triệu Đinh Bế Mã Chu Lăng Hoàng".split()
MIDDLE = ["Thị", "Thị", "Thị", "Thị Thu", "Thị Ngọc", "Thị Kim", "Thu", "Bích"]
GIVEN = ("Mai Lan Hoa Hương Hạnh Hằng Nga Nhung Thủy Tuyết Yến Loan Liên Dung Trang Thảo Vân Xuân Đào Huệ "
         "Cúc Phượng Oanh Diệp Quyên Tâm Uyên Ánh Bình Đông Ơn Ước Ân Ấu Ý").split()
BYLINES = ["Thu Hà", "Minh Phương", "Hoàng Yến", "Bích Ngọc", "Lệ Thu", "Quỳnh Anh"]
CROPS = ["hồi", "quế", "na", "hồng không hạt", "thạch đen", "chè", "mía", "rau an toàn", "lúa nếp", "thuốc lá"]
ANIMALS = ["gà đồi", "lợn đen", "vịt bầu", "trâu", "bò vàng", "cá chép ruộng", "ong mật", "dê núi"]
PRODUCTS = ["miến dong", "tinh dầu hồi", "bánh khảo", "vải thổ cẩm", "mật ong rừng", "rượu men lá", "khâu nhục"]
SPECIAL = ["dân tộc thiểu số", "khuyết tật", "đơn thân", "tôn giáo", "vùng biên giới"]

TITLES = [
    "{subject}: {verb} từ {crop}", "Người phụ nữ {verb} ở {place}", "{subject} và hành trình {verb}",
    "Chuyện {subject} {verb}", "{subject} – gương sáng trên quê hương {place}",
    "Từ hai bàn tay trắng, {subject} {verb}", "{subject}: nghị lực vượt khó ở {place}",
]
VERBS = ["làm giàu", "thoát nghèo", "khởi nghiệp", "giữ nghề truyền thống", "lan tỏa yêu thương",
         "dựng cơ đồ", "đưa nông sản lên mạng"]
SENTENCES = [
    "Sinh ra và lớn lên ở {place}, {name} hiểu hơn ai hết nỗi vất vả của những gia đình quanh năm gắn bó với nương rẫy.",
    "Năm {year}, gia đình {given} vẫn thuộc diện hộ nghèo, cả nhà trông vào mấy sào ruộng và đàn {animal} nhỏ.",
    "Được Hội Phụ nữ xã giới thiệu vay {n} triệu đồng từ Ngân hàng Chính sách xã hội, chị mạnh dạn chuyển sang trồng {crop}.",
    "Những ngày đầu, chị thức khuya dậy sớm, học hỏi kỹ thuật từ cán bộ khuyến nông và những người đi trước.",
    "Có năm mưa đá làm hỏng gần hết vườn {crop}, nhưng chị không nản lòng mà cùng chồng làm lại từ đầu.",
    "Đến nay, mỗi năm gia đình chị thu về khoảng {n} triệu đồng, trừ chi phí còn lãi hơn một nửa.",
    "Không chỉ lo cho gia đình mình, {given} còn hướng dẫn {k} hội viên trong chi hội cách chăm sóc {animal} đúng kỹ thuật.",
    "Chị Chủ tịch Hội LHPN xã cho biết, {name} là hội viên nhiệt tình, luôn đi đầu trong các phong trào của Hội.",
    "Tổ tiết kiệm do chị phụ trách có {k} thành viên, mỗi tháng góp vốn xoay vòng để chị em có tiền đầu tư sản xuất.",
    "Sản phẩm {product} của tổ hợp tác đã đạt chứng nhận OCOP ba sao và được bày bán ở nhiều cửa hàng trong tỉnh.",
    "Nhờ biết bán hàng qua mạng xã hội, đơn hàng {product} của chị đi khắp các tỉnh miền xuôi.",
    "Ngoài giờ làm, chị tham gia đội văn nghệ thôn, tập những làn điệu then, sli để biểu diễn trong các dịp lễ hội.",
    "Hai người con của chị đều chăm ngoan, học giỏi; con gái lớn vừa đỗ vào trường đại học ở Hà Nội.",
    "Căn nhà sàn của gia đình luôn sạch sẽ, ngõ xóm có hàng rào xanh, đúng tiêu chí sạch nhà, sạch bếp, sạch ngõ.",
    "Chị kể, có những lúc tưởng như phải bỏ cuộc, nhưng nghĩ đến các con, chị lại cố gắng thêm một chút nữa.",
    "Mô hình của chị đã tạo việc làm thường xuyên cho {k} lao động nữ trong thôn với thu nhập ổn định.",
    "Năm {year}, chị được Ủy ban nhân dân huyện tặng giấy khen vì có thành tích xuất sắc trong phát triển kinh tế.",
    "Bà con trong bản quý mến chị bởi tính tình cởi mở, sẵn sàng chia sẻ cây giống và kinh nghiệm cho mọi người.",
    "Những buổi sinh hoạt chi hội, chị thường kể lại cách làm của mình để chị em cùng học tập, làm theo.",
    "Từ {n} cây {crop} ban đầu, đến nay vườn nhà chị đã mở rộng gần hai héc-ta trên những quả đồi trước kia bỏ hoang.",
    "Chị tâm sự rằng điều quý nhất không phải là tiền bạc, mà là niềm tin của chị em hội viên dành cho mình.",
    "Trong đợt mưa lũ năm {year}, chị cùng chi hội quyên góp gạo, mì tôm và quần áo gửi tới các gia đình bị thiệt hại.",
    "Cán bộ Hội huyện đánh giá cách làm của {given} phù hợp với điều kiện vùng cao, có thể nhân rộng ở nhiều xã.",
    "Chị luôn nhắc các con phải giữ gìn tiếng nói, trang phục và phong tục tốt đẹp của dân tộc mình.",
    "Mỗi sáng, khi sương còn phủ kín đỉnh núi, chị đã có mặt ở vườn {crop} để kiểm tra từng gốc cây.",
    "Với chị, tham gia Hội là cơ hội để học hỏi, được mở mang hiểu biết về pháp luật, chăm sóc sức khỏe và nuôi dạy con.",
]
HEADINGS = ["Vượt lên khó khăn", "Dám nghĩ, dám làm", "Chia sẻ với chị em", "Giữ lửa cho chi hội",
            "Niềm vui trên quê hương", "Những dự định mới", "Bí quyết của chị"]
QUOTES = ["Phụ nữ mình chỉ cần có ý chí, có Hội đồng hành thì việc khó mấy cũng làm được.",
          "Tôi chỉ mong chị em trong bản ai cũng có việc làm, con cái được đến trường đầy đủ.",
          "Làm được đến hôm nay là nhờ chị em trong chi hội giúp đỡ, tôi không dám nhận là giỏi."]


# ---- the corpus as plain data -------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Campaign:
    slug: str
    title: str
    kind: str
    level: str
    issuer: str
    start: dt.date
    end: dt.date | None
    criteria: tuple[tuple[str, str], ...]


@dataclasses.dataclass(frozen=True)
class Story:
    slug: str
    title: str
    subject: str
    subject_kind: str
    unit: str  # the unit's key
    unit_written: str  # as the front matter names it
    date: dt.date
    campaigns: tuple[str, ...]
    criteria: tuple[str, ...]
    tags: tuple[str, ...]
    featured: bool
    summary: str
    byline: str
    body: str
    photos: tuple[tuple[str, str], ...]  # (file, caption)

    @property
    def year(self) -> int:
        return self.date.year


@dataclasses.dataclass(frozen=True)
class Corpus:
    seed: int
    units: tuple[Unit, ...]
    campaigns: tuple[Campaign, ...]
    stories: tuple[Story, ...]

    def unit(self, key: str) -> Unit:
        return next(u for u in self.units if u.key == key)


def make_units() -> tuple[Unit, ...]:
    """The province, its districts and communes until 30/6/2025, and the merged communes after."""
    province = slugify(PROVINCE)
    units = [Unit(province, PROVINCE, "tỉnh")]
    last_day = REFORM - dt.timedelta(days=1)
    for index, (name, level, communes) in enumerate(DISTRICTS):
        district_key = f"{'tp' if level == 'thành phố' else 'huyen'}-{slugify(name)}"
        merged = [f"xa-moi-{slugify(name)}", f"xa-moi-{slugify(communes[0])}-{index}"]
        units.append(Unit(district_key, name, level, province, valid_to=last_day, successors=tuple(merged)))
        for position, commune in enumerate(communes):
            commune_level = "phường" if level == "thành phố" else "thị trấn" if commune in TOWNS else "xã"
            key = f"{slugify(commune_level)}-{slugify(commune)}-{index}"
            units.append(Unit(key, commune, commune_level, district_key, valid_to=last_day,
                              successors=(merged[position % 2],)))
        units.append(Unit(merged[0], name, "xã", province, valid_from=REFORM))
        units.append(Unit(merged[1], f"{communes[0]} {_roman(index + 1)}", "xã", province, valid_from=REFORM))
    return tuple(units)


def _roman(n: int) -> str:
    return ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][n - 1]


def make_campaigns() -> tuple[Campaign, ...]:
    return tuple(Campaign(slug, title, kind, level, issuer, start, end, tuple(criteria))
                 for slug, title, kind, level, issuer, start, end, criteria in CAMPAIGNS)


def generate(n: int, seed: int = 1, photos: bool = False) -> Corpus:
    rng = random.Random(seed)
    units, campaigns = make_units(), make_campaigns()
    before = [u for u in units if u.valid_to and u.level != "tỉnh"]
    after = [u for u in units if u.valid_from]
    stories, slugs = [], set()
    for index in range(n):
        date = _date(rng, index, n)
        unit = rng.choice(before if date < REFORM else after)
        story = _story(rng, index, date, unit, campaigns, photos, slugs)
        stories.append(story)
    return Corpus(seed, units, campaigns, tuple(stories))


def _date(rng: random.Random, index: int, n: int) -> dt.date:
    """Dates spread evenly over the years, so each year holds about N/7 stories."""
    first, last = dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31)
    span = (last - first).days
    return first + dt.timedelta(days=min(span, int(span * (index + rng.random()) / max(n, 1))))


def _subject(rng: random.Random, unit: Unit) -> tuple[str, str]:
    roll = rng.random()
    if roll < 0.75:
        return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}", "cá nhân"
    if roll < 0.9:
        return f"Chi hội phụ nữ thôn {rng.choice(GIVEN)} {unit.name}", "tập thể"
    return f"Mô hình {rng.choice(['Tổ tiết kiệm', 'Tổ hợp tác', 'Câu lạc bộ'])} {rng.choice(PRODUCTS)}", "mô hình"


def _story(rng, index, date, unit, campaigns, photos, slugs) -> Story:
    subject, kind = _subject(rng, unit)
    given = subject.split()[-1] if kind == "cá nhân" else subject
    running = [c for c in campaigns if c.start <= date and (c.end is None or date <= c.end)]
    chosen = tuple(sorted(rng.sample(running, k=min(len(running), rng.choice([1, 1, 2])))
                          , key=lambda c: c.slug))
    criteria = tuple(dict.fromkeys(rng.choice(c.criteria)[0] for c in chosen if rng.random() < 0.8))
    values = dict(name=subject, given=given, place=unit.label, crop=rng.choice(CROPS), animal=rng.choice(ANIMALS),
                  product=rng.choice(PRODUCTS), year=date.year - rng.randint(1, 6), verb=rng.choice(VERBS),
                  subject=subject, n=rng.randint(20, 400), k=rng.randint(5, 60))
    title = rng.choice(TITLES).format(**values)
    title = title[:1].upper() + title[1:]
    slug = f"{slugify(subject)}-{index + 1}"
    assert slug not in slugs
    slugs.add(slug)
    written = unit.key if rng.random() < 0.7 or unit.level in ("xã", "phường", "thị trấn") else unit.label
    tags = tuple(rng.sample(SPECIAL, k=1)) if rng.random() < 0.2 else ()
    pictures = tuple((f"anh-{i}.jpg", f"{subject} tại {unit.label}, ảnh {i}")
                     for i in range(1, rng.randint(1, 2) + 1)) if photos else ()
    summary = (f"{_sentence(rng, values)} {_sentence(rng, values)}")
    return Story(slug=slug, title=title, subject=subject, subject_kind=kind, unit=unit.key, unit_written=written,
                 date=date, campaigns=tuple(c.slug for c in chosen), criteria=criteria, tags=tags,
                 featured=rng.random() < 0.02, summary=summary, byline=f"{rng.choice(BYLINES)} (Hội LHPN {unit.label})",
                 body=_body(rng, values), photos=pictures)


def _sentence(rng: random.Random, values: dict) -> str:
    values = dict(values, n=rng.randint(20, 400), k=rng.randint(5, 60))
    return rng.choice(SENTENCES).format(**values)


def word_count(markdown: str) -> int:
    return sum(1 for w in markdown.split() if any(ch.isalnum() for ch in w))


def _body(rng: random.Random, values: dict) -> str:
    """400–700 words: paragraphs of 3–5 sentences, two or three headings, a quote, sometimes a list."""
    target = rng.randint(420, 660)
    blocks, words, headings = [], 0, rng.sample(HEADINGS, k=3)
    while words < target:
        if blocks and len(blocks) % 3 == 0 and headings:
            blocks.append(f"## {headings.pop()}")
        elif len(blocks) == 4:
            blocks.append(f"> {rng.choice(QUOTES)}")
        elif len(blocks) == 7 and rng.random() < 0.5:
            blocks.append("\n".join(f"- {rng.choice([values['crop'], values['animal'], values['product']])}"
                                    f": {rng.randint(2, 90)} triệu đồng mỗi năm" for _ in range(3)))
        else:
            blocks.append(" ".join(_sentence(rng, values) for _ in range(rng.randint(3, 5))))
        words = word_count("\n\n".join(blocks))
    while word_count("\n\n".join(blocks)) > 700:
        blocks.pop()
    return "\n\n".join(blocks) + "\n"
