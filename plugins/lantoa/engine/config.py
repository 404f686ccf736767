"""The `lantoa` plugin's options in mkdocs.yml, as written (`lantoa.options` checks them), and the
plan's settings made of them."""
from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..audit import build_date
from ..body_links import document_urls
from ..diagnostics import Diagnostic
from ..options import check_options
from ..plan import Settings


def _as_written() -> c.Optional:
    """An option MkDocs takes as it is written (None when not)."""
    return c.Optional(c.Type(object))


class LanToaConfig(base.Config):
    """Each option as written: `lantoa.options` checks them (LT136, in Vietnamese, the checker's
    check too) and puts its default in place of a wrong one (see options.DEFAULTS)."""
    stories_dir = _as_written()
    union_name = _as_written()
    page_size = _as_written()
    photo_widths = _as_written()
    photo_max_pixels = _as_written()
    cache_dir = _as_written()
    zalo_oa_id = _as_written()
    quota = _as_written()
    publish_future = _as_written()  # stories and news dated after today: held back unless true
    logo = _as_written()  # the union's logo (a file, relative to mkdocs.yml): icons and structured data
    facebook_url = _as_written()  # the union's Facebook page: the Organization's sameAs on the home page
    card_retention = _as_written()  # years a share card no page uses any more stays published
    host_limit = _as_written()  # a host's name or {size, files}: see README, Deploy
    photo_formats = _as_written()  # <source>s, fallback last

    def validate(self):
        """MkDocs' checks, but for its English warning on a name Lan Tỏa does not know: LT137 says it
        in Vietnamese, with the name meant (`options.py`; named in internals.PRIVATE)."""
        failed, warnings = super().validate()
        return failed, [(key, said) for key, said in warnings if key in OPTION_NAMES]


OPTION_NAMES = frozenset(name for name, value in vars(LanToaConfig).items() if isinstance(value, c.Optional))


def plan_settings(config, options: LanToaConfig) -> tuple[Settings, dict, list[Diagnostic]]:
    """The plan's settings for a build on this day, from mkdocs.yml and the plugin's options;
    the options' values (a wrong one's default) and their problems (`lantoa.options`)."""
    root = Path(config.config_file_path).resolve().parent
    values, problems = check_options(dict(options), root, (config.docs_dir, config.site_dir))
    settings = Settings(site_name=config.site_name, union_name=values["union_name"], page_size=values["page_size"],
                        today=build_date(), quota=values["quota"], site_url=config.site_url or None,
                        documents=document_urls(Path(config.docs_dir)))
    return settings, values, problems
