"""What Lan Tỏa knows of the theme (Material for MkDocs) and its templates.

Lan Tỏa's templates (`plugins/lantoa/templates/`) extend Material's; a site's `custom_dir`
still wins over both. Per build, `base.html` renders once per place what many pages share (nav,
tabs, header, stylesheets, footer: `lantoa.build.Build.fragment`), unless a site overrides a
partial of that block, which may then show something of the page. `tidy_material` fixes the
known invalid markup of Material's fixed toggles.
"""
from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.utils import get_relative_url

from . import internals

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

NAV_PARTIALS = ("partials/nav.html", "partials/nav-item.html", "partials/tabs.html", "partials/tabs-item.html")

FRAGMENT_PARTIALS = {  # the partials each block rendered once per place (base.html) includes
    "header": ("partials/header.html", "partials/logo.html", "partials/palette.html", "partials/alternate.html",
               "partials/javascripts/palette.html", "partials/search.html", "partials/source.html", *NAV_PARTIALS),
    "footer": ("partials/footer.html", "partials/copyright.html", "partials/social.html"),
    "styles": ("partials/icons.html",),
}

# Material's base.html writes these two toggles outside any block, with an attribute the HTML
# standard does not allow on checkboxes (the Nu checker reports it on every page).
MATERIAL_TOGGLES = {
    f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}" autocomplete="off">':
    f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}">'
    for name in ("drawer", "search")
}


def add_templates(config) -> None:
    """Lan Tỏa's templates after the site's custom_dir, before the theme's own."""
    config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(TEMPLATES))


def prepare_env(env, config, cache_dir: Path) -> None:
    """Templates may extend 'material/…' (the theme's own, past any override); compiled
    templates are kept between builds (keyed by the template's source checksum)."""
    material = next(d for d in config.theme.dirs if Path(d).match(internals.MATERIAL_TEMPLATES))
    env.loader = jinja2.ChoiceLoader([env.loader, jinja2.PrefixLoader(
        {"material": jinja2.FileSystemLoader(material)})])
    compiled = cache_dir / "jinja"
    compiled.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(compiled))


def tidy_material(html: str) -> str:
    """Fix the known invalid markup of Material's fixed toggles; anything else is left alone."""
    for before, after in MATERIAL_TOGGLES.items():
        html = html.replace(before, after, 1)
    # nav-item.html leaves tabindex empty on section labels; an empty tabindex is invalid anywhere.
    return html.replace(' tabindex=""', "")


class SharedNav:
    """Where a page sits relative to what the nav links to: pages in the same place share one
    rendering of the nav, tabs, header, stylesheets and footer."""

    def __init__(self):
        self.targets: tuple[str, ...] | None = None  # worked out from the final nav, at the first page
        self.blocks: frozenset[str] = frozenset()

    def reset(self) -> None:
        self.targets = None

    def key(self, page, nav, config, base_url: str) -> dict:
        """What `base.html` needs to share blocks with other pages ({} for none)."""
        if self.targets is None:
            self.targets = () if overrides_nav(config) else nav_targets(nav.items, config)
            self.blocks = shared_blocks(config)
        if page.is_homepage or not self.targets:
            return {}
        return dict(shared_blocks=self.blocks,
                    nav_key=(base_url, tuple(page.meta.get("hide") or ()),
                             tuple(get_relative_url(t, page.url) for t in self.targets)))


def shared_blocks(config) -> frozenset[str]:
    """The blocks base.html renders once per place: not those whose partials the site overrides,
    which may show something of the page."""
    custom = config.theme.custom_dir
    return frozenset(name for name, partials in FRAGMENT_PARTIALS.items()
                     if not (custom and any((Path(custom) / partial).exists() for partial in partials)))


def overrides_nav(config) -> bool:
    """A site that overrides Material's nav partials may make them depend on the page: then the
    nav is rendered for every page, not once per position."""
    custom = config.theme.custom_dir
    return bool(custom) and any((Path(custom) / name).exists() for name in NAV_PARTIALS)


def nav_targets(items, config) -> tuple[str, ...]:
    """Every URL the navigation and tabs link to, site-relative: the nav's pages and links, the
    logo, favicon and homepage link, the assets folder."""
    found = ["", "assets/", config.theme.get("logo") or "", config.theme.get("favicon") or "",
             (config.extra or {}).get("homepage") or ""]
    for item in items:
        if item.is_section:
            found += nav_targets(item.children, config)
        elif item.url is not None:
            found.append(item.url)
    return tuple(dict.fromkeys(found))
