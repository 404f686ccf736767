"""A campaign's timeline: launch, period, nomination window, reviews and ceremonies, today."""
from __future__ import annotations

import datetime as dt

from .. import text
from ..load import item_url
from ..model import Campaign, News
from .model import Event, Timeline
from .svg import timeline_svg

NEWS_KINDS = ("phát động", "sơ kết", "tổng kết", "tuyên dương")  # news that mark a campaign's steps
_ORDER = {"launch": 0, "start": 1, "nomination": 2, "news": 3, "end": 4, "today": 5}


def timeline(campaign: Campaign, news: list[News], today: dt.date) -> Timeline:
    """`news`: the published news linked to the campaign."""
    events = [*_own_events(campaign), *_news_events(news),
              Event(today, "today", "Hôm nay", detail=text.format_date(today))]
    events.sort(key=lambda e: (e.date, _ORDER[e.kind], e.label, e.detail))
    drawn = Timeline(tuple(events), campaign.start, campaign.end, today)
    title = f"Mốc thời gian: {campaign.title}"
    return Timeline(drawn.events, drawn.start, drawn.end, today, timeline_svg(drawn, title))


def _own_events(campaign: Campaign) -> list[Event]:
    events = []
    document = f"Văn bản số {campaign.document_number}" if campaign.document_number else ""
    launch = campaign.issued or campaign.start
    if launch:
        same_day = launch == campaign.start
        events.append(Event(launch, "launch", "Phát động, bắt đầu thực hiện" if same_day else "Ban hành văn bản phát động",
                             detail=document))
    if campaign.start and campaign.issued and campaign.issued != campaign.start:
        events.append(Event(campaign.start, "start", "Bắt đầu thực hiện"))
    if campaign.nomination_start or campaign.nomination_end:
        first = campaign.nomination_start or campaign.nomination_end
        events.append(Event(first, "nomination",
                            "Xét chọn, đề nghị khen thưởng" if campaign.nomination_start else "Hạn nộp hồ sơ khen thưởng",
                            until=campaign.nomination_end if campaign.nomination_start else None))
    if campaign.end:
        events.append(Event(campaign.end, "end", "Kết thúc"))
    return events


def _news_events(news: list[News]) -> list[Event]:
    return [Event(n.date, "news", n.kind[:1].upper() + n.kind[1:], url=item_url("news", n.slug, n.year),
                  detail=n.title)
            for n in news if n.kind in NEWS_KINDS]
