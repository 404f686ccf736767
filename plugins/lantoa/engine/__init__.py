"""The engine seam: everything of Lan Tỏa that knows MkDocs (or ProperDocs, its maintained fork,
which loads this package unchanged) lives in this folder, and nothing outside it imports from here.

`plugin.py` maps MkDocs' events onto `lantoa.build.Build` and holds no logic of its own; each
module beside it is one job the adapter needs from the engine, with a docstring saying what it
relies on. Every name of MkDocs' that is not its documented plugin API is spelt once, in
`internals.py`, and each has a contract test (`tests/engine/test_contract.py`) that names it
when an engine release changes it. Porting Lan Tỏa to another engine means rewriting this folder.

- plugin.py     events → the pipeline (`lantoa.build`); config.py its options
- pages.py      the planned pages as MkDocs files and pages (`PlannedPage`)
- converter.py  one Markdown converter per process, and the body job's glue (acceleration)
- rebuilds.py   `mkdocs serve`: rebuilds that reuse unchanged pages and the previous output (acceleration)
- output.py     the output folder: atomic swap for builds, carried over between rebuilds
- watch.py      `mkdocs serve` notices a save when inotify reports it (acceleration)
- filters.py    the `url` filter without MkDocs' path arithmetic, `link_to`, listing cards (acceleration)
- theme.py      what Lan Tỏa knows of Material's templates: its nav, shared blocks, markup fixes
- logs.py       counting problems in MkDocs' log, quieting its notices
- internals.py  the engine's private names, once
"""
