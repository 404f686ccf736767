"""`mkdocs build`: a page the previous build wrote from the same inputs is linked, not rendered.

A build writes the new site beside the old one and swaps them (`output.py`). In a warm build
most pages are what the last build wrote. So after a build has swapped, each planned page it
rendered is kept in `.cache/lantoa/pages.pickle`: its fingerprint (`reuse.Fingerprints`, over the
site's digest: configuration, templates, documentation pages, problems) and the size, modification
time and inode of the file it wrote. The next build takes the same fingerprints while MkDocs
reads the pages; where one is the same and the file in the site is still that file, the page is
hard-linked into the new output (copied where a link cannot be made), its template is
`lantoa/reuse.html` (nothing is rendered) and MkDocs writes nothing for it. Its body is still
read (from the body cache) for the search index, and it is listed in the sitemap.

The search index is kept the same way, as a whole: the index job digests everything it is given
(`search.job.IndexJob`), and when that is what the previous build gave it, the previous site's
index files are linked into the new site (`index_reuse`) and no index is made; and each feed
(`file_reuse`), by a digest of its entries, which are made again but not written out as XML.

Everything is forgotten when Lan Tỏa's own files (code, templates, assets) or the engine's
versions change (`code_version.code_digest`), or the site is built to another folder. A page is
kept only when its body has no relative link (`bodies.keepable`: MkDocs checks those against the
other pages) and nothing was logged while it was rendered.

Relies on: MkDocs skips a page whose output is empty (as `rebuilds.py`); nothing writes into a
page's file after MkDocs has, nor into a feed's after `Build.write_feeds` (a hard link shares the
file with the previous site until the swap).

Saves (scripts/bench build --10k --repeat 3, 2 cores, 5/12/2026): a warm build at 10,000 stories
took 27.1 s rendering every page again (1.13× plain MkDocs), 9.6 s now (0.41×). In single runs
while it was made: linking the pages saved 12.5 s, linking the search index 2.7 s more. The pages'
folders made ahead by a worker (`folders.py`, 7/12/2026): warm build 10.6 → 9.4 s (farm-bench,
eight pairs, 0.87× by wall time, 0.95× the build's user time).
"""
from __future__ import annotations

import dataclasses
import os
import pickle
import shutil
import stat
from pathlib import Path

from ..code_version import code_digest
from ..folders import FolderMaker

FORMAT = 1


@dataclasses.dataclass(frozen=True)
class Written:
    dest_uri: str
    fingerprint: bytes
    size: int
    mtime_ns: int
    inode: int


class PreviousSite:
    """The pages of the site at `target` as the last build wrote them, and those of this build."""

    def __init__(self, cache_dir: Path, target: Path, staging: Path):
        self.path = cache_dir / "pages.pickle"
        self.target, self.staging = target.resolve(), staging
        self.code = code_digest()
        stored = self._load()
        self.known: dict[str, Written] = stored.get("pages", {})
        self.known_folders: dict[str, tuple[bytes, dict[str, tuple[int, int, int]]]] = stored.get("folders", {})
        self.rendered: dict[str, tuple[str, bytes]] = {}  # this build's pages: src_uri → (dest_uri, fingerprint)
        self.folders: dict[str, bytes] = {}  # this build's folders made as a whole: uri → digest of their inputs
        self.linked = 0
        self.as_was: dict[str, Written] = {}  # pages linked: their files are the ones `known` describes
        self.folders_as_was: set[str] = set()  # folders linked whole: likewise
        self.known_files: dict[str, Written] = stored.get("files", {})  # files made whole (feeds), by uri
        self.files: dict[str, bytes] = {}  # this build's: uri → digest of their inputs
        self.files_as_was: dict[str, Written] = {}
        self.folders_ahead: FolderMaker | None = None

    def make_folders(self, pages: dict[str, str]) -> None:
        """Before MkDocs reads the `pages` (src_uri → dest_uri): their folders are made in the new
        site by a worker (`folders.FolderMaker`; 0.8 s of the build's own at 10,000 stories when
        warm, more in a cold build, where each is made anew). Not the folders of pages gone since
        (a story drafted, renamed): the pages are this build's, and MkDocs writes each of them."""
        self.folders_ahead = FolderMaker(str(self.staging), (os.path.dirname(dest) for dest in pages.values()))

    def folders_made(self) -> None:
        if self.folders_ahead is not None:
            self.folders_ahead.join()
            self.folders_ahead = None

    def _load(self) -> dict:
        try:
            with open(self.path, "rb") as handle:
                stored = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, TypeError):
            return {}
        if not isinstance(stored, dict) or stored.get("format") != FORMAT or stored.get("code") != self.code \
                or stored.get("target") != str(self.target):
            return {}
        return stored

    def link(self, src_uri: str, dest_uri: str, fingerprint: bytes | None) -> bool:
        """Put the previous site's file for the page into the new site, if it was written from the
        same fingerprint and is still that file; False: the page is rendered."""
        known = self.known.get(src_uri)
        if fingerprint is None or known is None or known.fingerprint != fingerprint or known.dest_uri != dest_uri:
            return False
        same_file = self._put_in_place(known)
        if same_file is None:
            return False
        self.rendered[src_uri] = (dest_uri, fingerprint)
        if same_file:
            self.as_was[src_uri] = known
        self.linked += 1
        return True

    def file_reuse(self, uri: str, digest: bytes) -> bool:
        """For a file made whole from inputs of `digest` (a feed: `Build.write_feeds`): the previous
        site's, put into the new site if made from the same and still that file (True); else the
        caller writes it (False). Kept for the next build either way."""
        self.files[uri] = digest
        known = self.known_files.get(uri)
        if known is None or known.fingerprint != digest:
            return False
        same_file = self._put_in_place(known)
        if same_file:
            self.files_as_was[uri] = known
        return same_file is not None

    def _put_in_place(self, known: Written) -> bool | None:
        """The previous site's file `known` describes, linked (True) or copied (False) into the new
        site, if it is still that file; None if not."""
        source, destination = os.path.join(self.target, known.dest_uri), os.path.join(self.staging, known.dest_uri)
        try:
            found = os.lstat(source)
            if not stat.S_ISREG(found.st_mode) or \
                    (found.st_size, found.st_mtime_ns, found.st_ino) != (known.size, known.mtime_ns, known.inode):
                return None
            try:
                return _link_or_copy(source, destination)
            except FileNotFoundError:  # its folder: not made yet by `make_folders`
                os.makedirs(os.path.dirname(destination), exist_ok=True)
                return _link_or_copy(source, destination)
        except OSError:
            return None

    def index_reuse(self, digest: bytes, folder: Path) -> bool:
        """For `IndexJob.start_build`: the previous site's copy of `folder` (in the new site) linked
        into it, if it was made from inputs of the same digest and its files are still those."""
        uri = folder.relative_to(self.staging).as_posix()
        self.folders[uri] = digest
        known = self.known_folders.get(uri)
        if known is None or known[0] != digest:
            return False
        files, source, destination = known[1], os.path.join(self.target, uri), os.fspath(folder)
        try:
            for name, (size, mtime_ns, inode) in files.items():
                found = os.lstat(os.path.join(source, name))
                if (found.st_size, found.st_mtime_ns, found.st_ino) != (size, mtime_ns, inode):
                    return False
            for parent in sorted({os.path.dirname(name) for name in files}):
                os.makedirs(os.path.join(destination, parent), exist_ok=True)
            for name in files:
                os.link(os.path.join(source, name), os.path.join(destination, name))
        except OSError:
            shutil.rmtree(folder, ignore_errors=True)  # what was linked goes: the index is made anew
            return False
        self.folders_as_was.add(uri)
        return True

    def written(self, src_uri: str, dest_uri: str, fingerprint: bytes) -> None:
        """A page this build rendered, to be kept for the next (`save`)."""
        self.rendered[src_uri] = (dest_uri, fingerprint)
        self.as_was.pop(src_uri, None)

    def save(self) -> None:
        """After the swap: this build's pages and files as they are in the site now (a file linked
        is the file it was: not looked at again, 0.3 s at 10,000 stories)."""
        pages = {src_uri: self.as_was.get(src_uri) or _written(self.target, dest_uri, fingerprint)
                 for src_uri, (dest_uri, fingerprint) in self.rendered.items()}
        files = {uri: self.files_as_was.get(uri) or _written(self.target, uri, digest)
                 for uri, digest in self.files.items()}
        folders = {uri: (digest, self.known_folders[uri][1] if uri in self.folders_as_was
                         else _files(self.target / uri)) for uri, digest in self.folders.items()}
        data = pickle.dumps({"format": FORMAT, "code": self.code, "target": str(self.target), "folders": folders,
                             "pages": {uri: w for uri, w in pages.items() if w is not None},
                             "files": {uri: w for uri, w in files.items() if w is not None}}, protocol=5)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, self.path)


def _written(target: Path, dest_uri: str, fingerprint: bytes) -> Written | None:
    """The file at `dest_uri` as it is in the site now (None: not there)."""
    try:
        found = os.lstat(os.path.join(target, dest_uri))
    except OSError:
        return None
    return Written(dest_uri, fingerprint, found.st_size, found.st_mtime_ns, found.st_ino)


def _link_or_copy(source: str, destination: str) -> bool:
    """Whether the file was linked (False: copied)."""
    try:
        os.link(source, destination)
        return True
    except FileNotFoundError:
        raise
    except OSError:  # another file system, or one without links
        shutil.copy2(source, destination)
        return False


def _files(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Every file under `folder`: its path inside it → size, modification time, inode."""
    found = {}
    for root, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            info = os.lstat(path)
            found[os.path.relpath(path, folder)] = (info.st_size, info.st_mtime_ns, info.st_ino)
    return found
