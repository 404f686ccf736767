"""The phone the tests hold (412×915, DPR 2.6, touch, Vietnamese) and one page of every kind of the
built site (from scripts/benchkit/_phone.py, shared with `scripts/bench firstview`), for tests/phone/
(import as `phone_pages`)."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from benchkit._phone import (PAGE_KINDS, PHONE, PHONE_STORY_URL, SCREEN, campaign_pages,  # noqa: E402,F401
                             page_of_kind, place_pages)
