"""A build killed with SIGKILL leaves no process behind: its workers (forked from the forkserver,
so not its children) end, the forkserver and the resource tracker follow, the build's output pipe
reaches EOF (a cancelled CI step is not left waiting), and the next build removes the half-written
staging folder, says so, and succeeds."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from support import engine

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from benchkit import corpus  # noqa: E402

from lantoa import lifeline  # noqa: E402

STORIES = 240  # enough for card and body pools, the search process and a photo pool
GONE_WITHIN = 8  # seconds, on a loaded 2-core machine (the workers notice at once)


def session_processes(session: int) -> dict[int, str]:
    """Live (not zombie) processes of `session`: pid → command line."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_bytes().rsplit(b")", 1)[1].split()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if int(fields[3]) == session and fields[0] not in (b"Z", b"X"):
            found[int(entry.name)] = command
    return found


def test_lifeline_sees_a_zombie_as_gone():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    deadline = time.monotonic() + 10
    while lifeline.alive(child.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not lifeline.alive(child.pid), "an exited, unreaped child still counts as running"
    child.wait()
    assert lifeline.alive(os.getpid())


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")
def test_killed_build_leaves_no_worker_and_the_next_build_cleans_up(tmp_path):
    project = corpus.write(corpus.generate(STORIES, seed=3, photos=True), tmp_path / "corpus")["lantoa"]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop(lifeline.ENVIRONMENT, None)
    build = subprocess.Popen(engine("build"), cwd=project, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    staging = project / "site.lantoa-new"
    try:
        # Mid-way: the staging folder is being written and workers run beside the build.
        deadline = time.monotonic() + 240
        while not (staging.is_dir() and len(session_processes(build.pid)) >= 4):
            assert build.poll() is None, build.stdout.read().decode(errors="replace")[-3000:]
            assert time.monotonic() < deadline, "the build never reached its workers"
            time.sleep(0.05)
        workers = session_processes(build.pid)
        os.kill(build.pid, signal.SIGKILL)

        output = bytearray()
        reader = threading.Thread(target=lambda: output.extend(build.stdout.read()), daemon=True)
        reader.start()
        reader.join(GONE_WITHIN)
        assert not reader.is_alive(), ("the build's output pipe is still open after its kill: "
                                       f"{session_processes(build.pid)}")
        deadline = time.monotonic() + GONE_WITHIN
        while session_processes(build.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not session_processes(build.pid), f"left running: {session_processes(build.pid)} (of {workers})"
    finally:
        if build.poll() is None:
            os.kill(build.pid, signal.SIGKILL)
        for pid in session_processes(build.pid):
            os.kill(pid, signal.SIGKILL)
        build.wait()

    assert staging.is_dir(), "the kill came after the build's end: nothing left to clean"
    again = subprocess.run(engine("build"), cwd=project, env=env,
                           capture_output=True, text=True, timeout=600)
    said = again.stdout + again.stderr
    assert again.returncode == 0, said[-3000:]
    assert "site.lantoa-new" in said and "Đã xoá thư mục dựng dở" in said, said[-3000:]
    assert not staging.exists()
    assert (project / "site" / "index.html").is_file()
