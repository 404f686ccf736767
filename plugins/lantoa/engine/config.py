"""The `lantoa` plugin's options in mkdocs.yml, typed (MkDocs' config machinery checks them), and
the plan's settings made of them."""
from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..audit import build_date
from ..body_links import document_urls
from ..plan import Settings
from ..project import OPTION_DEFAULTS as D  # the defaults the checker uses too: stated once


class LanToaConfig(base.Config):
    stories_dir = c.Type(str, default=D["stories_dir"])
    union_name = c.Type(str, default="Hội Liên hiệp Phụ nữ")
    page_size = c.Type(int, default=24)
    photo_widths = c.ListOfItems(c.Type(int), default=D["photo_widths"])
    photo_max_pixels = c.Type(int, default=D["photo_max_pixels"])
    cache_dir = c.Type(str, default=D["cache_dir"])
    zalo_oa_id = c.Optional(c.Type(str))
    quota = c.Type(int, default=2)
    publish_future = c.Type(bool, default=D["publish_future"])  # stories and news dated after today: held back unless true
    logo = c.Optional(c.Type(str))  # the union's logo (a file, relative to mkdocs.yml): icons and structured data
    facebook_url = c.Optional(c.Type(str))  # the union's Facebook page: the Organization's sameAs on the home page
    card_retention = c.Type(int, default=3)  # years a share card no page uses any more stays published
    host_limit = c.Type((str, dict), default=D["host_limit"])  # a host's name or {size, files}: see README, Deploy
    photo_formats = c.ListOfItems(c.Choice(("avif", "webp", "jpeg")), default=D["photo_formats"])  # <source>s, fallback last


def plan_settings(config, options: LanToaConfig) -> Settings:
    """The plan's settings for a build on this day, from mkdocs.yml and the plugin's options."""
    return Settings(site_name=config.site_name, union_name=options.union_name, page_size=options.page_size,
                    today=build_date(), quota=options.quota, site_url=config.site_url or None,
                    documents=document_urls(Path(config.docs_dir)))
