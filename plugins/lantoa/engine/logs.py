"""MkDocs' log, as Lan Tỏa uses it: problems counted (strict builds fail on any), diagnostics
written into it, the notices of pages left as they were under `mkdocs serve` kept out, and so are
MkDocs' own words on a link Lan Tỏa reported already."""
from __future__ import annotations

import logging

from . import internals

log = logging.getLogger("mkdocs.plugins.lantoa")


class Counter(logging.Handler):
    """Counts warnings and errors the engine logs while it is attached."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1

    def attach(self) -> None:
        self.count = 0
        logging.getLogger(internals.ENGINE).addHandler(self)

    def detach(self) -> None:
        logging.getLogger(internals.ENGINE).removeHandler(self)


class QuietSkips(logging.Filter):
    """Drops MkDocs' "Page skipped" and "Template skipped" notices for pages left as they were or
    written here (serve), or linked (build)."""

    def __init__(self):
        super().__init__()
        self.pages: set[str] = set()  # src_uri
        self.templates: set[str] = set()  # template names (404.html)

    def filter(self, record):
        message = str(record.msg)
        if message.startswith(internals.PAGE_SKIPPED):
            return message.split("'")[1] not in self.pages
        return not (message.startswith(internals.TEMPLATE_SKIPPED) and message.split("'")[1] in self.templates)

    def attach(self) -> None:
        logging.getLogger(internals.BUILD_LOGGER).addFilter(self)

    def detach(self) -> None:
        logging.getLogger(internals.BUILD_LOGGER).removeFilter(self)
        self.clear()

    def clear(self) -> None:
        self.pages.clear()
        self.templates.clear()


class ReportedLinks(logging.Filter):
    """Drops MkDocs' English "contains a link …, but the target … is not found" and "contains an
    unrecognized relative link" for the links of item pages Lan Tỏa checked itself
    (`planning/links.py`): reported once in Vietnamese (LT046, LT047), or found to name a page."""

    def __init__(self):
        super().__init__()
        self.prefixes: tuple[str, ...] = ()

    def filter(self, record):
        return not (self.prefixes and str(record.msg).startswith(self.prefixes))

    def attach(self, links) -> None:
        """`links`: (page src_uri, URL as written) of each link checked."""
        self.prefixes = tuple(said.format(src_uri=s, url=u) for s, u in sorted(links)
                              for said in (internals.LINK_NOT_FOUND, internals.LINK_UNRECOGNIZED))
        logging.getLogger(internals.PAGES_LOGGER).addFilter(self)


def emit(diagnostic) -> None:
    (log.error if diagnostic.is_error else log.warning)(diagnostic.format())
