"""The words a photo's problem is told in."""
from __future__ import annotations

from lantoa.photos.render import _reason


def test_a_reason_carries_no_object_address():
    """Found by fuzzing: a JPEG claiming 0×0 pixels was «cannot identify image file <_io.BytesIO object
    at 0x7ff…>», a message that changed from run to run."""
    assert _reason(OSError("cannot identify image file <_io.BytesIO object at 0x7ff3a1c2d0>")) == \
        "cannot identify image file"
