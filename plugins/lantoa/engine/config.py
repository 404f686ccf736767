"""The `lantoa` plugin's options in mkdocs.yml, typed (MkDocs' config machinery checks them)."""
from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class LanToaConfig(base.Config):
    stories_dir = c.Type(str, default="stories")
    union_name = c.Type(str, default="Hội Liên hiệp Phụ nữ")
    page_size = c.Type(int, default=24)
    photo_widths = c.ListOfItems(c.Type(int), default=[480, 1000, 1200])
    photo_max_pixels = c.Type(int, default=250_000_000)
    cache_dir = c.Type(str, default=".cache/lantoa")
    zalo_oa_id = c.Optional(c.Type(str))
    quota = c.Type(int, default=2)
    publish_future = c.Type(bool, default=False)  # stories and news dated after today: held back unless true
    host_limit = c.Type((str, dict), default="github-pages")  # a host's name or {size, files}: see README, Deploy
    photo_formats = c.ListOfItems(c.Choice(("avif", "webp", "jpeg")), default=["avif", "jpeg"])  # <source>s, fallback last
