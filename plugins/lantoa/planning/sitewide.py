"""Pages of the site as a whole: home, statistics, search and the problems page."""
from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from operator import attrgetter

from .. import insight
from ..diagnostics import Diagnostic
from ..plan import Page
from .held import PROBLEMS_URL
from .planner import Planner

_UNIT = attrgetter("unit")


def home_page(p: Planner) -> None:
    today = p.settings.today
    running = sorted((c for c in p.campaigns.values() if c.status(today) == "đang diễn ra"),
                     key=lambda c: (c.start or dt.date.min, c.slug), reverse=True)
    p.add(url="", role="home", title=p.settings.site_name, template="lantoa/home.html",
          summary=f"Gương điển hình, phong trào thi đua và tin hoạt động của {p.settings.union_name}.",
          feeds=(p.site_feed.ref,),
          context=dict(featured=[p.card(s) for s in itertools.islice((s for s in p.stories if s.featured), 6)],
                       running=[p.card(c) for c in running],
                       statuses={c.slug: c.status(today) for c in p.campaigns.values()},
                       latest=[p.card(s) for s in p.stories[:12]],
                       news=[p.card(n) for n in p.news[:6]],
                       totals=dict(stories=len(p.stories), news=len(p.news),
                                   campaigns=len(p.campaigns),
                                   units=p.remembered("units with stories", None, p.stories, _UNIT,
                                                      lambda: len(set(map(_UNIT, p.stories)))))))


def stats_page(p: Planner) -> None:
    stats = p.figure(("statistics",), lambda: insight.statistics(p.corpus, p.settings.today, p.settings.quota, p.found))
    p.add(url="thong-ke/", role="stats", title="Thống kê", template="lantoa/stats.html",
          summary=f"Thống kê gương điển hình của {p.settings.union_name} theo địa bàn và tháng, theo phong trào, "
                  f"tiêu chí và nhóm đặc thù.",
          context=dict(stats=stats))
    files = dict(p.figure(("data files",), lambda: insight.statistics_files(stats), made_from=stats))
    for slug, figures in sorted(p.campaign_insights.items()):  # each campaign's: while its figures stand
        files |= p.figure(("data files", slug), lambda: insight.campaign_files(figures), made_from=figures)
    p.data_files = files


def search_page(p: Planner) -> None:
    p.add(url="tim-kiem/", role="search", title="Tìm kiếm", template="lantoa/search.html", context={},
          summary=f"Tìm câu chuyện, tin và phong trào của {p.settings.union_name} theo tên người, địa bàn, "
                  f"phong trào; gõ có dấu hay không dấu đều được.")


def problems_page(diagnostics: list[Diagnostic]) -> Page | None:
    """The page listing every problem, or None without any. Planned by the build once the photos
    have been read (`Build.prepare_media`): their problems are found after the rest of the plan."""
    if not diagnostics:
        return None
    by_file: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in sorted(diagnostics, key=lambda d: (d.file, d.line or 0, d.code)):
        by_file[d.file].append(d)
    return Page(url=PROBLEMS_URL, role="problems", title="Lỗi nội dung", template="lantoa/problems.html",
                context=dict(files=list(by_file.items()),
                             errors=sum(d.is_error for d in diagnostics),
                             warnings=sum(not d.is_error for d in diagnostics)))
