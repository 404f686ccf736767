"""The checker's look at photos (`scripts/check`): the build's own tests on each photo, the pixel
limit from the header and a cheap decode (JPEG at 1/8 scale, PNG chunks and CRCs), no renditions
written. Codes and wording are the build's (`render.py`, `pipeline._assemble`)."""
from __future__ import annotations

from pathlib import Path

from PIL import Image

from ..diagnostics import Diagnostic
from .model import PhotoOptions, PhotoRequest
from .pipeline import _assemble
from .render import (Job, Outcome, Rejected, _check_pixels, _open, _oriented_size, _pixel_limit,
                     _read, _reason)


def inspect(requests: list[PhotoRequest], options: PhotoOptions) -> list[Diagnostic]:
    """The diagnostics the build's photo pipeline would give these photos (LT101–LT108)."""
    by_source: dict[Path, list[PhotoRequest]] = {}
    for request in requests:
        by_source.setdefault(Path(request.source), []).append(request)
    outcomes = {str(source): look(source, options) for source in by_source}
    return _assemble_problems(by_source, outcomes, options)


def look(source: Path, options: PhotoOptions) -> Outcome:
    """One photo's Outcome without renditions; never raises."""
    key = str(source)
    try:
        data = _read(source)
        with _pixel_limit(options.max_pixels):
            image = _open(data)
            width, height = _oriented_size(image)
            _check_pixels(width, height, options.max_pixels)
            _decodes(image)
    except Rejected as rejected:
        return Outcome(key, None, problem=(rejected.code, rejected.values))
    except MemoryError:
        return Outcome(key, None, problem=("LT108", {"reason": "không đủ bộ nhớ"}))
    except Exception as error:  # what the build would report as LT108
        return Outcome(key, None, problem=("LT108", {"reason": _reason(error)}))
    small = (("LT105", {"width": width, "smallest": options.widths[0]}),) if width < options.widths[0] else ()
    return Outcome(key, None, width, height, warnings=small)


def _decodes(image: Image.Image) -> None:
    """LT103 when the pixel data is cut short or damaged. (Decoded, as the build decodes it: PNG's
    `verify()` must come straight after `open`, and reading the orientation came first, so every
    PNG was LT108; nor did it see a PNG whose header promises pixels its data does not hold.)"""
    try:
        if image.format in {"JPEG", "MPO"}:
            image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
        image.load()
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise Rejected("LT103", reason=_reason(error))


def _assemble_problems(by_source, outcomes, options) -> list[Diagnostic]:
    return _assemble(by_source, outcomes, options)[1]
