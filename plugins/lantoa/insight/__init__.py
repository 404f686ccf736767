"""Campaign insight: stories per unit per month against the quota, totals, timelines, data files.

Pure functions of the corpus; the plan puts the results in page contexts and
the build writes `data_files` into the site.
"""
from .data import campaign_files, data_files, statistics_files
from .figures import campaign_insight, statistics, unit_insight, unit_stories
from .index import Index, index
from .model import (CampaignInsight, Cell, Count, CriterionCount, Event, Grid, Month, Row, Statistics, Timeline,
                    Totals, UnitCampaign, UnitInsight)
from .svg import heatmap_svg, timeline_svg

__all__ = ["index", "Index", "statistics", "campaign_insight", "unit_insight", "unit_stories", "heatmap_svg", "timeline_svg", "data_files",
           "statistics_files", "campaign_files",
           "Statistics", "CampaignInsight", "UnitInsight", "UnitCampaign", "Grid", "Row", "Cell", "Month", "Totals",
           "Count", "CriterionCount", "Event", "Timeline"]
