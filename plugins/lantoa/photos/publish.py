"""publish(): put the referenced renditions, and only those, under site/<url_prefix>/."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Iterable

from .model import PhotoOptions, ProcessedPhoto
from .render import rendition_dir

OURS = re.compile(r"^[0-9a-f]{16}-\d+\.(webp|jpg|avif)$")


def publish(photos: Iterable[ProcessedPhoto], options: PhotoOptions, site_dir: Path) -> None:
    """Hard-link (or copy, across file systems) each rendition from the cache; remove renditions
    of ours left there by an earlier build that no page references any more."""
    target = Path(site_dir) / options.url_prefix
    target.mkdir(parents=True, exist_ok=True)
    cache = rendition_dir(options)
    wanted = {r.name for photo in photos for r in photo.renditions}
    for name in wanted:
        _place(cache / name, target / name)
    for entry in os.scandir(target):
        if OURS.match(entry.name) and entry.name not in wanted:
            os.unlink(entry.path)


def _place(source: Path, destination: Path) -> None:
    if destination.exists():  # content-addressed: same name, same bytes
        return
    try:
        os.link(source, destination)
    except OSError:
        shutil.copyfile(source, destination)
