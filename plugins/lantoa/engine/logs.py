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
    """Drops MkDocs' "Page skipped" notice for pages left as they were (serve) or linked (build)."""

    def __init__(self):
        super().__init__()
        self.pages: set[str] = set()

    def filter(self, record):
        message = str(record.msg)
        return not (message.startswith(internals.PAGE_SKIPPED) and message.split("'")[1] in self.pages)

    def attach(self) -> None:
        logging.getLogger(internals.BUILD_LOGGER).addFilter(self)

    def detach(self) -> None:
        logging.getLogger(internals.BUILD_LOGGER).removeFilter(self)
        self.pages.clear()


def emit(diagnostic) -> None:
    (log.error if diagnostic.is_error else log.warning)(diagnostic.format())
