"""What a deploy does, worked out from the site and the bucket's listing alone (no network here).

A content-addressed file already in the bucket is never read nor uploaded again. Any other file is
uploaded when the MD5 of the bytes it would upload (gzip-compressed deterministically, so the same
text gives the same bytes) differs from the object's ETag, which S3-compatible stores set to the MD5
of a single-part upload. Deletions are what the bucket has and the site no longer does, except
share cards younger than `card_retention` years: posts shared months ago still point at them.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import hashlib
import os
from pathlib import Path
from typing import Iterable

from .policy import CARDS, PAGES, Policy, policy

DEFAULT_RETENTION_YEARS = 3


@dataclasses.dataclass(frozen=True)
class Remote:
    """One object of the bucket, as its listing gives it."""
    etag: str  # without quotes
    modified: dt.datetime  # aware


@dataclasses.dataclass(frozen=True)
class Upload:
    path: str  # relative to the site's root, forward slashes
    policy: Policy
    new: bool  # not in the bucket yet
    size: int  # bytes sent


@dataclasses.dataclass
class Plan:
    uploads: list[Upload]  # in upload order: by phase; within the pages, new ones first
    unchanged: int
    deletions: list[str]
    kept_cards: list[str]  # cards the site no longer has, kept for `card_retention` years

    def by_phase(self) -> dict[int, list[Upload]]:
        phases: dict[int, list[Upload]] = {}
        for upload in self.uploads:
            phases.setdefault(upload.policy.phase, []).append(upload)
        return phases

    def counts(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for upload in self.uploads:
            found[upload.policy.kind] = found.get(upload.policy.kind, 0) + 1
        return found


def site_files(site_dir: Path) -> list[str]:
    """Every file under site/, relative, sorted (dot-files and folders included: a host serves them)."""
    found = []
    for folder, _, names in os.walk(site_dir):
        relative = Path(folder).relative_to(site_dir).as_posix()
        prefix = "" if relative == "." else relative + "/"
        found += [prefix + name for name in names]
    return sorted(found)


def body(site_dir: Path, path: str, rule: Policy) -> bytes:
    """The bytes uploaded for `path`: the file, gzip-compressed (mtime 0: the same text, the same bytes)."""
    data = (Path(site_dir) / path).read_bytes()
    return gzip.compress(data, compresslevel=9, mtime=0) if rule.gzip else data


def etag(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


def make_plan(site_dir: Path, remote: dict[str, Remote], *, now: dt.datetime | None = None,
              card_retention_years: float = DEFAULT_RETENTION_YEARS, compress: bool = True,
              force: bool = False, paths: Iterable[str] | None = None) -> Plan:
    """`remote`: the bucket's objects under the deploy's prefix, keyed like site paths."""
    now = now or dt.datetime.now(dt.timezone.utc)
    local = list(paths) if paths is not None else site_files(site_dir)
    uploads, unchanged = [], 0
    for path in local:
        rule = policy(path, compress)
        known = remote.get(path)
        if known is not None and rule.addressed and not force:
            unchanged += 1
            continue
        data = body(site_dir, path, rule)
        if known is not None and not force and known.etag == etag(data):
            unchanged += 1
            continue
        uploads.append(Upload(path, rule, known is None, len(data)))
    uploads.sort(key=lambda u: (u.policy.phase, u.policy.phase == PAGES and not u.new, u.path))
    wanted = set(local)
    cutoff = now - dt.timedelta(days=365.25 * card_retention_years)
    deletions, kept = [], []
    for path, known in sorted(remote.items()):
        if path in wanted:
            continue
        if path.startswith(CARDS) and known.modified > cutoff:
            kept.append(path)
        else:
            deletions.append(path)
    return Plan(uploads, unchanged, deletions, kept)
