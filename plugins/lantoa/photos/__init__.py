"""Photos: responsive, private, cached renditions (issue 3).

`process(requests, options)` turns source photos into AVIF/JPEG renditions in the cache folder
(content-addressed, metadata-free, sRGB, upright) and returns one ProcessedPhoto per good source
plus diagnostics for the bad ones; `publish(photos, options, site_dir)` puts the renditions in use
under site/<url_prefix>/. The partial `lantoa/partials/picture.html` renders one figure.
"""
from . import codes  # noqa: F401  (declares LT101–LT108)
from .model import PhotoOptions, PhotoRequest, ProcessedPhoto, Rendition
from .pipeline import process
from .publish import publish

__all__ = ["PhotoOptions", "PhotoRequest", "ProcessedPhoto", "Rendition", "process", "publish"]
