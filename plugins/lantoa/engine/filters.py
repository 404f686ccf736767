"""Template functions Lan Tỏa's templates call many times a page, cheaper than the general ones.

`url_filter` replaces MkDocs' `url` filter (templates call it ~25 times a page): for clean
relative paths it skips MkDocs' path arithmetic, and gives what MkDocs' filter gives (a test
compares the two on fixed and random paths); other values go to MkDocs' own filter
(internals.url_filter).
"""
from __future__ import annotations

import re

import jinja2
import markupsafe

from .. import body_photos
from . import internals

_CLEAN_PATH = re.compile(r"(?:[\w-][\w.-]*/)+(?:[\w-][\w.-]*)?")  # no "", "." or ".." folder, no scheme


@jinja2.pass_context
def url_filter(context, value) -> str:
    """Outside the page's first folder, the page's base_url then the path; inside it, `relative_url`."""
    path, page = str(value), context["page"]
    if page is None or not _CLEAN_PATH.fullmatch(path):
        return internals.url_filter(context, value)
    if path.split("/", 1)[0] != page.url.split("/", 1)[0]:
        base = context["base_url"]
        return path if base == "." else f"{base}/{path}"
    return relative_url(path, page.url)


def relative_url(path: str, page_url: str) -> str:
    """MkDocs' get_relative_url for a clean path (no "", "." or ".." folder): the folders the two
    share dropped, ".." for each folder of the page's left."""
    head, tail = page_url.rsplit("/", 1) if "/" in page_url else ("", page_url)
    start = [part for part in (head if "." in tail else page_url).split("/") if part]
    target = [part for part in path.split("/") if part]
    shared = 0
    while shared < min(len(start), len(target)) and start[shared] == target[shared]:
        shared += 1
    relative = "/".join([".."] * (len(start) - shared) + target[shared:]) or "."
    return relative + "/" if path.endswith("/") else relative


@jinja2.pass_context
def link_to(context, link) -> markupsafe.Markup:
    """A plan.Link: an <a> when the target has a page, else its label (escaped either way).
    A function, not a template macro: story pages make a dozen of them."""
    if link.url:
        return markupsafe.Markup('<a href="{}">{}</a>').format(url_filter(context, link.url), link.label)
    return markupsafe.escape(link.label)


@jinja2.pass_context
def with_body_photos(context, content, item) -> markupsafe.Markup:
    """An item's body HTML with the photos it places (`body_photos.place`): each one's figure, as
    the photo list shows it (lantoa/partials/picture.html), or its picture inside a sentence, and
    links to it. A story's or news item's cover placed as a figure is shown there, not above the
    text too, and loads first, as it would there (base.html preloads it)."""
    content = content or ""
    if body_photos.SCHEME not in content:
        return markupsafe.Markup(content)
    processed, base = context["lantoa"]["photos"], context["base_url"] + "/"
    listed = {photo.file: photo for photo in item.photos}
    picture = context.environment.get_template("lantoa/partials/picture.html")
    planned = context["lantoa"].get("planned")
    first = item.cover.file if item.cover and planned is not None and planned.role in ("story", "news") else None

    def published(name):
        photo = listed.get(name)
        return (photo, processed.get(photo.path)) if photo is not None and processed.get(photo.path) else None

    def shown(name, alt, inline):
        found = published(name)
        return found and picture.render(photo=found[1], caption=found[0].caption, credit=found[0].credit,
                                        eager=name == first and not inline, base=base, alt=alt, inline=inline)

    def link(name):
        found = published(name)
        return found and base + found[1].enlarged.url
    return markupsafe.Markup(body_photos.place(content, shown, link))


def card_from_fragments(fragment, kept=None):
    @jinja2.pass_context
    def lantoa_card(context, card, h, compact, draw, photos, *more):
        """A listing card (`draw(card, h, compact, photos, *more)`), rendered once per build for each
        place it is seen from, under serve once while the card is (`kept`: lasting.py); a function,
        so that no caller macro is made per card."""
        key = (card.url, h, compact, context["base_url"], url_filter(context, card.url))
        # A macro called from Python gives a plain string; its own autoescape has escaped it.
        draw_it = lambda: markupsafe.Markup(draw(card, h, compact, photos, *more))  # noqa: E731
        if kept is None:
            return fragment("card", key, caller=draw_it)
        return kept.card(key, card, photos.get(card.cover.path) if card.cover else None, draw_it)
    return lantoa_card


def lasting(build):
    kept = build.kept.fragments if build.kept is not None else None

    @jinja2.pass_context
    def lantoa_lasting(context, name, value, *also, caller):
        """`{% call lantoa_lasting(name, value, …) %}`: under serve, the fragment this page showed
        last for this very value (`lasting.py`); in a build, rendered."""
        if kept is None:
            return caller()
        return kept.get(name, (context["page"].url, context["base_url"]), value, also, caller)
    return lantoa_lasting


def install(env, build) -> None:
    """The template globals and filters of Lan Tỏa's templates, for this build."""
    env.globals["lantoa_fragment"] = build.fragment
    env.globals["lantoa_slot"] = build.slot
    env.filters["url"] = url_filter
    env.globals["link_to"] = link_to
    env.filters["with_body_photos"] = with_body_photos
    env.filters["body_figures"] = lambda content: body_photos.figures_in(content or "")
    env.globals["lantoa_card"] = card_from_fragments(build.fragment, build.kept.fragments if build.kept else None)
    env.globals["lantoa_lasting"] = lasting(build)
    # The head of a page MkDocs renders without a page context (404.html): the union's icons.
    env.globals["lantoa_site_head"] = build.discovery.head(None) if build.discovery else None
