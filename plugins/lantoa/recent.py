"""A mapping that keeps only its most recently used entries."""
from __future__ import annotations

from collections import OrderedDict
from typing import Hashable


class Recent(OrderedDict):
    """At most `limit` entries: a lookup with `get` renews an entry, a new entry past the limit
    drops the entry used least recently."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def get(self, key: Hashable, default=None):
        found = super().get(key, default)
        if found is not default:
            self.move_to_end(key)
        return found

    def __setitem__(self, key: Hashable, value) -> None:
        super().__setitem__(key, value)
        if len(self) > self.limit:
            self.popitem(last=False)
