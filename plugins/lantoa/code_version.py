"""What Lan Tỏa's output is made with besides the site's own files: its code, templates and
assets, and the engine's versions. `engine.previous_site` (pages linked from the previous build)
forgets everything it kept when this digest changes: an upgrade, or an edited template.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import os
import sys
from pathlib import Path

FORMAT = 1
ENGINE_PACKAGES = ("mkdocs", "properdocs", "mkdocs-material", "jinja2", "markupsafe", "markdown",
                   "pymdown-extensions", "pygments", "pyyaml", "nh3",
                   "feedgen", "lxml", "python-dateutil")  # the feeds' bytes (a warm build links unchanged feeds)
PACKAGE = Path(__file__).resolve().parent


def code_digest() -> str:
    """Lan Tỏa's own files (code, templates, assets, by content) and the engine's versions."""
    hasher = hashlib.blake2b(digest_size=20)
    hasher.update(repr((FORMAT, sys.version, [_version(p) for p in ENGINE_PACKAGES])).encode())
    for root, folders, names in os.walk(PACKAGE):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        for name in sorted(names):
            path = os.path.join(root, name)
            hasher.update(os.path.relpath(path, PACKAGE).encode() + b"\0")
            with open(path, "rb") as handle:
                hasher.update(handle.read())
    return hasher.hexdigest()


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return ""
