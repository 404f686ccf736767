"""What the search index is made of: one record per story, news and campaign page of the plan,
with the places (old districts included), campaigns and criteria it can be found by."""
from __future__ import annotations

from typing import Any

from .. import text
from ..model import Campaign, News, Story
from .model import Facets, SearchDoc


class KeptDocs:
    """The records of serve's previous rebuild, for the next: a record made from the very same
    item, with an equal page, body text, units and campaigns, is taken again (10,000 records
    cost a save 0.12 s)."""

    def __init__(self):
        self.context: tuple = ()
        self.docs: dict[str, tuple[Any, tuple, SearchDoc]] = {}  # src_uri → (page, inputs, record)


def search_docs(plan, texts: dict[str, str], kept: KeptDocs | None = None) -> tuple[list[SearchDoc], Facets]:
    """The search records of a plan's story, news and campaign pages (`texts`: their bodies as
    plain text, by source URI) and the filters the search page offers."""
    corpus, units = plan.corpus, plan.corpus.units
    kept = kept or KeptDocs()
    context = (units.units, corpus.campaigns)
    previous = kept.docs if context == kept.context else {}
    kept.context, kept.docs = context, {}
    docs = []
    for page in plan.pages:
        item = page.context.get("item") if page.role in ("story", "news", "campaign") else None
        if item is None or (page.role == "campaign" and page.context["pager"].number > 1):
            continue
        body = texts.get(page.src_uri, "")
        known = previous.get(page.src_uri)
        if known is None or not (known[0] is page and known[1][-1] is body):  # the very page and text: as it was
            inputs = (item, page.url, page.role, page.date, body)
            if known is None or known[1][0] is not item or known[1][1:] != inputs[1:]:
                known = (page, inputs, _search_doc(page, item, units, corpus.campaigns, texts))
            else:
                known = (page, inputs, known[2])
        kept.docs[page.src_uri] = known
        docs.append(known[2])
    years = sorted({d.date.year for d in docs if d.date}, reverse=True)
    campaign_facets = tuple((c.slug, c.title) for c in corpus.campaigns.values() if not c.draft)
    unit_keys = sorted({k for d in docs for k in d.unit_keys if k in units},
                       key=lambda k: (not units[k].is_district, text.sort_key(units[k].name),
                                      text.sort_key(units[k].label), k))
    return docs, Facets(campaigns=campaign_facets,
                        units=tuple((k, units[k].label) for k in unit_keys),
                        years=tuple(years), subject_kinds=("cá nhân", "tập thể", "mô hình"))

def _search_doc(page, item, units, campaigns, texts: dict[str, str]) -> SearchDoc:
    if isinstance(item, Story):
        unit_keys = [item.unit] if item.unit in units else []
    elif isinstance(item, News):
        unit_keys = [u for u in item.units if u in units]
    else:
        unit_keys = [item.unit] if item.unit and item.unit in units else []
    for key in list(unit_keys):
        unit_keys += [a.key for a in units.ancestors(key) if a.is_district]
    unit_keys = list(dict.fromkeys(unit_keys))
    terms = [s for k in unit_keys for s in units.spellings(units[k]) if s != k]
    slugs = item.campaigns if not isinstance(item, Campaign) else (item.slug,)
    criteria = ([c.name for slug, cid in item.criteria if slug in campaigns  # (not one with an error)
                 for c in campaigns[slug].criteria if c.id == cid]
                if isinstance(item, Story) else [c.name for c in getattr(item, "criteria", ())])
    return SearchDoc(
        url=page.url, title=item.title, kind=page.role,
        kind_label={"story": "Gương điển hình", "news": "Tin tức", "campaign": "Phong trào"}[page.role],
        date=page.date, subject_kind=getattr(item, "subject_kind", None) or None,
        subject=getattr(item, "subject", None) or None,
        unit_keys=tuple(unit_keys),
        unit_label=units.full_label(unit_keys[0]) if unit_keys else "",
        unit_terms=tuple(dict.fromkeys(terms)),
        campaign_keys=tuple(slugs),
        campaign_terms=tuple(campaigns[s].title for s in slugs if s in campaigns),
        criteria=tuple(dict.fromkeys(criteria)), tags=item.tags, summary=item.summary,
        body=texts.get(page.src_uri, ""),
    )
