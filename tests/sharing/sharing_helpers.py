"""Rendering the sharing partials outside MkDocs, as the plugin's Jinja environment would."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2

from lantoa.social import FeedLink, SocialImage, SocialMeta

TEMPLATES = Path(__file__).resolve().parents[2] / "plugins" / "lantoa" / "templates"
ASSETS = Path(__file__).resolve().parents[2] / "plugins" / "lantoa" / "assets"


def environment() -> jinja2.Environment:
    """Like MkDocs' environment: no autoescape of its own (the partials must bring theirs)."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=False)


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


def story_meta(**changes) -> SocialMeta:
    values = dict(
        title="Chị Đặng Thị Hường giữ nghề dệt thổ cẩm",
        description="Ở xã Thành Công, chị Hường cùng 30 chị em người Tày khôi phục nghề dệt…",
        url="https://phunu.example.vn/nguoi-tot/2024/chi-huong/",
        site_name="Hội LHPN tỉnh Cao Bằng",
        type="article",
        image=SocialImage("https://phunu.example.vn/the-chia-se/abc.jpg", 1200, 630,
                          "Chị Đặng Thị Hường bên khung cửi"),
        published_time=dt.date(2024, 3, 8),
        section="Xây dựng người Phụ nữ Việt Nam thời đại mới",
        tags=("Có trách nhiệm", "Sáng tạo"),
        feeds=(FeedLink("Tin mới: Hội LHPN tỉnh Cao Bằng", "https://phunu.example.vn/rss.xml"),),
    )
    values.update(changes)
    return SocialMeta(**values)
