"""MkDocs' log, as Lan Tỏa uses it: problems counted (strict builds fail on any), diagnostics
written into it, and the notices of pages left as they were under `mkdocs serve` kept out."""
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


def emit(diagnostic) -> None:
    (log.error if diagnostic.is_error else log.warning)(diagnostic.format())
